"""Settings of the plugin: one DEFAULTS dict, merged under the user's values and validated."""

import string

from . import contact, practice
from .errors import SettingError

DEFAULTS = {
    # The call-to-action card at the end of each post (partials/contact_cta.html).
    "CONTACT_CTA_ENABLED": True,
    "CONTACT_CTA_HEADING": "Is something niggling?",
    "CONTACT_CTA_TEXT": (
        "Don’t run through it. Book a sports massage or soft tissue therapy "
        "session, or ask me first whether I can help."
    ),
    "CONTACT_CTA_CALL_LABEL": "Call",
    "CONTACT_CTA_SMS_LABEL": "Text",
    "CONTACT_CTA_EMAIL_LABEL": "Email",
    "CONTACT_CTA_BOOK_LABEL": "Book online",
    # {title} is replaced by the post's title.
    "CONTACT_CTA_EMAIL_SUBJECT": "Question about: {title}",
    # The comments section under each post (partials/comments.html).
    "COMMENTS_ENABLED": True,
    "COMMENTS_HEADING": "Comments",
    "COMMENTS_TEXT": (
        "Questions or thoughts about this post? Reply by email: the subject is "
        "filled in for you."
    ),
    "COMMENTS_LINK_LABEL": "Reply by email",
    # Where replies go; empty means CONTACT_EMAIL.
    "COMMENTS_EMAIL": "",
    # The health note on posts in DISCLAIMER_CATEGORIES and on the services page
    # (partials/health_disclaimer.html).
    "HEALTH_DISCLAIMER_TEXT": (
        "This is general information, not a diagnosis or a treatment plan for you. If pain persists "
        "or gets worse, see a health professional."
    ),
}

# Facts about the practice that pelicanconf.py must give (no defaults: they are hers).
REQUIRED_TEXT = (
    "AUTHOR",
    "PRACTICE_NAME",
    "PRACTICE_LOCALITY",
    "PRACTICE_REGION",
    "PRACTICE_AREA_SERVED",
)
BOOLEANS = ("CONTACT_CTA_ENABLED", "COMMENTS_ENABLED")
MARKUP_CHARACTERS = set("<>")


def merged_settings(settings):
    """Return the plugin's settings: DEFAULTS overridden by the user's values."""
    return {name: settings.get(name, default) for name, default in DEFAULTS.items()}


def check_text(name, value, *, required=True):
    """Raise SettingError unless value is plain text (and, if required, not empty)."""
    if not isinstance(value, str):
        raise SettingError(name, value, "is not text: put the value in quotes.")
    if required and not value.strip():
        raise SettingError(name, value, "is empty: it must say something.")
    if MARKUP_CHARACTERS & set(value):
        raise SettingError(name, value, "contains < or >: plain text only, no HTML.")


def check_subject_template(name, value):
    """Raise SettingError unless {title} is the only placeholder in value."""
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(value) if field is not None]
    except ValueError as error:
        raise SettingError(name, value, f"has a stray brace ({error}): use {{title}} only.") from None
    if any(field != "title" for field in fields):
        raise SettingError(name, value, "may only contain the placeholder {title}.")


def validate(settings):
    """Check every setting the plugin reads; return the merged settings and contact links."""
    merged = merged_settings(settings)
    for name in BOOLEANS:
        if not isinstance(merged[name], bool):
            raise SettingError(name, merged[name], "must be True or False.")
    for name, value in merged.items():
        if name not in BOOLEANS:
            check_text(name, value, required=name != "COMMENTS_EMAIL")
    check_subject_template("CONTACT_CTA_EMAIL_SUBJECT", merged["CONTACT_CTA_EMAIL_SUBJECT"])
    for name in REQUIRED_TEXT:
        check_text(name, settings.get(name))
    merged["CONTACT_LINKS"] = contact.contact_links(settings)
    if merged["COMMENTS_EMAIL"]:
        contact.email_address("COMMENTS_EMAIL", merged["COMMENTS_EMAIL"])
    merged.update(practice.validate_practice(settings))
    return merged
