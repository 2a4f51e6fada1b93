"""What an export is made of: compiled modules with their quizzes and media bytes, plus options."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from assessments.model import Quiz
from courses.model import Framework, Module

STATUS_MODES = ("passed-failed", "completed-incomplete")
DEFAULT_ACTIVITY_BASE = "https://elearn.example/xapi/activities"


@dataclass(frozen=True, slots=True)
class ModuleBundle:
    """One module ready to package: its quiz (if any) and the bytes of its media, keyed by sha256."""

    module: Module
    quiz: Quiz | None = None
    media: Mapping[str, bytes] = field(default_factory=dict)
    version: int | None = None  # the published version, reported in xAPI statements when known


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Choices that change what a package reports.

    ``status_mode`` is how SCORM 1.2 reports a quiz result in ``cmi.core.lesson_status``: passed/failed
    (the default) or completed/incomplete for LMSs that only track completion. ``activity_base`` is the
    IRI prefix of activity ids (module, quiz, question), the same prefix the app uses in its statements
    (``<BASE_URL>/xapi/activities``).
    """

    status_mode: str = "passed-failed"
    activity_base: str = DEFAULT_ACTIVITY_BASE
    course_title: str | None = None  # title of a several-module course; defaults to the module titles
    framework: Framework | None = None  # names and descriptions of the competencies (objectives)
    suspend_data_limit: int | None = None  # overrides the format's limit (4,096 for SCORM 1.2)

    def __post_init__(self) -> None:
        if self.status_mode not in STATUS_MODES:
            raise ValueError(f"status_mode must be one of {STATUS_MODES}, not {self.status_mode!r}")
