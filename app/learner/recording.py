"""xAPI statements for every step of learning: one small builder per event.

Statements are built with ``tincan`` and stored through the record store in the caller's session, so an
attempt change and the statements describing it are committed together or not at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session
from tincan import (
    Activity,
    ActivityDefinition,
    Agent,
    AgentAccount,
    Context,
    ContextActivities,
    Extensions,
    InteractionComponent,
    InteractionComponentList,
    LanguageMap,
    Result,
    Score,
    Statement,
    Verb,
)

from assessments.model import CompetencyRef, Question
from assessments.question_types import QUESTION_TYPES
from learning_record_store import record_statements
from learning_record_store.vocabulary import ActivityType, Extension, verb_display
from learning_record_store.vocabulary import Verb as Verbs


@dataclass(frozen=True, slots=True)
class Learner:
    """Who is learning, as the statements name them, and the site they learn on."""

    uid: str
    name: str
    base_url: str
    email: str | None = None
    use_email: bool = False  # name the learner by mbox instead of an account on base_url


@dataclass(frozen=True, slots=True)
class Scene:
    """Where a statement happens: the learner, the activity IRI base and the session (registration)."""

    learner: Learner
    registration: str
    module_id: str | None
    module_title: str
    module_version: int | None
    competencies: tuple[CompetencyRef, ...]
    grouping: str | None = None  # the course or curriculum activity id

    def iri(self, *parts: str) -> str:
        return "/".join([self.learner.base_url.rstrip("/"), "xapi", "activities", *parts])

    @property
    def module_iri(self) -> str:
        return self.iri("modules", self.module_id or "")


def actor(learner: Learner) -> Agent:
    if learner.use_email and learner.email:
        return Agent(mbox=f"mailto:{learner.email}", name=learner.name)
    return Agent(account=AgentAccount(home_page=learner.base_url, name=learner.uid), name=learner.name)


def curriculum_iri(learner: Learner) -> str:
    """The grouping activity of every statement: the site's curriculum as one course."""
    return "/".join([learner.base_url.rstrip("/"), "xapi", "activities", "courses", "curriculum"])


def completed_result() -> Result:
    return Result(completion=True)


def _context(scene: Scene, competencies: Iterable[CompetencyRef], *, with_parent: bool) -> Context:
    activities = ContextActivities()
    if with_parent and scene.module_id:
        activities.parent = [Activity(id=scene.module_iri)]
    if scene.grouping:
        activities.grouping = [Activity(id=scene.grouping)]
    # Plain competency ids of the framework: the mastery engine reads them straight from this extension.
    refs = [{"id": ref.id, "weight": ref.weight} for ref in competencies]
    extensions: dict[str, Any] = {Extension.COMPETENCIES: refs}
    if scene.module_version is not None:
        extensions[Extension.MODULE_VERSION] = scene.module_version
    return Context(
        registration=scene.registration, context_activities=activities, extensions=Extensions(extensions)
    )


def _activity(iri: str, kind: str, title: str, definition: ActivityDefinition | None = None) -> Activity:
    definition = definition or ActivityDefinition()
    definition.type = kind
    definition.name = LanguageMap({"en-US": title})
    return Activity(id=iri, definition=definition)


def _statement(
    scene: Scene,
    verb: str,
    target: Activity,
    when: datetime,
    *,
    result: Result | None = None,
    competencies: Iterable[CompetencyRef] | None = None,
    with_parent: bool = True,
) -> Statement:
    return Statement(
        id=str(uuid.uuid4()),
        actor=actor(scene.learner),
        verb=Verb(id=verb, display=LanguageMap(verb_display(verb))),
        object=target,
        result=result,
        context=_context(
            scene, scene.competencies if competencies is None else competencies, with_parent=with_parent
        ),
        timestamp=when,
    )


def module_activity(scene: Scene) -> Activity:
    return _activity(scene.module_iri, ActivityType.MODULE, scene.module_title)


def page_activity(scene: Scene, slug: str, title: str) -> Activity:
    return _activity(scene.iri("modules", scene.module_id or "", "pages", slug), ActivityType.LESSON, title)


def quiz_activity(scene: Scene, quiz_id: str, title: str) -> Activity:
    return _activity(scene.iri("quizzes", quiz_id), ActivityType.ASSESSMENT, title)


def question_activity(scene: Scene, quiz_id: str, question: Question) -> Activity:
    """The question as a ``cmi.interaction``: type, correct responses pattern and components."""
    return interaction_activity(scene.iri("quizzes", quiz_id, "questions", question.id), question)


def check_activity(scene: Scene, question: Question) -> Activity:
    """A knowledge check of the module, as a ``cmi.interaction`` under the module's activity id."""
    return interaction_activity(scene.iri("modules", scene.module_id or "", "checks", question.id), question)


def interaction_activity(iri: str, question: Question) -> Activity:
    """Describe a question as a ``cmi.interaction``: type, correct responses pattern and components."""
    kind = QUESTION_TYPES[question.type]
    definition = ActivityDefinition(interaction_type=kind.xapi_interaction_type)
    pattern = kind.correct_responses_pattern(question)
    if pattern:
        definition.correct_responses_pattern = pattern
    for name, components in kind.interaction_components(question).items():
        items = [
            InteractionComponent(id=c["id"], description=LanguageMap(c["description"])) for c in components
        ]
        setattr(definition, name, InteractionComponentList(items))
    return _activity(iri, ActivityType.INTERACTION, question.stem, definition)


def lifecycle(scene: Scene, verb: str, target: Activity, when: datetime, **kwargs: Any) -> Statement:
    """launched, initialized, suspended, resumed, terminated, completed: a verb on an activity."""
    return _statement(scene, verb, target, when, with_parent=target.id != scene.module_iri, **kwargs)


def answered(
    scene: Scene, target: Activity, question: Question, response: str, when: datetime, **kwargs: Any
) -> Statement:
    return _statement(
        scene,
        Verbs.ANSWERED,
        target,
        when,
        result=Result(response=response),
        competencies=question.competencies,
        **kwargs,
    )


def practised(scene: Scene, target: Activity, question: Question, response: str, when: datetime) -> Statement:
    """``answered`` for a knowledge check, marked as practice.

    Like a quiz answer it carries the response only (no score or success), so practice never becomes
    competency evidence; the correct responses pattern in the definition lets a report judge it.
    """
    statement = answered(scene, target, question, response, when)
    statement.context.extensions[Extension.PRACTICE] = True
    return statement


def graded(
    scene: Scene, target: Activity, *, raw: float, maximum: float, passed: bool, when: datetime, **kwargs: Any
) -> Statement:
    scaled = raw / maximum if maximum else 0.0
    result = Result(
        score=Score(raw=raw, min=0, max=maximum, scaled=round(scaled, 4)), success=passed, completion=True
    )
    verb = Verbs.PASSED if passed else Verbs.FAILED
    return _statement(scene, verb, target, when, result=result, **kwargs)


def as_dicts(statements: Sequence[Statement]) -> list[dict[str, Any]]:
    """The statements as JSON objects: what ``to_json`` would write, without writing and reading it back."""
    return [statement.as_version() for statement in statements]


def record(session: Session, statements: Sequence[Statement]) -> list[str]:
    """Store the statements in the caller's transaction."""
    return record_statements(session, as_dicts(statements))
