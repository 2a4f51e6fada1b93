from __future__ import annotations

from pathlib import Path

import pytest

from courses.blend import Effort, balance, distance, propose
from courses.playbook import Activity, Kind, Playbook, compile_playbook

CONTENT = Path(__file__).resolve().parents[2] / "content"


def activity(aid: str, kind: Kind, minutes: int, competency: str = "c1") -> Activity:
    return Activity(aid, competency, kind, aid, minutes, "done", "", "m" if kind is Kind.EDUCATION else None)


def shipped() -> Playbook:
    playbook, _ = compile_playbook(
        CONTENT / "followups", competencies=["objection-handling", "empathy"], modules=[]
    )
    return playbook


def test_distance_of_a_perfect_blend_is_zero() -> None:
    assert distance({Kind.EXPERIENCE: 70, Kind.EXPOSURE: 20, Kind.EDUCATION: 10}) == pytest.approx(0)
    assert distance({Kind.EDUCATION: 10}) == pytest.approx(1.8)


def test_proposal_for_objection_handling_is_close_to_70_20_10() -> None:
    chosen = propose(shipped(), ["objection-handling"])
    kinds = {a.kind for a in chosen}
    assert kinds == set(Kind)
    minutes = {k: sum(a.effort_minutes for a in chosen if a.kind is k) for k in Kind}
    assert distance(minutes) < 0.15
    assert "oh-roleplay-price" in [a.id for a in chosen]


def test_proposal_covers_every_weak_competency() -> None:
    chosen = propose(shipped(), ["objection-handling", "empathy"])
    assert {a.competency_id for a in chosen} == {"objection-handling", "empathy"}


def test_proposal_skips_recent_activities() -> None:
    chosen = propose(
        shipped(), ["objection-handling"], skip={"oh-roleplay-price", "oh-live-price-objections"}
    )
    ids = [a.id for a in chosen]
    assert "oh-roleplay-price" not in ids and "oh-live-price-objections" not in ids
    assert {a.kind for a in chosen} == set(Kind)


def test_proposal_respects_the_effort_cap() -> None:
    playbook = Playbook((activity("big", Kind.EXPERIENCE, 500), activity("e", Kind.EDUCATION, 200)))
    assert [a.id for a in propose(playbook, ["c1"], max_minutes_per_competency=600)] == ["big"]


def test_nothing_to_propose_without_weak_competencies() -> None:
    assert propose(shipped(), []) == []


def test_balance_counts_planned_and_completed_minutes() -> None:
    result = balance(
        [Effort(Kind.EXPERIENCE, 70, True), Effort(Kind.EXPOSURE, 20), Effort(Kind.EDUCATION, 10, True)]
    )
    by_kind = {k.kind: k for k in result.kinds}
    assert (result.planned, result.completed) == (100, 80)
    assert by_kind[Kind.EXPOSURE].completed == 0 and by_kind[Kind.EXPERIENCE].share == pytest.approx(0.7)
    assert result.warnings == ()


def test_all_formal_plan_is_lopsided() -> None:
    result = balance([Effort(Kind.EDUCATION, 30)])
    assert "All formal learning: add on-the-job practice." in result.warnings


def test_all_on_the_job_plan_asks_for_people_and_a_course() -> None:
    warnings = balance([Effort(Kind.EXPERIENCE, 120)]).warnings
    assert any(w.startswith("Nobody to learn from") for w in warnings)
    assert any(w.startswith("No formal learning") for w in warnings)


def test_empty_plan_has_no_warnings() -> None:
    assert balance([]).warnings == ()
