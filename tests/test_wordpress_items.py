"""Importing what a post carries besides its text: audio, video, documents, pages the site has, clean names."""

import functools
import http.server
import re
import runpy
import shutil
import threading
from pathlib import Path

import pytest
from conftest import write_content
from PIL import Image

from sitetools.wordpress.importer import import_wordpress
from sitetools.wordpress.sample import SITE, export, item

THEME_UNIT = Path(__file__).parents[2] / "shared/corpora/wordpress/theme-unit-test-data.xml"
ROOT = Path(__file__).parents[1]


@pytest.fixture
def served(tmp_path):
    """Serve tmp_path/served as her blog would; yield its address."""
    (tmp_path / "served").mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "served"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def theme_unit(tmp_path_factory):
    """Import the theme unit export beside the site's own about page, with an empty media folder."""
    if not THEME_UNIT.is_file():
        pytest.skip("the theme unit export is not here")
    folder = tmp_path_factory.mktemp("theme-unit")
    (folder / "media").mkdir()
    content = folder / "content"
    (content / "pages").mkdir(parents=True)
    shutil.copy(ROOT / "content/pages/about.md", content / "pages/about.md")
    report = import_wordpress(THEME_UNIT, content, media=folder / "media")
    return content, report


def test_audio_video_and_documents_of_hers_come_into_media(tmp_path, served):
    uploads = tmp_path / "served/wp-content/uploads/2019/05"
    uploads.mkdir(parents=True)
    for name in ("talk.mp3", "clip.mp4", "leaflet.pdf", "unshown.mov"):
        (uploads / name).write_bytes(b"bytes of " + name.encode())
    files = f"{served}/wp-content/uploads/2019/05"
    body = (f'<p><audio controls src="{files}/talk.mp3"></audio></p>\n\n[video src="{files}/clip.mp4"]\n\n'
            f'<p>Read <a href="{files}/leaflet.pdf">the leaflet</a> and <a href="{files}/gone.mp3">this</a>.</p>'
            '<p><a href="https://example.org/2019/05/theirs.pdf">theirs</a></p>')
    items = [item(1, "Talks", body), item(2, "unshown", kind="attachment", status="inherit",
                                           attachment_url=f"{files}/unshown.mov")]
    (tmp_path / "export.xml").write_text(export(*items).replace(SITE, served), encoding="utf-8")
    report = import_wordpress(tmp_path / "export.xml", tmp_path / "content")
    for name in ("talk.mp3", "clip.mp4", "leaflet.pdf", "unshown.mov"):
        assert (tmp_path / "content/media/2019/05" / name).read_bytes() == b"bytes of " + name.encode()
    text = (tmp_path / "content/posts/talks.md").read_text(encoding="utf-8")
    for name in ("talk.mp3", "clip.mp4", "leaflet.pdf"):
        assert f"{{static}}/media/2019/05/{name}" in text
    assert f"({files}/gone.mp3)" in text  # not had: still at her blog's address
    assert "(https://example.org/2019/05/theirs.pdf)" in text
    assert report.media == 4
    assert ("file 2019/05/gone.mp3", "could not be downloaded") in report.skipped
    assert "4 audio, video and document files came over into content/media/." in report.lines()


def test_media_is_a_static_folder_of_the_site():
    assert "media" in runpy.run_path(str(ROOT / "pelicanconf.py"))["STATIC_PATHS"]


def test_theme_unit_audio_video_and_documents_are_hers_to_bring(theme_unit):
    content, report = theme_unit
    for name in ("2008/06/originaldixielandjazzbandwithalbernard-stlouisblues.mp3",
                 "2013/12/2014-slider-mobile-behavior.mov", "2018/11/file_block.pdf"):
        assert (f"file {name}", "not in the media archive") in report.skipped


def test_her_page_at_an_address_the_site_has_arrives_beside_it(theme_unit):
    content, report = theme_unit
    site_page = (ROOT / "content/pages/about.md").read_text(encoding="utf-8")
    assert (content / "pages/about.md").read_text(encoding="utf-8") == site_page
    hers = (content / "pages/about-from-wordpress.md").read_text(encoding="utf-8")
    assert "Slug: about-from-wordpress\n" in hers
    assert "Old_url" not in hers  # the site's own page is at her old address
    assert "Title: About The Tests\n" in hers
    assert ("Her page “About The Tests” is in content/pages/about-from-wordpress.md, because the site has its own "
            "content/pages/about.md at that address: copy what you want of hers into content/pages/about.md, "
            "then delete content/pages/about-from-wordpress.md.") in report.lines()
    assert "content/pages/about.md" not in report.existing


def test_a_second_run_leaves_her_page_beside_the_sites_as_it_is(tmp_path):
    content = tmp_path / "content"
    write_content(content, {"pages/about.md": "Title: About me\nSlug: about\n\nThe site's words.\n"})
    (tmp_path / "export.xml").write_text(export(item(5, "About", "<p>Her words.</p>", kind="page", slug="about",
                                                     link=f"{SITE}/about/")), encoding="utf-8")
    first = import_wordpress(tmp_path / "export.xml", content)
    assert first.pages == 1
    (content / "pages/about-from-wordpress.md").write_text("Edited by her.\n", encoding="utf-8")
    second = import_wordpress(tmp_path / "export.xml", content)
    assert second.pages == 0 and not second.beside
    assert second.existing == ["content/pages/about-from-wordpress.md"]
    assert (content / "pages/about-from-wordpress.md").read_text(encoding="utf-8") == "Edited by her.\n"
    assert (content / "pages/about.md").read_text(encoding="utf-8").endswith("The site's words.\n")


def test_a_page_an_earlier_import_wrote_is_no_clash(tmp_path):
    content = tmp_path / "content"
    (tmp_path / "export.xml").write_text(export(item(5, "Prices", "<p>£35.</p>", kind="page", slug="prices")),
                                         encoding="utf-8")
    import_wordpress(tmp_path / "export.xml", content)
    again = import_wordpress(tmp_path / "export.xml", content)
    assert again.existing == ["content/pages/prices.md"]
    assert not (content / "pages/prices-from-wordpress.md").exists()


def test_theme_unit_names_read_as_words(theme_unit):
    content, report = theme_unit
    text = "\n".join(report.lines())
    assert "&#8217;" not in text and "&laquo;" not in text
    assert "from Ping 1 « What’s a tellyworth?: links from other sites are not published" in text
    assert "Title: Markup: Title With Markup\n" in (content / "posts/markup-title-with-markup.md").read_text("utf-8")


def test_an_image_at_her_blogs_own_address_is_not_from_another_site(tmp_path):
    body = (f'<p><img src="{SITE}/wp-includes/images/smilies/smile.png" alt="smile"></p>'
            '<p><img src="https://example.org/theirs.png" alt="theirs"></p>')
    (tmp_path / "export.xml").write_text(export(item(1, "Smiles", body)), encoding="utf-8")
    report = import_wordpress(tmp_path / "export.xml", tmp_path / "content")
    notes = [what for where, what in report.changed if where == "content/posts/smiles.md"]
    assert notes == ["1 image(s) of your WordPress blog, not among its photos, left out: see the notes in the text",
                     "1 image(s) from other sites left out: see the notes in the text"]
    text = (tmp_path / "content/posts/smiles.md").read_text(encoding="utf-8")
    assert f"<!-- image of your WordPress blog not found, left out: {SITE}/wp-includes/images/smilies/smile.png" \
           in text


def header(path):
    """Return {name: value} of a post's header."""
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in head.splitlines())


def test_a_featured_image_becomes_the_cover_and_a_gallery_without_ids_shows_the_posts_photos(tmp_path):
    photo = f"{SITE}/wp-content/uploads/2019/05"
    attachments = [item(10 + n, f"Stretch {n}", kind="attachment", status="inherit", parent=1,
                        attachment_url=f"{photo}/stretch-{n}.jpg", menu_order=3 - n) for n in range(3)]
    attachments.append(item(20, "Elsewhere", kind="attachment", status="inherit", parent=2,
                            attachment_url=f"{photo}/other.jpg"))
    post = item(1, "Stretches", "<p>Three stretches.</p>\n\n[gallery]", meta={"_thumbnail_id": "11"})
    (tmp_path / "export.xml").write_text(export(post, *attachments), encoding="utf-8")
    media = tmp_path / "media/2019/05"
    media.mkdir(parents=True)
    for n, name in enumerate(["stretch-0.jpg", "stretch-1.jpg", "stretch-2.jpg", "other.jpg"]):
        Image.new("RGB", (40, 30), (n * 60, 90, 90)).save(media / name)
    import_wordpress(tmp_path / "export.xml", tmp_path / "content", media=tmp_path / "media")
    written = tmp_path / "content/posts/stretches.md"
    assert {key: header(written).get(key) for key in ("Image", "Image_alt")} == {
        "Image": "{static}/images/2019/05/stretch-1.jpg", "Image_alt": "Stretch 1"}
    text = written.read_text(encoding="utf-8")
    body = text.split("\n\n", 1)[1]
    shown = sorted((body.index(f"/{name}.jpg"), name) for name in ("stretch-0", "stretch-1", "stretch-2", "other")
                   if f"/{name}.jpg" in body)
    assert [name for _, name in shown] == ["stretch-2", "stretch-1", "stretch-0"], "the post's photos, in its order"


def test_a_post_whose_only_address_was_its_number_is_forwarded_from_it(tmp_path):
    numbered = item(5, "Numbered", "<p>Text.</p>", link=f"{SITE}/?p=5")
    unrelated = item(6, "Draft", "<p>Text.</p>", link=f"{SITE}/?p=6", status="draft")
    (tmp_path / "export.xml").write_text(export(numbered, unrelated), encoding="utf-8")
    import_wordpress(tmp_path / "export.xml", tmp_path / "content")
    assert header(tmp_path / "content/posts/numbered.md").get("Old_url") == "/?p=5"
    assert "Old_url" not in header(tmp_path / "content/posts/draft.md"), "a draft had no address readers knew"


def test_audio_and_documents_come_from_the_media_folder_too(tmp_path):
    files = f"{SITE}/wp-content/uploads/2019/05"
    body = f'<p><audio controls src="{files}/talk.mp3"></audio></p><p><a href="{files}/leaflet.pdf">Leaflet</a></p>'
    (tmp_path / "export.xml").write_text(export(item(1, "Talks", body)), encoding="utf-8")
    media = tmp_path / "media/2019/05"
    media.mkdir(parents=True)
    for name in ("talk.mp3", "leaflet.pdf"):
        (media / name).write_bytes(b"her " + name.encode())
    report = import_wordpress(tmp_path / "export.xml", tmp_path / "content", media=tmp_path / "media")
    for name in ("talk.mp3", "leaflet.pdf"):
        assert (tmp_path / "content/media/2019/05" / name).read_bytes() == b"her " + name.encode()
    assert not [line for line in report.lines() if "not in the media archive" in line]


def test_a_gallery_shows_the_captions_of_its_photos(tmp_path):
    photo = f"{SITE}/wp-content/uploads/2019/05"
    attachments = [item(10, "Calf", kind="attachment", status="inherit", parent=1, attachment_url=f"{photo}/calf.jpg",
                        excerpt="Stretching the calf <em>against a wall</em>"),
                   item(11, "Hip", kind="attachment", status="inherit", parent=1, attachment_url=f"{photo}/hip.jpg")]
    post = item(1, "Stretches", '<p>Two stretches.</p>\n\n[gallery ids="10,11"]')
    (tmp_path / "export.xml").write_text(export(post, *attachments), encoding="utf-8")
    media = tmp_path / "media/2019/05"
    media.mkdir(parents=True)
    for n, name in enumerate(["calf.jpg", "hip.jpg"]):
        Image.new("RGB", (40, 30), (n * 60, 90, 90)).save(media / name)
    import_wordpress(tmp_path / "export.xml", tmp_path / "content", media=tmp_path / "media")
    body = (tmp_path / "content/posts/stretches.md").read_text(encoding="utf-8").split("\n\n", 1)[1]
    assert "![Calf]({static}/images/2019/05/calf.jpg)\n<figcaption>Stretching the calf <em>against a wall</em>" \
        "</figcaption>" in body
    assert "\n![Hip]({static}/images/2019/05/hip.jpg)\n" in body


def test_a_player_with_no_file_on_the_site_becomes_a_link_that_asks_nothing_before_she_clicks(tmp_path):
    files = f"{SITE}/wp-content/uploads/2019/05"
    body = (f'<p><audio controls src="{files}/talk.mp3"></audio></p>\n\n'
            f'<video controls><source src="{files}/clip.webm"><source src="{files}/clip.mp4"></video>\n\n'
            '<p><audio controls src="https://example.org/theirs.ogg"></audio></p>')
    (tmp_path / "export.xml").write_text(export(item(1, "Talks", body)), encoding="utf-8")
    media = tmp_path / "media/2019/05"
    media.mkdir(parents=True)
    (media / "clip.mp4").write_bytes(b"her clip")
    report = import_wordpress(tmp_path / "export.xml", tmp_path / "content", media=tmp_path / "media")
    text = (tmp_path / "content/posts/talks.md").read_text(encoding="utf-8")
    players = re.findall(r"<(?:audio|video)\b.*?</(?:audio|video)>", text, re.S)
    assert players == ['<video controls><source src="{static}/media/2019/05/clip.mp4"><a href="{static}/media/'
                       '2019/05/clip.mp4">clip.webm</a></video>'], "only the file had plays; the rest are links"
    assert f'<p><a href="{files}/talk.mp3">talk.mp3</a></p>' in text
    assert '<p><a href="https://example.org/theirs.ogg">theirs.ogg</a></p>' in text
    assert ("content/posts/talks.md", "3 audio or video player(s) named files not on this site: those are links "
            "now, fetched only when a reader asks") in report.changed


def test_a_link_to_her_post_with_another_day_in_its_address_finds_the_post_as_wordpress_did(tmp_path):
    button = item(1, "Block: Button", "<p>Buttons.</p>", slug="block-button", date="2018-11-02 08:00:00")
    linking = item(2, "Layout", f'<p><a href="{SITE}/2018/11/03/block-button/">See the buttons</a> and '
                                f'<a href="{SITE}/2018/11/03/no-such-post/">this</a>.</p>')
    (tmp_path / "export.xml").write_text(export(button, linking), encoding="utf-8")
    import_wordpress(tmp_path / "export.xml", tmp_path / "content")
    text = (tmp_path / "content/posts/layout.md").read_text(encoding="utf-8")
    assert "[See the buttons]({filename}/posts/block-button.md)" in text
    assert f"[this]({SITE}/2018/11/03/no-such-post/)" in text
