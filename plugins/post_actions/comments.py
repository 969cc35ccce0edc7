"""Build the comments section under a post: a reply-by-email invitation, as plain data.

The dict leaves room for a click-to-load comment provider: a later 'provider' entry
({'name', 'load_label', 'url'}) would be rendered by the same partial, loaded only
when the reader asks for it. Until then 'provider' is None and nothing is loaded.
"""

from sitetools.author_values import mailto

from . import metadata


def build_comments(post_metadata, settings):
    """Return the post's comments section {'heading', 'text', 'reply', 'provider'}, or None when off."""
    if not (settings["COMMENTS_ENABLED"] and metadata.switch(post_metadata, "comments")):
        return None
    address = settings["COMMENTS_EMAIL"] or settings["CONTACT_LINKS"]["email"]["address"]
    title = str(post_metadata.get("title", ""))
    return {
        "heading": settings["COMMENTS_HEADING"],
        "text": settings["COMMENTS_TEXT"],
        "reply": {
            "label": settings["COMMENTS_LINK_LABEL"],
            "href": mailto(address, f"Re: {title}"),
            "address": address,
        },
        "provider": None,
    }
