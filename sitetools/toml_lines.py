"""TOML files the author writes (her facts, her old comments): each key's line, and mistakes in plain words.

tomllib gives values, not where they were written, so `Lines` notes the line of each key as it
reads the text. Every message is `FILE:LINE: what is wrong — how to fix it`, in words for the author.
"""

import re
import tomllib

# Spaces an editor or a copied web page puts in that look like plain ones.
LOOK_ALIKE_SPACES = ("\u00a0", "\u2007", "\u202f", "\u200b")
# An amount written with its currency sign and no quotes: price = £35, price = 35€
AMOUNT = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # 35, 42.50, 1,200
MONEY = re.compile(rf"([A-Za-z0-9_-]+)\s*=\s*(([£$€¥])\s*({AMOUNT})|({AMOUNT})\s*([£$€¥]))")


class DataFileError(ValueError):
    """A data file (the practice's facts, the testimonials) has a mistake.

    path names the file, detail says what is wrong and how to fix it ("what — fix"), line where it is.
    """

    def __init__(self, path, detail, line=None):
        super().__init__(f"{path}:{line}: {detail}" if line else f"{path}: {detail}")
        self.path = path
        self.detail = detail
        self.line = line


class Lines:
    """The line each key of a TOML file is written on, noted while reading it line by line.

    Keys are paths: ("contact", "phone"), ("hours", 0, "opens"), ("services", 1, "prices", 0).
    """

    TABLE = re.compile(r"^\[\s*([A-Za-z0-9_.-]+)\s*\]")
    ARRAY_TABLE = re.compile(r"^\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]")
    KEY = re.compile(r'^([A-Za-z0-9_-]+|"[^"]*")\s*=\s*(.*)$')

    def __init__(self, text):
        self.text_lines = text.splitlines()
        self.found, self.repeated = {}, {}  # repeated: {line of a key given again: line of its first}
        table, counts, open_list, items = (), {}, None, 0
        for number, line in enumerate(self.text_lines, 1):
            stripped = line.strip()
            if open_list is not None:  # inside a list that runs over several lines: one item per line
                if stripped.startswith(("{", '"')):
                    self.found.setdefault((*open_list, items), number)
                    items += 1
                if stripped.startswith("]"):
                    open_list = None
                continue
            if match := self.ARRAY_TABLE.match(stripped):
                counts[match[1]] = counts.get(match[1], -1) + 1
                table = (match[1], counts[match[1]])
            elif match := self.TABLE.match(stripped):
                table = (match[1],)
            elif match := self.KEY.match(stripped):
                key = (*table, match[1].strip('"'))
                if key in self.found:
                    self.repeated[number] = self.found[key]
                self.found.setdefault(key, number)
                if match[2].startswith("[") and "]" not in match[2].split("#")[0]:
                    open_list, items = key, 0
                continue
            else:
                continue
            self.found.setdefault(table, number)

    def line(self, *path):
        """Return the line of path, or of the nearest enclosing thing written in the file; None if not known."""
        while path:
            if path in self.found:
                return self.found[path]
            path = path[:-1]
        return None

    def last_line(self):
        """Return the number of the file's last line."""
        return max(len(self.text_lines), 1)


def pasted_form_address(text):
    """Return the address a form's HTML, copied whole into a value, posts to (&amp; read as &), or None."""
    pasted = re.search(r"""action=["']?([^"'\s>]+)""", text)
    return pasted[1].replace("&amp;", "&") if pasted else None


def syntax_problem(line_text):
    """Return (what, fix) for a line tomllib cannot read, from what the line itself shows."""
    text = line_text.split(" #")[0].strip()
    key, equals, value = (part.strip() for part in text.partition("="))
    if address := pasted_form_address(text):
        return ("this line holds a piece of HTML", f'write only the address after action=, in quotes: '
                f'{key or "form"} = "{address}"')
    if any(mark in text for mark in "“”‘’"):
        return ("this line has curly quotes (“ ”), which this file cannot read",
                'type straight quotes instead: "like this" (your editor may change them as you type)')
    if any(space in text.replace(value, "") for space in LOOK_ALIKE_SPACES):
        return ("this line has a space that is not a plain one (a non-breaking space)",
                "delete the spaces around the = sign and type them again with the space bar")
    if text.count('"') % 2:
        return ("a quote mark is missing", f'text starts and ends with a straight quote, e.g. {key or "phone"} = "…"')
    if money := MONEY.search(re.sub(r'"[^"]*"', '""', text)):  # in a line of its own or a { … } of prices
        name, written = money[1], money[2]
        sign, number = money[3] or money[6], (money[4] or money[5]).replace(",", "")
        return (f"{name} = {written} has a {sign} sign, which this file cannot read",
                f"write the {name} as a number without the {sign} sign: {name} = {number}")
    if text and not equals and not text.startswith("["):
        return ("this line has no = sign", 'write each fact as name = value, e.g. town = "Linton"')
    if equals and not key:
        return ("this line has no name before the = sign", 'write each fact as name = value, e.g. town = "Linton"')
    if equals and re.fullmatch(r"\d{1,2}[:.]\d{2}", value):
        return (f"the time {value} needs quotes", f'write it as {key} = "{value.replace(".", ":").zfill(5)}"')
    if equals and value and not value.startswith(('"', "'", "[", "{")) and not re.fullmatch(r"[-+]?[\d_.]+", value) \
            and value not in ("true", "false"):
        return (f"{value} needs quotes", f'write it as {key} = "{value}" (numbers, true and false need none)')
    if equals and re.fullmatch(r"0\d+", value.replace(" ", "")):
        return (f"{value} needs quotes", f'write it as {key} = "{value}"')
    return ("this line is not written the way this file expects",
            'text goes in straight quotes, numbers without, lists in [ ]: e.g. minutes = 30, town = "Linton"')


def _error_line(error):
    """Return the line number a tomllib error is at: its lineno where Python gives one (3.14), else its message's."""
    number = getattr(error, "lineno", None)
    if number is None:  # Python before 3.14 puts "(at line N, column M)" at the end of the message only
        match = re.search(r"at line (\d+)", str(error))
        number = int(match[1]) if match else None
    return number


def parse(text, shown):
    """Return (data, Lines) for the file's text; raise DataFileError with the line for anything tomllib rejects."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # any editor's line endings
    lines = Lines(text)
    try:
        return tomllib.loads(text), lines
    except tomllib.TOMLDecodeError as error:
        number = _error_line(error)
        if number and number > len(lines.text_lines):  # an unclosed list or quote: shown where it starts
            number = lines.last_line()
        line_text = lines.text_lines[number - 1] if number else ""
        what, fix = syntax_problem(line_text)
        if number in lines.repeated:
            what, fix = f"this is given twice (first on line {lines.repeated[number]})", "keep one of the two lines"
        raise DataFileError(shown, f"{what} — {fix}", number) from None
