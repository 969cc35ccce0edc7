"""Convert many Markdown files at once on every core, each with Pelican's own Markdown reader.

When the posts' or the pages' generator starts, the Markdown files it will read (Pelican's own list:
its paths, ARTICLE_EXCLUDES or PAGE_EXCLUDES, IGNORE_FILES) that its content cache does not hold are
handed to worker processes (one pool per build, shared by both generators, forked before any of its
threads start). Each worker converts with Pelican's MarkdownReader but leaves every detail of the
header unprocessed; the reader this plugin registers (readers_init) processes them in Pelican's
process with its own `process_metadata`, so tags, dates and discarded details are exactly what the
one-process reader gives. What a worker logs while converting a file is logged again here when
Pelican reads that file. A file whose conversion failed, or whose worker died, is read here, and
Pelican reports any error as usual.
"""

import logging
import math
import multiprocessing
import os
import pickle
import signal
from concurrent.futures import ProcessPoolExecutor
from typing import Any, NamedTuple

from pelican import readers, signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.log import FilteredMessage

POOL_FROM = 32  # below this many files to convert, starting processes costs more than it saves
PATHS = {ArticlesGenerator: ("ARTICLE_PATHS", "ARTICLE_EXCLUDES"), PagesGenerator: ("PAGE_PATHS", "PAGE_EXCLUDES")}
DEFAULTS = {"PARALLEL_MARKDOWN_WORKERS": None}  # processes converting Markdown; None: one per core, 1: none
SHARED = "parallel_markdown"  # the build's worker pool, in the context every generator shares


class Detail(NamedTuple):
    """A header detail as the worker found it, for Pelican's process to process."""

    name: str
    value: Any


class _Capture(logging.Handler):
    """In a worker: keep what is logged while one file is converted, ready to travel to Pelican's process."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records = []

    def emit(self, record):
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
        try:
            pickle.dumps(record.args)
        except Exception:  # an argument that cannot travel: send the message as text
            record.msg, record.args = record.getMessage(), ()
        self.records.append(record)


class _DetailKeepingReader(readers.MarkdownReader):
    """In a worker: Pelican's Markdown reader, leaving each header detail for Pelican's process."""

    def process_metadata(self, name, value):
        """Return the detail unprocessed."""
        return Detail(name, value)


_worker = None  # in each worker process: (reader, capture)


def _start_worker(settings):
    global _worker
    # Ctrl+C ends a worker at once and without a traceback: the build's process stops as a whole.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    capture, root = _Capture(), logging.getLogger()
    for handler in list(root.handlers):  # the records go back to Pelican's process, which shows them
        root.removeHandler(handler)
    root.addHandler(capture)
    _worker = (_DetailKeepingReader(settings), capture)


def _convert(paths):
    """In a worker: return {path: (content, metadata, log records)}, or None for a file whose conversion failed."""
    reader, capture = _worker
    results = {}
    for path in paths:
        capture.records = []
        try:
            content, metadata = reader.read(path)
            results[path] = (content, metadata, capture.records)
        except Exception:  # read again by Pelican's process, which reports the error with the file
            results[path] = None
    return results


class Conversions:
    """One build's worker processes and the files they convert, by absolute path."""

    def __init__(self, settings, workers):
        # The workers are copies of this process: they have the plugins Pelican loaded, and the settings.
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                        initializer=_start_worker, initargs=(settings,))
        self.workers = workers
        self.pending = {}

    def submit(self, paths):
        """Start converting paths, in chunks small enough that the first is soon back and no worker idles at the end."""
        size = max(1, math.ceil(len(paths) / (self.workers * 16)))
        for start in range(0, len(paths), size):
            chunk = paths[start:start + size]
            future = self.pool.submit(_convert, chunk)
            self.pending.update((path, future) for path in chunk)

    def take(self, path):
        """Return the worker's (content, metadata, records) for path, or None; close the pool after the last."""
        future = self.pending.pop(path, None)
        try:
            result = future.result().get(path) if future is not None else None
        except Exception:  # a worker died (killed, out of memory): this process reads the file itself
            result = None
        if not self.pending:
            self.close()
        return result

    def close(self):
        """Stop the workers and their threads."""
        self.pending.clear()
        self.pool.shutdown(wait=True, cancel_futures=True)


class MarkdownReader(readers.MarkdownReader):
    """Pelican's Markdown reader, taking the files converted ahead by worker processes.

    It keeps Pelican's class name: Pelican records it as each post's `reader` ("markdown").
    """

    conversions = None  # the build's Conversions, once a generator hands files to workers

    def read(self, source_path):
        """Return the file's content and metadata: converted ahead if it was, or now."""
        converted = self.conversions.take(source_path) if self.conversions else None
        if converted is None:
            return super().read(source_path)
        content, details, records = converted
        for record in records:  # in the order the worker logged them, as if logged now
            try:
                logging.getLogger(record.name).handle(record)
            except FilteredMessage:  # Pelican's logger drops repeats this way
                pass
        metadata = {name: self.process_metadata(*value) if isinstance(value, Detail) else value
                    for name, value in details.items()}
        return content, metadata


def set_defaults(pelican):
    """Receive initialized: fill in the defaults of the settings left unset."""
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)


def use_pooled_reader(readers_):
    """Receive readers_init: read Markdown with this plugin's reader."""
    for extension in MarkdownReader.file_extensions:
        if readers_.reader_classes.get(extension) is readers.MarkdownReader:
            readers_.reader_classes[extension] = MarkdownReader


def convert_ahead(generator):
    """Receive generator_init: start converting the Markdown files the generator will read and has not cached."""
    names = next((names for kind, names in PATHS.items() if isinstance(generator, kind)), None)
    reader = next((r for r in generator.readers.readers.values() if isinstance(r, MarkdownReader)), None)
    if names is None or reader is None:
        return
    paths_setting, excludes_setting = names
    files = generator.get_files(generator.settings[paths_setting], exclude=generator.settings[excludes_setting],
                                extensions=MarkdownReader.file_extensions)
    # In the order Pelican will ask for them (it reads the same list), so the first arrive first.
    paths = [os.path.abspath(os.path.join(generator.path, name)) for name in files]
    paths = [path for path in paths if (generator.readers.get_cached_data(path) or (None,))[0] is None]
    conversions = generator.context.get(SHARED)
    if conversions is None:
        workers = generator.settings["PARALLEL_MARKDOWN_WORKERS"] or os.cpu_count() or 1
        if len(paths) < POOL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return  # Pelican's reader converts each file when asked, as it always does
        conversions = generator.context[SHARED] = Conversions(generator.settings, workers)
    reader.conversions = conversions
    conversions.submit(paths)


def close_pool(generator):
    """Receive page_generator_finalized: every Markdown file is read; stop any workers still running.

    Before all_generators_finalized, where other plugins may start processes of their own. The context
    is left as Pelican made it.
    """
    conversions = generator.context.pop(SHARED, None)
    if conversions is not None:
        conversions.close()


def register():
    """Connect the receivers to Pelican's signals."""
    signals.initialized.connect(set_defaults)
    signals.readers_init.connect(use_pooled_reader)
    signals.generator_init.connect(convert_ahead)
    signals.page_generator_finalized.connect(close_pool)
