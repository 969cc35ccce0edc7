"""The practice's facts in the settings, checked: who she is, how to reach her, hours, services."""

from sitetools.author_values import check_text

from . import contact, facts

# Facts about the practice that pelicanconf.py must give (no defaults: they are hers).
REQUIRED_TEXT = (
    "AUTHOR",
    "PRACTICE_NAME",
    "PRACTICE_LOCALITY",
    "PRACTICE_REGION",
    "PRACTICE_AREA_SERVED",
)


def validate(settings):
    """Check the practice's facts; return them as templates use them, with the contact links."""
    for name in REQUIRED_TEXT:
        check_text(name, settings.get(name))
    return {"CONTACT_LINKS": contact.contact_links(settings), **facts.validate_practice(settings)}
