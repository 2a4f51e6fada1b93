"""Doing drills through the drill service, as the pages do (for tests that need many of them)."""

from __future__ import annotations

import random
from typing import Any

from flask import Flask

from app.database import get_db
from app.demo.answers import answer as demo_answer
from app.learner import drills
from app.learner.recording import Learner
from assessments.shown_ids import to_shown


def run_drill(app: Flask, user: Any, *, right: bool = True, seed: int = 0) -> list[dict[str, Any]]:
    """Start a drill for ``user`` and answer every question (right or wrong); return the drill's items."""
    who = Learner(user.uid, user.name, "http://localhost")
    get_db(app).session.remove()
    with app.app_context(), get_db(app).transaction() as session:
        drill = drills.start(session, who, user.id, rng=random.Random(seed))
        for number, item in enumerate(list(drill.items), 1):
            question = drills.question_of(session, item)
            shown = to_shown(question, demo_answer(question, right=right), item["ids"])
            drills.answer(session, who, drill.id, number, shown)
        return [dict(item) for item in drill.items]
