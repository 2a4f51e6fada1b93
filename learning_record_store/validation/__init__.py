"""Statement validation: pure and table-driven (``shapes.SHAPES``), with the exact path of each problem."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from learning_record_store.errors import StatementValidationError
from learning_record_store.validation.shapes import check

__all__ = ["validate_statement", "validate_statements"]


def validate_statement(statement: Any) -> None:
    """Raise ``StatementValidationError`` unless ``statement`` follows xAPI-Data 1.0.3."""
    check("Statement", statement, "")


def validate_statements(statements: Sequence[Mapping[str, Any]]) -> None:
    """Validate a batch: every statement, and no statement id used twice."""
    seen: set[str] = set()
    for index, statement in enumerate(statements):
        try:
            validate_statement(statement)
        except StatementValidationError as error:
            raise error.at(index) from None
        statement_id = statement.get("id")
        if statement_id is not None:
            if statement_id.lower() in seen:
                raise StatementValidationError(
                    f"id {statement_id} is used twice in this batch", path="id", index=index
                )
            seen.add(statement_id.lower())
