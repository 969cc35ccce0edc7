"""The import benchmark's text fidelity: WordPress's visible words against a built page's, and what is lost."""

import pytest

from sitetools.bench import (
    fidelity,
    imported_slugs,
    lost_words,
    page_words,
    post_scores,
    report_theme_unit,
    run_theme_unit,
    visible_words,
    wordpress_words,
)
from sitetools.wordpress.export import Item

STRETCH = ("<!-- wp:paragraph --><p>Warm up &amp; stretch your hamstrings.</p><!-- /wp:paragraph -->"
           "<!-- wp:paragraph --><p>Hold each stretch for thirty seconds.</p><!-- /wp:paragraph -->"
           "<!-- wp:paragraph --><p>Rest on the easy days.</p><!-- /wp:paragraph -->")


def page(prose, around="<header class='post-header'><h1>Title words</h1></header>"):
    """Return a built post page with prose and the parts of a page that are not her text."""
    return (f"<html><body><nav>Home Blog</nav><main><article class='post'>{around}"
            f"<div class='prose'>{prose}</div><aside class='author-box'>About the author</aside></article>"
            "<section class='contact-cta'>Book a massage</section><section class='comments'>Great post</section>"
            "</main><footer>Copyright</footer></body></html>")


@pytest.mark.parametrize("html, words", [
    ("<!-- wp:paragraph --><p>Caf&eacute; &amp; pilates&#8217;s core</p><!-- /wp:paragraph -->",
     ["café", "pilates", "s", "core"]),
    ("<p>Mark<sup>up</sup> stays one word</p>", ["markup", "stays", "one", "word"]),
    ("<p>one</p><p>two</p><ul><li>three</li><li>four</li></ul>line<br>five", ["one", "two", "three", "four",
                                                                               "line", "five"]),
    ("<p>Shown</p><script>var hidden = 1;</script><style>p { color: red }</style><!--more-->",
     ["shown"]),
    ("<p>See https://www.youtube.com/watch?v=SQEQr7c0-dw here</p>", ["see", "here"]),
    ('<img src="a.jpg" alt="Alt text is not read"> Plain, text!', ["plain", "text"]),
])
def test_visible_words(html, words):
    assert visible_words(html) == words


@pytest.mark.parametrize("content, words", [
    ('[caption id="attachment_754" width="604"]<img src="bell.jpg" alt="Bell"> Bell on wharf[/caption]',
     ["bell", "on", "wharf"]),
    ('[caption id="attachment_612" caption="Chunk of husk, Clarkson."]<img src="husk.jpg">[/caption]',
     ["chunk", "of", "husk", "clarkson"]),
    ('Intro\n\n[gallery columns="3"]\n\n[audio https://example.com/blues.mp3]', ["intro"]),
    ("[embed]https://twitter.com/nacin/status/1[/embed] Tweet", ["tweet"]),
    ("beaching their coracles [simple boat].", ["beaching", "their", "coracles", "simple", "boat"]),
])
def test_wordpress_words_treat_shortcodes_as_wordpress_shows_them(content, words):
    assert wordpress_words(content) == words


def test_page_words_are_only_the_posts_own_text():
    assert page_words(page("<p>Her words</p>")) == ["her", "words"]
    assert page_words("<html><body><p>No article</p></body></html>") == []


def test_the_same_words_in_other_markup_are_all_there():
    wp = wordpress_words(STRETCH)
    shown = page_words(page("<p>Warm up &amp; stretch your <em>hamstrings</em>.</p>"
                            "<p>Hold each stretch for thirty seconds.</p><p>Rest on the easy days.</p>"))
    assert fidelity(wp, shown) == 1.0
    assert lost_words(wp, shown) == []


def test_a_page_missing_a_paragraph_loses_it_and_says_which():
    wp = wordpress_words(STRETCH)
    shown = page_words(page("<p>Warm up &amp; stretch your hamstrings.</p><p>Rest on the easy days.</p>"))
    assert fidelity(wp, shown) == pytest.approx(10 / 16)
    assert lost_words(wp, shown) == ["hold each stretch for thirty seconds"]


def test_words_elsewhere_on_the_page_do_not_count():
    wp = wordpress_words("<p>Book a massage</p><p>Great post</p>")
    assert fidelity(wp, page_words(page("<p>Something else</p>"))) == 0.0


def test_lost_runs_come_in_order_and_words_out_of_order_are_lost():
    wp = "one two three four five six".split()
    assert lost_words(wp, "one three four six".split()) == ["two", "five"]
    assert lost_words(wp, "five six one two three four".split()) == ["five six"]
    assert fidelity(wp, []) == 0.0 and lost_words(wp, []) == ["one two three four five six"]


def test_no_words_has_no_fidelity():
    assert fidelity([], ["anything"]) is None


def test_each_post_is_scored_against_its_own_built_page(tmp_path):
    posts = tmp_path / "content/posts"
    posts.mkdir(parents=True)
    (posts / "stretching.md").write_text("Title: Stretching\nSlug: stretching-2\nOld_url: /2019/05/stretching/\n\n"
                                         "Text.\n", encoding="utf-8")
    (posts / "rest.md").write_text("Title: Rest\nSlug: rest\n\nRest: the easy days.\n", encoding="utf-8")
    slugs = imported_slugs(posts)
    assert slugs == {"stretching": "stretching-2", "/2019/05/stretching/": "stretching-2", "rest": "rest"}
    output = tmp_path / "output"
    (output / "blog/stretching-2").mkdir(parents=True)
    (output / "blog/stretching-2/index.html").write_text(page("<p>Warm up &amp; stretch your hamstrings.</p>"),
                                                         encoding="utf-8")
    items = [Item("1", "post", title="Stretching &#8217;", slug="stretching", content=STRETCH,
                  link="https://old.example/2019/05/stretching/"),
             Item("2", "post", title="", slug="gone", content="<p>Never built</p>"),
             Item("3", "post", title="Empty", slug="rest", content="<!-- wp:spacer --><div></div>")]
    scores, wordless = post_scores(items, slugs, output)
    assert wordless == 1
    assert scores[0][0] == "Stretching ’" and scores[0][1] == pytest.approx(5 / 16)
    assert scores[0][2] == ["hold each stretch for thirty seconds rest on the easy days"]
    assert scores[1] == ("(no title)", 0.0, ["never built"])


def test_the_report_names_the_lowest_and_cuts_long_losses():
    figures = {"posts": 4, "wordless": 1, "seconds": 12.34,
               "scores": [("Fine", 1.0, []), ("Half", 0.5, ["word " * 40, "tail"]), ("Most", 0.9, ["a b"])]}
    lines = report_theme_unit(figures)
    assert lines[0] == ("Text fidelity on WordPress's theme-unit export (4 published posts, 1 without words left "
                        "out): lowest 0.50, median 0.90; imported and built in 12.3 s.")
    assert lines[1].startswith("  lowest: “Half” 0.50 — loses: word word") and lines[1].endswith(" …")
    assert len(lines[1]) < 150
    assert lines[2:] == ["  lowest: “Most” 0.90 — loses: a b", "  lowest: “Fine” 1.00 — loses: nothing"]


def test_without_the_export_the_figures_are_skipped_with_a_reason(tmp_path):
    missing = tmp_path / "theme-unit-test-data.xml"
    assert run_theme_unit(missing) is None
    assert report_theme_unit(None, missing) == [f"Text fidelity not measured: WordPress's theme-unit export is "
                                                f"not at {missing}."]
