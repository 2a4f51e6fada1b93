"""A real xAPI client (TinCanPython's RemoteLRS) against the LRS served by pytest-flask's live_server."""

from __future__ import annotations

import uuid

import pytest
from tincan import (
    Activity,
    ActivityDefinition,
    Agent,
    LanguageMap,
    RemoteLRS,
    Statement,
    StatementRef,
    Verb,
)

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"


@pytest.fixture
def lrs(live_server, make_client) -> RemoteLRS:
    key, secret = make_client("all")
    return RemoteLRS(endpoint=live_server.url("/xapi/"), version="1.0.3", username=key, password=secret)


def tincan_statement(number: int) -> Statement:
    return Statement(
        actor=Agent(name="Ann", mbox="mailto:ann@example.test"),
        verb=Verb(id=ANSWERED, display=LanguageMap({"en-US": "answered"})),
        object=Activity(
            id=f"https://elearn.example/activities/q{number}",
            definition=ActivityDefinition(name=LanguageMap({"en-US": f"Question {number}"})),
        ),
    )


def test_save_and_retrieve(lrs: RemoteLRS) -> None:
    saved = lrs.save_statement(tincan_statement(1))
    assert saved.success, saved.data
    statement_id = str(saved.content.id)
    retrieved = lrs.retrieve_statement(statement_id)
    assert retrieved.success, retrieved.data
    assert retrieved.content.object.id == "https://elearn.example/activities/q1"
    assert retrieved.content.authority is not None
    assert lrs.retrieve_statement(str(uuid.uuid4())).success is False


def test_query_and_follow_more(lrs: RemoteLRS) -> None:
    saved = lrs.save_statements([tincan_statement(number) for number in range(5)])
    assert saved.success, saved.data
    result = lrs.query_statements({"verb": Verb(id=ANSWERED), "limit": 2})
    assert result.success, result.data
    ids = [str(statement.id) for statement in result.content.statements]
    while result.content.more:
        result = lrs.more_statements(result.content)
        assert result.success, result.data
        ids += [str(statement.id) for statement in result.content.statements]
    assert len(ids) == 5 and len(set(ids)) == 5


def test_void(lrs: RemoteLRS) -> None:
    target = lrs.save_statement(tincan_statement(9)).content
    voiding = Statement(
        actor=Agent(name="Ann", mbox="mailto:ann@example.test"),
        verb=Verb(id="http://adlnet.gov/expapi/verbs/voided"),
        object=StatementRef(id=target.id),
    )
    assert lrs.save_statement(voiding).success
    assert lrs.retrieve_statement(str(target.id)).success is False
    voided = lrs.retrieve_voided_statement(str(target.id))
    assert voided.success and str(voided.content.id) == str(target.id)


def test_concurrent_writers_keep_stored_order_and_lose_nothing(lrs: RemoteLRS) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def save_batch(start: int) -> bool:
        return bool(lrs.save_statements([tincan_statement(start + n) for n in range(10)]).success)

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert all(pool.map(save_batch, range(0, 80, 10)))
    result = lrs.query_statements({"ascending": True, "limit": 15})
    statements = list(result.content.statements)
    while result.content.more:
        result = lrs.more_statements(result.content)
        statements += result.content.statements
    stored = [statement.stored for statement in statements]
    assert len(statements) == 80 and len({str(s.id) for s in statements}) == 80
    assert stored == sorted(stored)
