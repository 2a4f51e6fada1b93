"""Compiled modules and the competency framework: frozen, JSON-serialisable data."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from assessments.model import Question


@dataclass(frozen=True, slots=True)
class Competency:
    id: str
    name: str
    description: str
    threshold: float


@dataclass(frozen=True, slots=True)
class Framework:
    id: str
    name: str
    threshold: float
    competencies: tuple[Competency, ...]

    def get(self, competency_id: str) -> Competency | None:
        return next((c for c in self.competencies if c.id == competency_id), None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Framework:
        return cls(
            data["id"], data["name"], data["threshold"], tuple(Competency(**c) for c in data["competencies"])
        )


@dataclass(frozen=True, slots=True)
class Media:
    path: str  # relative to the module folder, e.g. "media/call.mp3"
    kind: str  # "image" | "audio"
    alt: str  # alt text (images) or title (audio)
    transcript: str | None
    sha256: str
    media_type: str  # e.g. "image/png"


@dataclass(frozen=True, slots=True)
class Page:
    index: int  # 0-based
    slug: str
    title: str
    html: str  # rendered body; media URLs are relative ("media/x.png"), resolved by whoever serves it
    words: int
    check_ids: tuple[str, ...] = ()  # ids of the inline knowledge checks on this page


@dataclass(frozen=True, slots=True)
class Module:
    id: str
    title: str
    summary: str
    minutes: int
    competencies: tuple[str, ...]
    pages: tuple[Page, ...]
    version_note: str = ""
    audience: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    quiz_id: str | None = None
    requires_quiz_pass: bool = False
    checks: tuple[Question, ...] = ()  # inline knowledge checks (unscored practice)
    media: tuple[Media, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Module:
        values = dict(data)
        for name in ("competencies", "audience", "keywords"):
            values[name] = tuple(data.get(name, ()))
        values["pages"] = tuple(
            Page(**{**page, "check_ids": tuple(page.get("check_ids", ()))}) for page in data["pages"]
        )
        values["checks"] = tuple(Question.from_dict(q) for q in data.get("checks", ()))
        values["media"] = tuple(Media(**m) for m in data.get("media", ()))
        return cls(**values)
