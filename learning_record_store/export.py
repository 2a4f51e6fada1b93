"""Statements out: JSON Lines or CSV of the statements matching GET /statements filters, oldest first.

Statements are read in keyset pages (``queries.find_page`` with its cursor), each in its own short
session, so memory stays constant however many there are, and no cursor or transaction stays open while a
slow consumer reads the file (on SQLite an open transaction would hold the write lock for the whole export).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, TextIO

from sqlalchemy.orm import Session

from learning_record_store.clock import format_instant
from learning_record_store.documents.identity import parse_agent, parse_registration, parse_since
from learning_record_store.queries import MAX_LIMIT, StatementQuery, find_page, next_query
from learning_record_store.vocabulary import Extension

CSV_COLUMNS = (
    "id", "timestamp", "stored", "actor", "actor_name", "verb", "verb_display", "object_type", "object",
    "object_name", "result_success", "result_score_scaled", "result_score_raw", "result_score_min",
    "result_score_max", "result_completion", "result_duration", "result_response", "registration",
    "parent", "grouping", "competencies",
)  # fmt: skip


Sessions = Callable[[], Session]


def query_from_filters(
    *,
    verb: str | None = None,
    agent: str | None = None,
    activity: str | None = None,
    registration: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> StatementQuery:
    """Build an export query from textual filters; ``agent`` is Agent JSON or an email address.

    Raises InvalidDocumentRequest (a BadRequest) naming the filter that does not parse.
    """
    filters: dict[str, Any] = {"verb": verb or None, "activity": activity or None}
    if registration:
        filters["registration"] = parse_registration(registration)
    if agent:
        raw = agent if agent.lstrip().startswith("{") else json.dumps({"mbox": f"mailto:{agent.strip()}"})
        filters["agent"] = parse_agent(raw)
    for name, value in (("since", since), ("until", until)):
        moment = parse_since(value or None)
        filters[name] = format_instant(moment) if moment else None
    return StatementQuery(**filters)


def iter_statements(sessions: Sessions, query: StatementQuery) -> Iterator[dict[str, Any]]:
    """Yield every statement ``query`` selects, oldest first, one page in memory at a time."""
    current: StatementQuery | None = replace(query, ascending=True, limit=MAX_LIMIT, after_pk=None)
    while current is not None:
        with sessions() as session:
            page = find_page(session, current)
        for payload in page.payloads:
            yield json.loads(payload)
        current = next_query(current, page)


@dataclass(frozen=True, slots=True)
class ExportFormat:
    media_type: str
    header: Callable[[], str]
    line: Callable[[Mapping[str, Any]], str]


def _json_line(statement: Mapping[str, Any]) -> str:
    return json.dumps(statement, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def _csv_line(cells: Iterable[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


FORMATS: dict[str, ExportFormat] = {
    "jsonl": ExportFormat("application/x-ndjson", lambda: "", _json_line),
    "csv": ExportFormat(
        "text/csv", lambda: _csv_line(CSV_COLUMNS), lambda statement: _csv_line(csv_row(statement))
    ),
}


def export_chunks(
    sessions: Sessions, query: StatementQuery, fmt: str, *, chunk_size: int = 64 * 1024
) -> Iterator[str]:
    """Yield the export of the statements ``query`` selects, in text chunks of about ``chunk_size``."""
    export_format = FORMATS[fmt]
    pending = [export_format.header()]
    size = len(pending[0])
    for statement in iter_statements(sessions, query):
        line = export_format.line(statement)
        pending.append(line)
        size += len(line)
        if size >= chunk_size:
            yield "".join(pending)
            pending, size = [], 0
    if size:
        yield "".join(pending)


def export_statements(sessions: Sessions, query: StatementQuery, fmt: str, out: TextIO) -> int:
    """Write the statements ``query`` selects to ``out`` in format ``fmt``; return how many."""
    export_format = FORMATS[fmt]
    out.write(export_format.header())
    count = 0
    for statement in iter_statements(sessions, query):
        out.write(export_format.line(statement))
        count += 1
    return count


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
