"""WordPress sites as they come: photos whose names end in sizes, old addresses, comments on pages."""

from pathlib import Path

import pytest

from sitetools.wordpress import media
from sitetools.wordpress.export import read_export
from sitetools.wordpress.sample import export, item

THEME_UNIT = Path(__file__).parent.parent.parent / "shared/corpora/wordpress/theme-unit-test-data.xml"
UPLOADS = "https://ammann05.files.wordpress.com/2019/05"
# What WordPress stores for an upload: its file and the sizes it made of it
CALF_METADATA = ('a:3:{s:5:"width";i:1200;s:4:"file";s:16:"2019/05/calf.jpg";s:5:"sizes";a:2:{'
                 's:9:"thumbnail";a:3:{s:4:"file";s:16:"calf-150x150.jpg";s:5:"width";i:150;s:9:"mime-type";'
                 's:10:"image/jpeg";}s:6:"medium";a:2:{s:4:"file";s:16:"calf-600x400.jpg";s:6:"height";i:400;}}}')


def attachment(id, name, metadata=""):
    """Return an attachment <item> for an upload, with its metadata when given."""
    text = item(id, name, kind="attachment", attachment_url=f"{UPLOADS}/{name}", status="inherit")
    meta = (f"<wp:postmeta><wp:meta_key>_wp_attachment_metadata</wp:meta_key>"
            f"<wp:meta_value><![CDATA[{metadata}]]></wp:meta_value></wp:postmeta>")
    return text.replace("</item>", meta + "</item>") if metadata else text


def test_php_metadata_is_read_without_running_it():
    value = media.php_value(CALF_METADATA)
    assert value["sizes"]["medium"]["file"] == "calf-600x400.jpg"
    assert media.php_value('s:4:"ünï";') is None  # the length counts bytes: ü and ï are two each
    assert media.php_value('s:5:"ünï";') == "ünï"
    assert media.php_value('O:8:"stdClass":0:{}') is None
    assert media.php_value('a:1:{i:0;s:1:"x";}trailing') is None


def test_sizes_are_what_the_export_says(tmp_path):
    (tmp_path / "export.xml").write_text(export(
        attachment(9, "calf.jpg", CALF_METADATA), attachment(10, "knee-150x150.jpg"),
    ), encoding="utf-8")
    known = media.resized_copies(read_export(tmp_path / "export.xml").items)
    assert media.original_key("2019/05/calf-600x400.jpg", known) == "2019/05/calf.jpg"
    assert media.original_key("2019/05/calf-150x150.jpg", known) == "2019/05/calf.jpg"
    assert media.original_key("2019/05/knee-150x150.jpg", known) == "2019/05/knee-150x150.jpg"
    assert media.original_key("2019/05/calf.jpg", known) == "2019/05/calf.jpg"


def test_the_theme_unit_photos_named_like_sizes_stay_four_photos():
    if not THEME_UNIT.is_file():
        pytest.skip(f"{THEME_UNIT} is missing: the shared corpora are not next to this checkout")
    known = media.resized_copies(read_export(THEME_UNIT).items)
    names = [f"2013/03/image-alignment-{size}.jpg" for size in ("150x150", "300x200", "580x300", "1200x4002")]
    assert [media.original_key(name, known) for name in names] == names


def test_a_photo_named_like_a_size_is_downloaded_from_its_own_address(tmp_path, monkeypatch):
    fetched = []

    def download(address, target, key):
        fetched.append(address)
        target.write_bytes(b"photo")

    class Progress:
        def step(self):
            pass

    monkeypatch.setattr(media, "download", download)
    wanted = {"2019/05/knee-150x150.jpg": ("2019/05/knee-150x150.jpg", f"{UPLOADS}/knee-150x150.jpg?w=150"),
              "2019/05/calf.jpg": ("2019/05/calf-600x400.jpg", f"{UPLOADS}/calf-600x400.jpg")}
    assert media.bring_photos(wanted, media.Library(), tmp_path, Progress()) == []
    assert sorted(fetched) == [f"{UPLOADS}/calf.jpg", f"{UPLOADS}/knee-150x150.jpg"]


def test_an_old_address_in_another_alphabet_is_forwarded_from_its_decoded_path(small_site):
    from conftest import post

    site = small_site({"posts/a.md": post("Japan", slug="japan", old_url="/2019/05/20/%e6%97%a5%e6%9c%ac/")})
    assert (site.output / "2019/05/20/日本/index.html").is_file()
    assert not (site.output / "2019/05/20/%e6%97%a5%e6%9c%ac").exists()
    assert "/2019/05/20/%E6%97%A5%E6%9C%AC/ /blog/japan/ 301\n" in (site.output / "_redirects").read_text()


def test_an_old_address_that_decodes_outside_the_site_is_named(small_site):
    from conftest import post

    from sitetools.build import BuildError

    with pytest.raises(BuildError) as raised:
        small_site({"posts/a.md": post("Out", slug="out", old_url="/2019/%2e%2e/%2e%2e/%2e%2e/escape/")})
    [error] = [str(e) for e in raised.value.errors]
    assert error.startswith("content/posts/a.md: 'Old_url: /2019/%2e%2e/%2e%2e/%2e%2e/escape/': its address, "
                            "decoded, leaves the site's folder")


def test_an_old_address_by_number_gets_a_query_rule_and_no_page(small_site):
    from conftest import post

    site = small_site({"posts/a.md": post("Hips", slug="hips", old_url="/?p=123")})
    assert "/ p=123 /blog/hips/ 301!\n" in (site.output / "_redirects").read_text()
    assert not [p for p in site.output.rglob("*") if "?" in p.name or "p=123" in p.name]


COMMENTS = ('[[comment]]\nid = 1\nparent = 0\nname = "Sarah"\ndate = 2019-05-21\ntext = "Lovely page."\n\n'
            '[[comment]]\nid = 2\nparent = 1\nname = "ammann05"\ndate = 2019-05-22\ntext = "Thank you."\n')


def test_a_page_shows_its_earlier_comments_and_its_file_is_not_called_an_orphan(small_site):
    page = "Title: Treatments\nSlug: treatments\n\nWhat I treat.\n"
    site = small_site({"pages/treatments.md": page, "comments/treatments.toml": COMMENTS,
                       "comments/treatment.toml": COMMENTS})
    section = site.page("/treatments/").select_one(".earlier-comments")
    assert section, "the page's earlier comments are shown"
    assert [a["aria-label"] for a in section.select(".earlier-comment")] == ["Comment by Sarah", "Comment by ammann05"]
    said = [str(w) for w in site.result.warnings if "comments/" in str(w)]
    assert said == ["content/comments/treatment.toml: these comments belong to no post (no post has the slug "
                    "'treatment') — rename the file to match its post, e.g. treatments.toml"]


@pytest.mark.parametrize("options", [{}, {"search_page": True}, {"post": True},
                                     {"video_frames": ("https://player.vimeo.com",)}])
def test_the_policy_lets_audio_and_video_play_from_the_site_only(options):
    from hosting.security import content_security_policy, policy_text

    policy = content_security_policy({}, **options)
    assert policy["media-src"] == ["'self'"]
    assert "media-src 'self';" in policy_text(policy, for_meta=True)
