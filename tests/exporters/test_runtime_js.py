"""The package runtime's pure parts, run in Node: scoring identical to ``assessments``, and suspend data that
always fits its limit and always parses."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from assessments import QUESTION_TYPES
from exporters import ExportOptions
from exporters.runtime_data import question_data
from tests.exporters.fixtures import QUESTIONS, QUIZ

RUNTIME = Path(__file__).resolve().parents[2] / "exporters" / "runtime"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")

RESPONSES: dict[str, list[Any]] = {
    "greeting-first": ["a", "b"],
    "greeting-parts": [["a", "b"], ["a"], ["a", "c"], ["a", "b", "c"], ["c", "d"], [], ["b"]],
    "no-leading": [True, False],
    "company-name": ["Kestrel Home", "  kestrel   HOME ", "Kestrel", "KestrelHome", ""],
    "opening-seconds": ["30", "25", "35", "35.5", "24.99", " 1,000 ", "abc", "3,0", "30,5"],
    "match-phrases": [{"a": "x", "b": "y"}, {"a": "x", "b": "z"}, {"a": "y", "b": "x"}, {"a": "x"}],
    "opening-order": [["a", "b", "c"], ["b", "a", "c"], ["c", "b", "a"]],
    "confidence": ["a", "c"],
}


def run_node(script: str, *files: str) -> Any:
    sources = "\n".join((RUNTIME / name).read_text() for name in files)
    program = "globalThis.window = globalThis;\n" + sources + "\n" + script
    completed = subprocess.run([NODE, "-e", program], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(completed.stdout)


def python_score(question_id: str, response: Any) -> float | None:
    question = QUIZ.question(question_id)
    try:
        return QUESTION_TYPES[question.type].score(question, response).score
    except ValueError:  # ResponseError: the app refuses the response outright
        return None


def test_the_runtime_scores_every_response_as_the_app_does() -> None:
    cases = [(qid, response) for qid, responses in RESPONSES.items() for response in responses]
    questions = {q.id: question_data(q, QUIZ.id, ExportOptions()) for q in QUESTIONS}
    script = f"""
      const questions = {json.dumps(questions)};
      const cases = {json.dumps(cases)};
      console.log(JSON.stringify(cases.map(([id, response]) => {{
        const outcome = ElearnScoring.score(questions[id], response);
        return [outcome.earned, ElearnScoring.formatResponse(questions[id], response)];
      }})));
    """
    results = run_node(script, "scoring.js")
    compared = 0
    for (question_id, response), (earned, formatted) in zip(cases, results, strict=True):
        expected = python_score(question_id, response)
        if expected is None:  # refused by the app; the runtime's form cannot produce it, and scores 0
            assert earned == 0, (question_id, response)
            continue
        compared += 1
        assert earned == pytest.approx(expected), (question_id, response)
        question = QUIZ.question(question_id)
        assert (
            formatted == QUESTION_TYPES[question.type].format_response(question, response)
            or question.type == "numeric"
        ), (question_id, response)
    assert compared >= 30


def test_competency_scores_weigh_questions_like_the_app() -> None:
    questions = [question_data(q, QUIZ.id, ExportOptions()) for q in QUESTIONS[:2]]
    script = f"""
      const questions = {json.dumps(questions)};
      const results = [{{earned: 1}}, {{earned: 1}}];  // right, then half of the two points
      const competencies = [{{id: "call-opening"}}, {{id: "rapport"}}, {{id: "unused"}}];
      console.log(JSON.stringify(ElearnScoring.competencyScores(questions, results, competencies, 0.8)));
    """
    scores = {c["id"]: c for c in run_node(script, "scoring.js")}
    assert scores["call-opening"]["scaled"] == pytest.approx((1 + 1 * 2) / (1 + 2 * 2))
    assert scores["rapport"]["scaled"] == pytest.approx(0.5)
    assert scores["rapport"]["passed"] is False
    assert scores["unused"]["scaled"] is None


def test_suspend_data_degrades_by_dropping_detail_never_by_cutting() -> None:
    script = """
      const answers = Array.from({length: 60}, (_, i) => "a long free-text answer number " + i);
      const state = {l: 7, p: "1".repeat(40), a: 1, s: "failed",
                     q: {d: answers.map((_, i) => i), e: answers.map(() => [1, "c"]), r: answers}};
      const out = [4096, 900, 120, 20].map((limit) => {
        const text = ElearnSuspend.encode(state, limit);
        return {limit, length: text.length, state: ElearnSuspend.decode(text)};
      });
      out.push({damaged: ElearnSuspend.decode('{"v":1,"l":'), foreign: ElearnSuspend.decode("slide=4")});
      console.log(JSON.stringify(out));
    """
    full, mid, small, tiny, odd = run_node(script, "suspend.js")
    for case in (full, mid, small, tiny):
        assert case["length"] <= case["limit"]
        assert case["state"]["v"] == 1 and case["state"]["l"] == 7  # always parses, place always kept
    assert len(full["state"]["q"]["r"]) == 60  # everything fits in 4,096
    assert "r" not in mid["state"]["q"] and len(mid["state"]["q"]["e"]) == 60  # answer detail dropped first
    assert "q" not in small["state"] and small["state"]["p"] == "1" * 40
    assert "p" not in tiny["state"]
    assert odd == {"damaged": None, "foreign": None}


def test_scorm12_patterns_are_converted_from_the_2004_syntax() -> None:
    script = """
      const c = window.ElearnTracker.pattern12;
      console.log(JSON.stringify([c("choice", "a[,]b"), c("true-false", "false"),
        c("fill-in", "{case_matters=false}Kestrel Home"), c("numeric", "25[:]35"),
        c("matching", "a[.]x[,]b[.]y"),
        c("sequencing", "c[,]a[,]b"), c("fill-in", "x".repeat(300)).length]));
    """
    converted = run_node(script, "scorm-api.js", "suspend.js", "scorm12.js")
    assert converted == ["a,b", "f", "Kestrel Home", "30", "a.x,b.y", "c,a,b", 255]


def test_the_scorm12_tracker_tolerates_an_lms_without_interactions_or_objectives() -> None:
    question = question_data(QUESTIONS[0], QUIZ.id, ExportOptions())
    script = f"""
      const sets = [];
      let lastError = 0;
      const unsupported = (element) => /^cmi\\.(interactions|objectives)/.test(element);
      window.API = {{
        LMSInitialize: () => "true", LMSFinish: () => "true", LMSCommit: () => "true",
        LMSGetLastError: () => String(lastError),
        LMSGetValue: (element) => {{
          lastError = unsupported(element) ? 401 : 0;
          return element === "cmi.core.lesson_status" ? "not attempted" : "";
        }},
        LMSSetValue: (element, value) => {{
          lastError = unsupported(element) ? 401 : 0;
          if (!lastError) sets.push([element, value]);
          return lastError ? "false" : "true";
        }},
      }};
      const pkg = {{ quiz: {{ questions: [{json.dumps(question)}] }}, statusMode: "passed-failed",
                     suspendDataLimit: 4096 }};
      const tracker = ElearnTracker.create(pkg);
      const summary = {{ page: 3, status: "passed", attemptsLeft: 2, scaled: 1, completed: true,
                         sessionSeconds: 65.5, suspendData: () => "{{}}" }};
      tracker.start().then(() => {{
        tracker.update(summary, {{ kind: "answer", question: pkg.quiz.questions[0], formatted: "a",
                                    result: "correct", latencySeconds: 2, timestamp: new Date() }});
        tracker.update(summary, {{ kind: "result", competencies: [{{ objectiveId: "competency-x", scaled: 1,
                                    passed: true }}] }});
        tracker.finish(summary);
        console.log(JSON.stringify({{ sets, errors: tracker.errors }}));
      }});
    """
    outcome = run_node(script, "scorm-api.js", "suspend.js", "scorm12.js")
    final = dict(outcome["sets"])
    assert final["cmi.core.lesson_status"] == "passed"
    assert final["cmi.core.score.raw"] == "100"
    assert final["cmi.core.session_time"] == "0000:01:05.50"
    assert final["cmi.core.exit"] == ""
    assert not any(name.startswith(("cmi.interactions", "cmi.objectives")) for name in final)
    # The LMS said "not implemented" to the optional elements it lacks, and the package carried on.
    assert {e["code"] for e in outcome["errors"]} == {401}


STATUS_CASES = [
    # mode, quiz status, attempts left, completed -> cmi.core.lesson_status
    ("passed-failed", "passed", 2, True, "passed"),
    ("passed-failed", "failed", 2, False, "incomplete"),
    ("passed-failed", "failed", 0, False, "failed"),
    ("passed-failed", None, 3, False, "incomplete"),
    ("completed-incomplete", "passed", 2, True, "completed"),
    ("completed-incomplete", "failed", 0, False, "incomplete"),
]


@pytest.mark.parametrize(("mode", "status", "left", "completed", "expected"), STATUS_CASES)
def test_scorm12_lesson_status_follows_the_status_mode(
    mode: str, status: str | None, left: int, completed: bool, expected: str
) -> None:
    api = """window.API = { LMSInitialize: () => "true", LMSCommit: () => "true", LMSGetLastError: () => "0",
      LMSGetValue: () => "",
      LMSSetValue: (element, value) => { sets.push([element, value]); return "true"; } };"""
    pkg = json.dumps({"quiz": {"questions": []}, "statusMode": mode, "suspendDataLimit": 4096})
    summary = json.dumps(
        {"page": 3, "status": status, "attemptsLeft": left, "scaled": None, "completed": completed}
    )
    script = f"""
      const sets = [];
      {api}
      const tracker = ElearnTracker.create({pkg});
      tracker.start().then(() => {{
        tracker.update({{ ...{summary}, suspendData: () => "{{}}" }}, {{ kind: "state" }});
        console.log(JSON.stringify(sets.filter(([name]) => name === "cmi.core.lesson_status").pop()[1]));
      }});
    """
    assert run_node(script, "scorm-api.js", "suspend.js", "scorm12.js") == expected


def test_the_review_after_submitting_follows_the_quiz_review_policy() -> None:
    questions = [question_data(q, QUIZ.id, ExportOptions()) for q in QUESTIONS[:6]]
    responses = ["b", ["a", "b"], True, "kestrel home", "31", {"a": "x", "b": "z"}]
    script = f"""
      const questions = {json.dumps(questions)};
      const responses = {json.dumps(responses)};
      const results = questions.map((q, i) => ElearnScoring.score(q, responses[i]));
      const out = {{}};
      for (const [name, review, passed, left] of [["none", "none", true, 0], ["score", "score", true, 0],
          ["responses", "responses", true, 0], ["answers", "answers", false, 0],
          ["answersWhileLeft", "answers", false, 2], ["answersUnlimited", "answers", false, Infinity],
          ["always", "answers-always", false, 2],
          ["beforePass", "answers-after-pass", false, 2], ["afterPass", "answers-after-pass", true, 2]]) {{
        out[name] = ElearnReview.items(review, passed, questions, responses, results, left);
      }}
      console.log(JSON.stringify(out));
    """
    out = run_node(script, "scoring.js", "review.js")
    assert out["none"] == out["score"] == []
    first = out["responses"][0]
    assert (first["response"], first["verdict"], first["answer"]) == ("Account number", "Not right", None)
    answers = out["answers"]
    assert answers[0]["answer"] == "Greeting & name"
    assert answers[2]["response"] == "True" and answers[2]["answer"] == "False"
    assert answers[3]["verdict"] == "Right" and answers[3]["answer"] == "Kestrel Home"
    assert answers[4]["answer"] == "30 (± 5)"
    assert answers[5]["response"] == "Hello → Greeting; How can I help? → Closing"
    assert answers[5]["answer"] == "Hello → Greeting; How can I help? → Invitation"
    assert out["beforePass"][0]["answer"] is None and out["afterPass"][0]["answer"] == "Greeting & name"
    # "answers" keeps the key back while attempts remain (and forever with no limit); "answers-always" not
    assert out["answersWhileLeft"][0]["answer"] is None and out["answersUnlimited"][0]["answer"] is None
    assert out["answersWhileLeft"][0]["response"] == "Account number"
    assert out["always"][0]["answer"] == "Greeting & name"
