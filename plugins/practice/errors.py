"""Errors for mistakes in the practice's facts the site's author can fix."""


class SettingError(ValueError):
    """A setting in pelicanconf.py has a value the site cannot use."""

    def __init__(self, name, value, allowed):
        super().__init__(f"{name} = {value!r} {allowed}")
        self.name = name


class DataFileError(ValueError):
    """A data file (such as the testimonials) cannot be read: path names the file, detail says what is wrong."""

    def __init__(self, path, detail):
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail
