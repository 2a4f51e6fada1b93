"""Competency evidence read out of xAPI statements (pure).

A statement is evidence when it carries the competency context extension (a list of ``{id, weight}``) and a
result with a score (``scaled``, else ``raw`` against ``min``/``max``) or a ``success`` flag. The learner is
the statement's actor; a mentor rating names the mentor as ``context.instructor``. Other systems (a QA
scorecard, say) send the same shape to the record store and count the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

COMPETENCIES_EXTENSION = "https://elearn.example/xapi/extensions/competencies"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    learner_key: str  # "account:<homePage>|<name>" or "mbox:<mailto:…>", see ``actor_key``
    competency_id: str
    value: float
    weight: float
    at: datetime
    statement_id: str
    verb: str
    activity: str


def actor_key(actor: dict[str, Any]) -> str | None:
    """Return a stable key for an agent: its account name, else its mbox (groups are not learners)."""
    account = actor.get("account")
    if isinstance(account, dict) and account.get("name"):
        return f"account:{account['name']}"
    if actor.get("mbox"):
        return f"mbox:{str(actor['mbox']).lower()}"
    return None


def score_value(result: dict[str, Any] | None) -> float | None:
    """Return the result as a value in [0, 1], or None when it carries neither score nor success."""
    if not isinstance(result, dict):
        return None
    score = result.get("score")
    if isinstance(score, dict):
        if _is_number(score.get("scaled")):
            return _clamp(float(score["scaled"]))
        if _is_number(score.get("raw")) and _is_number(score.get("max")):
            low = float(score["min"]) if _is_number(score.get("min")) else 0.0
            span = float(score["max"]) - low
            if span > 0:
                return _clamp((float(score["raw"]) - low) / span)
    if isinstance(result.get("success"), bool):
        return 1.0 if result["success"] else 0.0
    return None


def competency_tags(statement: dict[str, Any]) -> list[tuple[str, float]]:
    """Return the ``(competency id, weight)`` pairs a statement is tagged with."""
    extensions = (statement.get("context") or {}).get("extensions") or {}
    tags = extensions.get(COMPETENCIES_EXTENSION)
    if not isinstance(tags, list):
        return []
    pairs = []
    for tag in tags:
        if isinstance(tag, str):
            pairs.append((_competency_id(tag), 1.0))
        elif isinstance(tag, dict) and isinstance(tag.get("id"), str):
            weight = tag.get("weight", 1.0)
            pairs.append(
                (_competency_id(tag["id"]), float(weight) if _is_number(weight) and weight > 0 else 1.0)
            )
    return pairs


def evidence_from(statement: dict[str, Any]) -> list[EvidenceItem]:
    """Return the evidence one statement carries (empty when it carries none)."""
    verb = (statement.get("verb") or {}).get("id", "")
    if verb == VOIDED:
        return []
    tags = competency_tags(statement)
    value = score_value(statement.get("result"))
    learner = actor_key(statement.get("actor") or {})
    if not tags or value is None or learner is None:
        return []
    at = parse_timestamp(statement.get("timestamp") or statement.get("stored"))
    activity = (statement.get("object") or {}).get("id", "")
    return [
        EvidenceItem(learner, competency, value, weight, at, str(statement.get("id", "")), verb, activity)
        for competency, weight in tags
    ]


def parse_timestamp(text: Any) -> datetime:
    if isinstance(text, datetime):
        moment = text
    elif isinstance(text, str) and text:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    else:
        moment = datetime.now(UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _competency_id(text: str) -> str:
    # Plain framework ids, or IRIs ending in one (".../competencies/empathy") from other systems.
    return text.rstrip("/").rsplit("/", 1)[-1]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))
