"""The audit after benchmarks/load_fault.py: the database against what the learners were told, and the
external LRS against the forwarding outbox.

Checks that every acknowledged answer is stored exactly once with the acknowledged value, that every
acknowledged submit was graded exactly once, that statement ids are unique and the statements the app
sends once per attempt are there once, and that the external LRS received every statement its filter
wants (at least once, in outbox order), once forwarding has caught up.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

VERB = "http://adlnet.gov/expapi/verbs/"


@dataclass
class AuditResult:
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def check(self, label: str, count: int, examples: list[Any] | None = None) -> None:
        """Report a count that must be zero."""
        self.lines.append(f"{label}: {count}" + (f"  e.g. {examples[:3]}" if count and examples else ""))
        if count:
            self.problems.append(f"{label}: {count}")


def audit(env: dict[str, str], ledger: Any, lrs: Any, drain_timeout: float, timeline: Any) -> AuditResult:
    from learning_record_store.forwarding import parse_targets

    engine = create_engine(env["ELEARN_DATABASE_URL"], pool_pre_ping=True)
    (target,) = parse_targets(env["ELEARN_LRS_FORWARD_TARGETS"])
    result = AuditResult()
    try:
        backlog = wait_for_forwarding(engine, target.name, lrs, drain_timeout)
        timeline.note(f"forwarding backlog {backlog}")
        with Session(engine) as session:
            audit_answers(session, ledger, result)
            audit_attempts(session, ledger, result)
            audit_statements(session, result)
            audit_forwarding(session, target, lrs.snapshot(), backlog, result)
    finally:
        engine.dispose()
    return result


def wait_for_forwarding(engine: Any, target: str, lrs: Any, seconds: float) -> int:
    """Wait until nothing is written any more and the outbox of ``target`` is empty; return what is left.

    A request the client gave up on may still be running on an app server, so the statement count must
    also stay the same for a few seconds before the audit reads a settled database.
    """
    from learning_record_store.forwarding.models import OutboxEntry
    from learning_record_store.models import Statement

    deadline = time.time() + seconds
    last_count = -1
    while True:
        with Session(engine) as session:
            pending = session.scalar(
                select(func.count()).where(OutboxEntry.target == target, OutboxEntry.delivered_at.is_(None))
            )
            count = session.scalar(select(func.count()).select_from(Statement))
        if (not pending and count == last_count) or time.time() > deadline:
            return int(pending or 0)
        last_count = count
        time.sleep(3)


def audit_answers(session: Session, ledger: Any, result: AuditResult) -> None:
    from app.learner.catalog import get_quiz
    from app.learner.responses import read_answers
    from app.learner.taking import public_question
    from assessments.attempt_grading import validate_response
    from assessments.store import Attempt, Response

    with ledger.lock:
        saves = dict(ledger.saves)
        acknowledged = sum(ledger.save_counts.values())
    rows: dict[tuple[int, str], list[Any]] = {}
    for row in session.scalars(select(Response)):
        rows.setdefault((row.attempt_id, row.question_id), []).append(row.value["response"])
    attempts = {a.id: a for a in session.scalars(select(Attempt))}
    quizzes: dict[tuple[str, int], Any] = {}
    lost, duplicated, different = [], [], []
    for (attempt_id, question_id), fields in sorted(saves.items()):
        stored = rows.get((attempt_id, question_id), [])
        if not stored:
            lost.append((attempt_id, question_id))
            continue
        if len(stored) > 1:
            duplicated.append((attempt_id, question_id))
        attempt = attempts[attempt_id]
        key = (attempt.quiz_id, attempt.quiz_version)
        quiz = quizzes.get(key) or quizzes.setdefault(key, get_quiz(session, *key))
        view = public_question(quiz, attempt, question_id)
        sent = read_answers(MultiDict(_pairs(fields)), [view], attempt_id)[question_id]
        expected = validate_response(quiz.quiz.question(question_id), sent)
        if stored[0] != expected:
            different.append((attempt_id, question_id, expected, stored[0]))
    result.lines.append(
        f"acknowledged answer saves: {acknowledged} ({len(saves)} distinct questions, "
        f"{sum(len(v) for v in rows.values())} answer rows stored)"
    )
    result.check("lost answers", len(lost), lost)
    result.check("duplicated answers", len(duplicated), duplicated)
    result.check("answers stored with another value", len(different), different)


def _pairs(fields: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (name, item)
        for name, value in fields.items()
        for item in (value if isinstance(value, list) else [value])
    ]


def audit_attempts(session: Session, ledger: Any, result: AuditResult) -> None:
    from assessments.store import Attempt
    from learning_record_store.models import Statement

    with ledger.lock:
        started, submitted = set(ledger.started), set(ledger.submitted)
        save_counts = Counter(ledger.save_counts)
    attempts = {a.id: a for a in session.scalars(select(Attempt).where(Attempt.id.in_(started)))}
    ungraded = [
        i for i in sorted(submitted) if attempts[i].submitted_at is None or attempts[i].score_raw is None
    ]
    result.lines.append(
        f"attempts started: {len(started)}, submits acknowledged: {len(submitted)}, "
        f"graded in the database: {sum(1 for a in attempts.values() if a.submitted_at is not None)}"
    )
    result.check("acknowledged submits not graded", len(ungraded), ungraded)
    # Per quiz attempt (its registration and the quiz activity) the app sends each lifecycle verb once,
    # one of passed/failed, and one "answered" per save or per answer sent with the submit.
    counts = Counter(
        (registration, verb.removeprefix(VERB))
        for registration, verb in session.execute(
            select(Statement.registration, Statement.verb_id).where(
                Statement.registration.in_([a.registration for a in attempts.values()])
            )
        )
    )
    wrong, missing_answered = [], []
    for attempt in attempts.values():
        graded = attempt.submitted_at is not None
        expected = {"launched": 1, "initialized": 1}
        if graded:
            # An attempt with essays waits for a mentor's review before it is passed or failed.
            expected.update(completed=1, terminated=1, graded=0 if attempt.awaiting_review else 1)
        counts_here = {
            verb: counts[(attempt.registration, verb)]
            for verb in ("launched", "initialized", "completed", "terminated")
        }
        counts_here["graded"] = (
            counts[(attempt.registration, "passed")] + counts[(attempt.registration, "failed")]
        )
        for verb, number in expected.items():
            if counts_here[verb] != number:
                wrong.append((attempt.id, verb, counts_here[verb]))
        if counts[(attempt.registration, "answered")] < save_counts[attempt.id]:
            missing_answered.append(
                (attempt.id, counts[(attempt.registration, "answered")], save_counts[attempt.id])
            )
    result.check("attempts whose once-only statements are missing or repeated", len(wrong), wrong)
    result.check(
        "attempts with fewer 'answered' statements than acknowledged saves",
        len(missing_answered),
        missing_answered,
    )


def audit_statements(session: Session, result: AuditResult) -> None:
    from learning_record_store.models import Statement

    total = session.scalar(select(func.count()).select_from(Statement))
    repeated_ids = (
        session.execute(
            select(Statement.statement_id).group_by(Statement.statement_id).having(func.count() > 1)
        )
        .scalars()
        .all()
    )
    once = [VERB + v for v in ("completed", "passed", "failed")]
    repeated_results = session.execute(
        select(Statement.registration, Statement.verb_id, Statement.object_activity_id, func.count())
        .where(Statement.verb_id.in_(once))
        .group_by(Statement.registration, Statement.verb_id, Statement.object_activity_id)
        .having(func.count() > 1)
    ).all()
    result.lines.append(f"statements stored: {total}")
    result.check("duplicated statement ids", len(repeated_ids), repeated_ids)
    result.check(
        "repeated completed/passed/failed per (registration, verb, object)",
        len(repeated_results),
        repeated_results,
    )


def audit_forwarding(
    session: Session, target: Any, received: list[str], backlog: int, result: AuditResult
) -> None:
    from learning_record_store.forwarding.models import OutboxEntry
    from learning_record_store.models import Statement

    wanted = [
        statement_id
        for statement_id, payload in session.execute(
            select(Statement.statement_id, Statement.payload).order_by(Statement.pk)
        )
        if target.wants(json.loads(payload))
    ]
    sequence = dict(
        session.execute(
            select(OutboxEntry.statement_id, OutboxEntry.sequence).where(OutboxEntry.target == target.name)
        ).all()
    )
    outbox_rows = session.scalar(select(func.count()).where(OutboxEntry.target == target.name))
    got = Counter(received)
    first_seen = list(dict.fromkeys(received))
    out_of_order = sum(
        1 for before, after in pairwise(first_seen) if sequence.get(before, 0) > sequence.get(after, 0)
    )
    result.lines.append(
        f"forwarding: {len(wanted)} statements match the filter, {outbox_rows} outbox rows, "
        f"{len(received)} deliveries received ({len(got)} distinct), backlog {backlog}"
    )
    result.check("statements missing from the outbox", len(set(wanted) - set(sequence)))
    result.check("outbox rows per statement beyond one", outbox_rows - len(sequence))
    result.check("forwarding backlog", backlog)
    result.check(
        "matching statements the external LRS never received",
        len(set(wanted) - set(got)),
        sorted(set(wanted) - set(got)),
    )
    result.check("statements received that elearn did not store for it", len(set(got) - set(wanted)))
    result.check("received out of outbox order", out_of_order)
    # At-least-once delivery: a batch whose acknowledgement was lost is sent again. Reported, not a failure.
    result.lines.append(
        f"duplicate deliveries at the external LRS (at-least-once, allowed): {sum(got.values()) - len(got)}"
    )
