"""Check, before anything is written, that every file of the site has one source and stays inside it."""

import os
from collections import defaultdict

from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator

from .problems import Problem
from .sources import NAME_MAX

CONTENT_LISTS = {
    ArticlesGenerator: ("articles", "translations", "drafts", "drafts_translations", "hidden_articles",
                        "hidden_translations"),
    PagesGenerator: ("pages", "translations", "hidden_pages", "hidden_translations", "draft_pages",
                     "draft_translations"),
}
FEEDS = ("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS")


def content_objects(generators):
    """Yield every post, page and translation the generators read."""
    for generator in generators:
        for kind, names in CONTENT_LISTS.items():
            if isinstance(generator, kind):
                for name in names:
                    yield from getattr(generator, name, [])


def _site_files(generators, settings):
    """Yield (file, what makes it) for the pages the site makes itself: lists, feeds, images."""
    for name in settings["DIRECT_TEMPLATES"]:
        yield settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html"), f"the site's {name} page"
    for name in FEEDS:
        if settings.get(name):
            yield settings[name], "a feed"
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            for tag in generator.tags:
                yield tag.save_as, f"the page of tag '{tag}'"
            for category, _ in generator.categories:
                yield category.save_as, f"the page of category '{category}'"


def _static_files(generators):
    """Yield (file, what makes it) for the static files (images) the site publishes.

    All Pelican found (context["static_content"]), not only those it copies itself: a plugin may publish
    a photo's versions at its address instead.
    """
    for generator in generators:
        if isinstance(generator, StaticGenerator):
            for static in generator.context["static_content"].values():
                yield static.save_as, f"the file {static.relative_source_path}"


def _claims(generators, describe):
    """Return ({file: [(shown path, line)]} for the posts and pages, problems with addresses outside the site).

    describe(content) returns (shown path, line of its address) for a post or page.
    """
    claims = defaultdict(list)
    problems = []
    for content in content_objects(generators):
        if not content.save_as:
            continue
        shown, line = describe(content)
        target = os.path.normpath(content.save_as)
        if os.path.isabs(target) or target.split(os.sep)[0] == "..":
            problems.append(Problem(shown, line, f"its address '{content.save_as}' is outside the site",
                                    "remove the 'Save_as:' or 'Url:' line, or use a path such as 'name/index.html'"))
        elif any(len(part.encode()) > NAME_MAX for part in target.split(os.sep)):
            problems.append(Problem(shown, line, "the title is too long to make an address from",
                                    "add a shorter 'Slug:' line, e.g. 'Slug: tight-calves'"))
        else:
            claims[target].append((shown, line))
    for owners in claims.values():
        owners.sort(key=lambda owner: owner[0])  # Pelican reads files in no set order
    return claims, problems


def _taken(owner, target, what):
    """Return the problem of a post or page whose file the site makes otherwise too."""
    shown, line = owner
    return Problem(shown, line, f"its address (/{target}) is already used by {what}",
                   "give it a different 'Slug:' line")


def output_problems(generators, settings, describe):
    """Return problems with where the posts, pages and the site's own pages would be written."""
    claims, problems = _claims(generators, describe)
    made_by_site = {os.path.normpath(path): what for path, what in _site_files(generators, settings) if path}
    for target, owners in sorted(claims.items()):
        first = owners[0][0]
        for shown, line in owners[1:]:
            problems.append(Problem(shown, line, f"it would have the same address (/{target}) as {first}",
                                    "give one of them a different 'Slug:' line"))
        if target in made_by_site:
            problems.append(_taken(owners[0], target, made_by_site[target]))
    return problems


def static_problems(generators, describe):
    """Return problems of posts or pages whose file a static file (an image) would replace.

    Asked only once Pelican has resolved links: a static file whose address was asked for cannot
    move beside the post that links it with {attach}.
    """
    claims, _ = _claims(generators, describe)
    made = {os.path.normpath(path): what for path, what in _static_files(generators) if path}
    return [_taken(claims[target][0], target, what) for target, what in sorted(made.items()) if target in claims]
