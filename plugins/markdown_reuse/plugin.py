"""Read Markdown with results converted on every core while Pelican reads, and one Markdown instance for the rest."""

from pathlib import Path

from markdown import Markdown
from markdown.extensions.meta import MetaPreprocessor
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime, pelican_open

from .prepare import META_PRIORITY, Prepared

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
        md = self.markdown()
        prepared = self.settings.get("MARKDOWN_PREPARED")
        ready = prepared.take(source_path) if prepared else None
        if ready is None:
            with pelican_open(source_path) as text:
                ready = (md.convert(text), dict(getattr(md, "Meta", {})), {})
        content, meta, formatted = ready
        self._md = _ConvertedAhead(md, formatted)  # _parse_metadata converts the summary with it
        return content, self._parse_metadata(meta)


    def process_metadata(self, name, value):
        """Return a detail's value as Pelican makes it; dates written year-month-day without its slower parser."""
        if name in ("date", "modified"):
            try:
                return SafeDatetime.fromisoformat(value.replace("_", " "))
            except ValueError:
                pass  # other ways of writing a date
        return super().process_metadata(name, value)


class _ConvertedAhead:
    """Stands in for the Markdown instance while Pelican converts a file's details: the summary is ready."""

    def __init__(self, md, converted):
        self._md = md
        self._converted = converted

    def __getattr__(self, name):
        return getattr(self._md, name)

    def convert(self, text):
        """Return the HTML of text: converted ahead, or now."""
        return self._converted[text] if text in self._converted else self._md.convert(text)


def prepare_markdown(pelican):
    """Receive initialized: start converting the site's Markdown on every core, caching by content."""
    settings = pelican.settings
    cache = Path(settings["CACHE_PATH"]) / settings.get("MARKDOWN_CACHE", DEFAULTS["MARKDOWN_CACHE"])
    settings["MARKDOWN_PREPARED"] = Prepared(settings, cache)


def stop_converting(generators):
    """Receive all_generators_finalized: every file is read, so the other processes can go."""
    prepared = generators[0].settings.get("MARKDOWN_PREPARED") if generators else None
    if prepared:
        prepared.close()


def use_reusing_reader(readers):
    """Receive readers_init: read Markdown files with ReusingMarkdownReader."""
    for extension in MarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = ReusingMarkdownReader


def register():
    """Connect the receivers to Pelican's signals."""
    signals.initialized.connect(prepare_markdown)
    signals.readers_init.connect(use_reusing_reader)
    signals.all_generators_finalized.connect(stop_converting)
