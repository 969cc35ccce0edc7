"""The practice's facts in the settings, checked: who she is, how to reach her, hours, services."""

from . import contact, facts
from .errors import SettingError

# Facts about the practice that pelicanconf.py must give (no defaults: they are hers).
REQUIRED_TEXT = (
    "AUTHOR",
    "PRACTICE_NAME",
    "PRACTICE_LOCALITY",
    "PRACTICE_REGION",
    "PRACTICE_AREA_SERVED",
)
MARKUP_CHARACTERS = set("<>")


def check_text(name, value, *, required=True):
    """Raise SettingError unless value is plain text (and, if required, not empty)."""
    if not isinstance(value, str):
        raise SettingError(name, value, "is not text: put the value in quotes.")
    if required and not value.strip():
        raise SettingError(name, value, "is empty: it must say something.")
    if MARKUP_CHARACTERS & set(value):
        raise SettingError(name, value, "contains < or >: plain text only, no HTML.")


def validate(settings):
    """Check the practice's facts; return them as templates use them, with the contact links."""
    for name in REQUIRED_TEXT:
        check_text(name, settings.get(name))
    return {"CONTACT_LINKS": contact.contact_links(settings), **facts.validate_practice(settings)}
