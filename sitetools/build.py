"""Build the site with Pelican into a fresh folder and put it in place only when nothing went wrong."""

import datetime
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.log import LimitFilter, console
from pelican.settings import read_settings

from .linkcheck import check_site
from .outputs import content_objects, output_problems
from .problems import ERROR, FATAL, WARNING, Problem, counted
from .rendering import Renderer
from .search import SEARCH_FOLDER, index_site
from .sources import check_sources, shown_path

# Pelican messages about links to missing files: sources.py reports them with file, line and fix.
REPORTED_BETTER = ("Unable to find", "Cannot get modification stamp")


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
    rendered: int = 0  # pages rendered by this build
    reused: int = 0  # pages unchanged since the previous build, taken from it

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


class _Collector(logging.Handler):
    """Keep what Pelican logs at warning level and above, with the exception being handled."""

    def __init__(self, debug):
        super().__init__(logging.WARNING)
        self.records = []
        self.debug = debug

    def emit(self, record):
        # Pelican logs "Could not process <file>" without the reason unless DEBUG is on;
        # the handler runs inside Pelican's except block, so the reason is still at hand.
        error = sys.exc_info()[1]
        message = record.getMessage().strip()
        if self.debug and record.exc_info:
            message += "\n" + "".join(traceback.format_exception(*record.exc_info))
        self.records.append((record.name, record.levelno, message, error))


@contextmanager
def _collected_logs(debug):
    # Pelican's LimitFilter drops a message it has seen before in this process, which
    # would hide a second build's problems (tests, previews): forget them per build.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    collector = _Collector(debug)
    root = logging.getLogger()
    root.addHandler(collector)
    quiet, console.quiet = console.quiet, True  # our summary line replaces Pelican's "Done: …"
    try:
        yield collector
    finally:
        root.removeHandler(collector)
        console.quiet = quiet


class _Stop(Exception):
    """Raised from a Pelican signal to stop the build before anything is written."""


def _forget_stopped_run():
    """Reset the sitemap plugin, which keeps a run open from its start to its end.

    A run stopped half-way leaves it open, and the next build in this process would write no sitemap.
    """
    sitemap = sys.modules.get("pelican.plugins.sitemap.sitemap")
    if sitemap is not None:
        sitemap.generator.__init__()


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


class _Build:
    """One build: the sources as read, Pelican's run into a staging folder, and what went wrong."""

    def __init__(self, settings, settings_name, staging, now):
        self.settings = settings
        self.settings_name = settings_name
        self.staging = staging
        self.now = now
        self.root = Path(settings["PATH"])
        self.sources, self.problems = check_sources(settings)
        self.by_file = {os.path.abspath(s.path): s for s in self.sources}  # as Pelican names files
        self.pages_by_url = {}
        self.generators = []

    @property
    def failed(self):
        """Return whether any problem found so far stops the build."""
        return any(p.is_error for p in self.problems)

    def source_of(self, content):
        """Return the Source a post or page was read from, or None."""
        return self.by_file.get(os.path.abspath(content.source_path))

    def describe(self, content):
        """Return (shown path, line of the detail that sets its address) for a post or page."""
        source = self.source_of(content)
        if source is None:
            return shown_path(content.source_path, self.root), None
        return source.shown, source.lines.get("save_as") or source.lines.get("slug") or source.lines.get("title")

    def check_outputs(self, generators):
        """Receive all_generators_finalized: stop before writing if two sources share a file."""
        self.generators = generators
        self.problems.extend(output_problems(generators, self.settings, self.describe))
        if self.failed:
            raise _Stop
        for content in content_objects(generators):
            if content.save_as:
                self.pages_by_url["/" + content.save_as] = self.source_of(content)

    def pelican_problems(self, records):
        """Turn Pelican's log records into problems, skipping files already reported."""
        # Problem paths are shown as content/<path>; Pelican names files by <path>.
        reported = {p.path.partition("/")[2] for p in self.problems if p.is_error and "/" in p.path}
        problems = []
        for logger, level, message, error in records:
            if message.startswith(REPORTED_BETTER) or any(path in message for path in reported):
                continue
            source = next((s for s in self.sources if str(s.path) in message
                           or s.path.relative_to(self.root).as_posix() in message), None)
            text = str(error) if error is not None and source is not None else message
            what, _, fix = text.partition(" — ")
            severity = ERROR if level >= logging.ERROR else WARNING
            if source is None:  # about the settings (our plugins) or the site as a whole (Pelican)
                where = "Pelican" if logger.startswith("pelican") else self.settings_name
                problems.append(Problem(where, None, what, fix, severity))
            else:
                line = source.lines.get(getattr(error, "key", None))
                problems.append(Problem(source.shown, line, what, fix, severity))
        return problems

    def link_problems(self, parsed=None, written=None):
        """Return a problem for each broken link in the staged site: at its source line, or once per target.

        parsed, written: pages parsed while they were rendered, and their files (see linkcheck.check_site).
        """
        problems, from_theme = [], {}
        cache = Path(self.settings["CACHE_PATH"]) / "linkcheck.pickle"
        for broken in check_site(self.staging, self.settings.get("SITEURL", ""), cache, parsed, written):
            candidates = [self.pages_by_url.get(broken.page)] + self.sources
            found = ((s, s.line_of(broken.target)) for s in candidates if s)
            source, line = next(((s, line) for s, line in found if line), (None, None))
            what, fix = LINK_MESSAGES[broken.kind]
            if source:
                problems.append(Problem(source.shown, line, what.format(target=broken.target), fix))
            else:  # written by a template: the same link is usually on every page
                from_theme.setdefault((broken.kind, broken.target), []).append(broken.page)
        for (kind, target), pages in from_theme.items():
            what, fix = LINK_MESSAGES[kind]
            where = f"theme (on {counted(len(pages), 'page')}, e.g. {pages[0]})"
            problems.append(Problem(where, None, what.format(target=target), fix))
        return sorted(set(problems))

    def is_future(self, date):
        """Return whether a post's date is still to come."""
        now = self.now if date.tzinfo else self.now.astimezone().replace(tzinfo=None)
        return date > now

    def tally(self, result):
        """Count posts and pages, and list drafts and scheduled posts, into result."""
        for generator in self.generators:
            if isinstance(generator, PagesGenerator):
                result.pages = len(generator.pages)
            if not isinstance(generator, ArticlesGenerator):
                continue
            for article, published in [(a, True) for a in generator.articles] + [(a, False) for a in generator.drafts]:
                shown = self.describe(article)[0]
                if article.metadata.get("status", "").lower() == "draft":
                    result.drafts.append(shown)
                elif self.is_future(article.date):
                    result.scheduled.append((article.title, article.date, shown))
                elif published:
                    result.posts += 1
        result.scheduled.sort(key=lambda item: item[1])


LINK_MESSAGES = {
    "image": ("the image '{target}' does not exist",
              "check the file name: images go in content/images/ and are written "
              "![description]({static}/images/name.jpg)"),
    "link": ("the link '{target}' leads to no page of this site",
             "check the address; to link to a post write ({filename}/posts/name.md)"),
    "anchor": ("the link '{target}' points to a part of a page that does not exist",
               "check the part after '#'"),
    "file": ("'{target}' does not exist in the built site", "check the address"),
}


def build(settings_file="pelicanconf.py", output="output", overrides=None, *, writing=False, debug=False):
    """Build into a staging folder beside output and swap it in; raise BuildError on any error.

    writing=True builds the writing preview: drafts and scheduled posts shown and labelled.
    """
    started = time.perf_counter()
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-building-", dir=output.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the site is for everyone to read
    extra = {"WRITING_MODE": True, "WITH_FUTURE_DATES": True} if writing else {}
    try:
        with _collected_logs(debug) as logs:
            settings = read_settings(
                str(settings_file),
                override={**(overrides or {}), **extra, "DEBUG": debug, "OUTPUT_PATH": str(staging),
                          "DELETE_OUTPUT_DIRECTORY": False},
            )
            run = _Build(settings, Path(settings_file).name, staging, datetime.datetime.now(datetime.UTC))
            if any(p.severity == FATAL for p in run.problems):
                raise BuildError(run.problems)
            pelican = Pelican(settings)
            renderer = Renderer(settings, output, sorted(Path(settings_file).resolve().parent.glob("*.py")))
            receivers = [(signals.all_generators_finalized, run.check_outputs),
                         (signals.get_writer, renderer.writer_class),
                         (signals.get_generators, renderer.generator_class)]
            for signal, receiver in receivers:
                signal.connect(receiver)
            try:
                pelican.run()
            except _Stop:
                _forget_stopped_run()
            except BaseException:
                _forget_stopped_run()
                raise
            finally:
                for signal, receiver in receivers:
                    signal.disconnect(receiver)
        run.problems.extend(run.pelican_problems(logs.records))
        if not run.failed:
            run.problems.extend(run.link_problems(renderer.parsed, renderer.written))
        if not run.failed and settings.get("SEARCH_INDEX") and not renderer.take_unchanged(SEARCH_FOLDER):
            run.problems.extend(filter(None, [index_site(staging)]))
        if run.failed:
            raise BuildError(run.problems)
        renderer.forget()
        replace_folder(staging, output)
        renderer.remember()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result = BuildResult(output, writing=writing, warnings=sorted(set(run.problems)),
                         seconds=time.perf_counter() - started, rendered=renderer.rendered, reused=renderer.reused)
    run.tally(result)
    return result

