"""Build the site with Pelican into a fresh folder and put it in place only when the build succeeded."""

import logging
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.log import LimitFilter
from pelican.settings import read_settings


class BuildError(Exception):
    """The build found problems; output/ was left as it was."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class BuildResult:
    """What a successful build made."""

    output: Path
    posts: int = 0
    pages: int = 0
    drafts: int = 0
    warnings: list = field(default_factory=list)
    seconds: float = 0.0

    def summary(self):
        """Return one line saying what was built, where, and how long it took."""
        return (
            f"Built {self.posts} post{'s' * (self.posts != 1)} and {self.pages} page{'s' * (self.pages != 1)} "
            f"into {self.output} in {self.seconds:.1f} s, with {len(self.warnings)} "
            f"warning{'s' * (len(self.warnings) != 1)}."
        )


class _Collector(logging.Handler):
    """Keep the build's warnings and errors as plain messages."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.warnings, self.errors = [], []

    def emit(self, record):
        message = record.getMessage().strip()
        # Pelican logs "Could not process <file>" without the reason unless DEBUG is on;
        # the handler runs inside Pelican's except block, so the reason is still at hand.
        error = sys.exc_info()[1]
        if record.levelno >= logging.ERROR and error is not None and str(error) not in message:
            message = f"{message}: {error}"
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(message)


@contextmanager
def _collected_logs():
    # Pelican's LimitFilter drops a message it has seen before in this process, which
    # would hide a second build's problems (tests, previews): forget them per build.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    collector = _Collector()
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        yield collector
    finally:
        root.removeHandler(collector)


def replace_folder(new, target):
    """Put folder new in target's place; target's old contents go only once new is there."""
    target = Path(target)
    if not target.exists():
        os.replace(new, target)
        return
    previous = Path(tempfile.mkdtemp(prefix=f".{target.name}-previous-", dir=target.parent))
    os.replace(target, previous / target.name)
    try:
        os.replace(new, target)
    except OSError:
        os.replace(previous / target.name, target)
        raise
    finally:
        shutil.rmtree(previous, ignore_errors=True)


def build(settings_file="pelicanconf.py", output="output", overrides=None):
    """Build into a staging folder beside output and swap it in; raise BuildError on any error."""
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-building-", dir=output.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the site is for everyone to read
    counts = {}

    def count(generators):
        for generator in generators:
            if isinstance(generator, ArticlesGenerator):
                counts.update(posts=len(generator.articles), drafts=len(generator.drafts))
            elif isinstance(generator, PagesGenerator):
                counts.update(pages=len(generator.pages))

    started = time.perf_counter()
    signals.all_generators_finalized.connect(count)
    try:
        with _collected_logs() as logs:
            settings = read_settings(
                str(settings_file),
                override={**(overrides or {}), "OUTPUT_PATH": str(staging), "DELETE_OUTPUT_DIRECTORY": False},
            )
            Pelican(settings).run()
        if logs.errors:
            raise BuildError(logs.errors)
        replace_folder(staging, output)
    finally:
        signals.all_generators_finalized.disconnect(count)
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(output, warnings=logs.warnings, seconds=time.perf_counter() - started, **counts)
