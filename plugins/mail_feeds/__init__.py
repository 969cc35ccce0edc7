"""Feeds that make good emails: full posts with absolute addresses, images mail clients show, and booking."""

from .plugin import register

__all__ = ["register"]
