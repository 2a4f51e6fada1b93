"""Errors of the exporters: each carries the data a caller needs to report it."""

from __future__ import annotations


class ExportError(Exception):
    """Base class of every exporter error."""


class UnknownFormatError(ExportError):
    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        super().__init__(f"unknown export format {name!r}; choose one of: {', '.join(known)}")
        self.name, self.known = name, known


class MissingMediaError(ExportError):
    def __init__(self, module_id: str, path: str, sha256: str) -> None:
        super().__init__(f"{module_id}: media {path} (sha256 {sha256[:12]}…) has no content")
        self.module_id, self.path, self.sha256 = module_id, path, sha256


class InvalidPackageError(ExportError):
    """A package failed its schema or integrity checks; ``problems`` lists every finding."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid package:\n" + "\n".join(f"  {problem}" for problem in problems))
        self.problems = problems
