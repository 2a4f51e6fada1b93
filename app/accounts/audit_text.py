"""Audit entries as people read them: a sentence for the action and labelled details, never raw JSON."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.accounts.models import AuditEvent

# What each action reads as after the actor's name; an unknown action is shown as recorded.
ACTIONS: dict[str, str] = {
    "user.create": "created the account of",
    "user.update": "changed the roles or team of",
    "user.password_reset": "set a new password for",
    "user.password_reset_by_email": "chose a new password by email:",
    "user.erase": "erased the personal data of",
    "lrs_client.create": "issued record store credentials",
    "lrs_client.revoke": "revoked record store credentials",
    "lrs.export": "exported statements as",
    "package.export": "exported an LMS package as",
}
LABELS: dict[str, str] = {
    "roles_before": "Roles before",
    "roles_after": "Roles after",
    "former_email_domain": "Email domain",
    "erase_mentoring": "Mentoring",
    "erase_assessment_answers": "Quiz answers",
    "erase_login_failures": "Sign-in failures",
    "erase_lrs_statements": "Statements",
    "erase_lrs_documents": "Record store documents",
    "check_answers": "check answers",
    "stand_in": "stand-in",
}
# Written by older versions for values JSON could not hold: <app.Thing object at 0x7f…>.
_OBJECT_REPR = re.compile(r"<[\w.]+ object at 0x[0-9a-f]+>")


@dataclass(frozen=True, slots=True)
class AuditLine:
    at: datetime
    actor: str
    action: str  # a phrase: "created the account of"
    target: str
    details: list[tuple[str, str]]


def describe(event: AuditEvent) -> AuditLine:
    """Return an audit event as a sentence and labelled details."""
    actor = "The command line" if event.actor == "cli" else event.actor
    action = ACTIONS.get(event.action, event.action.replace(".", " ").replace("_", " "))
    return AuditLine(event.at, actor, action, event.target, _details(event.details))


def _details(raw: str) -> list[tuple[str, str]]:
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return [("Details", _plain(raw))] if raw else []
    if not isinstance(data, dict):
        return [("Details", _value(data))]
    return [(_label(key), _value(value)) for key, value in data.items() if value not in (None, "", [], {})]


def _label(key: str) -> str:
    return LABELS.get(key) or key.replace("_", " ").capitalize()


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{_inner_label(key)}: {_value(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_value(v) for v in value) or "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _plain(str(value))


def _inner_label(key: str) -> str:
    return _label(key) if key in LABELS else _label(key).lower()


def _plain(text: str) -> str:
    return _OBJECT_REPR.sub("(not recorded)", text)
