"""The link checker finds what a reader would trip over, and nothing else."""

from conftest import write_content

from sitetools.linkcheck import check_site


def findings(tmp_path, files, site_url=""):
    write_content(tmp_path, files)
    return sorted((b.page, b.target) for b in check_site(tmp_path, site_url))


def test_working_links_pass(tmp_path):
    files = {
        "index.html": '<a href="/about/">a</a> <a href="about/#team">b</a> <a href="#top">c</a><p id="top"></p>'
                      '<img src="img/a.png" srcset="img/a.png 1x, img/b.png 2x"><a href="mailto:x@example.com">m</a>'
                      '<a href="https://example.org/x">ext</a><a href="tel:+441632960123">t</a><a href="#">top</a>',
        "about/index.html": '<h2 id="team">Team</h2><a href="../">home</a><a href="/index.html">home</a>',
        "img/a.png": "png",
        "img/b.png": "png",
    }
    assert findings(tmp_path, files) == []


def test_broken_links_assets_and_anchors_are_found(tmp_path):
    files = {
        "index.html": '<a href="/missing/">a</a><img src="nope.png"><link rel="stylesheet" href="/css/x.css">'
                      '<a href="/about/#nobody">b</a><img srcset="ok.png 1x, gone.png 2x">'
                      '<a href="../../etc/passwd">c</a>',
        "about/index.html": "<p>About</p>",
        "ok.png": "png",
    }
    assert findings(tmp_path, files) == [
        ("/index.html", "../../etc/passwd"),
        ("/index.html", "/about/#nobody"),
        ("/index.html", "/css/x.css"),
        ("/index.html", "/missing/"),
        ("/index.html", "gone.png"),
        ("/index.html", "nope.png"),
    ]


def test_absolute_links_to_the_site_itself_are_checked(tmp_path):
    files = {"index.html": '<a href="https://www.example.com/about/">a</a><a href="https://www.example.com/">h</a>'}
    assert findings(tmp_path, files, "https://www.example.com") == [("/index.html", "https://www.example.com/about/")]


def test_message_names_page_link_and_reason(tmp_path):
    write_content(tmp_path, {"blog/index.html": '<a href="/gone/">x</a>'})
    assert [str(b) for b in check_site(tmp_path)] == ["/blog/index.html: /gone/ — no such file in the built site"]


def test_markup_inside_scripts_styles_and_comments_is_not_a_link(tmp_path):
    files = {"index.html": '<script src="/app.js">let a = "<a href=\\"/gone/\\">";</script>'
                           '<style>a[href="/nope/"]{}</style><!-- <a href="/old/">old</a> -->'
                           "<a href=/missing/ id=top>unquoted</a><a href='/about/#team'>single</a>",
             "app.js": "", "about/index.html": "<h2 id='team'>Team</h2>"}
    assert findings(tmp_path, files) == [("/index.html", "/missing/")]


def test_cached_parses_follow_the_page_content(tmp_path):
    cache = tmp_path / "cache.pickle"
    site = tmp_path / "site"
    write_content(site, {"index.html": '<a href="/a/">a</a>', "a/index.html": "<p>A</p>"})
    assert check_site(site, cache_file=cache) == []
    write_content(site, {"index.html": '<a href="/b/">b</a>'})
    assert [b.target for b in check_site(site, cache_file=cache)] == ["/b/"], "a changed page is parsed again"
    cache.write_bytes(b"damaged")
    assert [b.target for b in check_site(site, cache_file=cache)] == ["/b/"]
