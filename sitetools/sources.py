"""Read the site's Markdown sources the way Pelican will, and report what would go wrong, by line."""

import datetime
import difflib
import os
import re
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from markdown import Markdown
from markdown.extensions.meta import END_RE, META_RE, MetaPreprocessor
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.readers import MarkdownReader, default_metadata, parse_path_metadata, path_metadata
from pelican.utils import SafeDatetime, get_date

from .problems import ERROR, FATAL, WARNING, Problem

# The details Pelican itself reads from a post or page; each plugin adds its own (METADATA_KEYS).
PELICAN_KEYS = (
    "title", "date", "modified", "category", "tags", "slug", "author", "authors", "summary", "status",
    "lang", "translation", "template", "save_as", "url", "menu_label",
)
STATUSES = ("published", "draft", "hidden", "skip")  # Pelican leaves a skipped file out entirely
SUMMARY_PLACEHOLDER = "Write one or two sentences here"
NUMERIC_DATE = re.compile(r"^\s*(?P<first>\d{1,2})[/.-](?P<second>\d{1,2})[/.-](?P<year>\d{4}|\d{2})\b")
# Spaces a detail line may hold that look like spaces but are not the ones Markdown reads.
ODD_SPACES = {"\u00a0": "a non-breaking space", "\u2007": "a figure space", "\u202f": "a narrow non-breaking space",
              "\u200b": "a zero-width space", "\ufeff": "an invisible mark (a byte-order mark)"}
# Links to other content files, which Pelican turns into addresses: {filename}/posts/x.md
CONTENT_LINK = re.compile(r"\{(?P<kind>filename|static|attach)\}(?P<target>[^)\s\"'>]+)")
IMAGE_BEFORE = re.compile(r"(!\[[^\]]*\]\(|src=[\"']?)$")
# Images written as plain paths, as Markdown guides have them: ![A stretch](images/x.jpg), <img src="images/x.jpg">
PLAIN_IMAGE = re.compile(r"""(?:!\[[^\]]*\]\(\s*<?|<img\b[^>]*?\ssrc\s*=\s*["']?)(?P<target>[^)\s"'<>]+)""",
                         re.IGNORECASE)
ADDRESS = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|[/#{])")  # https:, data:, /x, #x, {static}x: not a plain path
# The photos the build publishes in several sizes (plugins/responsive_images), found whatever their names' capitals.
PHOTOS = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")
DIGITS = re.compile(r"\d+")
NAME_MAX = 255  # bytes in one file or folder name on every common file system
# What each of Pelican's generators reads: (what the author calls it, the setting of its folders, of its excludes).
READ_BY = {ArticlesGenerator: ("post", "ARTICLE_PATHS", "ARTICLE_EXCLUDES"),
           PagesGenerator: ("page", "PAGE_PATHS", "PAGE_EXCLUDES")}
# The folders Pelican's generators walk: (the setting of the folders, of their excludes).
WALKED = (("ARTICLE_PATHS", "ARTICLE_EXCLUDES"), ("PAGE_PATHS", "PAGE_EXCLUDES"), ("STATIC_PATHS", "STATIC_EXCLUDES"))


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
    from_path: dict = field(default_factory=dict)  # details Pelican takes from the file's name or folder
    static_paths: tuple = ("images",)  # STATIC_PATHS: a plain image path starting with one is from the content folder

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


def two_readings(text):
    """Return (day first, month first) for a numeric date that reads both ways (03/01/2024), else None.

    She writes British dates, day first; Pelican reads such a date month first.
    """
    match = NUMERIC_DATE.match(text)
    if not match:
        return None
    first, second, year = int(match["first"]), int(match["second"]), int(match["year"])
    year += 2000 if year < 100 else 0
    if first == second or first > 12 or second > 12 or first < 1 or second < 1:
        return None
    try:
        return datetime.date(year, second, first), datetime.date(year, first, second)
    except ValueError:
        return None


def shown_path(path, content_root):
    """Return the path as the author sees it: content/posts/x.md."""
    return (Path(content_root.name) / Path(path).relative_to(content_root)).as_posix()


def markdown_files(generator):
    """Return (kind, names) of the Markdown files Pelican's posts' or pages' generator will read, or None.

    The names are Pelican's own list (Generator.get_files, as its generate_context asks for it: the
    generator's paths and excludes, IGNORE_FILES), relative to the content folder, kept to the endings
    its Markdown reader reads.
    """
    kind, paths, excludes = next((names for cls, names in READ_BY.items() if isinstance(generator, cls)),
                                 (None, None, None))
    if kind is None:
        return None
    endings = [ending for ending, reader in generator.readers.readers.items() if isinstance(reader, MarkdownReader)]
    settings = generator.settings
    return kind, sorted(generator.get_files(settings[paths], exclude=settings[excludes], extensions=endings))


def site_files(settings):
    """Return ([(kind, names)], problems): the names as markdown_files gives them, from generators for these settings.

    For use outside a build, where the site's plugins are not loaded: making a generator sends
    generator_init. Pelican's content cache is left unread. A folder link that loops (folder_loops)
    is a problem, and then no generator is made and no file listed.
    """
    loops = folder_loops(settings)
    if loops:
        return [], loops
    settings = {**settings, "LOAD_CONTENT_CACHE": False, "CACHE_CONTENT": False}
    return [markdown_files(cls(context=dict(settings), settings=settings, path=settings["PATH"],
                               theme=settings["THEME"], output_path=settings["OUTPUT_PATH"]))
            for cls in READ_BY], []


def folder_loops(settings):
    """Return a fatal problem for each folder link, in the folders Pelican walks, back to a folder containing it.

    To be asked before any of Pelican's generators exists: its walk follows folder links without
    noticing a loop, and with two such links it branches at every turn and never ends. This walk
    follows no link and looks at nothing but folder links (pruned as Pelican prunes its walk): it
    lists no file, so Pelican's own list stays the only list of the files.
    """
    root, ignores, loops = settings["PATH"], settings["IGNORE_FILES"], set()
    for paths, excludes in WALKED:
        excluded = {}
        for name in settings[excludes]:
            parent, folder = os.path.split(os.path.join(root, name))
            excluded.setdefault(parent, set()).add(folder)
        for path in settings[paths]:
            for parent, names, _ in os.walk(os.path.join(root, path) if path else root, followlinks=False):
                names[:] = [name for name in names if name not in excluded.get(parent, ())
                            and not any(fnmatch(name, ignore) for ignore in ignores)]
                loops.update(filter(None, (_loop_link(parent, name, Path(root)) for name in names)))
    return [_loop_problem(link) for link in sorted(loops)]


def followed_links(names, root):
    """Return (names Pelican can read, problems): files reached round a folder link that loops, and links to nothing.

    Pelican's walk follows folder links: round a link back to a folder that contains it, it lists the
    same files again at every turn until the system refuses the path. folder_loops finds such links
    before the walk, but not those it reaches only through a link out of the content folder: each of
    those is reported here once, and no file reached through it is read. A file that is a link to
    nothing is reported too.
    """
    loops, problems, kept = {}, [], []
    for name in names:
        if _first_loop(Path(root), Path(name).parent.parts, loops) is not None:
            continue
        path = Path(root, name)
        if os.path.islink(path) and not os.path.exists(path):
            problems.append(Problem(
                shown_path(path, root), None, "this file is a link to a file that does not exist",
                "delete the link or make it point to the right file",
            ))
            continue
        kept.append(name)
    problems += [_loop_problem(link) for link in sorted({link for link in loops.values() if link is not None})]
    return kept, problems


def _loop_problem(link):
    """Return the problem of a folder link (its shown path) back to a folder that contains it."""
    return Problem(link, None, "this folder is a link back to a folder that contains it (a loop)",
                   "delete the link, or point it somewhere outside the content folder",
                   FATAL)  # Pelican follows links without noticing loops


def _first_loop(root, parts, loops):
    """Return the shown path of the first folder of parts that is a link back to a folder containing it, or None.

    loops: {folder: its answer}, kept across calls so each folder is looked at once.
    """
    folder = root
    for part in parts:
        parent, folder = folder, folder / part
        if folder not in loops:
            loops[folder] = _loop_link(parent, part, root)
        if loops[folder] is not None:
            return loops[folder]
    return None


def _loop_link(parent, name, root):
    """Return the shown path of entry `name` of parent if it is a folder link back to parent or a folder above it."""
    link = os.path.join(parent, name)
    if not os.path.islink(link):
        return None
    target, inside = os.path.realpath(link), os.path.realpath(parent)
    if inside == target or inside.startswith(target.rstrip(os.sep) + os.sep):
        return _shown_link(inside, name, root)
    return None


def _shown_link(inside, name, root):
    """Return the shown path of the link `name` in the real folder `inside`: once, however often it was reached."""
    real_root, path = Path(os.path.realpath(root)), Path(inside, name)
    return (Path(root.name) / path.relative_to(real_root)).as_posix() if path.is_relative_to(real_root) else str(path)


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
    _check_raw_html(source, lines)
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
    _check_odd_header_line(source, lines, len(header))
    ended = header and (not header[-1].strip() or (len(header) > 1 and END_RE.match(header[-1])))
    if source.details and rest and not ended:
        source.problem("the text starts straight after the details at the top, without an empty line",
                       "put an empty line between the last detail line and the text", line=len(header) + 1)


def _check_odd_header_line(source, lines, header_length):
    """Report a line just below the details that would be one but for a look-alike space or a tab before it."""
    if header_length >= len(lines) or not source.details:
        return
    number = header_length + 1
    line = lines[header_length]
    odd = next((name for char, name in ODD_SPACES.items() if char in line), None)
    cleaned = "".join(" " if char in ODD_SPACES else char for char in line).strip()
    if META_RE.match(cleaned) and (odd or line[:1] == "\t") and cleaned.split(":")[0].lower() in PELICAN_KEYS:
        what = f"contains {odd}" if odd else "starts with a tab"
        source.problem(f"this line {what}, so it is read as text, not as the detail '{cleaned.split(':')[0]}:'",
                       "delete the spaces on this line and type them again with the space bar", line=number)


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
    for key in ("date", "modified", "reviewed"):
        readings = two_readings(details.get(key, ""))
        if readings:
            day_first, month_first = readings
            source.problem(
                f"'{_spelled(source, key)}: {details[key]}' could be {day_first:%-d %B %Y} or {month_first:%-d %B %Y}",
                f"write it as year-month-day, e.g. '{day_first:%Y-%m-%d}' for {day_first:%-d %B %Y}", key=key,
            )
        elif key in details:
            try:
                read_date(details[key])
            except (ValueError, OverflowError):
                source.problem(
                    f"'{_spelled(source, key)}: {details[key]}' is not a date",
                    "write it as year-month-day, e.g. '2024-03-01' or '2024-03-01 09:30'", key=key,
                )
    if source.kind == "post" and not details.get("date") and "date" not in source.from_path:
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
    """Report links and images whose file is not in the content folder: {filename}, {static} and plain image paths."""
    root = Path(os.path.normpath(source.root))
    for number, written, target, is_image, rest in _references(source, lines):
        target = unquote(target.split("#")[0].split("?")[0])
        if not target:
            continue
        plain = not written.startswith("{")
        base = root if target.startswith("/") or (plain and _from_content(target, source)) else source.path.parent
        wanted = Path(os.path.normpath(base / target.lstrip("/")))
        inside = wanted.is_relative_to(root)
        found = _as_on_disk(wanted) if inside else None
        if found == wanted:
            continue
        what = f"the image '{written}' does not exist" if is_image else \
            f"the link '{written}' points to a file that does not exist"
        if found is not None:  # the same name in other capitals
            if is_image and _is_photo(found.relative_to(root), source):
                continue  # the build finds a photo whatever the capitals of its name
            source.problem(what, f"the file is {found.name}: write the name with the same capitals", line=number)
            continue
        spaced = _spaced_name(wanted, rest) if inside else None
        if spaced:
            source.problem(f"{what}: the link stops at the space in the file name '{spaced.name}'",
                           f"rename the file to '{spaced.name.replace(' ', '-')}' (no spaces) and change the "
                           "link to match", line=number)
            continue
        close = closest_file(wanted) if inside else None
        from_root = _climbed_to(root, target) if plain else None
        if close:
            fix = f"did you mean {close}?"
        elif from_root:
            fix = f"write it as {from_root} (from the content folder)"
        else:
            fix = "check the file name: images go in content/images/" if is_image else \
                "check the file name, e.g. {filename}/posts/name.md"
        source.problem(what, fix, line=number)


def _references(source, lines):
    """Yield (line number, as written, target, whether an image, the text after it) for each link to a content file.

    {filename}, {static} and {attach} links anywhere (Pelican resolves them even in code); plain image
    paths (images/x.jpg, ../images/x.jpg) outside code, and in the 'Image:' detail.
    """
    cover, code = source.lines.get("image"), _code_lines(lines)
    # Details other than the summary (which Pelican renders as Markdown) are words shown as written
    header = {number for key, number in source.lines.items() if key not in ("image", "summary")}
    for number, line in enumerate(lines, 1):
        for match in CONTENT_LINK.finditer(line):
            is_image = number == cover or bool(IMAGE_BEFORE.search(line[: match.start()]))
            yield number, match.group(0), match["target"], is_image, line[match.end():]
        if number == cover:
            value = line.partition(":")[2].strip()
            if value and not ADDRESS.match(value):
                yield number, value, value, True, ""
        elif number not in code and number not in header:
            text = re.sub(r"<!--.*?-->", "", CODE_SPAN.sub("", line))  # a note to herself shows nothing
            for match in PLAIN_IMAGE.finditer(text):
                if not ADDRESS.match(match["target"]):
                    yield number, match["target"], match["target"], True, text[match.end():]


def _code_lines(lines):
    """Return the numbers of the lines Markdown shows as code: fenced, or indented by four spaces or a tab."""
    code, fenced = set(), False
    for number, line in enumerate(lines, 1):
        if FENCE.match(line):
            fenced = not fenced
            code.add(number)
        elif fenced or line.startswith(("    ", "\t")):
            code.add(number)
    return code


def _from_content(target, source):
    """Return whether a plain path starts at the content folder, as the site reads it: with a static folder."""
    return any(PurePosixPath(target).is_relative_to(folder) for folder in source.static_paths if folder)


def _is_photo(relative, source):
    """Return whether a file (its path in the content folder) is a photo the build publishes in several sizes."""
    return relative.suffix.lower() in PHOTOS and _from_content(relative.as_posix(), source)


def _climbed_to(root, target):
    """Return a plain path that climbs (../images/x.jpg) as written from the content folder, if the file is there."""
    parts = PurePosixPath(target).parts
    rest = PurePosixPath(*[part for part in parts if part != ".."]) if ".." in parts else None
    return rest.as_posix() if rest and rest.parts and _as_on_disk(root / rest) else None


def _as_on_disk(wanted):
    """Return the wanted file or folder by its name on disk, matched without regard to capitals; None if none is."""
    try:
        names = os.listdir(wanted.parent)
    except OSError:
        return None
    if wanted.name in names:
        return wanted if wanted.exists() else None
    same = [name for name in names if name.casefold() == wanted.name.casefold()]
    return wanted.with_name(same[0]) if len(same) == 1 else None


def _spaced_name(wanted, rest):
    """Return the file a link cut short at a space was meant for, if one by that longer name exists."""
    words = rest.split(")")[0].split('"')[0].split()
    for count in range(1, len(words) + 1):
        candidate = wanted.with_name(" ".join([wanted.name, *words[:count]]))
        if candidate.exists():
            return candidate
    return None


def closest_file(wanted):
    """Return the name of the file in the wanted file's folder it was likely meant to be, or None.

    The same name in other capitals first, then the same name with another ending, then a name one typo
    away with the same numbers in it: IMG_4850 and IMG_4822 are two photos, never offered for each other.
    """
    folder = wanted.parent
    if not folder.is_dir():
        return None
    names = sorted(entry.name for entry in folder.iterdir() if entry.is_file())
    key, stem = wanted.name.casefold(), PurePosixPath(wanted.name).stem.casefold()
    same = [name for name in names if name.casefold() == key] or \
        [name for name in names if PurePosixPath(name).stem.casefold() == stem]
    if same:
        return same[0]
    numbers = DIGITS.findall(wanted.name)
    alike = {name.casefold(): name for name in names if DIGITS.findall(name) == numbers}
    close = difflib.get_close_matches(key, alike, n=1, cutoff=0.6)
    return alike[close[0]] if close else None


# Raw HTML the site's security policy blocks once it is published: (pattern, what, fix).
BLOCKED_HTML = (
    (re.compile(r"<script\b", re.IGNORECASE), "a <script> will not run on the published site",
     "remove it: the site's security policy blocks scripts written into posts"),
    (re.compile(r"<iframe\b", re.IGNORECASE), "an <iframe> will not show on the published site",
     "for a YouTube or Vimeo video, put its address on a line of its own (it becomes a click-to-load video); "
     "for anything else, link to it"),
    (re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE), "an on…= attribute (such as onclick) will not run "
     "on the published site", "remove it: the site's security policy blocks scripts written into posts"),
    (re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE), "a style= attribute is ignored on the published site",
     "remove it: the theme styles posts, and Markdown gives *emphasis* and **bold**"),
)
FENCE = re.compile(r"^\s{0,3}(```|~~~)")
CODE_SPAN = re.compile(r"(`+).+?\1")


def _check_raw_html(source, lines):
    """Warn of raw HTML in the text that the published site's security policy would block (not in code)."""
    fenced = False
    for number, line in enumerate(lines, 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or line.startswith(("    ", "\t")):
            continue
        text = CODE_SPAN.sub("", line)
        for pattern, what, fix in BLOCKED_HTML:
            if pattern.search(text):
                source.problem(what, fix, line=number, severity=WARNING)
                break


def _spelled(source, key):
    """Return the key as the author typed it."""
    return source.spelling.get(key, key.capitalize())


def details_from_path(path, settings):
    """Return the details Pelican gives a file besides its header: DEFAULT_DATE, FILENAME_METADATA and the like."""
    relative = Path(path).relative_to(settings["PATH"]).as_posix()
    found = default_metadata(settings=settings)
    found |= path_metadata(full_path=str(path), source_path=relative, settings=settings)
    found.update(parse_path_metadata(source_path=relative, settings=settings))
    return {key: value for key, value in found.items() if value}


def check_sources(settings, kind, names, plugin_keys=()):
    """Read the Markdown files of one kind (post or page) Pelican will read; return (sources, problems).

    names: the files, relative to the content folder, as markdown_files gives them.
    plugin_keys: the details of a post the site's plugins read, besides Pelican's own.
    """
    root = Path(settings["PATH"])
    names, problems = followed_links(names, root)
    known_keys, converter = (*PELICAN_KEYS, *plugin_keys), Markdown()
    sources = [Source(root / name, shown_path(root / name, root), kind, root,
                      static_paths=tuple(settings.get("STATIC_PATHS", ()))) for name in names]
    for source in sources:
        source.from_path = details_from_path(source.path, settings)
        read_source(source, known_keys, converter)
        problems.extend(source.problems)
    return sources, problems
