"""Fixtures of the record store tests (the statement helpers live in statement_fixtures)."""

from __future__ import annotations

from tests.learning_record_store.statement_fixtures import lrs_headers, make_client

__all__ = ["lrs_headers", "make_client"]
