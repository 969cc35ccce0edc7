"""Convert a site's Markdown files while Pelican reads them: on every core, and only files not converted before.

Each file's result is its HTML, its details (Python-Markdown's meta) and its formatted details (the
summary) converted as Pelican converts them. Results are kept by the file's content and the Markdown
options, so an edit converts one file. Pelican asks for the files in its own order; a file no process
has started on yet is converted at once by the one asking, so no core waits.
"""

import hashlib
import json
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import markdown
from markdown.extensions.meta import MetaPreprocessor
from pelican.readers import MarkdownReader

PARALLEL_FROM = 24  # below this many files, starting processes costs more than it saves
CHUNK = 8  # files per task for another process
CACHE_FILE = "markdown.pickle"
META_PRIORITY = 27  # where Python-Markdown's meta extension registers its preprocessor
FORMAT = 2  # of a cached result: (html, meta, {formatted detail text: html})
_worker = None


def cache_key(text, options, formatted_fields):
    """Return the key of a file's text converted with these Markdown options."""
    recipe = json.dumps([FORMAT, markdown.__version__, options, sorted(formatted_fields)], sort_keys=True, default=str)
    return hashlib.sha256(recipe.encode() + b"\0" + text.encode("utf-8")).hexdigest()


class Converter:
    """One Markdown instance, reset between files, converting a file as Pelican's Markdown reader does."""

    def __init__(self, options, formatted_fields):
        self.md = markdown.Markdown(**options)
        self.formatted_fields = {name.lower() for name in formatted_fields}

    def markdown(self):
        """Return the Markdown instance, reset and with its meta preprocessor (Pelican's reader takes it out)."""
        self.md.reset()
        if "meta" not in self.md.preprocessors:
            self.md.preprocessors.register(MetaPreprocessor(self.md), "meta", META_PRIORITY)
        return self.md

    def __call__(self, text):
        """Return (html, meta, {formatted detail text: html}) for one file's text."""
        md = self.markdown()
        html = md.convert(text)
        meta = dict(getattr(md, "Meta", {}))
        # Pelican converts these details without the meta preprocessor, each with a reset instance.
        md.preprocessors.deregister("meta")
        formatted = {}
        for name, values in meta.items():
            if name.lower() in self.formatted_fields:
                md.reset()
                formatted["\n".join(values)] = md.convert("\n".join(values))
        return html, meta, formatted


def _start_worker(options, formatted_fields):
    global _worker  # one converter per worker process, made once
    _worker = Converter(options, formatted_fields)


def _convert_all(texts):
    return [_worker(text) for text in texts]


def markdown_files(settings):
    """Return every Markdown file Pelican will read as a post or page."""
    root = Path(settings["PATH"])
    found = set()
    for folder in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]:
        for extension in MarkdownReader.file_extensions:
            found.update((root / folder).rglob(f"*.{extension}"))
    return sorted(path for path in found if path.is_file())


def reader_options(settings):
    """Return the Markdown options as Pelican's reader completes them: every configured extension, and meta."""
    options = dict(settings["MARKDOWN"])
    extensions = list(options.get("extensions", []))
    for name in [*options.get("extension_configs", {}), "markdown.extensions.meta"]:
        if name not in extensions:
            extensions.append(name)
    return {**options, "extensions": extensions}


class Prepared:
    """The site's Markdown files: results kept from earlier builds, and conversions under way in other processes.

    The results are kept in one file, holding the current files' results only.
    """

    def __init__(self, settings, cache_dir):
        self.options = reader_options(settings)
        self.fields = list(settings.get("FORMATTED_FIELDS", []))
        self.cache_file = Path(cache_dir) / CACHE_FILE
        kept = self._kept()
        self.keys, self.ready, self.waiting, self.pool, self._here = {}, {}, {}, None, None
        missing = []
        for path in markdown_files(settings):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # the build reports the file; Pelican's own reader will fail on it
            name, key = os.path.abspath(path), cache_key(text, self.options, self.fields)
            self.keys[name] = key
            if key in kept:
                self.ready[name] = kept[key]
            else:
                missing.append(name)
                self.waiting[name] = (None, 0, text, [])
        self.changed = bool(missing) or kept.keys() != set(self.keys.values())
        if len(missing) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
            # One more process than cores: this one often waits for a file, and the spare keeps every core busy.
            self.pool = ProcessPoolExecutor(max_workers=os.cpu_count() + 1, initializer=_start_worker,
                                            initargs=(self.options, self.fields))
            for start in range(0, len(missing), CHUNK):  # a task per file would cost more in passing than converting
                self._submit(missing[start:start + CHUNK])

    def _submit(self, names):
        future = self.pool.submit(_convert_all, [self.waiting[name][2] for name in names])
        for index, name in enumerate(names):
            self.waiting[name] = (future, index, self.waiting[name][2], names)

    def take(self, source_path):
        """Return (html, meta, formatted) for a file, or None if it is not one of the site's Markdown files."""
        name = os.path.abspath(source_path)  # as Pelican names it: no resolving of links, which costs
        if name in self.ready:
            return self.ready[name]
        if name not in self.waiting:
            return None
        future, index, text, chunk = self.waiting.pop(name)
        if future is not None and not future.cancel():  # done, or under way: cancel() refuses
            result = future.result()[index]
        else:  # no process has started on it: converting it here beats waiting
            rest = [other for other in chunk if other in self.waiting]
            if rest:  # the others of its task go back to the other processes
                self._submit(rest)
            self._here = self._here or Converter(self.options, self.fields)
            result = self._here(text)
        self.ready[name] = result
        if not self.waiting:
            self.close()
        return result

    def close(self):
        """Stop the other processes, and keep the results of the current files for the next build."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        if self.changed and not self.waiting:
            results = {self.keys[name]: result for name, result in self.ready.items()}
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            partial = self.cache_file.with_suffix(".partial")
            partial.write_bytes(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
            partial.replace(self.cache_file)
            self.changed = False

    def _kept(self):
        try:
            return pickle.loads(self.cache_file.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return {}  # none yet, or damaged: everything is converted again
