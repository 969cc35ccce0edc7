"""An export and its media are untrusted: nothing written outside content/, no link followed, nothing half done."""

import hashlib
import http.server
import os
import stat
import struct
import tarfile
import threading
import zipfile

import pytest
from conftest import SETTINGS, write_content
from PIL import Image

from sitetools.build import build
from sitetools.wordpress import export as export_module
from sitetools.wordpress import media
from sitetools.wordpress.export import ExportError, read_export
from sitetools.wordpress.importer import import_wordpress
from sitetools.wordpress.sample import SITE, comment, export, item

UPLOADS = "https://ammann05.files.wordpress.com"


def listing(folder):
    """Return every file and folder under folder, each file with a hash of its bytes."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            if path.is_file() and not path.is_symlink() else "folder or link" for path in sorted(folder.rglob("*"))}


def run(tmp_path, *items, media_source=None, name="export.xml"):
    """Import an export of items into tmp_path/site/content; return the report's text and the content folder."""
    (tmp_path / name).write_text(export(*items), encoding="utf-8")
    content = tmp_path / "site/content"
    report = import_wordpress(tmp_path / name, content, media=media_source)
    return "\n".join(report.lines()), content


def photo(path, size=(60, 40)):
    """Write a small photo at path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, "red").save(path)
    return path


def lie_about_sizes(path, size):
    """Rewrite a one-file .zip so that it says its file is size bytes once unpacked, as a crafted one can."""
    data = bytearray(path.read_bytes())
    data[22:26] = struct.pack("<I", size)  # the local header's uncompressed size
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = struct.pack("<I", size)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("slug", ["/ABSOLUTE/escaped", "../../escaped", "%2e%2e%2f%2e%2e%2fescaped"])
def test_nothing_is_written_outside_content(tmp_path, slug):
    slug = slug.replace("/ABSOLUTE", str(tmp_path / "absolute"))
    before = listing(tmp_path)
    text, content = run(
        tmp_path,
        item(1, "Evil", "<p>x</p>", slug=slug, comments=[comment(5, "Hi")]),
        item(2, "Fine", f'<p><img src="{UPLOADS}/2019/05/..%2F..%2F..%2F..%2Fx.jpg"></p>'
                        f'<p><img src="{UPLOADS}/2019/05/..%5C..%5C..%5Cy.jpg"></p>'),
    )
    outside = {name for name in listing(tmp_path) if not name.startswith("site/content")} - set(before)
    assert outside <= {"export.xml", "site"}, "written outside content/"
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*") if p.is_file()) == ["posts/fine.md"]
    assert "post “Evil”: its slug" in text and "nothing of it was written" in text
    assert text.startswith("Imported 1 posts")


def test_a_link_in_the_media_folder_is_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not hers to publish")
    uploads = tmp_path / "uploads"
    photo(uploads / "2019/05/hip.jpg")
    (uploads / "2019/05/calf.jpg").symlink_to(secret)
    photo(tmp_path / "elsewhere/knee.jpg")
    (uploads / "2019/06").symlink_to(tmp_path / "elsewhere")
    body = "".join(f'<p><img src="{UPLOADS}/2019/{name}"></p>' for name in ("05/hip.jpg", "05/calf.jpg", "06/knee.jpg"))
    text, content = run(tmp_path, item(1, "Legs", body), media_source=uploads)
    assert (content / "images/2019/05/hip.jpg").is_file()
    assert not (content / "images/2019/05/calf.jpg").exists() and not (content / "images/2019/06").exists()
    assert "media 2019/05/calf.jpg: a link to another file" in text
    assert "media 2019/06: a link to another file" in text


@pytest.mark.parametrize("kind", ["zip", "tar"])
def test_a_link_in_the_media_archive_is_not_followed(tmp_path, kind):
    real = photo(tmp_path / "made/hip.jpg")
    archive_path = tmp_path / f"media.{kind}"
    if kind == "zip":
        with zipfile.ZipFile(archive_path, "w") as archive:
            archive.write(real, "media/2019/05/hip.jpg")
            link = zipfile.ZipInfo("media/2019/05/calf.jpg")
            link.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(link, "/etc/hostname")
        refused = ["media/2019/05/calf.jpg"]
    else:
        with tarfile.open(archive_path, "w") as archive:
            archive.add(real, "media/2019/05/hip.jpg")
            for name, kind_of_link, target in (("calf.jpg", tarfile.SYMTYPE, "/etc/hostname"),
                                               ("knee.jpg", tarfile.LNKTYPE, "/etc/hostname")):
                link = tarfile.TarInfo(f"media/2019/05/{name}")
                link.type, link.linkname = kind_of_link, target
                archive.addfile(link)
        refused = ["media/2019/05/calf.jpg", "media/2019/05/knee.jpg"]
    body = "".join(f'<p><img src="{UPLOADS}/2019/05/{name}"></p>' for name in ("hip.jpg", "calf.jpg", "knee.jpg"))
    text, content = run(tmp_path, item(1, "Legs", body), media_source=archive_path)
    assert (content / "images/2019/05/hip.jpg").is_file()
    assert not (content / "images/2019/05/calf.jpg").exists() and not (content / "images/2019/05/knee.jpg").exists()
    for name in refused:
        assert f"media {name}: a link to another file" in text


def test_an_export_larger_than_a_blog_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(export_module, "MAX_EXPORT_BYTES", 20_000, raising=False)
    big = export(item(1, "Huge", "<p>" + "pain " * 10_000 + "</p>"))
    (tmp_path / "export.xml").write_text(big, encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "export.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ammann05.wordpress.000.xml", big)
    (tmp_path / "lying.zip").write_bytes((tmp_path / "export.zip").read_bytes())
    lie_about_sizes(tmp_path / "lying.zip", 1_000)
    for name in ("export.xml", "export.zip", "lying.zip"):
        with pytest.raises(ExportError) as raised:
            import_wordpress(tmp_path / name, tmp_path / "content")
        assert str(raised.value).startswith(str(tmp_path / name)), name
        assert not (tmp_path / "content").exists(), name
    with pytest.raises(ExportError, match=r"ammann05\.wordpress\.000\.xml holds more than"):
        read_export(tmp_path / "export.zip")


def test_a_photo_larger_than_a_photo_can_be_is_left_out_and_named(tmp_path, monkeypatch):
    monkeypatch.setattr(media, "MAX_PHOTO_BYTES", 5_000, raising=False)
    made = tmp_path / "made"
    photo(made / "2019/05/small.jpg", (20, 20))
    big = made / "2019/05/big.png"
    big.parent.mkdir(parents=True, exist_ok=True)
    big.write_bytes(os.urandom(20_000))
    body = f'<p><img src="{UPLOADS}/2019/05/small.jpg"></p><p><img src="{UPLOADS}/2019/05/big.png" alt="Big"></p>'
    sources = {"folder": made}
    for kind in ("zip", "lying"):
        with zipfile.ZipFile(tmp_path / f"{kind}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(big, "2019/05/big.png")
        if kind == "lying":
            lie_about_sizes(tmp_path / "lying.zip", 100)
        with zipfile.ZipFile(tmp_path / f"{kind}.zip", "a") as archive:
            archive.write(made / "2019/05/small.jpg", "2019/05/small.jpg")
        sources[kind] = tmp_path / f"{kind}.zip"
    with tarfile.open(tmp_path / "media.tar", "w") as archive:
        archive.add(made, "uploads")
    sources["tar"] = tmp_path / "media.tar"
    for kind, source in sources.items():
        case = tmp_path / kind
        case.mkdir()
        text, content = run(case, item(1, "Sizes", body), media_source=source)
        assert (content / "images/2019/05/small.jpg").is_file(), kind
        assert not (content / "images/2019/05/big.png").exists(), kind
        assert "photo 2019/05/big.png: " in text and "not in the media archive" not in text, kind
        if kind != "lying":
            assert "photo 2019/05/big.png: larger than" in text, kind
        assert "<!-- photo not found:" in (content / "posts/sizes.md").read_text(), kind


def test_a_download_that_says_no_size_is_counted_as_it_comes(tmp_path, monkeypatch):
    monkeypatch.setattr(media, "MAX_PHOTO_BYTES", 5_000, raising=False)

    class Endless(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()  # no Content-Length: the bytes are all there is to go by
            self.wfile.write(b"\xff" * 50_000)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Endless)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        text, content = run(tmp_path, item(1, "Big", f'<p><img src="{host}/wp-content/uploads/2019/05/big.jpg"></p>'))
    finally:
        server.shutdown()
        server.server_close()
    assert not (content / "images/2019/05/big.jpg").exists()
    assert "photo 2019/05/big.jpg: larger than" in text


def test_a_failed_import_leaves_content_as_it_was(tmp_path, monkeypatch):
    made = tmp_path / "made"
    for name in ("a", "b", "c"):
        photo(made / f"2019/05/{name}.jpg")
    first = item(1, "Kept", "<p>x</p>", comments=[comment(5, "First")])
    run(tmp_path, first)
    content = tmp_path / "site/content"
    (content / "posts/hers.md").write_text("Title: Hers\n\nBy hand.\n")
    before = listing(tmp_path / "site")
    newer = [item(1, "Kept", "<p>x</p>", comments=[comment(5, "First"), comment(6, "Second")]),
             *(item(n, f"New {n}", f'<p><img src="{UPLOADS}/2019/05/{name}.jpg"></p>')
               for n, name in ((2, "a"), (3, "b"), (4, "c")))]
    calls = []
    replace = os.replace

    def fails_once_inside(source, target, *args, **kwargs):
        if str(target).startswith(str(content)) and not calls.append(target) and len(calls) == 3:
            raise KeyboardInterrupt  # Ctrl+C while the files go in
        return replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", fails_once_inside)
    with pytest.raises(KeyboardInterrupt):
        run(tmp_path, *newer, media_source=made)
    assert listing(tmp_path / "site") == before, "content/ exactly as it was"
    assert len(calls) >= 3, "it failed while the files went in"
    monkeypatch.setattr(os, "replace", replace)
    text, _ = run(tmp_path, *newer, media_source=made)
    assert text.startswith("Imported 3 posts and 0 pages (0 as drafts, 0 scheduled), 3 photos and 1 comments.")
    assert (content / "posts/hers.md").read_text() == "Title: Hers\n\nBy hand.\n"
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["content"], "no staging folder left behind"


def test_items_with_one_id_both_arrive(tmp_path):
    text, content = run(tmp_path, item(7, "One", "<p>first</p>"), item(7, "Two", "<p>second</p>"),
                        item(8, "Same", "<p>third</p>", slug="same"), item(8, "Same", "<p>fourth</p>", slug="same"))
    assert sorted(p.name for p in (content / "posts").iterdir()) == ["one.md", "same-2.md", "same.md", "two.md"]
    assert "fourth" in (content / "posts/same-2.md").read_text()
    assert text.startswith("Imported 4 posts")


def test_a_zip_of_several_xml_files_is_one_site(tmp_path):
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as archive:
        archive.writestr("ammann05.wordpress.2026-12-01.000.xml", export(item(1, "First", "<p>one</p>")))
        archive.writestr("ammann05.wordpress.2026-12-01.001.xml",
                         export(item(2, "Second", f'<p><a href="{SITE}/2019/05/20/first/">one</a></p>')))
    content = tmp_path / "content"
    report = import_wordpress(tmp_path / "export.zip", content)
    assert report.posts == 2
    assert "[one]({filename}/posts/first.md)" in (content / "posts/second.md").read_text()


def test_a_link_to_her_old_home_page_is_the_new_home_page(tmp_path):
    links = (f'<p><a href="{SITE}/">home</a> <a href="/">also home</a> <a href="">button</a> '
             f'<a href="{SITE}/?p=3">third</a></p>')
    write_content(tmp_path / "site/content", {})
    text, content = run(tmp_path, item(1, "Links", links), item(2, "Short", "<p>x</p>", link=f"{SITE}/?p=2"),
                        item(3, "Third", "<p>y</p>", link=f"{SITE}/?p=3"))
    body = (content / "posts/links.md").read_text()
    assert "[home]({index})" in body and "[also home]({index})" in body
    assert "[third]({filename}/posts/third.md)" in body
    assert "{filename}/posts/short.md" not in body
    build(SETTINGS, tmp_path / "output", overrides={"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache")})
    page = (tmp_path / "output/blog/links/index.html").read_text()
    assert 'href="/blog/third/"' in page and ">home</a>" in page
