"""A Markdown reader that builds its Markdown instance once: extensions are set up once per build."""

from markdown import Markdown
from markdown.extensions.meta import MetaPreprocessor
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

META_PRIORITY = 27  # where Python-Markdown's meta extension registers its preprocessor


class ReusingMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, with one Markdown instance reset between files."""

    def read(self, source_path):
        """Return the HTML and metadata of one Markdown file."""
        self._source_path = source_path
        md = getattr(self, "_shared", None)
        if md is None:
            md = self._shared = Markdown(**self.settings["MARKDOWN"])
        else:
            md.reset()
            # Pelican takes the meta preprocessor out to convert summaries: put it back.
            if "meta" not in md.preprocessors:
                md.preprocessors.register(MetaPreprocessor(md), "meta", META_PRIORITY)
        self._md = md
        with pelican_open(source_path) as text:
            content = md.convert(text)
        metadata = self._parse_metadata(md.Meta) if hasattr(md, "Meta") else {}
        return content, metadata


def use_reusing_reader(readers):
    """Receive readers_init: read Markdown files with ReusingMarkdownReader."""
    for extension in MarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = ReusingMarkdownReader


def register():
    """Connect the receiver to Pelican's signals."""
    signals.readers_init.connect(use_reusing_reader)
