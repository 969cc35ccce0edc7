"""Credentials a reader can check: memberships (with the body's public register), her insurer, her first year."""

import re
from urllib.parse import urlsplit

from sitetools.author_values import SettingError, check_text

MEMBERSHIP_KEYS = ("body", "number", "register")
FIRST_YEAR = 1950  # before any practising therapist started: an earlier year is a typing mistake
REGISTER_EXAMPLE = 'register = "https://www.cnhcregister.org.uk/"'
NOT_IN_AN_ADDRESS = set('<>"\\')  # would break out of a link or of the structured data


def register_mistake(register):
    """Return (what, fix) for a register's address a client could not open, or None."""
    shown = f'register = "{register}"'
    if any(space.isspace() for space in register):
        return f"{shown} has a space in it", f"write the address with no spaces, e.g. {REGISTER_EXAMPLE}"
    if register.startswith("http://"):
        return f"{shown} starts with http://", f'write https:// instead: register = "https{register[4:]}"'
    if not register.startswith("https://"):
        guess = re.sub(r"^[a-z]*:?//", "", register)  # www.… or a mistyped https//
        return f"{shown} does not start with https://", f'write it as register = "https://{guess}"'
    try:
        host = urlsplit(register).hostname or ""
    except ValueError:  # a malformed [ ] host
        host = ""
    if "." not in host or NOT_IN_AN_ADDRESS & set(register):
        return (f"{shown} is not the address of a web page",
                f"copy the address of the register's page from your browser, e.g. {REGISTER_EXAMPLE}")
    return None


def year_mistake(year, this_year):
    """Return (what, fix) unless year is a whole number from FIRST_YEAR to this_year, else None."""
    if isinstance(year, str):
        written = year.strip() if year.strip().isdigit() else "2016"
        return (f'in_practice_since = "{year}" is not a year written as a number',
                f"write it without quotes: in_practice_since = {written}")
    shown = f"in_practice_since = {str(year).lower() if isinstance(year, bool) else year}"
    if isinstance(year, bool) or not isinstance(year, int):
        return f"{shown} is not a year", "write the year you started practising, e.g. in_practice_since = 2016"
    if not FIRST_YEAR <= year <= this_year:
        return (f"{shown} is not a year from {FIRST_YEAR} to {this_year}",
                "write the year you started practising, e.g. in_practice_since = 2016")
    return None


def since(value, this_year):
    """Return PRACTICE_SINCE checked: the year she started practising, or None."""
    if value is not None and year_mistake(value, this_year):
        raise SettingError("PRACTICE_SINCE", value, f"must be a year from {FIRST_YEAR} to {this_year}, as a whole "
                           "number, e.g. 2016.")
    return value


def memberships(value):
    """Return PRACTICE_MEMBERSHIPS checked: [{'text', 'body', 'number', 'register'}] from texts or bodies."""
    name = "PRACTICE_MEMBERSHIPS"
    if not isinstance(value, (list, tuple)) or not all(isinstance(entry, (str, dict)) for entry in value):
        raise SettingError(name, value, "must be a list of texts, or of {'body': …, 'number': …, "
                           "'register': 'https://…'}.")
    checked = []
    for entry in value:
        if isinstance(entry, str):
            check_text(name, entry)
            checked.append({"text": entry, "body": None, "number": None, "register": None})
            continue
        if not set(entry) <= set(MEMBERSHIP_KEYS):
            raise SettingError(name, entry, "can have only 'body', 'number' and 'register'.")
        if "body" not in entry:
            raise SettingError(name, entry, "needs 'body': the name of the professional body.")
        for key in entry:
            check_text(name, entry[key])
        if "register" in entry and register_mistake(entry["register"]):
            raise SettingError(name, entry, "needs 'register' to be an https:// address with no spaces, e.g. "
                               "'https://www.cnhcregister.org.uk/'.")
        checked.append({"text": entry["body"], "body": entry["body"], "number": entry.get("number"),
                        "register": entry.get("register")})
    return checked
