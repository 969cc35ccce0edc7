"""Turn a WordPress post's HTML into the site's Markdown, with markdownify.

Both editors: Gutenberg's block comments are removed; the classic editor's blank lines become
paragraphs and its single line breaks <br>. Shortcodes: [caption] becomes an image with its
caption, [gallery] a list of its images, [embed] and video addresses a line of their own (the
site shows those as click-to-load videos); others are kept as text and reported.
"""

import re
from dataclasses import dataclass, field
from html import escape
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from markdownify import MarkdownConverter

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
SHORTCODE = re.compile(r"\[(?P<name>[a-z][a-z0-9_-]*)(?P<attrs>(?:\s[^\]]*)?)\](?:(?P<inner>.*?)\[/(?P=name)\])?",
                       re.S | re.I)
ATTRIBUTE = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s\]"']+))""")
VIDEO_SHORTCODES = ("embed", "youtube", "vimeo", "video", "wpvideo")
MEDIA_FILES = ("src", "mp3", "ogg", "oga", "wav", "m4a", "wma", "flac",  # [audio]'s and [video]'s attributes
               "mp4", "m4v", "webm", "ogv", "mov", "wmv", "flv")
VIDEO_SITE = re.compile(r"//([^/]*\.)?(youtube\.com|youtu\.be|vimeo\.com)/", re.I)  # shown as click-to-load videos
MISSING = "MISSINGIMAGEFROMWORDPRESS"  # stands for a missing image while markdownify converts


@dataclass
class Body:
    """A converted body: its Markdown and what the conversion met on the way."""

    markdown: str
    unknown_shortcodes: list = field(default_factory=list)
    missing_images: list = field(default_factory=list)
    embeds: list = field(default_factory=list)  # addresses WordPress showed as other sites' content, now links


ALL_BLOCKS = (r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|"
              r"blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|"
              r"figure|figcaption|details|menu|summary)")
BLOCK_SHORTCODES = "caption|gallery|embed|youtube|vimeo|video|audio|wpvideo"
# A shortcode alone in its paragraph stands for a block, as WordPress's shortcode_unautop knows.
BLOCK_SHORTCODE_LINE = re.compile(rf"<p>\s*(\[(?:{BLOCK_SHORTCODES})\b(?:(?!</?p\b).)*?"
                                  rf"(?:\[/(?:{BLOCK_SHORTCODES})\]|\]))\s*</p>", re.S | re.I)


def paragraphs(html):
    """Return classic-editor text with its paragraphs and line breaks written as HTML, as WordPress's wpautop does.

    Blank lines make paragraphs; a single line break is a <br>, except between block elements (a table's
    rows, a list's items) and inside <pre>.
    """
    text = html.replace("\r\n", "\n").replace("\r", "\n") + "\n"
    kept = []  # <pre> blocks, untouched

    def keep(match):
        kept.append(match[0])
        return f"<pre wp-pre-tag-{len(kept) - 1}></pre>"

    text = re.sub(r"<pre\b.*?</pre>", keep, text, flags=re.S | re.I)
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(rf"(<{ALL_BLOCKS}[\s/>])", "\n\n\\1", text)
    text = re.sub(rf"(</{ALL_BLOCKS}>)", "\\1\n\n", text)
    text = re.sub(r"(<hr\s*?/?>)", "\\1\n\n", text)
    text = re.sub(r"<[^>]*>", lambda tag: tag[0].replace("\n", " "), text)  # a line break inside a tag is a space
    text = re.sub(r"([<\[](?:audio|video)[^>\]]*[>\]])\s*", "\\1", text)
    text = re.sub(r"\s*([<\[]/(?:audio|video)[>\]])", "\\1", text)
    text = re.sub(r"\s*(<(?:source|track)[^>]*>)\s*", "\\1", text)
    text = re.sub(r"\s*(<figcaption[^>]*>)", "\\1", text)
    text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    chunks = [chunk.strip("\n") for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
    text = "".join(f"<p>{chunk}</p>\n" for chunk in chunks)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(rf"<p>\s*(</?{ALL_BLOCKS}[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.I)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(rf"<p>\s*(</?{ALL_BLOCKS}[^>]*>)", r"\1", text)
    text = re.sub(rf"(</?{ALL_BLOCKS}[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<(script|style|svg|math)\b.*?</\1>", lambda m: m[0].replace("\n", "\0"), text, flags=re.S)
    text = re.sub(r"<br\s*/?>", "<br />", text)
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text).replace("\0", "\n")
    text = re.sub(rf"(</?{ALL_BLOCKS}[^>]*>)\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"<pre wp-pre-tag-(\d+)></pre>", lambda m: kept[int(m[1])], text)
    return BLOCK_SHORTCODE_LINE.sub(r"\1", text).strip()  # a shortcode alone on its line is no paragraph


def attributes(text):
    """Return a shortcode's attributes, quoted either way or not at all, as {name: value}."""
    return {name.lower(): double or single or bare for name, double, single, bare in ATTRIBUTE.findall(text)}


def media_sources(text, attrs, inner):
    """Return the addresses of an [audio] or [video] shortcode's files: named, written bare, or inside it."""
    bare = ATTRIBUTE.sub("", text).split() + inner.split()
    return [attrs[name] for name in MEDIA_FILES if attrs.get(name)] + [word for word in bare
                                                                       if word.startswith(("http", "/"))]


def expand_shortcodes(html, gallery_images, unknown):
    """Return html with the shortcodes WordPress.com posts use turned into HTML; note unknown ones."""

    def replace(match):
        name, attrs = match["name"].lower(), attributes(match["attrs"] or "")
        inner = match["inner"] or ""
        if name == "caption":
            soup = BeautifulSoup(inner, "html.parser")
            image = soup.find("img")
            if image is None:
                return inner
            linked = image.parent.name == "a" and not image.parent.get_text(strip=True)
            photo = (image.parent if linked else image).extract()
            caption = attrs.get("caption") or soup.decode_contents().strip()  # the rest, links and all
            return f"<figure>{photo}<figcaption>{caption}</figcaption></figure>"
        if name == "gallery":
            ids = [i.strip() for i in (attrs.get("ids") or attrs.get("include", "")).split(",") if i.strip()]
            photos = gallery_images(ids)  # no ids: every photo of the post
            return "".join(gallery_photo(f'<img src="{escape(url)}" alt="{escape(alt)}">', caption)
                           for url, alt, caption in photos)
        if name in ("audio", "video") and (sources := media_sources(match["attrs"] or "", attrs, inner)):
            if not (name == "video" and VIDEO_SITE.search(sources[0])):
                players = "".join(f'<source src="{escape(source)}">' for source in sources)
                poster = f' poster="{escape(attrs["poster"])}"' if attrs.get("poster") else ""
                return f"\n\n<{name}{poster}>{players}</{name}>\n\n"
        if name in VIDEO_SHORTCODES:
            address = (inner or attrs.get("url") or attrs.get("src") or match["attrs"] or "").strip()
            return f"\n\n<p>{address}</p>\n\n" if address.startswith("http") else ""
        if match["inner"] is not None or "=" in (match["attrs"] or ""):  # looks like a shortcode: keep, report
            unknown.append(f"[{name}]")
        return match.group(0)

    return SHORTCODE.sub(replace, html)


class SiteMarkdown(MarkdownConverter):
    """markdownify, writing figures with captions as the site's Markdown does."""

    def convert_figure(self, el, text, parent_tags):  # noqa: D102 (markdownify's hook)
        image, caption = el.find("img"), el.find("figcaption")
        if image is None or caption is None:
            return text
        alt = image.get("alt") or caption.get_text(" ", strip=True)
        # Markdown is not read inside raw HTML: her caption's own markup (links, emphasis) is kept as HTML.
        caption_html = " ".join(caption.decode_contents().split())
        return f'\n\n<figure markdown="span">\n![{alt}]({image.get("src", "")})\n' \
               f"<figcaption>{caption_html}</figcaption>\n</figure>\n\n"

    def convert_audio(self, el, text, parent_tags):  # noqa: D102
        return media_player(el)

    def convert_video(self, el, text, parent_tags):  # noqa: D102
        return media_player(el)

    def convert_figcaption(self, el, text, parent_tags):  # noqa: D102
        return f"\n\n{text.strip()}\n\n"  # the caption of a table, an embed or a photo that is missing


def media_player(element):
    """Return an <audio> or <video> element as the site's HTML: with controls, and a link to the file inside."""
    sources = [source["src"] for source in [element, *element.find_all("source")] if source.get("src")]
    if not sources:
        return ""
    # Each file a <source> of its own: Pelican resolves one {static} link per tag, and the poster is one
    inner = "".join(f'<source src="{escape(source)}">' for source in sources)
    poster = f' poster="{escape(element["poster"])}"' if element.get("poster") else ""
    name = unquote(urlsplit(sources[0]).path.rsplit("/", 1)[-1]) or sources[0]
    player = f'<{element.name} controls{poster}>{inner}<a href="{escape(sources[0])}">{escape(name)}</a>' \
             f"</{element.name}>"
    # <audio> is no block for Python-Markdown: in a paragraph of its own, the file name is not read as Markdown.
    return f"\n\n{player}\n\n" if element.name == "video" else f"\n\n<p>{player}</p>\n\n"


def gallery_photo(image, caption):
    """Return one photo of a gallery as HTML: a figure with its caption, else a paragraph of its own."""
    return f"<figure>{image}<figcaption>{caption}</figcaption></figure>" if caption else f"<p>{image}</p>"


def unpack_gallery(gallery):
    """Return a block-editor gallery as HTML: each photo in order, with its caption, then the gallery's caption."""
    parts = []
    for image in gallery.find_all("img"):  # the older galleries list them, the newer nest image blocks
        holder = image.find_parent("figure")
        caption = holder.find("figcaption") if holder is not gallery else None
        parts.append(gallery_photo(image, caption.decode_contents() if caption else ""))
    caption = gallery.find("figcaption", recursive=False)
    return "".join(parts) + (f"<p>{caption.decode_contents()}</p>" if caption else "")


def same_address(src):
    """Return src: an audio or video file's address, kept as it is."""
    return src


def to_markdown(html, *, image_path, link_path, gallery_images, classic, media_path=same_address):
    """Return the Body of a post's HTML.

    image_path(src): the site's address for an image ('{static}/images/…'), or None if it was not found.
    link_path(href): a '{filename}/…' link for an address of her old blog, or None.
    gallery_images(ids): (address, description, caption HTML or "") of the photos of a [gallery]; with no
        ids, of every photo attached to the post, as WordPress shows them.
    classic: the post was written in the classic editor (its line breaks matter).
    media_path(src): the site's address for an audio or video file of hers, or None to keep the address.
    """
    unknown = []
    html = BLOCK_COMMENT.sub("", html)
    html = paragraphs(html) if classic else html
    html = expand_shortcodes(html, gallery_images, unknown)
    soup = BeautifulSoup(html, "html.parser")
    for gallery in soup.select("figure.wp-block-gallery"):
        gallery.replace_with(BeautifulSoup(unpack_gallery(gallery), "html.parser"))
    for embed in soup.select("figure.wp-block-embed"):  # Gutenberg's embeds: the address alone on a line
        address = embed.get_text(" ", strip=True).split(" ")[0]
        caption = embed.find("figcaption")
        embed.replace_with(BeautifulSoup(f"<p>{address}</p>" + (f"<p>{caption.decode_contents()}</p>" if caption
                                                                 else ""), "html.parser"))
    embeds = []
    for paragraph in soup.find_all("p"):  # an address alone on its line: WordPress showed that site's content
        address = paragraph.get_text(strip=True)
        if len(paragraph.contents) == 1 and re.fullmatch(r"https?://\S+", address) and not VIDEO_SITE.search(address):
            embeds.append(address)
            link = soup.new_tag("a", href=address)
            link.string = address
            paragraph.contents[0].replace_with(link)
    for player in soup.find_all(["audio", "video"]):
        for source in [player, *player.find_all("source")]:
            if source.get("src"):
                source["src"] = media_path(source["src"]) or source["src"]
        if player.get("poster"):  # a photo shown before the video plays: kept if it is one of hers
            poster = image_path(player["poster"])
            player.attrs = {**player.attrs, "poster": poster} if poster else {k: v for k, v in player.attrs.items()
                                                                            if k != "poster"}
    missing = []
    for image in soup.find_all("img"):
        found = image_path(image.get("src", ""))
        if found:
            image["src"] = found
            for extra in ("srcset", "sizes", "width", "height", "class", "data-attachment-id", "loading"):
                image.attrs.pop(extra, None)
        else:  # from another site: readers' browsers would ask it; said in the Markdown, where she will see it
            missing.append(image.get("src", ""))
            image.replace_with(f"{MISSING}{len(missing) - 1}{MISSING}")
    for link in soup.find_all("a"):
        href = link.get("href", "").strip()
        if not href:  # a button she never gave an address: its words alone
            link.unwrap()
            continue
        if link.find("img") and not link.get_text(strip=True):  # a photo linked to itself: the photo
            link.unwrap()
            continue
        link["href"] = link_path(href) or image_path(href) or href
    markdown = SiteMarkdown(heading_style="ATX", bullets="-", escape_underscores=False, escape_asterisks=False,
                            sup_symbol="<sup>", sub_symbol="<sub>").convert_soup(soup)  # Markdown has none
    lines = (line.rstrip() + ("  " if line.endswith("  ") and line.strip() else "") for line in markdown.splitlines())
    markdown = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()  # two spaces at a line's end: a line break
    markdown = re.sub(f"{MISSING}(\\d+){MISSING}", lambda m: f"<!-- image from another site, left out: "
                      f"{missing[int(m[1])].replace('--', '%2D%2D')} -->", markdown)
    return Body(markdown + "\n", sorted(set(unknown)), missing, embeds)


def summary(excerpt, html, limit=300):
    """Return a one- or two-sentence summary: her excerpt, else the first sentences of the first paragraph."""
    if excerpt:
        return plain_text(without_shortcodes(excerpt))
    html = without_shortcodes(BLOCK_COMMENT.sub("", html))
    soup = BeautifulSoup(html, "html.parser")
    chunks = [str(p) for p in soup.find_all("p")] or paragraphs(html).split("</p>")
    text = next((text for chunk in chunks if (text := plain_text(chunk))), "")
    chosen = ""
    for sentence in re.split(r"(?<=[.!?])\s+", text)[:2]:
        if chosen and len(chosen) + len(sentence) > limit:
            break
        chosen = f"{chosen} {sentence}".strip()
    return chosen[:limit].rstrip()


def without_shortcodes(html):
    """Return html with its shortcodes gone and the text they enclose kept: a [caption]'s words stay."""
    return SHORTCODE.sub(lambda match: match["inner"] or "", html)


def plain_text(html):
    """Return the text of a bit of HTML on one line, words spaced as they read."""
    html = re.sub(r"<br\s*/?>|</(p|li|h\d|td|th|div|figcaption|blockquote)>", " ", html)
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text()).strip()
