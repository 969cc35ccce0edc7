"""Before publishing: everything still an example or missing, as a checklist in plain words.

The items are the publish build's own warnings (example contact details, example prices and
hours, anything else it warns about), the site's address, and every `Check:` line a post or page
still carries (the first post's placeholder date and old address, or a note she left herself).
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

from .author_values import is_example_address
from .problems import WARNING, Problem
from .sources import check_sources, site_files
from .toml_lines import Lines

EXAMPLE_ADDRESS = 'address = "https://www.your-practice.co.uk"'


def address_place(settings):
    """Return (file, line) where the site's address is written: [site] address in the facts file."""
    name = settings.get("PRACTICE_FILE") or "data/practice.toml"
    path = Path(settings.get("PATH", "content")) / name
    shown = f"{Path(settings.get('PATH', 'content')).name}/{name}"
    try:
        lines = Lines(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return shown, None
    return shown, lines.line("site", "address")


def address_item(site_url, place=("content/data/practice.toml", None)):
    """Return the item for the site's address, or None when it is a real https:// address.

    place is (file, line) of `address` in the facts file; a SITEURL set on the computer or host wins over it.
    """
    shown, line = place
    fix = (f"write it in the [site] part of {shown}, e.g. {EXAMPLE_ADDRESS}" if line else
           f"add a line [site] at the end of {shown} and below it {EXAMPLE_ADDRESS}")
    if os.environ.get("SITEURL"):  # a host's setting, never part of her own loop
        shown, line, fix = "SITEURL (set on this computer or host)", None, "set it to the site's https:// address"
    if not site_url:
        return Problem(shown, line, "the site's address is not set", fix, WARNING)
    if is_example_address(urlsplit(site_url).hostname):
        return Problem(shown, line, f"the site's address is still the example ({site_url})", fix, WARNING)
    if urlsplit(site_url).scheme != "https":
        return Problem(shown, line, f"the site's address {site_url} does not start with https://",
                       "use the https:// address: browsers warn readers about sites without it", WARNING)
    return None


def check_items(settings):
    """Return an item for each post or page that still has a `Check:` line, among the files Pelican reads.

    A folder link that loops, which stops Pelican from listing the files, is an item of its own.
    """
    files, loops = site_files(settings)
    sources = [source for kind, names in files for source in check_sources(settings, kind, names)[0]]
    return loops + [Problem(source.shown, source.lines.get("check"), f"Check: {source.details['check']}",
                            "do it, then delete the Check: line", WARNING)
                    for source in sources if source.details.get("check")]


def checklist(settings, site_url, warnings):
    """Return the open items: the address, the Check: lines, the publish build's warnings."""
    address = address_item(site_url, address_place(settings))
    return [*([address] if address else []), *check_items(settings), *warnings]
