"""The xAPI statements of a drill: each answer, and the drill's completion, marked as practice.

Every statement carries the practice category (``PRACTICE_CATEGORY``) and names the drill as its parent.
An answer carries a scored result (score, success, response, duration) and the question's competency tags,
so it is competency evidence; the mastery hook scales its weight by ``DRILL_EVIDENCE_WEIGHT``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tincan import Activity, ActivityDefinition, ContextActivities, LanguageMap, Result, Score, Statement

from app.learner import recording
from app.learner.recording import Learner, Scene
from assessments.model import CompetencyRef, Question
from assessments.practice import DrillRow
from learning_record_store.vocabulary import PRACTICE_CATEGORY, ActivityType, Verb


def _scene(learner: Learner, drill: DrillRow, competencies: tuple[CompetencyRef, ...]) -> Scene:
    return Scene(
        learner,
        drill.registration,
        None,
        "",
        None,
        competencies,
        grouping=recording.curriculum_iri(learner),
    )


def drill_activity(learner: Learner, drill: DrillRow) -> Activity:
    iri = _scene(learner, drill, ()).iri("drills", drill.registration)
    definition = ActivityDefinition(type=ActivityType.DRILL, name=LanguageMap({"en-US": "Two-minute drill"}))
    return Activity(id=iri, definition=definition)


def question_iri(scene: Scene, source: str, content_id: str, question_id: str) -> str:
    """The question's own activity id: the same IRI as in its quiz or module."""
    if source == "check":
        return scene.iri("modules", content_id, "checks", question_id)
    return scene.iri("quizzes", content_id, "questions", question_id)


def _as_practice(statement: Statement, parent: Activity) -> Statement:
    activities = statement.context.context_activities or ContextActivities()
    activities.parent = [Activity(id=parent.id)]
    activities.category = [Activity(id=PRACTICE_CATEGORY)]
    statement.context.context_activities = activities
    return statement


def answered(
    learner: Learner,
    drill: DrillRow,
    item: dict[str, str],
    question: Question,
    *,
    response: str,
    score: float,
    maximum: float,
    correct: bool,
    duration: timedelta,
    when: datetime,
) -> Statement:
    """An ``answered`` statement with a scored result, in the drill's registration."""
    scene = _scene(learner, drill, question.competencies)
    iri = question_iri(scene, item["source"], item["content_id"], item["question_id"])
    target = recording.interaction_activity(iri, question)
    statement = recording.answered(scene, target, question, response, when)
    scaled = score / maximum if maximum else 0.0
    statement.result = Result(
        response=response,
        score=Score(raw=score, min=0, max=maximum, scaled=round(scaled, 4)),
        success=correct,
        completion=True,
        duration=duration,
    )
    return _as_practice(statement, drill_activity(learner, drill))


def completed(
    learner: Learner, drill: DrillRow, competencies: tuple[str, ...], duration: timedelta, when: datetime
) -> Statement:
    """The drill ``completed``, tagged with what was practised; no score (each answer has its own)."""
    refs = tuple(CompetencyRef(c) for c in competencies)
    scene = _scene(learner, drill, refs)
    activity = drill_activity(learner, drill)
    statement = recording.lifecycle(scene, Verb.COMPLETED, activity, when, result=Result(completion=True))
    statement.result.duration = duration
    statement.context.context_activities.category = [Activity(id=PRACTICE_CATEGORY)]
    return statement
