"""The writing guide walks her one road in her words: every command is ./site.sh, and no word needs looking up."""

import re

from conftest import ROOT

GUIDE = (ROOT / "docs/WRITING.md").read_text(encoding="utf-8")
SITE_SH = (ROOT / "site.sh").read_text(encoding="utf-8")


def commands():
    """Return every command the guide asks her to type: code spans and indented lines that run a program."""
    spans = re.findall(r"`([^`\n]+)`", GUIDE) + re.findall(r"^ {4}(\S.*)$", GUIDE, re.M)
    return [span for span in spans if re.match(r"(\./\S+ |\.venv|invoke |python|pip |pelican )", span)]


def test_every_command_she_types_is_site_sh_and_site_sh_knows_it():
    typed = commands()
    assert len(typed) > 10
    assert [c for c in typed if not c.startswith("./site.sh ")] == []
    known = set(re.findall(r"^  ([a-z-]+)\)", SITE_SH, re.M))
    assert {c.split()[1] for c in typed} <= known


def test_no_word_she_would_have_to_look_up():
    for jargon in ("{static}", "cron", "DISCLAIMER_CATEGORIES", "SITEURL", "invoke", "export SITEURL", ".venv"):
        assert jargon not in GUIDE, jargon


def test_it_covers_her_portrait_the_address_publishing_and_undoing():
    for needed in ("portrait", "[site]", "address =", "./site.sh publish", "Settings › Pages", "## Undoing a mistake",
                   "./site.sh import-wordpress"):
        assert needed in GUIDE, needed


def test_it_covers_followers_by_email_from_choosing_a_service_to_the_first_email():
    start = GUIDE.index("## Readers who follow you by email")
    section = GUIDE[start:GUIDE.index("\n## ", start + 1)]
    for needed in ("[follow]", 'service = "buttondown"', "Download subscribers", "double opt-in", "Keep that file",
                   "send a test to\nyourself", "/feeds/all.atom.xml"):
        assert needed in section, needed
