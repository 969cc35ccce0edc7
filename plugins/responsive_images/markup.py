"""Rewrite <img> elements that show a file from the content folder into responsive <picture> markup; address them."""

import re
from html import escape
from html.parser import HTMLParser

IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
IMAGE_TAG = re.compile(r"<(?:img|source)\b[^>]*>", re.IGNORECASE)
ADDRESS = re.compile(r"""(?<=\s)(src|srcset)(\s*=\s*)(["'])(.*?)\3""", re.IGNORECASE)


def attributes(tag):
    """Return the attributes of one <img …> tag as a dict."""
    found = {}

    class Parser(HTMLParser):
        def handle_starttag(self, name, attrs):
            found.update((key, value or "") for key, value in attrs)

        handle_startendtag = handle_starttag

    Parser().feed(tag)
    return found


def picture(attrs, versions, width, height, url, sizes, first):
    """Return <picture> markup for an image: WebP and original-format srcsets, dimensions, loading."""
    webp = ", ".join(f"{url(w, 'webp')} {w}w" for w in versions)
    original = ", ".join(f"{url(w, None)} {w}w" for w in versions)
    extra = {key: value for key, value in attrs.items() if key not in ("src", "srcset", "sizes", "width", "height",
                                                                        "loading", "decoding", "alt")}
    loading = 'fetchpriority="high"' if first else 'loading="lazy"'
    rest = "".join(f' {key}="{escape(value)}"' for key, value in extra.items())
    return (
        f'<picture><source type="image/webp" srcset="{webp}" sizes="{sizes}">'
        f'<img src="{url(versions[-1], None)}" srcset="{original}" sizes="{sizes}" width="{width}" '
        f'height="{height}" alt="{escape(attrs.get("alt", ""))}" {loading} decoding="async"{rest}></picture>'
    )


def rewrite(html, describe):
    """Return html with each local image replaced; describe(src) gives the picture markup or None."""
    count = 0

    def replace(match):
        nonlocal count
        markup = describe(attributes(match.group(0)), first=count == 0)
        if markup is None:
            return match.group(0)
        count += 1
        return markup

    return IMG.sub(replace, html)


def relative_sources(html, to_root, folders):
    """Return html with each image address (src, srcset) into one of folders, '/images/…', written from to_root.

    to_root is the way from a page's folder to the site's root: '../..', or '.' for a page at the root.
    """
    roots = tuple(f"/{folder.strip('/')}/" for folder in folders)

    def address(url):
        return f"{to_root}{url}" if url.startswith(roots) else url

    def candidates(match):
        name, equals, quote, value = match.groups()
        if name.lower() == "src":
            value = address(value)
        else:  # "url 480w, url 800w"
            value = ", ".join(" ".join([address(url), *rest]) for url, *rest in
                              (candidate.split() for candidate in value.split(",") if candidate.strip()))
        return f"{name}{equals}{quote}{value}{quote}"

    return IMAGE_TAG.sub(lambda tag: ADDRESS.sub(candidates, tag.group(0)), html)
