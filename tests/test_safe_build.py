"""A failed build leaves output/ exactly as it was and says what is wrong in plain words."""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, post, write_content
from practice_contact.errors import SettingError

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


def leftovers(output):
    return [p.name for p in Path(output).parent.iterdir() if p.name.startswith(f".{Path(output).name}-")]


def test_success_replaces_the_whole_output(small_site, tmp_path):
    stale = tmp_path / "output" / "old-post" / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("stale")
    site = small_site({"posts/good.md": post("Good post", slug="good")})
    assert not stale.exists()
    assert (site.output / "blog/good/index.html").is_file()
    assert oct(site.output.stat().st_mode & 0o777) == "0o755"
    assert leftovers(site.output) == []


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"posts/bad.md": "Date: 2024-01-01\n\nNo title here.\n"}, "posts/bad.md"),
        ({"posts/bad.md": post("Bad switch", slug="bad", cta="maybe")}, "'Cta: maybe' is not understood"),
        ({"posts/bad.md": post("Bad date", slug="bad", date="31/02/2024")}, "posts/bad.md"),
    ],
)
def test_content_error_stops_the_build_and_keeps_output(previous_site, tmp_path, files, expected):
    output, before = previous_site
    shutil.rmtree(tmp_path / "content")
    write_content(tmp_path / "content", files)
    with pytest.raises(BuildError) as raised:
        build(ROOT / "pelicanconf.py", output, overrides={"PATH": str(tmp_path / "content")})
    assert any(expected in problem for problem in raised.value.problems)
    assert snapshot(output) == before
    assert leftovers(output) == []


def test_setting_error_stops_the_build_and_keeps_output(previous_site, tmp_path):
    output, before = previous_site
    with pytest.raises(SettingError, match="CONTACT_PHONE = '12345' is not a phone number"):
        build(ROOT / "pelicanconf.py", output, overrides={"PATH": str(tmp_path / "content"), "CONTACT_PHONE": "12345"})
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
            'CONTACT_BOOKING_URL = "javascript:x()"',
            "testconf.py: CONTACT_BOOKING_URL = 'javascript:x()' is not a web address",
        ),
        (
            'CONTACT_EMAIL = "hello at example"',
            "testconf.py: CONTACT_EMAIL = 'hello at example' is not an email address",
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


def test_build_command_lists_content_problems(previous_site, tmp_path, monkeypatch, capsys):
    output, before = previous_site
    write_content(tmp_path / "content", {"posts/bad.md": post("Bad", slug="bad", comments="perhaps")})
    monkeypatch.setitem(commands.CONFIG, "settings", settings_file(tmp_path, ""))
    monkeypatch.setitem(commands.CONFIG, "output", output)
    assert commands.build() == 1
    err = capsys.readouterr().err
    assert "posts/bad.md" in err and "'Comments: perhaps' is not understood" in err
    assert snapshot(output) == before


def test_invoke_build_end_to_end_in_a_copy_of_the_project(tmp_path):
    project = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "output", ".*")
    for name in ("content", "theme", "plugins", "sitetools"):
        shutil.copytree(ROOT / name, project / name, ignore=ignore)
    for name in ("pelicanconf.py", "publishconf.py", "tasks.py"):
        shutil.copy(ROOT / name, project / name)
    invoke = [sys.executable, "-m", "invoke"]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}

    done = subprocess.run([*invoke, "build"], cwd=project, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "Built 1 post and 2 pages" in done.stderr
    before = snapshot(project / "output")

    conf = project / "pelicanconf.py"
    conf.write_text(conf.read_text().replace('CONTACT_PHONE = "01632 960123"', 'CONTACT_PHONE = "call me"'))
    failed = subprocess.run([*invoke, "build"], cwd=project, capture_output=True, text=True, env=env)
    assert failed.returncode == 1
    assert "CONTACT_PHONE = 'call me' is not a phone number" in failed.stderr
    assert "Traceback" not in failed.stderr + failed.stdout
    assert snapshot(project / "output") == before

    listing = subprocess.run([*invoke, "--list"], cwd=project, capture_output=True, text=True, env=env)
    for name in ("build", "serve", "clean"):
        assert f"  {name} " in listing.stdout
