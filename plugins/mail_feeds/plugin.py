"""Signal receiver: make each post in the site's feeds ready to be sent as an email.

The feed's items are Pelican's own (feedgenerator's, at feed_generated); only their HTML is changed:
the cover image first, every address absolute, images mail clients show, and booking at the end.
"""

from urllib.parse import urljoin

from pelican import signals

from .mail_html import booking_html, cover_html, mail_ready


def site_address(context):
    """Return the site's address with a closing slash: SITEURL, or FEED_DOMAIN where pages are relative."""
    return (context.get("SITEURL") or context.get("FEED_DOMAIN") or "").rstrip("/") + "/"


def make_email_ready(context, feed):
    """Receive feed_generated: rewrite each item's full text (Atom content, RSS description) for email.

    The items are feedgenerator's dictionaries, with the keys Pelican's writer fills (link, content,
    description, unique_id): the tests parse the written feeds, so a change there shows.
    """
    site = site_address(context)
    posts = {urljoin(site, post.url): post for key in ("articles", "translations") for post in context.get(key, [])}
    for item in feed.items:
        link = urljoin(site, item["link"])
        post = posts.get(link)
        item["link"] = link
        # Pelican's ids are tag: URIs, not addresses: RSS must say so (isPermaLink="false") to be valid.
        item["unique_id_is_permalink"] = not str(item.get("unique_id", "")).startswith("tag:")
        full = "content" if item.get("content") is not None else "description"
        if post is None or item.get(full) is None:
            continue
        item[full] = email_text(post, item[full], link)
        if full == "content" and item.get("description"):  # Atom's summary
            item["description"] = mail_ready(item["description"], link)


def email_text(post, html, link):
    """Return the post's full text as an email shows it: its cover, its text made email-ready, its booking card.

    Kept on the post (made anew each build) for the next feed: Atom and RSS carry the same text.
    """
    made = getattr(post, "email_text", None)
    if made is None or made[0] != (html, link):
        parts = [cover_html(post.cover, link)] if getattr(post, "cover", None) else []
        parts.append(mail_ready(html, link))
        if getattr(post, "contact_cta", None):
            parts.append(booking_html(post.contact_cta))
        made = post.email_text = ((html, link), "\n".join(parts))
    return made[1]


def register():
    """Connect the receiver to Pelican's signal."""
    signals.feed_generated.connect(make_email_ready)
