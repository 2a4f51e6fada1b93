"""Errors of the record store; each carries the HTTP status it maps to at the edge."""

from __future__ import annotations


class LRSError(Exception):
    """Base of the record store's errors."""

    status = 500
    title = "Internal Server Error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadRequest(LRSError):
    status = 400
    title = "Bad Request"


class StatementValidationError(BadRequest):
    """A statement breaks a rule of xAPI-Data; ``path`` names the offending property."""

    def __init__(self, message: str, *, path: str = "", index: int | None = None) -> None:
        where = (
            (path or "statement") if index is None else f"statements[{index}]" + (f".{path}" if path else "")
        )
        super().__init__(f"{where}: {message}")
        self.path, self.index, self.reason = path, index, message

    def at(self, index: int) -> StatementValidationError:
        """Return this error located in statement ``index`` of a batch."""
        return StatementValidationError(self.reason, path=self.path, index=index)


class Unauthorized(LRSError):
    status = 401
    title = "Unauthorized"


class Forbidden(LRSError):
    status = 403
    title = "Forbidden"


class NotFound(LRSError):
    status = 404
    title = "Not Found"


class Conflict(LRSError):
    status = 409
    title = "Conflict"


class PreconditionFailed(LRSError):
    status = 412
    title = "Precondition Failed"


class PayloadTooLarge(LRSError):
    status = 413
    title = "Payload Too Large"
