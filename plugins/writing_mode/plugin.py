"""Label drafts and scheduled posts and let them into the preview's pages and lists."""

import datetime

from pelican import signals


def preview_label(status, date, now, date_format):
    """Return 'Draft', 'Scheduled for <date>' or None for content with this status and date."""
    if status == "draft":
        return "Draft"
    if date is not None and date > (now if date.tzinfo else now.replace(tzinfo=None)):
        return f"Scheduled for {date.strftime(date_format)}"
    return None


def show_in_preview(content):
    """Receive content_object_init: in writing mode, publish drafts in the preview, labelled."""
    settings = content.settings
    if not settings.get("WRITING_MODE"):
        return
    status = str(content.metadata.get("status", content.status)).lower()
    now = datetime.datetime.now(datetime.UTC).astimezone()
    label = preview_label(status, getattr(content, "date", None), now, settings["DEFAULT_DATE_FORMAT"])
    if label:
        content.preview_label = label
        content.status = "published"


def register():
    """Connect the receiver to Pelican's signals."""
    signals.content_object_init.connect(show_in_preview)
