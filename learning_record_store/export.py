"""Statements out: JSON Lines or CSV of the statements matching GET /statements filters, oldest first.

Statements are read in keyset pages (``queries.find_page`` with its cursor), so memory stays constant
however many there are, and no cursor or transaction is held open while a slow consumer reads the file.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any, TextIO

from sqlalchemy.orm import Session

from learning_record_store.queries import MAX_LIMIT, StatementQuery, find_page, next_query
from learning_record_store.vocabulary import Extension

CSV_COLUMNS = (
    "id", "timestamp", "stored", "actor", "actor_name", "verb", "verb_display", "object_type", "object",
    "object_name", "result_success", "result_score_scaled", "result_score_raw", "result_score_min",
    "result_score_max", "result_completion", "result_duration", "result_response", "registration",
    "parent", "grouping", "competencies",
)  # fmt: skip


def iter_statements(session: Session, query: StatementQuery) -> Iterator[dict[str, Any]]:
    """Yield every statement ``query`` selects, oldest first, one page in memory at a time."""
    current: StatementQuery | None = replace(query, ascending=True, limit=MAX_LIMIT, after_pk=None)
    while current is not None:
        page = find_page(session, current)
        for payload in page.payloads:
            yield json.loads(payload)
        current = next_query(current, page)


def write_jsonl(out: TextIO, statements: Iterable[Mapping[str, Any]]) -> int:
    count = 0
    for statement in statements:
        out.write(json.dumps(statement, ensure_ascii=False, separators=(",", ":")) + "\n")
        count += 1
    return count


def write_csv(out: TextIO, statements: Iterable[Mapping[str, Any]]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for statement in statements:
        writer.writerow(csv_row(statement))
        count += 1
    return count


FORMATS: dict[str, Callable[[TextIO, Iterable[Mapping[str, Any]]], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
}
MEDIA_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv"}


def export_statements(session: Session, query: StatementQuery, fmt: str, out: TextIO) -> int:
    """Write the statements ``query`` selects to ``out`` in format ``fmt``; return how many."""
    return FORMATS[fmt](out, iter_statements(session, query))


def csv_row(statement: Mapping[str, Any]) -> list[str]:
    """Flatten one statement into the CSV_COLUMNS cells."""
    actor, verb, target = statement["actor"], statement["verb"], statement["object"]
    result = statement.get("result", {})
    score = result.get("score", {})
    context = statement.get("context", {})
    activities = context.get("contextActivities", {})
    competencies = context.get("extensions", {}).get(Extension.COMPETENCIES)
    values: list[Any] = [
        statement.get("id"), statement.get("timestamp"), statement.get("stored"), agent_label(actor),
        actor.get("name"), verb.get("id"), _first_language(verb.get("display")),
        target.get("objectType", "Activity"), target.get("id") or agent_label(target),
        _first_language(target.get("definition", {}).get("name")), result.get("success"),
        score.get("scaled"), score.get("raw"), score.get("min"), score.get("max"), result.get("completion"),
        result.get("duration"), result.get("response"), context.get("registration"),
        _ids(activities.get("parent")), _ids(activities.get("grouping")),
        json.dumps(competencies) if competencies is not None else None,
    ]  # fmt: skip
    return [_cell(value) for value in values]


def agent_label(agent: Mapping[str, Any]) -> str:
    """Return an Agent's identifier as one string (``mailto:…``, ``homePage#name``, openid or sha1)."""
    if "account" in agent:
        return f"{agent['account'].get('homePage', '')}#{agent['account'].get('name', '')}"
    for name in ("mbox", "openid", "mbox_sha1sum"):
        if name in agent:
            return str(agent[name])
    return ""


def _ids(activities: Any) -> str:
    items = activities if isinstance(activities, list) else [activities] if activities else []
    return " ".join(item.get("id", "") for item in items)


def _first_language(language_map: Mapping[str, str] | None) -> str | None:
    if not language_map:
        return None
    return language_map.get("en-US") or language_map.get("en") or next(iter(language_map.values()))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
