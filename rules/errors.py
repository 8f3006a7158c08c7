"""The one error a policy file raises when it is wrong."""

from __future__ import annotations


class PolicyError(ValueError):
    """A policy file that cannot be used; the message names the file, the key path and the fault."""

    def __init__(self, file: str, path: str, problem: str) -> None:
        self.file = file
        self.path = path
        self.problem = problem
        where = f"{file}: {path}" if path else file
        super().__init__(f"{where}: {problem}")


class TableError(ValueError):
    """The evidence table (rules/evidence.toml) is wrong; the message names the key and the fault."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"evidence table: {path}: {problem}" if path else f"evidence table: {problem}")
