"""Module progress, team assignments, review levels and milestones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from assessments import progress
from assessments.results import (
    AttemptSummary,
    Milestone,
    all_milestones,
    attempt_milestones,
    review_level,
    shows,
)

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def view(session: Any, index: int, *, quiz_passed: bool = True, version: int = 1) -> progress.PageView:
    return progress.view_page(
        session,
        learner_id="l1",
        module_id="m",
        version=version,
        page_count=3,
        page_index=index,
        quiz_passed=lambda: quiz_passed,
        now=T0 + timedelta(minutes=index),
    )


def test_position_and_pages_seen_are_saved_at_every_view(session: Any) -> None:
    first = view(session, 0)
    assert first.is_first_visit and first.progress.position == 0
    second = view(session, 2)
    assert not second.is_first_visit
    assert second.progress.position == 2 and second.progress.pages_seen == [0, 2]
    assert second.progress.registration == first.progress.registration
    found = progress.find_progress(session, learner_id="l1", module_id="m")
    assert found is not None and found.position == 2 and found.completed_at is None
    with pytest.raises(IndexError):
        view(session, 3)


def test_completed_when_every_page_is_seen(session: Any) -> None:
    view(session, 0)
    view(session, 1)
    last = view(session, 2)
    assert last.completed_now and last.progress.completed_at is not None
    assert not view(session, 0).completed_now  # completion happens once


def test_a_required_quiz_must_be_passed_too(session: Any) -> None:
    for index in range(3):
        seen = view(session, index, quiz_passed=False)
    assert not seen.completed_now and seen.progress.completed_at is None
    assert progress.complete_if_done(seen.progress, quiz_passed=True, now=T0)
    assert seen.progress.completed_at == T0


def test_each_module_version_has_its_own_progress(session: Any) -> None:
    view(session, 1, version=1)
    view(session, 0, version=2)
    latest = progress.find_progress(session, learner_id="l1", module_id="m")
    assert latest is not None and latest.module_version == 2 and latest.position == 0
    assert len(progress.learner_progress(session, "l1")) == 2


def test_team_assignments(session: Any) -> None:
    progress.assign_to_team(session, team_id=1, module_id="b", due=date(2026, 12, 1))
    progress.assign_to_team(session, team_id=1, module_id="a")
    progress.assign_to_team(session, team_id=1, module_id="c", due=date(2026, 11, 20))
    progress.assign_to_team(session, team_id=2, module_id="z")
    assert [a.module_id for a in progress.team_modules(session, 1)] == ["c", "b", "a"]
    assert progress.team_modules(session, None) == []


@pytest.mark.parametrize(
    ("policy", "has_passed", "attempts_left", "level"),
    [
        ("none", True, 0, "none"),
        ("score", True, 0, "score"),
        ("responses", False, 0, "responses"),
        ("answers", False, 0, "answers"),  # after the last allowed attempt
        ("answers", False, 1, "responses"),  # a failed attempt with attempts left keeps the key back
        ("answers", True, 2, "responses"),
        ("answers", False, None, "responses"),  # no limit: there is no last attempt
        ("answers-always", False, 2, "answers"),
        ("answers-always", False, None, "answers"),
        ("answers-after-pass", False, 2, "responses"),
        ("answers-after-pass", True, 2, "answers"),
    ],
)
def test_review_levels(policy: str, has_passed: bool, attempts_left: int | None, level: str) -> None:
    assert review_level(policy, has_passed=has_passed, attempts_left=attempts_left) == level


def test_review_levels_are_cumulative() -> None:
    assert shows("answers", "responses") and shows("answers", "score")
    assert not shows("score", "responses") and not shows("none", "score")


def summary(number: int, scaled: float, passed: bool, quiz: str = "q") -> AttemptSummary:
    return AttemptSummary(quiz, number, scaled, passed, T0 + timedelta(days=number))


def test_first_pass_and_personal_best() -> None:
    history = [summary(1, 0.5, False), summary(2, 0.9, True), summary(3, 0.95, True), summary(4, 0.6, False)]
    assert attempt_milestones(history, history[0]) == []
    assert [m.kind for m in attempt_milestones(history, history[1])] == ["first-pass", "personal-best"]
    assert [m.kind for m in attempt_milestones(history, history[2])] == ["personal-best"]
    assert attempt_milestones(history, history[3]) == []


def test_competency_done_when_every_module_of_it_is_completed() -> None:
    modules = {"m1": ["empathy", "rapport"], "m2": ["empathy"], "m3": ["closing"]}
    done = {"m1": T0, "m2": T0 + timedelta(days=1)}
    found = all_milestones([], modules, done)
    assert found == [
        Milestone("competency-done", "empathy", T0 + timedelta(days=1)),
        Milestone("competency-done", "rapport", T0),
    ]


def test_a_concurrent_first_open_of_the_same_module_uses_the_row_the_other_request_created(
    session: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, is_new = progress.start_module(
        session, learner_id="l1", module_id="m", version=1, page_count=3, now=T0
    )
    assert is_new
    # The retried request looked before the first one committed, so it saw no row and inserts a duplicate.
    real_find = progress.find_progress
    misses = iter([True])
    monkeypatch.setattr(
        progress, "find_progress", lambda *a, **k: None if next(misses, False) else real_find(*a, **k)
    )
    second, is_new = progress.start_module(
        session, learner_id="l1", module_id="m", version=1, page_count=3, now=T0
    )
    assert not is_new and second.id == first.id
    session.commit()
