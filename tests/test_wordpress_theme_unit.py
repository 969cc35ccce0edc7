"""WordPress's own theme-unit export, with stand-in photos at its addresses, imports and builds as the site."""

import hashlib
import shutil

import pytest
from conftest import ROOT, SETTINGS

from sitetools.build import build
from sitetools.wordpress.importer import import_wordpress
from sitetools.wordpress.sample import stand_in_photos

THEME_UNIT = ROOT.parent / "shared/corpora/wordpress/theme-unit-test-data.xml"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    if not THEME_UNIT.is_file():
        pytest.fail(f"{THEME_UNIT} is missing: the tests read WordPress's theme-unit export from ../shared/corpora")
    folder = tmp_path_factory.mktemp("theme-unit")
    names = stand_in_photos(THEME_UNIT, folder / "media")
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


def test_the_site_builds_right_after_the_import(imported):
    folder, content, _, _ = imported
    site = build(SETTINGS, folder / "output", overrides={"PATH": str(content), "CACHE_PATH": str(folder / "cache")})
    assert site.posts > 20
    assert (folder / "output/_redirects").is_file()


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
