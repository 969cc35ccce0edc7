"""What a post's header cannot change: the security policy."""

import pytest
from conftest import post

WATCH = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
EVIL = "evil.example.com"


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

