"""Importing her WordPress.com blog: every post, page, photo, comment and old address, nothing lost silently."""

import functools
import http.server
import threading
import tomllib
import zipfile

import pytest
from conftest import SETTINGS, write_content
from PIL import Image

from sitetools.build import BuildError, build
from sitetools.wordpress.export import ExportError, read_export
from sitetools.wordpress.importer import import_wordpress
from sitetools.wordpress.sample import SITE, comment, export, item

CLASSIC = (
    "First paragraph with <em>emphasis</em> &amp; an entity &#8211; here.\nA second line.\n\n"
    f'Second paragraph. See <a href="{SITE}/2019/06/01/hips/">my hips post</a>.\n\n'
    '[caption id="attachment_9" width="600"]<a href="https://ammann05.files.wordpress.com/2019/05/calf.jpg">'
    '<img src="https://ammann05.files.wordpress.com/2019/05/calf-600x400.jpg?w=600" alt="Calf stretch" /></a>'
    " Stretching the calf against a wall[/caption]\n\n"
    "[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]\n\n"
    '[gallery ids="9,10"]\n\n[contact-form to="me"]'
)
GUTENBERG = (
    "<!-- wp:heading -->\n<h2>Why hips matter</h2>\n<!-- /wp:heading -->\n"
    "<!-- wp:paragraph -->\n<p>Block paragraph: “quotes” and <strong>bold</strong>.</p>\n<!-- /wp:paragraph -->\n"
    "<!-- wp:list -->\n<ul><li>one</li><li>two</li></ul>\n<!-- /wp:list -->\n"
    "<!-- wp:quote --><blockquote class=\"wp-block-quote\"><p>Pain is a smoke detector.</p></blockquote>"
    "<!-- /wp:quote -->\n"
    "<!-- wp:table --><figure class=\"wp-block-table\"><table><thead><tr><th>Week</th><th>Miles</th></tr></thead>"
    "<tbody><tr><td>1</td><td>10</td></tr></tbody></table></figure><!-- /wp:table -->\n"
    "<!-- wp:code --><pre class=\"wp-block-code\"><code>hold 30 s</code></pre><!-- /wp:code -->\n"
    "<!-- wp:embed {\"url\":\"https://vimeo.com/76979871\"} --><figure class=\"wp-block-embed is-type-video\">"
    "<div class=\"wp-block-embed__wrapper\">\nhttps://vimeo.com/76979871\n</div></figure><!-- /wp:embed -->\n"
    "<!-- wp:image --><figure class=\"wp-block-image\"><img src=\"https://ammann05.files.wordpress.com/2019/06/"
    "lost.jpg\" alt=\"Lost\"/></figure><!-- /wp:image -->"
)
COMMENTS = [
    comment(20, "Great post! <script>alert(1)</script>", author="Sarah"),
    comment(21, "Thank you, Sarah.", author="ammann05", parent=20, date="2019-05-22 09:00:00"),
    comment(22, "Cheap pills", author="Spammer", approved="spam"),
    comment(23, "Deleted", approved="trash"),
    comment(24, "Waiting", approved="0"),
    comment(25, "Linked to you", author="Other blog", kind="pingback"),
]


def full_export(scheme="https"):
    return export(
        item(1, "If running becomes a pain in the butt", CLASSIC, slug="pain-in-the-butt",
             categories=["Running injuries", "Running"], tags=["glutes", "hamstrings"], comments=COMMENTS,
             excerpt="Piriformis, hamstrings and glutes: what a pain in the butt means."),
        item(2, "Hips", GUTENBERG, date="2019-06-01 08:00:00", categories=["Uncategorized"]),
        item(3, "Half-written", "Draft text.", status="draft", date="0000-00-00 00:00:00"),
        item(4, "Waiting for review", "Pending.", status="pending"),
        item(5, "Just for me", "Private.", status="private"),
        item(6, "Members only", "Secret.", password="letmein"),
        item(7, "Spring races", "Soon.", status="future", date="2031-03-01 08:00:00"),
        item(8, "Binned", "Old.", status="trash"),
        item(11, "", "A post without a title, in Ελληνικά.", slug="", date="2019-07-01 08:00:00"),
        item(12, "Prices", "<p>From £35.</p>", kind="page", slug="prices", link=f"{SITE}/prices/"),
        item(13, "Menu", kind="nav_menu_item", status="publish"),
        item(14, "Styles", kind="wp_global_styles", status="publish"),
        item(15, "Revision", kind="revision", status="inherit"),
        item(16, "Auto", "x", status="auto-draft"),
        item(9, "calf", kind="attachment", status="inherit", parent=1, alt="Calf stretch against a wall",
             attachment_url="https://ammann05.files.wordpress.com/2019/05/calf.jpg"),
        item(10, "hip", kind="attachment", status="inherit", parent=1,
             attachment_url="https://ammann05.files.wordpress.com/2019/05/hip.png"),
        item(17, "unused", kind="attachment", status="inherit",
             attachment_url="https://ammann05.files.wordpress.com/2019/04/unused.jpg"),
        scheme=scheme,
    )


def media_archive(path):
    """Write the media archive as WordPress.com sends it: year/month folders in a .zip."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, size in (("2019/05/calf.jpg", (1200, 800)), ("2019/05/hip.png", (600, 400)),
                           ("2019/04/unused.jpg", (300, 200))):
            image = Image.new("RGB", size, (200, 100, 50))
            target = path.parent / "made" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            image.save(target)
            archive.write(target, f"media/{name}")
    return path


@pytest.fixture
def imported(tmp_path):
    (tmp_path / "export.xml").write_text(full_export(), encoding="utf-8")
    content = tmp_path / "content"
    write_content(content, {})
    report = import_wordpress(tmp_path / "export.xml", content, media=media_archive(tmp_path / "media.zip"))
    return content, report


def header(path):
    """Return a Markdown file's header as {key: value}."""
    text = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in text.splitlines())


def test_posts_and_pages_arrive_in_the_sites_format(imported):
    content, report = imported
    post = content / "posts/pain-in-the-butt.md"
    details = header(post)
    assert details == {
        "Title": "If running becomes a pain in the butt", "Date": "2019-05-20 09:00", "Category": "Running injuries",
        "Tags": "Running, glutes, hamstrings", "Slug": "pain-in-the-butt",
        "Summary": "Piriformis, hamstrings and glutes: what a pain in the butt means.",
        "Old_url": "/2019/05/20/pain-in-the-butt/"}
    text = post.read_text(encoding="utf-8")
    assert "First paragraph with *emphasis* & an entity – here.  \nA second line." in text
    assert "[my hips post]({filename}/posts/hips.md)" in text
    assert "![Calf stretch]({static}/images/2019/05/calf.jpg)\n<figcaption>Stretching the calf against a wall" in text
    assert "\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n" in text, "a video: its address on a line of its own"
    gallery = ("![Calf stretch against a wall]({static}/images/2019/05/calf.jpg)\n\n"
               "![]({static}/images/2019/05/hip.png)")  # its title was its file name: no description
    assert gallery in text
    assert ("content/posts/pain-in-the-butt.md", "1 photo(s) have no description: write what each shows between its "
            "empty square brackets [], for readers who cannot see it") in report.changed
    assert '[contact-form to="me"]' in text and "shortcodes kept as text: [contact-form]" in text
    assert "Old_url" not in header(content / "pages/prices.md"), "its address stays the same: no move"


def test_gutenberg_blocks_become_clean_markdown(imported):
    content, _ = imported
    text = (content / "posts/hips.md").read_text(encoding="utf-8")
    assert "wp:" not in text
    for expected in ("## Why hips matter", "Block paragraph: “quotes” and **bold**.", "- one\n- two",
                     "> Pain is a smoke detector.", "| Week | Miles |", "hold 30 s", "\nhttps://vimeo.com/76979871\n",
                     "<!-- photo not found: https://ammann05.files.wordpress.com/2019/06/lost.jpg (Lost) -->"):
        assert expected in text, expected
    assert "Category" not in header(content / "posts/hips.md"), "Uncategorized is no category"


def test_every_status_is_kept_or_left_out_with_a_reason(imported):
    content, report = imported
    drafts = {name: header(content / f"posts/{name}.md") for name in
              ("half-written", "waiting-for-review", "just-for-me", "members-only")}
    assert all(details["Status"] == "draft" and "Old_url" not in details for details in drafts.values())
    assert drafts["half-written"]["Date"], "a draft WordPress never dated still gets a date"
    assert header(content / "posts/spring-races.md")["Date"] == "2031-03-01 08:00"
    assert "Status" not in header(content / "posts/spring-races.md"), "scheduled: published on its day"
    assert not (content / "posts/binned.md").exists()
    untitled = header(content / "posts/untitled-11.md")
    assert untitled["Title"] == "Untitled" and untitled["Summary"] == "A post without a title, in Ελληνικά."
    lines = "\n".join(report.lines())
    assert report.lines()[0] == ("Imported 8 posts and 1 pages (4 as drafts, 1 scheduled), 3 photos and 2 comments.")
    assert report.lines()[1] == "3 comments were spam, in the bin or never approved: not published."
    for reason in ("post “Binned”: its status on WordPress is 'trash'",
                   "WordPress's own records, not posts or pages: menu entries (1), theme styles (1), "
                   "earlier versions of posts (1)",
                   "post “Auto”: its status on WordPress is 'auto-draft'",
                   "pingback on “If running becomes a pain in the butt”: from Other blog",
                   "content/posts/members-only.md: on WordPress this was protected by a password",
                   "content/posts/just-for-me.md: on WordPress this was private",
                   "content/posts/untitled-11.md: it had no title", "photo 2019/06/lost.jpg: not in the media archive"):
        assert reason in lines, reason


def test_approved_comments_are_kept_threaded_without_emails_or_addresses(imported):
    content, _ = imported
    raw = (content / "comments/pain-in-the-butt.toml").read_text(encoding="utf-8")
    assert "sam@example.org" not in raw and "192.0.2.1" not in raw
    comments = tomllib.loads(raw)["comment"]
    assert [(c["id"], c["parent"], c["name"]) for c in comments] == [(20, 0, "Sarah"), (21, 20, "ammann05")]
    assert comments[0]["text"].startswith("Great post!") and "<" not in comments[0]["text"], "text, no markup"


def test_photos_come_from_the_archive_into_the_images_folder(imported):
    content, _ = imported
    with Image.open(content / "images/2019/05/calf.jpg") as photo:
        assert photo.size == (1200, 800), "the original, not the 600 px copy the post showed"
    assert (content / "images/2019/05/hip.png").is_file()
    assert (content / "images/2019/04/unused.jpg").is_file(), "a photo in her library that no post shows"


def test_a_second_run_adds_nothing_and_says_so(imported, tmp_path):
    content, _ = imported
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    report = import_wordpress(tmp_path / "export.xml", content, media=tmp_path / "media.zip")
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before
    assert report.lines()[0].startswith("Imported 0 posts and 0 pages")
    assert "this export brought nothing new" in report.lines()[1]
    comments = content / "comments/pain-in-the-butt.toml"
    by_hand = '\n[[comment]]\nid = 99\nparent = 20\nname = "Sarah"\ntext = "By hand."\n'
    comments.write_text(comments.read_text() + by_hand)
    newer = full_export().replace("</channel>", item(30, "New one", "<p>New.</p>") + "</channel>")
    newer = newer.replace("</item>", comment(26, "A new comment", author="Jo", parent=21) + "</item>", 1)
    (tmp_path / "newer.xml").write_text(newer, encoding="utf-8")
    report = import_wordpress(tmp_path / "newer.xml", content, media=tmp_path / "media.zip")
    assert report.posts == 1 and (content / "posts/new-one.md").is_file()
    kept = tomllib.loads(comments.read_text())["comment"]
    assert [(c["id"], c["parent"]) for c in kept] == [(20, 0), (21, 20), (99, 20), (26, 21)], "hers kept, new added"
    assert report.comments == 1


def test_the_imported_blog_builds_with_every_old_address_redirected(imported, tmp_path):
    content, _ = imported
    site = build(SETTINGS, tmp_path / "output", overrides={"PATH": str(content),
                                                          "CACHE_PATH": str(tmp_path / "cache")})
    assert (site.posts, len(site.drafts), len(site.scheduled)) == (3, 4, 1)
    warned = [str(w) for w in site.warnings if "content/posts" in str(w)]
    assert len(warned) == 1 and "hip" in warned[0], "only the photo whose title was its file name lacks a description"
    redirects = (tmp_path / "output/_redirects").read_text()
    assert "/2019/05/20/pain-in-the-butt/ /blog/pain-in-the-butt/ 301" in redirects
    page = (tmp_path / "output/blog/pain-in-the-butt/index.html").read_text()
    assert "&lt;" not in page.split("Earlier comments")[1].split("</section>")[0] or "<script>" not in page
    assert "<script>alert" not in page
    assert "Earlier comments" in page and "Thank you, Sarah." in page
    assert 'class="video-box"' in page and "<figcaption>Stretching the calf against a wall</figcaption>" in page


def test_both_namespace_forms_and_a_zip_are_read(tmp_path):
    for scheme in ("http", "https"):
        path = tmp_path / f"{scheme}.xml"
        path.write_text(full_export(scheme), encoding="utf-8")
        items = read_export(path).items
        assert [i.title for i in items][:2] == ["If running becomes a pain in the butt", "Hips"]
        assert items[0].excerpt.startswith("Piriformis") and len(items[0].comments) == 6
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as archive:
        archive.write(tmp_path / "http.xml", "ammann05.wordpress.2026-12-01.000.xml")
    assert read_export(tmp_path / "export.zip").site_url == SITE


@pytest.mark.parametrize(("text", "expected", "line"), [
    ("<rss><channel><item>", "not a complete XML file", 1),
    (full_export()[:-200], "not a complete XML file", None),
    ('<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>', "not a WordPress export", None),
    ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss>&a;</rss>', "defines its own XML entities", None),
    ("# My notes\n\nNot an export at all.\n", "not a WordPress export", None),
    ("", "not a WordPress export", None),
])
def test_a_bad_export_stops_with_one_line_and_writes_nothing(tmp_path, text, expected, line):
    (tmp_path / "export.xml").write_text(text, encoding="utf-8")
    with pytest.raises(ExportError) as raised:
        import_wordpress(tmp_path / "export.xml", tmp_path / "content")
    assert expected in str(raised.value) and str(raised.value).startswith(str(tmp_path / "export.xml"))
    if line:
        assert raised.value.line == line
    assert not (tmp_path / "content").exists()


def test_a_folder_given_as_the_export_or_a_media_folder_not_there_is_said_in_words(tmp_path):
    (tmp_path / "export.xml").write_text(export(item(1, "Calves", "<p>Text.</p>")), encoding="utf-8")
    with pytest.raises(ExportError, match="this is a folder — give the .xml or .zip file"):
        import_wordpress(tmp_path, tmp_path / "content")
    with pytest.raises(ValueError, match="nomedia: there is no such folder or file — give the media archive"):
        import_wordpress(tmp_path / "export.xml", tmp_path / "content", media=tmp_path / "nomedia")
    assert not (tmp_path / "content").exists()


def test_without_the_archive_photos_are_downloaded_from_their_addresses(tmp_path):
    served = tmp_path / "served/wp-content/uploads/2019/05"
    served.mkdir(parents=True)
    Image.new("RGB", (800, 600), "blue").save(served / "calf.jpg")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "served"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = f"http://127.0.0.1:{server.server_address[1]}"
    body = f'<p><img src="{host}/wp-content/uploads/2019/05/calf-300x200.jpg" alt="Calf"></p>' \
           f'<p><img src="{host}/wp-content/uploads/2019/05/gone.jpg" alt="Gone"></p>'
    (tmp_path / "export.xml").write_text(export(item(1, "Calves", body)).replace(SITE, host), encoding="utf-8")
    try:
        report = import_wordpress(tmp_path / "export.xml", tmp_path / "content")
    finally:
        server.shutdown()
        server.server_close()
    with Image.open(tmp_path / "content/images/2019/05/calf.jpg") as photo:
        assert photo.size == (800, 600)
    assert report.images == 1
    assert ("photo 2019/05/gone.jpg", "could not be downloaded") in report.skipped


def test_a_reply_added_by_hand_shows_and_a_mistake_in_it_is_named(small_site, tmp_path):
    from conftest import post

    comments = ('[[comment]]\nid = 1\nparent = 0\nname = "Sarah"\ndate = 2019-05-21T10:00:00Z\n'
                'text = "Does this help <b>hamstrings</b> too?"\n\n'
                '[[comment]]\nid = 2\nparent = 1\nname = "ammann05"\ndate = 2019-05-22\ntext = "Yes.\\n\\nTry it."\n')
    site = small_site({"posts/x.md": post("X", slug="x"), "comments/x.toml": comments})
    section = site.page("/blog/x/").select_one(".earlier-comments")
    first = section.select_one(".earlier-comment")
    assert first.select_one("strong").get_text() == "Sarah"
    assert first.select("p")[1].get_text() == "Does this help <b>hamstrings</b> too?", "shown as text, escaped"
    reply = section.select_one(".earlier-comments__list .earlier-comments__list .earlier-comment")
    assert [p.get_text() for p in reply.select("p")[1:]] == ["Yes.", "Try it."]
    assert reply.select_one("time")["datetime"] == "2019-05-22"
    with pytest.raises(BuildError) as raised:
        small_site({"comments/x.toml": comments + '\n[[comment]]\nid = 3\nparent = 9\nname = "Sam"\ntext = "Hi"\n'})
    assert [str(p) for p in raised.value.errors] == [
        "content/comments/x.toml:17: parent = 9 is no comment's id — set it to the id of the comment this one "
        "answers, or 0"]


def test_invoke_import_then_build_in_a_copy_of_the_project(tmp_path):
    import re
    import subprocess
    import sys
    import tarfile

    from test_safe_build import QUIET_ENV, copy_project

    project = copy_project(tmp_path / "project")
    (tmp_path / "export.xml").write_text(full_export(), encoding="utf-8")
    media_archive(tmp_path / "media.zip")
    with tarfile.open(tmp_path / "media.tar", "w") as archive:
        archive.add(tmp_path / "made", "uploads")
    invoke = [sys.executable, "-m", "invoke"]
    done = subprocess.run([*invoke, "import-wordpress", str(tmp_path / "export.xml"), "--media",
                           str(tmp_path / "media.tar")], cwd=project, capture_output=True, text=True, env=QUIET_ENV)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Imported 8 posts and 1 pages (4 as drafts, 1 scheduled), 3 photos and 2 comments.")
    assert "Next: run `./site.sh build`" in done.stdout
    saved = (project / "wordpress-import-report.txt").read_text(encoding="utf-8")
    assert saved == done.stdout and "saved in wordpress-import-report.txt" in done.stderr
    built = subprocess.run([*invoke, "build"], cwd=project, capture_output=True, text=True, env=QUIET_ENV)
    assert built.returncode == 0, built.stderr
    redirects = (project / "output/_redirects").read_text()
    published = [p for p in (project / "content/posts").glob("*.md") if "Status: draft" not in p.read_text()]
    for post in published:
        old = re.search(r"^Old_url: (.+)$", post.read_text(), re.MULTILINE)
        if old and not old[1].startswith("/2031/"):  # a scheduled post moves in on its day
            assert f"{old[1]} " in redirects, post.name
    again = subprocess.run([*invoke, "import-wordpress", str(tmp_path / "export.xml")], cwd=project,
                           capture_output=True, text=True, env=QUIET_ENV)
    assert "this export brought nothing new" in again.stdout
    assert (project / "wordpress-import-report.txt").read_text(encoding="utf-8") == saved, "the to-dos are kept"
    bad = subprocess.run([*invoke, "import-wordpress", str(tmp_path / "media.tar")], cwd=project,
                         capture_output=True, text=True, env=QUIET_ENV)
    assert bad.returncode == 1 and "media.tar" in bad.stderr and "Traceback" not in bad.stderr
