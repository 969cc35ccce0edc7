"""Work folders beside output/ and content/, and the ones a stopped run left behind.

A build stages its site in `.output-building-<token>` and moves the old one to `.output-previous-<token>`;
an import stages its files in `.wordpress-import-<token>`. Each run first takes a lock on
`.<name>-<token>.lock` and holds it while it runs: the lock goes with its process, however that
ends (Ctrl+C, kill -9, a laptop losing power). A later run removes the folders of every token whose
lock it can take, and leaves those of a run that still holds its lock.
"""

import contextlib
import fcntl
import secrets
import shutil
from pathlib import Path


class WorkFolders:
    """The work folders of one run of one kind (e.g. name 'output', kinds ('building', 'previous'))."""

    def __init__(self, parent, name, kinds):
        # A hidden folder's work folders are named as its name without the dot: .preview-building-…
        self.parent, self.name, self.kinds = Path(parent), name.lstrip("."), kinds
        self.token = secrets.token_hex(4)
        self.lock = None

    def folder(self, kind):
        """Return this run's folder of a kind (not made here)."""
        return self.parent / f".{self.name}-{kind}-{self.token}"

    def __enter__(self):
        clear_leftovers(self.parent, self.name, self.kinds)
        self.lock = open(self.parent / f".{self.name}-{self.token}.lock", "w")  # noqa: SIM115 - held while it runs
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        Path(self.lock.name).unlink(missing_ok=True)
        self.lock.close()


def clear_leftovers(parent, name, kinds):
    """Remove the work folders beside parent of runs that are no longer running; return how many went."""
    parent = Path(parent)
    running = set()
    for lock_file in parent.glob(f".{name}-*.lock"):
        token = lock_file.name[len(name) + 2:-len(".lock")]
        with open(lock_file, "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                running.add(token)
                continue
            lock_file.unlink(missing_ok=True)  # its run is over: its folders go below
    removed = 0
    for kind in kinds:
        for folder in parent.glob(f".{name}-{kind}-*"):
            if folder.name.rsplit("-", 1)[-1] in running or folder.is_symlink() or not folder.is_dir():
                continue
            with contextlib.suppress(OSError):
                shutil.rmtree(folder)
                removed += 1
    return removed

