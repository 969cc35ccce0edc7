"""A failed build leaves output/ exactly as it was and says what is wrong in plain words."""

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PRACTICE_TOML, ROOT, facts_line, post, write_content

from sitetools import commands
from sitetools.build import BuildError, build


def snapshot(folder):
    """Return {relative path: sha256} for every file and folder under folder."""
    folder = Path(folder)
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture
def previous_site(small_site):
    """Build a small site: the output a failed build must not touch."""
    site = small_site({"posts/good.md": post("Good post", slug="good")})
    return site.output, snapshot(site.output)


def leftovers(output, wait=10.0):
    """Return the build's folders left beside output, once the old site's deletion has had up to wait seconds."""
    deadline = time.monotonic() + wait
    while True:
        left = [p.name for p in Path(output).parent.iterdir() if p.name.startswith(f".{Path(output).name}-")]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def test_success_replaces_the_whole_output(small_site, tmp_path):
    stale = tmp_path / "output" / "old-post" / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("stale")
    site = small_site({"posts/good.md": post("Good post", slug="good")})
    assert not stale.exists()
    assert (site.output / "blog/good/index.html").is_file()
    assert oct(site.output.stat().st_mode & 0o777) == "0o755"
    assert leftovers(site.output) == []


LONG_TITLE = "A very long title about hamstrings " * 10
CASES = {
    "missing title": (
        {"posts/x.md": "Date: 2024-01-01\n\nNo title.\n"},
        "content/posts/x.md:1: there is no title — add a line such as 'Title: Tight calves after a long run' "
        "at the very top",
    ),
    "unparseable date": (
        {"posts/x.md": post("X", date="next Tuesday")},
        "content/posts/x.md:2: 'Date: next Tuesday' is not a date — write it as year-month-day, "
        "e.g. '2024-03-01' or '2024-03-01 09:30'",
    ),
    "impossible date": (
        {"posts/x.md": post("X", date="2024-02-30")},
        "content/posts/x.md:2: 'Date: 2024-02-30' is not a date — write it as year-month-day, "
        "e.g. '2024-03-01' or '2024-03-01 09:30'",
    ),
    "missing date": (
        {"posts/x.md": "Title: X\n\nText.\n"},
        "content/posts/x.md:1: there is no date — add a line such as 'Date: 2024-03-01' below the title",
    ),
    "unknown status": (
        {"posts/x.md": post("X", status="drafty")},
        "content/posts/x.md:5: 'Status: drafty' is not a status this site knows — did you mean 'Status: draft'?",
    ),
    "no blank line after the header": (
        {"posts/x.md": "Title: X\nDate: 2024-01-01\nThe text starts here.\n"},
        "content/posts/x.md:3: the text starts straight after the details at the top, without an empty line "
        "— put an empty line between the last detail line and the text",
    ),
    "typo of category": (
        {"posts/x.md": post("X", catgory="Running")},
        "content/posts/x.md:5: 'Catgory:' is not a detail this site knows — did you mean 'Category:'?",
    ),
    "typo of tags": (
        {"posts/x.md": "Title: X\nDate: 2024-01-01\nTgas: a, b\n\nText.\n"},
        "content/posts/x.md:3: 'Tgas:' is not a detail this site knows — did you mean 'Tags:'?",
    ),
    "detail given twice": (
        {"posts/x.md": "Title: X\nDate: 2024-01-01\nDate: 2024-01-02\n\nText.\n"},
        "content/posts/x.md:3: 'Date:' is given twice (first on line 2) — keep one of the two lines",
    ),
    "link to a missing post": (
        {"posts/x.md": post("X", body="Intro.\n\nSee [this]({filename}/posts/gone.md).")},
        "content/posts/x.md:8: the link '{filename}/posts/gone.md' points to a file that does not exist "
        "— check the file name, e.g. {filename}/posts/name.md",
    ),
    "missing image": (
        {"posts/x.md": post("X", body="![A stretch]({static}/images/gone.jpg)")},
        "content/posts/x.md:6: the image '{static}/images/gone.jpg' does not exist "
        "— check the file name: images go in content/images/",
    ),
    "link to an address that does not exist": (
        {"posts/x.md": post("X", body="Intro.\n\nSee [About](/abot/).")},
        "content/posts/x.md:8: the link '/abot/' leads to no page of this site "
        "— check the address; to link to a post write ({filename}/posts/name.md)",
    ),
    "plain image path that does not exist": (
        {"posts/x.md": post("X", body="![A stretch](/images/gone.png)")},
        "content/posts/x.md:6: the image '/images/gone.png' does not exist — check the file name: images go in "
        "content/images/ and are written ![description]({static}/images/name.jpg)",
    ),
    "bad plugin switch": (
        {"posts/x.md": post("X", cta="maybe")},
        "content/posts/x.md:5: 'Cta: maybe' is not understood — write 'Cta: off' to hide it on this post, "
        "or remove the line.",
    ),
    "duplicate slugs": (
        {"posts/a.md": post("A", slug="same"), "posts/b.md": post("B", slug="same")},
        "content/posts/b.md:5: it would have the same address (/blog/same/index.html) as content/posts/a.md "
        "— give one of them a different 'Slug:' line",
    ),
    "identical titles": (
        {"posts/a.md": post("Hip pain"), "posts/b.md": post("Hip pain")},
        "content/posts/b.md:1: it would have the same address (/blog/hip-pain/index.html) as content/posts/a.md "
        "— give one of them a different 'Slug:' line",
    ),
    "a post and a page": (
        {"posts/a.md": post("Hip pain"), "pages/b.md": "Title: B\nSave_as: blog/hip-pain/index.html\n\nB.\n"},
        "content/posts/a.md:1: it would have the same address (/blog/hip-pain/index.html) as content/pages/b.md "
        "— give one of them a different 'Slug:' line",
    ),
    "a page and a list the site makes": (
        {"posts/a.md": post("A"), "pages/archives.md": "Title: Archives\n\nMine.\n"},
        "content/pages/archives.md:1: its address (/archives/index.html) is already used by the site's archives "
        "page — give it a different 'Slug:' line",
    ),
    "a post and a file of the site": (
        {"posts/x.md": post("X", save_as="images/notes.txt"), "images/notes.txt": "Notes.\n"},
        "content/posts/x.md:5: its address (/images/notes.txt) is already used by the file images/notes.txt "
        "— give it a different 'Slug:' line",
    ),
    "an address outside the site": (
        {"posts/x.md": post("X", save_as="../../escaped.html")},
        "content/posts/x.md:5: 'Save_as: ../../escaped.html' would put the page outside the site — remove the "
        "line, or use a path inside the site such as 'name/index.html'",
    ),
    "a title too long for a file name": (
        {"posts/x.md": post(LONG_TITLE)},
        "content/posts/x.md:1: the title is too long to make an address from — add a shorter 'Slug:' line, "
        "e.g. 'Slug: tight-calves'",
    ),
    "an empty file": (
        {"posts/x.md": ""},
        "content/posts/x.md:1: this file is empty — write a 'Title:' line and the text, or delete the file",
    ),
    "a file in another encoding": (
        {"posts/x.md": None},  # written below as Latin-1
        "content/posts/x.md:6: this file is not saved as UTF-8 text (byte 0xe9 cannot be read) — open it in "
        "your editor and save it again with the encoding 'UTF-8'",
    ),
    "the summary placeholder left in": (
        {"posts/x.md": post("X", summary="Write one or two sentences here: they show on the home page.")},
        "content/posts/x.md:4: the summary is still the example text — write one or two sentences about the "
        "post on the 'Summary:' line",
    ),
}


def write_case(folder, files):
    write_content(folder, {})  # her facts file
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            path.write_bytes(post("X", body="Café au lait.").encode("latin-1"))
        else:
            path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("files", "expected"), CASES.values(), ids=CASES.keys())
def test_content_error_is_named_by_file_and_line_and_keeps_output(previous_site, tmp_path, monkeypatch, capsys,
                                                                  files, expected):
    output, before = previous_site
    shutil.rmtree(tmp_path / "content")
    write_case(tmp_path / "content", files)
    with pytest.raises(BuildError) as raised:
        build(ROOT / "pelicanconf.py", output, overrides={"PATH": str(tmp_path / "content")})
    assert [str(problem) for problem in raised.value.errors] == [expected]
    assert snapshot(output) == before
    assert leftovers(output) == []

    monkeypatch.setitem(commands.CONFIG, "settings", settings_file(tmp_path, ""))
    monkeypatch.setitem(commands.CONFIG, "output", output)
    assert commands.build() == 1
    printed = capsys.readouterr().err.splitlines()
    assert printed[:2] == [f"The build stopped with 1 problem to fix; {output} was left as it was:", f"  {expected}"]
    assert snapshot(output) == before


def test_symlink_loop_is_reported_not_followed(previous_site, tmp_path):
    output, before = previous_site
    (tmp_path / "content/posts/loop").symlink_to("..")
    with pytest.raises(BuildError) as raised:
        build(ROOT / "pelicanconf.py", output, overrides={"PATH": str(tmp_path / "content")})
    assert [str(p) for p in raised.value.errors] == [
        "content/posts/loop: this folder is a link back to a folder that contains it (a loop) — delete the link, "
        "or point it somewhere outside the content folder"
    ]
    assert snapshot(output) == before


def test_dangling_link_to_a_post_is_reported(previous_site, tmp_path):
    output, before = previous_site
    (tmp_path / "content/posts/x.md").symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(BuildError) as raised:
        build(ROOT / "pelicanconf.py", output, overrides={"PATH": str(tmp_path / "content")})
    assert [str(p) for p in raised.value.errors] == [
        "content/posts/x.md: this file is a link to a file that does not exist — delete the link or make it point "
        "to the right file"
    ]
    assert snapshot(output) == before


def test_file_names_with_spaces_and_accents_build(small_site):
    site = small_site({"posts/Étirements du matin.md": post("Étirements du matin")})
    assert site.page("/blog/etirements-du-matin/").select_one("main h1").get_text() == "Étirements du matin"


def test_every_problem_is_listed_not_just_the_first(previous_site, tmp_path):
    output, before = previous_site
    write_case(tmp_path / "content", {"posts/a.md": post("A", date="soon"), "posts/b.md": post("B", tgas="x"),
                                      "pages/c.md": "Title: C\nStatus: secret\n\nC.\n"})
    with pytest.raises(BuildError) as raised:
        build(ROOT / "pelicanconf.py", output, overrides={"PATH": str(tmp_path / "content")})
    assert [(p.path, p.line) for p in raised.value.errors] == [
        ("content/pages/c.md", 2), ("content/posts/a.md", 2), ("content/posts/b.md", 5)]
    assert snapshot(output) == before


def test_warnings_are_collected_again_on_every_build_in_one_process(small_site):
    files = {"posts/a.md": post("A", mood="sunny")}
    first, second = small_site(files).result.warnings, small_site(files).result.warnings
    assert first == second
    assert "content/posts/a.md:5: 'Mood:' is not a detail this site uses, so it is ignored — remove the line " \
           "if it is a mistake" in [str(w) for w in second]
    assert any("the contact details are still the examples" in str(w) for w in second)


def test_a_mistake_in_her_facts_stops_the_build_and_keeps_output(previous_site, tmp_path):
    output, before = previous_site
    facts = tmp_path / "content/data/practice.toml"
    facts.write_text(PRACTICE_TOML.replace('phone = "01632 960123"', 'phone = "12345"'), encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        build(ROOT / "pelicanconf.py", output, overrides={"PATH": str(tmp_path / "content")})
    assert [str(p) for p in raised.value.errors] == [
        f'content/data/practice.toml:{facts_line("phone =")}: phone = "12345" is not a phone number — write it as you '
        "would dial it, e.g. '01632 960123' or '+44 1632 960123'"]
    assert snapshot(output) == before
    assert leftovers(output) == []


def settings_file(tmp_path, extra):
    """Write a settings file that takes the real settings and adds extra lines."""
    path = tmp_path / "testconf.py"
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(tmp_path / 'content')!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n{extra}\n"
    )
    return path


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            'CONTACT_CTA_ENABLED = "yes"',
            "testconf.py: CONTACT_CTA_ENABLED = 'yes' must be True or False.",
        ),
        (
            'COMMENTS_EMAIL = "hello at example"',
            "testconf.py: COMMENTS_EMAIL = 'hello at example' is not an email address",
        ),
        ("COMMENTS_ENABLED = (", "testconf.py:7: "),
    ],
)
def test_build_command_explains_a_bad_setting_in_one_line(previous_site, tmp_path, monkeypatch, capsys, extra,
                                                            expected):
    output, before = previous_site
    monkeypatch.setitem(commands.CONFIG, "settings", settings_file(tmp_path, extra))
    monkeypatch.setitem(commands.CONFIG, "output", output)
    assert commands.build() == 1
    err = capsys.readouterr().err
    assert expected in err
    assert "left as it was" in err and "Traceback" not in err
    assert snapshot(output) == before


def copy_project(folder):
    """Copy what the site is made of into folder, as a project of its own."""
    ignore = shutil.ignore_patterns("__pycache__", "output", ".*")
    for name in ("content", "theme", "plugins", "sitetools"):
        shutil.copytree(ROOT / name, folder / name, ignore=ignore)
    for name in ("pelicanconf.py", "publishconf.py", "tasks.py"):
        shutil.copy(ROOT / name, folder / name)
    return folder


INVOKE = [sys.executable, "-m", "invoke"]
QUIET_ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def test_invoke_build_end_to_end_in_a_copy_of_the_project(tmp_path):
    project = copy_project(tmp_path / "project")
    done = subprocess.run([*INVOKE, "build"], cwd=project, capture_output=True, text=True, env=QUIET_ENV)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("Built 1 post and 5 pages; 0 drafts not published; ")
    before = snapshot(project / "output")

    post_file = project / "content/posts/if-running-becomes-a-pain-in-the-butt.md"
    post_file.write_text(post_file.read_text().replace("Date: 2019-05-20 09:00", "Date: 2019-05-40"))
    failed = subprocess.run([*INVOKE, "build"], cwd=project, capture_output=True, text=True, env=QUIET_ENV)
    assert failed.returncode == 1
    assert "content/posts/if-running-becomes-a-pain-in-the-butt.md:2: 'Date: 2019-05-40' is not a date" in failed.stderr
    assert "Traceback" not in failed.stderr + failed.stdout
    assert snapshot(project / "output") == before

    facts = project / "content/data/practice.toml"
    facts.write_text(facts.read_text().replace('phone = "01632 960123"', 'phone = "call me"'))
    failed = subprocess.run([*INVOKE, "build"], cwd=project, capture_output=True, text=True, env=QUIET_ENV)
    assert failed.returncode == 1
    mistake = f'content/data/practice.toml:{facts_line("phone =")}: phone = "call me" is not a phone number'
    assert mistake in failed.stderr
    assert "Traceback" not in failed.stderr + failed.stdout
    assert snapshot(project / "output") == before

    listing = subprocess.run([*INVOKE, "--list"], cwd=project, capture_output=True, text=True, env=QUIET_ENV)
    for name in ("build", "check", "clean", "livereload", "new-post", "serve"):
        assert f"  {name} " in listing.stdout


def test_debug_shows_the_technical_details(tmp_path):
    project = copy_project(tmp_path / "project")
    facts = project / "content/data/practice.toml"
    facts.write_text(facts.read_text().replace('phone = "01632 960123"', 'phone = "call me"'))
    failed = subprocess.run([*INVOKE, "build", "--debug"], cwd=project, capture_output=True, text=True, env=QUIET_ENV)
    assert failed.returncode == 1
    assert "Traceback" in failed.stderr and "DataFileError" in failed.stderr


def test_the_command_line_build_reports_and_exits_with_the_builds_status(tmp_path):
    from conftest import write_content

    write_content(tmp_path / "content", {"posts/a.md": post("Hip pain", slug="hip-pain")})
    command = [sys.executable, "-m", "sitetools", "build", "--output", str(tmp_path / "output"),
               "--set", f'PATH="{tmp_path / "content"}"', "--set", "SEARCH_INDEX=false"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "Built 1 post" in done.stderr
    write_content(tmp_path / "content", {"posts/a.md": post("Hip pain", slug="hip-pain", date="someday")})
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "content/posts/a.md:2: 'Date: someday' is not a date" in done.stderr
