"""Write WordPress exports (WXR) as WordPress.com writes them, and stand-in photos for a real export.

For the tests and the import benchmark.
"""

import re
import shutil
from html import escape
from pathlib import Path

NAMESPACES = {
    "http": ('xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
             'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
             'xmlns:wp="http://wordpress.org/export/1.2/"'),
    "https": ('xmlns:excerpt="https://wordpress.org/export/1.2/excerpt/" '
              'xmlns:content="https://purl.org/rss/1.0/modules/content/" '
              'xmlns:dc="https://purl.org/dc/elements/1.1/" xmlns:wp="https://wordpress.org/export/1.2/"'),
}
SITE = "https://ammann05.wordpress.com"


def cdata(text):
    """Return text as a CDATA section, as exports carry HTML."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def comment(id, text, author="Sam", approved="1", kind="", parent=0, date="2019-05-21 10:00:00"):
    """Return a <wp:comment>, with the email and IP address exports carry."""
    return (f"<wp:comment><wp:comment_id>{id}</wp:comment_id><wp:comment_author>{cdata(author)}</wp:comment_author>"
            f"<wp:comment_author_email>sam@example.org</wp:comment_author_email>"
            f"<wp:comment_author_IP>192.0.2.1</wp:comment_author_IP>"
            f"<wp:comment_date_gmt>{date}</wp:comment_date_gmt><wp:comment_content>{cdata(text)}</wp:comment_content>"
            f"<wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type>{kind}</wp:comment_type>"
            f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>")


def item(id, title, content="", kind="post", status="publish", slug=None, date="2019-05-20 08:00:00",
         categories=(), tags=(), excerpt="", password="", comments=(), attachment_url="", parent=0, link=None,
         alt="", menu_order=0, meta=None):
    """Return an <item>: a post, page, attachment or internal record; meta: its {wp:postmeta key: value}."""
    meta = {**({"_wp_attachment_image_alt": alt} if alt else {}), **(meta or {})}
    slug = slug if slug is not None else title.lower().replace(" ", "-")
    link = link or f"{SITE}/{date[:4]}/{date[5:7]}/{date[8:10]}/{slug}/"
    terms = "".join(f'<category domain="category" nicename="{escape(c.lower())}">{cdata(c)}</category>'
                    for c in categories)
    terms += "".join(f'<category domain="post_tag" nicename="{escape(t.lower())}">{cdata(t)}</category>' for t in tags)
    return (f"<item><title>{escape(title)}</title><link>{escape(link)}</link>"
            f"<dc:creator>{cdata('ammann05')}</dc:creator><content:encoded>{cdata(content)}</content:encoded>"
            f"<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded><wp:post_id>{id}</wp:post_id>"
            f"<wp:post_date>{date}</wp:post_date><wp:post_date_gmt>{date}</wp:post_date_gmt>"
            f"<wp:post_modified_gmt>{date}</wp:post_modified_gmt>"
            f"<wp:post_name>{cdata(slug)}</wp:post_name><wp:status>{status}</wp:status>"
            f"<wp:post_parent>{parent}</wp:post_parent><wp:post_type>{kind}</wp:post_type>"
            f"<wp:post_password>{cdata(password)}</wp:post_password><wp:menu_order>{menu_order}</wp:menu_order>"
            + (f"<wp:attachment_url>{cdata(attachment_url)}</wp:attachment_url>" if attachment_url else "")
            + "".join(f"<wp:postmeta><wp:meta_key>{escape(key)}</wp:meta_key><wp:meta_value>{cdata(value)}"
                      "</wp:meta_value></wp:postmeta>" for key, value in meta.items())
            + f"{terms}{''.join(comments)}</item>")


def export(*items, scheme="https"):
    """Return the text of an export holding items."""
    return (f'<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" {NAMESPACES[scheme]}>\n<channel>\n'
            f"<title>ammann05</title><link>{SITE}</link><wp:wxr_version>1.2</wp:wxr_version>"
            f"<wp:base_site_url>http://wordpress.com/</wp:base_site_url><wp:base_blog_url>{SITE}</wp:base_blog_url>\n"
            + "\n".join(items) + "\n</channel>\n</rss>\n")


# The addresses of uploads in WordPress's theme-unit export (it names its files by address only)
THEME_UNIT_FILE = r"https?://wpthemetestdata\.(?:files\.)?wordpress\.com/(?:wp-content/uploads/)?(\d{{4}}/\d{{2}}/[\w.-]+?\.(?:{}))"
THEME_UNIT_UPLOAD = re.compile(THEME_UNIT_FILE.format("jpe?g|png|gif"), re.I)
THEME_UNIT_MEDIA = re.compile(THEME_UNIT_FILE.format("mp3|mov|mp4|pdf"), re.I)


def stand_in_photos(export_file, folder):
    """Make a distinct photo at every photo address the theme-unit export names; return their names.

    name-1.jpg gets name.jpg's bytes, as WordPress names a second upload of one photo.
    """
    from PIL import Image

    folder = Path(folder)
    names = sorted(set(THEME_UNIT_UPLOAD.findall(Path(export_file).read_text(encoding="utf-8"))))
    for number, name in enumerate(names):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        colour = (number * 37 % 256, number * 91 % 256, 120)
        Image.new("RGB", (64, 48), colour).save(path, "PNG" if name.endswith(".png") else "JPEG")
    for name in names:
        stem, _, suffix = name.rpartition(".")
        if stem.endswith("-1") and (folder / f"{stem[:-2]}.{suffix}").exists():
            shutil.copyfile(folder / f"{stem[:-2]}.{suffix}", folder / name)
    return names


def stand_in_files(export_file, folder):
    """Put a few bytes at every audio, video and document address the theme-unit export names; return the names."""
    folder = Path(folder)
    names = sorted(set(THEME_UNIT_MEDIA.findall(Path(export_file).read_text(encoding="utf-8"))))
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(f"stand-in for {name}".encode())
    return names
