"""Read the site's Markdown sources the way Pelican will, and report what would go wrong, by line."""

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from markdown import Markdown
from markdown.extensions.meta import END_RE, META_RE, MetaPreprocessor
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime, get_date

from .problems import ERROR, FATAL, WARNING, Problem

# The details Pelican itself reads from a post or page; each plugin adds its own (METADATA_KEYS).
PELICAN_KEYS = (
    "title", "date", "modified", "category", "tags", "slug", "author", "authors", "summary", "status",
    "lang", "translation", "template", "save_as", "url", "menu_label",
)
STATUSES = ("published", "draft", "hidden")
SUMMARY_PLACEHOLDER = "Write one or two sentences here"
# Links to other content files, which Pelican turns into addresses: {filename}/posts/x.md
CONTENT_LINK = re.compile(r"\{(?P<kind>filename|static|attach)\}(?P<target>[^)\s\"'>]+)")
IMAGE_BEFORE = re.compile(r"(!\[[^\]]*\]\(|src=[\"']?)$")
MARKDOWN_ENDINGS = tuple(f".{extension}" for extension in MarkdownReader.file_extensions)  # Pelican's own list
NAME_MAX = 255  # bytes in one file or folder name on every common file system


@dataclass
class Source:
    """A Markdown file as read: its header details with their line numbers, and its problems."""

    path: Path
    shown: str
    kind: str
    root: Path
    details: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    spelling: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    text_lines: list = field(default_factory=list)

    def problem(self, what, fix, key=None, line=None, severity=ERROR):
        """Record a problem at the line of detail `key` (or at `line`)."""
        self.problems.append(Problem(self.shown, line or self.lines.get(key), what, fix, severity))

    def line_of(self, text):
        """Return the first line number whose text contains `text`, or None."""
        return next((number for number, line in enumerate(self.text_lines, 1) if text in line), None)


def read_date(text):
    """Return the date a detail gives, as Pelican reads it: year-month-day directly, other forms by its parser."""
    try:
        return SafeDatetime.fromisoformat(text)
    except ValueError:
        return get_date(text)


def shown_path(path, content_root):
    """Return the path as the author sees it: content/posts/x.md."""
    return (Path(content_root.name) / Path(path).relative_to(content_root)).as_posix()


def find_sources(settings):
    """Return (Markdown sources by kind, problems with the folder itself) under the content folder."""
    root = Path(settings["PATH"])
    problems, sources = [], []
    for kind, folders in (("post", settings["ARTICLE_PATHS"]), ("page", settings["PAGE_PATHS"])):
        for folder in folders:
            for path in _walk(root / folder, root, problems):
                sources.append(Source(path, shown_path(path, root), kind, root))
    return sources, problems


def _walk(folder, root, problems):
    """Yield Markdown files below folder, following links but never round a loop."""
    seen = set()
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen:  # reached a second time through a link: read it once
            dirnames[:] = []
            continue
        seen.add(real)
        for name in list(dirnames):
            target = Path(dirpath, name)
            if target.is_symlink() and os.path.realpath(target) in {real, *_ancestors(real, root)}:
                problems.append(Problem(
                    shown_path(target, root), None,
                    "this folder is a link back to a folder that contains it (a loop)",
                    "delete the link, or point it somewhere outside the content folder",
                    FATAL,  # Pelican follows links without noticing loops
                ))
                dirnames.remove(name)
        for name in sorted(filenames):
            path = Path(dirpath, name)
            if not name.endswith(MARKDOWN_ENDINGS):
                continue
            if path.is_symlink() and not path.exists():
                problems.append(Problem(
                    shown_path(path, root), None, "this file is a link to a file that does not exist",
                    "delete the link or make it point to the right file",
                ))
                continue
            yield path


def _ancestors(real, root):
    """Return the real paths of the folders from real up to the content root."""
    found, current = [], Path(real)
    stop = Path(os.path.realpath(root)).parent
    while current != stop and current != current.parent:
        found.append(str(current))
        current = current.parent
    return found


def read_source(source, known_keys=PELICAN_KEYS, converter=None):
    """Fill source.details and source.problems from the file's header; return source.

    known_keys: the details Pelican and the site's plugins read; others are reported.
    converter: a Markdown instance to read headers with, made if not given.
    """
    data = source.path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        source.problem(
            f"this file is not saved as UTF-8 text (byte 0x{data[error.start]:02x} cannot be read)",
            "open it in your editor and save it again with the encoding 'UTF-8'",
            line=line,
        )
        return source
    if not text.strip():
        source.problem("this file is empty", "write a 'Title:' line and the text, or delete the file", line=1)
        return source
    lines = source.text_lines = text.splitlines()
    _read_header(source, lines, converter or Markdown())
    _check_details(source, tuple(known_keys))
    _check_content_links(source, lines)
    return source


def _read_header(source, lines, converter):
    """Read the header with Python-Markdown's meta extension, as Pelican does; note each detail's line.

    converter: a Markdown instance, which the meta parser keeps its result on (one serves every file).
    """
    rest = MetaPreprocessor(converter).run(list(lines))
    header = lines[: len(lines) - len(rest)]
    for number, line in enumerate(header, 1):
        match = META_RE.match(line)
        if not match:
            continue
        key = match["key"].lower()
        if key in source.lines:
            source.problem(f"'{match['key']}:' is given twice (first on line {source.lines[key]})",
                           "keep one of the two lines", line=number)
        else:
            source.lines[key] = number
            source.spelling[key] = match["key"]
    source.details = {key: " ".join(values) for key, values in converter.Meta.items()}
    ended = header and (not header[-1].strip() or (len(header) > 1 and END_RE.match(header[-1])))
    if source.details and rest and not ended:
        source.problem("the text starts straight after the details at the top, without an empty line",
                       "put an empty line between the last detail line and the text", line=len(header) + 1)


def _check_details(source, known_keys):
    details = source.details
    for key in details:
        if key not in known_keys:
            close = difflib.get_close_matches(key, known_keys, n=1, cutoff=0.7)
            if close:
                source.problem(
                    f"'{_spelled(source, key)}:' is not a detail this site knows",
                    f"did you mean '{close[0].capitalize()}:'?", key=key,
                )
            else:
                source.problem(
                    f"'{_spelled(source, key)}:' is not a detail this site uses, so it is ignored",
                    "remove the line if it is a mistake", key=key, severity=WARNING,
                )
    if not details.get("title"):
        source.problem(
            "there is no title", "add a line such as 'Title: Tight calves after a long run' at the very top",
            key="title", line=None if "title" in details else 1,
        )
    for key in ("date", "modified"):
        if key in details:
            try:
                read_date(details[key])
            except (ValueError, OverflowError):
                source.problem(
                    f"'{_spelled(source, key)}: {details[key]}' is not a date",
                    "write it as year-month-day, e.g. '2024-03-01' or '2024-03-01 09:30'", key=key,
                )
    if source.kind == "post" and not details.get("date"):
        source.problem("there is no date", "add a line such as 'Date: 2024-03-01' below the title",
                       key="date", line=None if "date" in details else 1)
    status = details.get("status", "published").lower()
    if status not in STATUSES:
        close = difflib.get_close_matches(status, STATUSES, n=1, cutoff=0.6)
        source.problem(
            f"'Status: {details['status']}' is not a status this site knows",
            f"did you mean 'Status: {close[0]}'?" if close else "use 'Status: draft', or remove the line to publish",
            key="status",
        )
    for key in ("save_as", "url"):
        value = details.get(key, "")
        if value and (value.startswith("/") or ".." in Path(value).parts):
            source.problem(f"'{_spelled(source, key)}: {value}' would put the page outside the site",
                           "remove the line, or use a path inside the site such as 'name/index.html'", key=key)
    if status != "draft" and details.get("summary", "").startswith(SUMMARY_PLACEHOLDER):
        source.problem("the summary is still the example text",
                       "write one or two sentences about the post on the 'Summary:' line", key="summary")


def _check_content_links(source, lines):
    """Report {filename} and {static} links whose file is not in the content folder."""
    for number, line in enumerate(lines, 1):
        for match in CONTENT_LINK.finditer(line):
            target = unquote(match["target"].split("#")[0].split("?")[0])
            if not target:
                continue
            base = source.root if target.startswith("/") else Path(source.path).parent
            if (base / target.lstrip("/")).exists():
                continue
            written = match.group(0)
            if IMAGE_BEFORE.search(line[: match.start()]):
                source.problem(f"the image '{written}' does not exist",
                               "check the file name: images go in content/images/", line=number)
            else:
                source.problem(f"the link '{written}' points to a file that does not exist",
                               "check the file name, e.g. {filename}/posts/name.md", line=number)


def _spelled(source, key):
    """Return the key as the author typed it."""
    return source.spelling.get(key, key.capitalize())


def check_sources(settings, plugin_keys=()):
    """Read every Markdown source under the content folder; return (sources, problems).

    plugin_keys: the details of a post the site's plugins read, besides Pelican's own.
    """
    sources, problems = find_sources(settings)
    known_keys, converter = (*PELICAN_KEYS, *plugin_keys), Markdown()
    for source in sources:
        read_source(source, known_keys, converter)
        problems.extend(source.problems)
    return sources, problems
