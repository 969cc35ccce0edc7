"""Index the built site for search with Pagefind (the pagefind[bin] package: it works offline)."""

import subprocess
import sys

from .problems import Problem


def index_site(folder):
    """Write Pagefind's index into folder/pagefind; return a problem if it fails, else None."""
    done = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(folder), "--silent"],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no message"]
        return Problem("search index", None, f"Pagefind could not index the site ({detail[0]})",
                       "run './site.sh build' again, which installs Pagefind")
    return None
