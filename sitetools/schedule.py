"""Scheduled posts: whether the hourly run has anything to publish, and when GitHub's hourly run will stop.

The published site carries published.txt, which the workflow writes: the time its build started
(UTC, ISO 8601) on the first line, the commit it was built from on the second.
"""

import argparse
import datetime
import subprocess
import sys
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from pelican.settings import read_settings
from pelican.utils import set_date_tzinfo

from .problems import WARNING, Problem
from .sources import check_sources, read_date, site_files

QUIET_DAYS = 60  # GitHub turns off a repository's scheduled runs after 60 days without a change
WARN_DAYS = 50  # warn with time to spare
UNPUBLISHED = ("draft", "skip")  # a draft waits for her; a skipped file is never read


@dataclass(frozen=True)
class Dated:
    """A post or page that will be published, with its date as Pelican reads it."""

    path: str  # as she sees it: content/posts/x.md
    line: int | None  # of its Date: line; None when the date comes from the file's name
    written: str  # the date as written
    date: datetime.datetime  # in UTC: a local time that happens twice compares unequal to itself in another zone


def as_date(value, zone):
    """Return a date (text or datetime) as Pelican reads it, in UTC; without a time zone, it is in TIMEZONE."""
    date = value if isinstance(value, datetime.datetime) else read_date(str(value))
    return set_date_tzinfo(date, zone).astimezone(datetime.UTC)


def dated_sources(sources, settings):
    """Return the Dated of each source Pelican will publish; a date it cannot read is left to the build to report."""
    zone, found = settings.get("TIMEZONE") or "UTC", []
    for source in sources:
        status = str(source.details.get("status") or source.from_path.get("status") or "published")
        value = source.details.get("date") or source.from_path.get("date")
        if status.lower() in UNPUBLISHED or not value:
            continue
        try:
            date = as_date(value, zone)
        except (ValueError, OverflowError):
            continue
        line = source.lines.get("date") if "date" in source.details else None
        found.append(Dated(source.shown, line, str(value), date))
    return found


def dated(settings):
    """Return the Dated of every post and page Pelican will read for these settings."""
    files, _ = site_files(settings)
    return dated_sources([source for kind, names in files for source in check_sources(settings, kind, names)[0]],
                         settings)


def read_stamp(text):
    """Return (time, commit) from published.txt's text, or None when it is not one (never published, another host)."""
    lines = (text or "").split()
    try:
        time = datetime.datetime.fromisoformat(lines[0])
    except (IndexError, ValueError):
        return None
    return (time, lines[1] if len(lines) > 1 else "") if time.tzinfo else None


def decide(posts, stamp, commit, now):
    """Return (publish, why in one line): publish when unsure, on a change, or when a post became due since.

    Since the last publish, not since the last hourly run: a run GitHub skipped must not lose a post.
    """
    if stamp is None:
        return True, "when the site was last published is not known, so it is published now"
    published, published_commit = stamp
    when = f"{published:%Y-%m-%d %H:%M} UTC"
    if commit and published_commit != commit:
        return True, f"there are changes since the site was last published ({when})"
    due = [post for post in posts if published < post.date <= now]
    if due:
        return True, "; ".join(f"{post.path} became due (Date: {post.written})" for post in due)
    return False, f"nothing became due and nothing changed since the site was last published ({when})"


def quiet_warnings(posts, last_change, now, zone="UTC"):
    """Return a warning for each scheduled post dated more than 50 days after the last change sent to GitHub."""
    warnings, changed = [], last_change.astimezone(ZoneInfo(zone))
    for post in posts:
        if post.date <= now or post.date - last_change <= datetime.timedelta(days=WARN_DAYS):
            continue
        stops = changed + datetime.timedelta(days=QUIET_DAYS)
        warnings.append(Problem(
            post.path, post.line,
            f"this post is scheduled for {post.written}, more than {WARN_DAYS} days after the last change was sent "
            f"to GitHub ({changed:%-d %B %Y}); GitHub stops the hourly check that publishes scheduled posts after "
            f"{QUIET_DAYS} days without a change (around {stops:%-d %B %Y}), so it may not appear on its day",
            "publish something before then (any change sent to GitHub starts the 60 days again), "
            "or run ./site.sh publish nearer the day",
            WARNING,
        ))
    return warnings


def last_change(root="."):
    """Return when the last commit sent to GitHub was made (the branch's upstream, else HEAD), or None without git."""
    for ref in ("@{upstream}", "HEAD"):
        try:
            done = subprocess.run(["git", "log", "-1", "--format=%ct", ref], cwd=root, capture_output=True,
                                  text=True, check=False)
        except OSError:
            return None
        if done.returncode == 0 and done.stdout.strip().isdigit():
            return datetime.datetime.fromtimestamp(int(done.stdout), datetime.UTC)
    return None


def schedule_items(settings, root=".", now=None):
    """Return the checklist's warnings for scheduled posts that GitHub's hourly check may stop before."""
    changed = last_change(root)
    if changed is None:
        return []
    return quiet_warnings(dated(settings), changed, now or datetime.datetime.now(datetime.UTC),
                          settings.get("TIMEZONE") or "UTC")


def main(argv=None):
    """Print true or false, whether the hourly run should publish; say why on stderr; return 0."""
    parser = argparse.ArgumentParser(prog="python -m sitetools.schedule")
    sub = parser.add_subparsers(dest="command", required=True)
    due = sub.add_parser("due", help="whether a post became due or something changed since the last publish")
    due.add_argument("--published", default="", help="the published site's published.txt, empty if none")
    due.add_argument("--commit", default="", help="the commit the run is for")
    due.add_argument("--settings", default="pelicanconf.py")
    args = parser.parse_args(argv)
    posts = dated(read_settings(args.settings))
    publish, why = decide(posts, read_stamp(args.published), args.commit, datetime.datetime.now(datetime.UTC))
    print(f"{'Publishing' if publish else 'Not publishing'}: {why}.", file=sys.stderr)
    print("true" if publish else "false")
    return 0


if __name__ == "__main__":
    sys.exit(main())
