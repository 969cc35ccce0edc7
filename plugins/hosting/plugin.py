"""Write _headers, _redirects and old-address pages into the site; give publish builds <meta> policies."""

from pathlib import Path

from pelican import signals

from .files import headers_text, page_path, redirects_text, shown_contents, video_pages
from .security import SECURITY_HEADERS, VIDEO_PLAYERS, content_security_policy, policy_text

# The details of a post this plugin reads; `Check:` is a note that holds publishing back (invoke ready).
METADATA_KEYS = ("old_url", "check")


class OldUrlError(ValueError):
    """An Old_url cannot be used: path names the post, detail says what to write."""

    def __init__(self, path, detail):
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


def add_extension(pelican):
    """Receive initialized: have Pelican's Markdown reader add rel="noopener" to new-tab links (links.py)."""
    pelican.settings.setdefault("MARKDOWN", {}).setdefault("extension_configs", {}).setdefault("hosting.links", {})


def meta_policies(generator):
    """Receive generator_init: in publish builds, give templates the policy as <meta> content.

    Not at initialized: the policy allows the theme's inline style and script by the hashes another
    plugin sets there, in whatever order the plugins come.
    """
    settings, context = generator.settings, generator.context
    if settings.get("SECURITY_META") and "SECURITY_META_CSP" not in context:  # once: one shared context
        context["SECURITY_META_CSP"] = policy_text(content_security_policy(settings), for_meta=True)
        context["SECURITY_META_CSP_SEARCH"] = policy_text(content_security_policy(settings, True), for_meta=True)
        context["SECURITY_META_CSP_POST"] = policy_text(content_security_policy(settings, post=True), for_meta=True)
        context["SECURITY_META_CSP_VIDEO"] = policy_text(
            content_security_policy(settings, video_frames=VIDEO_PLAYERS, post=True), for_meta=True)
        context["SECURITY_META_REFERRER"] = SECURITY_HEADERS["Referrer-Policy"]


def old_address(content):
    """Return the post's Old_url as a site path ('/2019/05/20/slug/'), or None."""
    old = str(content.metadata.get("old_url", "")).strip()
    if not old:
        return None
    if "://" in old:
        old = "/" + old.split("://", 1)[1].partition("/")[2]
    if not old.startswith("/") or ".." in old.split("/") or any(c in old for c in ' "<>'):
        raise OldUrlError(content.relative_source_path, f"'Old_url: {old}' is not an address on her old blog "
                          "— write it as it was, e.g. /2019/05/20/if-running-becomes-a-pain-in-the-butt/")
    return old


def write_old_addresses(generator, writer):
    """Receive page_writer_finalized: add each Old_url to _redirects and write a page at the old path.

    Posts, lists and pages are all written by now, so a clash with one of them is a file that exists.
    """
    settings = generator.settings
    output = Path(generator.output_path)
    contents = generator.context.get("articles", []) + generator.context.get("pages", [])
    moves = []
    for content in contents:
        old = old_address(content)
        if not old:
            continue
        try:
            name = page_path(old)
        except ValueError as error:
            fix = "write the address as it was on her old blog, e.g. /2019/05/20/if-running-becomes-a-pain-in-the-butt/"
            raise OldUrlError(content.relative_source_path, f"'Old_url: {old}': {error} — {fix}") from None
        if name and (output / name).exists():
            raise OldUrlError(content.relative_source_path, f"'Old_url: {old}' is the address of another page "
                              "of this site — remove the line or correct the address")
        # Hosts that read _redirects do not need the page; Netlify would serve it instead of the 301.
        if name and settings.get("OLD_URL_PAGES", True):
            writer.write_file(name, generator.get_template("moved"), generator.context, moved=content,
                              new_url=f"{settings.get('SITEURL', '')}/{content.url}")
        moves.append((old, f"/{content.url}"))
    if moves:
        with (output / "_redirects").open("a", encoding="utf-8") as file:
            file.write(redirects_text(moves))


class HeadersGenerator:
    """Writes _headers, from the pages in the shared context and the folders written.

    Pelican runs a plugin's generator after its own, whose pages are then written, and before it
    copies the static files, which hold no pages.
    """

    def __init__(self, context, settings, path, theme, output_path, **_):
        self.context = context
        self.settings = settings
        self.output_path = Path(output_path)

    def generate_output(self, writer):
        """Write _headers for the whole site; a section's policy allows the players its pages show."""
        pages = video_pages(shown_contents(self.context))
        text = headers_text(self.settings, self.output_path, pages)
        (self.output_path / "_headers").write_text(text, encoding="utf-8")


def add_generator(pelican):
    """Receive get_generators: have Pelican run the generator that writes _headers."""
    return HeadersGenerator


def register():
    """Connect the receivers to Pelican's signals."""
    signals.initialized.connect(add_extension)
    signals.generator_init.connect(meta_policies)
    signals.page_writer_finalized.connect(write_old_addresses)
    signals.get_generators.connect(add_generator)
