"""A post's HTML as an email shows it: absolute addresses, plain <img> elements, links in place of players.

Mailing services (Buttondown, Mailchimp) send each new post from the feed. A mail client has no page
to resolve /images/… against, shows no <picture> sources or srcset, and runs no script.
"""

from html import escape
from urllib.parse import urljoin

from bs4 import BeautifulSoup

MAIL_WIDTH = 600  # the width of an email's text column: wider images are shown at this width
ADDRESS_ATTRIBUTES = ("href", "src", "poster", "cite")
ONLY_FOR_BROWSERS = ("srcset", "sizes", "loading", "decoding", "fetchpriority")
LINKED_SCHEMES = ("https:", "http:", "mailto:")  # what every feed reader keeps


def mail_ready(html, page_url):
    """Return html with every address absolute (from page_url), pictures as <img> and video boxes as links."""
    soup = BeautifulSoup(html, "html.parser")
    for picture in soup.find_all("picture"):
        image = picture.find("img")
        if image is None:
            picture.decompose()
        else:
            picture.replace_with(image)
    for box in soup.find_all("figure", class_="video-box"):  # click-to-load video: in an email, a link
        watch = box.find("a", href=True)
        title = box.find("figcaption")
        paragraph = soup.new_tag("p")
        if watch:
            link = soup.new_tag("a", href=watch["href"])
            words, where = (title.get_text(strip=True) if title else ""), watch.get_text(strip=True)
            named = words and not words.startswith("Video on ")  # not the box's stand-in title
            link.string = f"{words} ({where[:1].lower()}{where[1:]})" if named else where
            paragraph.append(link)
        box.replace_with(paragraph)
    for contents in soup.find_all("nav", class_="contents"):  # the page's own list of its sections: not in an email
        contents.decompose()
    for element in soup.find_all(True):
        for name in ADDRESS_ATTRIBUTES:
            if element.has_attr(name):
                element[name] = urljoin(page_url, element[name].strip())
        if element.name == "a" and element.get("href") and not element["href"].startswith(LINKED_SCHEMES):
            element.unwrap()  # tel: and sms: links, which readers of the feed drop: the words stay
            continue
        if element.name == "img":
            if element.get("srcset"):
                element["src"] = urljoin(page_url, sharp_enough(element["srcset"]) or element["src"])
            for name in ONLY_FOR_BROWSERS:
                element.attrs.pop(name, None)
            fit_to_mail(element)
        if element.name in ("video", "audio", "source"):
            element.attrs.pop("srcset", None)
    return str(soup)


def sharp_enough(srcset):
    """Return the smallest image of a srcset wide enough for the email's width on a sharp screen (2x), or None."""
    candidates = []
    for candidate in srcset.split(","):
        address, _, width = candidate.strip().partition(" ")
        if width.strip().endswith("w") and width.strip()[:-1].isdigit():
            candidates.append((int(width.strip()[:-1]), address))
    wide = sorted(c for c in candidates if c[0] >= 2 * MAIL_WIDTH) or sorted(candidates)[-1:]
    return wide[0][1] if wide else None


def fit_to_mail(image):
    """Give an <img> at most the email's width, its height in proportion, and room to shrink on a phone."""
    try:
        width, height = int(image.get("width", "")), int(image.get("height", ""))
    except ValueError:  # no size given: the style alone keeps it within the screen
        width = height = 0
    if width > MAIL_WIDTH:
        image["width"], image["height"] = str(MAIL_WIDTH), str(round(height * MAIL_WIDTH / width))
    image["style"] = "max-width:100%;height:auto"


def cover_html(cover, page_url):
    """Return the post's cover image as the email's first paragraph."""
    image = (f'<img src="{escape(cover["src"])}" srcset="{escape(cover["srcset"])}" width="{cover["width"]}" '
             f'height="{cover["height"]}" alt="{escape(cover["alt"])}">')
    return mail_ready(f"<p>{image}</p>", page_url)


def booking_html(cta):
    """Return the post's call to action as the email's last paragraphs: its heading, its words, each way to book.

    Calls and texts are written out, not linked: feed readers and mailing services that read the feed
    with feedparser drop tel: and sms: links, and a phone shows a number in an email as one to tap.
    """
    def action_html(action):
        label, detail = escape(action["label"]), escape(action["detail"])
        if not action["href"].startswith(LINKED_SCHEMES):
            return f"{label}: {detail}"
        link = f'<a href="{escape(action["href"])}">{label}</a>'
        return link if action["kind"] == "book" else f"{link} ({detail})"

    actions = " · ".join(action_html(action) for action in cta["actions"])
    return (f'<hr><p><strong>{escape(cta["heading"])}</strong> {escape(cta["text"])}</p>'
            + (f"<p>{actions}</p>" if actions else ""))
