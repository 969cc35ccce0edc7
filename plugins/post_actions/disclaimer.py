"""Decide whether a post carries the health note: by its category, or by its own metadata."""

from . import metadata


def build_disclaimer(post_metadata, settings):
    """Return the health note's text for a post, or None when it does not carry one."""
    category = str(post_metadata.get("category") or settings.get("DEFAULT_CATEGORY", ""))
    if "disclaimer" in post_metadata:
        shown = metadata.switch(post_metadata, "disclaimer")
    else:
        shown = category in settings["DISCLAIMER_CATEGORIES"]
    return settings["HEALTH_DISCLAIMER_TEXT"] if shown else None
