from __future__ import annotations

import pytest
from sqlalchemy import select

from assessments.mastery_tables import EvidenceRow, MasteryRow
from learning_record_store import record_statements
from tests.app.mentoring.conftest import answer_statement, transaction


def _row(app, user, competency):  # type: ignore[no-untyped-def]
    with transaction(app) as session:
        return session.scalar(
            select(MasteryRow).where(
                MasteryRow.learner_key == f"account:{user.uid}", MasteryRow.competency_id == competency
            )
        )


def test_statements_update_mastery_incrementally(app, create_user, send_evidence) -> None:
    learner = create_user("learner")
    send_evidence(learner, "objection-handling", [0.0, 0.5, 1.0])
    row = _row(app, learner, "objection-handling")
    assert row.count == 3
    assert row.estimate == pytest.approx(0.5, abs=0.001)
    send_evidence(learner, "objection-handling", [1.0])
    row = _row(app, learner, "objection-handling")
    assert row.count == 4 and row.estimate == pytest.approx(0.625, abs=0.001)
    assert row.previous_estimate == pytest.approx(0.5, abs=0.001)


def test_evidence_rows_point_at_their_statements(app, create_user) -> None:
    learner = create_user("learner")
    statement = answer_statement(learner, "empathy", 0.8, weight=2)
    with transaction(app) as session:
        record_statements(session, [statement])
    with transaction(app) as session:
        rows = session.scalars(select(EvidenceRow)).all()
        assert [(r.statement_id, r.competency_id, r.weight, r.value) for r in rows] == [
            (statement["id"], "empathy", 2.0, 0.8)
        ]


def test_a_repeated_statement_is_not_counted_twice(app, create_user) -> None:
    learner = create_user("learner")
    statement = answer_statement(learner, "empathy", 0.8)
    for _ in range(2):
        with transaction(app) as session:
            record_statements(session, [statement])
    assert _row(app, learner, "empathy").count == 1


def test_mbox_statements_from_other_systems_land_on_the_account(app, create_user) -> None:
    learner = create_user("learner", email="qa.target@example.test")
    statement = answer_statement(learner, "empathy", 0.9)
    statement["actor"] = {"objectType": "Agent", "mbox": "mailto:QA.Target@example.test"}
    statement["context"]["extensions"]["https://elearn.example/xapi/extensions/competencies"] = [
        {"id": "https://elearn.example/competencies/empathy", "weight": 3}
    ]
    with transaction(app) as session:
        record_statements(session, [statement])
    row = _row(app, learner, "empathy")
    assert row is not None and row.count == 1 and row.estimate == pytest.approx(0.9)


def test_statements_posted_to_the_lrs_count_as_evidence(app, client, create_user) -> None:
    """A QA scorecard posted by another system through POST /xapi/statements."""
    from learning_record_store.credentials import create_client

    learner = create_user("learner")
    with transaction(app) as session:
        issued = create_client(session, name="QA scorecards", scopes=["statements/write"])
        key, secret = issued.client.key, issued.secret
    statement = answer_statement(learner, "objection-handling", 0.4)
    response = client.post(
        "/xapi/statements",
        json=[statement],
        auth=(key, secret),
        headers={"X-Experience-API-Version": "1.0.3"},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert _row(app, learner, "objection-handling").count == 1


def test_voiding_a_statement_takes_its_evidence_out(app, create_user) -> None:
    learner = create_user("learner")
    kept = [answer_statement(learner, "empathy", value) for value in (0.2, 0.4)]
    wrong = answer_statement(learner, "empathy", 1.0)
    with transaction(app) as session:
        record_statements(session, [*kept, wrong])
    assert _row(app, learner, "empathy").estimate == pytest.approx(1.6 / 3, abs=0.01)
    voiding = answer_statement(learner, "empathy", 0.0)
    voiding.update(
        verb={"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}},
        object={"objectType": "StatementRef", "id": wrong["id"]},
    )
    del voiding["result"], voiding["context"]
    with transaction(app) as session:
        record_statements(session, [voiding])
    row = _row(app, learner, "empathy")
    assert row.count == 2 and row.estimate == pytest.approx(0.3, abs=0.01)
    with transaction(app) as session:
        assert wrong["id"] not in {e.statement_id for e in session.scalars(select(EvidenceRow))}
