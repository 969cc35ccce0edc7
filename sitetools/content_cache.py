"""Pelican's content cache, trusted only while everything the Markdown was converted with is unchanged.

Pelican keeps each file's converted Markdown (CACHE_CONTENT) and, with CHECK_MODIFIED_METHOD = "md5",
converts again only the files whose text changed. It does not notice a change of settings or of a
Markdown extension's code: the cache is loaded only when a key made of those is the one written after
the last successful build. Nor does it notice a change of an image an extension reads (its size goes
into the markup): a file whose converted text names an image added, changed or removed since then is
dropped from the cache alone, through the generator's own Readers (get_cached_data, cache_data).
"""

import hashlib
import importlib.metadata
import importlib.util
import json
import os
from pathlib import Path
from urllib.parse import quote

import markdown
import pelican
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

KEY_FILE = "content-key"  # under CACHE_PATH
NOT_READING = ("OUTPUT_PATH", "LOAD_CONTENT_CACHE", "DEBUG")  # settings the converted text cannot depend on


def _extension_versions(settings):
    """Yield the version, or failing that the code, of each Markdown extension the settings name."""
    config = settings.get("MARKDOWN", {})
    names = [*config.get("extensions", []), *config.get("extension_configs", {})]
    distributions = None  # which installed package each module comes from: slow to list, so only when needed
    for name in sorted({n for n in names if isinstance(n, str)}):
        module = name.partition(":")[0]
        top = module.partition(".")[0]
        if top != "markdown":  # Markdown's own extensions: its version is part of the key
            distributions = distributions or importlib.metadata.packages_distributions()
            for distribution in distributions.get(top, []):
                yield f"{module} {distribution} {importlib.metadata.version(distribution)}"
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):  # a plugin's own extension: its code is hashed with the plugins
            continue
        if spec and spec.origin and Path(spec.origin).is_file():
            yield hashlib.sha256(Path(spec.origin).read_bytes()).hexdigest()


def _plugin_code(settings, project):
    """Yield a digest of each Python file of the site's own plugins."""
    for folder in settings.get("PLUGIN_PATHS", []):
        folder = Path(project, folder)
        for path in sorted(folder.rglob("*.py")):
            yield f"{path.relative_to(folder)} {hashlib.sha256(path.read_bytes()).hexdigest()}"


def reading_key(settings, project):
    """Return a digest of what converted Markdown depends on besides the file's own text."""
    parts = [pelican.__version__, markdown.__version__,
             repr(sorted((k, v) for k, v in settings.items() if k not in NOT_READING)),
             *_extension_versions(settings), *_plugin_code(settings, project)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


READ_BY = {ArticlesGenerator: ("ARTICLE_PATHS", "ARTICLE_EXCLUDES"), PagesGenerator: ("PAGE_PATHS", "PAGE_EXCLUDES")}


def static_stamps(generator):
    """Return {path in the content folder: size and time of change} of every static file Pelican will copy."""
    settings, stamps = generator.settings, {}
    for name in generator.get_files(settings["STATIC_PATHS"], exclude=settings["STATIC_EXCLUDES"], extensions=False):
        status = os.stat(os.path.join(generator.path, name))
        stamps[Path(name).as_posix()] = f"{status.st_size} {status.st_mtime_ns}"
    return stamps


def changed_names(before, now):
    """Return how a text that names each changed static file names it: its path without the ending, as written."""
    changed = {name for name in before.keys() | now.keys() if before.get(name) != now.get(name)}
    stems = {name.rsplit(".", 1)[0] for name in changed}
    return stems | {quote(stem) for stem in stems}


class ContentCache:
    """Turn off loading Pelican's content cache when its key changed; forget the files whose images changed."""

    def __init__(self, settings, project):
        self.enabled = bool(settings.get("CACHE_CONTENT"))
        self.key_file = Path(settings["CACHE_PATH"]) / KEY_FILE
        self.key = reading_key(settings, project) if self.enabled else None
        self.static, self.before = None, {}
        self.forgotten = []  # the files dropped from the cache because an image they name changed
        recorded = self._recorded()
        if self.enabled and recorded.get("key") != self.key:
            settings["LOAD_CONTENT_CACHE"] = False
            # Until a build with this key succeeds, the cache on disk may hold either kind of result.
            self.key_file.unlink(missing_ok=True)
        elif self.enabled:
            self.before = recorded.get("static", {})
        if self.enabled:  # the static files are noted as the build starts: one changed later is new next time
            signals.generator_init.connect(self.forget_changed)

    def _recorded(self):
        try:
            return json.loads(self.key_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def forget_changed(self, generator):
        """Receive generator_init: drop from the cache the posts or pages that name a changed image."""
        names = next((names for kind, names in READ_BY.items() if isinstance(generator, kind)), None)
        if names is None:
            return
        if self.static is None:
            self.static = static_stamps(generator)
        if not generator.settings["LOAD_CONTENT_CACHE"]:
            return
        changed = changed_names(self.before, self.static)
        if not changed:
            return
        paths, excludes = (generator.settings[name] for name in names)
        for name in sorted(generator.get_files(paths, exclude=excludes)):
            path = os.path.abspath(os.path.join(generator.path, name))
            cached = generator.readers.get_cached_data(path)
            if cached and any(stem in f"{cached[0]} {cached[1]}" for stem in changed):
                generator.readers.cache_data(path, (None, None))  # Pelican reads a file again when its content is None
                self.forgotten.append(name)

    def keep(self):
        """Record that the cache on disk was made with this build's key, and the static files it saw as it began."""
        if not self.enabled:
            return
        self.key_file.parent.mkdir(parents=True, exist_ok=True)
        self.key_file.write_text(json.dumps({"key": self.key, "static": self.static or {}}), encoding="utf-8")
