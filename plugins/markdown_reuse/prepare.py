"""Convert a site's Markdown files ahead of reading: on every core, and only files not converted before.

Results are cached by the file's content and the Markdown options, so an edit converts one file.
"""

import hashlib
import json
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import markdown
from pelican.readers import MarkdownReader

PARALLEL_FROM = 24  # below this many files, starting processes costs more than it saves
_worker_md = None


def cache_key(text, options):
    """Return the cache name for a file's text converted with these Markdown options."""
    recipe = json.dumps([markdown.__version__, options], sort_keys=True, default=str)
    return hashlib.sha256(recipe.encode() + b"\0" + text.encode("utf-8")).hexdigest()


def _start_worker(options):
    global _worker_md  # one Markdown instance per worker process, made once
    _worker_md = markdown.Markdown(**options)


def _convert(text):
    _worker_md.reset()
    html = _worker_md.convert(text)
    return html, dict(getattr(_worker_md, "Meta", {}))


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


def prepare(settings, cache_dir):
    """Return {absolute path: (html, meta)} for every Markdown file, converting only what is new."""
    options = reader_options(settings)
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    prepared, missing = {}, []
    for path in markdown_files(settings):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the build reports the file; Pelican's own reader will fail on it
        key = cache_key(text, options)
        cached = cache_dir / f"{key}.pickle"
        if cached.exists():
            prepared[str(path.resolve())] = pickle.loads(cached.read_bytes())
        else:
            missing.append((path, text, cached))
    if len(missing) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(initializer=_start_worker, initargs=(options,)) as pool:
            results = list(pool.map(_convert, [text for _, text, _ in missing], chunksize=16))
    else:
        _start_worker(options)
        results = [_convert(text) for _, text, _ in missing]
    for (path, _, cached), result in zip(missing, results, strict=True):
        partial = cached.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(result))
        partial.replace(cached)
        prepared[str(path.resolve())] = result
    return prepared
