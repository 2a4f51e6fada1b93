"""Errors of the document resources, on the record store's error classes (each carries its HTTP status)."""

from __future__ import annotations

from learning_record_store.errors import BadRequest, Conflict, NotFound, PreconditionFailed

__all__ = [
    "DocumentNotFound",
    "EditConflict",
    "InvalidDocumentRequest",
    "MissingPrecondition",
    "PreconditionFailed",
]


class InvalidDocumentRequest(BadRequest):
    """A missing or malformed parameter, or a document that cannot be merged."""


class DocumentNotFound(NotFound):
    pass


class EditConflict(Conflict):
    """A PUT without concurrency headers on a profile document that already exists."""


class MissingPrecondition(BadRequest):
    """A PUT to a profile document without If-Match or If-None-Match, where the store requires one."""
