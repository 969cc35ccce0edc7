"""Credentials a reader can check: memberships with their public register, her insurer, her years in practice."""

import datetime
import json
import re

import pytest
from conftest import PRACTICE_TOML, post
from practice.data_file import read_practice
from practice.facts import validate_practice
from practice.schema import person

from sitetools.author_values import SettingError
from sitetools.toml_lines import DataFileError

SHOWN = "content/data/practice.toml"
MEMBERSHIPS = """memberships = [
  "Pilates teacher with the Register of Exercise Professionals",
  { body = "Sports Massage Association", number = "SMA12345", register = "https://thesma.org/find" },
  { body = "Complementary and Natural Healthcare Council", register = "https://www.cnhcregister.org.uk/" },
]
insurer = "Balens"
in_practice_since = 2016
"""
THIS_YEAR = datetime.date.today().year


def with_credentials(text=MEMBERSHIPS):
    """Return the real facts file with her credentials written in under [you]."""
    assert "\ninsurance = " in PRACTICE_TOML
    return PRACTICE_TOML.replace("\ninsurance = ", f"\n{text}insurance = ", 1)


def line_of(text, fragment):
    return next(number for number, line in enumerate(text.splitlines(), 1) if fragment in line)


def checked(settings):
    """Return the settings as the plugin hands them to templates."""
    return {**settings, **validate_practice({**settings, "PATH": "/nonexistent", "DISCLAIMER_CATEGORIES": []})}


def test_the_real_file_has_her_introduction_and_no_vague_membership():
    settings = checked(read_practice(PRACTICE_TOML, SHOWN))
    assert settings["AUTHOR_INTRODUCTION"] == (
        "I’m a soft tissue therapist, pilates instructor and runner, treating runners in Linton, near Cambridge.")
    assert settings["PRACTICE_MEMBERSHIPS"] == [], "a vague example is worse than nothing"
    assert (settings["PRACTICE_INSURER"], settings["PRACTICE_SINCE"]) == ("", None)
    assert "memberships = [" in PRACTICE_TOML and "# memberships = [" in PRACTICE_TOML, "shown, commented out"


def test_the_commented_out_example_reads_once_the_marks_are_taken_off():
    examples = re.findall(r"^# ((?:memberships|  |\]|insurer|in_practice_since).*)$", PRACTICE_TOML, re.M)
    settings = checked(read_practice(with_credentials("\n".join(examples) + "\n"), SHOWN))
    assert [m["body"] for m in settings["PRACTICE_MEMBERSHIPS"]] == [
        "Sports Massage Association", "Complementary and Natural Healthcare Council"]
    assert settings["PRACTICE_INSURER"] and settings["PRACTICE_SINCE"]


def test_the_files_credentials_fill_the_settings():
    settings = checked(read_practice(with_credentials(), SHOWN))
    assert settings["PRACTICE_MEMBERSHIPS"] == [
        {"text": "Pilates teacher with the Register of Exercise Professionals", "body": None, "number": None,
         "register": None},
        {"text": "Sports Massage Association", "body": "Sports Massage Association", "number": "SMA12345",
         "register": "https://thesma.org/find"},
        {"text": "Complementary and Natural Healthcare Council", "body": "Complementary and Natural Healthcare "
         "Council", "number": None, "register": "https://www.cnhcregister.org.uk/"},
    ]
    assert settings["PRACTICE_INSURER"] == "Balens"
    assert settings["PRACTICE_SINCE"] == 2016


MISTAKES = [
    ('register = "https://thesma.org/find"', 'register = "http://thesma.org/find"', "SMA12345",
     'register = "http://thesma.org/find" starts with http:// — write https:// instead: '
     'register = "https://thesma.org/find"'),
    ('register = "https://thesma.org/find"', 'register = "thesma.org/find"', "SMA12345",
     'register = "thesma.org/find" does not start with https://'),
    ('register = "https://thesma.org/find"', 'register = "https://thesma.org/find me"', "SMA12345",
     'register = "https://thesma.org/find me" has a space in it — write the address with no spaces'),
    ("in_practice_since = 2016", "in_practice_since = 1890", "in_practice_since",
     f"in_practice_since = 1890 is not a year from 1950 to {THIS_YEAR} — write the year you started "
     "practising, e.g. in_practice_since = 2016"),
    ("in_practice_since = 2016", f"in_practice_since = {THIS_YEAR + 1}", "in_practice_since", "is not a year from"),
    ("in_practice_since = 2016", 'in_practice_since = "2016"', "in_practice_since",
     'in_practice_since = "2016" is not a year written as a number — write it without quotes: '
     "in_practice_since = 2016"),
    ("register = ", "regsiter = ", "SMA12345",
     "'regsiter' is not something a membership can have — did you mean 'register'?"),
    ('{ body = "Sports Massage Association", ', "{ ", "SMA12345",
     "this membership has no body — write the name of the professional body first, e.g. "
     '{ body = "Sports Massage Association", number = "SMA12345" }'),
    ('number = "SMA12345"', "number = 12345", "number = 12345",
     'number = 12345 is not text — write it in quotes, e.g. number = "SMA12345"'),
    ('"Pilates teacher with', '"<b>Pilates teacher with', "Pilates teacher", "memberships contains < or >"),
    ('body = "Sports Massage Association"', 'body = "</script><script>alert(1)</script>"', "SMA12345",
     "body contains < or >"),
    ('insurer = "Balens"', "insurer = true", "insurer", "insurer = true is not text"),
    ('"I’m a soft', '"<em>I’m</em> a soft', "introduction =", "introduction contains < or >"),
]


@pytest.mark.parametrize(("old", "new", "where", "expected"), MISTAKES)
def test_each_credential_mistake_is_named_at_its_line_in_her_words(old, new, where, expected):
    text = with_credentials()
    assert old in text, old
    text = text.replace(old, new, 1)
    with pytest.raises(DataFileError) as raised:
        read_practice(text, SHOWN)
    assert raised.value.line == line_of(text, where), str(raised.value)
    assert expected in raised.value.detail
    assert " — " in raised.value.detail, "each message says how to fix it"


def test_a_mistake_in_a_membership_stops_the_build_at_its_line(small_site):
    from sitetools.build import BuildError

    text = with_credentials(MEMBERSHIPS.replace("https://thesma", "http://thesma"))
    with pytest.raises(BuildError) as raised:
        small_site({"posts/x.md": post("X"), "data/practice.toml": text})
    [error] = raised.value.errors
    assert (error.path, error.line) == (SHOWN, line_of(text, "SMA12345"))


def test_a_membership_written_as_a_sentence_is_named_for_her_to_make_checkable(small_site):
    text = with_credentials()
    site = small_site({"posts/x.md": post("X"), "data/practice.toml": text})
    vague = [str(w) for w in site.result.warnings if "names no body" in str(w)]
    assert vague == [f'{SHOWN}:{line_of(text, "memberships = [")}: the membership "Pilates teacher with the Register '
                     'of Exercise Professionals" names no body a client can check — write it as { body = "…", '
                     'number = "…", register = "https://…" }'], [str(w) for w in site.result.warnings]


BASE = read_practice(PRACTICE_TOML, SHOWN)


def test_settings_given_directly_take_texts_or_bodies_with_their_register():
    settings = checked({**BASE, "PRACTICE_MEMBERSHIPS": [
        "Member of the SMA", {"body": "CNHC", "number": "123", "register": "https://www.cnhcregister.org.uk/"}],
        "PRACTICE_INSURER": "Balens", "PRACTICE_SINCE": 2016})
    assert settings["PRACTICE_MEMBERSHIPS"] == [
        {"text": "Member of the SMA", "body": None, "number": None, "register": None},
        {"text": "CNHC", "body": "CNHC", "number": "123", "register": "https://www.cnhcregister.org.uk/"}]
    assert (settings["PRACTICE_INSURER"], settings["PRACTICE_SINCE"]) == ("Balens", 2016)
    assert checked(BASE)["AUTHOR_INTRODUCTION"] == BASE["AUTHOR_INTRODUCTION"]
    bare = {key: value for key, value in BASE.items() if key != "AUTHOR_INTRODUCTION"}
    assert checked(bare)["AUTHOR_INTRODUCTION"] == "", "templates then show the bio"


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("PRACTICE_MEMBERSHIPS", [{"number": "1"}], "needs 'body'"),
    ("PRACTICE_MEMBERSHIPS", [{"body": "SMA", "url": "https://x.org"}], "can have only 'body', 'number'"),
    ("PRACTICE_MEMBERSHIPS", [{"body": "SMA", "register": "http://x.org"}], "an https:// address with no spaces"),
    ("PRACTICE_MEMBERSHIPS", [{"body": "SMA", "register": "https://x.org/a b"}], "an https:// address with no spaces"),
    ("PRACTICE_MEMBERSHIPS", [{"body": "</script>"}], "contains < or >"),
    ("PRACTICE_SINCE", 1890, "must be a year from 1950"),
    ("PRACTICE_SINCE", "2016", "must be a year from 1950"),
    ("PRACTICE_INSURER", "<b>Balens</b>", "contains < or >"),
    ("AUTHOR_INTRODUCTION", 5, "is not text"),
])
def test_bad_credentials_given_directly_name_the_setting(name, value, expected):
    with pytest.raises(SettingError, match=re.escape(expected)) as raised:
        checked({**BASE, name: value})
    assert raised.value.name == name


def test_structured_data_carries_memberships_insurance_and_years_in_practice(small_site):
    text = with_credentials(MEMBERSHIPS.replace('"Sports Massage Association"', '"Sports & Remedial Massage"'))
    site = small_site({"posts/x.md": post("X"), "data/practice.toml": text,
                       "pages/about.md": "Title: About me\nSlug: about\nTemplate: about\n\nAbout.\n"})
    html = site.path("/about/").read_text(encoding="utf-8")
    [script] = site.page("/about/").select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["memberOf"] == [
        {"@type": "ProgramMembership", "hostingOrganization": {"@type": "Organization",
                                                               "name": "Sports & Remedial Massage"},
         "membershipNumber": "SMA12345", "url": "https://thesma.org/find"},
        {"@type": "ProgramMembership", "hostingOrganization": {"@type": "Organization",
                                                               "name": "Complementary and Natural Healthcare Council"},
         "url": "https://www.cnhcregister.org.uk/"},
    ], "a plain-text membership names no body, so it is not one"
    assert data["hasCredential"][-1] == {
        "@type": "EducationalOccupationalCredential", "credentialCategory": "Professional indemnity insurance",
        "name": BASE["PRACTICE_INSURANCE"], "recognizedBy": {"@type": "Organization", "name": "Balens"}}
    assert "Sports \\u0026 Remedial" in html, "JSON-LD is escaped by tojson"
    assert "</" not in script.string, "nothing in it can close the script"
    assert site.page("/about/").select_one('.credentials a[href="https://www.cnhcregister.org.uk/"]')
    assert site.page("/").select_one(".intro__line").get_text() == BASE["AUTHOR_INTRODUCTION"], "her own line"
    index = site.page("/").select('script[type="application/ld+json"]')
    practice = next(json.loads(s.string) for s in index if "foundingDate" in s.string)
    assert practice["foundingDate"] == "2016"


def test_without_credentials_the_structured_data_claims_none():
    settings = {**checked(BASE), "SITEURL": "", "PAGE_URL": "{slug}/", "ABOUT_PAGE": "about"}
    data = person(settings)
    assert "memberOf" not in data
    assert data["hasCredential"][-1] == {
        "@type": "EducationalOccupationalCredential", "credentialCategory": "Professional indemnity insurance",
        "name": BASE["PRACTICE_INSURANCE"]}
