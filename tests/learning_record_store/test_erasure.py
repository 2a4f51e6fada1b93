"""Anonymising an agent in the stored statements: payloads, filter columns and index rows follow."""

from __future__ import annotations

from sqlalchemy import select

from learning_record_store import query_statements, record_statements
from learning_record_store.erasure import agents_with_account_name, anonymise_agent
from learning_record_store.models import Statement
from tests.learning_record_store.statement_fixtures import new_id, statement

AUTHORITY = {"objectType": "Agent", "account": {"homePage": "https://elearn.example", "name": "app"}}
ANN = {"objectType": "Agent", "name": "Ann", "account": {"homePage": "https://lms.example", "name": "u-ann"}}
BOB = {"objectType": "Agent", "name": "Bob", "mbox": "mailto:bob@example.test"}
STAND_IN = {"account": {"homePage": "https://lms.example", "name": "erased-1234"}}
VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def payloads(session) -> list[str]:
    return list(session.scalars(select(Statement.payload)))


def test_actor_is_replaced_and_queries_follow(session):
    own, other = new_id(), new_id()
    note, count = "https://elearn.example/xapi/extensions/mentor-note", "https://elearn.example/x/count"
    answer = {
        "response": "Priya was rude to me",
        "score": {"raw": 1},
        "extensions": {note: "Ann cried", count: 2},
    }
    record_statements(
        session,
        [statement(id=own, actor=ANN, result=answer), statement(id=other, actor=BOB, result=answer)],
        authority=AUTHORITY,
    )
    assert anonymise_agent(session, ANN, STAND_IN) == 1
    session.commit()
    assert query_statements(session, agent=ANN) == []
    found = query_statements(session, agent=STAND_IN)
    assert [s["id"] for s in found] == [own]
    assert found[0]["actor"] == {"objectType": "Agent", **STAND_IN}
    # What was written goes (the response, a mentor's comment); the score and non-text extensions stay.
    assert found[0]["result"] == {"score": {"raw": 1}, "extensions": {count: 2}}
    assert [s["result"] for s in query_statements(session, agent=BOB)] == [answer]
    assert not any("u-ann" in text or '"Ann"' in text for text in payloads(session))


def test_related_positions_and_voided_statements(session):
    taught, voided, voider = new_id(), new_id(), new_id()
    instructed = statement(id=taught, actor=BOB, context={"instructor": ANN})
    record_statements(session, [instructed, statement(id=voided, actor=ANN)], authority=AUTHORITY)
    voiding = statement(
        id=voider, actor=BOB, verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": voided}
    )
    record_statements(session, [voiding], authority=AUTHORITY)
    assert anonymise_agent(session, ANN, STAND_IN) == 2
    session.commit()
    assert query_statements(session, agent=ANN, related_agents=True) == []
    related = query_statements(session, agent=STAND_IN, related_agents=True)
    # The voiding statement meets its target's filters (a StatementRef), so it follows the stand-in too.
    assert sorted(s["id"] for s in related) == sorted([taught, voider])
    assert not any("u-ann" in text for text in payloads(session))


def test_mailbox_agent_and_unknown_agent(session):
    record_statements(session, [statement(actor=BOB)], authority=AUTHORITY)
    assert anonymise_agent(session, ANN, STAND_IN) == 0
    assert anonymise_agent(session, {"mbox": "mailto:BOB@example.test"}, STAND_IN) == 1
    session.commit()
    assert query_statements(session, agent=BOB) == []
    assert len(query_statements(session, agent=STAND_IN)) == 1


def test_accounts_are_found_on_every_home_page(session):
    elsewhere = {"account": {"homePage": "https://old.example", "name": "u-ann"}}
    record_statements(session, [statement(actor=ANN), statement(actor=elsewhere)], authority=AUTHORITY)
    homes = [agent["account"]["homePage"] for agent in agents_with_account_name(session, "u-ann")]
    assert homes == ["https://lms.example", "https://old.example"]
