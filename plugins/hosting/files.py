"""Write the files static hosts read: _headers (Netlify, Cloudflare Pages) and _redirects."""

import re
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qsl, quote, unquote

from .security import SECURITY_HEADERS, VIDEO_PLAYERS, content_security_policy, policy_text

# Where the videos' Markdown extension lists the players it found in a text (a key with a dot: no header writes it).
PLAYERS_KEY = "videos.players"
# What stays as it is in an encoded path: the characters RFC 3986 allows there
URL_SAFE = "/:@!$&'()*+,;=-._~"
HASHED_ASSETS = "/assets/*"
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=600, must-revalidate"


def html_sections(output):
    """Return the site's top-level folders that hold pages (hashed assets apart)."""
    output = Path(output)
    folders = sorted(p.name for p in output.iterdir() if p.is_dir() and any(p.rglob("*.html")))
    return [f for f in folders if f != "assets"]


def headers_text(settings, output, players_by_page=None, search_folder="search"):
    """Return _headers: security headers everywhere; policy and short cache per page section; long cache for assets.

    players_by_page: {page address: players} of the pages with click-to-load videos (video_pages()).
    Hosts add up the headers of every rule that matches a path, so each header is set by one
    rule only: the policy and cache rules name the page sections one by one.
    """
    blocks = [("/*", dict(SECURITY_HEADERS))]
    normal = policy_text(content_security_policy(settings))
    search = policy_text(content_security_policy(settings, search_page=True))
    post = policy_text(content_security_policy(settings, post=True))
    posts = posts_section(settings)
    videos = video_sections(players_by_page or {})
    for path in ["/", "/index.html", "/404.html"] + [f"/{folder}/*" for folder in html_sections(output)]:
        csp = search if path == f"/{search_folder}/*" else post if path == posts else normal
        if path in videos:  # its pages without a video restrict this again with a <meta> policy
            csp = policy_text(content_security_policy(settings, video_frames=videos[path], post=path == posts))
        blocks.append((path, {"Content-Security-Policy": csp, "Cache-Control": SHORT}))
    blocks.append((HASHED_ASSETS, {"Cache-Control": IMMUTABLE}))
    return "\n".join(f"{path}\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())
                     for path, headers in blocks)


def posts_section(settings):
    """Return the header rule path of the folder posts are saved in ('/blog/*'), or None if they share the root."""
    folder, slash, _ = settings.get("ARTICLE_SAVE_AS", "").partition("/")
    return f"/{folder}/*" if slash and "{" not in folder else None


def shown_contents(context):
    """Return every post and page the site writes, with their translations."""
    originals = [content for key in ("articles", "hidden_articles", "pages", "hidden_pages")
                 for content in context.get(key, [])]
    return originals + [translation for content in originals for translation in getattr(content, "translations", [])]


def video_pages(contents):
    """Return {page address: players} for the posts and pages that show click-to-load videos.

    A page's players are those the videos' Markdown extension found in its text (metadata under a key
    no header line can write), never what its header says; only the players of VIDEO_PLAYERS are let through.
    """
    pages = {}
    for content in contents:
        frames = content.metadata.get(PLAYERS_KEY) or ()
        frames = {frames} if isinstance(frames, str) else set(frames)
        players = sorted(frames & set(VIDEO_PLAYERS))
        if players:
            pages[content.url] = players
    return pages


def video_sections(video_pages):
    """Return {header rule path: players} for the sections that hold pages with click-to-load videos."""
    sections = {}
    for url, frames in video_pages.items():
        folder = url.strip("/").split("/")[0]
        sections.setdefault(f"/{folder}/*" if folder else "/", set()).update(frames)
    return sections


def redirects_text(moves):
    """Return _redirects lines for (old address, new address) pairs, as permanent (301) redirects.

    An old address is written percent-encoded, as browsers ask for it. One with a query (/?p=123) is
    written in Netlify's query form, `/ p=123 /blog/x/ 301!`: forced, as the home page is a file and
    Netlify would serve it instead. Cloudflare Pages matches no query in _redirects: it skips such a
    line (four parts, where it reads two or three), so there /?p=123 shows the home page.
    """
    return "".join(f"{redirect_source(old)} {new} {'301!' if '?' in old else '301'}\n" for old, new in moves)


def redirect_source(old):
    """Return the _redirects source of an old address: its encoded path, then its query's key=value pairs."""
    path, _, query = old.partition("?")
    encoded = quote(unquote(path), safe=URL_SAFE)
    pairs = [f"{quote(key, safe='')}={quote(value, safe='')}"
             for key, value in parse_qsl(query, keep_blank_values=True)]
    return " ".join([encoded, *pairs])


def page_path(old):
    """Return the output file of a forwarding page for an old address ('2019/05/20/日本/index.html').

    Hosts decode the path they are asked for before finding its file, so the page is written at the
    decoded path. None for an address with a query: a page cannot answer for /?p=123. Raises ValueError,
    saying why, for a decoded path that would leave the site's folder.
    """
    if "?" in old:
        return None
    parts = unquote(old).split("/")
    name = "/".join(part for part in parts if part)  # /2019/07/01// is the folder 2019/07/01
    if any(part in (".", "..") for part in parts) or re.search(r"[\x00-\x1f\\]", name):
        raise ValueError("its address, decoded, leaves the site's folder (it holds '..', a backslash "
                         "or a control character)")
    if old.endswith("/") or not PurePosixPath(name).suffix:
        name = f"{name.rstrip('/')}/index.html"
    return name
