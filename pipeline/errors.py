"""Program errors, as opposed to document errors.

A document error (an odd scan, a field that will not parse) belongs to one item: it becomes a
flag on that item and the batch goes on. A program error (a data file the program ships is
missing or broken: the extraction patterns, the classifier artifact, a policy file) would fail
every item the same way; it stops the run with a clear message instead of turning each item
into a per-item failure.
"""

from __future__ import annotations


class ProgramDataError(Exception):
    """A data file the program ships is wrong, or does not agree with another one."""


class ProgramDataMissing(ProgramDataError, FileNotFoundError):
    """A data file the program ships or is configured with is missing or unreadable."""

    def __init__(self, what: str, path: object, why: str = "") -> None:
        self.what = what
        self.path = str(path)
        super().__init__(f"{what} missing or unreadable: {path}" + (f" ({why})" if why else ""))
