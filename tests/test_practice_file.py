"""Her facts in content/data/practice.toml: read into the settings, and every mistake named at its line."""

import pytest
from conftest import PRACTICE_TOML, post
from practice.data_file import read_practice

from sitetools.build import BuildError
from sitetools.toml_lines import DataFileError

SHOWN = "content/data/practice.toml"


def mistake(old, new, count=1):
    """Return the real facts file with one mistake made in it."""
    assert old in PRACTICE_TOML, old
    return PRACTICE_TOML.replace(old, new, count)


def line_of(text, fragment):
    return next(number for number, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_the_file_fills_the_settings_the_theme_and_plugins_read():
    settings = read_practice(PRACTICE_TOML, SHOWN)
    assert settings["AUTHOR"] == "ammann05", "her display name is a fact of its own"
    assert settings["SITENAME"] == settings["PRACTICE_NAME"] == "Linton Soft Tissue Therapy & Pilates"
    assert settings["CONTACT_PHONE"] == "01632 960123" and settings["CONTACT_SMS"] == "07700 900123"
    assert settings["PRACTICE_GEO"] == (52.0976, 0.2779)
    assert settings["PRACTICE_HOURS"][1] == {"days": ["Wednesday"], "opens": "12:00", "closes": "20:00"}
    assert settings["PRACTICE_SERVICES"][0]["options"][1] == {"label": "Sports massage", "minutes": 60, "price": 55}
    assert settings["PRACTICE_EXAMPLE_VALUES"] is True


MISTAKES = [
    ('phone = "01632 960123"', 'phone = "01632 960123', "phone =", "a quote mark is missing"),
    ('phone = "01632 960123"', "phone = 01632 960123", "phone =", "01632 960123 needs quotes"),
    ('phone = "01632 960123"', "phone = “01632 960123”", "phone =", "curly quotes"),
    ('opens = "09:00"', "opens = 09:00", "opens = 09:00", "the time 09:00 needs quotes"),
    ('opens = "09:00"', 'opens = "9am"', 'opens = "9am"', 'opens = "9am" is not a time'),
    ('opens = "12:00"', 'opens = "21:00"', 'closes = "20:00"', 'closes = "20:00" is not after opens = "21:00"'),
    ('days = ["Wednesday"]', 'days = ["Wendsday"]', "Wendsday", "'Wendsday' is not a day of the week — did you "
                                                                 "mean 'Wednesday'?"),
    ("minutes = 30, price = 35", 'minutes = 30, price = "£35"', "£35", 'price = "£35" is not a number'),
    ("minutes = 30, price = 35", "minutes = 30, price = £35", "£35",
     "price = £35 has a £ sign, which this file cannot read — write the price as a number without the £ sign: "
     "price = 35"),
    ("town =", "twon =", "twon =", "'twon' is not something [practice] can have — did you mean 'town'?"),
    ('email = "hello@example.com"', 'email = "hello at example"', "hello at example", "is not an email address"),
    ('phone = "01632 960123"', 'phone = "call me"', "call me", 'phone = "call me" is not a phone number'),
    ('town = "Linton"', 'town = "Linton"\ntown = "Cambridge"', 'town = "Cambridge"', "given twice (first on line"),
    ('display_name = "ammann05"', 'display_name = "<b>ammann05</b>"', "display_name", "contains < or >"),
    ('country = "GB"', "country", "country", "this line has no = sign"),
    ("minutes = 30, price = 35", "minutes = 0, price = 35", "minutes = 0", "minutes = 0 is zero"),
    ('name = "Pilates"', 'name = "<b>Pilates</b>"', "<b>Pilates", "name contains < or >"),
]


@pytest.mark.parametrize(("old", "new", "where", "expected"), MISTAKES)
def test_each_mistake_is_named_at_its_line_in_her_words(old, new, where, expected, small_site):
    text = mistake(old, new)
    with pytest.raises(BuildError) as raised:
        small_site({"posts/x.md": post("X"), "data/practice.toml": text})
    [error] = raised.value.errors
    assert (error.path, error.line) == (SHOWN, line_of(text, where)), str(error)
    assert expected in str(error)
    assert "—" in str(error) or "write it" in str(error), "each message says how to fix it"


@pytest.mark.parametrize(("written", "sign", "number"), [
    ("£35", "£", "35"), ("35€", "€", "35"), ("$ 42.50", "$", "42.50"), ("£1,200", "£", "1200")])
def test_a_price_with_its_currency_sign_is_named_at_its_line_without_the_sign(written, sign, number):
    text = mistake("minutes = 60, price = 55", f"minutes = 60, price = {written}")
    with pytest.raises(DataFileError) as raised:
        read_practice(text, SHOWN)
    assert raised.value.line == line_of(text, f"price = {written}")
    assert raised.value.detail == (f"price = {written} has a {sign} sign, which this file cannot read — "
                                   f"write the price as a number without the {sign} sign: price = {number}")


def test_a_missing_fact_or_file_is_named(tmp_path):
    with pytest.raises(DataFileError) as raised:
        read_practice(mistake('postcode = "CB21 4XX"\n', ""), SHOWN)
    assert "[practice] has no postcode" in str(raised.value)
    assert raised.value.line == line_of(PRACTICE_TOML, "[practice]")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_the_file_as_any_editor_saves_it_is_read(tmp_path, newline):
    from practice.plugin import read_facts_file

    (tmp_path / "data").mkdir()
    (tmp_path / "data/practice.toml").write_bytes(b"\xef\xbb\xbf" + PRACTICE_TOML.replace("\n", newline).encode())
    facts_file = read_facts_file({"PATH": str(tmp_path), "PRACTICE_FILE": "data/practice.toml"})
    assert read_practice(*facts_file)["CONTACT_PHONE"] == "01632 960123"


def test_a_look_alike_space_is_named():
    text = mistake('town = "Linton"', 'town\u00a0= "Linton"')
    with pytest.raises(DataFileError) as raised:
        read_practice(text, SHOWN)
    assert raised.value.line == line_of(text, "Linton\"") and "not a plain one" in raised.value.detail



@pytest.mark.parametrize(("name", "flagged"), [
    ("ammann05", True), ("jane_smith", True), ("jane", True),
    ("Jane Smith", False), ("Jane", False), ("Dr Anna Müller-Ammann", False)])
def test_a_user_name_in_place_of_her_name_is_flagged(name, flagged):
    from practice.plugin import looks_like_a_user_name

    assert looks_like_a_user_name(name) == flagged  # the warning, at its line, is in the publishing checklist
