"""Pelican's content cache, trusted only while everything the Markdown was converted with is unchanged.

Pelican keeps each file's converted Markdown (CACHE_CONTENT) and, with CHECK_MODIFIED_METHOD = "md5",
converts again only the files whose text changed. It does not notice a change of settings, of a
Markdown extension's code, or of an image an extension reads. So the cache is loaded only when a key
made of all of those is the one written after the last successful build.
"""

import hashlib
import importlib.metadata
import importlib.util
from pathlib import Path

import markdown
import pelican

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


def _static_files(settings):
    """Yield the name, size and time of change of each static file: extensions read images' sizes."""
    root = Path(settings["PATH"])
    for folder in settings.get("STATIC_PATHS", []):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                status = path.stat()
                yield f"{path.relative_to(root)} {status.st_size} {status.st_mtime_ns}"


def reading_key(settings, project):
    """Return a digest of what converted Markdown depends on besides the file's own text."""
    parts = [pelican.__version__, markdown.__version__,
             repr(sorted((k, v) for k, v in settings.items() if k not in NOT_READING)),
             *_extension_versions(settings), *_plugin_code(settings, project), *_static_files(settings)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class ContentCache:
    """Turn off loading Pelican's content cache when its key changed; record the key after a good build."""

    def __init__(self, settings, project):
        self.enabled = bool(settings.get("CACHE_CONTENT"))
        self.key_file = Path(settings["CACHE_PATH"]) / KEY_FILE
        self.key = reading_key(settings, project) if self.enabled else None
        if self.enabled and not (self.key_file.is_file() and self.key_file.read_text() == self.key):
            settings["LOAD_CONTENT_CACHE"] = False
            # Until a build with this key succeeds, the cache on disk may hold either kind of result.
            self.key_file.unlink(missing_ok=True)

    def keep(self):
        """Record that the cache on disk was made with this build's key."""
        if self.enabled:
            self.key_file.parent.mkdir(parents=True, exist_ok=True)
            self.key_file.write_text(self.key)
