"""Images written as Markdown guides write them (images/x.jpg, ../images/x.jpg) work as {static} ones do."""

import pytest
from conftest import post
from PIL import Image
from responsive_images.paths import content_path, is_plain, static_link

from sitetools.build import BuildError
from sitetools.sources import PELICAN_KEYS, Source, read_source

# How the same photo is written: Pelican's {static}, from the content folder, from the post's own folder.
FORMS = {"static": "{static}/images/stretch.jpg", "content": "images/stretch.jpg", "post": "../images/stretch.jpg"}


def photo(content, name="stretch.jpg", size=(600, 400)):
    path = content / "images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (200, 120, 40)).save(path, "JPEG")
    return path


def page(title, body, slug):
    return f"Title: {title}\nSlug: {slug}\n\n{body}\n"


@pytest.mark.parametrize(("src", "plain"), [
    ("images/x.jpg", True), ("../images/x.jpg", True), ("x.jpg", True),
    ("https://example.org/x.jpg", False), ("/images/x.jpg", False), ("#top", False),
    ("data:image/png;base64,AAAA", False), ("{static}/images/x.jpg", False), ("mailto:a@example.org", False),
])
def test_only_paths_without_an_address_of_their_own_are_plain(src, plain):
    assert is_plain(src) is plain


@pytest.mark.parametrize(("src", "link"), [
    ("images/x.jpg", "{static}/images/x.jpg"),  # from the content folder: it starts with a static folder
    ("./images/x.jpg", "{static}/images/x.jpg"),
    ("../images/x.jpg", "{static}../images/x.jpg"),  # from the post's folder, as Pelican resolves {static}x
])
def test_a_plain_path_becomes_the_static_link_pelican_resolves(src, link):
    assert static_link(src, ["images", "media"]) == link


@pytest.mark.parametrize(("src", "folder", "expected"), [
    ("../images/x.jpg", "posts", "images/x.jpg"),
    ("../../images/x.jpg", "posts/2024", "images/x.jpg"),
    ("../images/x.jpg", "posts/2024", "posts/images/x.jpg"),  # as written: the source check names it
    ("../../images/x.jpg", "posts", None),  # outside the content folder
    ("images/x.jpg", "posts", "images/x.jpg"),
    ("{static}../images/x.jpg", None, "images/x.jpg"),  # the Markdown text alone: it climbs to the content folder
])
def test_a_path_from_the_post_is_read_from_its_folder(src, folder, expected):
    found = content_path(src, ["images"], folder=folder)
    assert (found and found.as_posix()) == expected


def test_plain_paths_from_the_content_folder_and_from_the_post_give_the_same_pages_as_static(small_site, tmp_path):
    photo(tmp_path / "content")
    files = {}
    for form, written in FORMS.items():
        body = f"Before.\n\n![A stretch]({written})\n\nAfter."
        files[f"posts/{form}.md"] = post(f"Post {form}", body, slug=f"post-{form}", image=written,
                                         image_alt="A calf stretch")
        files[f"pages/{form}.md"] = page(f"Page {form}", body, f"page-{form}")
    site = small_site(files)
    for kind in ("post", "page"):
        url = "/blog/post-{}/" if kind == "post" else "/page-{}/"
        shown = {form: site.page(url.format(form)).select_one(".prose picture") for form in FORMS}
        assert shown["static"] is not None
        assert shown["static"].select_one("img")["src"] == "/images/stretch-600w.jpg"
        for form in ("content", "post"):
            assert str(shown[form]) == str(shown["static"]), f"{kind}: {FORMS[form]}"
    covers = {form: site.page(f"/blog/post-{form}/").select_one("picture.post-cover") for form in FORMS}
    assert covers["static"] is not None and covers["static"].select_one("img")["alt"] == "A calf stretch"
    for form in ("content", "post"):
        assert str(covers[form]) == str(covers["static"]), f"cover: {FORMS[form]}"
    cards = [img["src"] for img in site.page("/").select(".post-card__image")]
    assert cards == ["/images/stretch-480w.webp"] * 3


def test_a_plain_image_path_in_raw_html_or_a_summary_is_converted_too(small_site, tmp_path):
    photo(tmp_path / "content")
    body = '<p><img src="images/stretch.jpg" alt="A stretch"></p>'
    site = small_site({"posts/x.md": post("X", body, slug="x", summary="![A stretch](../images/stretch.jpg)")})
    assert site.page("/blog/x/").select_one(".prose picture img")["src"] == "/images/stretch-600w.jpg"
    assert site.page("/").select_one("picture img")["src"] == "/images/stretch-600w.jpg"


def test_addresses_of_their_own_are_left_alone(small_site, tmp_path):
    photo(tmp_path / "content")
    body = "![Logo](https://example.org/logo.png)\n\n![Dot](data:image/gif;base64,R0lGODlhAQABAAAAACw=)"
    site = small_site({"posts/x.md": post("X", body, slug="x")})
    sources = [img["src"] for img in site.page("/blog/x/").select(".prose img")]
    assert sources == ["https://example.org/logo.png", "data:image/gif;base64,R0lGODlhAQABAAAAACw="]


def checked(tmp_path, text, name="posts/a.md", files=()):
    """Return the source check's problems for one file, as 'line: what — fix'."""
    content = tmp_path / "content"
    for extra in files:
        photo(content, extra)
    path = content / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    source = read_source(Source(path, f"content/{name}", "post", content, static_paths=("images", "media")),
                         (*PELICAN_KEYS, "image", "image_alt"))
    return [f"{p.line}: {p.what} — {p.fix}" for p in source.problems]


@pytest.mark.parametrize("written", ["images/stretch.jpg", "../images/stretch.jpg", "./images/stretch.jpg"])
def test_a_plain_path_to_a_photo_that_is_there_is_no_problem(tmp_path, written):
    text = post("X", f"![A stretch]({written})\n\n<img src=\"{written}\" alt=\"Again\">", image=written)
    assert checked(tmp_path, text, files=["stretch.jpg"]) == []


@pytest.mark.parametrize(("text", "line", "expected"), [
    (post("X", "Intro.\n\n![A stretch](images/gone.jpg)"), 8,
     "the image 'images/gone.jpg' does not exist — check the file name: images go in content/images/"),
    (post("X", "Intro.\n\n![A stretch](../images/strech.jpg)"), 8,
     "the image '../images/strech.jpg' does not exist — did you mean stretch.jpg?"),
    (post("X", '<img src="images/gone.jpg" alt="A stretch">'), 6,
     "the image 'images/gone.jpg' does not exist — check the file name: images go in content/images/"),
    (post("X", image="images/gone.jpg"), 5,
     "the image 'images/gone.jpg' does not exist — check the file name: images go in content/images/"),
])
def test_a_missing_plain_path_is_named_at_its_line(tmp_path, text, line, expected):
    assert checked(tmp_path, text, files=["stretch.jpg"]) == [f"{line}: {expected}"]


def test_words_in_a_detail_or_a_note_to_herself_are_no_image(tmp_path):
    text = post("X", "Intro.\n\n<!-- Imported: write what ![](…) shows -->", image_alt='<img src=x alt="">',
                summary="![A stretch](images/gone.jpg)")
    assert checked(tmp_path, text) == ["4: the image 'images/gone.jpg' does not exist — check the file name: "
                                       "images go in content/images/"], "only the summary is rendered as Markdown"


def test_a_plain_path_that_climbs_too_far_or_not_enough_says_how_to_write_it(tmp_path):
    text = post("X", "![A stretch](../images/stretch.jpg)")
    assert checked(tmp_path, text, name="posts/2024/a.md", files=["stretch.jpg"]) == [
        "6: the image '../images/stretch.jpg' does not exist — write it as images/stretch.jpg "
        "(from the content folder)"]


def test_plain_paths_shown_as_code_are_not_checked(tmp_path):
    text = post("X", "Write `![A stretch](images/x.jpg)`:\n\n    ![A stretch](images/y.jpg)\n")
    assert checked(tmp_path, text) == []


@pytest.mark.parametrize(("name", "body"), [
    ("posts/x.md", post("X", "Intro.\n\n![A stretch](images/gone.jpg)", slug="x")),
    ("pages/x.md", page("X", "Intro.\n\n![A stretch](../images/gone.jpg)", "x")),
])
def test_a_missing_plain_path_stops_the_build_named_at_its_line(small_site, name, body):
    with pytest.raises(BuildError) as raised:
        small_site({name: body})
    written = "images/gone.jpg" if name.startswith("posts") else "../images/gone.jpg"
    line = 9 if name.startswith("posts") else 6
    assert [str(p) for p in raised.value.errors] == [
        f"content/{name}:{line}: the image '{written}' does not exist — check the file name: images go in "
        "content/images/"]
