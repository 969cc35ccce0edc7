"""WordPress's own theme-unit export, with stand-in photos at its addresses, imports and builds as the site."""

import hashlib
import re
import shutil
from html import unescape
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SETTINGS

from sitetools.build import build
from sitetools.wordpress.export import read_export
from sitetools.wordpress.importer import import_wordpress
from sitetools.wordpress.sample import THEME_UNIT_UPLOAD, stand_in_files, stand_in_photos

THEME_UNIT = ROOT.parent / "shared/corpora/wordpress/theme-unit-test-data.xml"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    if not THEME_UNIT.is_file():
        pytest.fail(f"{THEME_UNIT} is missing: the tests read WordPress's theme-unit export from ../shared/corpora")
    folder = tmp_path_factory.mktemp("theme-unit")
    names = stand_in_photos(THEME_UNIT, folder / "media")
    stand_in_files(THEME_UNIT, folder / "media")
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    report = import_wordpress(THEME_UNIT, content, media=folder / "media")
    return folder, content, report, names


def test_four_uploads_named_like_sizes_stay_four_photos(imported):
    _, content, _, _ = imported
    sizes = ("150x150", "300x200", "580x300", "1200x4002")
    photos = [content / f"images/2013/03/image-alignment-{size}.jpg" for size in sizes]
    assert all(photo.is_file() for photo in photos)
    assert len({hashlib.sha256(photo.read_bytes()).hexdigest() for photo in photos}) == 4


@pytest.fixture(scope="module")
def built(imported):
    folder, content, _, _ = imported
    site = build(SETTINGS, folder / "output", overrides={"PATH": str(content), "CACHE_PATH": str(folder / "cache")})
    return folder / "output", site


def test_the_site_builds_right_after_the_import(built):
    output, site = built
    assert site.posts > 20
    assert (output / "_redirects").is_file()


def forwarded(output):
    """Return {old path or '?p=N': new path} from the built _redirects."""
    moves = {}
    for line in (output / "_redirects").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            moves[unquote(parts[0])] = parts[1]
        elif len(parts) == 4 and parts[0] == "/":
            moves["?" + parts[1]] = parts[2]
    return moves


def photos_shown(item, attachments):
    """Return the year/month/name of every photo of hers the item shows: in its text, its galleries, its cover."""
    names = set(THEME_UNIT_UPLOAD.findall(" ".join(re.findall(r'(?:src|poster)="([^"]+)"', item.content))))
    for match in re.finditer(r"\[gallery([^\]]*)\]", item.content):
        ids = re.search(r'(?:ids|include)="([^"]*)"', match[1])
        chosen = ids[1].split(",") if ids else [a.id for a in attachments.values() if a.parent == item.id]
        names |= {THEME_UNIT_UPLOAD.search(attachments[i.strip()].attachment_url)[1] for i in chosen
                  if i.strip() in attachments and THEME_UNIT_UPLOAD.search(attachments[i.strip()].attachment_url)}
    cover = attachments.get(item.meta.get("_thumbnail_id", ""))
    if cover and THEME_UNIT_UPLOAD.search(cover.attachment_url):
        names.add(THEME_UNIT_UPLOAD.search(cover.attachment_url)[1])
    return names


def on_page(name, page):
    """Return whether the built page shows the photo: by its own name, or as a size of another (-300x200)."""
    shown = set(re.findall(r"/images/(\d{4}/\d{2}/[^\"\s/]+?)(?:-\d+w)?\.\w+", page))
    stem = name.rsplit(".", 1)[0]
    return any(re.fullmatch(re.escape(s) + r"(-\d+x\d+)?", stem) for s in shown)


def words(html, between=" "):
    """Return the words of html as one line; between: what a tag stands for ("" within a title's markup)."""
    return " ".join(BeautifulSoup(html, "html.parser").get_text(between).split())


def test_everything_published_is_on_the_site_or_in_the_report(imported, built):
    """Every published post and page, photo, comment and old address of the export: built, or named with why."""
    _, _, report, _ = imported
    output, _ = built
    said = "\n".join(report.lines())
    moves = forwarded(output)
    items = read_export(THEME_UNIT).items
    attachments = {item.id: item for item in items if item.kind == "attachment"}
    published = [item for item in items if item.kind in ("post", "page") and item.status == "publish"
                 and not item.password]
    assert len(published) > 60
    lost = []
    for item in published:
        title = words(item.title, between="") or "Untitled"
        link = urlsplit(item.link)
        old = unquote(link.path) if link.path not in ("", "/") else "?p=" + parse_qs(link.query)["p"][0]
        new = moves.get(old, old)  # an address that stays the same needs no forwarding
        page_file = output / new.strip("/") / "index.html"
        if not page_file.is_file() or title not in words(page_file.read_text(encoding="utf-8")):
            if f"“{title}”" not in said:
                lost.append(f"{item.kind} “{title}”: not at {new} (from {old}) and not in the report")
            continue
        page = page_file.read_text(encoding="utf-8")
        for name in sorted(photos_shown(item, attachments)):
            if not on_page(name, page) and f"photo {name}" not in said:
                lost.append(f"photo {name} of “{title}”: not on {new} and not in the report")
        text = words(page)
        for comment in item.comments:
            if comment.approved != "1":
                continue
            if comment.kind in ("pingback", "trackback"):
                if f"{comment.kind} on “{title}”: from {unescape(comment.author)}" not in said:
                    lost.append(f"{comment.kind} {comment.id} on “{title}”: not in the report")
            elif " ".join(words(comment.text).split()[:8]) not in text:
                lost.append(f"comment {comment.id} on “{title}”: not on {new}")
    assert not lost, "\n".join(lost)


def test_a_second_import_changes_nothing(imported, tmp_path):
    folder, content, _, _ = imported

    def listing():
        return {p.relative_to(content).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(content.rglob("*")) if p.is_file()}

    before = listing()
    import_wordpress(THEME_UNIT, content, media=folder / "media")
    assert listing() == before



def test_without_its_photos_the_export_still_imports_into_a_site_that_builds(tmp_path):
    """No photo can be had (an empty media folder): each place that showed or linked one is still buildable."""
    (tmp_path / "media").mkdir()
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    report = import_wordpress(THEME_UNIT, content, media=tmp_path / "media")
    assert any("not in the media archive" in line for line in report.lines())
    texts = "".join(p.read_text(encoding="utf-8") for p in (content / "posts").glob("*.md"))
    assert "{static}/images/2008/06/dsc04563.jpg" not in texts and "/2008/06/dsc04563.jpg)" in texts, \
        "a link to a photo not had keeps her old blog's address"
    assert 'Camera") This' not in texts and "photo not found" in texts, "a photo with a title becomes a note"
    build(SETTINGS, tmp_path / "output", overrides={"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache")})


def test_its_feeds_are_valid_and_every_post_can_be_sent_as_an_email(built):
    """WordPress's own posts (galleries, embeds, captions, odd markup) through the feeds a mailing service reads."""
    import feedparser

    output, site = built
    for name in ("all.atom.xml", "all.rss.xml"):
        feed = feedparser.parse((output / "feeds" / name).read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert len(feed.entries) == site.posts
        shown = 0
        for entry in feed.entries:
            html = entry.content[0].value if "content" in entry else entry.description
            soup = BeautifulSoup(html, "html.parser")
            assert not soup.select("picture, source[srcset], img[srcset], figure.video-box"), entry.link
            for element in soup.select("[href], [src]"):
                address = element.get("href") or element.get("src")
                parts = urlsplit(address)
                assert parts.scheme in ("http", "https", "mailto") and (parts.netloc or parts.scheme == "mailto"), \
                    f"{entry.link}: {address}"
            for image in soup.select("img"):
                path = urlsplit(image["src"])
                if path.netloc == "127.0.0.1:8000":
                    assert (output / unquote(path.path).lstrip("/")).is_file(), f"{entry.link}: {image['src']}"
                    shown += 1
        assert shown > 10, "her photos are in the emails"
