"""The practice's facts (contact, hours, services, credentials) checked, and described as structured data."""

from .plugin import METADATA_KEYS, register

__all__ = ["METADATA_KEYS", "register"]
