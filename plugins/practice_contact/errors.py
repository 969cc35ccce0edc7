"""Errors the plugin raises for mistakes the site's author can fix."""


class SettingError(ValueError):
    """A setting in pelicanconf.py has a value the site cannot use."""

    def __init__(self, name, value, allowed):
        super().__init__(f"{name} = {value!r} {allowed}")
        self.name = name


class MetadataError(ValueError):
    """A post's metadata has a value the plugin cannot use; key names the detail."""

    def __init__(self, message, key):
        super().__init__(message)
        self.key = key


class DataFileError(ValueError):
    """A data file (such as the testimonials) cannot be read: path names the file, detail says what is wrong."""

    def __init__(self, path, detail):
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail
