"""Settings for the published site: pelicanconf.py plus the real address."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403

# The address the site is served from, e.g. https://www.example.com
SITEURL = os.environ.get("SITEURL", "https://www.example.com").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
