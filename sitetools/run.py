"""Run Pelican once, into a staging folder, in a process of its own; write what went wrong as records.

build.py starts this module as a child process and reads the records it writes. A fresh process per
build means Pelican and its plugins start clean each time: nothing a previous build logged, connected
or remembered reaches this one, so nothing has to be reset. The preview's builder (--serve) imports
everything once and forks a child for each build from that state, which keeps both.

    python -m sitetools.run REQUEST.json   (REQUEST names the settings, the staging folder and RESULT;
                                            it builds while its standard input stays open)
    python -m sitetools.run --serve SETTINGS   (the preview: request files on standard input, one a line)
"""

import contextlib
import datetime
import fcntl
import importlib
import json
import logging
import multiprocessing
import os
import re
import signal
import sys
import traceback
from pathlib import Path
from urllib.parse import unquote

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.log import console
from pelican.settings import read_settings
from pelican.urlwrappers import Author, Category, Tag

from .content_cache import ContentCache
from .linkcheck import check_site
from .outputs import content_objects, output_problems, static_problems
from .problems import ERROR, FATAL, WARNING, Problem, counted
from .search import indexing_problem, start_indexing
from .sources import check_sources, closest_file, folder_loops, markdown_files, shown_path
from .stopping import end_as_ctrl_c_does


class _Collector(logging.Handler):
    """Keep what is logged at warning level and above, with the exception being handled, if any.

    debug: also print each record's traceback (Pelican attaches one when DEBUG is on).
    """

    def __init__(self, debug=False):
        super().__init__(logging.WARNING)
        self.records = []
        self.debug = debug

    def emit(self, record):
        # Pelican logs "Could not process <file>" inside its except block: the reason is still at hand.
        self.records.append((record, sys.exc_info()[1]))
        if self.debug and record.exc_info:
            traceback.print_exception(*record.exc_info, file=sys.stderr)


class _Stop(Exception):
    """Raised from a Pelican signal to stop the build before anything is written."""


class _Build:
    """One build: the sources as read, Pelican's run into the staging folder, and what went wrong."""

    def __init__(self, settings, settings_name, now, plugins):
        self.settings = settings
        self.settings_name = settings_name
        self.staging = Path(settings["OUTPUT_PATH"])
        self.now = now
        self.root = Path(settings["PATH"])
        # Each plugin names the details of a post it reads (METADATA_KEYS): any other is a likely typo.
        self.plugin_keys = [key for plugin in plugins for key in getattr(plugin, "METADATA_KEYS", ())]
        self.sources, self.problems = [], []
        self.sources_failed = False  # whether a source has an error: Pelican's warnings about it would repeat it
        self.by_file = {}  # as Pelican names files
        self.pages_by_url = {}
        self.generators = []

    @contextlib.contextmanager
    def listening(self):
        """Receive Pelican's signals while the block runs, and no longer: the next run has its own _Build."""
        receivers = [(signals.generator_init, self.check_sources),
                     (signals.all_generators_finalized, self.check_outputs),
                     (signals.finalized, self.check_static_outputs)]
        for sent, receiver in receivers:
            sent.connect(receiver)
        try:
            yield
        finally:
            for sent, receiver in receivers:
                sent.disconnect(receiver)

    def check_sources(self, generator):
        """Receive generator_init: check the Markdown files the posts' or pages' generator will read, first.

        With errors in them, Pelican still reads them, for a full list of what to fix (check_outputs
        stops it before it writes anything); a fatal one (Pelican would misread) stops it here.
        """
        found = markdown_files(generator)
        if found is None:
            return
        sources, problems = check_sources(self.settings, *found, self.plugin_keys)
        self.sources += sources
        self.problems += problems
        self.by_file |= {os.path.abspath(s.path): s for s in sources}
        self.sources_failed = self.sources_failed or any(p.is_error for p in problems)
        if self.fatal:
            raise _Stop

    @property
    def failed(self):
        """Return whether any problem found so far stops the build."""
        return any(p.is_error for p in self.problems)

    @property
    def fatal(self):
        """Return whether a problem was found that stops the build before Pelican reads anything."""
        return any(p.severity == FATAL for p in self.problems)

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

    def check_static_outputs(self, pelican):
        """Receive finalized: check the static files' addresses too, now that links are resolved."""
        self.problems.extend(static_problems(self.generators, self.describe))

    def _named_file(self, record):
        """Return the shown path of the content file a log record is about, or None.

        The file is named by the record's `source_path` (our plugins log one), or by an argument:
        a path, or a post or page (Pelican passes those).
        """
        named = [getattr(record, "source_path", None)]
        if isinstance(record.args, tuple):
            named += [getattr(arg, "source_path", arg) for arg in record.args]
        root = Path(os.path.abspath(self.root))
        for name in named:
            if isinstance(name, str | os.PathLike) and str(name):
                path = Path(os.path.abspath(root / name))
                if path.is_relative_to(root) and os.path.lexists(path):
                    return shown_path(path, root)
        return None

    def logged_problems(self, records):
        """Turn log records (Pelican's and the plugins') into problems, by the file they name."""
        problems = []
        reported = {p.path for p in self.problems if p.is_error}
        by_shown = {s.shown: s for s in self.sources}
        for record, error in records:
            if error is not None and hasattr(error, "detail"):  # a plugin's error names its own file (and line)
                problems.append(file_problem(error, self.settings["PATH"]))
                continue
            shown = self._named_file(record)
            if shown in reported:
                continue
            source = by_shown.get(shown)
            text = str(error) if error is not None and source is not None else record.getMessage().strip()
            what, _, fix = text.partition(" — ")
            severity = ERROR if record.levelno >= logging.ERROR else WARNING
            if source is None:  # about a data file, the settings (our plugins) or the site as a whole (Pelican)
                where = shown or ("Pelican" if record.name.startswith("pelican") else self.settings_name)
                problems.append(Problem(where, getattr(record, "line", None), what, fix, severity))
            else:
                line = getattr(record, "line", None) or source.lines.get(getattr(error, "key", None))
                problems.append(Problem(source.shown, line, what, fix, severity))
        return problems

    def link_problems(self):
        """Return a problem for each broken link in the staged site: at its source line, or once per target."""
        problems, from_theme = [], {}
        cache = Path(self.settings["CACHE_PATH"]) / "linkcheck.pickle"
        for broken in check_site(self.staging, self.settings.get("SITEURL", ""), cache):
            candidates = [self.pages_by_url.get(broken.page)] + self.sources
            found = ((s, s.line_of(broken.target)) for s in candidates if s)
            source, line = next(((s, line) for s, line in found if line), (None, None))
            what, fix = LINK_MESSAGES[broken.kind]
            if source is None and self.pages_by_url.get(broken.page):  # written {category}x, {tag}x, {author}x?
                source, line, fix = intrasite_link(self.pages_by_url[broken.page], broken.target, self.settings, fix)
            if broken.kind == "image":  # her image by a slightly different name?
                target = broken.target.removeprefix(self.settings.get("SITEURL", "")).lstrip("/")
                close = closest_file(Path(self.settings["PATH"]) / target)
                fix = f"did you mean {close}?" if close else fix
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

    def tally(self):
        """Return the posts and pages built, the drafts, and the scheduled posts (title, date, file)."""
        tally = {"posts": 0, "pages": 0, "drafts": [], "scheduled": []}
        for generator in self.generators:
            if isinstance(generator, PagesGenerator):
                tally["pages"] = len(generator.pages)
            if not isinstance(generator, ArticlesGenerator):
                continue
            for article, published in [(a, True) for a in generator.articles] + [(a, False) for a in generator.drafts]:
                shown = self.describe(article)[0]
                if article.metadata.get("status", "").lower() == "draft":
                    tally["drafts"].append(shown)
                elif self.is_future(article.date):
                    tally["scheduled"].append((article.title, article.date.isoformat(), shown))
                elif published:
                    tally["posts"] += 1
        tally["scheduled"].sort(key=lambda item: item[1])
        return tally


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


# What a Pelican link such as {category}Name leads to, and what to do when that page does not exist.
INTRASITE = re.compile(r"\{(?P<kind>author|category|tag)\}(?P<name>[^)\s\"'>#]+)")
INTRASITE_PAGES = {"author": Author, "category": Category, "tag": Tag}
INTRASITE_FIXES = {
    "author": "this site has no author pages — link to a page instead, e.g. the About page: "
              "({filename}/pages/about.md)",
    "category": "no post is in the category '{name}' — check the name against the 'Category:' line of a post",
    "tag": "no post has the tag '{name}' — check the name against the 'Tags:' line of a post",
}


def intrasite_link(source, target, settings, fix):
    """Return (source, line, fix) for a broken link written {author}x, {category}x or {tag}x, else (None, None, fix)."""
    wanted = target.removeprefix(settings.get("SITEURL", "")).lstrip("/").split("#")[0]
    for number, text in enumerate(source.text_lines, 1):
        for match in INTRASITE.finditer(text):
            name = unquote(match["name"])
            if INTRASITE_PAGES[match["kind"]](name, settings).url == wanted:  # the address Pelican gave the link
                return source, number, INTRASITE_FIXES[match["kind"]].replace("{name}", name)
    return None, None, fix


def file_problem(error, root):
    """Return the problem a plugin's error about one file of the site describes (its path and detail)."""
    path = Path(os.path.abspath(Path(root) / error.path))
    shown = shown_path(path, Path(os.path.abspath(root))) if os.path.lexists(path) else str(error.path)
    what, _, fix = error.detail.partition(" — ")
    return Problem(shown, getattr(error, "line", None), what, fix)


def run(settings_file, staging, overrides, debug):
    """Build the site into staging; return (problems, tally).

    The writing preview calls it again and again in one process: what it adds (its log handler, its
    receivers) goes when it returns, so each run starts as a fresh process would.
    """
    collector = _Collector(debug)
    logging.getLogger().addHandler(collector)
    console.quiet = True  # the parent's summary line replaces Pelican's "Done: …"
    try:
        settings = read_settings(str(settings_file), override={**overrides, "DEBUG": debug,
                                                                "OUTPUT_PATH": str(staging),
                                                                "DELETE_OUTPUT_DIRECTORY": False})
        with cache_for_kind(settings):
            return _run(settings, settings_file, staging, collector, debug)
    finally:
        logging.getLogger().removeHandler(collector)


# Caches of what does not depend on the kind of build, kept beside the kinds' own folders.
SHARED_CACHES = {"RESPONSIVE_IMAGE_CACHE": "images", "SHARE_IMAGE_CACHE": "share-images"}


@contextlib.contextmanager
def cache_for_kind(settings):
    """Give this kind of build (preview, build, publish) a cache folder of its own, used by one build at a time.

    The preview, local builds and publish builds convert posts with different settings: in one folder
    each would throw the other's converted posts away. Photos and share images are the same for all.
    """
    shared = Path(settings["CACHE_PATH"])
    kind = "preview" if settings.get("WRITING_MODE") else "publish" if settings.get("SITEURL") else "build"
    for name, folder in SHARED_CACHES.items():
        settings.setdefault(name, str(shared / folder))
    settings["CACHE_PATH"] = str(shared / kind)
    Path(settings["CACHE_PATH"]).mkdir(parents=True, exist_ok=True)
    with open(Path(settings["CACHE_PATH"]) / "in-use.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Another {kind} is running; this one starts when it has finished.", file=sys.stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield  # the lock goes with the file, when the build ends or its process does


def _run(settings, settings_file, staging, collector, debug):
    """Build the site into staging with the settings; return (problems, tally)."""
    cache = ContentCache(settings, Path(settings_file).resolve().parent)
    build = None
    try:
        site = Pelican(settings)  # loads the plugins, which check the settings and read data files
        loops = folder_loops(settings)  # before Pelican walks: its walk cannot get out of such a loop
        if loops:
            return loops, None
        build = _Build(settings, Path(settings_file).name, datetime.datetime.now(datetime.UTC), site.plugins)
        with build.listening():
            site.run()
    except _Stop:
        pass
    except ValueError as error:
        if not hasattr(error, "detail"):  # a plugin's error about a file names it: path and detail
            raise
        if debug:
            traceback.print_exception(error)
        if build is None:
            return [file_problem(error, settings["PATH"])], None
        build.problems.append(file_problem(error, settings["PATH"]))
    if build.fatal:  # Pelican would misread the files: it was stopped before reading any
        return build.problems, None
    logged = build.logged_problems(collector.records)
    build.problems.extend(p for p in logged if p.is_error or not build.sources_failed)  # warnings would repeat errors
    if not build.failed:
        cache.keep()
        indexing = start_indexing(staging) if settings.get("SEARCH_INDEX") else None
        try:
            build.problems.extend(build.link_problems())
        finally:
            if indexing:
                build.problems.extend(filter(None, [indexing_problem(indexing)]))
    return build.problems, build.tally()


def unexpected(error, settings_file):
    """Return a problem for an error no check foresaw: where in the settings it arose, if there."""
    name = Path(settings_file).name
    what, _, fix = str(error).partition(" — ")
    if isinstance(error, SyntaxError) and error.filename:
        return Problem(Path(error.filename).name, error.lineno, what, fix, FATAL)
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if Path(frame.filename).name in ("pelicanconf.py", "publishconf.py", name):
            return Problem(Path(frame.filename).name, frame.lineno, what, fix, FATAL)
    if isinstance(error, ValueError) and hasattr(error, "name"):  # a plugin's SettingError
        return Problem(name, None, what, fix, FATAL)
    return Problem("build", None, f"{type(error).__name__}: {what}",
                   fix or "run the command again with --debug to see the technical details", FATAL)


def main(request_file):
    """Run the build a request file describes and write its result file."""
    request = json.loads(Path(request_file).read_text(encoding="utf-8"))
    try:
        problems, tally = run(request["settings"], request["staging"], request["overrides"], request["debug"])
    except Exception as error:
        if request["debug"]:
            traceback.print_exc()
        problems, tally = [unexpected(error, request["settings"])], None
    result = {"problems": [problem.record() for problem in problems], "tally": tally}
    Path(request["result"]).write_text(json.dumps(result), encoding="utf-8")


def warm_up(settings_file):
    """Import what a build of these settings imports: Pelican's parts, the plugins, the Markdown extensions."""
    settings = read_settings(str(settings_file))
    sys.path[:0] = [str(Path(settings_file).parent / path) for path in settings["PLUGIN_PATHS"]]
    markdown = settings.get("MARKDOWN", {})
    for name in [*settings["PLUGINS"], *markdown.get("extension_configs", {}), *markdown.get("extensions", [])]:
        if isinstance(name, str):
            with contextlib.suppress(ImportError):  # one the build cannot import, it reports itself
                importlib.import_module(name)


def serve_requests(lines, answer, settings_file):
    """Run each request file named in lines (one per line); answer(path, exit status) after each.

    The writing preview's builder. Pelican, Markdown and the plugins are imported once, here; each
    build runs in a child forked from this process as it is now, so every build starts from the same
    state, however many came before (Pelican's memoised content and deduplicated warnings included), and
    this process neither grows nor dies with a build that crashes. Told to stop (SIGTERM), it ends the
    build it runs first: that build is a process group of its own, which no signal to this one reaches.
    """
    warm_up(settings_file)
    fork = multiprocessing.get_context("fork")
    running = []

    def stop(signal_number, frame):
        for child in running:
            end_group(child.pid)
        signal.signal(signal_number, signal.SIG_DFL)
        os.kill(os.getpid(), signal_number)

    signal.signal(signal.SIGTERM, stop)
    for line in lines:
        child = fork.Process(target=in_own_group, args=(main, line.strip()))
        child.start()
        running[:] = [child]
        child.join()
        running.clear()
        end_group(child.pid)  # a helper it left (a pool's worker) goes with it
        answer(line.strip(), child.exitcode)


def end_group(leader):
    """End every process of the group leader started, at once."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(leader, signal.SIGKILL)


def in_own_group(function, *args):
    """Call function quietly as the first of a process group of its own, which the builder ends after it."""
    os.setpgid(0, 0)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the builder's: a SIGTERM ends this group at once
    quietly(function, *args)


def with_lifeline(function, *args):
    """Call function while the parent holds this process's standard input open; end the group when it closes.

    A build started by `invoke build` is a process group of its own, so that Ctrl+C reaches it only
    through its parent. If that parent is killed outright (kill -9, a closed laptop), its end of the
    pipe closes and the build, its workers and Pagefind end with it instead of building on. The one who
    waits is a process of the group, forked first: a thread would be in every later fork (the pools').
    """
    if os.fork() == 0:
        try:
            while os.read(0, 4096):
                pass
        finally:  # never on into the build: this process only waits
            end_group(os.getpgid(0))  # itself included
    quietly(function, *args)


def quietly(function, *args):
    """Call function; on Ctrl+C end without a traceback, as Ctrl+C ends a program: the parent says what stopped."""
    try:
        function(*args)
    except KeyboardInterrupt:
        end_as_ctrl_c_does()
        raise  # only if the signal could not end the process


if __name__ == "__main__":
    if sys.argv[1] == "--serve":  # requests on standard input, a line each; "done <request>" when written
        quietly(serve_requests, sys.stdin, lambda path, status: print(f"done {path} {status}", flush=True),
                sys.argv[2])
    else:
        with_lifeline(main, sys.argv[1])
