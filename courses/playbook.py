"""The follow-up playbook: Markdown in ``content/followups/``, compiled to frozen activities.

One file per competency. Front matter names the competency; each ``## Title`` starts an activity whose
first lines are ``key: value`` fields (``id``, ``kind``, ``effort``, ``completes``, ``module``, ``drills``)
and whose remaining lines are the instructions (Markdown). See docs/mentoring.md for the format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt

from assessments.diagnostics import Diagnostic, Diagnostics, did_you_mean


class Kind(StrEnum):
    """The 70:20:10 kinds, each with its share of the blend."""

    EXPERIENCE = "experience"  # 70: learning by doing, on the job
    EXPOSURE = "exposure"  # 20: learning from other people
    EDUCATION = "education"  # 10: courses

    @property
    def share(self) -> float:
        return TARGET_SHARES[self]


TARGET_SHARES: dict[Kind, float] = {Kind.EXPERIENCE: 0.7, Kind.EXPOSURE: 0.2, Kind.EDUCATION: 0.1}
FIELDS = ("id", "kind", "effort", "completes", "module", "drills")
MAX_DRILLS = 20
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FIELD = re.compile(r"^([A-Za-z_]+):\s*(.*)$")
_MODULE_FIELD = re.compile(r"^module:\s*(\S+)\s*$")
_MARKDOWN = MarkdownIt("js-default")


@dataclass(frozen=True, slots=True)
class Activity:
    id: str
    competency_id: str
    kind: Kind
    title: str
    effort_minutes: int
    completes: str  # what completes it
    instructions_html: str
    module_id: str | None = None  # education items name a module ...
    drills: int | None = None  # ... or a number of two-minute drills on the competency

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Activity:
        return cls(**{**data, "kind": Kind(data["kind"])})


@dataclass(frozen=True, slots=True)
class Playbook:
    activities: tuple[Activity, ...]

    def for_competency(self, competency_id: str) -> tuple[Activity, ...]:
        return tuple(a for a in self.activities if a.competency_id == competency_id)

    def get(self, activity_id: str) -> Activity | None:
        return next((a for a in self.activities if a.id == activity_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {"activities": [a.to_dict() for a in self.activities]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Playbook:
        return cls(tuple(Activity.from_dict(a) for a in data["activities"]))


def compile_playbook(
    folder: Path, *, competencies: Iterable[str], modules: Iterable[str], root: Path | None = None
) -> tuple[Playbook, list[Diagnostic]]:
    """Compile every ``*.md`` in ``folder``; check competencies, modules, ids and framework coverage."""
    known_competencies, known_modules = list(competencies), list(modules)
    activities: list[Activity] = []
    diagnostics: list[Diagnostic] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.md")):
        shown = str(path.relative_to(root)) if root else str(path)
        report = Diagnostics(shown)
        for activity, line in _compile_file(
            path.read_text(encoding="utf-8"), report, known_competencies, known_modules
        ):
            if activity.id in seen:
                report.error(
                    f'duplicate follow-up id "{activity.id}" (first used in {seen[activity.id]})', line
                )
                continue
            seen[activity.id] = f"{shown}:{line}"
            activities.append(activity)
        diagnostics.extend(report.items)
    coverage = Diagnostics(str(folder.relative_to(root)) if root else str(folder))
    for competency in known_competencies:
        kinds = {a.kind for a in activities if a.competency_id == competency}
        for kind in Kind:
            if kind not in kinds:
                coverage.warning(f'competency "{competency}" has no {kind} follow-up', 1)
    diagnostics.extend(coverage.items)
    return Playbook(tuple(activities)), diagnostics


@dataclass(frozen=True, slots=True)
class FollowUpFile:
    """One playbook file compiled on its own, with what it uses, for the content build to link."""

    competency_id: str | None
    activities: tuple[Activity, ...]
    id_lines: tuple[int, ...]  # the heading line of each activity
    competency_line: int
    module_refs: tuple[tuple[str, int, int], ...]  # (module id, line, col)
    diagnostics: tuple[Diagnostic, ...]


def compile_followups(text: str, path: str) -> FollowUpFile:
    """Compile one playbook file without checking its competency and modules (the linker does that)."""
    report = Diagnostics(path)
    found = _compile_file(text, report, None, [])
    lines = text.splitlines()
    competency_line = next((i + 1 for i, line in enumerate(lines) if line.startswith("competency:")), 1)
    module_refs = tuple(
        (match.group(1), i + 1, match.start(1) + 1)
        for i, line in enumerate(lines)
        if (match := _MODULE_FIELD.match(line))
    )
    competency = found[0][0].competency_id if found else None
    return FollowUpFile(
        competency,
        tuple(a for a, _ in found),
        tuple(line for _, line in found),
        competency_line,
        module_refs,
        tuple(report.items),
    )


def _compile_file(
    text: str, report: Diagnostics, competencies: list[str] | None, modules: list[str]
) -> list[tuple[Activity, int]]:
    lines = text.splitlines()
    meta, body_start = _front_matter(lines, report)
    competency = meta.get("competency")
    if not isinstance(competency, str):
        report.error("front matter must name the competency (competency: <id>)", 1)
        return []
    if competencies is not None and competency not in competencies:
        report.error(f'unknown competency "{competency}"', 2, hint=did_you_mean(competency, competencies))
        return []
    starts = [i for i in range(body_start, len(lines)) if lines[i].startswith("## ")]
    if not starts:
        report.error("no follow-up activities (start each with a '## Title' heading)", body_start + 1)
    found = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        activity = _compile_activity(lines, start, end, competency, report, modules)
        if activity is not None:
            found.append((activity, start + 1))
    return found


def _front_matter(lines: list[str], report: Diagnostics) -> tuple[dict[str, Any], int]:
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            try:
                meta = yaml.safe_load("\n".join(lines[1:end])) or {}
            except yaml.YAMLError as error:
                mark = getattr(error, "problem_mark", None)
                report.error(
                    f"front matter is not valid YAML: {getattr(error, 'problem', error)}",
                    (mark.line + 2) if mark else 2,
                )
                return {}, end + 1
            return (meta if isinstance(meta, dict) else {}), end + 1
    report.error("front matter is not closed (missing '---')", 1)
    return {}, len(lines)


def _compile_activity(
    lines: list[str], start: int, end: int, competency: str, report: Diagnostics, modules: list[str]
) -> Activity | None:
    title = lines[start][3:].strip()
    fields: dict[str, tuple[str, int]] = {}
    index = start + 1
    while index < end and not lines[index].strip():
        index += 1
    while index < end and (match := _FIELD.match(lines[index])):
        key, value = match.group(1).lower(), match.group(2).strip()
        if key not in FIELDS:
            report.error(f'unknown field "{key}"', index + 1, hint=did_you_mean(key, FIELDS))
        fields[key] = (value, index + 1)
        index += 1
    instructions = "\n".join(lines[index:end]).strip()
    return _activity_from(title, fields, instructions, competency, start + 1, report, modules)


def _activity_from(
    title: str,
    fields: dict[str, tuple[str, int]],
    instructions: str,
    competency: str,
    line: int,
    report: Diagnostics,
    modules: list[str],
) -> Activity | None:
    errors_before = len(report.items)
    activity_id, id_line = fields.get("id", ("", line))
    if not _ID.match(activity_id):
        report.error(f'follow-up "{title}" needs an id of lowercase letters, digits and dashes', id_line)
    kind_text, kind_line = fields.get("kind", ("", line))
    if kind_text not in {k.value for k in Kind}:
        report.error(
            f'kind must be one of experience, exposure, education (got "{kind_text}")',
            kind_line,
            hint=did_you_mean(kind_text, [k.value for k in Kind]),
        )
    effort_text, effort_line = fields.get("effort", ("", line))
    effort = int(effort_text) if effort_text.isdigit() else 0
    if not 1 <= effort <= 2400:
        report.error("effort must be a whole number of minutes between 1 and 2400", effort_line)
    module, module_line = fields.get("module", ("", line))
    drills = _drills(fields, kind_text, line, report)
    completes = fields.get("completes", ("", line))[0]
    if kind_text == Kind.EDUCATION:
        if drills and module:
            report.error("an education follow-up names a module or a number of drills, not both", line)
        elif not module and not drills:
            report.error(
                "an education follow-up must name a module (module: <id>) or drills (drills: N)", line
            )
        elif module and modules and module not in modules:
            report.error(f'unknown module "{module}"', module_line, hint=did_you_mean(module, modules))
        completes = completes or ("Complete the module." if module else f"Finish {drills} two-minute drills.")
    elif not completes:
        report.error("say what completes this follow-up (completes: …)", line)
    if not title:
        report.error("follow-up heading has no title", line)
    if len(report.items) > errors_before and any(d.is_error for d in report.items[errors_before:]):
        return None
    return Activity(
        activity_id,
        competency,
        Kind(kind_text),
        title,
        effort,
        completes,
        _MARKDOWN.render(instructions),
        module or None,
        drills,
    )


def _drills(fields: dict[str, tuple[str, int]], kind: str, line: int, report: Diagnostics) -> int | None:
    """The ``drills: N`` of an education follow-up that completes after N drills on its competency."""
    if "drills" not in fields:
        return None
    text, at = fields["drills"]
    if kind != Kind.EDUCATION:
        report.error("only an education follow-up can be completed by drills", at)
        return None
    if not text.isdigit() or not 1 <= int(text) <= MAX_DRILLS:
        report.error(f"drills must be a whole number between 1 and {MAX_DRILLS}", at)
        return None
    return int(text)
