"""Share images: one picture per post (its title on the site's colours) for link previews."""

from .plugin import register

__all__ = ["register"]
