"""Write a WordPress export into content/: a Markdown file per post and page, her photos, her readers' comments.

Nothing that exists is overwritten: a second run with the same export adds nothing, and a newer
export adds only what is new. Every item left out or changed is reported, with the reason.
An export is untrusted: no file is written outside content/, and everything is written into a
staging folder first and moved in at the end, so a failed import leaves content/ as it was.
"""

import contextlib
import datetime
import html
import json
import os
import re
import shutil
import sys
import time
import tomllib
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, unquote, urlsplit

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from ..leftovers import WorkFolders
from ..stopping import ctrl_c_waits
from .body import plain_text, summary, to_markdown
from .export import read_export
from .media import (
    MEDIA_SUFFIXES,
    Library,
    bring_photos,
    media_key,
    original_key,
    resized_copies,
    upload_key,
)

KINDS = {"post": "posts", "page": "pages"}
PUBLISHED, SCHEDULED, DRAFTS = ("publish",), ("future",), ("draft", "pending", "private")
UNCATEGORISED = ("uncategorized", "uncategorised")
# Her uploads other than photos: players' sources and links to them come over into content/media/.
BESIDE = "-from-wordpress"  # added to the slug of her page when the site has its own at that address
# What WordPress's internal records are, in her words: told by kind and number, not one line each.
INTERNAL = {"nav_menu_item": "menu entries", "wp_navigation": "menus", "wp_global_styles": "theme styles",
            "wp_template": "theme templates", "wp_template_part": "theme templates", "custom_css": "theme CSS",
            "revision": "earlier versions of posts", "feedback": "contact form messages",
            "wp_block": "reusable blocks"}


@dataclass
class Report:
    """What an import brought over, and every item it left out or changed, with the reason."""

    posts: int = 0
    pages: int = 0
    drafts: int = 0
    scheduled: int = 0
    images: int = 0
    media: int = 0  # audio, video and documents
    comments: int = 0
    unpublished_comments: int = 0  # spam, in the bin, or never approved
    existing: list = field(default_factory=list)
    beside: list = field(default_factory=list)  # (kind, title, her file, the site's file at her address)
    skipped: list = field(default_factory=list)  # (what, why)
    changed: list = field(default_factory=list)  # (file, what was done)
    internal: dict = field(default_factory=dict)  # what WordPress kept for itself: how many

    def lines(self):
        """Return the report as the author reads it."""
        lines = [f"Imported {self.posts} posts and {self.pages} pages ({self.drafts} as drafts, {self.scheduled} "
                 f"scheduled), {self.images} photos and {self.comments} comments."]
        if self.unpublished_comments:
            lines.append(f"{self.unpublished_comments} comments were spam, in the bin or never approved: "
                         "not published.")
        if self.media:
            lines.append(f"{self.media} audio, video and document files came over into content/media/.")
        for kind, title, hers, site in self.beside:
            lines.append(f"Her {kind} “{title}” is in {hers}, because the site has its own {site} at that "
                         f"address: copy what you want of hers into {site}, then delete {hers}.")
        if self.existing:
            lines.append(f"{len(self.existing)} files were there already and were left as they are"
                         + (" — this export brought nothing new." if not (self.posts or self.pages) else "."))
        if self.changed:
            lines.append("Changed on the way:")
            lines += [f"  {where}: {what}" for where, what in self.changed]
        if self.skipped or self.internal:
            lines.append("Left out:")
            lines += [f"  {what}: {why}" for what, why in self.skipped]
        if self.internal:
            kinds = ", ".join(f"{what} ({number})" for what, number in self.internal.items())
            lines.append(f"  WordPress's own records, not posts or pages: {kinds}")
        lines.append("Next: run `./site.sh build`, then `./site.sh preview` and read the first three posts.")
        return lines


class Progress:
    """'Copying photos: 120 of 1000' on stderr, once a second at most, when the work takes a while."""

    def __init__(self, total, label="Copying photos"):
        self.total, self.done, self.label = total, 0, label
        self.started = self.shown = time.monotonic()

    def step(self):
        """Note one more done."""
        self.done += 1
        now = time.monotonic()
        if now - self.shown >= 1 or (self.done == self.total and now - self.started >= 1):
            self.shown = now
            sys.stderr.write(f"{self.label}: {self.done} of {self.total}\n")


def local_time(moment, timezone):
    """Return a GMT moment as the header writes it, in the site's time zone: '2019-05-20 09:00'."""
    return moment.astimezone(zoneinfo.ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")


class Staging:
    """Files written beside content/ first and moved in together at the end; on any failure, none are."""

    def __init__(self, content):
        self.content = Path(content)
        self.root = None  # the staging folder, while the import runs
        self.work = None  # its lock and name (leftovers.WorkFolders)
        self.replaced = set()  # paths in content/ of files of hers a new version replaces

    def __enter__(self):
        near = self.content.parent
        while not near.is_dir():
            near = near.parent
        # On content/'s own filesystem, so that moving in is renaming. The folder of an import that was
        # killed (not stopped: Ctrl+C cleans up) goes as this one starts.
        self.work = WorkFolders(near, "wordpress", ("import",)).__enter__()
        self.root = self.work.folder("import")
        self.root.mkdir()
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.root, ignore_errors=True)
        self.work.__exit__(*exc)

    def inside(self, relative):
        """Return whether content/relative, links resolved, is a file within content/."""
        base = self.content.resolve()
        target = (self.content / relative).resolve()
        return target != base and target.is_relative_to(base)

    def path(self, relative):
        """Return where to write what goes to content/relative."""
        return self.root / "new" / relative

    def write(self, relative, text, replaces=False):
        """Stage text for content/relative; replaces: it is a new version of her file there."""
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if replaces:
            self.replaced.add(Path(relative))

    def commit(self):
        """Move every staged file into content/, over none of hers but those it replaces; undo it all on failure."""
        new = self.root / "new"
        moves, made = [], []  # (staged, target, backup), folders made
        try:
            for staged in sorted(p for p in new.rglob("*") if p.is_file()):
                relative = staged.relative_to(new)
                target = self.content / relative
                missing = [f for f in (target.parent, *target.parent.parents) if not f.exists()]
                made += reversed(missing)
                target.parent.mkdir(parents=True, exist_ok=True)
                if relative in self.replaced:
                    backup = self.root / "old" / relative
                    backup.parent.mkdir(parents=True, exist_ok=True)
                    moves.append((staged, target, backup))
                    os.replace(target, backup)
                elif target.exists() or target.is_symlink():
                    continue  # hers, made while the import ran: left as it is
                else:
                    moves.append((staged, target, None))
                os.replace(staged, target)
        except BaseException:  # Ctrl+C too: content/ goes back to what it was, whatever Ctrl+C comes next
            with ctrl_c_waits():
                for staged, target, backup in reversed(moves):
                    if backup and backup.exists():
                        os.replace(backup, target)
                    elif not backup and not staged.exists():
                        target.unlink(missing_ok=True)
                for folder in reversed(made):
                    with contextlib.suppress(OSError):
                        folder.rmdir()
            raise


def at_old_address(text, folder, key, address):
    """Return text with each link to {static}/<folder>/<key> pointing at address instead, and how many."""
    return re.subn(r"\{static\}/" + folder + "/" + re.escape(key) + r"(?=[)\"\s])", address, text)


PLAYER = re.compile(r"<(audio|video) controls[^>]*>.*?</\1>", re.S)  # as body.media_player writes them


def without_lost_players(text, keys):
    """Return text with each player that has none of its files on the site made a link, and how many changed.

    keys: her files that could not be brought over. A player's file at her old blog's address or on
    another site would be asked for as the page loads, before the reader asks (and the site's policy
    blocks it); a link is followed only when she does. Files not had beside ones had leave the player.
    """
    lost = {f"{{static}}/media/{key}" for key in keys}

    def had(source):
        return source.startswith("{static}/media/") and source not in lost

    def mend(match):
        sources = re.findall(r'src="([^"]*)"', match[0])
        kept = [source for source in sources if had(source)]
        if kept == sources:
            return match[0]
        link = re.search(r"<a href=.*?</a>", match[0], re.S)[0]
        if not kept:
            return link
        player = re.sub(r'<source src="([^"]*)">', lambda s: s[0] if had(s[1]) else "", match[0])
        return player.replace(link, re.sub(r'href="[^"]*"', f'href="{kept[0]}"', link))

    return PLAYER.sub(mend, text), sum(mend(match) != match[0] for match in PLAYER.finditer(text))


def clean_title(title):
    """Return a title as words: WordPress keeps its markup (<em>) and entities (&#8217;) in it."""
    return plain_text(title or "")


def description(attachment):
    """Return what a photo shows, in her words: its description, else its title unless that is its file name."""
    title = clean_title(attachment.title)
    stem = PurePosixPath(urlsplit(attachment.attachment_url).path).stem
    return attachment.alt or ("" if title in (stem, unquote(stem)) else title)  # WordPress's default title


def header_value(text):
    """Return text fit for one header line: no line breaks, no stray spaces."""
    return re.sub(r"\s+", " ", text or "").strip()


class Importer:
    """One import: the export's items, where they go, and what was done."""

    def __init__(self, export, content, timezone, library, addresses=None):
        """addresses: the site's address patterns by kind ({'post': 'blog/{slug}/', 'page': '{slug}/'})."""
        self.export, self.content, self.timezone, self.library = export, Path(content), timezone, library
        self.staging = Staging(self.content)
        self.addresses = addresses or {"post": "blog/{slug}/", "page": "{slug}/"}
        self.report = Report()
        self.attachments = {item.id: item for item in export.items if item.kind == "attachment"}
        self.sizes = resized_copies(export.items)  # the resized copies the export lists, by their original
        # By the item's place in the export, not its id: two items may carry one id, and both are hers
        self.slugs = {}  # place: slug, unique among the items
        self.refused = {}  # place: why its file is not written
        self.files = {}  # old address path or ?p=id: {filename} link
        self.by_name = {}  # the last part of an old address: its {filename} link, None when two share it
        self.photos = {}  # media key: the address to fetch it from
        self.media = {}  # year/month/name of her audio, video and documents: the address to fetch it from
        for place, item in enumerate(export.items):
            if item.kind in KINDS and (slug := self.unique_slug(place, item)):
                target = f"{{filename}}/{KINDS[item.kind]}/{slug}.md"
                path = urlsplit(item.link).path
                if path not in ("", "/"):  # ?p=12 has no path of its own: the old home page is not this post
                    self.files.setdefault(path, target)
                    last = path.rstrip("/").rsplit("/", 1)[-1]
                    self.by_name[last] = target if self.by_name.get(last, target) == target else None
                self.files.setdefault(f"?p={item.id}", target)

    def unique_slug(self, place, item):
        """Return the item's slug: WordPress's own, else made from its title; unique among the items.

        None, noting why, for a slug that is no plain file name: it could write anywhere on the computer.
        """
        # WordPress writes slugs of non-English titles percent-encoded: %ce%b5… is ε…
        slug = unquote(item.slug) or slugify(clean_title(item.title),
                                             regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
        slug = slug or f"untitled-{item.id}"
        if slug in (".", "..") or re.search(r"[/\\\x00-\x1f]", slug) or len(slug.encode()) > 200 \
                or not self.staging.inside(Path(KINDS[item.kind], f"{slug}.md")) \
                or not self.staging.inside(Path("comments", f"{slug}.toml")):
            self.refused[place] = (f"its slug {slug!r} is not a plain file name (it would write outside the "
                                   "posts folder), so nothing of it was written — give it a slug of words and "
                                   "dashes on WordPress, then export and import again")
            return None
        unique, number = slug, 2
        while unique in self.slugs.values():
            unique, number = f"{slug}-{number}", number + 1
        self.slugs[place] = unique
        return unique

    def link_path(self, href):
        """Return the site's link for an address of one of her posts, pages or uploaded files, else None."""
        if found := self.media_path(href):
            return found
        parts = urlsplit(href)
        site = urlsplit(self.export.site_url)
        if parts.netloc and parts.netloc.removeprefix("www.") != site.netloc.removeprefix("www."):
            return None
        if "p" in parse_qs(parts.query):
            return self.files.get(f"?p={parse_qs(parts.query)['p'][0]}")
        if not parts.path and not parts.netloc:
            return None  # '#top' or a button with no address: a link within the page
        if parts.path in ("", "/"):
            return "{index}" + (f"#{parts.fragment}" if parts.fragment else "")  # her old home page: the new one
        # As WordPress does, a dated address with another day (/2018/11/03/block-button/) finds the post by its name
        dated = re.fullmatch(r"/\d{4}/\d{2}/(?:\d{2}/)?([^/]+)/?", parts.path)
        found = self.files.get(parts.path) or self.files.get(parts.path.rstrip("/") + "/") or \
            (dated and self.by_name.get(dated[1]))
        return found + (f"#{parts.fragment}" if found and parts.fragment else "") if found else None

    def image_path(self, src):
        """Return the site's address of a photo of hers, noting it to be brought over; None if it is not one."""
        key = media_key(src) if self._is_hers(src) else None
        if key is None:
            return None
        self.photos.setdefault(key, src)
        return f"{{static}}/images/{original_key(key, self.sizes)}"

    def media_path(self, src):
        """Return the site's address of her audio, video or document, noting it to be brought over; else None."""
        key = upload_key(src, MEDIA_SUFFIXES) if self._is_hers(src) else None
        if key is None:
            return None
        self.media.setdefault(key, src)
        return f"{{static}}/media/{key}"

    def _is_hers(self, src):
        host = urlsplit(src).netloc
        site = urlsplit(self.export.site_url).netloc
        return not host or host == site or host.endswith(".files.wordpress.com") or host.endswith(".wp.com") or \
            "/wp-content/uploads/" in src

    def gallery_images(self, ids, post=None):
        """Return (address, description, caption) of a gallery's photos; the title stands in for a description.

        No ids ([gallery] alone) means every photo attached to the post, in WordPress's order.
        """
        if not ids and post is not None:
            attached = [a for a in self.attachments.values() if a.parent == post.id and media_key(a.attachment_url)]
            ids = [a.id for a in sorted(attached, key=lambda a: (a.menu_order, len(a.id), a.id))]
        photos = [self.attachments[i] for i in ids if i in self.attachments]
        return [(photo.attachment_url, description(photo), photo.excerpt) for photo in photos]

    def cover(self, item):
        """Return (address in the site, description) of the post's featured image, noting it to bring; else None."""
        attachment = self.attachments.get(item.meta.get("_thumbnail_id", ""))
        path = attachment and self.image_path(attachment.attachment_url)
        return (path, description(attachment)) if path else None

    def run(self):
        """Import every item, bring the photos they show, then write the files; return the Report.

        Everything is staged and moved into content/ at the end: a failure on the way changes nothing there.
        """
        with self.staging:
            self._run()
            self.staging.commit()
        return self.report

    def _run(self):
        pending = [written for place, item in enumerate(self.export.items) if (written := self.item(place, item))]
        for attachment in self.attachments.values():  # her photos and other files, shown in a post or not
            self.image_path(attachment.attachment_url) or self.media_path(attachment.attachment_url)
        wanted, missing = {}, []  # one photo per original, however many sizes of it the posts show
        for key, address in self.photos.items():
            relative = Path("images", original_key(key, self.sizes))
            if not self.staging.inside(relative):
                missing.append((original_key(key, self.sizes), address, "its address points outside content/images/"))
            elif not (self.content / relative).exists():
                wanted.setdefault(original_key(key, self.sizes), (key, address))
        lost = bring_photos(wanted, self.library, self.staging.path("images"), Progress(len(wanted)))
        self.report.images = len(wanted) - len(lost)
        missing += lost
        self.report.skipped += self.library.refused
        why = "not in the media archive" if self.library.source else "could not be downloaded"
        for original, _, reason in missing:
            self.report.skipped.append((f"photo {original}", reason or why))
        lost_media = self._bring_media(why)
        for relative, text, shown in pending:
            text, reasons = self._without_missing(text, missing)
            if reasons:
                said = why if set(reasons) == {None} else "could not be brought over (see “Left out”)"
                self.report.changed.append((shown, f"{len(reasons)} photo(s) {said}: see the notes in the text"))
            text, found = without_lost_players(text, [key for key, _, _ in lost_media])
            if found:
                self.report.changed.append((shown, f"{found} audio or video player(s) named files not on this "
                                            "site: those are links now, fetched only when a reader asks"))
            for key, address, _ in lost_media:  # still at her old blog's address, while it lasts
                text, found = at_old_address(text, "media", key, address)
                if found:
                    self.report.changed.append((shown, f"{key} could not be brought over (see “Left out”): it "
                                                "still points at your WordPress blog"))
            self.staging.write(relative, text)

    def _bring_media(self, why):
        """Bring her audio, video and documents into media/; return [(key, address, why)] of those not had."""
        wanted, missing = {}, []
        for key, address in self.media.items():
            relative = Path("media", key)
            if not self.staging.inside(relative):
                missing.append((key, address, "its address points outside content/media/"))
            elif not (self.content / relative).exists():
                wanted[key] = (key, address)
        lost = bring_photos(wanted, self.library, self.staging.path("media"),
                            Progress(len(wanted), "Copying audio, video and documents"))
        self.report.media = len(wanted) - len(lost)
        missing += lost
        for key, _, reason in missing:
            self.report.skipped.append((f"file {key}", reason or why))
        return missing

    def _without_missing(self, text, missing):
        """Return text without the photos that could not be had, and the reasons, one per place that showed one.

        A photo shown (with or without a title) becomes a note saying so; a cover or a video's poster
        goes; a link to the photo keeps her old blog's address, while it lasts (following it asks
        nothing of her old blog before a reader does).
        """
        reasons = []
        for original, address, reason in missing:
            path = r"\{static\}/images/" + re.escape(original)
            image = re.compile(r"!\[([^\]]*)\]\(" + path + r'(?:\s+"[^"]*")?\)')
            text, found = image.subn(lambda m, address=address: f"<!-- photo not found: {address} "
                                     f"({m[1] or 'no description'}) -->", text)
            reasons += [reason] * found
            cover = re.compile(r"^Image: " + path + r"\nImage_alt: .*\n", re.M)
            text, found = cover.subn("", text, count=1)  # a featured image not had: the post has no cover
            reasons += [reason] * found
            text, found = re.subn(r'\sposter="' + path + '"', "", text)  # a video without its still
            reasons += [reason] * found
            text, found = at_old_address(text, "images", original, address)
            reasons += [reason] * found
        return text, reasons

    def item(self, place, item):
        """Return (path in content/, text, shown path) for one item of the export, or None, noting why not."""
        name = f"{item.kind} “{clean_title(item.title) or '(no title)'}”"
        if item.kind == "attachment":
            return
        if item.kind not in KINDS:
            what = INTERNAL.get(item.kind, f"'{item.kind}'")
            self.report.internal[what] = self.report.internal.get(what, 0) + 1
            return
        if item.status in ("trash", "auto-draft", "inherit") or item.status not in (*PUBLISHED, *SCHEDULED,
                                                                                   *DRAFTS):
            self.report.skipped.append((name, f"its status on WordPress is '{item.status or 'none'}'"))
            return
        if place in self.refused:
            self.report.skipped.append((name, self.refused[place]))
            return
        slug, beside = self.slugs[place], None
        relative = Path(KINDS[item.kind], f"{slug}.md")
        if (self.content / relative).exists() and not self._imported_before(self.content / relative, item):
            # The site's own page at her address (about, contact): hers goes beside it, for her to merge
            beside, slug = relative, self.beside_slug(place, slug)
            relative = Path(KINDS[item.kind], f"{slug}.md")
        shown = f"{self.content.name}/{relative.as_posix()}"
        if (self.content / relative).exists():
            self.report.existing.append(shown)
            self.comments(item, slug)  # a newer export may bring new comments
            return
        draft = item.status in DRAFTS or bool(item.password)
        body = to_markdown(item.content, image_path=self.image_path, link_path=self.link_path,
                           gallery_images=lambda ids: self.gallery_images(ids, item),
                           classic="<!-- wp:" not in item.content, media_path=self.media_path)
        notes = self._notes(item, body, shown)
        self.count(item, draft)
        self.report.unpublished_comments += sum(1 for c in item.comments if c.approved != "1"
                                                and c.kind in ("", "comment"))
        self.comments(item, slug)
        if beside:
            self.report.beside.append((item.kind, clean_title(item.title) or "(no title)", shown,
                                       f"{self.content.name}/{beside.as_posix()}"))
        markdown = self._own_images_named(body)
        return relative, self.header(item, slug, draft, moved=not beside) + "\n" + notes + markdown, shown

    def _imported_before(self, path, item):
        """Return whether the file at path is this item as an earlier import wrote it: it carries her date."""
        dates = re.findall(r"^Date:\s*(.+?)\s*$", path.read_text("utf-8", errors="replace").split("\n\n", 1)[0],
                           re.M)
        return local_time(self.date(item), self.timezone) in dates

    def beside_slug(self, place, slug):
        """Return the slug of her item when the site has its own at her slug: 'about-from-wordpress'."""
        unique, number = f"{slug}{BESIDE}", 2
        while unique in self.slugs.values():
            unique, number = f"{slug}{BESIDE}-{number}", number + 1
        self.slugs[place] = unique
        return unique

    def _own_images_named(self, body):
        """Return the Markdown with the notes of images of her old blog's own that were not found said so."""
        markdown = body.markdown
        for src in body.missing_images:
            if self._is_hers(src):
                shown = src.replace("--", "%2D%2D")
                markdown = markdown.replace(f"<!-- image from another site, left out: {shown} -->",
                                            f"<!-- image of your WordPress blog not found, left out: {shown} -->")
        return markdown

    def _notes(self, item, body, shown):
        """Return HTML comments for the top of the text about what she should check, and report them."""
        notes = []
        if item.password:
            notes.append("on WordPress this was protected by a password, so it comes over as a draft")
        if item.status == "private":
            notes.append("on WordPress this was private, so it comes over as a draft")
        if not item.title:
            notes.append("it had no title: give it one")
        if body.unknown_shortcodes:
            notes.append(f"WordPress shortcodes kept as text: {', '.join(body.unknown_shortcodes)}")
        if undescribed := body.markdown.count("![]("):
            notes.append(f"{undescribed} photo(s) have no description: write what each shows between its empty "
                         "square brackets [], for readers who cannot see it")
        if body.embeds:
            hosts = ", ".join(dict.fromkeys(urlsplit(address).netloc.removeprefix("www.") for address in body.embeds))
            notes.append(f"{len(body.embeds)} embed(s) of other sites' content ({hosts}) are links now: the site "
                         "shows nothing from another site before a reader asks")
        own = [src for src in body.missing_images if self._is_hers(src)]
        if own:
            notes.append(f"{len(own)} image(s) of your WordPress blog, not among its photos, left out: see the "
                         "notes in the text")
        if len(own) < len(body.missing_images):
            notes.append(f"{len(body.missing_images) - len(own)} image(s) from other sites left out: see the notes "
                         "in the text")
        for note in notes:
            self.report.changed.append((shown, note))
        return "".join(f"<!-- Imported from WordPress: {note}. -->\n\n" for note in notes)

    def count(self, item, draft):
        """Count an imported post or page in the report."""
        if item.kind == "post":
            self.report.posts += 1
        else:
            self.report.pages += 1
        if draft:
            self.report.drafts += 1
        elif item.status in SCHEDULED or (item.date_gmt and item.date_gmt > datetime.datetime.now(datetime.UTC)):
            self.report.scheduled += 1

    def date(self, item):
        """Return the item's date: a draft WordPress never dated gets its last change, else today."""
        return item.date_gmt or item.modified_gmt or datetime.datetime.now(datetime.UTC)

    def header(self, item, slug, draft, moved=True):
        """Return the Markdown header: the site's details, one per line.

        moved: her old address may redirect here (not when the site has its own page there).
        """
        categories = [name for slug, name in item.categories if slug.lower() not in UNCATEGORISED]
        tags = categories[1:] + [name for _, name in item.tags]
        title = clean_title(item.title)
        lines = [("Title", title or "Untitled")]
        lines.append(("Date", local_time(self.date(item), self.timezone)))
        if item.modified_gmt and item.date_gmt and item.modified_gmt - item.date_gmt > datetime.timedelta(days=1):
            lines.append(("Modified", local_time(item.modified_gmt, self.timezone)))
        if item.kind == "post" and categories:
            lines.append(("Category", categories[0]))
        if item.kind == "post" and tags:
            lines.append(("Tags", ", ".join(dict.fromkeys(t.replace(",", " ") for t in tags))))
        lines.append(("Slug", slug))
        lines.append(("Summary", summary(item.excerpt, item.content) or title or "Untitled"))
        if cover := self.cover(item):  # her featured image heads the post, its card and its share image
            lines += [("Image", cover[0]), ("Image_alt", cover[1] or title or "")]
        if draft:
            lines.append(("Status", "draft"))
        old = urlsplit(item.link).path
        if old in ("", "/") and parse_qs(urlsplit(item.link).query).get("p") == [item.id]:
            old = f"/?p={item.id}"  # its only address: forwarded where the host can match a query (Netlify)
        new = "/" + self.addresses[item.kind].format(slug=slug)
        if moved and old not in ("", "/", new) and item.status in (*PUBLISHED, *SCHEDULED) and not item.password:
            lines.append(("Old_url", old))
        return "".join(f"{key}: {header_value(value)}\n" for key, value in lines)

    def comments(self, item, slug):
        """Add the approved comments of a post to content/comments/<slug>.toml, threaded by their parent.

        Comments the file holds already (by id) are left as they are, as is anything she added by hand.
        """
        kept = [c for c in item.comments if c.approved == "1" and c.kind in ("", "comment") and c.id.isdigit()]
        for comment in item.comments:
            if comment.kind in ("pingback", "trackback"):
                self.report.skipped.append((f"{comment.kind} on “{clean_title(item.title)}”",
                                            f"from {html.unescape(comment.author)}: links from other sites are "
                                            "not published"))
        relative = Path("comments", f"{slug}.toml")
        target = self.content / relative
        shown = f"{self.content.name}/comments/{target.name}"
        present = set()
        if target.exists():
            try:
                present = {c.get("id") for c in tomllib.loads(target.read_text("utf-8-sig")).get("comment", [])}
            except tomllib.TOMLDecodeError:
                self.report.skipped.append((f"new comments for {shown}", "the file has a mistake: fix it "
                                            "(invoke build says where), then import again"))
                return
        new = [c for c in kept if int(c.id) not in present]
        if not new:
            return
        ids = {c.id for c in kept} | {str(i) for i in present}
        entries = []
        for comment in new:
            parent = comment.parent if comment.parent in ids else "0"
            date = comment.date_gmt.strftime("%Y-%m-%dT%H:%M:%SZ") if comment.date_gmt else None
            entries.append("[[comment]]\n"
                           f"id = {int(comment.id)}\n"
                           f"parent = {int(parent)}\n"
                           f"name = {_toml_text(comment.author or 'Anonymous')}\n"
                           + (f"date = {date}\n" if date else "")
                           + f"text = {_toml_text(_comment_text(comment.text))}\n")
        before = target.read_text(encoding="utf-8") + "\n" if target.exists() else COMMENTS_NOTE
        self.staging.write(relative, before + "\n".join(entries), replaces=target.exists())
        self.report.comments += len(new)
        if present:
            self.report.changed.append((shown, f"{len(new)} new comment(s) added at the end"))


COMMENTS_NOTE = """# Comments readers left on this post on WordPress, shown under it as "Earlier comments".
# To add a reply you received by email, copy the lines of one comment to the end, give it the next
# id, and set parent to the id of the comment it answers (0 for none).

"""


def _toml_text(text):
    """Return text as a TOML string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _comment_text(html):
    """Return a comment's text without its HTML: paragraphs kept as blank lines."""
    from bs4 import BeautifulSoup

    text = re.sub(r"<br\s*/?>", "\n", html or "")
    text = re.sub(r"</p>\s*<p[^>]*>", "\n\n", text)
    return BeautifulSoup(text, "html.parser").get_text().strip()


def import_wordpress(export_file, content, timezone="Europe/London", media=None, addresses=None):
    """Import an export into the content folder; return the Report. Raises ExportError for an unreadable export.

    addresses: the site's ARTICLE_URL and PAGE_URL as {'post', 'page'}: an old address that stays is no move.
    """
    export = read_export(export_file)
    return Importer(export, content, timezone, Library(media), addresses).run()
