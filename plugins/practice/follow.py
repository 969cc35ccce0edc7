"""Readers follow her by email: the [follow] part of the facts file, checked, and the sign-up form it gives.

A static site sends no email: a mailing service does, from the site's feed. Its sign-up form posts
to the service's own address, which she copies from her account; the form needs nothing else.
"""

import difflib
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from sitetools.author_values import SettingError
from sitetools.toml_lines import pasted_form_address

from .credentials import NOT_IN_AN_ADDRESS  # what would break out of the form's action or the policy

EXAMPLE_NAMES = {"your-name", "yourname", "your_name", "username", "user", "name", "example", "newsletter"}


@dataclass(frozen=True)
class Service:
    """A mailing service: where its sign-up form posts, and what the site says about it."""

    name: str
    email_field: str  # the name the service reads the reader's address from
    privacy: str  # the service's own privacy notice
    where_to_copy: str  # where in her account the form's address is shown
    example: str


SERVICES = {
    "buttondown": Service(
        "Buttondown", "email", "https://buttondown.com/legal/privacy",
        "in Buttondown, its embedding and sharing settings, \"As a form\": the address after action=",
        "https://buttondown.com/api/emails/embed-subscribe/your-name"),
    "mailchimp": Service(
        "Mailchimp", "EMAIL", "https://www.intuit.com/privacy/statement/",
        "in Mailchimp, Audience › Signup forms › Embedded forms: the address after action=",
        "https://your-name.us21.list-manage.com/subscribe/post?u=1a2b3c&id=4d5e6f"),
}
BUTTONDOWN_HOSTS = ("buttondown.com", "www.buttondown.com", "buttondown.email")
BUTTONDOWN_FORM = re.compile(r"^/api/emails/embed-subscribe/([A-Za-z0-9_-]+)/?$")
BUTTONDOWN_PAGE = re.compile(r"^/([A-Za-z0-9_-]+)/?$")  # her newsletter's page, not its form
MAILCHIMP_HOST = re.compile(r"^[a-z0-9-]+\.(?:us\d+\.)?list-manage\.com$")
MAILCHIMP_ID = re.compile(r"^[0-9a-f]{4,}$")


def service_mistake(service):
    """Return (what, fix) when service is not one the site knows, else None."""
    if service in SERVICES:
        return None
    close = difflib.get_close_matches(str(service).strip().lower(), list(SERVICES), n=1, cutoff=0.6)
    return (f'service = "{service}" is not a mailing service this site knows',
            f'did you mean "{close[0]}"?' if close else f'write one of: {", ".join(SERVICES)}')


def as_copied(form):
    """Return the address as the embed code's HTML means it: &amp; there is & in the address."""
    return form.replace("&amp;", "&")


def form_mistake(form, service):
    """Return (what, fix) for a form address that is not the service's own sign-up address, else None."""
    known = SERVICES[service]
    form = as_copied(form)
    shown = f'form = "{form}"'
    copy = f'copy it {known.where_to_copy}, e.g. form = "{known.example}"'
    if address := pasted_form_address(form):
        return "form holds HTML, not only the form's address", f'write only the address: form = "{address}"'
    if form != form.strip():
        return f"{shown} has a space at its start or end", f'write it without: form = "{form.strip()}"'
    if form[:7].lower() == "http://":
        return f"{shown} starts with http://", f'write https:// instead: form = "https{form[4:]}"'
    if form[:8].lower() != "https://":
        return f"{shown} does not start with https://", copy
    if NOT_IN_AN_ADDRESS & set(form) or any(character.isspace() for character in form):
        return f"{shown} has a space, a quote or < > in it", copy
    try:
        parts = urlsplit(form)
        host = (parts.hostname or "").lower()
    except ValueError:
        return f"{shown} is not a web address", copy
    if parts.port or parts.username or parts.fragment:
        return f"{shown} is not {known.name}'s sign-up address", copy
    mistake = (buttondown_mistake if service == "buttondown" else mailchimp_mistake)(parts, host, shown)
    return (mistake[0], mistake[1] or copy) if mistake else None


def buttondown_mistake(parts, host, shown):
    """Return (what, fix or None) unless this is https://buttondown.com/api/emails/embed-subscribe/NAME."""
    if MAILCHIMP_HOST.match(host):
        return f"{shown} is a Mailchimp address", 'write service = "mailchimp" on the line above'
    if host not in BUTTONDOWN_HOSTS:
        return f"{shown} is not an address of Buttondown's (buttondown.com)", None
    if parts.query:
        return f"{shown} has more than the form's address (a ? and what follows)", None
    form, page = BUTTONDOWN_FORM.match(parts.path), BUTTONDOWN_PAGE.match(parts.path)
    if page and page[1] not in ("api", "emails"):
        return (f"{shown} is your newsletter's page, not its sign-up form",
                f'write form = "https://buttondown.com/api/emails/embed-subscribe/{page[1]}"')
    if not form:
        return f"{shown} is not Buttondown's sign-up address", None
    if form[1].lower() in EXAMPLE_NAMES:
        return f"{shown} is the example address", "write your own Buttondown user name in place of your-name"
    return None


def mailchimp_mistake(parts, host, shown):
    """Return (what, fix or None) unless this is https://NAME.usN.list-manage.com/subscribe/post?u=…&id=…."""
    if host in BUTTONDOWN_HOSTS:
        return f"{shown} is a Buttondown address", 'write service = "buttondown" on the line above'
    if not MAILCHIMP_HOST.match(host):
        return f"{shown} is not an address of Mailchimp's sign-up forms (….list-manage.com)", None
    query = parse_qs(parts.query)
    ids = [query.get(key, [""])[0] for key in ("u", "id")]
    if parts.path.rstrip("/") == "/subscribe" and all(ids):  # the hosted sign-up page
        return (f"{shown} is your sign-up page, not the form's address",
                f'write form = "https://{host}/subscribe/post?{parts.query}"')
    if parts.path.rstrip("/") != "/subscribe/post" or not all(MAILCHIMP_ID.match(value) for value in ids):
        return f"{shown} is not Mailchimp's sign-up address (…/subscribe/post?u=…&id=…)", None
    if host.split(".")[0] in EXAMPLE_NAMES or ids == ["1a2b3c", "4d5e6f"]:
        return f"{shown} is the example address", "copy your own form's address from Mailchimp"
    return None


def canonical(form, service):
    """Return a checked form address as the form posts to it: & for &amp;, and Buttondown's address on its own host.

    Buttondown moved from buttondown.email to buttondown.com: a form posted to the old host would be
    sent on, and browsers hold a form that is sent on to another host to the policy's form-action.
    """
    form = as_copied(form)
    name = BUTTONDOWN_FORM.match(urlsplit(form).path)
    return f"https://buttondown.com/api/emails/embed-subscribe/{name[1]}" if service == "buttondown" else form


def sign_up(service, form):
    """Return the sign-up form as templates use it, or None without a service.

    {'service', 'action', 'target', 'email_field', 'hidden': [(name, value)], 'honeypot', 'privacy'};
    target is the form's address without its query: the security policy allows that and nothing more.
    """
    if service is None and form is None:
        return None
    if service is None or form is None:
        missing = "FOLLOW_SERVICE" if service is None else "FOLLOW_FORM"
        raise SettingError(missing, None, "is missing: [follow] needs both service and form.")
    if service_mistake(service):
        raise SettingError("FOLLOW_SERVICE", service, f"must be one of: {', '.join(SERVICES)}.")
    if not isinstance(form, str) or form_mistake(form, service):
        raise SettingError("FOLLOW_FORM", form, f"must be {SERVICES[service].name}'s sign-up address, e.g. "
                           f"{SERVICES[service].example}.")
    form = canonical(form, service)
    known, parts = SERVICES[service], urlsplit(form)
    query = parse_qs(parts.query)
    honeypot = f"b_{query['u'][0]}_{query['id'][0]}" if service == "mailchimp" else None  # bots fill it, people never
    return {
        "service": known.name,
        "action": form,
        "target": f"https://{parts.hostname}{parts.path}",
        "email_field": known.email_field,
        "hidden": [("embed", "1")] if service == "buttondown" else [],  # Buttondown's page for a form's sign-up
        "honeypot": honeypot,
        "privacy": known.privacy,
    }
