"""Erase a user's quiz, knowledge-check and drill answers (scores are kept; see ``assessments.erasure``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.accounts import User
from app.erasure import ERASERS
from assessments.erasure import erase_learner_answers
from assessments.practice.store import erase_learner_practice


def erase_assessment_answers(session: Session, user: User) -> dict[str, Any]:
    """Eraser: blank the user's responses and check answers, keeping their scores."""
    return {
        **erase_learner_answers(session, user.uid),
        "drill_answers": erase_learner_practice(session, [user.uid]),
    }


def init_app() -> None:
    if erase_assessment_answers not in ERASERS:
        ERASERS.append(erase_assessment_answers)
