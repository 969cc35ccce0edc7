"""The call-to-action and comments data for a post: switches, wording and safe links."""

from urllib.parse import parse_qs, urlsplit

import pytest
from post_actions.comments import build_comments
from post_actions.cta import build_cta
from post_actions.metadata import MetadataError
from test_plugin_settings import settings, validate

SETTINGS = validate(settings())


def with_settings(**changes):
    return {**SETTINGS, **validate(settings(**changes))}


def test_cta_offers_booking_call_text_and_email():
    cta = build_cta({"title": "Tight hamstrings"}, SETTINGS)
    assert [action["kind"] for action in cta["actions"]] == ["book", "call", "sms", "email"]
    assert [action["label"] for action in cta["actions"]] == ["Book online", "Call", "Text", "Email"]
    email = urlsplit(cta["actions"][3]["href"])
    assert parse_qs(email.query)["subject"] == ["Question about: Tight hamstrings"]
    assert cta["heading"] == SETTINGS["CONTACT_CTA_HEADING"]


def test_cta_leaves_out_actions_without_a_setting():
    cta = build_cta({"title": "x"}, with_settings(CONTACT_SMS="", CONTACT_BOOKING_URL=""))
    assert [action["kind"] for action in cta["actions"]] == ["call", "email"]


@pytest.mark.parametrize("value", ["off", "Off", "no", "false", "hide"])
def test_post_metadata_turns_cta_and_comments_off(value):
    assert build_cta({"title": "x", "cta": value}, SETTINGS) is None
    assert build_comments({"title": "x", "comments": value}, SETTINGS) is None


def test_settings_turn_cta_and_comments_off_everywhere():
    assert build_cta({"title": "x"}, with_settings(CONTACT_CTA_ENABLED=False)) is None
    assert build_comments({"title": "x"}, with_settings(COMMENTS_ENABLED=False)) is None


def test_post_metadata_changes_cta_wording():
    cta = build_cta({"title": "x", "cta_heading": "Sore hips?", "cta_text": "Book a hip check."}, SETTINGS)
    assert (cta["heading"], cta["text"]) == ("Sore hips?", "Book a hip check.")


def test_unknown_switch_value_says_what_to_write():
    with pytest.raises(MetadataError, match="'Cta: maybe' is not understood — write 'Cta: off'"):
        build_cta({"title": "x", "cta": "maybe"}, SETTINGS)


def test_comments_reply_by_email_with_re_subject():
    comments = build_comments({"title": "Pigeon pose, done right"}, SETTINGS)
    reply = urlsplit(comments["reply"]["href"])
    assert (reply.scheme, reply.path) == ("mailto", "hello@example.com")
    assert parse_qs(reply.query)["subject"] == ["Re: Pigeon pose, done right"]
    assert comments["provider"] is None


def test_comments_go_to_their_own_address_when_set():
    comments = build_comments({"title": "x"}, with_settings(COMMENTS_EMAIL="blog@example.org"))
    assert urlsplit(comments["reply"]["href"]).path == "blog@example.org"


def test_hostile_title_cannot_add_mail_headers_or_break_the_link():
    title = 'Hips & "knees"\r\nBcc: spy@example.net <script>'
    hrefs = [build_comments({"title": title}, SETTINGS)["reply"]["href"]]
    hrefs += [a["href"] for a in build_cta({"title": title}, SETTINGS)["actions"] if a["kind"] == "email"]
    for href in hrefs:
        query = urlsplit(href).query
        assert not set(query) & set('\r\n"<> &')
        assert parse_qs(query)["subject"][0].endswith(title)
