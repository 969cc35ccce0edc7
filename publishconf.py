"""Settings for the published site: pelicanconf.py plus the real address."""

import os
import sys
import tomllib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403


def site_address(folder):
    """Return [site] address from the facts file, or "" (the build names any mistake in it at its line)."""
    try:
        with open(os.path.join(folder, PATH, PRACTICE_FILE), "rb") as facts:  # noqa: F405
            address = tomllib.load(facts).get("site", {}).get("address", "")
    except (OSError, tomllib.TOMLDecodeError, AttributeError):
        return ""
    return address if isinstance(address, str) else ""


# The address the site is served from. A SITEURL set on the host comes first; the address she
# writes in content/data/practice.toml next; then the one GitHub Pages gives (the workflow passes it).
SITEURL = (os.environ.get("SITEURL") or site_address(os.path.dirname(os.path.abspath(__file__)))
           or os.environ.get("PAGES_BASE_URL") or "").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL

# The security policy also as <meta> tags, for hosts that cannot send headers (GitHub
# Pages). Only here: the writing preview's live-reload script would break under it.
SECURITY_META = True

# Text files also written gzip- and brotli-compressed, for hosts that serve them.
PLUGINS = [*PLUGINS, "pelican.plugins.precompress"]  # noqa: F405

# A small page at each Old_url's address sends readers on, for hosts without _redirects.
# Netlify serves such a page instead of applying the 301, so its build turns them off.
OLD_URL_PAGES = os.environ.get("OLD_URL_PAGES", "true").lower() != "false"
