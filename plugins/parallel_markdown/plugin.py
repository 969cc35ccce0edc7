"""Convert many Markdown files at once on every core, each with Pelican's own Markdown reader.

When the posts' or the pages' generator starts, the Markdown files it will read (Pelican's own list:
its paths, ARTICLE_EXCLUDES or PAGE_EXCLUDES, IGNORE_FILES) that its content cache does not hold are
handed to worker processes, each running Pelican's MarkdownReader. The reader this plugin registers
for Markdown (readers_init) gives Pelican each file's result as it asks for it, and reads a file
itself when there is none: a few changed files, or a file whose conversion failed (Pelican then
reports the error as usual). The results are exactly the reader's own.
"""

import math
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.readers import MarkdownReader

POOL_FROM = 32  # below this many files to convert, starting processes costs more than it saves
PATHS = {ArticlesGenerator: ("ARTICLE_PATHS", "ARTICLE_EXCLUDES"), PagesGenerator: ("PAGE_PATHS", "PAGE_EXCLUDES")}

_worker_reader = None  # in each worker process: the reader it converts with


def _start_worker(settings):
    global _worker_reader
    _worker_reader = MarkdownReader(settings)


def _read_files(paths):
    """In a worker: return {path: (content, metadata)}, or None for a file whose conversion failed."""
    results = {}
    for path in paths:
        try:
            results[path] = _worker_reader.read(path)
        except Exception:  # read again by Pelican's process, which reports the error with the file
            results[path] = None
    return results


class PooledMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, taking the files converted ahead by worker processes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pending = {}  # path: future of its chunk's results
        self.pool = None

    def convert_ahead(self, paths):
        """Start converting paths (absolute, in the order Pelican will likely ask) on every core."""
        workers = os.cpu_count() or 1
        if len(paths) < POOL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return  # Pelican's reader converts each file when asked, as it always does
        # The workers are copies of this process: they have the plugins Pelican loaded, and the settings.
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                        initializer=_start_worker, initargs=(self.settings,))
        size = math.ceil(len(paths) / (workers * 4))
        for start in range(0, len(paths), size):
            chunk = paths[start:start + size]
            future = self.pool.submit(_read_files, chunk)
            self.pending.update((path, future) for path in chunk)

    def read(self, source_path):
        """Return the file's content and metadata: converted ahead if it was, or now."""
        future = self.pending.pop(source_path, None)
        converted = future.result().get(source_path) if future is not None else None
        if not self.pending and self.pool is not None:
            self.pool.shutdown()
            self.pool = None
        return converted if converted is not None else super().read(source_path)


def use_pooled_reader(readers):
    """Receive readers_init: read Markdown with PooledMarkdownReader."""
    for extension in PooledMarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = PooledMarkdownReader


def convert_ahead(generator):
    """Receive generator_init: start converting the Markdown files the generator will read and has not cached."""
    names = next((names for kind, names in PATHS.items() if isinstance(generator, kind)), None)
    if names is None:
        return
    reader = next((r for r in generator.readers.readers.values() if isinstance(r, PooledMarkdownReader)), None)
    if reader is None:
        return
    paths_setting, excludes_setting = names
    files = generator.get_files(generator.settings[paths_setting], exclude=generator.settings[excludes_setting],
                                extensions=PooledMarkdownReader.file_extensions)
    paths = [os.path.abspath(os.path.join(generator.path, name)) for name in files]
    reader.convert_ahead([path for path in paths if generator.readers.get_cached_data(path) is None])


def register():
    """Connect the receivers to Pelican's signals."""
    signals.readers_init.connect(use_pooled_reader)
    signals.generator_init.connect(convert_ahead)
