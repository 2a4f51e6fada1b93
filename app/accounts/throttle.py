"""Throttling of failed sign-ins, kept in the database so every app server sees the same counts.

Two counters, neither of which locks an account for everyone:

- per (email, client address) pair: the first few failures are free, then each further failure makes that
  pair wait before its next try, the wait doubling up to a ceiling. An attacker guessing from one address
  slows down exponentially; the agent signing in from their own desk is not affected.
- per client address, over all emails: a plain count in a fixed window, with a limit high enough for a
  contact centre's NAT (hundreds of agents behind one address), so it only stops spraying at scale.

Both forget after a quiet window. The right password never skips a wait, or the wait would tell an
attacker which guess was right.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.accounts.models import LoginFailure

ADDRESS_MAX_LENGTH = 64  # longer "addresses" (a forged X-Forwarded-For) are keyed by their start


@dataclass(frozen=True, slots=True)
class Policy:
    """How many failures are free, how the wait grows, and the per-address ceiling."""

    window: timedelta = timedelta(minutes=15)
    free_failures: int = 5
    first_delay: timedelta = timedelta(seconds=1)
    max_delay: timedelta = timedelta(minutes=15)
    address_limit: int = 1000

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Policy:
        """Read the ``LOGIN_*`` settings."""
        return cls(
            window=timedelta(seconds=int(config["LOGIN_WINDOW_SECONDS"])),
            free_failures=int(config["LOGIN_FREE_FAILURES"]),
            first_delay=timedelta(seconds=float(config["LOGIN_DELAY_SECONDS"])),
            max_delay=timedelta(seconds=float(config["LOGIN_DELAY_MAX_SECONDS"])),
            address_limit=int(config["LOGIN_ADDRESS_LIMIT"]),
        )

    def delay_after(self, failures: int) -> timedelta:
        """The wait after this many failures in a row (none while they are free)."""
        if failures < self.free_failures:
            return timedelta(0)
        doublings = min(failures - self.free_failures, 32)
        return min(self.first_delay * 2**doublings, self.max_delay)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one more failure did: the wait it imposed and whether a throttle began with it."""

    wait: timedelta
    pair_throttled: bool
    address_throttled: bool


def pair_key(email: str, address: str) -> str:
    return f"pair:{_email(email)}|{address[:ADDRESS_MAX_LENGTH]}"


def address_key(address: str) -> str:
    return f"address:{address[:ADDRESS_MAX_LENGTH]}"


def wait_before_sign_in(
    session: Session, email: str, address: str, policy: Policy, now: datetime | None = None
) -> timedelta:
    """How long this email must wait before signing in from this address (zero: go ahead)."""
    now = now or datetime.now(UTC)
    waits = [timedelta(0)]
    pair = session.get(LoginFailure, pair_key(email, address))
    if pair is not None and pair.blocked_until is not None:
        waits.append(_aware(pair.blocked_until) - now)
    per_address = session.get(LoginFailure, address_key(address))
    if (
        per_address is not None
        and _is_current(per_address, policy, now)
        and per_address.failures >= policy.address_limit
    ):
        waits.append(_aware(per_address.window_start) + policy.window - now)
    return max(waits)


def record_failure(
    session: Session, email: str, address: str, policy: Policy, now: datetime | None = None
) -> Outcome:
    """Count one failed sign-in for the pair and for the address; return the wait it imposes."""
    now = now or datetime.now(UTC)
    pair = _count(session, pair_key(email, address), policy, now, quiet_since=True)
    wait = policy.delay_after(pair.failures)
    pair.blocked_until = now + wait if wait else None
    per_address = _count(session, address_key(address), policy, now, quiet_since=False)
    address_wait = timedelta(0)
    if per_address.failures >= policy.address_limit:
        address_wait = _aware(per_address.window_start) + policy.window - now
    session.flush()
    return Outcome(
        wait=max(wait, address_wait),
        pair_throttled=pair.failures == policy.free_failures,
        address_throttled=per_address.failures == policy.address_limit,
    )


def clear_pair(session: Session, email: str, address: str) -> None:
    """Forget the failures of this email from this address (after a successful sign-in)."""
    session.execute(delete(LoginFailure).where(LoginFailure.key == pair_key(email, address)))


def unlock(session: Session, email: str) -> int:
    """Forget every failure counted for this email, from any address; return how many pairs were waiting."""
    prefix = f"pair:{_email(email)}|"
    result = session.execute(delete(LoginFailure).where(LoginFailure.key.startswith(prefix, autoescape=True)))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def throttled_pairs(session: Session, email: str, now: datetime | None = None) -> list[LoginFailure]:
    """The addresses from which this email currently has to wait, for the admin's person page."""
    now = now or datetime.now(UTC)
    prefix = f"pair:{_email(email)}|"
    rows = session.scalars(select(LoginFailure).where(LoginFailure.key.startswith(prefix, autoescape=True)))
    return [row for row in rows if row.blocked_until is not None and _aware(row.blocked_until) > now]


def _count(session: Session, key: str, policy: Policy, now: datetime, *, quiet_since: bool) -> LoginFailure:
    """Add one failure to a counter, restarting it when its window has passed.

    A pair's window runs from its last failure (it forgets only after a quiet spell, so an attacker
    cannot get fresh free guesses every window); an address's runs from its first.
    """
    # Two first failures at once must not both insert the key (an IntegrityError, a 500): insert it
    # unless it exists, then lock the row.
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    values = {"key": key, "failures": 0, "window_start": now, "last_failure_at": now}
    session.execute(insert(LoginFailure).values(values).on_conflict_do_nothing(index_elements=["key"]))
    locked = select(LoginFailure).where(LoginFailure.key == key).with_for_update()
    # populate_existing: the row read before the lock (wait_before_sign_in) may be stale by now.
    row = session.scalars(locked.execution_options(populate_existing=True)).one()
    if not _is_current(row, policy, now, quiet_since=quiet_since):
        row.failures, row.window_start, row.blocked_until = 0, now, None
    row.failures += 1
    row.last_failure_at = now
    return row


def _is_current(row: LoginFailure, policy: Policy, now: datetime, *, quiet_since: bool = False) -> bool:
    since = row.last_failure_at if quiet_since and row.last_failure_at else row.window_start
    return _aware(since) > now - policy.window


def _email(email: str) -> str:
    return email.strip().lower()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
