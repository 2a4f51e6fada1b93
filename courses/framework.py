"""Compile ``competencies.yaml`` into a ``Framework``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from assessments.diagnostics import Diagnostic, Diagnostics
from assessments.frontmatter import FrontMatter, Position, parse_yaml_mapping
from assessments.schema import Field, check_front_matter
from courses.model import Competency, Framework

FRAMEWORK_FIELDS: dict[str, Field] = {
    "framework": Field("id", required=True),
    "name": Field("text", required=True),
    "threshold": Field("number", required=True, minimum=0, maximum=1),
    "competencies": Field("raw", required=True),
}
COMPETENCY_FIELDS: dict[str, Field] = {
    "id": Field("id", required=True),
    "name": Field("text", required=True),
    "description": Field("text", required=True),
    "threshold": Field("number", minimum=0, maximum=1),
}


@dataclass
class CompiledFramework:
    framework: Framework | None
    diagnostics: list[Diagnostic]
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)  # competency id -> where defined


def compile_framework(text: str, path: str) -> CompiledFramework:
    """Compile the competency framework; None when there are errors."""
    diagnostics = Diagnostics(path)
    document, error = parse_yaml_mapping(text)
    if error or document is None:
        message, at = error or ("empty file", Position(1, 1))
        diagnostics.error(message, at.line, at.col)
        return CompiledFramework(None, diagnostics.items)
    values = check_front_matter(document, FRAMEWORK_FIELDS, diagnostics)
    competencies, positions = _competencies(document, values, diagnostics)
    if diagnostics.has_errors:
        return CompiledFramework(None, diagnostics.items, positions)
    framework = Framework(values["framework"], str(values["name"]), float(values["threshold"]), competencies)
    return CompiledFramework(framework, diagnostics.items, positions)


def _competencies(
    document: FrontMatter, values: dict[str, Any], diagnostics: Diagnostics
) -> tuple[tuple[Competency, ...], dict[str, tuple[int, int]]]:
    node = dict((k.value, v) for k, v in document.node.value).get("competencies")
    raw = values.get("competencies")
    if not isinstance(raw, list) or not isinstance(node, yaml.SequenceNode):
        if "competencies" in values:
            at = document.at("competencies")
            diagnostics.error("competencies must be a list of {id, name, description}", at.line, at.col)
        return (), {}
    result: list[Competency] = []
    positions: dict[str, tuple[int, int]] = {}
    default = values.get("threshold", 0.75)
    for entry, entry_node in zip(raw, node.value, strict=True):
        line, col = entry_node.start_mark.line + 1, entry_node.start_mark.column + 1
        if not isinstance(entry, dict) or not isinstance(entry_node, yaml.MappingNode):
            diagnostics.error("a competency must have id, name and description", line, col)
            continue
        item = FrontMatter(values=entry, start=Position(line, col), node=entry_node)
        for key_node, value_node in entry_node.value:
            item.keys[str(key_node.value)] = Position(
                key_node.start_mark.line + 1, key_node.start_mark.column + 1
            )
            item.positions[str(key_node.value)] = Position(
                value_node.start_mark.line + 1, value_node.start_mark.column + 1
            )
        checked = check_front_matter(item, COMPETENCY_FIELDS, diagnostics)
        if not {"id", "name", "description"} <= set(checked):
            continue
        competency_id = checked["id"]
        at = item.at("id")
        if competency_id in positions:
            diagnostics.error(
                f'duplicate competency "{competency_id}" (first defined on line '
                f"{positions[competency_id][0]})",
                at.line,
                at.col,
            )
            continue
        positions[competency_id] = (at.line, at.col)
        result.append(
            Competency(
                competency_id,
                str(checked["name"]),
                " ".join(str(checked["description"]).split()),
                float(checked.get("threshold", default)),
            )
        )
    return tuple(result), positions
