"""Responsive images: versions in WebP and the original format, srcset and sizes, dimensions, lazy loading."""

from pathlib import Path

import pytest
from conftest import post
from PIL import ExifTags, Image
from responsive_images.resize import widths_for

from sitetools.build import BuildError


def photo(folder, name, size=(1600, 1000), colour=(200, 120, 40)):
    path = Path(folder) / "images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "JPEG")
    return path


def test_widths_are_those_below_the_image_and_its_own():
    assert widths_for(1600, (480, 800, 1200)) == [480, 800, 1200, 1600]
    assert widths_for(600, (480, 800, 1200)) == [480, 600]
    assert widths_for(300, (480, 800, 1200)) == [300]


def test_images_become_pictures_with_both_formats_and_dimensions(small_site, tmp_path):
    photo(tmp_path / "content", "hip.jpg")
    photo(tmp_path / "content", "small.jpg", size=(600, 400))
    body = "![First stretch]({static}/images/hip.jpg)\n\nText.\n\n![Second stretch](/images/small.jpg)"
    files = {"posts/x.md": post("Stretches", slug="x", body=body)}
    site = small_site(files, RESPONSIVE_IMAGE_CACHE=str(tmp_path / "c"))
    first, second = site.page("/blog/x/").select(".prose picture")
    webp = first.select_one('source[type="image/webp"]')
    assert webp["srcset"] == ("/images/hip-480w.webp 480w, /images/hip-800w.webp 800w, "
                              "/images/hip-1200w.webp 1200w, /images/hip-1600w.webp 1600w")
    img = first.select_one("img")
    assert img["srcset"].split(", ")[0] == "/images/hip-480w.jpg 480w"
    assert (img["width"], img["height"], img["alt"]) == ("1600", "1000", "First stretch")
    assert img["sizes"] == webp["sizes"] and "100vw" in img["sizes"]
    assert not img.has_attr("loading") and img["fetchpriority"] == "high", "the first image is not lazy"
    assert second.select_one("img")["loading"] == "lazy"
    assert (second.select_one("img")["width"], second.select_one("img")["height"]) == ("600", "400")
    for name in ("hip-480w.webp", "hip-1600w.jpg", "small-600w.webp", "small-480w.jpg"):
        assert (site.output / "images" / name).is_file(), name
    with Image.open(site.output / "images/hip-800w.webp") as made:
        assert made.format == "WEBP" and made.size == (800, 500)


def test_versions_are_cached_by_content(small_site, tmp_path):
    cache = tmp_path / "c"
    source = photo(tmp_path / "content", "hip.jpg")
    files = {"posts/x.md": post("X", slug="x", body="![A stretch]({static}/images/hip.jpg)")}
    small_site(files, RESPONSIVE_IMAGE_CACHE=str(cache))
    made = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(made) == 8  # four widths, two formats
    small_site(files, RESPONSIVE_IMAGE_CACHE=str(cache))
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == made, "nothing is made again"
    Image.new("RGB", (1600, 1000), (10, 200, 10)).save(source, "JPEG")
    small_site(files, RESPONSIVE_IMAGE_CACHE=str(cache))
    assert len(list(cache.iterdir())) == 16, "a changed image gets new versions"


def test_images_from_other_sites_are_left_alone(small_site):
    body = "![Logo](https://example.org/logo.png)"
    site = small_site({"posts/x.md": post("X", slug="x", body=body)})
    assert not site.page("/blog/x/").select("picture")


def test_the_contact_page_shows_the_sketch_map_as_a_responsive_image(site):
    assert not site.page("/about/").select(".prose picture"), "a location belongs on Contact, not About"
    picture = site.page("/contact/").select_one(".directions picture")
    img = picture.select_one("img")
    assert img["alt"].startswith("Sketch map: Linton lies about eleven miles south-east of Cambridge")
    assert (img["width"], img["height"]) == ("1600", "900")
    for candidate in picture.select_one("source")["srcset"].split(", "):
        assert (site.output / candidate.split()[0].lstrip("/")).is_file()


IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".ico", ".heic", ".heif", ".avif")


def phone_photo(folder, name, size=(400, 300), orientation=6, kind="JPEG"):
    """Write a photo as a phone stores it.

    On its side (left half red, right half blue), with an orientation tag, the camera's make,
    where it was taken (GPS) and XMP data.
    """
    path = Path(folder) / "images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (52.0, 5.0, 51.0)}
    image.save(path, kind, exif=exif.tobytes(), xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">home</x:xmpmeta>')
    return path


def personal_data(path):
    """Return what an image file carries beyond its pixels and colour profile (empty if nothing)."""
    with Image.open(path) as image:
        found = {key for key in image.info if key not in ("icc_profile", "dpi", "jfif", "jfif_version",
                                                          "jfif_unit", "jfif_density", "loop", "background",
                                                          "duration", "sizes", "transparency", "gamma")}
        if image.getexif():
            found.add("exif")
    raw = path.read_bytes()
    for marker in (b"PhoneMaker", b"xmpmeta", b"GPS"):
        if marker in raw:
            found.add(marker.decode())
    return found


def colour_at(image, x, y):
    """Return 'red' or 'blue' for the pixel at (x, y) of an RGB image."""
    red, _, blue = image.convert("RGB").getpixel((x, y))
    return "red" if red > blue else "blue"


def test_phone_photos_are_published_upright_with_their_shown_size(small_site, tmp_path):
    phone_photo(tmp_path / "content", "portrait.jpg", size=(1600, 1200), orientation=6)
    files = {"posts/x.md": post("X", slug="x", body="![Calf stretch]({static}/images/portrait.jpg)")}
    site = small_site(files)
    img = site.page("/blog/x/").select_one(".prose picture img")
    assert (img["width"], img["height"]) == ("1200", "1600"), "width and height follow the orientation"
    versions = sorted((site.output / "images").glob("portrait*"))
    assert {p.name for p in versions} >= {"portrait.jpg", "portrait-480w.webp", "portrait-1200w.jpg"}
    for path in versions:
        with Image.open(path) as made:
            width, height = made.size
            assert height > width, f"{path.name} is upright"
            assert colour_at(made, width // 2, height // 5) == "red", f"{path.name} is turned the right way"
            assert colour_at(made, width // 2, height * 4 // 5) == "blue"


def test_no_published_image_carries_location_or_camera_data(small_site, tmp_path):
    phone_photo(tmp_path / "content", "garden.jpg", orientation=1)
    phone_photo(tmp_path / "content", "room.png", orientation=8, kind="PNG")
    phone_photo(tmp_path / "content", "bridge.webp", orientation=3, kind="WEBP")
    body = "![Garden]({static}/images/garden.jpg)\n\n![Room]({static}/images/room.png)\n\n" \
           "![Bridge]({static}/images/bridge.webp)"
    site = small_site({"posts/x.md": post("X", slug="x", body=body)})
    published = [p for p in site.output.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES]
    assert {"garden.jpg", "room.png", "bridge.webp", "room-300w.webp"} <= {p.name for p in published}
    for path in published:
        assert not personal_data(path), f"{path.relative_to(site.output)} carries {personal_data(path)}"
    with Image.open(site.output / "images/room.png") as room:
        assert room.size == (300, 400) and colour_at(room, 150, 350) == "red", "orientation 8: red is at the bottom"


def test_the_real_site_publishes_no_image_with_personal_data(site):
    published = [p for p in site.output.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES]
    assert published
    for path in published:
        if path.suffix != ".ico":
            assert not personal_data(path), f"{path.relative_to(site.output)} carries {personal_data(path)}"


def test_heic_photos_are_published_as_jpeg_and_webp(small_site, tmp_path):
    import pillow_heif

    source = tmp_path / "content/images/iphone.heic"
    source.parent.mkdir(parents=True)
    image = Image.new("RGB", (900, 600), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 450, 600))
    exif = Image.Exif()
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (52.0, 5.0, 51.0)}
    pillow_heif.from_pillow(image).save(source, exif=exif.tobytes())
    site = small_site({"posts/x.md": post("X", slug="x", body="![Hip]({static}/images/iphone.heic)")})
    page = site.path("/blog/x/").read_text(encoding="utf-8")
    assert ".heic" not in page.lower()
    img = site.page("/blog/x/").select_one("picture img")
    assert img["src"] == "/images/iphone-900w.jpg" and (img["width"], img["height"]) == ("900", "600")
    assert not list(site.output.rglob("*.heic"))
    for name in ("iphone.jpg", "iphone-480w.jpg", "iphone-900w.webp"):
        assert not personal_data(site.output / "images" / name), name
    with Image.open(site.output / "images/iphone-480w.jpg") as made:
        assert made.format == "JPEG" and colour_at(made, 10, 100) == "red"


def test_big_photos_are_capped_and_the_original_is_published_only_when_asked(small_site, tmp_path):
    phone_photo(tmp_path / "content", "big.jpg", size=(3000, 2000), orientation=1)
    files = {"posts/x.md": post("X", slug="x", body="![Big]({static}/images/big.jpg)")}
    site = small_site(files, RESPONSIVE_IMAGE_LONGEST=1500)
    img = site.page("/blog/x/").select_one("picture img")
    assert (img["width"], img["height"]) == ("1500", "1000")
    assert img["src"] == "/images/big-1500w.jpg"
    assert not list((site.output / "images").glob("big-3000w*"))
    with Image.open(site.output / "images/big.jpg") as own:
        assert own.size == (1500, 1000), "the photo's own address holds the largest version"
    site = small_site(files, RESPONSIVE_IMAGE_LONGEST=1500, RESPONSIVE_IMAGE_FULL_SIZE=True)
    with Image.open(site.output / "images/big.jpg") as own:
        assert own.size == (3000, 2000)
    assert not personal_data(site.output / "images/big.jpg")


def test_an_image_that_cannot_be_read_is_named(small_site, tmp_path):
    broken = tmp_path / "content/images/broken.jpg"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"not really a photo")
    with pytest.raises(BuildError) as error:
        small_site({"posts/x.md": post("X", slug="x")})
    assert any(p.path == "content/images/broken.jpg" and "cannot be read" in p.what for p in error.value.errors), \
        error.value.problems


def test_progress_shows_the_count_and_time_left_only_once_work_takes_a_while(monkeypatch):
    import io

    from responsive_images import convert

    clock = iter([0.0, 0.5, 1.0, 2.5, 9.0, 10.0])
    monkeypatch.setattr(convert.time, "monotonic", lambda: next(clock))
    stream = io.StringIO()
    progress = convert.Progress(4, stream)
    for _ in range(4):
        progress.step()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "Preparing photos: 3 of 4, about 1 s left", "nothing in the first two seconds"
    assert lines[-1] == "Preparing photos: 4 of 4, about 0 s left", "the last count is always shown"
    assert len(lines) == 2, "not a terminal: a line every few seconds, not one per photo"


def test_a_photo_moved_beside_its_post_with_attach_is_published_there_without_personal_data(small_site, tmp_path):
    phone_photo(tmp_path / "content", "full.jpg")
    site = small_site({"posts/a.md": post("Stretch", "See [the whole photo]({attach}/images/full.jpg).", slug="a")})
    moved = site.output / "blog/a/full.jpg"
    assert site.page("/blog/a/").select_one('a[href$="full.jpg"]')["href"] == "/blog/a/full.jpg"
    assert moved.is_file() and personal_data(moved) == set()
    assert not (site.output / "images/full.jpg").exists(), "moved, as Pelican moves what {attach} names"


def heic_photo(folder, name, size=(600, 400)):
    """Write a photo as an iPhone saves it: HEIC, its name in capitals."""
    import pillow_heif

    path = Path(folder) / "images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    pillow_heif.from_pillow(Image.new("RGB", size, (200, 120, 40))).save(path)
    return path


def test_a_photo_name_written_in_other_capitals_is_found_and_published(small_site, tmp_path):
    heic_photo(tmp_path / "content", "IMG_4850.HEIC")
    body = "![A stretch]({static}/images/IMG_4850.heic)\n\n![Again](images/img_4850.heic)"
    site = small_site({"posts/x.md": post("X", slug="x", body=body, image="images/Img_4850.Heic")})
    page = site.page("/blog/x/")
    pictures = page.select(".prose picture img") + page.select("picture.post-cover img")
    assert [img["src"] for img in pictures] == ["/images/IMG_4850-600w.jpg"] * 3
    for name in ("IMG_4850-480w.webp", "IMG_4850-600w.jpg", "IMG_4850.jpg"):
        assert (site.output / "images" / name).is_file(), name


def test_a_different_photo_is_never_suggested(small_site, tmp_path):
    heic_photo(tmp_path / "content", "IMG_4822.heic")  # a name one letter case and two digits away
    with pytest.raises(BuildError) as raised:
        small_site({"posts/x.md": post("X", slug="x", body="![A stretch]({static}/images/IMG_4850.heic)")})
    assert [str(p) for p in raised.value.errors] == [
        "content/posts/x.md:7: the image '{static}/images/IMG_4850.heic' does not exist — check the file name: "
        "images go in content/images/"]


@pytest.mark.parametrize(("wanted", "names", "suggested"), [
    ("IMG_4850.heic", ["IMG_4822.heic", "IMG_4850.HEIC"], "IMG_4850.HEIC"),  # the same name in other capitals
    ("IMG_4850.jpg", ["IMG_4822.jpg", "IMG_4850.HEIC"], "IMG_4850.HEIC"),  # the same photo, another ending
    ("IMG_4850.heic", ["IMG_4822.heic"], None),  # another photo: the numbers differ
    ("IMG_4850.HEIC", ["IMG_4851.HEIC", "IMG_4805.HEIC"], None),
    ("stretch-2.jpg", ["stretch-1.jpg"], None),
    ("calf-strech.jpg", ["Calf-Stretch.jpg", "hip.jpg"], "Calf-Stretch.jpg"),  # a typo
])
def test_a_suggestion_is_the_same_name_or_a_typo_never_another_photo(tmp_path, wanted, names, suggested):
    from sitetools.sources import closest_file

    for name in names:
        (tmp_path / name).write_bytes(b"x")
    assert closest_file(tmp_path / wanted) == suggested


def test_a_link_to_a_file_in_other_capitals_says_to_write_the_same_capitals(tmp_path):
    from sitetools.sources import Source, read_source

    content = tmp_path / "content"
    heic_photo(content, "IMG_4850.HEIC")
    (content / "media").mkdir()
    (content / "media/Exercises.PDF").write_bytes(b"%PDF")
    path = content / "posts/x.md"
    path.parent.mkdir()
    body = "![A stretch]({static}/images/img_4850.heic) and [the exercises]({static}/media/exercises.pdf)"
    path.write_text(post("X", body), encoding="utf-8")
    source = read_source(Source(path, "content/posts/x.md", "post", content, static_paths=("images", "media")))
    assert [f"{p.line}: {p.what} — {p.fix}" for p in source.problems] == [
        "6: the link '{static}/media/exercises.pdf' points to a file that does not exist — the file is "
        "Exercises.PDF: write the name with the same capitals"]
