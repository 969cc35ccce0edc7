"""A Markdown extension and a Pelican plugin that watch the build's worker processes, for the tests.

As a Markdown extension: each conversion of a post or page is recorded ("converted: Title: ...");
in a worker process, a file containing KILL-THE-WORKER ends that process at once (as the system
does when memory runs out), and a file containing PROBE-WARNING logs a warning naming its first
line. As a plugin: every fork is recorded with the number of threads running at that moment.
Both write to the file named by the POOL_PROBE_LOG environment variable.
"""

import logging
import multiprocessing
import os
import threading

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor


def _note(line):
    with open(os.environ["POOL_PROBE_LOG"], "a", encoding="utf-8") as log:
        log.write(line + "\n")


class _Probe(Preprocessor):
    def run(self, lines):  # noqa: D102 (Python-Markdown's method)
        text = "\n".join(lines)
        if lines and lines[0].startswith("Title:"):  # a whole file, not its summary
            _note(f"converted: {lines[0]}")
        if "KILL-THE-WORKER" in text and multiprocessing.parent_process() is not None:
            _note("killed a worker")
            os._exit(1)
        if "PROBE-WARNING" in text:
            logging.getLogger("pool_probe").warning("a probe warning about '%s'", lines[0])
        return lines


class ProbeExtension(Extension):
    """Register the probe before every other preprocessor."""

    def extendMarkdown(self, md):  # noqa: N802, D102 (Python-Markdown's name)
        md.preprocessors.register(_Probe(md), "pool_probe", 1000)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    """Return the extension."""
    return ProbeExtension(**kwargs)


def _before_fork():
    _note(f"fork with {threading.active_count()} threads: {[t.name for t in threading.enumerate()]}")


def register():
    """Record every fork of the build process."""
    os.register_at_fork(before=_before_fork)
