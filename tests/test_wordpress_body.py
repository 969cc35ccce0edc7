"""A WordPress post's HTML becomes the site's Markdown: nothing she wrote or showed is lost on the way.

The snippets are copied from WordPress's own theme unit test export
(../shared/corpora/wordpress/theme-unit-test-data.xml), each named by its item.
"""

import markdown
import pytest
from bs4 import BeautifulSoup

from sitetools.wordpress.body import summary, to_markdown

UPLOADS = "https://wpthemetestdata.files.wordpress.com"
SITE = "https://wpthemetestdata.wordpress.com"


def image_path(src):
    """Her photos are the test data's uploads; others are from other sites."""
    return "{static}/images/" + src.split("/", 3)[3].split("?")[0] if src.startswith(UPLOADS) else None


def convert(html, classic=None, link_path=lambda href: None, **callbacks):
    """Return the Body of html, converted with the importer's kind of callbacks."""
    classic = "<!-- wp:" not in html if classic is None else classic
    return to_markdown(html, image_path=image_path, link_path=link_path, gallery_images=lambda ids: [],
                       classic=classic, **callbacks)


def rendered(text):
    """Return the Markdown as the site renders it, parsed."""
    html = markdown.markdown(text, extensions=["extra", "sane_lists", "smarty", "toc"])
    return BeautifulSoup(html, "html.parser")


# Item 1178 "Markup: HTML Tags and Formatting" (classic editor): a table straight after a line of text.
CLASSIC_TABLE = """Single line blockquote:
<blockquote>Stay hungry. Stay foolish.</blockquote>
<cite>multiple contributors</cite> - MDN HTML element reference - blockquote
<h2>Tables</h2>
<table>
<thead>
<tr>
<th>Employee</th>
<th>Salary</th>
<th></th>
</tr>
</thead>
<tbody>
<tr>
<th><a href="http://example.org/">John Doe</a></th>
<td>$1</td>
<td>Because that's all Steve Jobs needed for a salary.</td>
</tr>
<tr>
<th><a href="http://example.org/">Jane Doe</a></th>
<td>$100K</td>
<td>For all the blogging she does.</td>
</tr>
</tbody>
</table>
<h2>Definition Lists</h2>"""


def test_a_classic_table_keeps_its_rows_without_line_breaks_in_its_cells():
    text = convert(CLASSIC_TABLE).markdown
    assert "<br>" not in text
    page = rendered(text)
    rows = [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in page.select("table tr")]
    assert rows == [["Employee", "Salary", ""],
                    ["John Doe", "$1", "Because that’s all Steve Jobs needed for a salary."],
                    ["Jane Doe", "$100K", "For all the blogging she does."]]
    assert page.select_one("blockquote").get_text(strip=True) == "Stay hungry. Stay foolish."


# Item 1752 "Block: Gallery": the older gallery block, a list of figures, each linked to its attachment page.
OLD_GALLERY = """<!-- wp:gallery {"ids":[],"linkTo":"attachment","className":"alignfull"} -->
<figure class="wp-block-gallery columns-3 is-cropped alignfull"><ul class="blocks-gallery-grid"><li class="blocks-gallery-item"><figure><a href="https://wpthemetestdata.wordpress.com/2010/09/10/post-format-gallery/cep00032/"><img src="https://wpthemetestdata.files.wordpress.com/2008/06/cep00032.jpg" alt="Sunburst Over River" data-id="756" data-link="https://wpthemetestdata.wordpress.com/2010/09/10/post-format-gallery/cep00032/" class="wp-image-756"/></a><figcaption class="blocks-gallery-item__caption">Sunburst over the Clinch River,
Southwest Virginia.</figcaption></figure></li><li class="blocks-gallery-item"><figure><a href="https://wpthemetestdata.wordpress.com/2010/09/10/post-format-gallery/dcp_2082/"><img src="https://wpthemetestdata.files.wordpress.com/2008/06/dcp_2082.jpg" alt="Boardwalk" data-id="757" data-link="https://wpthemetestdata.wordpress.com/2010/09/10/post-format-gallery/dcp_2082/" class="wp-image-757"/></a><figcaption class="blocks-gallery-item__caption">Boardwalk at Westport, WA</figcaption></figure></li><li class="blocks-gallery-item"><figure><a href="https://wpthemetestdata.files.wordpress.com/2014/01/spectacles.gif"><img src="https://wpthemetestdata.files.wordpress.com/2014/01/spectacles.gif" alt="" data-id="1692" data-link="https://wpthemetestdata.wordpress.com/about/clearing-floats/spectacles-2/" class="wp-image-1692"/></a></figure></li></ul><figcaption class="blocks-gallery-caption"><em>(gallery caption)</em> 3 column, full width, cropped, <strong>linked to attachment pages</strong></figcaption></figure>
<!-- /wp:gallery -->"""  # noqa: E501 (as the export has it)

# Item 21 "WP 6.1 Media category blocks": the newer gallery block, image blocks nested in it.
NESTED_GALLERY = """<!-- wp:gallery {"linkTo":"none"} -->
<figure class="wp-block-gallery has-nested-images columns-default is-cropped"><!-- wp:image {"id":755,"sizeSlug":"large","linkDestination":"none"} -->
<figure class="wp-block-image size-large"><img src="https://wpthemetestdata.files.wordpress.com/2008/06/100_5540.jpg" alt="Golden Gate Bridge" class="wp-image-755"/><figcaption class="wp-element-caption">Golden Gate Bridge</figcaption></figure>
<!-- /wp:image -->

<!-- wp:image {"id":770,"sizeSlug":"full","linkDestination":"none"} -->
<figure class="wp-block-image size-full"><img src="https://wpthemetestdata.files.wordpress.com/2008/06/img_0767.jpg" alt="Huatulco Coastline" class="wp-image-770"/><figcaption class="wp-element-caption">Coastline in Huatulco, Oaxaca, Mexico</figcaption></figure>
<!-- /wp:image -->

<!-- wp:image {"id":617,"sizeSlug":"full","linkDestination":"none"} -->
<figure class="wp-block-image size-full"><img src="https://wpthemetestdata.files.wordpress.com/2008/06/dsc20050813_115856_52.jpg" alt="dsc20050813_115856_52" class="wp-image-617"/></figure>
<!-- /wp:image --></figure>
<!-- /wp:gallery -->"""  # noqa: E501


def words(element):
    """Return an element's text, its words spaced as they read."""
    return " ".join(element.get_text().split())


def photos(page):
    """Return (address, caption) of each photo on a rendered page, in order."""
    return [(image["src"], words(caption) if (caption := image.find_next_sibling("figcaption"))
             else None) for image in page.find_all("img")]


def test_an_older_gallery_block_keeps_every_photo_and_caption_in_order():
    page = rendered(convert(OLD_GALLERY).markdown)
    assert photos(page) == [
        ("{static}/images/2008/06/cep00032.jpg", "Sunburst over the Clinch River, Southwest Virginia."),
        ("{static}/images/2008/06/dcp_2082.jpg", "Boardwalk at Westport, WA"),
        ("{static}/images/2014/01/spectacles.gif", None)]
    assert "(gallery caption) 3 column, full width, cropped, linked to attachment pages" in words(page)
    assert page.select_one("em").get_text() == "(gallery caption)"


def test_a_gallery_of_nested_image_blocks_keeps_every_photo_and_caption_in_order():
    page = rendered(convert(NESTED_GALLERY).markdown)
    assert photos(page) == [("{static}/images/2008/06/100_5540.jpg", "Golden Gate Bridge"),
                            ("{static}/images/2008/06/img_0767.jpg", "Coastline in Huatulco, Oaxaca, Mexico"),
                            ("{static}/images/2008/06/dsc20050813_115856_52.jpg", None)]


# Item 1177 "Markup: Image Alignment": a caption with a link in it.
CAPTION_WITH_LINK = ('[caption id="attachment_906" align="aligncenter" width="580"]<img '
                     'class="size-full wp-image-906  " title="Image Alignment 580x300" alt="Image Alignment 580x300" src="https://wpthemetestdata.files.'
                     'wordpress.com/2013/03/image-alignment-580x300.jpg" width="580" height="300" /> Look at 580x300 '
                     'getting some <a title="Image Settings" href="https://en.support.wordpress.com/images/image-'
                     'settings/">caption</a> love.[/caption]\n\nThe image above happens to be <em><strong>centered'
                     '</strong></em>.')
# Item 1738 "Block category: Embeds": an embed's caption.
EMBED_CAPTION = """<!-- wp:core-embed/youtube {"url":"https://youtu.be/ex8fMxXJDJw","type":"video","providerNameSlug":"youtube","className":"wp-embed-aspect-16-9 wp-has-aspect-ratio"} -->
<figure class="wp-block-embed-youtube wp-block-embed is-type-video is-provider-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">
https://youtu.be/ex8fMxXJDJw
</div><figcaption>YouTube<br></figcaption></figure>
<!-- /wp:core-embed/youtube -->"""  # noqa: E501


def test_a_caption_keeps_its_text_and_its_link():
    page = rendered(convert(CAPTION_WITH_LINK).markdown)
    caption = page.select_one("figure figcaption")
    assert words(caption) == "Look at 580x300 getting some caption love."
    assert caption.a["href"] == "https://en.support.wordpress.com/images/image-settings/"
    assert page.select_one("figure img")["src"] == "{static}/images/2013/03/image-alignment-580x300.jpg"


def test_an_embeds_caption_follows_its_address():
    text = convert(EMBED_CAPTION).markdown
    assert text.startswith("https://youtu.be/ex8fMxXJDJw\n\nYouTube")


def test_superscript_and_subscript_stay():
    # Item 1178 "Markup: HTML Tags and Formatting".
    html = ("<strong>Subscript Tag</strong>\n\nGetting our science styling on with H<sub>2</sub>O, which should push "
            'the "2" down.\n\n<strong>Superscript Tag</strong>\n\nStill sticking with science and Albert Einstein\'s '
            'E = MC<sup>2</sup>, which should lift the 2 up.')
    page = rendered(convert(html).markdown)
    assert [(tag.name, tag.get_text(), tag.previous_sibling[-1:]) for tag in page.select("sub, sup")] == \
        [("sub", "2", "H"), ("sup", "2", "C")]


# Item 1747 "Block: Button": buttons with no address, and one with an address.
BUTTONS = """<!-- wp:button {"align":"left"} -->
<div class="wp-block-button alignleft"><a class="wp-block-button__link">Left aligned<br></a></div>
<!-- /wp:button -->

<!-- wp:button {"className":"is-style-outline"} -->
<div class="wp-block-button is-style-outline"><a class="wp-block-button__link">Outline<br></a></div>
<!-- /wp:button -->

<!-- wp:button -->
<div class="wp-block-button"><a class="wp-block-button__link" href="https://wordpress.org/gutenberg/handbook/extensibility/theme-support/#block-color-palette">Read more about the color palettes in the handbook.</a></div>
<!-- /wp:button -->"""  # noqa: E501


def test_a_button_without_an_address_is_plain_text():
    # Her old site's front page is its root address, so an empty address must not become a link to it.
    def link_path(href):
        return "{filename}/pages/home.md" if href.strip("/") in ("", SITE) else None

    page = rendered(convert(BUTTONS, link_path=link_path).markdown)
    assert [(link.get_text(), link["href"]) for link in page.find_all("a")] == [
        ("Read more about the color palettes in the handbook.",
         "https://wordpress.org/gutenberg/handbook/extensibility/theme-support/#block-color-palette")]
    assert "Left aligned" in words(page) and "Outline" in words(page)


def media_path(src):
    """Her audio and video files are the test data's uploads."""
    return "{static}/media/" + src.split("/", 3)[3] if src.startswith(UPLOADS) else None


def players(page):
    """Return (element, its file addresses, its poster, its fallback link) of each player on a rendered page."""
    return [(player.name, [source["src"] for source in [player, *player.find_all("source")] if source.get("src")],
             player.get("poster"), player.a["href"]) for player in page.find_all(["audio", "video"])
            if player.has_attr("controls")]


def test_an_audio_shortcode_becomes_a_player_of_her_file():
    # Item 587 "Post Format: Audio".
    html = ("Link:\n\n<a href=\"https://wpthemetestdata.files.wordpress.com/2008/06/originaldixielandjazzbandwithalbernard"
            "-stlouisblues.mp3\">St. Louis Blues</a>\n\nAudio shortcode:\n\n[audio https://wpthemetestdata.files."
            "wordpress.com/2008/06/originaldixielandjazzbandwithalbernard-stlouisblues.mp3]")
    body = convert(html, media_path=media_path)
    address = "{static}/media/2008/06/originaldixielandjazzbandwithalbernard-stlouisblues.mp3"
    assert players(rendered(body.markdown)) == [("audio", [address], None, address)]
    assert "[audio" not in body.markdown and body.unknown_shortcodes == []


def test_a_video_shortcode_becomes_a_player_with_its_poster():
    # [video] as WordPress's media library writes it, with the test data's video and photo.
    html = ('[video width="1280" height="720" mov="https://wpthemetestdata.files.wordpress.com/2013/12/2014-slider-'
            'mobile-behavior.mov" poster="https://wpthemetestdata.files.wordpress.com/2008/06/dsc20050727_091048_222.jpg"]'
            '[/video]')
    body = convert(html, media_path=media_path)
    address = "{static}/media/2013/12/2014-slider-mobile-behavior.mov"
    assert players(rendered(body.markdown)) == [
        ("video", [address], "{static}/images/2008/06/dsc20050727_091048_222.jpg", address)]


# Item 1730 "Block category: Common": audio and video blocks, one with a caption, one with a poster.
MEDIA_BLOCKS = """<!-- wp:audio {"id":821} -->
<figure class="wp-block-audio"><audio controls src="https://wpthemetestdata.files.wordpress.com/2008/06/originaldixielandjazzbandwithalbernard-stlouisblues.mp3"></audio></figure>
<!-- /wp:audio -->

<!-- wp:video {"id":1690} -->
<figure class="wp-block-video"><video controls loop src="https://wpthemetestdata.files.wordpress.com/2013/12/2014-slider-mobile-behavior.mov"></video><figcaption>This is a video block caption.</figcaption></figure>
<!-- /wp:video -->

<!-- wp:video {"id":1690} -->
<figure class="wp-block-video"><video controls muted poster="https://wpthemetestdata.files.wordpress.com/2008/06/dsc20050727_091048_222.jpg" src="https://wpthemetestdata.files.wordpress.com/2013/12/2014-slider-mobile-behavior.mov"></video></figure>
<!-- /wp:video -->"""  # noqa: E501


def test_audio_and_video_blocks_stay_players():
    page = rendered(convert(MEDIA_BLOCKS, media_path=media_path).markdown)
    audio = "{static}/media/2008/06/originaldixielandjazzbandwithalbernard-stlouisblues.mp3"
    video = "{static}/media/2013/12/2014-slider-mobile-behavior.mov"
    assert players(page) == [("audio", [audio], None, audio), ("video", [video], None, video),
                             ("video", [video], "{static}/images/2008/06/dsc20050727_091048_222.jpg", video)]
    assert "This is a video block caption." in words(page)


def test_without_media_path_a_players_address_stays():
    page = rendered(convert(MEDIA_BLOCKS).markdown)
    assert players(page)[0][1] == [f"{UPLOADS}/2008/06/originaldixielandjazzbandwithalbernard-stlouisblues.mp3"]


@pytest.mark.parametrize(("excerpt", "html", "expected"), [
    ("", "[gallery]\n\nThree stretches for tight calves.", "Three stretches for tight calves."),
    ("", '[caption id=”attachment_754” align=”alignnone” width=”604”]<img src="x.jpg" alt=""> Bell on wharf in San '
         "Francisco[/caption]\n\nMore text.", "Bell on wharf in San Francisco"),
    ("[gallery] A week of stretches.", "<p>Body.</p>", "A week of stretches."),
    ("", "<!-- wp:gallery --><figure><img src='a.jpg'></figure><!-- /wp:gallery -->\n<p>[audio a.mp3] Listen.</p>",
     "Listen."),
])
def test_a_summary_shows_words_never_shortcodes(excerpt, html, expected):
    assert summary(excerpt, html) == expected


def test_an_embed_of_another_sites_content_becomes_a_link_and_is_told():
    html = ('<!-- wp:embed {"url":"https://twitter.com/WordPress/status/1"} --><figure class="wp-block-embed"><div '
            'class="wp-block-embed__wrapper">\nhttps://twitter.com/WordPress/status/1\n</div></figure>'
            "<!-- /wp:embed -->"
            "\n<p>https://wordpress.tv/2009/03/16/anatomy-of-a-wordpress-theme/</p>\n"
            "<p>https://www.youtube.com/watch?v=dQw4w9WgXcQ</p>")
    body = convert(html)
    links = {a["href"] for a in rendered(body.markdown).find_all("a")}
    assert links == {"https://twitter.com/WordPress/status/1",
                     "https://wordpress.tv/2009/03/16/anatomy-of-a-wordpress-theme/"}
    assert body.embeds == sorted(links), "in the order of the post"
    assert "\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n" in body.markdown, "a video stays a line of its own"
