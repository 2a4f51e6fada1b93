"""What mentoring does when the record store has stored statements (registered in its ON_STORED hook).

1. Fold the competency evidence into mastery, incrementally. Agents named by mbox are mapped to our
   users' account keys so that evidence from other systems lands on the same estimate.
   Our own quiz results are expanded per question: the ``passed``/``failed`` statement of an attempt
   becomes one piece of evidence per graded question and competency tag (weighted), since the
   ``answered`` statements are sent as answers are given, before grading, and carry no score.
2. Confirm open education follow-ups whose module the learner has just completed.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.accounts.models import User
from app.learner import catalog
from app.mentoring.models import CONFIRMED
from app.mentoring.notifications import notify
from app.mentoring.plans import open_education
from assessments.evidence import EvidenceItem, actor_key, evidence_from, parse_timestamp
from assessments.mastery import DEFAULT_HALF_LIFE_DAYS
from assessments.mastery_store import record_evidence, withdraw_evidence
from assessments.store import Attempt
from learning_record_store.storage import find_statements
from learning_record_store.vocabulary import Verb

MODULE_PATH = "/xapi/activities/modules/"


def on_stored(session: Session, statements: list[dict[str, Any]]) -> None:
    """Update mastery and plans from freshly stored statements (same transaction as the statements)."""
    if not has_app_context():  # the record store used on its own (its domain tests): no mentoring tables
        return
    items = []
    attempts = _graded_attempts(session, statements)
    for statement in statements:
        per_question = _question_evidence(session, statement, attempts)
        items.extend(per_question if per_question is not None else evidence_from(statement))
    if items:
        record_evidence(session, _resolve_mboxes(session, items), half_life_days=half_life_days())
    voided = [s for s in statements if (s.get("verb") or {}).get("id") == Verb.VOIDED]
    if voided:
        _withdraw(session, voided)
    completions = [s for s in statements if (s.get("verb") or {}).get("id") == Verb.COMPLETED]
    if completions:
        _complete_education(session, completions)


def _graded_registration(statement: dict[str, Any]) -> str | None:
    if (statement.get("verb") or {}).get("id") not in (Verb.PASSED, Verb.FAILED):
        return None
    registration = (statement.get("context") or {}).get("registration")
    return registration if isinstance(registration, str) else None


def _graded_attempts(session: Session, statements: list[dict[str, Any]]) -> dict[str, Attempt]:
    """Our attempts behind the passed/failed statements of a batch, by registration, in one query."""
    registrations = {r for statement in statements if (r := _graded_registration(statement))}
    if not registrations:
        return {}
    query = select(Attempt).where(Attempt.registration.in_(registrations))
    return {attempt.registration: attempt for attempt in session.scalars(query)}


def _question_evidence(
    session: Session, statement: dict[str, Any], attempts: dict[str, Attempt]
) -> list[EvidenceItem] | None:
    """Return per-question evidence for one of our graded quiz attempts, or None for any other statement.

    ``attempts`` holds the batch's attempts by registration (``_graded_attempts``).
    """
    registration = _graded_registration(statement)
    if registration is None:
        return None
    learner = actor_key(statement.get("actor") or {})
    attempt = attempts.get(registration)
    if attempt is None or learner is None:
        return None
    try:
        quiz = catalog.get_quiz(session, attempt.quiz_id, attempt.quiz_version).quiz
    except LookupError:
        return None
    scores = {r.question_id: r.score for r in attempt.responses if not r.awaiting_review}
    pending = {r.question_id for r in attempt.responses if r.awaiting_review}
    at = parse_timestamp(statement.get("timestamp"))
    items = []
    for question_id in attempt.question_ids:
        question = next((q for q in quiz.questions if q.id == question_id), None)
        if question is None or question_id in pending or question.type == "likert":
            continue
        value = min(1.0, max(0.0, (scores.get(question_id) or 0.0) / (question.points or 1.0)))
        activity = f"{(statement.get('object') or {}).get('id', '')}/questions/{question_id}"
        items += [
            EvidenceItem(
                learner,
                ref.id,
                value,
                ref.weight,
                at,
                str(statement["id"]),
                statement["verb"]["id"],
                activity,
            )
            for ref in question.competencies
        ]
    return items


def _withdraw(session: Session, voiding: list[dict[str, Any]]) -> None:
    """A voided statement is no longer evidence: take it out of the estimates it counted in."""
    targets = [str((s.get("object") or {}).get("id", "")) for s in voiding]
    originals = {target: json.loads(row.payload) for target, row in find_statements(session, targets).items()}
    attempts = _graded_attempts(session, list(originals.values()))
    for target, original in originals.items():
        items = _question_evidence(session, original, attempts)
        items = items if items is not None else evidence_from(original)
        items = _resolve_mboxes(session, items)
        withdraw_evidence(
            session,
            target,
            [(i.learner_key, i.competency_id) for i in items],
            half_life_days=half_life_days(),
        )


def half_life_days() -> float:
    if has_app_context():
        return float(current_app.config.get("MASTERY_HALF_LIFE_DAYS") or DEFAULT_HALF_LIFE_DAYS)
    return DEFAULT_HALF_LIFE_DAYS


def _resolve_mboxes(session: Session, items: list[EvidenceItem]) -> list[EvidenceItem]:
    emails = {
        item.learner_key[len("mbox:mailto:") :] for item in items if item.learner_key.startswith("mbox:")
    }
    if not emails:
        return items
    rows = session.execute(select(User.email, User.uid).where(User.email.in_(emails)))
    uids = {email: uid for email, uid in rows}
    return [
        replace(item, learner_key=f"account:{uids[email]}")
        if item.learner_key.startswith("mbox:") and (email := item.learner_key[len("mbox:mailto:") :]) in uids
        else item
        for item in items
    ]


def _complete_education(session: Session, completions: list[dict[str, Any]]) -> None:
    done: set[tuple[str, str]] = set()  # (actor key, module id)
    for statement in completions:
        object_id = str((statement.get("object") or {}).get("id", ""))
        key = actor_key(statement.get("actor") or {})
        if MODULE_PATH in object_id and key:
            done.add((key, object_id.rsplit(MODULE_PATH, 1)[1].strip("/")))
    if not done:
        return
    keys = {key for key, _ in done}
    uids = {k[len("account:") :] for k in keys if k.startswith("account:")}
    emails = {k[len("mbox:mailto:") :] for k in keys if k.startswith("mbox:")}
    users = session.scalars(select(User).where(User.uid.in_(uids) | User.email.in_(emails))).all()
    by_id = {u.id: u for u in users}
    for followup, relation in open_education(session, list(by_id)):
        mentee = by_id[relation.mentee_id]
        if {
            (f"account:{mentee.uid}", followup.module_id),
            (f"mbox:mailto:{mentee.email}", followup.module_id),
        } & done:
            followup.status, followup.confirmed_at = CONFIRMED, clock.now()
            notify(
                session,
                relation.mentor_id,
                "education-completed",
                f"{mentee.name} completed the module for “{followup.title}”",
                f"/mentoring/mentees/{mentee.id}",
            )
    session.flush()
