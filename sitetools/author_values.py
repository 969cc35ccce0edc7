"""Values the author writes in settings and her facts: checks and errors in plain words, and mail links."""

from urllib.parse import quote

from email_validator import EmailNotValidError, validate_email

MARKUP_CHARACTERS = set("<>")
EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net")  # reserved for examples: never a real site


class SettingError(ValueError):
    """A setting has a value the site cannot use: name and value say which, allowed what it must be."""

    def __init__(self, name, value, allowed):
        super().__init__(f"{name} = {value!r} {allowed}")
        self.name = name
        self.value = value
        self.allowed = allowed


def check_text(name, value, *, required=True):
    """Raise SettingError unless value is plain text (and, if required, not empty)."""
    if not isinstance(value, str):
        raise SettingError(name, value, "is not text: put the value in quotes.")
    if required and not value.strip():
        raise SettingError(name, value, "is empty: it must say something.")
    if MARKUP_CHARACTERS & set(value):
        raise SettingError(name, value, "contains < or >: plain text only, no HTML.")


def email_address(name, value):
    """Return the normalised email address, or raise SettingError."""
    if not isinstance(value, str):
        raise SettingError(name, value, "is not an email address: write it like 'hello@example.com'.")
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as error:
        allowed = f"is not an email address ({error}): write it like 'hello@example.com'."
        raise SettingError(name, value, allowed) from None


def mailto(address, subject=""):
    """Return a mailto: link, with the subject encoded so it cannot add headers."""
    return f"mailto:{address}?subject={quote(subject, safe='')}" if subject else f"mailto:{address}"


def is_example_address(host):
    """Return whether host (www. or not) is an example domain or one of its subdomains."""
    host = (host or "").lower().removeprefix("www.")
    return host in EXAMPLE_DOMAINS or host.endswith(tuple(f".{domain}" for domain in EXAMPLE_DOMAINS))
