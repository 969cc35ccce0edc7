"""Errors for mistakes in the practice's facts the site's author can fix."""


class SettingError(ValueError):
    """A setting has a value the site cannot use: name and value say which, allowed what it must be."""

    def __init__(self, name, value, allowed):
        super().__init__(f"{name} = {value!r} {allowed}")
        self.name = name
        self.value = value
        self.allowed = allowed


class DataFileError(ValueError):
    """A data file (the practice's facts, the testimonials) has a mistake.

    path names the file, detail says what is wrong and how to fix it ("what — fix"), line where it is.
    """

    def __init__(self, path, detail, line=None):
        super().__init__(f"{path}:{line}: {detail}" if line else f"{path}: {detail}")
        self.path = path
        self.detail = detail
        self.line = line
