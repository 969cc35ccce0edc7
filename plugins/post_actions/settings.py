"""Settings of the post actions: DEFAULTS, merged under the site's values and checked."""

import string

from sitetools.author_values import SettingError, check_text, email_address

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
    # Comments from her old blog, one file per post: <COMMENTS_FOLDER>/<slug>.toml in the content folder.
    "COMMENTS_FOLDER": "comments",
    # The health note on posts in DISCLAIMER_CATEGORIES and on the services page
    # (partials/health_disclaimer.html).
    "HEALTH_DISCLAIMER_TEXT": (
        "This is general information, not a diagnosis or a treatment plan for you. If pain persists "
        "or gets worse, see a health professional."
    ),
}
BOOLEANS = ("CONTACT_CTA_ENABLED", "COMMENTS_ENABLED")


def check_subject_template(name, value):
    """Raise SettingError unless {title} is the only placeholder in value."""
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(value) if field is not None]
    except ValueError as error:
        raise SettingError(name, value, f"has a stray brace ({error}): use {{title}} only.") from None
    if any(field != "title" for field in fields):
        raise SettingError(name, value, "may only contain the placeholder {title}.")


def validate(settings):
    """Fill in the defaults of the settings left unset, then check every setting the post actions read."""
    for name, value in DEFAULTS.items():  # as every plugin of this site does: the site's values win
        settings.setdefault(name, value)
    merged = {name: settings[name] for name in DEFAULTS}
    for name in BOOLEANS:
        if not isinstance(merged[name], bool):
            raise SettingError(name, merged[name], "must be True or False.")
    for name, value in merged.items():
        if name not in BOOLEANS:
            check_text(name, value, required=name != "COMMENTS_EMAIL")
    check_subject_template("CONTACT_CTA_EMAIL_SUBJECT", merged["CONTACT_CTA_EMAIL_SUBJECT"])
    if merged["COMMENTS_EMAIL"]:
        email_address("COMMENTS_EMAIL", merged["COMMENTS_EMAIL"])
    return merged
