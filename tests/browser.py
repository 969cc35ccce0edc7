"""Drive Debian's Chromium with Playwright over the built site, as a reader would."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the last two flags Chromium tries to reach the network as it starts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
INSTALL_HINT = "Chromium is not installed: run 'sudo apt-get install chromium' (./site.sh test does it)"


def chromium_or_skip():
    """Return the Chromium path; skip the test where it is missing, but fail under CI."""
    if os.path.exists(CHROMIUM) or shutil.which(CHROMIUM):
        return CHROMIUM
    if os.environ.get("CI") == "true":
        pytest.fail(INSTALL_HINT + " — browser tests must run in CI")
    pytest.skip(INSTALL_HINT)
    return None
