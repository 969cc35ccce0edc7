"""A WordPress post's HTML becomes the site's Markdown: nothing she wrote or showed is lost on the way.

The snippets are copied from WordPress's own theme unit test export
(../shared/corpora/wordpress/theme-unit-test-data.xml), each named by its item.
"""

import markdown
from bs4 import BeautifulSoup

from sitetools.wordpress.body import to_markdown

UPLOADS = "https://wpthemetestdata.files.wordpress.com"


def image_path(src):
    """Her photos are the test data's uploads; others are from other sites."""
    return "{static}/images/" + src.split("/", 3)[3].split("?")[0] if src.startswith(UPLOADS) else None


def convert(html, classic=None, gallery_images=lambda ids: [], **callbacks):
    """Return the Body of html, converted with the importer's kind of callbacks."""
    classic = "<!-- wp:" not in html if classic is None else classic
    return to_markdown(html, image_path=image_path, link_path=lambda href: None, gallery_images=gallery_images,
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
