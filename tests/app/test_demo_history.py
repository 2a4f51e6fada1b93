"""The living demo: six weeks of history written through the real services, the same on every run."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

import courses
from app import create_app
from app.accounts.models import User
from app.database import get_db
from app.demo.history import create_demo, history_start, seed_history
from app.mentoring.content import framework
from app.mentoring.desk import mentor_desk
from app.mentoring.models import CONFIRMED, FollowUp, Note
from assessments.mastery_tables import EvidenceRow, MasteryRow
from assessments.practice import DrillRow
from assessments.store import Attempt
from learning_record_store.models import Statement
from learning_record_store.vocabulary import Verb
from tests.conftest import ROOT, _fresh_database_url, csrf_token_from

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NOW = datetime(2026, 3, 20, 10, 0, tzinfo=UTC)  # mid-morning: sittings begun before must end before it


def seeded(app: Flask, now: datetime = NOW) -> None:
    with get_db(app).transaction() as session:
        assert courses.build_content(session, ROOT / "content").ok
    with app.app_context(), get_db(app).transaction() as session:
        create_demo(session, now=now, password="demo-password-for-tests")


def snapshot(session: Session) -> dict[str, Any]:
    """What the history holds, with the random keys (uids, uuids) replaced by emails and left out."""
    emails = {u.uid: u.email for u in session.scalars(select(User))}

    def who(key: str) -> str:
        return emails.get(key.removeprefix("account:"), key)

    statements = []
    for payload in session.scalars(select(Statement.payload)):
        data = json.loads(payload)
        statements.append(
            (
                who(data["actor"]["account"]["name"]),
                data["verb"]["id"],
                UUID.sub("<uuid>", data["object"].get("id") or ""),  # a drill is named by its registration
                data["timestamp"],
                json.dumps((data.get("result") or {}).get("score"), sort_keys=True),
            )
        )
    attempts = [
        (who(a.learner_id), a.quiz_id, a.number, tuple(a.question_ids), a.score_raw, a.passed, a.started_at)
        for a in session.scalars(select(Attempt))
    ]
    mastery = [
        (who(m.learner_key), m.competency_id, round(m.estimate or 0, 6), m.count)
        for m in session.scalars(select(MasteryRow))
    ]
    followups = [
        (f.title, f.status, f.due_date, f.assigned_at, f.confirmed_at, f.rating)
        for f in session.scalars(select(FollowUp))
    ]
    notes = [(n.body, n.is_shared, n.created_at) for n in session.scalars(select(Note))]
    return {
        "statements": sorted(statements),
        "attempts": sorted(attempts, key=repr),
        "mastery": sorted(mastery),
        "followups": sorted(followups, key=repr),
        "notes": sorted(notes, key=repr),
    }


def test_the_history_is_the_same_on_every_run(
    app: Flask, app_config: dict, database_template: str, tmp_path: Path
) -> None:
    seeded(app)
    with get_db(app).transaction() as session:
        first = snapshot(session)
    get_db(app).dispose()
    (tmp_path / "again").mkdir()
    second_app = create_app(
        app_config | {"DATABASE_URL": _fresh_database_url(database_template, tmp_path / "again")}
    )
    seeded(second_app)
    with get_db(second_app).transaction() as session:
        second = snapshot(session)
    get_db(second_app).dispose()
    assert len(first["statements"]) > 500 and len(first["attempts"]) > 20
    assert first == second


def test_the_history_goes_through_the_real_paths_reads_on_the_desk_and_is_written_once(app: Flask) -> None:
    seeded(app)
    with get_db(app).transaction() as session:
        users = {u.email: u for u in session.scalars(select(User))}
        verbs = set(session.scalars(select(Statement.verb_id)))
        assert {Verb.EXPERIENCED, Verb.PASSED, Verb.FAILED, Verb.COMPLETED, Verb.ASSIGNED} <= verbs
        payloads = [json.loads(p) for p in session.scalars(select(Statement.payload))]
        moments = sorted(datetime.fromisoformat(p["timestamp"].replace("Z", "+00:00")) for p in payloads)
        assert history_start(NOW) <= moments[0] and moments[-1] < NOW
        assert moments[-1] - moments[0] > timedelta(days=30)  # spread over the weeks, not one instant
        # Mastery was folded from the statements by the ingest hook, with evidence dated in the past.
        assert session.scalar(select(MasteryRow.id).limit(1)) is not None
        evidence_days = {e.at.date() for e in session.scalars(select(EvidenceRow))}
        assert len(evidence_days) > 10
        # Different learners, visibly different profiles.
        passed = {
            email: sum(1 for a in session.scalars(select(Attempt)) if a.learner_id == u.uid and a.passed)
            for email, u in users.items()
        }
        assert passed["learner1@demo.elearn"] >= 5 > passed["learner6@demo.elearn"]
        assert passed["learner1@demo.elearn"] > passed["learner3@demo.elearn"]
        # Plans with follow-ups done and confirmed, and notes.
        assert session.scalar(select(FollowUp.id).where(FollowUp.status == CONFIRMED).limit(1))
        assert session.scalar(select(Note.id).limit(1))
        with app.app_context():
            desks = [
                mentor_desk(session, users[f"mentor{n}@demo.elearn"], framework(session), today=NOW.date())
                for n in (1, 2)
            ]
        rows = [row for desk in desks for row in desk.rows]
        assert len(rows) == 6
        assert any(row.weak for row in rows)  # weak competencies on the desk
        assert all(any(c.assessment.estimate is not None for c in row.cells) for row in rows)
        before = snapshot(session)
    # A second run (a second ``elearn serve``) finds the history and writes nothing.
    with app.app_context(), get_db(app).transaction() as session:
        assert seed_history(session, now=NOW + timedelta(days=1)) == 0
    with get_db(app).transaction() as session:
        assert snapshot(session) == before


def test_the_learners_drill_by_their_diligence_and_the_newest_left_a_quiz_halfway(
    app: Flask, client: Any
) -> None:
    seeded(app)
    with get_db(app).transaction() as session:
        uids = {u.email: u.uid for u in session.scalars(select(User))}
        drills = list(session.scalars(select(DrillRow)))
        done = {email: sum(1 for d in drills if d.learner_id == uid) for email, uid in uids.items()}
        assert all(d.finished_at is not None and len(d.answers) == len(d.items) for d in drills)
        assert all(done[f"learner{n}@demo.elearn"] > 0 for n in range(1, 7))
        assert done["learner1@demo.elearn"] > done["learner6@demo.elearn"]  # diligent and not
        assert all(history_start(NOW) < d.started_at.replace(tzinfo=UTC) < NOW for d in drills)
        [left] = session.scalars(select(Attempt).where(Attempt.submitted_at.is_(None)))
        assert left.learner_id == uids["learner6@demo.elearn"]  # the newest learner
        assert (
            courses.get_quiz(session, left.quiz_id, left.quiz_version).quiz.settings.time_limit_minutes
            is None
        )
        assert len(left.responses) == len(left.question_ids) // 2 > 0
    page = client.get("/login").get_data(as_text=True)
    signed_in = client.post(
        "/login",
        data={
            "email": "learner6@demo.elearn",
            "password": "demo-password-for-tests",
            "csrf_token": csrf_token_from(page),
        },
    )
    assert signed_in.status_code == 302
    home = client.get("/learn/").get_data(as_text=True)
    assert f'href="/learn/attempts/{left.id}">Resume quiz' in home
    assert f"<span>{done['learner6@demo.elearn']} drills done</span>" in home
