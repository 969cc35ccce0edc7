"""Her road to publishing: write a post, `invoke publish`, and exactly that change reaches "GitHub" (a bare repo)."""

import os
import shutil
import subprocess
import sys

import pytest
from conftest import PRACTICE_TOML, ROOT, post
from practice.data_file import read_practice
from test_deploy import fill_checklist, git, tree
from test_safe_build import INVOKE, QUIET_ENV, copy_project

from sitetools import deploy

GITHUB = "https://github.com/jane-smith/linton-site.git"
ADDRESS = "https://www.linton-therapy.co.uk"
HOST_SETTINGS = ("SITEURL", "PAGES_BASE_URL", "DEPLOY_RSYNC_DEST", "DEPLOY_GIT_REMOTE")
ENV = {**{k: v for k, v in QUIET_ENV.items() if k not in HOST_SETTINGS},
       "GIT_AUTHOR_NAME": "Jane Smith", "GIT_AUTHOR_EMAIL": "jane@linton-therapy.co.uk",
       "GIT_COMMITTER_NAME": "Jane Smith", "GIT_COMMITTER_EMAIL": "jane@linton-therapy.co.uk"}


def her_project(tmp_path, pushed=True, address=ADDRESS):
    """Return her project as a git repository whose origin is "GitHub", with the checklist done."""
    project = copy_project(tmp_path / "project")
    shutil.copy(ROOT / ".gitignore", project / ".gitignore")
    (project / "node_modules").symlink_to(ROOT / "node_modules")  # the HTML checker, installed once
    fill_checklist(project)
    facts = project / "content/data/practice.toml"
    facts.write_text(facts.read_text().replace('address = ""', f'address = "{address}"'))
    remote = tmp_path / "github.git"
    git("init", "--quiet", "--bare", "--initial-branch", "main", str(remote), cwd=tmp_path)
    git("init", "--quiet", "--initial-branch", "main", cwd=project)
    git("config", f"url.{remote}.insteadOf", GITHUB, cwd=project)  # GitHub's address leads to the bare repository
    git("remote", "add", "origin", GITHUB, cwd=project)
    git("add", "--all", cwd=project)
    subprocess.run(["git", "commit", "--quiet", "-m", "The site"], cwd=project, env=ENV, check=True)
    if pushed:
        git("push", "--quiet", "origin", "main", cwd=project)
    return project, remote


def publish(project):
    done = subprocess.run([*INVOKE, "publish"], cwd=project, capture_output=True, text=True, env=ENV)
    print(f"$ ./site.sh publish   (exit {done.returncode})\n{done.stderr}{done.stdout}")
    return done


def test_a_new_post_reaches_github_in_a_commit_named_after_it_and_output_is_left_alone(tmp_path):
    project, remote = her_project(tmp_path)
    (project / "output").mkdir()
    (project / "output/index.html").write_text("her local build")
    before = git("rev-parse", "main", cwd=remote)
    post_file = project / "content/posts/tight-calves.md"
    post_file.write_text(post("Tight calves after a long run", slug="tight-calves", check="ask Sam about the photo"))

    refused = publish(project)
    assert refused.returncode == 1
    assert "content/posts/tight-calves.md:" in refused.stderr and "Check: ask Sam about the photo" in refused.stderr
    assert "Nothing was committed or sent to GitHub" in refused.stderr
    assert git("rev-parse", "main", cwd=remote) == before, "nothing reached GitHub"
    assert git("status", "--porcelain", cwd=project) == "?? content/posts/tight-calves.md", "nothing committed"

    post_file.write_text(post("Tight calves after a long run", slug="tight-calves"))
    done = publish(project)
    assert done.returncode == 0, done.stderr
    assert git("log", "-1", "--format=%s", "main", cwd=remote) == "New post: Tight calves after a long run"
    assert git("rev-parse", "main~1", cwd=remote) == before
    assert git("diff", "--name-only", before, "main", cwd=remote) == "content/posts/tight-calves.md"
    assert git("show", "main:content/posts/tight-calves.md", cwd=remote) == post_file.read_text().strip()
    assert f"{ADDRESS}/" in done.stderr
    assert "https://github.com/jane-smith/linton-site/actions" in done.stderr
    assert "Settings › Pages" not in done.stderr, "said only the first time"
    assert tree(project / "output") == {"index.html": b"her local build"}, "output/ stays her local build"
    assert (project / ".publish/blog/tight-calves/index.html").is_file()
    assert git("status", "--porcelain", cwd=project) == "", ".publish/ is not committed"

    again = publish(project)
    assert again.returncode == 0 and "Nothing has changed since you last published" in again.stderr
    assert git("rev-list", "--count", "main", cwd=remote) == "2"

    post_file.write_text(post_file.read_text().replace("Body of the post.", "Stretch gently."))
    assert publish(project).returncode == 0
    assert git("log", "-1", "--format=%s", "main", cwd=remote) == "Changed: Tight calves after a long run"


def test_the_first_publish_says_the_one_github_setting_and_the_pages_address(tmp_path):
    project, remote = her_project(tmp_path, pushed=False, address="")
    done = publish(project)
    assert done.returncode == 0, done.stderr
    assert git("rev-parse", "main", cwd=remote) == git("rev-parse", "HEAD", cwd=project)
    assert "https://jane-smith.github.io/linton-site/" in done.stderr, "the address GitHub Pages gives it"
    assert 'Settings › Pages and under Source choose "GitHub Actions"' in done.stderr


def test_a_push_github_refuses_is_said_in_plain_words(tmp_path):
    project, remote = her_project(tmp_path)
    other = tmp_path / "web-editor"
    git("clone", "--quiet", str(remote), str(other), cwd=tmp_path)
    (other / "content/posts/from-the-web.md").write_text(post("Written on GitHub"))
    git("add", "--all", cwd=other)
    subprocess.run(["git", "commit", "--quiet", "-m", "New post"], cwd=other, env=ENV, check=True)
    git("push", "--quiet", "origin", "main", cwd=other)
    (project / "content/posts/mine.md").write_text(post("Mine"))

    done = publish(project)
    assert done.returncode == 1
    assert "The copy on GitHub has changes this computer does not have yet" in done.stderr
    assert "git pull --rebase origin main" in done.stderr


def test_a_folder_not_connected_to_github_is_told_how(tmp_path):
    project = copy_project(tmp_path / "project")
    done = publish(project)
    assert done.returncode == 1
    assert "git init -b main" in done.stderr
    assert "git remote add origin https://github.com/YOUR-NAME/YOUR-SITE.git" in done.stderr
    assert not (project / ".publish").exists(), "told before anything is built"


@pytest.mark.parametrize(("remote", "address"), [
    ("https://github.com/jane-smith/linton-site.git", "https://jane-smith.github.io/linton-site"),
    ("git@github.com:Jane-Smith/jane-smith.github.io.git", "https://jane-smith.github.io"),
    ("https://gitlab.com/jane/site.git", ""),
])
def test_the_pages_address_comes_from_the_repository(remote, address):
    assert deploy.pages_address(remote) == address


def test_the_commit_message_names_posts_and_pages_by_title():
    changes = [("A", "content/posts/a.md"), ("M", "content/pages/about.md"), ("D", "content/posts/b.md"),
               ("M", "content/data/practice.toml"), ("A", "content/images/calves.jpg")]
    titles = {"content/posts/a.md": "Tight calves", "content/pages/about.md": "About",
              "content/posts/b.md": "Old news"}
    assert deploy.commit_message(changes, titles) == (
        "New post: Tight calves; Changed: About; Removed post: Old news; Changed: practice.toml, calves.jpg")


SHOWN = "content/data/practice.toml"


@pytest.mark.parametrize(("address", "expected"), [
    ("http://www.linton-therapy.co.uk", 'starts with http:// — write https:// instead: '
                                        'address = "https://www.linton-therapy.co.uk"'),
    ("www.linton-therapy.co.uk", 'does not start with https:// — write it as '
                                 'address = "https://www.linton-therapy.co.uk"'),
    ("https://www.example.com", "is an example address"),
    ("https://www.linton-therapy.co.uk/blog", 'has more than the site\'s address — end it after the site\'s name: '
                                              'address = "https://www.linton-therapy.co.uk"'),
    ("https://www.linton therapy.co.uk", "has a space in it"),
    ("https://linton-therapy", "is not the address of a website"),
    ("https://jane.github.io/site/blog", 'address = "https://jane.github.io/site"'),
])
def test_a_mistaken_address_is_named_at_its_line(address, expected):
    text = PRACTICE_TOML.replace('address = ""', f'address = "{address}"')
    with pytest.raises(ValueError) as raised:
        read_practice(text, SHOWN)
    line = next(n for n, written in enumerate(text.splitlines(), 1) if written.startswith("address ="))
    assert raised.value.line == line and expected in str(raised.value), str(raised.value)


@pytest.mark.parametrize("address", ["", "https://www.linton-therapy.co.uk", "https://www.linton-therapy.co.uk/",
                                     "https://jane.github.io", "https://jane.github.io/linton-site"])
def test_good_addresses_pass(address):
    read_practice(PRACTICE_TOML.replace('address = ""', f'address = "{address}"'), SHOWN)


def test_a_way_to_publish_that_is_not_one_is_named_at_its_line():
    text = PRACTICE_TOML.replace('publish = "github"', 'publish = "git hub"')
    with pytest.raises(ValueError) as raised:
        read_practice(text, SHOWN)
    assert str(raised.value).endswith('publish = "git hub" is not a way this site is published — '
                                      'did you mean "github"?')
    assert raised.value.line == next(n for n, w in enumerate(text.splitlines(), 1) if w.startswith("publish ="))


@pytest.mark.parametrize(("environment", "written", "expected"), [
    ({"SITEURL": "https://host.example.org", "PAGES_BASE_URL": "https://jane.github.io/site"},
     ADDRESS, "https://host.example.org"),
    ({"PAGES_BASE_URL": "https://jane.github.io/site"}, ADDRESS, ADDRESS),
    ({"SITEURL": "", "PAGES_BASE_URL": "https://jane.github.io/site/"}, "", "https://jane.github.io/site"),
    ({}, "", ""),
])
def test_publishconf_takes_the_address_in_order(tmp_path, environment, written, expected):
    project = copy_project(tmp_path / "project")
    facts = project / "content/data/practice.toml"
    facts.write_text(facts.read_text().replace('address = ""', f'address = "{written}"'))
    env = {k: v for k, v in os.environ.items() if k not in HOST_SETTINGS} | environment
    code = "import publishconf; print(publishconf.SITEURL, publishconf.FEED_DOMAIN)"
    done = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, env=env,
                          check=True)
    assert done.stdout.split() == ([expected, expected] if expected else [])
