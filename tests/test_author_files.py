"""Files as her editors save them and the mistakes she may make: dates, encodings, names, raw HTML."""

import pytest
from conftest import SETTINGS, post
from pelican.settings import read_settings

from sitetools.build import BuildError
from sitetools.new_post import new_post
from sitetools.sources import Source, read_source


def checked(tmp_path, text, name="a.md", extra_files=()):
    """Return the problems the source check finds in one post, as 'line: what — fix' texts."""
    content = tmp_path / "content"
    path = content / "posts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    for extra in extra_files:
        (content / extra).parent.mkdir(parents=True, exist_ok=True)
        (content / extra).write_bytes(b"x")
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    source = read_source(Source(path, f"content/posts/{name}", "post", content))
    return [f"{p.line}: {p.what} — {p.fix}" for p in source.problems]


@pytest.mark.parametrize(("date", "readings"), [
    ("03/01/2024", ("3 January 2024", "1 March 2024", "2024-01-03")),
    ("5.6.2023", ("5 June 2023", "6 May 2023", "2023-06-05")),
    ("11-12-24", ("11 December 2024", "12 November 2024", "2024-12-11")),
])
def test_a_date_that_reads_two_ways_stops_the_build_naming_both(tmp_path, date, readings):
    day_first, month_first, iso = readings
    [problem] = checked(tmp_path, post("X", date=date))
    assert problem.startswith(f"2: 'Date: {date}' could be {day_first} or {month_first}")
    assert f"'{iso}' for {day_first}" in problem


@pytest.mark.parametrize("date", ["2024-01-03", "3 January 2024", "3rd Jan 2024", "13/01/2024", "01/01/2024",
                                  "2024-01-03 09:30"])
def test_dates_that_read_one_way_only_are_accepted(tmp_path, date):
    assert checked(tmp_path, post("X", date=date)) == []


def test_british_dates_build_with_the_day_first(small_site):
    site = small_site({"posts/a.md": post("A", slug="a", date="13/01/2024"), "posts/b.md": post("B", slug="b",
                                                                                              date="3rd Jan 2024")})
    assert site.page("/blog/a/").select_one("time")["datetime"].startswith("2024-01-13")
    assert site.page("/blog/b/").select_one("time")["datetime"].startswith("2024-01-03")


def editor_file(newline="\n", bom=False, tab=False, nbsp=False, curly=True):
    """Return a post as an editor might save it."""
    gap = "\t" if tab else ("\u00a0" if nbsp else " ")
    title = "“Tight calves” after a run" if curly else "Tight calves after a run"
    lines = [f"Title:{gap}{title}", f"Date:{gap}2024-03-01 10:00", "Category: Running injuries",
             "Summary: A test post — with ‘quotes’.", "", "The text."]
    text = newline.join(lines) + newline
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


@pytest.mark.parametrize("options", [
    {"newline": "\r\n", "bom": True}, {"newline": "\r"}, {"tab": True}, {"nbsp": True}, {"curly": True},
])
def test_files_as_editors_save_them_build(small_site, tmp_path, options):
    (tmp_path / "content/posts").mkdir(parents=True)
    (tmp_path / "content/posts/a.md").write_bytes(editor_file(**options))
    site = small_site({})
    page = site.page("/blog/tight-calves-after-a-run/")
    assert "Tight calves" in page.select_one("h1").get_text()
    assert page.select_one("time")["datetime"].startswith("2024-03-01")


def test_a_detail_line_with_a_look_alike_space_is_named(tmp_path):
    text = "Title: A\nDate: 2024-03-01\n\u00a0Category: Running\n\nText.\n"
    problems = checked(tmp_path, text)
    assert any(p.startswith("3: this line contains a non-breaking space, so it is read as text") for p in problems), \
        problems


def test_new_post_never_makes_a_file_name_with_spaces(tmp_path):
    (tmp_path / "content").mkdir()
    settings = read_settings(str(SETTINGS), override={"PATH": str(tmp_path / "content")})
    path = new_post("Calf pain  after   a 10 km race?", settings)
    assert " " not in path.name and path.name == "calf-pain-after-a-10-km-race.md"


def test_a_link_cut_short_at_a_space_says_so(tmp_path):
    body = "See [the stretch]({filename}/posts/calf stretch.md) and ![A calf]({static}/images/my calf.jpg)."
    problems = checked(tmp_path, post("X", body=body), extra_files=["posts/calf stretch.md", "images/my calf.jpg"])
    assert any("stops at the space in the file name 'calf stretch.md' — rename the file to 'calf-stretch.md'" in p
               for p in problems), problems
    assert any("the image '{static}/images/my' does not exist: the link stops at the space in the file name "
               "'my calf.jpg'" in p for p in problems), problems


def test_a_wrong_image_name_suggests_the_closest_file(tmp_path):
    body = "![Calf stretch]({static}/images/calf-strech.jpg)"
    [problem] = checked(tmp_path, post("X", body=body), extra_files=["images/calf-stretch.jpg", "images/hip.jpg"])
    assert problem == "6: the image '{static}/images/calf-strech.jpg' does not exist — did you mean calf-stretch.jpg?"


@pytest.mark.parametrize(("html", "expected"), [
    ("<script>alert(1)</script>", "a <script> will not run on the published site"),
    ('<iframe src="https://example.org/x"></iframe>', "an <iframe> will not show"),
    ('<a href="/x" onclick="go()">Go</a>', "an on…= attribute (such as onclick) will not run"),
    ('<p style="color: red">Red</p>', "a style= attribute is ignored on the published site"),
])
def test_raw_html_the_security_policy_blocks_is_warned_of_at_its_line(tmp_path, html, expected):
    [problem] = checked(tmp_path, post("X", body=f"Some text.\n\n{html}\n"))
    assert problem.startswith(f"8: {expected}")


def test_html_shown_as_code_is_not_warned_of(tmp_path):
    body = "Write `<script>` like this:\n\n```html\n<script>alert(1)</script>\n```\n\n    <p style=\"x\">\n"
    assert checked(tmp_path, post("X", body=body)) == []


def test_a_date_that_reads_two_ways_stops_a_real_build(small_site):
    with pytest.raises(BuildError) as raised:
        small_site({"posts/a.md": post("A", date="03/01/2024")})
    assert [str(p) for p in raised.value.errors] == [
        "content/posts/a.md:2: 'Date: 03/01/2024' could be 3 January 2024 or 1 March 2024 — write it as "
        "year-month-day, e.g. '2024-01-03' for 3 January 2024"]


def test_an_image_written_without_static_also_gets_the_closest_name(small_site, tmp_path):
    from PIL import Image

    (tmp_path / "content/images").mkdir(parents=True)
    Image.new("RGB", (600, 400), "white").save(tmp_path / "content/images/calf-stretch.jpg")
    with pytest.raises(BuildError) as raised:
        small_site({"posts/a.md": post("A", body="![Calf stretch](/images/calf-strech.jpg)")})
    assert [str(p) for p in raised.value.errors] == [
        "content/posts/a.md:6: the image '/images/calf-strech.jpg' does not exist — did you mean calf-stretch.jpg?"]
