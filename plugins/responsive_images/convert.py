"""Make the versions the cache lacks, on every core, saying how far it has got when it takes a while."""

import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed

from .resize import make

QUIET_FOR = 2.0  # seconds of work before progress is shown
EVERY = 5.0  # seconds between progress lines when the output is not a terminal


class Progress:
    """Count finished images on stderr: 'Preparing photos: 37 of 200, about 40 s left'."""

    def __init__(self, total, stream=sys.stderr):
        self.total, self.done, self.stream = total, 0, stream
        self.started, self.shown = time.monotonic(), None
        self.live = stream.isatty()

    def step(self):
        """Note one more image done; show the count once the work has run for a couple of seconds."""
        self.done += 1
        now = time.monotonic()
        if now - self.started < QUIET_FOR:
            return
        if not self.live and self.shown is not None and now - self.shown < EVERY and self.done < self.total:
            return
        self.shown = now
        left = (now - self.started) / self.done * (self.total - self.done)
        line = f"Preparing photos: {self.done} of {self.total}, {_duration(left)} left"
        self.stream.write(f"\r{line}\x1b[K" if self.live else f"{line}\n")
        if self.live and self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


def _duration(seconds):
    """Return 'about 40 s' or 'about 3 min'."""
    return f"about {round(seconds)} s" if seconds < 90 else f"about {round(seconds / 60)} min"


def convert_all(jobs, workers=None):
    """Return [(job, cache key)] for every job, once each job's versions are in the cache.

    workers: processes to make versions in; None for one per core.
    """
    keyed = [(job, job.key()) for job in jobs]
    # The same photo under two names (WordPress's name-1.jpg, a phone's copy) has one key: one process makes
    # its versions, the others would write the same files at the same time.
    todo = {}
    for job, key in keyed:
        if (key, job.layout.suffix) not in todo and not job.is_cached(key):
            todo[key, job.layout.suffix] = (job, key)
    todo = list(todo.values())
    progress = Progress(len(todo))
    workers = min(workers or os.cpu_count() or 1, len(todo))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for job, key in todo:
            make(job, key)
            progress.step()
        return keyed
    # Forked workers have the plugin loaded already; each image is a task, so a slow one holds up no other.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        for future in as_completed([pool.submit(make, job, key) for job, key in todo]):
            future.result()  # an image that cannot be read stops the build, naming it
            progress.step()
    return keyed
