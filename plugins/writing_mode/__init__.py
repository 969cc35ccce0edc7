"""Writing preview: show drafts and scheduled posts, labelled, when WRITING_MODE is on."""

from .plugin import register

__all__ = ["register"]
