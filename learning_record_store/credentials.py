"""LRS clients: credentials (key + secret) with scopes, and the authority the store records for them.

Secrets are 32 random bytes generated here, never chosen by people, so a guess has a 2**-256 chance: a
slow password hash (PBKDF2, scrypt) would add nothing against brute force but would cost tens of
milliseconds on *every* request, which caps ingest throughput. We store HMAC-SHA256(per-client salt,
secret) instead, compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from learning_record_store.clock import now
from learning_record_store.errors import BadRequest, NotFound
from learning_record_store.models import Client

SCOPES: tuple[str, ...] = (
    "statements/write",
    "statements/read",
    "statements/read/mine",
    "state",
    "define",
    "profile",
    "all/read",
    "all",
)
DEFAULT_HOME_PAGE = "http://localhost/"


@dataclass(frozen=True, slots=True)
class IssuedCredential:
    """A freshly created client with its secret, which is shown once and never stored."""

    client: Client
    secret: str


def hash_secret(secret: str, salt: str) -> str:
    """Return the keyed hash stored for ``secret``."""
    return hmac.new(salt.encode(), secret.encode(), hashlib.sha256).hexdigest()


def parse_scopes(text: str | Iterable[str]) -> tuple[str, ...]:
    """Split and check a list of scopes (space or comma separated)."""
    names = text.replace(",", " ").split() if isinstance(text, str) else list(text)
    unknown = sorted(set(names) - set(SCOPES))
    if unknown or not names:
        raise BadRequest(f"unknown scopes {unknown}; choose from {', '.join(SCOPES)}")
    return tuple(dict.fromkeys(names))


def create_client(
    session: Session, *, name: str, scopes: str | Sequence[str], home_page: str = DEFAULT_HOME_PAGE
) -> IssuedCredential:
    """Create a client with a random key and secret."""
    key = secrets.token_hex(20)
    secret = secrets.token_hex(32)  # hex: never starts with "-", safe in command lines and URLs
    salt = secrets.token_hex(16)
    authority = {"objectType": "Agent", "name": name, "account": {"homePage": home_page, "name": key}}
    client = Client(
        name=name,
        key=key,
        secret_salt=salt,
        secret_hash=hash_secret(secret, salt),
        scopes=" ".join(parse_scopes(scopes)),
        authority=json.dumps(authority),
        created_at=now(),
    )
    session.add(client)
    session.flush()
    return IssuedCredential(client, secret)


def authenticate(session: Session, key: str, secret: str) -> Client | None:
    """Return the active client these credentials belong to, or None."""
    client = session.scalar(select(Client).where(Client.key == key))
    if client is None or client.revoked_at is not None:
        return None
    if not hmac.compare_digest(client.secret_hash, hash_secret(secret, client.secret_salt)):
        return None
    return client


def revoke_client(session: Session, key: str) -> Client:
    """Revoke a client: its credentials stop working at once."""
    client = session.scalar(select(Client).where(Client.key == key))
    if client is None:
        raise NotFound(f"no client with key {key}")
    if client.revoked_at is None:
        client.revoked_at = now()
        session.flush()
    return client


def list_clients(session: Session) -> list[Client]:
    """Return every client, newest first."""
    return list(session.scalars(select(Client).order_by(Client.id.desc())))


def client_scopes(client: Client) -> frozenset[str]:
    return frozenset(client.scopes.split())


def client_authority(client: Client) -> dict[str, Any]:
    return dict(json.loads(client.authority))


def is_granted(granted: frozenset[str], accepted: Iterable[str], *, is_read: bool) -> bool:
    """Return whether ``granted`` scopes allow a request that any of ``accepted`` scopes permits."""
    if "all" in granted or (is_read and "all/read" in granted):
        return True
    return any(scope in granted for scope in accepted)
