"""Before publishing: everything still an example or missing, as a checklist in plain words.

The items are the publish build's own warnings (example contact details, example prices and
hours, anything else it warns about), the site's address, and every `Check:` line a post or page
still carries (the first post's placeholder date and old address, or a note she left herself).
"""

from urllib.parse import urlsplit

from .problems import WARNING, Problem
from .sources import check_sources, site_files

EXAMPLE_HOSTS = ("example.com", "example.org", "example.net")


def address_item(site_url):
    """Return the item for the site's address (SITEURL), or None when it is a real https:// address."""
    fix = "set SITEURL to the address readers will use, e.g. SITEURL=https://www.your-practice.co.uk"
    host = (urlsplit(site_url or "").hostname or "").removeprefix("www.")
    if not site_url:
        return Problem("SITEURL", None, "the site's address is not set", fix, WARNING)
    if host in EXAMPLE_HOSTS or host.endswith(tuple(f".{h}" for h in EXAMPLE_HOSTS)):
        return Problem("SITEURL", None, f"the site's address is still the example ({site_url})", fix, WARNING)
    if urlsplit(site_url).scheme != "https":
        return Problem("SITEURL", None, f"the site's address {site_url} does not start with https://",
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
    address = address_item(site_url)
    return [*([address] if address else []), *check_items(settings), *warnings]
