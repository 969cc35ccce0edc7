"""Settings for the published site: pelicanconf.py plus the real address."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403

# The address the site is served from, e.g. https://www.example.com
SITEURL = os.environ.get("SITEURL", "https://www.example.com").rstrip("/")
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
