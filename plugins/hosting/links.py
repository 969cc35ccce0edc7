"""Links that open a new tab get rel="noopener", so the page they open cannot reach back into ours."""

import re

NEW_TAB_LINK = re.compile(r"<a\b[^>]*\btarget\s*=\s*[\"']?_blank[^>]*>", re.IGNORECASE)
REL = re.compile(r"""\brel\s*=\s*(["'])(.*?)\1""", re.IGNORECASE)


def add_noopener(html):
    """Return html with rel="noopener" on every <a target="_blank"> that lacks it."""

    def fix(match):
        tag = match.group(0)
        rel = REL.search(tag)
        if rel is None:
            return tag[:-1].rstrip("/").rstrip() + ' rel="noopener">'
        words = rel.group(2).split()
        if "noopener" in words:
            return tag
        return tag[: rel.start()] + f'rel="{" ".join([*words, "noopener"])}"' + tag[rel.end():]

    return NEW_TAB_LINK.sub(fix, html)
