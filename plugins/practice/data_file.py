"""Read the practice's facts from content/data/practice.toml, and say at which line any mistake is.

The file is TOML, read with sitetools.toml_lines, which notes the line of each key. Every message is
`content/data/practice.toml:LINE: what is wrong — how to fix it`, in words for the author.
"""

import datetime
import difflib

from sitetools.toml_lines import DataFileError, parse

from .credentials import MEMBERSHIP_KEYS, register_mistake, year_mistake
from .facts import DAYS, MARKUP, TIME
from .follow import SERVICES, canonical, form_mistake, service_mistake
from .site import address_mistake, publish_mistake

# What each key of the file is, and the setting it fills: (setting, kind, required).
TOP = {"examples": ("PRACTICE_EXAMPLE_VALUES", "yes/no", True)}
SECTIONS = {
    "you": {
        "display_name": ("AUTHOR", "text", True),
        "portrait": ("AUTHOR_PORTRAIT", "text", False),  # a photo of her in content/images/
        "portrait_description": ("AUTHOR_PORTRAIT_ALT", "text", False),
        "job_title": ("AUTHOR_JOB_TITLE", "text", True),
        "bio": ("AUTHOR_BIO", "text", True),
        "introduction": ("AUTHOR_INTRODUCTION", "text", False),  # one line in her voice, first on the home page
        "qualifications": ("PRACTICE_QUALIFICATIONS", "texts", True),
        "memberships": ("PRACTICE_MEMBERSHIPS", "memberships", False),
        "insurance": ("PRACTICE_INSURANCE", "text", True),
        "insurer": ("PRACTICE_INSURER", "text", False),
        "in_practice_since": ("PRACTICE_SINCE", "year", False),
    },
    "contact": {
        "phone": ("CONTACT_PHONE", "text", True),
        "text_messages": ("CONTACT_SMS", "text", False),
        "email": ("CONTACT_EMAIL", "text", True),
        "booking": ("CONTACT_BOOKING_URL", "text", False),
    },
    "practice": {
        "name": ("PRACTICE_NAME", "text", True),
        "tagline": ("SITESUBTITLE", "text", True),
        "town": ("PRACTICE_LOCALITY", "text", True),
        "county": ("PRACTICE_REGION", "text", True),
        "postcode": ("PRACTICE_POSTCODE", "text", True),
        "country": ("PRACTICE_COUNTRY", "text", True),
        "area_served": ("PRACTICE_AREA_SERVED", "text", True),
        "latitude": ("latitude", "number", True),
        "longitude": ("longitude", "number", True),
        "cancellation_hours": ("PRACTICE_CANCELLATION_HOURS", "whole number", True),
    },
}
LISTS = {  # [[hours]] and [[services]] blocks: their keys and kinds
    "hours": {"days": "days", "opens": "time", "closes": "time"},
    "services": {"name": "text", "description": "text", "prices": "prices"},
}
SITE_KEYS = {"address": address_mistake, "publish": publish_mistake, "rsync": lambda _: None}  # [site], optional
FOLLOW_KEYS = {"service": "FOLLOW_SERVICE", "form": "FOLLOW_FORM"}  # [follow], optional: email to readers
PRICE_KEYS = {"label": "text", "minutes": "whole number", "price": "number"}
EXAMPLES = {
    "text": 'in quotes, e.g. "Linton"',
    "texts": 'a list in square brackets, each in quotes, e.g. ["First", "Second"]',
    "number": "a number without quotes, e.g. 45 or 42.50",
    "whole number": "a whole number without quotes, e.g. 30",
    "yes/no": "true or false, without quotes",
    "days": 'a list of days in square brackets, e.g. ["Monday", "Tuesday"]',
    "time": 'a time in quotes on a 24-hour clock, e.g. "09:00" or "17:30"',
    "prices": 'a list of options, one per line, e.g. { label = "Massage", minutes = 30, price = 35 },',
    "memberships": 'a list in square brackets, one per line, each in quotes or written as '
                   '{ body = "Sports Massage Association", number = "SMA12345" },',
    "membership": '{ body = "Sports Massage Association", number = "SMA12345" }',
}


class Checker:
    """Check the file's values against what each key must be; raise DataFileError at the first mistake."""

    def __init__(self, lines, shown):
        self.lines, self.shown = lines, shown

    def fail(self, path, what, fix):
        """Stop at the line of path with what is wrong and how to fix it."""
        raise DataFileError(self.shown, f"{what} — {fix}", self.lines.line(*path))

    def known(self, table, path, allowed, place):
        """Report a key that is not one of allowed, with the closest known one."""
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
                self.fail((*path, key), f"'{key}' is not something {place} can have",
                          f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(allowed)}")

    def value(self, path, value, kind):
        """Check one value of the given kind; return it."""
        key = path[-1]
        shown = f'{key} = "{value}"' if isinstance(value, str) else key if isinstance(value, (dict, list)) else \
            f"{key} = {str(value).lower() if isinstance(value, bool) else value}"  # as TOML writes it
        if kind == "text" and not (isinstance(value, str) and value.strip()):
            self.fail(path, f"{shown} is not text" if not isinstance(value, str) else f"{key} is empty",
                      f"write it {EXAMPLES['text']}")
        if kind == "texts" and not (isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)):
            self.fail(path, f"{key} is not a list of texts", f"write it as {EXAMPLES['texts']}")
        if kind in ("text", "texts") and MARKUP & set("".join(value if isinstance(value, list) else [value])):
            self.fail(path, f"{key} contains < or >", "plain text only: remove them (no HTML here)")
        if kind in ("number", "whole number"):
            whole = kind == "whole number"
            if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
                price = " (no £ sign, no quotes)" if key == "price" else ""
                self.fail(path, f"{shown} is not a{' whole' if whole else ''} number",
                          f"write it as {EXAMPLES[kind]}{price}")
            if value < 0 or (key == "minutes" and value == 0):
                self.fail(path, f"{shown} is {'zero' if value == 0 else 'below zero'}",
                          "write how many minutes the session lasts" if key == "minutes" else
                          "write the number without a minus sign")
        if kind == "year" and (found := year_mistake(value, datetime.date.today().year)):
            self.fail(path, *found)
        if kind == "memberships":
            self.memberships(path, value)
        if kind == "yes/no" and not isinstance(value, bool):
            self.fail(path, f"{shown} is not true or false", f"write it as {EXAMPLES['yes/no']}")
        if kind == "time" and not (isinstance(value, str) and TIME.match(value)):
            self.fail(path, f"{shown} is not a time", f"write it as {EXAMPLES['time']}")
        if kind == "days":
            if not isinstance(value, list) or not value or not all(isinstance(day, str) for day in value):
                self.fail(path, "days is not a list of days", f"write it as {EXAMPLES['days']}")
            for day in value:
                if day.strip().capitalize() not in DAYS:
                    close = difflib.get_close_matches(day.strip().capitalize(), DAYS, n=1, cutoff=0.5)
                    self.fail(path, f"'{day}' is not a day of the week",
                              f"did you mean '{close[0]}'?" if close else f"use {', '.join(DAYS)}")
            return [day.strip().capitalize() for day in value]
        return value

    def section(self, data, name, keys):
        """Check a [name] section: known keys, each required one present, each value of its kind."""
        table = data.get(name)
        if not isinstance(table, dict):
            self.fail((name,), f"the [{name}] section is missing",
                      f"add a line [{name}] with its facts below it (see the file as it came with the site)")
        self.known(table, (name,), keys, f"[{name}]")
        for key, (_, kind, required) in keys.items():
            if key not in table:
                if required:
                    self.fail((name,), f"[{name}] has no {key}", f"add a line {key} = … below [{name}]")
                continue
            table[key] = self.value((name, key), table[key], kind)
        return table

    def blocks(self, data, name):
        """Check each [[name]] block; return them."""
        keys = LISTS[name]
        blocks = data.get(name)
        if not isinstance(blocks, list) or not blocks:
            self.fail((), f"there are no [[{name}]] blocks", f"add at least one [[{name}]] block")
        for index, block in enumerate(blocks):
            path = (name, index)
            self.known(block, path, keys, f"an [[{name}]] block")
            for key, kind in keys.items():
                if key not in block:
                    self.fail(path, f"this [[{name}]] block has no {key}", f"add a line {key} = … below it")
                if kind == "prices":
                    self.prices((*path, key), block[key])
                else:
                    block[key] = self.value((*path, key), block[key], kind)
            if name == "hours" and block["opens"] >= block["closes"]:
                opens, closes = block["opens"], block["closes"]
                self.fail((*path, "closes"), f'closes = "{closes}" is not after opens = "{opens}"',
                          'check the times: 24-hour clock, e.g. "09:00" to "17:30"')
        return blocks

    def site(self, data):
        """Check the optional [site] part: the site's address, how it is published, where rsync sends it."""
        table = data.get("site", {})
        if not isinstance(table, dict):
            self.fail(("site",), "site is not a part of its own", "write it as a line [site] with its lines below")
        self.known(table, ("site",), SITE_KEYS, "[site]")
        for key, mistake in SITE_KEYS.items():
            if key in table and not isinstance(table[key], str):
                self.value(("site", key), table[key], "text")
            if key in table and (found := mistake(table[key])):
                self.fail(("site", key), *found)

    def follow(self, data):
        """Check the optional [follow] part: the mailing service and its sign-up form's address; return settings."""
        if "follow" not in data:
            return {}
        table = data["follow"]
        if not isinstance(table, dict):
            self.fail(("follow",), "follow is not a part of its own",
                      "write it as a line [follow] with its lines below")
        self.known(table, ("follow",), FOLLOW_KEYS, "[follow]")
        for key in FOLLOW_KEYS:
            if key not in table:
                self.fail(("follow",), f"[follow] has no {key}", f"add a line {key} = … below [follow], e.g. "
                          f'service = "buttondown" and form = "{SERVICES["buttondown"].example}"')
            if not isinstance(table[key], str):
                self.value(("follow", key), table[key], "text")
        if found := service_mistake(table["service"]):
            self.fail(("follow", "service"), *found)
        if found := form_mistake(table["form"], table["service"]):
            self.fail(("follow", "form"), *found)
        return {"FOLLOW_SERVICE": table["service"], "FOLLOW_FORM": canonical(table["form"], table["service"])}

    def memberships(self, path, entries):
        """Check her memberships: each a text, or { body, number, register } for a body with a public register."""
        if not isinstance(entries, list) or not all(isinstance(entry, (str, dict)) for entry in entries):
            self.fail(path, "memberships is not a list of memberships", f"write it as {EXAMPLES['memberships']}")
        for index, entry in enumerate(entries):
            where = (*path, index)
            if isinstance(entry, str):
                if not entry.strip():
                    self.fail(where, "a membership is empty", "write what you are a member of, or delete the quotes")
                if MARKUP & set(entry):
                    self.fail(where, "memberships contains < or >", "plain text only: remove them (no HTML here)")
                continue
            self.known(entry, where, MEMBERSHIP_KEYS, "a membership")
            if "body" not in entry:
                self.fail(where, "this membership has no body", "write the name of the professional body first, "
                          f"e.g. {EXAMPLES['membership']}")
            for key in MEMBERSHIP_KEYS:
                if key == "number" and key in entry and not isinstance(entry[key], str):
                    self.fail((*where, key), f"number = {entry[key]} is not text",
                              'write it in quotes, e.g. number = "SMA12345"')
                if key in entry:
                    self.value((*where, key), entry[key], "text")
            if "register" in entry and (found := register_mistake(entry["register"])):
                self.fail((*where, "register"), *found)

    def prices(self, path, options):
        """Check a service's prices: one { label, minutes, price } per option."""
        if not isinstance(options, list) or not options or not all(isinstance(o, dict) for o in options):
            self.fail(path, "prices is not a list of options", f"write it as {EXAMPLES['prices']}")
        for index, option in enumerate(options):
            where = (*path, index)
            self.known(option, where, PRICE_KEYS, "a price")
            for key, kind in PRICE_KEYS.items():
                if key not in option:
                    self.fail(where, f"this price has no {key}", f"write it as {EXAMPLES['prices']}")
                self.value((*where, key), option[key], kind)


def read_practice(text, shown):
    """Return the settings the facts file gives: AUTHOR, SITENAME, CONTACT_*, PRACTICE_*.

    Raises DataFileError (shown, what — fix, line) for the first mistake.
    """
    data, lines = parse(text, shown)
    checker = Checker(lines, shown)
    checker.known(data, (), [*TOP, *SECTIONS, *LISTS, "site", "follow"], "this file")
    if "examples" not in data:
        checker.fail((), "the line examples = … is missing", "add examples = false at the top (true while the "
                     "facts are still examples)")
    settings = {"PRACTICE_EXAMPLE_VALUES": checker.value(("examples",), data["examples"], "yes/no")}
    for name, keys in SECTIONS.items():
        table = checker.section(data, name, keys)
        settings.update({setting: table[key] for key, (setting, _, _) in keys.items() if key in table})
    settings["PRACTICE_MEMBERSHIPS"] = settings.get("PRACTICE_MEMBERSHIPS", [])
    settings["PRACTICE_GEO"] = (settings.pop("latitude"), settings.pop("longitude"))
    settings["SITENAME"] = settings["PRACTICE_NAME"]
    hours = checker.blocks(data, "hours")
    settings["PRACTICE_HOURS"] = [{key: block[key] for key in LISTS["hours"]} for block in hours]
    settings["PRACTICE_SERVICES"] = [
        {"name": block["name"], "description": block["description"], "options": block["prices"]}
        for block in checker.blocks(data, "services")
    ]
    checker.site(data)  # read by publishconf.py and the publish command, not by templates
    settings.update(checker.follow(data))
    return settings


BLOCK_SETTINGS = {"PRACTICE_HOURS": "hours", "PRACTICE_SERVICES": "services"}


def where_setting_is(setting, lines):
    """Return the file's key for a setting and its line, for a mistake found in the setting's value."""
    for name, keys in SECTIONS.items():
        for key, (filled, _, _) in keys.items():
            if filled == setting or (setting == "PRACTICE_GEO" and filled == "latitude"):
                return key, lines.line(name, key)
    for key, filled in FOLLOW_KEYS.items():
        if filled == setting:
            return key, lines.line("follow", key)
    if setting in BLOCK_SETTINGS:
        return BLOCK_SETTINGS[setting], lines.line(BLOCK_SETTINGS[setting], 0)
    return None, None
