from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assessments.evidence import COMPETENCIES_EXTENSION, actor_key, evidence_from, score_value


def statement(result: dict | None, tags: list | None = None, **extra: object) -> dict:
    data: dict = {
        "id": "6fbd6a48-7d7c-4a0d-8c8b-1f1a1a1a1a1a",
        "actor": {"account": {"homePage": "https://elearn.example", "name": "u-1"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": "https://elearn.example/q/1"},
        "timestamp": "2026-03-01T10:00:00Z",
        "context": {
            "extensions": {
                COMPETENCIES_EXTENSION: tags if tags is not None else [{"id": "empathy", "weight": 2}]
            }
        },
    }
    if result is not None:
        data["result"] = result
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        ({"score": {"scaled": 0.8}}, 0.8),
        ({"score": {"scaled": -0.5}}, 0.0),
        ({"score": {"raw": 3, "max": 4}}, 0.75),
        ({"score": {"raw": 0, "min": 0, "max": 4}}, 0.0),
        ({"score": {"raw": 6, "min": 2, "max": 10}}, 0.5),
        ({"success": True}, 1.0),
        ({"success": False}, 0.0),
        ({"score": {"scaled": True}, "success": False}, 0.0),
        ({"completion": True}, None),
        (None, None),
    ],
)
def test_score_value(result: dict | None, expected: float | None) -> None:
    assert score_value(result) == expected


def test_tagged_scored_statement_is_evidence_per_competency() -> None:
    items = evidence_from(
        statement({"score": {"scaled": 0.5}}, [{"id": "empathy", "weight": 2}, "call-opening"])
    )
    assert [(i.competency_id, i.weight, i.value) for i in items] == [
        ("empathy", 2.0, 0.5),
        ("call-opening", 1.0, 0.5),
    ]
    assert items[0].learner_key == "account:u-1"
    assert items[0].at == datetime(2026, 3, 1, 10, tzinfo=UTC)


def test_untagged_or_unscored_statements_are_not_evidence() -> None:
    assert evidence_from(statement({"score": {"scaled": 0.5}}, [])) == []
    assert evidence_from(statement(None)) == []


def test_mbox_actor_key_is_lowercased() -> None:
    assert actor_key({"mbox": "mailto:Ann@Example.test"}) == "mbox:mailto:ann@example.test"
    assert actor_key({"objectType": "Group", "member": []}) is None
