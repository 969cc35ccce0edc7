"""Signal receivers: check the actions' settings once, then give each post its actions.

Needs the practice plugin before it in PLUGINS: the actions use its contact links.
"""

from pelican import signals
from pelican.contents import Article

from .comments import build_comments
from .cta import build_cta
from .disclaimer import build_disclaimer
from .metadata import METADATA_KEYS
from .settings import validate

__all__ = ["METADATA_KEYS", "register"]


def validate_settings(pelican):
    """Receive initialized: fill in the defaults of the settings left unset, and check them."""
    validate(pelican.settings)


def attach_to_post(content):
    """Receive content_object_init: give each post its contact_cta, comments and health_disclaimer (None where off)."""
    if isinstance(content, Article):
        content.contact_cta = build_cta(content.metadata, content.settings)
        content.comments = build_comments(content.metadata, content.settings)
        content.health_disclaimer = build_disclaimer(content.metadata, content.settings)


def register():
    """Connect the receivers to Pelican's signals."""
    signals.initialized.connect(validate_settings)
    signals.content_object_init.connect(attach_to_post)
