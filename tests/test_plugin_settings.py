"""The plugin's settings: defaults, overrides, and a clear stop for every bad value."""

import post_actions.settings
import practice.settings
import pytest
from post_actions.settings import DEFAULTS

from sitetools.author_values import SettingError

VALID = {
    "AUTHOR": "ammann05",
    "PRACTICE_NAME": "Linton Soft Tissue Therapy",
    "PRACTICE_LOCALITY": "Linton",
    "PRACTICE_REGION": "Cambridgeshire",
    "PRACTICE_COUNTRY": "GB",
    "PRACTICE_AREA_SERVED": "Linton and villages",
    "CONTACT_PHONE": "01632 960123",
    "CONTACT_SMS": "07700 900123",
    "CONTACT_EMAIL": "hello@example.com",
    "CONTACT_BOOKING_URL": "https://example.com/book",
    "PATH": "/nonexistent-content",
    "PRACTICE_EXAMPLE_VALUES": False,
    "PRACTICE_POSTCODE": "CB21 4XX",
    "PRACTICE_GEO": (52.1, 0.28),
    "PRACTICE_HOURS": [{"days": ["Monday"], "opens": "09:00", "closes": "17:00"}],
    "PRACTICE_SERVICES": [{"name": "Massage", "description": "Deep.",
                           "options": [{"label": "Massage", "minutes": 30, "price": 35}]}],
    "PRACTICE_CANCELLATION_HOURS": 24,
    "PRACTICE_QUALIFICATIONS": ["Diploma"],
    "PRACTICE_MEMBERSHIPS": [],
    "PRACTICE_INSURANCE": "Insured",
    "TESTIMONIALS_FILE": "data/testimonials.toml",
    "DISCLAIMER_CATEGORIES": ["Running injuries"],
}


def settings(**changes):
    return {**VALID, **changes}


def validate(values):
    """Check values as the two plugins do in turn: the practice's facts, then the post actions' settings."""
    facts = practice.settings.validate(values)
    return {**facts, **post_actions.settings.validate({**values, **facts})}


def test_defaults_fill_every_plugin_setting_left_unset():
    merged = validate(VALID)
    assert {name: merged[name] for name in DEFAULTS} == DEFAULTS


def test_user_values_override_defaults():
    merged = validate(settings(CONTACT_CTA_HEADING="Sore after a run?", COMMENTS_ENABLED=False))
    assert merged["CONTACT_CTA_HEADING"] == "Sore after a run?"
    assert merged["COMMENTS_ENABLED"] is False


@pytest.mark.parametrize(
    ("value", "href", "display"),
    [
        ("01632 960123", "tel:+441632960123", "01632 960123"),
        ("+44 1632 960123", "tel:+441632960123", "01632 960123"),
        ("(01632) 960-123", "tel:+441632960123", "01632 960123"),
        ("01223 123456", "tel:+441223123456", "01223 123456"),
        ("+41 44 668 18 00", "tel:+41446681800", "+41 44 668 18 00"),
    ],
)
def test_phone_numbers_are_dialled_in_e164_and_shown_in_uk_format(value, href, display):
    phone = validate(settings(CONTACT_PHONE=value))["CONTACT_LINKS"]["phone"]
    assert (phone["href"], phone["display"]) == (href, display)


def test_optional_contact_settings_can_be_left_empty():
    links = validate(settings(CONTACT_SMS="", CONTACT_BOOKING_URL=""))["CONTACT_LINKS"]
    assert links["sms"] is None and links["booking"] is None


def test_example_values_are_marked_as_examples():
    links = validate(VALID)["CONTACT_LINKS"]
    assert all(links[key]["example"] for key in ("phone", "sms", "email", "booking"))
    real = validate(settings(CONTACT_PHONE="01223 123456", CONTACT_EMAIL="me@linton-therapy.co.uk"))["CONTACT_LINKS"]
    assert not real["phone"]["example"] and not real["email"]["example"]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CONTACT_PHONE", "0123"),
        ("CONTACT_PHONE", "call me"),
        ("CONTACT_PHONE", ""),
        ("CONTACT_PHONE", 1632960123),
        ("CONTACT_PHONE", "<script>alert(1)</script>"),
        ("CONTACT_PHONE", "01632 960123\nX"),
        ("CONTACT_SMS", "javascript:alert(1)"),
        ("CONTACT_EMAIL", "hello"),
        ("CONTACT_EMAIL", "hello@example.com?cc=spy@example.net"),
        ("CONTACT_EMAIL", "hello@example.com\r\nBcc: spy@example.net"),
        ("CONTACT_EMAIL", '"><script>alert(1)</script>@example.com'),
        ("CONTACT_EMAIL", None),
        ("CONTACT_BOOKING_URL", "javascript:alert(1)"),
        ("CONTACT_BOOKING_URL", " javascript:alert(1)"),
        ("CONTACT_BOOKING_URL", "JaVaScRiPt:alert(1)"),
        ("CONTACT_BOOKING_URL", "data:text/html,<script>alert(1)</script>"),
        ("CONTACT_BOOKING_URL", "//evil.example/book"),
        ("CONTACT_BOOKING_URL", "example.com/book"),
        ("CONTACT_BOOKING_URL", "https://"),
        ("CONTACT_BOOKING_URL", 'https://example.com/"onmouseover="alert(1)'),
        ("CONTACT_BOOKING_URL", "https://exa mple.com/"),
        ("CONTACT_BOOKING_URL", "ftp://example.com/book"),
        ("PRACTICE_NAME", "<b>Linton</b> Therapy"),
        ("PRACTICE_LOCALITY", ""),
        ("PRACTICE_COUNTRY", "United Kingdom"),
        ("AUTHOR", None),
        ("CONTACT_CTA_HEADING", "<img src=x onerror=alert(1)>"),
        ("CONTACT_CTA_TEXT", ""),
        ("CONTACT_CTA_ENABLED", "yes"),
        ("COMMENTS_ENABLED", 1),
        ("CONTACT_CTA_EMAIL_SUBJECT", "About {post}"),
        ("CONTACT_CTA_EMAIL_SUBJECT", "About {title"),
        ("CONTACT_CTA_EMAIL_SUBJECT", "About {title.__class__}"),
        ("COMMENTS_EMAIL", "nobody"),
        ("COMMENTS_LINK_LABEL", "Reply</a><a href=x>"),
    ],
)
def test_bad_value_stops_with_one_line_naming_setting_value_and_what_is_allowed(name, value):
    with pytest.raises(SettingError) as raised:
        validate(settings(**{name: value}))
    message = str(raised.value)
    assert message.startswith(f"{name} = {value!r} ")
    assert "\n" not in message and "\r" not in message
    assert len(message) > len(f"{name} = {value!r} ") + 10, "the message says what is allowed"
    assert raised.value.name == name
