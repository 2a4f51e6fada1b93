"""Optimistic concurrency for documents (xAPI 1.0.3 Communication 3.1): ETags and their preconditions.

The rules, as RFC 2616 and the spec give them:

* ``If-Match`` fails (412) unless the document exists and its ETag is listed (or the list is ``*``);
* ``If-None-Match`` fails (412) when the document exists and the list is ``*`` or names its ETag;
* a PUT with neither header on a profile document that exists is a conflict (409, 3.1.s4.b13); on one that
  does not exist it is a bad request (400), since clients MUST send one of them on every profile PUT
  (3.1.s3.b1) and ADL's reference LRS refuses it so. The State Resource is exempt: the spec lets clients
  PUT, POST and DELETE state without concurrency headers (3.1.s3), and common clients rely on it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from learning_record_store.documents.errors import EditConflict, MissingPrecondition, PreconditionFailed

ANY = "*"


def etag_of(content: bytes) -> str:
    """Return the ETag value of a document: the lowercase hex SHA-1 of its bytes (without quotes)."""
    return hashlib.sha1(content).hexdigest()


def quoted(etag: str) -> str:
    return f'"{etag}"'


def parse_etag_list(header: str | None) -> frozenset[str] | None:
    """Parse an If-Match / If-None-Match header into unquoted tags; None when the header is absent."""
    if header is None:
        return None
    tags = set()
    for part in header.split(","):
        tag = part.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        tags.add(tag.strip('"'))
    tags.discard("")
    return frozenset(tags)


@dataclass(frozen=True, slots=True)
class Preconditions:
    """The concurrency headers of one request, unquoted; None means the header was not sent."""

    if_match: frozenset[str] | None = None
    if_none_match: frozenset[str] | None = None

    @classmethod
    def from_headers(cls, if_match: str | None, if_none_match: str | None) -> Preconditions:
        return cls(parse_etag_list(if_match), parse_etag_list(if_none_match))

    @property
    def is_empty(self) -> bool:
        return self.if_match is None and self.if_none_match is None


def check(
    preconditions: Preconditions,
    current_etag: str | None,
    *,
    headers_required: bool = False,
    even_to_create: bool = False,
) -> None:
    """Raise PreconditionFailed or EditConflict unless a change to a document with ``current_etag`` may go on.

    ``current_etag`` is None when the document does not exist. ``headers_required`` is set for a PUT to a
    profile document; with ``even_to_create`` such a PUT needs a header when the document is new too.
    """
    if preconditions.if_match is not None and not _matches(preconditions.if_match, current_etag):
        raise PreconditionFailed("If-Match: the document has changed (or does not exist); fetch it again")
    if preconditions.if_none_match is not None and _matches(preconditions.if_none_match, current_etag):
        raise PreconditionFailed("If-None-Match: the document already exists")
    if headers_required and preconditions.is_empty and current_etag is None and even_to_create:
        raise MissingPrecondition(
            "If-Match or If-None-Match: a PUT to a profile document needs one (If-None-Match: * to create it)"
        )
    if headers_required and preconditions.is_empty and current_etag is not None:
        raise EditConflict(
            "The document already exists. Check its current state, then send the PUT again with an "
            "If-Match header holding its current ETag (or If-None-Match: * to create it only if absent)."
        )


def _matches(tags: Iterable[str], current_etag: str | None) -> bool:
    if current_etag is None:
        return False
    tags = frozenset(tags)
    return ANY in tags or current_etag in tags
