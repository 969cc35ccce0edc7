"""Signal receivers: check the practice's facts once, and describe the practice, her and each post as JSON-LD."""

import logging
from pathlib import Path

from pelican import signals

from sitetools.author_values import SettingError
from sitetools.toml_lines import DataFileError, Lines

from .contact import example_settings
from .data_file import read_practice, where_setting_is
from .schema import blog_posting, business, person
from .settings import validate

logger = logging.getLogger(__name__)


def read_facts_file(settings):
    """Return (text, shown path) of the facts file PRACTICE_FILE names (in the content folder), or None."""
    name = settings.get("PRACTICE_FILE")
    if not name:
        return None
    path = Path(settings["PATH"]) / name
    shown = f"{Path(settings['PATH']).name}/{name}"
    if not path.is_file():
        raise DataFileError(shown, "this file is missing — it holds your name, phone number, hours and prices: "
                            "put it back (a copy comes with the site in content/data/)")
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), shown
    except UnicodeDecodeError as error:
        raise DataFileError(shown, "this file is not saved as UTF-8 text — open it in your editor and save it "
                            "again with the encoding 'UTF-8'", data[: error.start].count(b"\n") + 1) from None


def validate_settings(pelican):
    """Read the facts file, check the facts, and store them as templates use them.

    A fact the file gives that is not usable (a phone number that is not one) is reported at its line.
    """
    facts_file = read_facts_file(pelican.settings)
    lines = Lines(facts_file[0] if facts_file else "")  # where each fact is written, for messages
    if facts_file:
        pelican.settings.update(read_practice(*facts_file))
        portrait = pelican.settings.get("AUTHOR_PORTRAIT")
        if portrait and not (Path(pelican.settings["PATH"]) / portrait.removeprefix("/")).is_file():
            raise DataFileError(facts_file[1], f'portrait = "{portrait}" is not a file in the content folder — put '
                                'the photo in content/images/ and write portrait = "images/name.jpg"',
                                lines.line("you", "portrait"))
    try:
        pelican.settings.update(validate(pelican.settings))
    except SettingError as error:
        if not facts_file:
            raise
        key, line = where_setting_is(error.name, lines)
        if key is None:
            raise
        value = f'"{error.value}"' if isinstance(error.value, str) else repr(error.value)
        what, _, fix = error.allowed.rstrip(".").partition(": ")
        raise DataFileError(facts_file[1], f"{key} = {value} {what} — {fix or 'correct it in this file'}",
                            line) from None
    # Her name heads the home page once it is one; an account name ('ammann05') would not.
    pelican.settings["AUTHOR_IS_A_NAME"] = not looks_like_a_user_name(pelican.settings["AUTHOR"])
    warn_of_examples(pelican.settings, facts_file, lines)


def warn_of_examples(settings, facts_file, lines):
    """Warn, at their line in the facts file, of facts that are still the examples the site came with."""
    examples = example_settings(settings["CONTACT_LINKS"])
    where = {"source_path": str(Path(settings["PATH"]) / settings["PRACTICE_FILE"])} if facts_file else {}
    if examples:
        names = [where_setting_is(name, lines)[0] for name in examples] if facts_file else examples
        logger.warning("the contact details are still the examples (%s) — put your own in before publishing",
                       ", ".join(names), extra={**where, "line": lines.line("contact")})
    if str(settings.get("PRACTICE_POSTCODE", "")).upper().endswith("XX"):
        logger.warning("the postcode %s is an example — put the practice's own postcode", settings["PRACTICE_POSTCODE"],
                       extra={**where, "line": lines.line("practice", "postcode")})
    if looks_like_a_user_name(settings["AUTHOR"]):
        logger.warning('display_name = "%s" looks like a user name, not the name clients know you by — write your '
                       'name as it should appear under your posts, e.g. display_name = "Jane Smith"',
                       settings["AUTHOR"], extra={**where, "line": lines.line("you", "display_name")})
    for membership in settings["PRACTICE_MEMBERSHIPS"]:
        if not membership["body"]:  # a sentence, not a body a client can look up
            logger.warning('the membership "%s" names no body a client can check — write it as { body = "…", '
                           'number = "…", register = "https://…" }', membership["text"],
                           extra={**where, "line": lines.line("you", "memberships")})
    if settings["PRACTICE_EXAMPLE_VALUES"]:
        logger.warning("prices, hours and qualifications are marked as examples on the site — put your own in, "
                       "then change examples = true to examples = false",
                       extra={**where, "line": lines.line("examples")})


def looks_like_a_user_name(name):
    """Return whether name reads as an account name ('ammann05', 'jane_s') rather than a person's name."""
    return " " not in name.strip() and (name.islower() or any(c.isdigit() or c in "_@" for c in name))


def describe_practice(generator):
    """Receive generator_init: give templates the practice and her as JSON-LD.

    Not at initialized: the data names the site's share image, whose setting another plugin may fill
    in there, in whatever order the plugins come.
    """
    if "PRACTICE_STRUCTURED_DATA" not in generator.context:  # once: every generator shares the context
        generator.context["PRACTICE_STRUCTURED_DATA"] = business(generator.settings)
        generator.context["AUTHOR_STRUCTURED_DATA"] = person(generator.settings)


def describe_post(generator, content):
    """Receive article_generator_write_article: give the post its BlogPosting data.

    Only now: the summary it quotes has its links resolved once every generator is done, and
    Pelican keeps the first summary it is asked for.
    """
    content.structured_data = blog_posting(content, generator.settings)


def register():
    """Connect the receivers to Pelican's signals."""
    signals.initialized.connect(validate_settings)
    signals.generator_init.connect(describe_practice)
    signals.article_generator_write_article.connect(describe_post)
