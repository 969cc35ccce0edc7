"""What a post's header cannot change (the security policy, another page's share image); comments without a post."""

import pytest
from conftest import post

WATCH = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
EVIL = "evil.example.com"
COMMENTS = '[[comment]]\nid = 1\nparent = 0\nname = "Sarah"\ndate = 2019-05-21\ntext = "Does this help?"\n'


def header_rules(site):
    """Return {rule path: text of its headers} from the site's _headers."""
    text = (site.output / "_headers").read_text(encoding="utf-8")
    return {block.split("\n", 1)[0]: block for block in text.split("\n/")}


def meta_policy(site, url):
    """Return the page's <meta> security policy, or None."""
    tag = site.page(url).select_one('meta[http-equiv="Content-Security-Policy"]')
    return tag and tag["content"]


@pytest.fixture
def forged_video(small_site):
    """Build a post whose header names a player, beside a post with a real video."""

    def make(**settings):
        files = {"posts/forged.md": post("Forged", slug="forged", video_frames=f"https://{EVIL}"),
                 "posts/v.md": post("Bridges", slug="v", body=f"Some text.\n\n{WATCH}\n")}
        return small_site(files, **settings)

    return make


def test_a_header_line_cannot_add_a_player_to_the_headers(forged_video):
    site = forged_video()
    assert EVIL not in (site.output / "_headers").read_text(encoding="utf-8")
    blog = header_rules(site)["blog/*"]
    assert "frame-src https://www.youtube-nocookie.com\n" in blog.replace(";", "\n"), "the real video's player only"
    assert meta_policy(site, "/blog/forged/") == "frame-src 'none'", "the forged post loads no player"
    assert not site.page("/blog/forged/").select('script[src*="/assets/video."]')
    assert meta_policy(site, "/blog/v/") is None, "the post with the video keeps its section's policy"
    said = [str(w) for w in site.result.warnings if "Video_frames" in str(w)]
    assert said == ["content/posts/forged.md:6: 'Video_frames:' is not a detail this site uses, so it is ignored "
                    "— remove the line if it is a mistake"], "and the build says the line has no effect"


def test_a_header_line_cannot_add_a_player_to_a_published_page(forged_video):
    site = forged_video(SECURITY_META=True)
    forged = meta_policy(site, "/blog/forged/")
    assert "frame-src" not in forged and EVIL not in forged
    assert "https://www.youtube-nocookie.com" in meta_policy(site, "/blog/v/").partition("frame-src")[2]
    assert all(EVIL not in path.read_text(encoding="utf-8") for path in site.html_files())


def og_image(site, url):
    """Return the site path of a page's og:image, and the file it names in the built site."""
    address = site.page(url).select_one('meta[property="og:image"]')["content"]
    path = "/" + address.split("://", 1)[-1].partition("/")[2] if "://" in address else address
    return path, site.output / path.lstrip("/")


def test_a_translation_has_a_share_image_of_its_own(small_site):
    site = small_site({"posts/calves.md": post("Tight calves", slug="calves"),
                       "posts/calves-fr.md": post("Mollets raides", slug="calves", lang="fr", translation="true")})
    (french,) = [p for p in site.html_files() if '<html lang="fr"' in p.read_text(encoding="utf-8")]
    original, original_file = og_image(site, "/blog/calves/")
    translation, translation_file = og_image(site, "/" + french.relative_to(site.output).as_posix())
    assert original != translation
    assert original_file.is_file() and translation_file.is_file()
    assert original_file.read_bytes() != translation_file.read_bytes(), "each shows its own title"


def test_a_post_with_the_slug_site_leaves_the_site_image_alone(small_site):
    site = small_site({"posts/site.md": post("About this site", slug="site")})
    home, home_file = og_image(site, "/")
    own, own_file = og_image(site, "/blog/site/")
    assert home == "/images/share/site.png" and own != home
    assert home_file.is_file() and own_file.is_file()
    assert home_file.read_bytes() != own_file.read_bytes(), "the site's image shows the site's name"


@pytest.mark.parametrize(("save_as", "image"), [
    ("blog/calves/index.html", "images/share/blog/calves.png"),
    ("calves-fr.html", "images/share/calves-fr.html.png"),
    ("blog/calves.html", "images/share/blog/calves.html.png"),
    ("site/index.html", "images/share/site/index.html.png"),
])
def test_share_images_are_named_by_the_page_file(save_as, image):
    from share_image.plugin import DEFAULTS, share_image_path

    assert share_image_path(save_as, DEFAULTS) == image


def test_comments_of_a_renamed_post_are_named_with_the_post_they_likely_belong_to(small_site):
    site = small_site({"posts/h.md": post("Hamstrings", slug="hamstring-care-for-runners"),
                       "posts/c.md": post("Calves", slug="calves"),
                       "posts/g.md": post("Glutes", slug="glute-bridges", old_url="/2019/05/20/favourite-exercise/"),
                       "comments/hamstring-care.toml": COMMENTS, "comments/calves.toml": COMMENTS,
                       "comments/favourite-exercise.toml": COMMENTS, "comments/zz-9.toml": COMMENTS})
    said = sorted(str(w) for w in site.result.warnings if "comments/" in str(w))
    assert said == [
        "content/comments/favourite-exercise.toml: these comments belong to no post (no post has the slug "
        "'favourite-exercise') — rename the file to match its post, e.g. glute-bridges.toml",
        "content/comments/hamstring-care.toml: these comments belong to no post (no post has the slug "
        "'hamstring-care') — rename the file to match its post, e.g. hamstring-care-for-runners.toml",
        "content/comments/zz-9.toml: these comments belong to no post (no post has the slug 'zz-9') — rename "
        "the file to the slug of its post (the last part of its address), or delete it if the post is gone",
    ]
    assert site.page("/blog/calves/").select_one(".earlier-comments"), "a file that matches its post is shown"


def test_a_share_image_is_a_4_bit_png_in_the_theme_colours_with_smooth_edges(tmp_path):
    from PIL import Image
    from share_image.draw import MARGIN, SIZE, draw_image

    background, ink = (11, 97, 87), (255, 255, 255)  # the light scheme's accent and on-accent tokens
    title = "If running becomes a pain in the butt: what your glutes and hamstrings are telling you"
    first, again = tmp_path / "first.png", tmp_path / "again.png"
    for path in (first, again):
        draw_image(title, "Linton Soft Tissue Therapy & Pilates", {"accent": "#0b6157", "on-accent": "#ffffff"}, path)
    data = first.read_bytes()
    assert data == again.read_bytes(), "the same title draws the same image"
    assert data[12:16] == b"IHDR" and (data[24], data[25]) == (4, 3), "a 4-bit palette PNG: quick to write"
    with Image.open(first) as image:
        image.verify()
    with Image.open(first) as image:
        assert image.format == "PNG" and image.size == SIZE == (1200, 630)
        rgb = image.convert("RGB")
    counts = rgb.getcolors(256)
    assert max(counts)[1] == background == rgb.getpixel((5, 5)), "the text stands on the accent colour"
    assert rgb.getpixel((MARGIN + 60, SIZE[1] - 127)) == ink, "the rule under the title is drawn in full ink"
    used = {colour for _, colour in counts}
    assert len(used) > 2, "the edges of the letters are anti-aliased"
    span = [i - b for i, b in zip(ink, background, strict=True)]
    for colour in used:
        share = sum((c - b) * s for c, b, s in zip(colour, background, span, strict=True)) / sum(s * s for s in span)
        on_line = all(abs(c - (b + share * s)) <= 1 for c, b, s in zip(colour, background, span, strict=True))
        assert 0 <= share <= 1 and on_line, f"{colour} is not a shade between the two theme colours"
