"""Read a post's own details for its actions: on/off switches and text overrides."""

# The details of a post the actions read (sitetools checks every post for unknown ones).
METADATA_KEYS = ("cta", "cta_heading", "cta_text", "comments", "disclaimer")


class MetadataError(ValueError):
    """A post's detail has a value the actions cannot use; key names the detail."""

    def __init__(self, message, key):
        super().__init__(message)
        self.key = key


OFF = {"off", "no", "false", "0", "hide", "hidden"}
ON = {"on", "yes", "true", "1", "show"}


def switch(metadata, key):
    """Return False if metadata turns key off, True if absent or on; raise MetadataError otherwise."""
    value = metadata.get(key)
    if value is None:
        return True
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in ON:
        return True
    if word in OFF:
        return False
    raise MetadataError(
        f"'{key.capitalize()}: {value}' is not understood — write '{key.capitalize()}: off' "
        f"to hide it on this post, or remove the line.",
        key,
    )


def text(metadata, key, default):
    """Return the metadata value for key as stripped text, or default when absent or empty."""
    value = metadata.get(key)
    if value is None or not str(value).strip():
        return default
    return str(value).strip()
