"""Ctrl+C: ending a program the way it ends one, and the steps it must wait for."""

import contextlib
import os
import signal
import sys


def end_as_ctrl_c_does():
    """End this process by SIGINT itself, with what it printed flushed.

    Not by an exit status: the shell or script that started it then stops too. And no exit handlers
    run (concurrent.futures', multiprocessing's), which could wake a pool whose workers Ctrl+C has
    already ended and print a traceback of their own.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGINT)


@contextlib.contextmanager
def ctrl_c_waits():
    """Hold Ctrl+C back until the block is done: a swap or an undo is never left half done."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
