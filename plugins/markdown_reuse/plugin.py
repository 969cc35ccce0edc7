"""Read Markdown with results converted on every core while Pelican reads, and one reused converter for the rest."""

from pathlib import Path

from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime, pelican_open

from .prepare import Converter, Prepared, reader_options

DEFAULTS = {"MARKDOWN_CACHE": "markdown"}  # under CACHE_PATH


class ReusingMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader: results converted ahead where there are some, one reused converter otherwise."""

    def read(self, source_path):
        """Return the HTML and metadata of one Markdown file."""
        self._source_path = source_path
        converter = getattr(self, "_converter", None)
        if converter is None:
            converter = self._converter = Converter(reader_options(self.settings), self.settings["FORMATTED_FIELDS"])
        prepared = self.settings.get("MARKDOWN_PREPARED")
        ready = prepared.take(source_path) if prepared else None
        if ready is None:
            with pelican_open(source_path) as text:
                ready = converter(text)
        content, meta, formatted = ready
        self._md = _ConvertedAhead(converter.markdown(), formatted)  # _parse_metadata converts the summary
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
