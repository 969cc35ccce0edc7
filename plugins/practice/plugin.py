"""Signal receivers: check the practice's facts once, and describe the practice, her and each post as JSON-LD."""

import logging

from pelican import signals

from .contact import example_settings
from .schema import blog_posting, business, person
from .settings import validate

logger = logging.getLogger(__name__)


def validate_settings(pelican):
    """Check the facts when the build starts and store them as templates use them."""
    pelican.settings.update(validate(pelican.settings))
    pelican.settings["PRACTICE_STRUCTURED_DATA"] = business(pelican.settings)
    pelican.settings["AUTHOR_STRUCTURED_DATA"] = person(pelican.settings)
    examples = example_settings(pelican.settings["CONTACT_LINKS"])
    if examples:
        logger.warning(
            "Example contact details are still in use (%s): put your own in pelicanconf.py before publishing.",
            ", ".join(examples),
        )
    if pelican.settings["PRACTICE_EXAMPLE_VALUES"]:
        logger.warning(
            "Prices, hours and qualifications are marked as examples on the site: put your own in "
            "pelicanconf.py, then set PRACTICE_EXAMPLE_VALUES = False."
        )


def describe_post(generator, content):
    """Receive article_generator_write_article: give the post its BlogPosting data.

    Only now: the summary it quotes has its links resolved once every generator is done, and
    Pelican keeps the first summary it is asked for.
    """
    content.structured_data = blog_posting(content, generator.settings)


def register():
    """Connect the receivers to Pelican's signals."""
    signals.initialized.connect(validate_settings)
    signals.article_generator_write_article.connect(describe_post)
