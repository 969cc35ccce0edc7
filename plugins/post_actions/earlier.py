"""Comments readers left on her old blog: content/comments/<slug>.toml, threaded for the theme.

The import writes these files; she can add a reply she received by email by hand. A mistake in
one stops the build at its line, as in her facts file; a file no post reads is named, as its
comments would not show.
"""

import datetime
import difflib

from sitetools.toml_lines import DataFileError, parse

EARLIEST = datetime.datetime.min.replace(tzinfo=datetime.UTC)  # where comments without a date go
FIX = "each comment needs id, parent (0 if it answers none), name and text; copy one that works"


def _date(value):
    """Return a comment's date as a datetime in UTC (TOML gives dates, or datetimes with or without a zone)."""
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day, tzinfo=datetime.UTC)
    return None


def earlier_comments(path, shown):
    """Return a file's comments as a thread, oldest first: [{'id', 'name', 'date', 'paragraphs', 'replies'}].

    No file: no comments. shown is the path as the author sees it, for messages.
    """
    if not path.is_file():
        return []
    data, lines = parse(path.read_text(encoding="utf-8-sig"), shown)
    entries = data.get("comment", [])
    if not isinstance(entries, list):
        raise DataFileError(shown, f"comments are written as [[comment]] blocks — {FIX}", lines.line("comment"))
    comments = {}
    for index, entry in enumerate(entries):
        where = lines.line("comment", index)
        ok = isinstance(entry.get("id"), int) and isinstance(entry.get("parent", 0), int) and all(
            isinstance(entry.get(key), str) and entry[key].strip() for key in ("name", "text"))
        if not ok:
            raise DataFileError(shown, f"this comment is missing something or has it in the wrong form — {FIX}", where)
        if entry["id"] in comments:
            raise DataFileError(shown, f"two comments have id {entry['id']} — give this one the next free number",
                                where)
        comments[entry["id"]] = {
            "id": entry["id"], "parent": entry.get("parent", 0), "name": entry["name"].strip(),
            "date": _date(entry.get("date")),
            "paragraphs": [p.strip() for p in entry["text"].replace("\r\n", "\n").split("\n\n") if p.strip()],
            "replies": [], "parent_line": lines.line("comment", index, "parent"),
        }
    thread = []
    for comment in sorted(comments.values(), key=lambda c: (c["date"] or EARLIEST, c["id"])):
        parent = comments.get(comment["parent"])
        if comment["parent"] and parent is None:
            raise DataFileError(shown, f"parent = {comment['parent']} is no comment's id — set it to the id of "
                                "the comment this one answers, or 0", comment["parent_line"])
        (parent["replies"] if parent else thread).append(comment)
    return thread


def comments_without_post(names, posts):
    """Return [(file name, "what — fix")] for the comments files that belong to no post, by name.

    names: the files' names without .toml. posts: {a name a post is known by: its slug}, for its slug
    and the last part of its old address (Old_url), so a file named after either finds the post.
    """
    found = []
    for name in sorted(set(names) - set(posts.values())):
        close = [name] if name in posts else difflib.get_close_matches(name, list(posts), n=1)
        fix = (f"rename the file to match its post, e.g. {posts[close[0]]}.toml" if close else
               "rename the file to the slug of its post (the last part of its address), or delete it if the post "
               "is gone")
        found.append((f"{name}.toml", f"these comments belong to no post (no post has the slug '{name}') — {fix}"))
    return found


def known_names(post):
    """Return {name: slug} for the names a post is known by: its slug and its old address's last part."""
    old = str(post.metadata.get("old_url", "")).split("?")[0].split("#")[0].rstrip("/").rpartition("/")[2]
    old = old.removesuffix(".html").removesuffix(".htm")
    return {post.slug: post.slug, **({old: post.slug} if old and old != post.slug else {})}
