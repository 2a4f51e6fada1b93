"""SQLite writers queue at the write gate: one writer at a time, across threads and processes."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from app import write_gate
from app.database import make_engine


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path / 'gate.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE events (n INTEGER PRIMARY KEY, who TEXT)"))
    yield engine
    engine.dispose()


def _gate(engine: Engine) -> write_gate.WriteGate:
    return write_gate.gate_for(str(engine.url.database))


def _can_take(gate: write_gate.WriteGate) -> bool:
    """Whether another thread gets the gate at once (it lets it go again)."""
    taken: list[bool] = []

    def attempt() -> None:
        if gate._thread_lock.acquire(timeout=0.5):
            taken.append(True)
            gate._thread_lock.release()

    thread = threading.Thread(target=attempt)
    thread.start()
    thread.join()
    return bool(taken)


def test_connections_are_gated_and_writes_hold_the_gate_until_commit(engine: Engine) -> None:
    gate = _gate(engine)
    with engine.connect() as connection:
        assert isinstance(connection.connection.dbapi_connection, write_gate.GatedConnection)
        transaction = connection.begin()
        connection.execute(text("INSERT INTO events (who) VALUES ('a')"))
        assert not _can_take(gate)
        transaction.commit()
        assert _can_take(gate)


@pytest.mark.parametrize("end", ["rollback", "close"])
def test_the_gate_is_let_go_when_a_transaction_ends_without_commit(engine: Engine, end: str) -> None:
    gate = _gate(engine)
    connection = engine.connect()
    transaction = connection.begin()
    connection.execute(text("INSERT INTO events (who) VALUES ('a')"))
    if end == "rollback":
        transaction.rollback()
    else:
        connection.close()  # the pool rolls back what is left open
    assert _can_take(gate)
    with engine.connect() as check:
        assert check.execute(text("SELECT count(*) FROM events")).scalar() == 0
    connection.close()


def test_threads_write_one_after_the_other_without_lost_updates(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE counter (value INTEGER)"))
        connection.execute(text("INSERT INTO counter VALUES (0)"))

    def bump() -> None:
        for _ in range(50):
            with engine.begin() as connection:  # read, then write, in one gated transaction
                value = connection.execute(text("SELECT value FROM counter")).scalar_one()
                connection.execute(text("UPDATE counter SET value = :v"), {"v": value + 1})

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT value FROM counter")).scalar() == 200


def _write_in_child(
    url: str, holding: multiprocessing.synchronize.Event, go: multiprocessing.synchronize.Event
) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO events (who) VALUES ('child')"))
        holding.set()
        go.wait(10)
    engine.dispose()


def test_a_writer_in_another_process_waits_until_the_first_commits(engine: Engine) -> None:
    context = multiprocessing.get_context("fork")
    holding, go = context.Event(), context.Event()
    child = context.Process(target=_write_in_child, args=(str(engine.url), holding, go))
    child.start()
    assert holding.wait(10)
    parent_wrote = threading.Event()

    def write() -> None:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO events (who) VALUES ('parent')"))
        parent_wrote.set()

    writer = threading.Thread(target=write)
    writer.start()
    assert not parent_wrote.wait(0.3)  # queued behind the child's open write transaction
    go.set()
    child.join(10)
    writer.join(10)
    assert parent_wrote.is_set()
    with engine.connect() as connection:
        order = connection.execute(text("SELECT who FROM events ORDER BY n")).scalars().all()
    assert order == ["child", "parent"]
