"""Practice banks in the quiz format: a front-matter flag, checked with errors at path:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments import parse_quiz

CONTENT = Path(__file__).resolve().parents[3] / "content"
BANK = "---\nid: bank\ntitle: A bank\ncompetencies: [empathy]\npractice: true\n---\n"
QUESTION = "## Q {#a}\ntype: true-false\nanswer: true\n"
AT = "quizzes/bank.md:"
NEVER_ATTEMPTED = "a practice bank is never attempted, so it has no"
CANNOT_HOLD = "a practice bank cannot hold"
ESSAY = "## Essay {#e}\ntype: essay\nwords: 10..100\n"
LIKERT = "## Scale {#l}\ntype: likert\n- [ ] Agree\n- [ ] No\n"


def test_the_flag_marks_a_quiz_as_a_practice_bank() -> None:
    parsed = parse_quiz(BANK + QUESTION, "quizzes/bank.md")
    assert parsed.quiz is not None and parsed.quiz.practice
    ordinary = parse_quiz(BANK.replace("practice: true\n", "") + QUESTION, "quizzes/q.md")
    assert ordinary.quiz is not None and not ordinary.quiz.practice


@pytest.mark.parametrize(
    ("front", "body", "expected"),
    [
        ("attempts: 3\n", QUESTION, f"{AT}2:1: error: {NEVER_ATTEMPTED} attempts"),
        ("pass_mark: 80\n", QUESTION, f"{AT}2:1: error: {NEVER_ATTEMPTED} pass_mark"),
        ("", ESSAY, f"{AT}7:1: error: {CANNOT_HOLD} essay questions"),
        ("", LIKERT, f"{AT}7:1: error: {CANNOT_HOLD} likert questions"),
        ("practice: maybe\n", QUESTION, f"{AT}2:11: error"),
    ],
)  # fmt: skip
def test_a_bank_with_attempt_settings_or_undrillable_questions_is_refused(
    front: str, body: str, expected: str
) -> None:
    text = BANK.replace("---\n", "---\n" + front, 1).replace(
        "practice: true\n", "", front.startswith("practice")
    )
    parsed = parse_quiz(text + body, "quizzes/bank.md")
    assert parsed.quiz is None
    assert any(d.format().startswith(expected) for d in parsed.diagnostics), [
        d.format() for d in parsed.diagnostics
    ]


def test_the_sample_curriculum_has_a_practice_bank_for_every_competency() -> None:
    import yaml

    framework = yaml.safe_load((CONTENT / "competencies.yaml").read_text())
    competencies = {c["id"] for c in framework["competencies"]}
    banks = [parse_quiz(p.read_text(), str(p)).quiz for p in sorted((CONTENT / "quizzes").glob("*.md"))]
    covered = {
        c
        for bank in banks
        if bank and bank.practice
        for q in bank.questions
        for c in (r.id for r in q.competencies)
    }
    assert covered == competencies
