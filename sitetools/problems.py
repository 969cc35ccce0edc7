"""A problem found while building: where it is, what is wrong and how to fix it."""

from dataclasses import dataclass

ERROR = "error"
FATAL = "fatal"  # an error that stops the build before Pelican reads anything (it would misread)
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing for the author to fix, printed as `file:line: what — how to fix it`."""

    path: str
    line: int | None
    what: str
    fix: str = ""
    severity: str = ERROR

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.what}" + (f" — {self.fix}" if self.fix else "")

    def record(self):
        """Return the problem as a dict of plain values, to pass between processes."""
        return {"path": self.path, "line": self.line, "what": self.what, "fix": self.fix, "severity": self.severity}

    @classmethod
    def from_record(cls, record):
        """Return the problem a record() describes."""
        return cls(**record)

    @property
    def is_error(self):
        """Return whether the problem stops the build."""
        return self.severity in (ERROR, FATAL)


def counted(number, word):
    """Return '1 post', '2 posts': a number with its word, plural when it is not one."""
    return f"{number} {word}{'s' * (number != 1)}"
