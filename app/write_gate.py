"""One writer at a time on a SQLite database, queued instead of polling.

SQLite lets one transaction write at a time. A connection that finds the write lock taken sleeps in steps
that grow to 100 ms (its busy handler) and tries again, so under load most waiters are asleep while the lock
sits free. The gate queues writers before they ask SQLite: a thread lock among the threads of a process and
an ``flock`` on a file beside the database among processes, both of which wake the next waiter at once.

A connection takes the gate just before ``BEGIN IMMEDIATE`` and lets it go right after its ``COMMIT`` or
``ROLLBACK`` (see ``GatedConnection``), so the gate is held exactly as long as SQLite's write lock.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
from typing import Any

# Waiting longer than SQLite's own busy timeout would turn a stuck writer into a hang: give up and let
# BEGIN IMMEDIATE wait (and fail) as it would without the gate.
WAIT_SECONDS = 30.0

_gates: dict[str, WriteGate] = {}
_gates_lock = threading.Lock()


class WriteGate:
    """The queue of writers to one database file, shared by every connection of a process."""

    def __init__(self, database_path: str) -> None:
        self.lock_path = f"{database_path}-writer.lock"
        self._thread_lock = threading.Lock()
        self._fd: int | None = None
        self._pid = os.getpid()

    def _file(self) -> int:
        if self._fd is None or self._pid != os.getpid():  # a forked child opens its own descriptor
            self._fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            self._pid = os.getpid()
        return self._fd

    def acquire(self) -> bool:
        """Wait for the gate; return False (not held) when waiting took longer than ``WAIT_SECONDS``."""
        if not self._thread_lock.acquire(timeout=WAIT_SECONDS):
            return False
        try:
            fcntl.flock(self._file(), fcntl.LOCK_EX)
        except BaseException:
            self._thread_lock.release()
            raise
        return True

    def release(self) -> None:
        try:
            fcntl.flock(self._file(), fcntl.LOCK_UN)
        finally:
            self._thread_lock.release()


def gate_for(database_path: str) -> WriteGate:
    path = os.path.abspath(database_path)
    with _gates_lock:
        gate = _gates.get(path)
        if gate is None:
            gate = _gates[path] = WriteGate(path)
        return gate


class GatedConnection(sqlite3.Connection):
    """A sqlite3 connection that lets its write gate go as soon as its transaction ends."""

    gate: WriteGate | None = None
    holds_gate: bool = False

    def begin_immediate(self, gate: WriteGate) -> None:
        """Take ``gate``, then SQLite's write lock; the gate is let go again if BEGIN fails."""
        self.holds_gate = gate.acquire()
        self.gate = gate
        try:
            self.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._let_go()
            raise

    def _let_go(self) -> None:
        if self.holds_gate and self.gate is not None:
            self.holds_gate = False
            self.gate.release()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            if not self.in_transaction:
                self._let_go()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._let_go()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._let_go()


def connect_args(database_path: str | None) -> dict[str, Any]:
    """The ``connect_args`` that make a file database's connections ``GatedConnection``s."""
    return {"factory": GatedConnection} if database_path and database_path != ":memory:" else {}
