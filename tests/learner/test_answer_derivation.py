"""No rule computable from the attempt page scores better than chance, for every question type.

A learner who never reads the questions can still read the page: the ids and values of the inputs, their
order, their data attributes. Each rule below turns those into answers (the first listed, id or value order,
data-attribute order, position k to position k …). Many attempts are rendered and every rule's answers are
scored by the server's own mapping; the mean score of each rule must stay within a Hoeffding bound of what
chance gives. The quiz puts the right choice first, as authors tend to write it, and shuffles choices.

True-false questions always list True before False, whatever the answer: the two questions (one true, one
false) render the same form, so every rule gets exactly one of the two right. Likert is not scored: its rules
aim at the lowest point of the scale through the ids alone (the order of a scale is its meaning). Free-text
types have nothing to derive: no value or attribute on the page may score at all.
"""

from __future__ import annotations

import math
import random
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from flask import Flask

import courses
from app.database import get_db
from app.learner import catalog, checks
from assessments import attempts
from assessments.attempt_errors import InvalidResponseError
from assessments.model import Question, Quiz
from assessments.question_types import QUESTION_TYPES, ResponseError
from assessments.shown_ids import to_source
from assessments.store import Attempt, ModuleProgress
from tests.conftest import csrf_token_from

CONTENT = Path(__file__).parent / "derivation"
QUIZ = "derivation-quiz"
MODULE = "derivation"
ATTEMPTS = 60
ALPHA = 1e-4  # chance of a false alarm for one rule and one type
MARGIN = math.sqrt(math.log(1 / ALPHA) / (2 * ATTEMPTS))  # Hoeffding: P(mean - chance > MARGIN) <= ALPHA
# What a uniformly random answer scores: one of four choices; two of five (all or nothing); four steps in
# order (one of 24); matching with partial credit (each of four premises right one time in four); true-false
# one in two; one of five scale points; free text never.
CHANCE = {
    "single": 1 / 4,
    "multiple": 1 / math.comb(5, 2),
    "true-false": 1 / 2,
    "ordering": 1 / 24,
    "matching": 1 / 4,
    "likert": 1 / 5,
    "fill-in": 0.0,
    "numeric": 0.0,
    "essay": 0.0,
}


@dataclass(frozen=True, slots=True)
class Shown:
    """One choice, step, premise or target as the page shows it."""

    value: str
    position: int
    data: tuple[tuple[str, str], ...]


@dataclass
class FormQuestion:
    question_id: str
    items: list[Shown]  # radio or checkbox values; steps or premises (named selects)
    targets: list[Shown]  # the options of a matching select
    tokens: set[str] = field(default_factory=set)  # every attribute value in the question's markup


def _data(element: Any) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, v) for k, v in element.attrib.items() if k.startswith("data-")))


def read_form(fieldset: Any, question_id: str) -> FormQuestion:
    prefix = f"q.{question_id}."
    inputs = fieldset.xpath(".//input[@type='radio' or @type='checkbox']")
    items = [Shown(el.get("value"), n, _data(el)) for n, el in enumerate(inputs)]
    selects = fieldset.xpath(".//select")
    if selects:
        items = [Shown(el.get("name")[len(prefix) :], n, _data(el)) for n, el in enumerate(selects)]
    options = selects[0].xpath("./option[@value!='']") if selects else []
    targets = [Shown(el.get("value"), n, _data(el)) for n, el in enumerate(options)]
    tokens = {value for el in fieldset.iter() for value in el.attrib.values()}
    return FormQuestion(question_id, items, targets, tokens)


def numeric_or_text(value: str) -> tuple[float, str]:
    try:
        return (float(value), value)
    except ValueError:
        return (math.inf, value)


# Each rule orders what the page lists, from the page alone.
ORDERS: dict[str, Callable[[list[Shown]], list[Shown]]] = {
    "first listed": lambda shown: shown,
    "last listed": lambda shown: shown[::-1],
    "id order": lambda shown: sorted(shown, key=lambda s: s.value),
    "reverse id order": lambda shown: sorted(shown, key=lambda s: s.value, reverse=True),
    "value order": lambda shown: sorted(shown, key=lambda s: numeric_or_text(s.value)),
    "data-attribute order": lambda shown: sorted(shown, key=lambda s: (s.data, s.value)),
    "length order": lambda shown: sorted(shown, key=lambda s: (len(s.value), s.value)),
}
BY_IDS_ALONE = ("id order", "reverse id order", "value order", "data-attribute order", "length order")


def derive(question: Question, form: FormQuestion, order: Callable[[list[Shown]], list[Shown]]) -> Any:
    """The answer a rule gives for one question: the k-th item in the rule's order where one is asked for."""
    items = [s.value for s in order(form.items)]
    if question.type in ("single", "likert", "true-false"):
        return items[0]
    if question.type == "multiple":
        return items[: sum(c.correct for c in question.choices)]  # told how many: the strongest rule
    if question.type == "ordering":
        return items
    if question.type == "matching":
        return dict(zip(items, [s.value for s in order(form.targets)], strict=False))
    raise AssertionError(question.type)


def score(question: Question, response: Any, ids: Any) -> float:
    """The share of the points the server gives this response (0 for one it refuses)."""
    try:
        source = to_source(question, response, ids)
        outcome = QUESTION_TYPES[question.type].score(question, source)
    except (ResponseError, InvalidResponseError):
        return 0.0
    if question.type == "likert":  # unscored: a hit is the lowest point of the scale
        return float(source == question.choices[0].id)
    return outcome.score / outcome.max_score if outcome.max_score and outcome.correct is not None else 0.0


def best_token(question: Question, form: FormQuestion, ids: Any) -> float:
    """Free text: the best score of any attribute value found in the question's markup."""
    return max((score(question, token, ids) for token in form.tokens), default=0.0)


class Tally:
    """Per question type and rule, one sample per attempt: the mean score over that type's questions."""

    def __init__(self) -> None:
        self.samples: dict[tuple[str, str], list[float]] = defaultdict(list)

    def add(self, quiz_or_checks: list[tuple[Question, FormQuestion, Any]]) -> None:
        per_type: dict[tuple[str, str], list[float]] = defaultdict(list)
        for question, form, ids in quiz_or_checks:
            if question.type in ("fill-in", "numeric", "essay"):
                per_type[(question.type, "any value")].append(best_token(question, form, ids))
                continue
            for rule, order in ORDERS.items():
                if question.type == "likert" and rule not in BY_IDS_ALONE:
                    continue
                per_type[(question.type, rule)].append(score(question, derive(question, form, order), ids))
        for key, values in per_type.items():
            self.samples[key].append(sum(values) / len(values))

    def above_chance(self) -> list[str]:
        found = []
        for (qtype, rule), values in sorted(self.samples.items()):
            mean, chance = sum(values) / len(values), CHANCE[qtype]
            limit = 0.0 if chance == 0 else chance + MARGIN
            if mean > limit:
                found.append(f"{qtype} / {rule}: {mean:.3f} > {limit:.3f} over {len(values)} samples")
        return found


@pytest.fixture
def seeded(monkeypatch: pytest.MonkeyPatch) -> random.Random:
    """Draws from a fixed seed, so the run is the same every time (production draws from the OS)."""
    rng = random.Random(20261207)
    monkeypatch.setattr(attempts, "DRAWS", rng)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=rng.getrandbits(128), version=4))
    return rng


@pytest.fixture
def derivation_client(app: Flask, client: Any, auth: Any, seeded: random.Random) -> Any:
    with get_db(app).transaction() as session:
        report = courses.build_content(session, CONTENT)
        assert report.ok, [str(d) for d in report.errors]
    client.user = auth.login_as("learner")
    return client


def fieldsets(page: str) -> dict[str, Any]:
    tree = lxml.html.fromstring(page)
    return {fs.get("data-question"): fs for fs in tree.xpath("//fieldset[@data-question]")}


def take_attempt(app: Flask, client: Any, quiz: Quiz) -> tuple[list[tuple[Question, FormQuestion, Any]], int]:
    overview = client.get(f"/learn/quizzes/{QUIZ}").get_data(as_text=True)
    started = client.post(f"/learn/quizzes/{QUIZ}/start", data={"csrf_token": csrf_token_from(overview)})
    attempt_id = int(started.headers["Location"].rsplit("/", 1)[1])
    page = client.get(f"/learn/attempts/{attempt_id}").get_data(as_text=True)
    with get_db(app).transaction() as session:
        attempt = session.get(Attempt, attempt_id)
        shown = {qid: attempts.shown_ids(attempt, qid) for qid in attempt.question_ids}
    questions = [(quiz.question(qid), read_form(fs, qid), shown[qid]) for qid, fs in fieldsets(page).items()]
    return questions, attempt_id


def test_no_rule_from_the_attempt_page_beats_chance(app: Flask, derivation_client: Any) -> None:
    client = derivation_client
    with get_db(app).transaction() as session:
        quiz = courses.get_quiz(session, QUIZ).quiz
    tally = Tally()
    for number in range(ATTEMPTS):
        questions, attempt_id = take_attempt(app, client, quiz)
        assert len(questions) == len(quiz.questions)
        tally.add(questions)
        rule = list(ORDERS)[number % len(ORDERS)]
        submit_rule(app, client, attempt_id, questions, rule)
    assert len(tally.samples) == 7 * 5 + 5 + 3  # every type with each of its rules
    assert tally.above_chance() == []


def submit_rule(
    app: Flask, client: Any, attempt_id: int, questions: list[tuple[Question, FormQuestion, Any]], rule: str
) -> None:
    """Save one rule's answers through the page's own endpoints, submit, and check the server's scores
    agree with the scores the tally counted."""
    token = csrf_token_from(client.get("/learn/").get_data(as_text=True))
    expected = {}
    for question, form, ids in questions:
        if question.type in ("fill-in", "numeric", "essay"):
            continue
        if question.type == "likert" and rule not in BY_IDS_ALONE:
            continue
        answer = derive(question, form, ORDERS[rule])
        saved = client.post(
            f"/learn/attempts/{attempt_id}/answers/{question.id}",
            json={"response": answer},
            headers={"X-CSRFToken": token},
        )
        assert saved.status_code == 200, saved.get_data(as_text=True)[:200]
        expected[question.id] = score(question, answer, ids)
    client.post(f"/learn/attempts/{attempt_id}", data={"csrf_token": token, "action": "submit"})
    with get_db(app).transaction() as session:
        attempt = session.get(Attempt, attempt_id)
        assert attempt.submitted_at is not None
        stored = {r.question_id: r for r in attempt.responses}
        for question_id, share in expected.items():
            row = stored[question_id]
            question = next(q for q, _form, _ids in questions if q.id == question_id)
            if question.type == "likert":
                assert share == float(row.value["response"] == question.choices[0].id)
            else:
                assert share == pytest.approx((row.score or 0.0) / question.points)


def test_true_false_renders_the_same_form_whatever_the_answer(app: Flask, derivation_client: Any) -> None:
    with get_db(app).transaction() as session:
        quiz = courses.get_quiz(session, QUIZ).quiz
    questions, _attempt_id = take_attempt(app, derivation_client, quiz)
    forms = {q.id: form for q, form, _ids in questions}
    true_form, false_form = forms["tf-true-q"], forms["tf-false-q"]
    assert [s.value for s in true_form.items] == [s.value for s in false_form.items] == ["true", "false"]
    assert {t.replace("tf-true-q", "X") for t in true_form.tokens} == {
        t.replace("tf-false-q", "X") for t in false_form.tokens
    }


def open_checks(app: Flask, client: Any) -> list[tuple[Question, FormQuestion, Any]]:
    """A fresh registration of the module (as a new learner gets) and its page of checks."""
    with get_db(app).transaction() as session:
        session.query(ModuleProgress).delete()
    client.get(f"/learn/modules/{MODULE}")
    page = client.get(f"/learn/modules/{MODULE}/v1/1").get_data(as_text=True)
    tree = lxml.html.fromstring(page)
    with app.app_context(), get_db(app).transaction() as session:
        module = catalog.get_module(session, MODULE, 1)
        progress = session.query(ModuleProgress).one()
        found = []
        for form in tree.xpath("//form[@data-check]"):
            question = checks.find_check(module, form.get("data-check"))
            found.append((question, read_form(form, question.id), checks.shown_ids(question, progress)))
        return found


def test_no_rule_from_a_page_of_knowledge_checks_beats_chance(app: Flask, derivation_client: Any) -> None:
    client = derivation_client
    tally = Tally()
    for number in range(ATTEMPTS):
        found = open_checks(app, client)
        assert sorted(q.type for q, _form, _ids in found) == ["matching", "ordering"]
        tally.add(found)
        if number % 10 == 0:  # the server's own verdict agrees with the tally
            token = csrf_token_from(client.get("/learn/").get_data(as_text=True))
            question, form, ids = found[0]
            answer = derive(question, form, ORDERS["id order"])
            checked = client.post(
                f"/learn/modules/{MODULE}/v1/checks/{question.id}",
                json={"response": answer},
                headers={"X-CSRFToken": token, "Accept": "application/json"},
            ).get_json()
            assert checked["correct"] is (score(question, answer, ids) == 1.0)
    assert tally.above_chance() == []
