"""Click-to-load videos: the Markdown extension, and which players each page and the site show."""

from pelican import signals

from .embed import PLAYERS, PLAYERS_KEY

EXTENSION = "videos.embed"


def add_extension(pelican):
    """Receive initialized: have Pelican's Markdown reader turn video addresses into boxes."""
    pelican.settings.setdefault("MARKDOWN", {}).setdefault("extension_configs", {}).setdefault(EXTENSION, {})


def players_of(metadata):
    """Return the players of the videos the extension found in a text, as a sorted list of addresses.

    Only players it knows count, should another reader (HTML's <meta> tags) name something else.
    """
    found = metadata.get(PLAYERS_KEY) or []
    found = [found] if isinstance(found, str) else found  # Pelican's reader unwraps a list of one
    return sorted(set(found) & set(PLAYERS.values()))


def shown_contents(context):
    """Return every post and page the site writes, with their translations."""
    originals = [content for key in ("articles", "hidden_articles", "pages", "hidden_pages")
                 for content in context.get(key, [])]
    return originals + [translation for content in originals for translation in getattr(content, "translations", [])]


def note_players(content):
    """Receive content_object_init: set content.video_frames (templates, the hosting plugin) to the players found.

    Set on everything Pelican reads: a 'Video_frames:' line in a header, which Pelican would make the
    attribute, is replaced, so no header line loosens a page's security policy.
    """
    content.video_frames = players_of(content.metadata)


def note_site_players(generators):
    """Receive all_generators_finalized: give templates VIDEO_FRAMES, the players the site shows (privacy notice)."""
    context = generators[0].context  # every generator shares one context
    context["VIDEO_FRAMES"] = sorted({frame for content in shown_contents(context) for frame in content.video_frames})


def register():
    """Connect the receivers to Pelican's signals."""
    signals.initialized.connect(add_extension)
    signals.content_object_init.connect(note_players)
    signals.all_generators_finalized.connect(note_site_players)
