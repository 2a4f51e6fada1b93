"""Errors of quiz attempts; each carries data and the app maps it to a 4xx response."""

from __future__ import annotations


class AttemptError(Exception):
    """Base of every refused attempt operation."""


class AttemptNotFoundError(AttemptError):
    def __init__(self, attempt_id: int) -> None:
        super().__init__(f"attempt {attempt_id} not found")
        self.attempt_id = attempt_id


class AttemptClosedError(AttemptError):
    def __init__(self, attempt_id: int, reason: str) -> None:
        super().__init__(f"attempt {attempt_id} is closed: {reason}")
        self.attempt_id, self.reason = attempt_id, reason


class AttemptNotSubmittedError(AttemptError):
    def __init__(self, attempt_id: int) -> None:
        super().__init__(f"attempt {attempt_id} is not submitted yet: its results come after submission")
        self.attempt_id = attempt_id


class AttemptsExhaustedError(AttemptError):
    def __init__(self, quiz_id: str, limit: int) -> None:
        super().__init__(f"all {limit} attempts at {quiz_id} have been used")
        self.quiz_id, self.limit = quiz_id, limit


class QuestionNotInAttemptError(AttemptError):
    def __init__(self, attempt_id: int, question_id: str) -> None:
        super().__init__(f"question {question_id!r} is not part of attempt {attempt_id}")
        self.attempt_id, self.question_id = attempt_id, question_id


class InvalidResponseError(AttemptError):
    def __init__(self, question_id: str, message: str) -> None:
        super().__init__(f"{question_id}: {message}")
        self.question_id, self.message = question_id, message
