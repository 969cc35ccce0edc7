"""Click-to-load videos: a box and a link until the reader presses Play; the player only then, and only there."""


import pytest
from conftest import post
from videos.embed import video

from sitetools.serve import serving

YOUTUBE = "https://www.youtube-nocookie.com"
BODY = ("Some text.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n"
        "[Glute bridge, step by step](https://vimeo.com/76979871)\n\nMore text with "
        "[a link to a video](https://youtu.be/dQw4w9WgXcQ) in a sentence.\n")


@pytest.mark.parametrize(("address", "player"), [
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s", f"{YOUTUBE}/embed/dQw4w9WgXcQ?autoplay=1"),
    ("https://youtu.be/dQw4w9WgXcQ", f"{YOUTUBE}/embed/dQw4w9WgXcQ?autoplay=1"),
    ("https://m.youtube.com/shorts/dQw4w9WgXcQ", f"{YOUTUBE}/embed/dQw4w9WgXcQ?autoplay=1"),
    ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1"),
])
def test_video_addresses_are_recognised(address, player):
    assert video(address)[2] == player


@pytest.mark.parametrize("address", ["https://www.youtube.com/", "https://example.org/watch?v=dQw4w9WgXcQ",
                                     "javascript:alert(1)", "https://youtu.be/<script>", "https://vimeo.com/about"])
def test_other_addresses_are_not_videos(address):
    assert video(address) is None


@pytest.fixture
def video_site(small_site):
    return small_site({"posts/v.md": post("Bridges", slug="v", body=BODY),
                       "posts/plain.md": post("Plain", slug="plain")})


def test_a_paragraph_that_is_only_a_video_address_becomes_a_box_with_a_link(video_site):
    page = video_site.page("/blog/v/")
    first, second = page.select(".prose .video-box")
    assert first["data-video-src"] == f"{YOUTUBE}/embed/dQw4w9WgXcQ?autoplay=1"
    assert first.select_one(".video-box__title").get_text() == "Video on YouTube"
    assert first.select_one("a")["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "without JavaScript: a link"
    assert second.select_one(".video-box__title").get_text() == "Glute bridge, step by step", "her words are the title"
    assert second["data-video-src"].startswith("https://player.vimeo.com/video/76979871")
    assert page.select_one('.prose a[href="https://youtu.be/dQw4w9WgXcQ"]'), "a link within a sentence stays a link"
    assert not page.select("iframe"), "nothing is loaded from the video site until the reader asks"
    assert page.select_one('script[src*="/assets/video."]')


def test_only_pages_with_a_video_may_load_players(video_site):
    assert not video_site.page("/blog/plain/").select('script[src*="video"]')
    policy = video_site.page("/blog/plain/").select_one('meta[http-equiv="Content-Security-Policy"]')
    assert policy["content"] == "frame-src 'none'", "a post keeps its Copy link script"
    assert not video_site.page("/blog/v/").select('meta[http-equiv="Content-Security-Policy"]')
    rules = (video_site.output / "_headers").read_text().split("\n/")
    blog = next(rule for rule in rules if rule.startswith("blog/*"))
    assert "frame-src https://player.vimeo.com https://www.youtube-nocookie.com" in blog
    assert all("frame-src" not in rule for rule in rules if not rule.startswith("blog/*"))


def test_the_privacy_notice_speaks_of_videos_only_when_the_site_shows_one(small_site, tmp_path):
    from conftest import ROOT

    privacy = {"pages/privacy.md": (ROOT / "content/pages/privacy.md").read_text(encoding="utf-8")}
    site = small_site({"posts/v.md": post("Bridges", slug="v", body=BODY), **privacy})
    notice = " ".join(site.page("/privacy/").select_one(".video-privacy").get_text(" ").split())
    assert "plays from player.vimeo.com or www.youtube-nocookie.com" in notice and "until you press Play" in notice
    (tmp_path / "content/posts/v.md").unlink()
    site = small_site({"posts/plain.md": post("Plain", slug="plain"), **privacy})
    assert not site.page("/privacy/").select(".video-privacy")


def test_the_publish_build_gives_video_pages_their_own_policy(small_site):
    site = small_site({"posts/v.md": post("Bridges", slug="v", body=BODY)}, SECURITY_META=True)
    policy = site.page("/blog/v/").select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "frame-src https://player.vimeo.com https://www.youtube-nocookie.com" in policy
    assert "script-src 'self'" in policy


@pytest.mark.slow
def test_pressing_play_loads_the_player_and_nothing_before(video_site, chromium):
    with serving(video_site.output) as address:
        context = chromium.new_context(viewport={"width": 390, "height": 844})
        try:
            page = context.new_page()
            requests = []
            page.on("request", lambda request: requests.append(request.url))
            page.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(body="<p>player</p>",
                                                                                        content_type="text/html"))
            page.goto(address + "/blog/v/")
            page.wait_for_load_state("networkidle")
            assert all(url.startswith(address) for url in requests), "nothing from the video site before Play"
            from axe_playwright_python.sync_playwright import Axe

            results = Axe().run(page)
            assert results.violations_count == 0, results.generate_report()
            play = page.get_by_role("button", name="Play video: Video on YouTube")
            play.click()
            frame = page.locator("iframe.video-box__frame").first
            assert frame.get_attribute("src") == f"{YOUTUBE}/embed/dQw4w9WgXcQ?autoplay=1"
            assert frame.get_attribute("title") == "Video on YouTube"
            page.wait_for_load_state("networkidle")
            assert any(url.startswith(YOUTUBE) for url in requests)
            assert not any("youtube.com/" in url and "nocookie" not in url for url in requests)
        finally:
            context.close()


def test_the_writing_preview_keeps_its_reload_script_working(small_site):
    files = {"posts/v.md": post("Bridges", slug="v", body=BODY), "posts/plain.md": post("Plain", slug="plain")}
    site = small_site(files, WRITING_MODE=True)
    assert not site.page("/blog/plain/").select('meta[http-equiv="Content-Security-Policy"]')
