"""Build the site with Pelican into a fresh folder and put it in place only when nothing went wrong.

Pelican runs in a child process (run.py), which writes the problems it found as records.
"""

import contextlib
import datetime
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .leftovers import WorkFolders
from .problems import FATAL, Problem, counted
from .stopping import ctrl_c_waits

PROJECT = Path(__file__).resolve().parent.parent


class BuildError(Exception):
    """The build found problems; the output folder was left as it was."""

    def __init__(self, problems):
        self.problems = sorted(problems, key=lambda p: (not p.is_error, p.path, p.line or 0))
        self.errors = [p for p in self.problems if p.is_error]
        self.warnings = [p for p in self.problems if not p.is_error]
        super().__init__("\n".join(str(p) for p in self.errors))


@dataclass
class BuildResult:
    """What a successful build made."""

    output: Path
    posts: int = 0
    pages: int = 0
    drafts: list = field(default_factory=list)
    scheduled: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    seconds: float = 0.0
    writing: bool = False

    def summary(self):
        """Return one line: posts and pages built, drafts, scheduled posts, warnings, time taken."""
        held = "shown for writing" if self.writing else "not published"
        scheduled = ", ".join(f"“{title}” on {date:%-d %B %Y}" for title, date, _ in self.scheduled)
        return (
            f"Built {counted(self.posts, 'post')} and {counted(self.pages, 'page')}; "
            f"{counted(len(self.drafts), 'draft')} {held}; "
            f"{len(self.scheduled)} scheduled{f' ({scheduled})' if scheduled else ''}; "
            f"{counted(len(self.warnings), 'warning')}; {self.seconds:.1f} s."
        )


def replace_folder(new, target, previous=None):
    """Put folder new in target's place; target's old contents go only once new is there.

    previous: the folder the old contents wait in (made here). Ctrl+C waits until the swap is done.
    """
    target = Path(target)
    with ctrl_c_waits():  # never half swapped
        if not target.exists():
            os.replace(new, target)
            return
        previous = Path(previous) if previous else Path(tempfile.mkdtemp(prefix=f".{target.name}-previous-",
                                                                         dir=target.parent))
        previous.mkdir(exist_ok=True)
        os.replace(target, previous / target.name)
        try:
            os.replace(new, target)
        except OSError:
            os.replace(previous / target.name, target)
            shutil.rmtree(previous, ignore_errors=True)
            raise
    remove_in_background(previous)


def remove_in_background(folder):
    """Delete folder without waiting for it: the new site is in place, and the old copy only has to go."""
    try:  # the shell starts rm on its own and returns at once, so nothing is left to wait for
        subprocess.run(["sh", "-c", 'rm -rf -- "$0" &', str(folder)], check=True,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except (OSError, subprocess.CalledProcessError):
        shutil.rmtree(folder, ignore_errors=True)


def child_environment():
    """Return the environment of a build process: this project importable, as it is here."""
    path = os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


def run_in(settings_file, staging, overrides, debug, ask):
    """Write a build request, have ask(request file) run it; return (problems, tally or None).

    ask returns a word on how the process ended when it wrote no result.
    """
    with tempfile.TemporaryDirectory(prefix="site-build-") as folder:
        request, result = Path(folder, "request.json"), Path(folder, "result.json")
        request.write_text(json.dumps({"settings": str(settings_file), "staging": str(staging), "debug": debug,
                                       "overrides": overrides, "result": str(result)}), encoding="utf-8")
        ended = ask(request)
        if not result.is_file():
            return [Problem("build", None, f"the build process stopped unexpectedly ({ended})",
                            "run the command again with --debug to see the technical details", FATAL)], None
        outcome = json.loads(result.read_text(encoding="utf-8"))
    return [Problem.from_record(record) for record in outcome["problems"]], outcome["tally"]


def _run_pelican(settings_file, staging, overrides, debug):
    """Build into staging in a child process of its own; return (problems, tally or None).

    The child and its helpers (Markdown workers, Pagefind) are a process group of their own: on
    Ctrl+C this process stops them all and waits for them, so that nothing of the build runs on.
    """

    def ask(request):
        # Its standard input is a pipe this process holds open: if this one is killed, the build ends too.
        with subprocess.Popen([sys.executable, "-m", "sitetools.run", str(request)], stdin=subprocess.PIPE,
                              env=child_environment(), process_group=0) as child:
            try:
                return f"exit status {child.wait()}"
            except KeyboardInterrupt:
                stop_group(child)
                raise

    return run_in(settings_file, staging, overrides, debug, ask)


def stop_group(child, seconds=10):
    """End a child's process group and wait for the child; kill the group if it takes longer.

    SIGTERM, not Ctrl+C's SIGINT: every process of the build (pools' workers of any plugin, Pagefind)
    then ends at once and without a word; this process says what stopped, and removes what it leaves.
    """
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGTERM)
    try:
        child.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()


def build(settings_file="pelicanconf.py", output="output", overrides=None, *, writing=False, debug=False,
          runner=None):
    """Build into a staging folder beside output and swap it in; raise BuildError on any error.

    writing=True builds the writing preview: drafts and scheduled posts shown and labelled.
    overrides: settings to change, as values JSON can carry.
    runner(settings_file, staging, overrides, debug) runs Pelican: a process per build unless given.
    """
    started = time.perf_counter()
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    extra = {"WRITING_MODE": True, "WITH_FUTURE_DATES": True} if writing else {}
    # Folders left by a build that was stopped (kill -9, power lost) go first; a running build's stay.
    with WorkFolders(output.parent, output.name, ("building", "previous")) as work:
        staging = work.folder("building")
        staging.mkdir()
        staging.chmod(0o755)  # the site is for everyone to read
        try:
            run = runner or _run_pelican
            problems, tally = run(Path(settings_file).resolve(), staging, {**(overrides or {}), **extra}, debug)
            if tally is None or any(p.is_error for p in problems):
                raise BuildError(problems)
            replace_folder(staging, output, work.folder("previous"))
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    scheduled = [(title, datetime.datetime.fromisoformat(date), shown) for title, date, shown in tally["scheduled"]]
    return BuildResult(output, posts=tally["posts"], pages=tally["pages"], drafts=tally["drafts"],
                       scheduled=scheduled, warnings=sorted(set(problems)), writing=writing,
                       seconds=time.perf_counter() - started)
