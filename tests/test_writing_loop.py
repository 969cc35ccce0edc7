"""invoke livereload: the preview shows drafts, follows every save, and keeps the last good pages on an error."""

import os
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import watchfiles
from conftest import post
from test_safe_build import INVOKE, QUIET_ENV, copy_project

from sitetools.preview import Watched, needs_restart


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
    assert '<script src="/_preview/reload.js"></script></body>' in draft, "the script that refreshes the browser"
    assert "EventSource" in fetch(f"{url}/_preview/reload.js")
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
    ("content/posts/#draft.md#", True),
    ("content/posts/.~lock.draft.md#", True),
    ("content/posts/4913", True),
    ("content/posts/draft.md", False),
    ("theme/static/css/site.css", False),
])
def test_by_products_do_not_trigger_a_rebuild(path, ignored):
    assert Watched()(watchfiles.Change.modified, f"/site/{path}") is not ignored


@pytest.mark.parametrize(("path", "restarts"), [
    ("plugins/post_actions/cta.py", True),
    ("pelicanconf.py", True),
    ("content/data/practice.toml", True),
    ("content/posts/draft.md", False),
    ("theme/templates/base.html", False),
    ("content/database-notes.md", False),
])
def test_only_code_and_settings_start_a_fresh_builder(tmp_path, path, restarts):
    assert needs_restart({(watchfiles.Change.modified, str(tmp_path / path))}, tmp_path) is restarts


class EventReader:
    """Read the preview's event stream in a thread; keep each event's name and text."""

    def __init__(self, url):
        self.events = []
        self.response = urllib.request.urlopen(f"{url}/_preview/events", timeout=60)
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        """Collect events until the stream ends."""
        name, data = None, []
        for raw in self.response:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data.append(line[6:])
            elif not line and name:
                self.events.append((name, "\n".join(data)))
                name, data = None, []


def builders(preview):
    """Return the process ids of the preview's builder processes."""
    found = subprocess.run(["pgrep", "-f", "sitetools.run --serve"], capture_output=True, text=True).stdout.split()
    return {pid for pid in map(int, found) if f"{preview.pid}" in Path(f"/proc/{pid}/stat").read_text().split()[3:4]}


def test_the_browser_hears_of_each_build_and_each_mistake_and_a_dead_builder_is_replaced(tmp_path):
    project = copy_project(tmp_path / "project")
    source = project / "content/posts/if-running-becomes-a-pain-in-the-butt.md"
    port = free_port()
    with (tmp_path / "preview.log").open("w") as log:
        preview = subprocess.Popen([*INVOKE, "livereload", "--port", str(port)], cwd=project, stdout=log,
                                   stderr=subprocess.STDOUT, env=QUIET_ENV, start_new_session=True)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_for(lambda: "reload.js" in fetch(f"{url}/"))  # the first build is in place
            events = EventReader(url)
            first = wait_for(lambda: builders(preview))

            source.write_text(source.read_text().replace("Date: 2019-05-20 09:00", "Date: someday"))
            wait_for(lambda: any(name == "problems" for name, _ in events.events))
            [(_, text)] = [event for event in events.events if event[0] == "problems"]
            assert "content/posts/if-running-becomes-a-pain-in-the-butt.md:2: 'Date: someday' is not a date" in text

            late = EventReader(url)  # a page opened now hears of the mistake at once
            wait_for(lambda: late.events)
            assert late.events[0][0] == "problems"

            source.write_text(source.read_text().replace("Date: someday", "Date: 2019-05-20 09:00"))
            wait_for(lambda: events.events[-1][0] == "reload")
            assert builders(preview) == first, "the same builder for every save of a post"

            os.kill(next(iter(first)), signal.SIGKILL)
            source.write_text(source.read_text().replace("pain in the butt", "pain in the backside", 1))
            wait_for(lambda: "pain in the backside" in fetch(f"{url}/blog/if-running-becomes-a-pain-in-the-butt/"))
            replaced = builders(preview)
            assert replaced and replaced != first, "a builder that died is started again"

            facts = project / "content/data/practice.toml"
            facts.write_text(facts.read_text().replace('town = "Linton"', 'town = "Balsham"'))
            wait_for(lambda: "Balsham" in fetch(f"{url}/contact/"))
            assert builders(preview) not in (first, replaced), "new facts: a fresh builder"
        finally:
            os.killpg(preview.pid, signal.SIGTERM)
            preview.wait(timeout=10)


@pytest.mark.slow
def test_the_page_in_the_browser_reloads_after_a_save_and_shows_a_mistake(writing_loop, chromium):
    project, url, _ = writing_loop
    source = project / "content/posts/draft.md"
    wait_for(lambda: "Work in progress" in fetch(f"{url}/blog/wip/"))
    page = chromium.new_page()
    try:
        page.goto(f"{url}/blog/wip/")
        page.wait_for_function("() => document.readyState === 'complete'")
        source.write_text(source.read_text().replace("Date: 2024-03-01 10:00", "Date: someday"))
        alert = page.locator("#preview-problems")
        alert.wait_for(timeout=20000)
        assert "content/posts/draft.md:2: 'Date: someday' is not a date" in alert.inner_text()
        assert page.get_attribute("#preview-problems", "role") == "alert"
        source.write_text(source.read_text().replace("Date: someday", "Date: 2024-03-01 10:00")
                          .replace("Work in progress", "Nearly there"))
        page.wait_for_function("() => document.title.includes('Nearly there')", timeout=20000)
        assert page.locator("#preview-problems").count() == 0, "the reloaded page carries no old message"
    finally:
        page.close()
