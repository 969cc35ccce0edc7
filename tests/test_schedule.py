"""Scheduled posts: publish what became due since the last publish; warn before GitHub stops the hourly run."""

import os
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
from conftest import SETTINGS, post, write_content
from pelican.settings import read_settings
from pelican.utils import get_date, set_date_tzinfo

from sitetools.problems import WARNING
from sitetools.schedule import Dated, as_date, dated, decide, quiet_warnings, read_stamp, schedule_items

LONDON = "Europe/London"


def utc(text):
    """Return an aware UTC time from '2024-03-31 08:00'."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def scheduled(written, path="content/posts/a.md"):
    """Return a post dated as written, in the site's time zone."""
    return Dated(path, 2, written, as_date(written, LONDON))


def stamp(time, commit="abc123"):
    """Return published.txt as the workflow writes it."""
    return read_stamp(f"{time}\n{commit}\n")


@pytest.mark.parametrize(("written", "in_utc"), [
    ("2024-03-31 00:30", "2024-03-31 00:30"),  # before the clocks go forward: GMT
    ("2024-03-31 09:00", "2024-03-31 08:00"),  # after: BST
    ("2024-10-27 00:30", "2024-10-26 23:30"),  # before the clocks go back: BST
    ("2024-10-27 09:00", "2024-10-27 09:00"),  # after: GMT
    ("2024-10-27 01:30", "2024-10-27 00:30"),  # the hour that happens twice: the first, as Pelican reads it
    ("2024-07-01", "2024-06-30 23:00"),  # a date alone is midnight, local time
])
def test_a_date_line_is_read_in_the_sites_time_zone_as_pelican_reads_it(written, in_utc):
    date = as_date(written, LONDON)
    assert date == utc(in_utc)
    assert date == set_date_tzinfo(get_date(written), LONDON).astimezone(UTC)


def test_a_post_is_due_at_its_local_time_after_the_clocks_go_forward():
    posts = [scheduled("2024-03-31 09:00")]  # 08:00 UTC
    published = stamp("2024-03-31T07:23:00Z")
    assert decide(posts, published, "abc123", utc("2024-03-31 07:59")) == (
        False, "nothing became due and nothing changed since the site was last published (2024-03-31 07:23 UTC)")
    assert decide(posts, published, "abc123", utc("2024-03-31 08:23")) == (
        True, "content/posts/a.md became due (Date: 2024-03-31 09:00)")


def test_a_post_is_due_at_its_local_time_after_the_clocks_go_back():
    posts = [scheduled("2024-10-27 09:00")]  # 09:00 UTC
    published = stamp("2024-10-27T07:23:00Z")
    assert not decide(posts, published, "abc123", utc("2024-10-27 08:23"))[0]
    assert decide(posts, published, "abc123", utc("2024-10-27 09:23"))[0]


def test_a_post_due_since_the_last_publish_is_published_however_many_hourly_runs_were_missed():
    posts = [scheduled("2024-05-01 09:00"), scheduled("2024-05-09 09:00", "content/posts/later.md")]
    assert decide(posts, stamp("2024-04-30T08:23:00Z"), "abc123", utc("2024-05-03 14:23")) == (
        True, "content/posts/a.md became due (Date: 2024-05-01 09:00)")
    # Published once the post was in: nothing more until the next one is due.
    assert not decide(posts, stamp("2024-05-01T08:23:00Z"), "abc123", utc("2024-05-03 14:23"))[0]


@pytest.mark.parametrize("published", ["", "<!DOCTYPE html><title>Not found</title>", "2024-05-01 08:23"])
def test_when_the_last_publish_is_unknown_the_site_is_published(published):
    assert read_stamp(published) is None
    assert decide([], read_stamp(published), "abc123", utc("2024-05-03 14:23")) == (
        True, "when the site was last published is not known, so it is published now")


def test_a_change_not_yet_published_is_published():
    assert decide([], stamp("2024-05-01T08:23:00Z", "old456"), "abc123", utc("2024-05-03 14:23")) == (
        True, "there are changes since the site was last published (2024-05-01 08:23 UTC)")


def test_drafts_and_unreadable_dates_are_not_scheduled(tmp_path):
    write_content(tmp_path, {
        "posts/soon.md": post("Soon", date="2024-03-31 09:00"),
        "posts/draft.md": post("Draft", date="2024-03-31 09:00", status="draft"),
        "posts/hidden.md": post("Hidden", date="2024-04-01", status="hidden"),
        "posts/broken.md": post("Broken", date="someday"),
        "pages/about.md": "Title: About\n\nNo date.\n",
    })
    settings = read_settings(str(SETTINGS), override={"PATH": str(tmp_path)})
    found = {item.path: item for item in dated(settings)}
    assert sorted(found) == [f"{tmp_path.name}/posts/hidden.md", f"{tmp_path.name}/posts/soon.md"]
    assert found[f"{tmp_path.name}/posts/soon.md"] == Dated(
        f"{tmp_path.name}/posts/soon.md", 2, "2024-03-31 09:00", utc("2024-03-31 08:00"))


def test_a_post_scheduled_more_than_50_days_after_the_last_change_is_warned_of():
    changed, now = utc("2024-05-01 12:00"), utc("2024-05-10 12:00")
    posts = [scheduled("2024-06-15 09:00", "content/posts/soon.md"),  # 45 days on
             scheduled("2024-06-25 09:00", "content/posts/late.md"),  # 55 days on
             scheduled("2024-04-01 09:00", "content/posts/old.md")]  # published already
    (warning,) = quiet_warnings(posts, changed, now, LONDON)
    assert (warning.path, warning.line, warning.severity) == ("content/posts/late.md", 2, WARNING)
    assert str(warning) == (
        "content/posts/late.md:2: this post is scheduled for 2024-06-25 09:00, more than 50 days after the last "
        "change was sent to GitHub (1 May 2024); GitHub stops the hourly check that publishes scheduled posts after "
        "60 days without a change (around 30 June 2024), so it may not appear on its day — publish something before "
        "then (any change sent to GitHub starts the 60 days again), or run ./site.sh publish nearer the day")


def test_the_checklists_warning_takes_the_last_change_from_git(tmp_path):
    content = tmp_path / "content"
    write_content(content, {"posts/late.md": post("Late", date="2024-08-01 09:00")})
    when = "2024-05-01T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "A",
           "GIT_AUTHOR_EMAIL": "a@example.com", "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.com"}
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "Posts"]):
        subprocess.run(["git", *command], cwd=tmp_path, env=env, check=True)
    settings = read_settings(str(SETTINGS), override={"PATH": str(content)})
    (warning,) = schedule_items(settings, root=tmp_path, now=utc("2024-05-10 12:00"))
    assert warning.path == "content/posts/late.md" and "(1 May 2024)" in warning.what
    assert schedule_items(settings, root=tmp_path, now=utc("2024-05-10 12:00") + timedelta(days=90)) == []
    assert schedule_items(settings, root=tmp_path / "content", now=utc("2024-05-10 12:00"))  # inside the repository


@pytest.mark.parametrize(("way", "shown"), [("github", True), ("rsync", False)])
def test_ready_and_publish_remind_her_of_a_post_the_hourly_check_may_miss(monkeypatch, capsys, way, shown):
    from sitetools import commands, schedule
    from sitetools.problems import Problem

    reminder = Problem("content/posts/a.md", 2, "scheduled far ahead", "publish nearer the day", WARNING)
    monkeypatch.setattr(schedule, "schedule_items", lambda settings, root: [reminder])
    monkeypatch.setattr(commands, "_publish_way", lambda: way)
    commands._schedule_reminders({})
    assert (str(reminder) in capsys.readouterr().err) == shown
