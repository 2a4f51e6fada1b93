"""My learning: assigned, in progress, recommended and the whole catalogue, each module with its length."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from app.learner import catalog
from app.learner.assignments import assignments_for
from app.learner.catalog import ModuleVersion
from app.learner.recording import Learner
from app.learner.taking import close_if_expired
from assessments import attempts, progress
from assessments.mastery_store import states_for
from assessments.store import Attempt, ModuleProgress

FITS_CHOICES = (5, 10, 15, 30)


@dataclass(frozen=True, slots=True)
class ModuleCard:
    module: ModuleVersion
    status: str  # "not started" | "in progress" | "completed"
    pages_seen: int = 0
    source: str | None = None  # who assigned it
    due: date | None = None


@dataclass(frozen=True, slots=True)
class MyLearning:
    assigned: list[ModuleCard]
    in_progress: list[ModuleCard]
    open_attempts: list[tuple[Attempt, str]]  # attempt and its quiz title
    recommended: list[ModuleCard]
    weak_competencies: list[str]
    catalogue: list[ModuleCard]
    fits: int | None
    hidden: int = field(default=0)  # modules left out by the "fits in" filter


def my_learning(session: Session, learner: Learner, user: object, *, fits: int | None) -> MyLearning:
    """Everything on the learner's home page, filtered to modules that fit in ``fits`` minutes."""
    modules = catalog.list_modules(session)
    by_id = {m.module.id: m for m in modules}
    rows = {p.module_id: p for p in reversed(progress.learner_progress(session, learner.uid))}

    def card(module: ModuleVersion, source: str | None = None, due: date | None = None) -> ModuleCard:
        row = rows.get(module.module.id)
        return ModuleCard(module, _status(row), len(row.pages_seen) if row else 0, source, due)

    def fits_in(module: ModuleVersion) -> bool:
        return fits is None or module.module.minutes <= fits

    assigned = [
        card(by_id[a.module_id], a.source, a.due)
        for a in assignments_for(session, user)
        if a.module_id in by_id
    ]
    in_progress = [
        card(by_id[mid]) for mid in _recent_first(rows) if mid in by_id and rows[mid].completed_at is None
    ]
    weak = weak_competencies(session, learner)
    recommended = [
        card(m)
        for m in modules
        if set(m.module.competencies) & set(weak) and _status(rows.get(m.module.id)) != "completed"
    ]
    catalogue = [card(m) for m in modules]
    return MyLearning(
        assigned=[c for c in assigned if fits_in(c.module)],
        in_progress=[c for c in in_progress if fits_in(c.module)],
        open_attempts=_open_attempts(session, learner),
        recommended=[c for c in recommended if fits_in(c.module)],
        weak_competencies=weak,
        catalogue=[c for c in catalogue if fits_in(c.module)],
        fits=fits,
        hidden=sum(not fits_in(m) for m in modules),
    )


def _status(row: ModuleProgress | None) -> str:
    if row is None:
        return "not started"
    return "completed" if row.completed_at is not None else "in progress"


def _recent_first(rows: dict[str, ModuleProgress]) -> list[str]:
    return [p.module_id for p in sorted(rows.values(), key=lambda p: p.updated_at, reverse=True)]


def _open_attempts(session: Session, learner: Learner) -> list[tuple[Attempt, str]]:
    found = []
    for attempt in attempts.attempt_history(session, learner_id=learner.uid):
        if attempt.is_open and not close_if_expired(session, learner, attempt):
            found.append(
                (attempt, catalog.get_quiz(session, attempt.quiz_id, attempt.quiz_version).quiz.title)
            )
    return found


def weak_competencies(session: Session, learner: Learner) -> list[str]:
    """Competencies whose mastery estimate is below their threshold."""
    framework = catalog.get_framework(session)
    if framework is None:
        return []
    states = states_for(session, [f"account:{learner.uid}"]).get(f"account:{learner.uid}", {})
    weak = []
    for competency in framework.competencies:
        stored = states.get(competency.id)
        estimate = stored.state.estimate if stored else None
        if estimate is not None and estimate < competency.threshold:
            weak.append(competency.id)
    return weak
