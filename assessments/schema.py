"""Table-driven checks of front matter: each field names its kind, whether it is required and its limits."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assessments.diagnostics import Diagnostics, did_you_mean
from assessments.frontmatter import FrontMatter

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_HINT = "use lowercase letters, digits and hyphens"


@dataclass(frozen=True, slots=True)
class Field:
    kind: str  # "id" | "text" | "int" | "number" | "bool" | "ids" | "texts" | "choice" | "raw"
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    non_empty: bool = False


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_id(value: Any) -> str | None:
    return None if isinstance(value, str) and ID_RE.match(value) else f"must be an id ({ID_HINT})"


def _check_text(value: Any) -> str | None:
    return (
        None
        if isinstance(value, str | int | float) and not isinstance(value, bool) and str(value).strip()
        else "must be text"
    )


def _check_list(item_check: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return "must be a list, e.g. [first, second]"
        return next((f"item {i + 1} {p}" for i, v in enumerate(value) if (p := item_check(v))), None)

    return check


KIND_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "id": _check_id,
    "text": _check_text,
    "int": lambda v: None if isinstance(v, int) and not isinstance(v, bool) else "must be a whole number",
    "number": lambda v: None if _is_number(v) else "must be a number",
    "bool": lambda v: None if isinstance(v, bool) else "must be true or false",
    "ids": _check_list(_check_id),
    "texts": _check_list(_check_text),
    "choice": lambda v: None if isinstance(v, str) else "must be text",
    "raw": lambda v: None,
}


def check_front_matter(
    front: FrontMatter, schema: dict[str, Field], diagnostics: Diagnostics
) -> dict[str, Any]:
    """Report unknown, missing and invalid fields; return the valid values (converted)."""
    valid: dict[str, Any] = {}
    for name, at in front.duplicates:
        diagnostics.error(f'duplicate field "{name}"', at.line, at.col, hint="YAML keeps only the last one")
    for key, value in front.values.items():
        name = str(key)
        spec = schema.get(name)
        if spec is None:
            at = front.keys.get(name, front.start)
            diagnostics.error(
                f'unknown field "{name}"',
                at.line,
                at.col,
                hint=did_you_mean(name, schema) or f"fields: {', '.join(schema)}",
            )
            continue
        problem = _problem(value, spec)
        if problem is not None:
            at = front.at(name)
            diagnostics.error(f"{name} {problem}", at.line, at.col)
            continue
        valid[name] = [str(v) for v in value] if spec.kind == "texts" else value
    for name, spec in schema.items():
        if spec.required and name not in front.values:
            diagnostics.error(f'missing required field "{name}"', front.start.line, front.start.col)
    return valid


def _problem(value: Any, spec: Field) -> str | None:
    if value is None:
        return "has no value"
    problem = KIND_CHECKS[spec.kind](value)
    if problem:
        return problem
    if spec.kind == "choice" and value not in spec.choices:
        return f"must be one of: {', '.join(spec.choices)}"
    if spec.non_empty and not value:
        return "must not be empty"
    if spec.minimum is not None and value < spec.minimum:
        return f"must be at least {spec.minimum:g}"
    if spec.maximum is not None and value > spec.maximum:
        return f"must be at most {spec.maximum:g}"
    return None
