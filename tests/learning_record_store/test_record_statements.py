"""The record store's Python API, as the app uses it: record in the caller's transaction, then query."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.database import get_db
from learning_record_store import StatementValidationError, query_statements, record_statements
from learning_record_store.errors import Conflict
from learning_record_store.models import Activity, Statement
from tests.learning_record_store.statement_fixtures import ACTIVITY, COURSE, REGISTRATION, new_id, statement

AUTHORITY = {
    "objectType": "Agent",
    "name": "elearn",
    "account": {"homePage": "https://elearn.example", "name": "app"},
}


def count(session) -> int:
    return session.scalar(select(func.count()).select_from(Statement))


def test_record_does_not_commit(app):
    # The app's own transactional session (the shared `session` fixture autocommits on SQLite).
    with get_db(app).session_factory() as session:
        ids = record_statements(session, [statement(), statement()], authority=AUTHORITY)
        assert len(ids) == 2 and count(session) == 2
        session.rollback()
        assert count(session) == 0


def test_record_and_query(session):
    statement_id = new_id()
    record_statements(session, [statement(id=statement_id)], authority=AUTHORITY)
    session.commit()
    found = query_statements(session, registration=REGISTRATION, activity=COURSE, related_activities=True)
    assert [s["id"] for s in found] == [statement_id]
    assert found[0]["authority"] == AUTHORITY
    assert query_statements(session, verb="http://adlnet.gov/expapi/verbs/completed") == []
    assert query_statements(session, agent={"mbox": "mailto:ann@example.test"})[0]["id"] == statement_id


def test_re_recording_is_idempotent_and_conflicts_are_refused(session):
    statement_id = new_id()
    record_statements(session, [statement(id=statement_id)], authority=AUTHORITY)
    assert record_statements(session, [statement(id=statement_id)], authority=AUTHORITY) == [statement_id]
    assert count(session) == 1
    with pytest.raises(Conflict):
        record_statements(
            session, [statement(id=statement_id, result={"completion": True})], authority=AUTHORITY
        )


def test_invalid_statements_store_nothing(session):
    with pytest.raises(StatementValidationError, match=r"statements\[1\]\.verb\.id"):
        record_statements(session, [statement(), statement(verb={"id": "nope"})], authority=AUTHORITY)
    assert count(session) == 0


def test_activity_definitions_are_merged_on_ingest(session):
    record_statements(session, [statement()], authority=AUTHORITY)
    record_statements(
        session,
        [statement(object={"id": ACTIVITY, "definition": {"name": {"fr-FR": "Q 1"}}})],
        authority=AUTHORITY,
    )
    row = session.get(Activity, ACTIVITY)
    assert '"en-US": "Question 1"' in row.definition and '"fr-FR": "Q 1"' in row.definition
    assert session.get(Activity, COURSE) is not None
