"""Build the contact call-to-action a post ends with, as plain data for the theme."""

from sitetools.author_values import mailto

from . import metadata


def build_cta(post_metadata, settings):
    """Return the post's call-to-action {'heading', 'text', 'actions'}, or None when it is off.

    Each action is {'kind', 'label', 'detail', 'href'}; kinds are book, call, sms, email.
    """
    if not (settings["CONTACT_CTA_ENABLED"] and metadata.switch(post_metadata, "cta")):
        return None
    links = settings["CONTACT_LINKS"]
    title = str(post_metadata.get("title", ""))
    subject = settings["CONTACT_CTA_EMAIL_SUBJECT"].format(title=title)
    # Booking first: it is the one step that needs no conversation.
    actions = [
        ("book", "CONTACT_CTA_BOOK_LABEL", links["booking"], links["booking"] and links["booking"]["href"]),
        ("call", "CONTACT_CTA_CALL_LABEL", links["phone"], links["phone"]["href"]),
        ("sms", "CONTACT_CTA_SMS_LABEL", links["sms"], links["sms"] and links["sms"]["href"]),
        ("email", "CONTACT_CTA_EMAIL_LABEL", links["email"], mailto(links["email"]["address"], subject)),
    ]
    return {
        "heading": metadata.text(post_metadata, "cta_heading", settings["CONTACT_CTA_HEADING"]),
        "text": metadata.text(post_metadata, "cta_text", settings["CONTACT_CTA_TEXT"]),
        "actions": [
            {"kind": kind, "label": settings[label], "detail": link["display"], "href": href}
            for kind, label, link, href in actions
            if link
        ],
    }
