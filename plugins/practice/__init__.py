"""The practice's facts (contact, hours, services, credentials) checked, and described as structured data."""

from .plugin import register

__all__ = ["register"]
