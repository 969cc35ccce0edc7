"""Index the built site for search with Pagefind (the pagefind[bin] package: it works offline)."""

import subprocess
import sys

from .problems import Problem


def start_indexing(folder, output=subprocess.PIPE):
    """Start writing Pagefind's index into folder/pagefind; return the running process.

    It runs beside the build's last checks, which only read the pages: it uses a core they leave idle.
    output: where its messages go (read by indexing_problem; the preview drops them).
    """
    return subprocess.Popen([sys.executable, "-m", "pagefind", "--site", str(folder), "--silent"],
                            stdout=output, stderr=output, text=True)


def indexing_problem(indexing):
    """Wait for the index; return a problem if Pagefind failed, else None."""
    out, err = indexing.communicate()
    if indexing.returncode != 0:
        detail = (err or out).strip().splitlines()[-1:] or ["no message"]
        return Problem("search index", None, f"Pagefind could not index the site ({detail[0]})",
                       "run './site.sh build' again, which installs Pagefind")
    return None
