"""The practice's facts beyond contact details: hours, services, credentials, location, testimonials."""

import datetime
import re
import tomllib
from pathlib import Path

from sitetools.author_values import SettingError, check_text
from sitetools.toml_lines import DataFileError

from . import credentials, follow

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MARKUP = set("<>")


def _is_number(value, whole=False):
    """Return whether value is a number (a whole one if asked); True and False do not count."""
    return isinstance(value, int if whole else (int, float)) and not isinstance(value, bool)


def _text(name, value):
    if not isinstance(value, str) or not value.strip() or MARKUP & set(value):
        raise SettingError(name, value, "must be plain text (no < or >), not empty.")
    return value


def _optional_text(name, value):
    """Return an optional text setting checked; "" when it is not given."""
    check_text(name, "" if value is None else value, required=False)
    return value or ""


def _texts(name, value):
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        raise SettingError(name, value, "must be a list of texts in quotes, e.g. ['First', 'Second'].")
    return [_text(name, item) for item in value]


def opening_hours(value):
    """Return PRACTICE_HOURS checked: [{'days', 'opens', 'closes', 'label'}], in the week's order."""
    name = "PRACTICE_HOURS"
    allowed = "must be a list like [{'days': ['Monday'], 'opens': '09:00', 'closes': '17:00'}]."
    if not isinstance(value, (list, tuple)):
        raise SettingError(name, value, allowed)
    hours = []
    for entry in value:
        if not isinstance(entry, dict) or set(entry) != {"days", "opens", "closes"}:
            raise SettingError(name, entry, allowed)
        days = entry["days"]
        if not isinstance(days, (list, tuple)) or not days or any(day not in DAYS for day in days):
            raise SettingError(name, entry, f"has a day that is not one of {', '.join(DAYS)}.")
        if not all(isinstance(entry[k], str) and TIME.match(entry[k]) for k in ("opens", "closes")):
            raise SettingError(name, entry, "needs times written as HH:MM on a 24-hour clock, e.g. '09:00'.")
        if entry["opens"] >= entry["closes"]:
            raise SettingError(name, entry, "closes before it opens.")
        ordered = sorted(days, key=DAYS.index)
        hours.append({**entry, "days": ordered, "label": _day_label(ordered)})
    return sorted(hours, key=lambda e: DAYS.index(e["days"][0]))


def _day_label(days):
    """Return 'Monday to Wednesday' for a run of days, else 'Monday, Wednesday'."""
    indexes = [DAYS.index(day) for day in days]
    if len(days) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return f"{days[0]} to {days[-1]}"
    return ", ".join(days[:-1]) + f" and {days[-1]}" if len(days) > 1 else days[0]


def services(value):
    """Return PRACTICE_SERVICES checked: [{'name', 'description', 'options': [{'label', 'minutes', 'price'}]}]."""
    name = "PRACTICE_SERVICES"
    if not isinstance(value, (list, tuple)) or not value:
        raise SettingError(name, value, "must be a list of services, each {'name', 'description', 'options'}.")
    checked = []
    for service in value:
        if not isinstance(service, dict) or set(service) != {"name", "description", "options"}:
            raise SettingError(name, service, "needs exactly 'name', 'description' and 'options'.")
        _text(name, service["name"])
        _text(name, service["description"])
        options = service["options"]
        if not isinstance(options, (list, tuple)) or not options:
            raise SettingError(name, service, "needs at least one option {'label', 'minutes', 'price'}.")
        for option in options:
            if not isinstance(option, dict) or set(option) != {"label", "minutes", "price"}:
                raise SettingError(name, option, "must be {'label': …, 'minutes': …, 'price': …}.")
            _text(name, option["label"])
            if not _is_number(option["minutes"], whole=True) or option["minutes"] <= 0:
                raise SettingError(name, option, "needs 'minutes' as a whole number above 0.")
            if not _is_number(option["price"]) or option["price"] < 0:
                raise SettingError(name, option, "needs 'price' in pounds as a number, e.g. 45 or 42.50.")
        checked.append({**service, "options": [{**o, "price_text": price_text(o["price"])} for o in options]})
    return checked


def price_text(price):
    """Return a price in pounds as shown in the UK: £45, £42.50."""
    return f"£{price:,.0f}" if float(price).is_integer() else f"£{price:,.2f}"


def location(value):
    """Return PRACTICE_GEO checked, with the OpenStreetMap address for it."""
    name = "PRACTICE_GEO"
    allowed = "must be (latitude, longitude) in degrees, e.g. (52.0976, 0.2779)."
    if not (isinstance(value, (list, tuple)) and len(value) == 2 and all(_is_number(v) for v in value)):
        raise SettingError(name, value, allowed)
    latitude, longitude = value
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise SettingError(name, value, allowed)
    return {
        "latitude": latitude,
        "longitude": longitude,
        "map_url": f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=16/{latitude}/{longitude}",
    }


def testimonials(path, shown):
    """Return the testimonials in a TOML file: [{'first_name', 'text', 'consent'}]; none if it is missing."""
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise DataFileError(shown, f"{error} — check the quotes and = signs on that line") from None
    entries = data.get("testimonial", [])
    checked = []
    for number, entry in enumerate(entries, 1):
        where = f"testimonial {number}"
        missing = [key for key in ("first_name", "text", "consent") if not entry.get(key)]
        if missing:
            raise DataFileError(shown, f"{where} has no {' or '.join(missing)} — every testimonial needs the client's "
                                "first name, their words, and the date they agreed to publication")
        if not isinstance(entry["consent"], datetime.date):
            raise DataFileError(shown, f"{where}: consent = {entry['consent']!r} is not a date — write it as "
                                "2024-03-01, without quotes")
        if MARKUP & set(str(entry["first_name"]) + str(entry["text"])):
            raise DataFileError(shown, f"{where} contains < or > — plain text only")
        if " " in entry["first_name"].strip():
            raise DataFileError(shown, f"{where}: first_name = {entry['first_name']!r} — give the first name only")
        checked.append({"first_name": entry["first_name"].strip(), "text": entry["text"].strip(),
                        "consent": entry["consent"]})
    return checked


def validate_practice(settings):
    """Check the practice's facts; return them as templates use them (labels and prices added)."""
    if not isinstance(settings.get("PRACTICE_EXAMPLE_VALUES"), bool):
        raise SettingError("PRACTICE_EXAMPLE_VALUES", settings.get("PRACTICE_EXAMPLE_VALUES"), "must be True or False.")
    hours = settings.get("PRACTICE_CANCELLATION_HOURS")
    if not _is_number(hours, whole=True) or hours < 0:
        raise SettingError("PRACTICE_CANCELLATION_HOURS", hours, "must be a whole number of hours, e.g. 24.")
    _text("PRACTICE_POSTCODE", settings.get("PRACTICE_POSTCODE"))
    _text("PRACTICE_INSURANCE", settings.get("PRACTICE_INSURANCE"))
    _texts("DISCLAIMER_CATEGORIES", settings.get("DISCLAIMER_CATEGORIES"))
    content = Path(settings["PATH"])
    data_file = content / settings.get("TESTIMONIALS_FILE", "")
    return {
        "PRACTICE_HOURS": opening_hours(settings.get("PRACTICE_HOURS")),
        "PRACTICE_SERVICES": services(settings.get("PRACTICE_SERVICES")),
        "PRACTICE_QUALIFICATIONS": _texts("PRACTICE_QUALIFICATIONS", settings.get("PRACTICE_QUALIFICATIONS")),
        "PRACTICE_MEMBERSHIPS": credentials.memberships(settings.get("PRACTICE_MEMBERSHIPS")),
        "PRACTICE_INSURER": _optional_text("PRACTICE_INSURER", settings.get("PRACTICE_INSURER")),
        "PRACTICE_SINCE": credentials.since(settings.get("PRACTICE_SINCE"), datetime.date.today().year),
        "AUTHOR_INTRODUCTION": _optional_text("AUTHOR_INTRODUCTION", settings.get("AUTHOR_INTRODUCTION")),
        "PRACTICE_LOCATION": location(settings.get("PRACTICE_GEO")),
        "FOLLOW_BY_EMAIL": follow.sign_up(settings.get("FOLLOW_SERVICE"), settings.get("FOLLOW_FORM")),
        "TESTIMONIALS": testimonials(data_file, f"{content.name}/{settings.get('TESTIMONIALS_FILE', '')}"),
    }
