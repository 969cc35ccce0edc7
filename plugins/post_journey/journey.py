"""Where a reader goes next: related posts, the posts before and after, the parts of a series. Pure functions."""

from collections import Counter, defaultdict

RELATED = 3
CANDIDATES_PER_TAG = 25  # the newest posts of each tag considered: the work grows with the posts, not their square


def related_posts(posts, count=RELATED, per_tag=CANDIDATES_PER_TAG, shown=None):
    """Return {id(post): [up to count related posts]}, most shared tags first, newest first among equals.

    A shared category counts half a tag. posts: newest first; each has .tags and .category (either
    may be missing). shown: {id(post): ids of posts its page links already} (the posts before and
    after it), never offered again as related.
    """
    shown = shown or {}
    order = {id(post): index for index, post in enumerate(posts)}
    groups = defaultdict(list)  # ("tag", name) or ("category", name): posts, newest first
    for post in posts:
        for key in _keys(post):
            groups[key].append(post)
    found = {}
    for post in posts:
        scores = Counter()
        for key in _keys(post):
            for other in groups[key][: per_tag + 1]:
                if other is not post:
                    scores[id(other)] += 2 if key[0] == "tag" else 1
        ranked = [other for other in sorted(scores, key=lambda other: (-scores[other], order[other]))
                  if other not in shown.get(id(post), ())][:count]
        found[id(post)] = [posts[order[other]] for other in ranked]
    return found


def _keys(post):
    keys = [("tag", str(tag).lower()) for tag in getattr(post, "tags", None) or []]
    category = getattr(post, "category", None)
    return keys + ([("category", str(category).lower())] if category else [])


def series_of(posts):
    """Return {id(post): {'name', 'number', 'total', 'parts'}} for posts with a Series: detail, parts oldest first."""
    groups = defaultdict(list)
    for post in posts:
        name = " ".join(str(post.metadata.get("series", "")).split())
        if name:
            groups[name.lower()].append(post)
    found = {}
    for parts in groups.values():
        parts = sorted(parts, key=lambda post: post.date)
        name = " ".join(str(parts[0].metadata["series"]).split())
        for number, post in enumerate(parts, 1):
            found[id(post)] = {"name": name, "number": number, "total": len(parts), "parts": parts}
    return found
