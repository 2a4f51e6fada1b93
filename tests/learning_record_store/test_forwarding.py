"""Forwarding to a fake LRS that refuses, then accepts: nothing lost, nothing duplicated, order kept."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.database import get_db
from learning_record_store.forwarding import (
    DrainSettings,
    OutboxEntry,
    Target,
    backlog,
    drain,
    enqueue_for_forwarding,
    parse_targets,
)
from tests.learning_record_store.fake_lrs import FakeLRS

PASSED = "http://adlnet.gov/expapi/verbs/passed"
EXPERIENCED = "http://adlnet.gov/expapi/verbs/experienced"
FAST = DrainSettings(batch_size=10, timeout=5, backoff_base=30, backoff_max=600)


def statement(verb: str = EXPERIENCED, activity: str = "https://elearn.example/modules/m1") -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": {"mbox": "mailto:ann@example.test"},
        "verb": {"id": verb},
        "object": {"id": activity},
        "stored": "2026-11-22T09:00:00.000000Z",
    }


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def lrs():
    with FakeLRS().running() as fake:
        yield fake


@pytest.fixture
def factory(app):
    return get_db(app).session_factory


def target_for(fake: FakeLRS, **extra) -> Target:
    return parse_targets(
        [{"name": "remote", "endpoint": fake.endpoint, "key": "fwd-key", "secret": "fwd-secret", **extra}]
    )[0]


def enqueue(factory, statements, targets):
    with factory() as session, session.begin():
        return enqueue_for_forwarding(session, statements, targets)


def test_refused_batches_are_retried_after_backoff_and_arrive_once_in_order(factory, lrs):
    target = target_for(lrs)
    sent = [statement() for _ in range(25)]
    enqueue(factory, sent[:12], [target])
    enqueue(factory, sent[12:], [target])
    lrs.script = ["refuse", "hang-up"]
    clock = Clock()

    first = drain(factory, [target], FAST, clock=clock)
    assert first.delivered == {"remote": 0} and "503" in first.failures["remote"]
    assert drain(factory, [target], FAST, clock=clock).delivered == {"remote": 0}  # still backing off
    assert lrs.requests == [("POST", 10)]

    clock.advance(31)
    second = drain(factory, [target], FAST, clock=clock)
    assert second.delivered == {"remote": 0} and "remote" in second.failures  # the hang-up
    clock.advance(59)  # the second failure doubled the wait to 60 s
    assert drain(factory, [target], FAST, clock=clock).delivered == {"remote": 0}
    clock.advance(2)
    assert drain(factory, [target], FAST, clock=clock).delivered == {"remote": 25}

    assert lrs.stored == [s["id"] for s in sent]
    with factory() as session:
        assert session.scalar(select(func.count()).where(OutboxEntry.delivered_at.is_(None))) == 0
        assert session.scalar(select(func.count()).where(OutboxEntry.payload.is_not(None))) == 0


def test_a_batch_stored_but_not_acknowledged_is_not_duplicated(factory, lrs):
    target = target_for(lrs)
    sent = [statement() for _ in range(15)]
    enqueue(factory, sent, [target])
    lrs.script = ["store-then-fail"]
    clock = Clock()
    assert drain(factory, [target], FAST, clock=clock).delivered == {"remote": 0}
    clock.advance(31)
    assert drain(factory, [target], FAST, clock=clock).delivered == {"remote": 15}
    # The retried batch hit ids the LRS already had (409) and went one by one; PUT 409 counts as delivered.
    assert lrs.stored == [s["id"] for s in sent]
    assert ("PUT", 1) in lrs.requests


def test_a_statement_the_target_rejects_holds_back_the_ones_after_it_and_is_reported(factory, lrs):
    target = target_for(lrs)
    sent = [statement() for _ in range(5)]
    lrs.poison = {sent[2]["id"]}
    enqueue(factory, sent, [target])
    clock = Clock()
    for _ in range(3):
        result = drain(factory, [target], FAST, clock=clock)
        clock.advance(700)
    assert lrs.stored == [sent[0]["id"], sent[1]["id"]]
    assert sent[2]["id"] in result.failures["remote"]
    with factory() as session:
        [stuck] = backlog(session, min_attempts=3)
        assert not backlog(session, min_attempts=4)
    assert (stuck.target, stuck.pending, stuck.oldest_statement_id, stuck.attempts) == (
        "remote",
        3,
        sent[2]["id"],
        3,
    )
    assert "HTTP 400" in stuck.last_error
    lrs.poison.clear()
    assert drain(factory, [target], FAST, clock=clock).delivered == {"remote": 3}
    assert lrs.stored == [s["id"] for s in sent]


def test_targets_take_only_the_statements_they_filter_for(factory, lrs):
    by_verb = target_for(lrs, name="verbs", verbs=[PASSED])
    by_prefix = target_for(lrs, name="prefix", activity_prefix="https://elearn.example/modules/m2")
    passed_m1 = statement(PASSED)
    seen_m2 = statement(activity="https://elearn.example/modules/m2/page-3")
    voiding = {
        **statement(),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
        "object": {"objectType": "StatementRef", "id": passed_m1["id"]},
    }
    with_parent = {
        **statement(),
        "context": {"contextActivities": {"parent": [{"id": "https://elearn.example/modules/m2"}]}},
    }
    assert enqueue(factory, [passed_m1, seen_m2, voiding, with_parent], [by_verb, by_prefix]) == 5
    with factory() as session:
        rows = session.execute(
            select(OutboxEntry.target, OutboxEntry.sequence, OutboxEntry.statement_id).order_by(
                OutboxEntry.target, OutboxEntry.sequence
            )
        ).all()
    assert rows == [
        ("prefix", 1, seen_m2["id"]),
        ("prefix", 2, voiding["id"]),
        ("prefix", 3, with_parent["id"]),
        ("verbs", 1, passed_m1["id"]),
        ("verbs", 2, voiding["id"]),
    ]


def test_concurrent_workers_deliver_each_statement_once_in_order(factory, lrs):
    target = target_for(lrs)
    sent = [statement() for _ in range(60)]
    for start in range(0, 60, 6):
        enqueue(factory, sent[start : start + 6], [target])
    errors: list[BaseException] = []

    def work() -> None:
        try:
            drain(factory, [target], DrainSettings(batch_size=7, timeout=5))
        except BaseException as error:  # noqa: BLE001 (reported by the test thread)
            errors.append(error)

    workers = [threading.Thread(target=work) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors
    assert lrs.stored == [s["id"] for s in sent]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("{not json", "not valid JSON"),
        ('[{"name": "x"}]', "endpoint"),
        ('[{"endpoint": "ftp://x/"}]', r"http\(s\)"),
        ('[{"endpoint": "http://a/", "name": "same"}, {"endpoint": "http://b/", "name": "same"}]', "unique"),
        ('[{"endpoint": "http://a/", "verbs": [1]}]', "verbs"),
    ],
)
def test_invalid_target_configuration(config, message):
    from learning_record_store.forwarding import TargetConfigError

    with pytest.raises(TargetConfigError, match=message):
        parse_targets(config)


def test_target_configuration_defaults():
    [target] = parse_targets('{"endpoint": "https://lrs.example.com/xapi", "username": "u", "password": "p"}')
    assert target.name == "https://lrs.example.com/xapi/"
    assert target.statements_url == "https://lrs.example.com/xapi/statements"
    assert (target.username, target.password, target.verbs, target.activity_prefixes) == (
        "u",
        "p",
        frozenset(),
        (),
    )
    assert parse_targets(None) == [] and parse_targets("") == []


@pytest.mark.postgres
def test_postgresql_workers_neither_wait_for_writers_nor_for_each_other(app, factory, lrs):
    if get_db(app).engine.dialect.name != "postgresql":
        pytest.skip("needs ELEARN_TEST_DATABASE_URL (PostgreSQL)")
    from learning_record_store.forwarding.leases import claim_target

    target = target_for(lrs)
    committed = [statement() for _ in range(3)]
    enqueue(factory, committed, [target])
    with factory() as writer, writer.begin():
        # A statement-storing transaction holds the target's sequence row until it commits ...
        enqueue_for_forwarding(writer, [statement()], [target])
        started = time.monotonic()
        result = drain(factory, [target], FAST)
        # ... yet the worker delivers what is committed at once, without waiting for it.
        assert result.delivered == {"remote": 3} and time.monotonic() - started < 5
    assert lrs.stored == [s["id"] for s in committed]

    enqueue(factory, [statement()], [target])
    with factory() as other_worker, other_worker.begin():
        # Another worker in the middle of claiming the target: SKIP LOCKED passes it by.
        assert claim_target(
            other_worker, "remote", "other", now=datetime.now(UTC), lease=timedelta(minutes=1)
        )
        started = time.monotonic()
        assert drain(factory, [target], FAST).delivered == {"remote": 0}
        assert time.monotonic() - started < 5
    assert len(lrs.stored) == 3
