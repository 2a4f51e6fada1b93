"""Diagnostics of the text formats: ``path:line:col: error: message`` plus an optional hint.

They live here, in the lowest layer, because the quiz format (assessments) and the course format (courses)
both report through them; ``courses.diagnostics`` re-exports them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    line: int  # 1-based
    col: int  # 1-based
    severity: str  # "error" | "warning"
    message: str
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self) -> str:
        """Return ``path:line:col: severity: message``, with the hint on a second line."""
        text = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Diagnostic:
        return cls(**data)

    def relocated(self, path: str) -> Diagnostic:
        return replace(self, path=path)


@dataclass
class Diagnostics:
    """Collects the diagnostics of one source file."""

    path: str
    items: list[Diagnostic] = field(default_factory=list)

    def error(self, message: str, line: int, col: int = 1, hint: str | None = None) -> None:
        self.items.append(Diagnostic(self.path, max(line, 1), max(col, 1), ERROR, message, hint))

    def warning(self, message: str, line: int, col: int = 1, hint: str | None = None) -> None:
        self.items.append(Diagnostic(self.path, max(line, 1), max(col, 1), WARNING, message, hint))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    @property
    def has_errors(self) -> bool:
        return any(item.is_error for item in self.items)


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """Return a ``did you mean "x"?`` hint for the closest candidate, or None."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f'did you mean "{matches[0]}"?' if matches else None


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int]:
    return (diagnostic.path, diagnostic.line, diagnostic.col)
