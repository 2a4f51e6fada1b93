from __future__ import annotations

from sqlalchemy import func, select

from app.accounts.models import User
from app.demo import create_demo_team
from app.erasure import erase_person
from app.mentoring.models import Note, Relationship
from assessments.mastery_tables import EvidenceRow, MasteryRow
from tests.app.mentoring.conftest import transaction


def test_demo_mentors_are_paired_with_the_demo_learners(app) -> None:
    with transaction(app) as session:
        create_demo_team(session, password="demo-password-for-tests")
    with transaction(app) as session:
        pairs = session.execute(select(Relationship.mentor_id, Relationship.mentee_id)).all()
        mentors = {session.get(User, m).email for m, _ in pairs}
        mentees = {session.get(User, e).email for _, e in pairs}
    assert mentors == {"mentor1@demo.elearn", "mentor2@demo.elearn"}
    assert mentees == {f"learner{i}@demo.elearn" for i in range(1, 7)}


def test_erasing_a_mentee_removes_plans_notes_and_mastery(app, make_pair, send_evidence) -> None:
    mentor, mentee = make_pair()
    send_evidence(mentee, "empathy", [0.5, 0.6])
    with transaction(app) as session:
        relation = session.scalar(select(Relationship))
        session.add(Note(relationship_id=relation.id, author_id=mentor.id, is_shared=False, body="private"))
    with transaction(app) as session:
        summary = erase_person(session, session.get(User, mentee.id))
    assert summary["erase_mentoring"] == {"relationships": 1, "ended_as_mentor": 0, "notes": 0, "evidence": 2}
    with transaction(app) as session:
        for model in (Relationship, Note, MasteryRow, EvidenceRow):
            assert session.scalar(select(func.count()).select_from(model)) == 0, model


def test_erasing_a_mentor_keeps_the_mentees_plan_and_ends_the_relationship(app, make_pair) -> None:
    mentor, mentee = make_pair()
    with transaction(app) as session:
        relation = session.scalar(select(Relationship))
        session.add(Note(relationship_id=relation.id, author_id=mentor.id, is_shared=False, body="private"))
    with transaction(app) as session:
        summary = erase_person(session, session.get(User, mentor.id))
    assert summary["erase_mentoring"]["ended_as_mentor"] == 1
    with transaction(app) as session:
        relation = session.scalar(select(Relationship))
        assert relation is not None and relation.mentee_id == mentee.id and not relation.is_active
        assert session.scalar(select(func.count()).select_from(Note)) == 0
