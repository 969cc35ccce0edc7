"""The [site] part of the facts file: the site's public address and the way it is published, checked."""

import difflib
import re
from urllib.parse import urlsplit

from sitetools.author_values import is_example_address

WAYS = ("github", "gh-pages", "rsync", "netlify", "cloudflare")
HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
ADDRESS = 'e.g. address = "https://www.your-practice.co.uk"'


def address_mistake(address):
    """Return (what, fix) for an address readers could not use, or None; an empty one is not set yet."""
    shown = f'address = "{address}"'
    if not address:
        return None
    if address != address.strip() or any(space.isspace() for space in address):
        return f"{shown} has a space in it", f'write the address with no spaces, {ADDRESS}'
    if address.startswith("http://"):
        return f"{shown} starts with http://", f'write https:// instead: address = "https{address[4:]}"'
    if not address.startswith("https://"):
        guess = re.sub(r"^[a-z]*:?//", "", address)  # www.… or a mistyped https//
        return f"{shown} does not start with https://", f'write it as address = "https://{guess}"'
    parts = urlsplit(address)
    host = (parts.hostname or "").lower()
    if not HOST.match(host) or parts.port or parts.username:
        return f"{shown} is not the address of a website", f"write only the site's address, {ADDRESS}"
    if is_example_address(host):
        return f"{shown} is an example address", f"write your site's own address, {ADDRESS}"
    path = parts.path.strip("/")
    pages = host.endswith(".github.io") and "/" not in path  # GitHub serves a project's site under its name
    if parts.query or parts.fragment or (path and not pages):
        return (f"{shown} has more than the site's address", f'end it after the site\'s name: address = '
                f'"https://{host}{"/" + path.split("/")[0] if host.endswith(".github.io") else ""}"')
    return None


def publish_mistake(way):
    """Return (what, fix) when way is not one of the ways this site can be published, else None."""
    if way in WAYS:
        return None
    close = difflib.get_close_matches(str(way).strip().lower().replace(" ", ""), WAYS, n=1, cutoff=0.6)
    return (f'publish = "{way}" is not a way this site is published',
            f'did you mean "{close[0]}"?' if close else f"write one of: {', '.join(WAYS)}")
