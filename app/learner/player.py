"""The module player: open a module where the learner left off, show a page, record every step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

import courses
from app.clock import now as utcnow
from app.learner import catalog, recording
from app.learner.catalog import ModuleVersion
from app.learner.recording import Learner, Scene
from assessments.attempts import has_passed
from assessments.model import CompetencyRef
from assessments.progress import find_progress, start_module, view_page
from assessments.store import ModuleProgress
from courses.model import Page
from learning_record_store.vocabulary import Verb


@dataclass(frozen=True, slots=True)
class PlayerPage:
    module: ModuleVersion
    page: Page
    progress: ModuleProgress
    completed_now: bool


def scene(learner: Learner, module: ModuleVersion, registration: str) -> Scene:
    return Scene(
        learner=learner,
        registration=registration,
        module_id=module.module.id,
        module_title=module.module.title,
        module_version=module.version,
        competencies=tuple(CompetencyRef(c) for c in module.module.competencies),
        grouping=recording.curriculum_iri(learner),
    )


def open_module(session: Session, learner: Learner, module_id: str) -> ModuleProgress:
    """Open a module: continue an unfinished version, else start the latest; record launch or resume."""
    now = utcnow()
    progress = find_progress(session, learner_id=learner.uid, module_id=module_id)
    if progress is not None and progress.completed_at is None:
        module = catalog.get_module(session, module_id, progress.module_version)
        verbs = [Verb.RESUMED]
    else:
        module = catalog.get_module(session, module_id)
        progress, is_new = start_module(
            session,
            learner_id=learner.uid,
            module_id=module_id,
            version=module.version,
            page_count=len(module.module.pages),
            now=now,
        )
        verbs = [Verb.LAUNCHED, Verb.INITIALIZED] if is_new else [Verb.LAUNCHED]
    where = scene(learner, module, progress.registration)
    activity = recording.module_activity(where)
    recording.record(session, [recording.lifecycle(where, verb, activity, now) for verb in verbs])
    return progress


def show_page(
    session: Session, learner: Learner, module_id: str, version: int, page_number: int
) -> PlayerPage:
    """Show page ``page_number`` (1-based): save the position, record it experienced, complete when done."""
    now = utcnow()
    module = catalog.get_module(session, module_id, version)
    pages = module.module.pages
    if not 1 <= page_number <= len(pages):
        raise catalog.ContentNotFoundError("page", f"{module_id}/{page_number}", version)
    page = pages[page_number - 1]
    quiz_id = module.module.quiz_id

    def quiz_passed() -> bool:
        return not (quiz_id and module.module.requires_quiz_pass) or has_passed(
            session, learner_id=learner.uid, quiz_id=quiz_id
        )

    viewed = view_page(
        session,
        learner_id=learner.uid,
        module_id=module_id,
        version=version,
        page_count=len(pages),
        page_index=page.index,
        quiz_passed=quiz_passed,
        now=now,
    )
    where = scene(learner, module, viewed.progress.registration)
    statements = []
    if viewed.is_first_visit:  # a page reached without opening the module first (a bookmark)
        activity = recording.module_activity(where)
        statements += [
            recording.lifecycle(where, verb, activity, now) for verb in (Verb.LAUNCHED, Verb.INITIALIZED)
        ]
    page_activity = recording.page_activity(where, page.slug, page.title)
    statements.append(recording.lifecycle(where, Verb.EXPERIENCED, page_activity, now))
    if viewed.completed_now:
        statements += completion_statements(where, now)
    recording.record(session, statements)
    return PlayerPage(module, page, viewed.progress, viewed.completed_now)


def completion_statements(where: Scene, now: datetime) -> list[recording.Statement]:
    activity = recording.module_activity(where)
    return [
        recording.lifecycle(where, Verb.COMPLETED, activity, now, result=recording.completed_result()),
        recording.lifecycle(where, Verb.TERMINATED, activity, now),
    ]


def media_file(session: Session, module_id: str, version: int, path: str) -> courses.MediaFile:
    """Return a media file of a module version by its path (ContentNotFoundError when it has none)."""
    module = catalog.get_module(session, module_id, version)
    media = next((m for m in module.module.media if m.path == path), None)
    found = courses.get_media_file(session, media.sha256) if media else None
    if found is None:
        raise catalog.ContentNotFoundError("media", f"{module_id}/{path}", version)
    return found


def leave_module(session: Session, learner: Learner, module_id: str, version: int) -> None:
    """Record that the learner left the module part-way (they resume from My learning)."""
    progress = find_progress(session, learner_id=learner.uid, module_id=module_id, version=version)
    if progress is None or progress.completed_at is not None:
        return
    module = catalog.get_module(session, module_id, version)
    where = scene(learner, module, progress.registration)
    now = utcnow()
    activity = recording.module_activity(where)
    recording.record(
        session,
        [
            recording.lifecycle(where, Verb.SUSPENDED, activity, now),
            recording.lifecycle(where, Verb.TERMINATED, activity, now),
        ],
    )
