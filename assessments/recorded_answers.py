"""Quiz answers read out of xAPI ``answered`` statements (pure): the few fields item analysis needs.

The statements are the record, wherever the quiz ran: in the app or in an exported cmi5/xAPI package that
sends its statements to the record store. An answer names its question by activity IRI
(``…/quizzes/<quiz>/questions/<id>``, under whatever base the package was exported with) and its attempt
by registration. Practice is not an attempt: knowledge checks carry the practice extension, drill
answers the practice category, and neither is kept.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
PRACTICE = "https://elearn.example/xapi/extensions/practice"
PRACTICE_CATEGORY = "https://elearn.example/xapi/activities/practice"
MAX_ID = 100  # quiz and question ids are slugs of at most this many characters
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
_DURATION = re.compile(r"^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$")


@dataclass(frozen=True, slots=True)
class RecordedAnswer:
    """One answer to a quiz question, as the answer table keeps it."""

    statement_id: str
    actor: str | None  # see ``actor_of``; None for an agent without an identifier we can erase by
    registration: str  # the attempt
    quiz_id: str
    question_id: str
    answered_us: int  # when it was given: microseconds since 1970-01-01 UTC
    response: str | None
    seconds: float | None  # the statement's own ``result.duration``


def answer_of(statement: Mapping[str, Any]) -> RecordedAnswer | None:
    """Read a stored ``answered`` statement; None for any other statement and for practice."""
    if (statement.get("verb") or {}).get("id") != ANSWERED:
        return None
    target = statement.get("object") or {}
    is_activity = target.get("objectType", "Activity") == "Activity"
    ids = question_of(str(target.get("id", ""))) if is_activity else None
    context, result = statement.get("context") or {}, statement.get("result") or {}
    registration = context.get("registration")
    answered_us = microseconds_of(statement.get("timestamp"))
    if ids is None or not registration or answered_us is None or is_practice(context):
        return None
    response, duration = result.get("response"), result.get("duration")
    return RecordedAnswer(
        str(statement.get("id", "")),
        actor_of(statement.get("actor") or {}),
        str(registration).lower(),
        ids[0],
        ids[1],
        answered_us,
        None if response is None else str(response),
        seconds_of(duration) if isinstance(duration, str) else None,
    )


def question_of(activity_id: str) -> tuple[str, str] | None:
    """(quiz id, question id) of ``…/quizzes/<quiz>/questions/<id>``, or None for any other activity."""
    head, _, question_id = activity_id.rpartition("/questions/")
    _, found, quiz_id = head.rpartition("/quizzes/")
    if not (found and quiz_id and question_id) or "/" in quiz_id:
        return None
    if len(quiz_id) > MAX_ID or len(question_id) > MAX_ID:
        return None
    return quiz_id, question_id


def is_practice(context: Mapping[str, Any]) -> bool:
    """A knowledge check (the practice extension) or a drill answer (the practice category)."""
    if (context.get("extensions") or {}).get(PRACTICE):
        return True
    categories = (context.get("contextActivities") or {}).get("category") or []
    return any(isinstance(c, Mapping) and c.get("id") == PRACTICE_CATEGORY for c in categories)


def actor_of(agent: Mapping[str, Any]) -> str | None:
    """A key naming the agent by its identifier, so that erasing a person finds their answers."""
    account = agent.get("account")
    if isinstance(account, Mapping) and account.get("name"):
        return f"account:{account['name']}"
    for field in ("mbox", "mbox_sha1sum", "openid"):
        if agent.get(field):
            return f"{field}:{str(agent[field]).lower()}"
    return None


def actors_of_person(account_name: str, email: str) -> list[str]:
    """Every key ``actor_of`` gives the agents that may name one person: their account, their mailbox."""
    mbox = f"mailto:{email}".lower()
    return [
        f"account:{account_name}",
        f"mbox:{mbox}",
        f"mbox_sha1sum:{hashlib.sha1(f'mailto:{email}'.encode()).hexdigest()}",
    ]


def seconds_of(duration: str) -> float | None:
    """Seconds of an ISO 8601 duration ``PT#H#M#S`` (None when it is some other form)."""
    found = _DURATION.match(duration)
    if not found:
        return None
    hours, minutes, seconds = (float(part or 0) for part in found.groups())
    return hours * 3600 + minutes * 60 + seconds


def microseconds_of(timestamp: Any) -> int | None:
    """Microseconds since 1970-01-01 UTC of an ISO 8601 timestamp (None when it is not one)."""
    try:
        moment = datetime.fromisoformat(str(timestamp).replace("Z", "+00:00"))
    except ValueError:
        return None
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return (aware - EPOCH) // MICROSECOND
