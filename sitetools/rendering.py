"""Render only the pages whose inputs changed, on every core; take the others from the previous build.

Pelican's writer is given a template that only queues the page: Pelican still paginates, builds each
page's context, records the file as written and tells plugins (the sitemap) about the page. Once all
pages are queued, each gets a key from everything it can show (fingerprint.py). A page whose key is
the one recorded for the file in the previous build is hard-linked from there; the others are
rendered, split between processes. The record is kept only once the new site is in place.
"""

import gc
import hashlib
import io
import logging
import os
import pickle
import shutil
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from pelican.writers import Writer

from .fingerprint import Fingerprints, code_digest
from .linkcheck import page_key, parse_html

PARALLEL_FROM = 48  # below this many pages to render, starting a process costs more than it saves
RECORDS = "pages"  # under CACHE_PATH


class RenderError(Exception):
    """A template failed while rendering a page; the message names the page."""


class _QueuedTemplate:
    """Stands in for a Jinja template: render() queues the page and returns an empty placeholder."""

    def __init__(self, template, queue, paginated):
        self.template = template
        self.queue = queue
        self.paginated = paginated  # whether the page's own posts are in *_page, the lists being the whole set

    def render(self, context):
        self.queue.append((context["output_file"], self.template, context, self.paginated))
        return ""


class Renderer:
    """The pages of one build: queued by the writer, then reused or rendered in one go."""

    def __init__(self, settings, output, project_files=()):
        self.settings = settings
        self.staging = Path(settings["OUTPUT_PATH"])
        self.previous = Path(output)
        self.record_file = Path(settings["CACHE_PATH"]) / RECORDS / f"{_name_for(self.previous)}.pickle"
        # What renders pages: the theme, the plugins, the settings files, and this package.
        code = [Path(settings["THEME"]), *map(Path, settings.get("PLUGIN_PATHS", [])), Path(__file__).parent]
        self.code = code_digest(code, project_files)
        self.queue = []
        self.record, self.previous_record = {}, {}
        self.rendered = self.reused = 0
        # For the link check: each rendered page's parse, and its file's identity with the key of its bytes.
        self.parsed, self.written = {}, {}
        self.context = self.keys = None

    def writer_class(self, pelican):
        """Receive get_writer: return a Pelican writer that queues pages for this renderer."""
        renderer = self

        class QueuingWriter(Writer):
            def write_file(self, name, template, context, relative_urls=False, paginated=None,
                           template_name=None, override_output=False, url=None, **kwargs):
                renderer.context = context
                # Pelican's own rule for when a page is one of several of a list
                lists = paginated if paginated is not None else {k: v for k, v in kwargs.items()
                                                                 if k in ("articles", "dates")}
                pages = bool(lists) and template_name in self.settings["PAGINATED_TEMPLATES"]
                queued = _QueuedTemplate(template, renderer.queue, pages)
                self.queuing = True
                try:
                    return super().write_file(name, queued, context, relative_urls=relative_urls,
                                              paginated=paginated, template_name=template_name,
                                              override_output=override_output, url=url, **kwargs)
                finally:
                    self.queuing = False

            def _open_w(self, filename, encoding, override=False):
                if getattr(self, "queuing", False) and not override and filename not in self._written_files:
                    self._written_files.add(filename)  # as Pelican's own _open_w records it
                    return io.StringIO()  # the page is written once rendered, or linked from the last build
                return super()._open_w(filename, encoding, override)

        return QueuingWriter

    def generator_class(self, pelican):
        """Receive get_generators: return a generator whose output step renders the queued pages."""
        renderer = self

        class RenderQueuedPages:
            def __init__(self, *args, **kwargs):
                pass

            def generate_output(self, writer):
                renderer.render_queue()

        return RenderQueuedPages

    def render_queue(self):
        """Link each unchanged page from the previous build and render the others, on every core."""
        if not self.queue:
            return
        _settle_addresses(self.context)
        self.previous_record = self._previous_record()
        self.keys = Fingerprints(self.context, self.code)
        jobs, self.queue = self.queue, []
        done = _everywhere(self._do_part, jobs)
        self.record, self.parsed, self.written = done.record, done.parsed, done.written
        self.rendered, self.reused = done.rendered, len(done.record) - done.rendered

    def _do_part(self, jobs):
        """Key each queued page; link it from the previous build if its key is unchanged, else render it."""
        done = _Done()
        for name, template, context, paginated in jobs:
            key = self.keys.page(name, template.name, context, paginated)
            done.record[name] = key
            if self.previous_record.get(name) == key and self._link_previous(name):
                continue
            try:
                html = template.render(context)
            except Exception as error:
                done.error = _template_error(name, error)
                return done
            data = html.encode("utf-8")
            path = self.staging / name
            path.write_bytes(data)
            status, bytes_key = path.stat(), page_key(data)
            done.parsed[bytes_key] = parse_html(html)
            done.written["/" + name] = ((status.st_ino, status.st_size, status.st_mtime_ns), bytes_key)
            done.rendered += 1
        return done

    def take_unchanged(self, folder):
        """Link folder (made from the pages: the search index) from the previous build; False if any page changed."""
        same_pages = self.rendered == 0 and self.record.keys() == self.previous_record.keys()
        if not same_pages or not (self.previous / folder).is_dir():
            return False
        for source in (self.previous / folder).rglob("*"):
            if source.is_file():
                target = self.staging / folder / source.relative_to(self.previous / folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                _link_or_copy(source, target)
        return True

    def _previous_record(self):
        """Return {page: key} of the build now in the output folder, or {} when there is none to trust."""
        try:
            return pickle.loads(self.record_file.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return {}

    def _link_previous(self, name):
        """Put the previous build's file for page name in the staging folder; return False if it is gone."""
        staged = self.staging / name
        staged.unlink(missing_ok=True)  # an empty placeholder, when Pelican wrote one
        try:
            _link_or_copy(self.previous / name, staged)
        except FileNotFoundError:
            return False
        return True

    def forget(self):
        """Drop the record before the output folder changes: a build stopped half-way leaves none."""
        self.record_file.unlink(missing_ok=True)

    def remember(self):
        """Keep {page: key} for the next build, now that the staged site is the output folder."""
        self.record_file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.record_file.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(self.record))
        partial.replace(self.record_file)


def _link_or_copy(source, target):
    """Make target the same file as source (nothing writes into a built file), or a copy where links fail."""
    try:
        os.link(source, target)
    except FileNotFoundError:
        raise
    except OSError:  # no hard links on this disk
        shutil.copyfile(source, target)


def _settle_addresses(context):
    """Keep each post's and page's address: final by now, and otherwise worked out from settings at every use."""
    for key in ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages"):
        for content in context.get(key, []):
            for translation in [content, *content.translations]:
                translation.override_url = translation.url  # Pelican's own way to fix an address


def _name_for(folder):
    """Return a file name that stands for one output folder."""
    return hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]


@dataclass
class _Done:
    """What one process did with its share of the pages."""

    record: dict = field(default_factory=dict)  # page: key
    parsed: dict = field(default_factory=dict)  # key of the page's bytes: the link checker's parse
    written: dict = field(default_factory=dict)  # site path: (file identity, key of its bytes)
    rendered: int = 0
    error: str | None = None
    logs: list = field(default_factory=list)  # (logger, level, message) logged in a forked process

    def add(self, other):
        """Take in another process's share."""
        self.record.update(other.record)
        self.parsed.update(other.parsed)
        self.written.update(other.written)
        self.rendered += other.rendered
        self.error = self.error or other.error


def _template_error(name, error):
    frames = traceback.extract_tb(error.__traceback__)
    where = next((f for f in reversed(frames) if f.filename.endswith(".html")), frames[-1])  # the template
    return f"{name}: {type(error).__name__}: {error} (in {Path(where.filename).name}:{where.lineno})"


class _KeepLogs(logging.Handler):
    """Keep a forked process's log records, to be logged again in the process that started it."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append((record.name, record.levelno, record.getMessage()))


def _in_child(work, jobs, pipe):
    """In a forked process: do work on jobs, send what was done down pipe, and leave at once."""
    keep = _KeepLogs()
    logging.getLogger().addHandler(keep)
    try:
        done = work(jobs)
    except BaseException as error:
        done = _Done(error=f"{type(error).__name__}: {error}")
    done.logs = keep.records
    with os.fdopen(pipe, "wb") as file:
        pickle.dump(done, file)
    os._exit(0)  # no cleanup: the parent's open files and handlers are not this process's to close


def _everywhere(work, jobs):
    """Share jobs between this process and forked ones, one per further core; return what was done.

    Raise RenderError when a template fails.
    """
    workers = min(os.cpu_count() or 1, 4) if len(jobs) >= PARALLEL_FROM and hasattr(os, "fork") else 1
    # The collector would visit (and so copy, in each process) every object read so far: leave those out.
    gc.freeze()
    try:
        children = []
        for number in range(1, workers):
            reader, writer = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(reader)
                _in_child(work, jobs[number::workers], writer)
            os.close(writer)
            children.append((pid, reader))
        done = work(jobs[0::workers])
        for pid, reader in children:
            with os.fdopen(reader, "rb") as pipe:
                data = pipe.read()
            os.waitpid(pid, 0)
            part = pickle.loads(data) if data else _Done(error="a rendering process stopped unexpectedly")
            for logger, level, message in part.logs:
                logging.getLogger(logger).log(level, "%s", message)
            done.add(part)
    finally:
        gc.unfreeze()
    if done.error:
        raise RenderError(done.error)
    return done
