"""invoke livereload: the preview shows drafts, follows every save, and keeps the last good pages on an error."""

import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest
from conftest import post
from test_safe_build import INVOKE, QUIET_ENV, copy_project

from sitetools.livereload import _not_source


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, seconds=40):
    """Return condition()'s first true value, polling until seconds have passed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = condition()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError("timed out waiting")


@pytest.fixture
def writing_loop(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content/posts/draft.md").write_text(post("Work in progress", slug="wip", status="draft"))
    port = free_port()
    log = (tmp_path / "livereload.log").open("w")
    process = subprocess.Popen([*INVOKE, "livereload", "--port", str(port)], cwd=project, stdout=log,
                               stderr=subprocess.STDOUT, env=QUIET_ENV, start_new_session=True)
    yield project, f"http://127.0.0.1:{port}", tmp_path / "livereload.log"
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=10)
    log.close()


def fetch(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


def test_preview_follows_each_save_and_survives_errors(writing_loop):
    project, url, log = writing_loop
    draft = wait_for(lambda: fetch(f"{url}/blog/wip/"))
    assert "Work in progress" in draft and ">Draft</span>" in draft
    assert "livereload.js" in draft, "the page carries the script that refreshes the browser"
    assert not (project / "output").exists(), "the preview never writes the site that is published"

    source = project / "content/posts/draft.md"
    source.write_text(source.read_text().replace("Work in progress", "Almost ready"))
    wait_for(lambda: "Almost ready" in fetch(f"{url}/blog/wip/"))

    source.write_text(source.read_text().replace("Date: 2024-03-01 10:00", "Date: someday"))
    wait_for(lambda: "is not a date" in log.read_text())
    assert "content/posts/draft.md:2: 'Date: someday' is not a date" in log.read_text()
    assert "Almost ready" in fetch(f"{url}/blog/wip/"), "the last good pages stay served"


@pytest.mark.parametrize(("path", "ignored"), [
    ("plugins/post_actions/__pycache__/cta.cpython-311.pyc", True),
    ("content/posts/.#draft.md", True),
    ("content/posts/draft.md.swp", True),
    ("content/posts/draft.md", False),
    ("theme/static/css/site.css", False),
])
def test_by_products_do_not_trigger_a_rebuild(path, ignored):
    assert _not_source(path) is ignored
