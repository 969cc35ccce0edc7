"""Click-to-load videos: the Markdown extension, and which pages and players the site has."""

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

EXTENSION = "videos.embed"


def add_extension(pelican):
    """Receive initialized: have Pelican's Markdown reader turn video addresses into boxes."""
    pelican.settings.setdefault("MARKDOWN", {}).setdefault("extension_configs", {}).setdefault(EXTENSION, {})


def frames_of(content):
    """Return the video players a post or page shows, as a list of addresses."""
    frames = content.metadata.get("video_frames") or []
    return [frames] if isinstance(frames, str) else list(frames)


def note_videos(generators):
    """Receive all_generators_finalized: tell templates and the hosting plugin which pages show videos.

    VIDEO_FRAMES (templates: the privacy notice) lists the players the site uses; VIDEO_PAGES maps
    each page's address to its players (the hosting plugin's security policy).
    """
    contents = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            contents += generator.articles
        elif isinstance(generator, PagesGenerator):
            contents += generator.pages
    pages = {content.url: frames_of(content) for content in contents if frames_of(content)}
    for generator in generators[:1]:  # every generator shares one context
        generator.context["VIDEO_FRAMES"] = sorted({frame for frames in pages.values() for frame in frames})
        generator.settings["VIDEO_PAGES"] = pages


def register():
    """Connect the receivers to Pelican's signals."""
    signals.initialized.connect(add_extension)
    signals.all_generators_finalized.connect(note_videos)
