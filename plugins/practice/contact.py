"""Turn the practice's contact settings into one-tap links (tel:, sms:, mailto:, booking)."""

from urllib.parse import urlsplit

import phonenumbers

from sitetools.author_values import SettingError, email_address, mailto

# Ofcom reserves these ranges for drama: they are never anyone's number, which
# makes them the right example values. The number library calls them invalid.
DRAMA_PREFIXES = ("+441632960", "+447700900", "+44207946", "+441134960", "+441214960")
UNSAFE_URL_CHARACTERS = set(" \"'<>\\`{}|^") | {chr(c) for c in range(32)} | {chr(127)}


def country_code(settings):
    """Return PRACTICE_COUNTRY as a two-letter code, which phone numbers are read against."""
    value = settings.get("PRACTICE_COUNTRY")
    if not (isinstance(value, str) and len(value) == 2 and value.isascii() and value.isalpha()):
        raise SettingError("PRACTICE_COUNTRY", value, "is not a two-letter country code such as 'GB'.")
    return value.upper()


def phone_number(name, value, country):
    """Return {'href', 'display'} for a phone number, or raise SettingError."""
    allowed = "is not a phone number: write it as you would dial it, e.g. '01632 960123' or '+44 1632 960123'."
    if not isinstance(value, str) or not value.strip() or set(value) - set("0123456789 +()-."):
        raise SettingError(name, value, allowed)
    try:
        number = phonenumbers.parse(value, country)
    except phonenumbers.NumberParseException:
        raise SettingError(name, value, allowed) from None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    is_drama = e164.startswith(DRAMA_PREFIXES) and len(e164) == 13
    if not (phonenumbers.is_valid_number(number) or is_drama):
        raise SettingError(name, value, allowed)
    # Show home numbers as people write them; foreign ones in international form.
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if phonenumbers.region_code_for_number(number) == country or is_drama
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return {"number": e164, "display": phonenumbers.format_number(number, style), "example": is_drama}


def web_address(name, value):
    """Return value if it is an absolute http(s) address, or raise SettingError."""
    allowed = "is not a web address: it must start with https:// (or http://), e.g. 'https://example.com/book'."
    if not isinstance(value, str) or UNSAFE_URL_CHARACTERS & set(value):
        raise SettingError(name, value, allowed)
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingError(name, value, allowed)
    return value


# Which setting each link comes from, for messages.
LINK_SETTINGS = {
    "phone": "CONTACT_PHONE",
    "sms": "CONTACT_SMS",
    "email": "CONTACT_EMAIL",
    "booking": "CONTACT_BOOKING_URL",
}


def is_example_host(host):
    """Return whether host is example.com (or a subdomain), which is never a real site."""
    return host == "example.com" or host.endswith(".example.com")


def contact_links(settings):
    """Return the site-wide one-tap links: phone and email, and sms and booking when set.

    Each link is {'href', 'display', 'example'}; 'example' marks a placeholder value.
    """
    country = country_code(settings)
    phone = phone_number("CONTACT_PHONE", settings.get("CONTACT_PHONE"), country)
    email = email_address("CONTACT_EMAIL", settings.get("CONTACT_EMAIL"))
    links = {
        "phone": {"href": f"tel:{phone['number']}", "display": phone["display"], "example": phone["example"]},
        "sms": None,
        "email": {
            "href": mailto(email),
            "display": email,
            "address": email,
            "example": is_example_host(email.rpartition("@")[2]),
        },
        "booking": None,
    }
    if settings.get("CONTACT_SMS"):
        sms = phone_number("CONTACT_SMS", settings["CONTACT_SMS"], country)
        links["sms"] = {"href": f"sms:{sms['number']}", "display": sms["display"], "example": sms["example"]}
    if settings.get("CONTACT_BOOKING_URL"):
        url = web_address("CONTACT_BOOKING_URL", settings["CONTACT_BOOKING_URL"])
        host = urlsplit(url).hostname
        links["booking"] = {"href": url, "display": host, "example": is_example_host(host)}
    return links


def example_settings(links):
    """Return the names of the contact settings that still hold example values."""
    return [LINK_SETTINGS[key] for key, link in links.items() if link and link["example"]]
