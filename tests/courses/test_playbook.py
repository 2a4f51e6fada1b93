from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from courses.playbook import Kind, compile_playbook

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
FRAMEWORK = [c["id"] for c in yaml.safe_load((CONTENT / "competencies.yaml").read_text())["competencies"]]
MODULES = [
    "objection-handling",
    "call-opening",
    "active-listening",
    "difficult-callers",
    "call-closing",
    "data-protection",
]


def compile_text(tmp_path: Path, text: str) -> tuple:
    (tmp_path / "x.md").write_text(text)
    return compile_playbook(
        tmp_path, competencies=["empathy", "objection-handling"], modules=MODULES, root=tmp_path
    )


def test_shipped_playbook_covers_the_framework_with_all_three_kinds() -> None:
    playbook, diagnostics = compile_playbook(CONTENT / "followups", competencies=FRAMEWORK, modules=MODULES)
    assert [d.format() for d in diagnostics] == []
    for competency in FRAMEWORK:
        assert {a.kind for a in playbook.for_competency(competency)} == set(Kind), competency


def test_activity_fields_and_instructions(tmp_path: Path) -> None:
    playbook, diagnostics = compile_text(
        tmp_path,
        """---
competency: empathy
---

## Role-play an angry caller
id: em-rp
kind: exposure
effort: 30
completes: A role-play with your mentor.

Your mentor plays the **caller**.
""",
    )
    activity = playbook.get("em-rp")
    assert activity is not None
    assert (activity.kind, activity.effort_minutes, activity.competency_id) == (Kind.EXPOSURE, 30, "empathy")
    assert activity.instructions_html == "<p>Your mentor plays the <strong>caller</strong>.</p>\n"
    assert [d.message for d in diagnostics if d.is_error] == []


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("## A\nid: a\nkind: exposur\neffort: 5\ncompletes: x\n", 7, "kind must be one of"),
        ("## A\nid: a\nkind: exposure\neffort: lots\ncompletes: x\n", 8, "effort must be a whole number"),
        (
            "## A\nid: a\nkind: education\neffort: 5\nmodule: objection-handlin\n",
            9,
            'unknown module "objection-handlin"',
        ),
        ("## A\nid: a\nkind: experience\neffort: 5\n", 5, "say what completes"),
        (
            "## A\nid: a\nkind: experience\neffort: 5\ncompletes: x\ncolour: red\n",
            10,
            'unknown field "colour"',
        ),
        ("## A\nid: Bad Id\nkind: experience\neffort: 5\ncompletes: x\n", 6, "needs an id"),
    ],
)
def test_errors_name_the_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    _, diagnostics = compile_text(tmp_path, "---\ncompetency: empathy\n---\n\n" + body)
    errors = [d for d in diagnostics if d.is_error]
    assert errors and errors[0].line == line and message in errors[0].message, [d.format() for d in errors]
    assert errors[0].format().startswith(f"x.md:{line}:1: error:")


def test_unknown_competency_suggests_the_closest(tmp_path: Path) -> None:
    _, diagnostics = compile_text(tmp_path, "---\ncompetency: empaty\n---\n\n## A\nid: a\n")
    assert diagnostics[0].message == 'unknown competency "empaty"'
    assert diagnostics[0].hint == 'did you mean "empathy"?'


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    item = "## A\nid: same\nkind: experience\neffort: 5\ncompletes: x\n"
    (tmp_path / "a.md").write_text("---\ncompetency: empathy\n---\n" + item)
    (tmp_path / "b.md").write_text("---\ncompetency: objection-handling\n---\n" + item)
    _, diagnostics = compile_playbook(
        tmp_path, competencies=["empathy", "objection-handling"], modules=[], root=tmp_path
    )
    assert any('duplicate follow-up id "same" (first used in a.md:4)' in d.message for d in diagnostics)


def test_missing_kinds_are_warnings(tmp_path: Path) -> None:
    _, diagnostics = compile_text(
        tmp_path, "---\ncompetency: empathy\n---\n## A\nid: a\nkind: experience\neffort: 5\ncompletes: x\n"
    )
    warnings = {d.message for d in diagnostics if not d.is_error}
    assert 'competency "empathy" has no exposure follow-up' in warnings
    assert 'competency "objection-handling" has no experience follow-up' in warnings
