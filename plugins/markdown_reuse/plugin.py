"""Read Markdown with results prepared on every core, and one Markdown instance for what remains."""

from pathlib import Path

from markdown import Markdown
from markdown.extensions.meta import MetaPreprocessor
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from .prepare import prepare

META_PRIORITY = 27  # where Python-Markdown's meta extension registers its preprocessor
DEFAULTS = {"MARKDOWN_CACHE": "markdown"}  # under CACHE_PATH


class ReusingMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader: prepared results where there are some, one reset instance otherwise."""

    def markdown(self):
        """Return this reader's Markdown instance, reset and with its meta preprocessor in place."""
        md = getattr(self, "_shared", None)
        if md is None:
            md = self._shared = Markdown(**self.settings["MARKDOWN"])
        else:
            md.reset()
            # Pelican takes the meta preprocessor out to convert summaries: put it back.
            if "meta" not in md.preprocessors:
                md.preprocessors.register(MetaPreprocessor(md), "meta", META_PRIORITY)
        return md

    def read(self, source_path):
        """Return the HTML and metadata of one Markdown file."""
        self._source_path = source_path
        self._md = self.markdown()  # _parse_metadata converts summaries with it
        ready = self.settings.get("MARKDOWN_PREPARED", {}).get(str(Path(source_path).resolve()))
        if ready is None:
            with pelican_open(source_path) as text:
                ready = (self._md.convert(text), dict(getattr(self._md, "Meta", {})))
        content, meta = ready
        return content, self._parse_metadata(meta)


def prepare_markdown(pelican):
    """Receive initialized: convert the site's Markdown ahead, on every core, caching by content."""
    settings = pelican.settings
    cache = Path(settings["CACHE_PATH"]) / settings.get("MARKDOWN_CACHE", DEFAULTS["MARKDOWN_CACHE"])
    settings["MARKDOWN_PREPARED"] = prepare(settings, cache)


def use_reusing_reader(readers):
    """Receive readers_init: read Markdown files with ReusingMarkdownReader."""
    for extension in MarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = ReusingMarkdownReader


def register():
    """Connect the receivers to Pelican's signals."""
    signals.initialized.connect(prepare_markdown)
    signals.readers_init.connect(use_reusing_reader)
