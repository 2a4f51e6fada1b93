"""The learner's pages through the test client: My learning, the player, a quiz, results, statements."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask

import courses
from app.database import get_db
from assessments import attempts
from assessments.model import Quiz
from assessments.shown_ids import to_shown
from assessments.store import Attempt, ModuleProgress
from learning_record_store import query_statements
from tests.conftest import csrf_token_from

ADL = "http://adlnet.gov/expapi/verbs/"


def verbs(app: Flask, registration: str) -> list[str]:
    with get_db(app).transaction() as session:
        found = query_statements(session, registration=registration, limit=0)
    return [s["verb"]["id"].removeprefix(ADL) for s in reversed(found)]


def test_signed_in_learners_land_on_my_learning(learner_client: Any) -> None:
    assert learner_client.get("/").headers["Location"].endswith("/learn/")
    page = learner_client.get("/learn/").get_data(as_text=True)
    assert "My learning" in page and "Opening the call" in page
    assert re.search(r'class="minutes">10 min<', page)


def test_fits_in_filter(learner_client: Any) -> None:
    page = learner_client.get("/learn/?fits=10").get_data(as_text=True)
    catalogue = page.split('id="catalogue-heading"')[1]
    assert "Opening the call" in catalogue  # 10 minutes
    assert "Handling objections" not in catalogue  # 14 minutes
    assert "Handling objections" in learner_client.get("/learn/").get_data(as_text=True)
    assert "5 longer hidden" in page


def test_player_saves_the_position_and_completes(app: Flask, learner_client: Any) -> None:
    opened = learner_client.get("/learn/modules/call-opening")
    assert opened.headers["Location"].endswith("/learn/modules/call-opening/v1/1")
    page = learner_client.get("/learn/modules/call-opening/v1/3").get_data(as_text=True)
    assert "Page 3 of 6" in page and 'rel="prev"' in page and 'rel="next"' in page
    # coming back (any device) lands on the last page viewed
    assert learner_client.get("/learn/modules/call-opening").headers["Location"].endswith("/v1/3")
    for number in range(1, 7):
        last = learner_client.get(f"/learn/modules/call-opening/v1/{number}").get_data(as_text=True)
    assert "Take the quiz" in last
    with get_db(app).transaction() as session:
        row = session.query(ModuleProgress).one()
        assert row.pages_seen == list(range(6))
        assert row.completed_at is None  # the module requires its quiz to be passed
        registration = row.registration
    assert verbs(app, registration)[:4] == ["launched", "initialized", "experienced", "resumed"]
    assert learner_client.get("/learn/modules/call-opening/v1/7").status_code == 404


def start_quiz(client: Any, quiz_id: str, module: str | None = None) -> tuple[int, str]:
    overview = client.get(f"/learn/quizzes/{quiz_id}").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(overview)}
    if module:
        data["module"] = module
    started = client.post(f"/learn/quizzes/{quiz_id}/start", data=data)
    attempt_id = int(started.headers["Location"].rsplit("/", 1)[1])
    return attempt_id, client.get(f"/learn/attempts/{attempt_id}").get_data(as_text=True)


def save(client: Any, page: str, attempt_id: int, question_id: str, response: Any) -> Any:
    return client.post(
        f"/learn/attempts/{attempt_id}/answers/{question_id}",
        json={"response": response},
        headers={"X-CSRFToken": csrf_token_from(page)},
    )


def correct_answers(app: Flask, attempt_id: int) -> dict[str, Any]:
    """The right response to each drawn question, read from the compiled quiz (as a test oracle), in the
    ids the attempt's page shows."""
    with get_db(app).transaction() as session:
        attempt = session.get(Attempt, attempt_id)
        quiz = courses.get_quiz(session, attempt.quiz_id).quiz
        return {
            question_id: as_shown(attempt, quiz, question_id, ORACLE[quiz.question(question_id).type])
            for question_id in attempt.question_ids
        }


def as_shown(attempt: Attempt, quiz: Quiz, question_id: str, response: Any) -> Any:
    """A response in source ids (or a function of the question giving one), in the ids the page shows."""
    question = quiz.question(question_id)
    value = response(question) if callable(response) else response
    return to_shown(question, value, attempts.shown_ids(attempt, question_id))


def shown_answer(app: Flask, attempt_id: int, question_id: str, response: Any) -> Any:
    """A response written in source ids, translated into the ids of the attempt's page."""
    with get_db(app).transaction() as session:
        attempt = session.get(Attempt, attempt_id)
        quiz = courses.get_quiz(session, attempt.quiz_id, attempt.quiz_version).quiz
        return as_shown(attempt, quiz, question_id, response)


ORACLE = {
    "single": lambda q: next(c.id for c in q.choices if c.correct),
    "likert": lambda q: q.choices[0].id,
    "multiple": lambda q: [c.id for c in q.choices if c.correct],
    "true-false": lambda q: q.key["answer"],
    "fill-in": lambda q: q.key["answers"][0],
    "numeric": lambda q: q.key.get("answer", q.key.get("min")),
    "matching": lambda q: {c.id: c.match for c in q.choices},
    "ordering": lambda q: [c.id for c in q.choices],
    "essay": lambda q: (
        "I would acknowledge the caller's frustration first, then explain the next step clearly."
    ),
}


def test_a_quiz_end_to_end_with_statements(app: Flask, learner_client: Any) -> None:
    for number in range(1, 7):
        learner_client.get(f"/learn/modules/call-opening/v1/{number}")
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz", module="call-opening")
    for question_id, response in correct_answers(app, attempt_id).items():
        assert save(learner_client, page, attempt_id, question_id, response).get_json()["saved"] is True
    submitted = learner_client.post(
        f"/learn/attempts/{attempt_id}", data={"csrf_token": csrf_token_from(page), "action": "submit"}
    )
    assert submitted.headers["Location"].endswith(f"/learn/attempts/{attempt_id}/result")
    result = learner_client.get(f"/learn/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "✓ Passed" in result and "First pass" in result and "<svg" in result
    # review policy "answers": their own answers now, the key only after the last allowed attempt
    assert "Your answers" in result and "Correct answer:" not in result
    with get_db(app).transaction() as session:
        attempt = session.get(Attempt, attempt_id)
        assert attempt.passed and attempt.score_scaled == 1.0
        registration = attempt.registration
        module = session.query(ModuleProgress).one()
        assert module.completed_at is not None  # the pass completed the module
        module_registration = module.registration
    seen = verbs(app, registration)
    assert seen[:2] == ["launched", "initialized"] and seen[-3:] == ["completed", "passed", "terminated"]
    assert seen.count("answered") == len(correct_answers(app, attempt_id))
    assert verbs(app, module_registration)[-2:] == ["completed", "terminated"]


def test_the_form_alone_saves_and_submits(app: Flask, learner_client: Any) -> None:
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
    question_id = re.search(r'data-question="([^"]+)"', page).group(1)
    choice = re.search(rf'name="q\.{question_id}" value="([^"]+)"', page).group(1)
    left = learner_client.post(
        f"/learn/attempts/{attempt_id}",
        data={"csrf_token": csrf_token_from(page), "action": "leave", f"q.{question_id}": choice},
    )
    assert left.headers["Location"].endswith("/learn/")
    home = learner_client.get("/learn/").get_data(as_text=True)
    assert "Resume quiz" in home
    again = learner_client.get(f"/learn/attempts/{attempt_id}").get_data(as_text=True)
    assert re.search(rf'value="{choice}" checked', again)
    with get_db(app).transaction() as session:
        registration = session.get(Attempt, attempt_id).registration
    assert verbs(app, registration)[-3:] == ["answered", "suspended", "resumed"]


def test_double_submit_gives_one_graded_attempt(app: Flask, learner_client: Any) -> None:
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
    form = {"csrf_token": csrf_token_from(page), "action": "submit"}
    first = learner_client.post(f"/learn/attempts/{attempt_id}", data=form)
    second = learner_client.post(f"/learn/attempts/{attempt_id}", data=form)
    assert first.status_code == second.status_code == 302
    with get_db(app).transaction() as session:
        assert session.query(Attempt).count() == 1
        registration = session.get(Attempt, attempt_id).registration
    assert verbs(app, registration).count("failed") == 1


def test_attempts_limit_is_enforced(app: Flask, learner_client: Any) -> None:
    for _ in range(3):  # call-opening-quiz allows 3
        attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
        learner_client.post(
            f"/learn/attempts/{attempt_id}", data={"csrf_token": csrf_token_from(page), "action": "submit"}
        )
    overview = learner_client.get("/learn/quizzes/call-opening-quiz").get_data(as_text=True)
    assert "used every attempt" in overview
    refused = learner_client.post(
        "/learn/quizzes/call-opening-quiz/start",
        data={"csrf_token": csrf_token_from(overview)},
        follow_redirects=True,
    )
    assert "all 3 attempts" in refused.get_data(as_text=True)
    with get_db(app).transaction() as session:
        assert session.query(Attempt).count() == 3


def test_results_page_shows_standing(learner_client: Any) -> None:
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
    learner_client.post(
        f"/learn/attempts/{attempt_id}", data={"csrf_token": csrf_token_from(page), "action": "submit"}
    )
    standing = learner_client.get("/learn/results").get_data(as_text=True)
    assert 'role="img"' in standing and "Opening the call" in standing
    assert re.search(r"<desc>[^<]*0%", standing)


def test_module_media_is_served_with_the_page(learner_client: Any) -> None:
    learner_client.get("/learn/modules/active-listening")
    pages = [
        learner_client.get(f"/learn/modules/active-listening/v1/{n}").get_data(as_text=True)
        for n in range(1, 7)
    ]
    image = next(page for page in pages if "listening-loop.svg" in page)
    assert 'src="media/listening-loop.svg"' in image  # relative to the page's URL
    served = learner_client.get("/learn/modules/active-listening/v1/media/listening-loop.svg")
    assert served.status_code == 200 and served.mimetype == "image/svg+xml"
    assert served.data.lstrip().startswith(b"<")
    assert "sandbox" in served.headers["Content-Security-Policy"]
    assert learner_client.get("/learn/modules/active-listening/v1/media/nope.svg").status_code == 404


def test_a_failed_quiz_brings_recommendations_for_its_competencies(learner_client: Any) -> None:
    before = learner_client.get("/learn/").get_data(as_text=True).split('id="recommended-heading"')[1]
    assert "Take a quiz" in before.split("</section>")[0]
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
    learner_client.post(
        f"/learn/attempts/{attempt_id}", data={"csrf_token": csrf_token_from(page), "action": "submit"}
    )
    after = learner_client.get("/learn/").get_data(as_text=True).split('id="recommended-heading"')[1]
    assert "Opening the call" in after.split("</section>")[0]


def test_team_assignments_show_under_assigned_to_me(
    app: Flask, client: Any, auth: Any, published: None
) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["assign", "Blue team", "data-protection", "--due", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert "due 2026-12-01" in result.output
    assert runner.invoke(args=["assign", "Blue team", "no-such-module"]).exit_code != 0
    auth.login_as("learner", team="Blue team")
    page = client.get("/learn/").get_data(as_text=True)
    assigned = page.split('id="assigned-heading"')[1].split("</section>")[0]
    assert "Data protection on calls" in assigned and "Due 1 Dec 2026" in assigned and "your team" in assigned
    auth.logout()
    auth.login_as("learner", team="Red team")
    other = (
        client.get("/learn/").get_data(as_text=True).split('id="assigned-heading"')[1].split("</section>")[0]
    )
    assert "Nothing is assigned to you" in other


def pass_quiz(app: Flask, client: Any, quiz_id: str) -> None:
    attempt_id, page = start_quiz(client, quiz_id)  # from the quiz overview, not from the module
    for question_id, response in correct_answers(app, attempt_id).items():
        save(client, page, attempt_id, question_id, response)
    client.post(
        f"/learn/attempts/{attempt_id}", data={"csrf_token": csrf_token_from(page), "action": "submit"}
    )


def module_completed(app: Flask) -> bool:
    with get_db(app).transaction() as session:
        return session.query(ModuleProgress).one().completed_at is not None


def test_a_quiz_passed_before_the_last_page_completes_the_module_there(
    app: Flask, learner_client: Any
) -> None:
    for number in range(1, 6):
        learner_client.get(f"/learn/modules/call-opening/v1/{number}")
    pass_quiz(app, learner_client, "call-opening-quiz")
    assert not module_completed(app)  # one page is still unread
    assert "Module complete" in learner_client.get("/learn/modules/call-opening/v1/6").get_data(as_text=True)
    assert module_completed(app)


def test_a_quiz_passed_after_every_page_completes_the_module(app: Flask, learner_client: Any) -> None:
    for number in range(1, 7):
        learner_client.get(f"/learn/modules/call-opening/v1/{number}")
    assert not module_completed(app)
    pass_quiz(app, learner_client, "call-opening-quiz")
    assert module_completed(app)


def test_statements_name_the_learner_the_interaction_and_the_context(app: Flask, learner_client: Any) -> None:
    learner_client.get("/learn/modules/call-opening")
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz", module="call-opening")
    save(learner_client, page, attempt_id, "no-leading-questions", False)
    with get_db(app).transaction() as session:
        registration = session.get(Attempt, attempt_id).registration
        statements = query_statements(session, registration=registration, limit=0)
    answered = next(s for s in statements if s["verb"]["id"] == ADL + "answered")
    assert answered["actor"]["account"]["name"] == learner_client.user.uid
    assert answered["result"]["response"] == "false" and "success" not in answered["result"]
    definition = answered["object"]["definition"]
    assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
    assert definition["interactionType"] == "true-false" and definition["correctResponsesPattern"] == [
        "false"
    ]
    context = answered["context"]
    assert context["registration"] == registration
    assert context["contextActivities"]["parent"][0]["id"].endswith("/xapi/activities/modules/call-opening")
    assert context["contextActivities"]["grouping"][0]["id"].endswith("/courses/curriculum")
    competencies = context["extensions"]["https://elearn.example/xapi/extensions/competencies"]
    assert competencies == [{"id": "identity-verification", "weight": 1.0}]


def test_a_quiz_taken_on_its_own_has_no_parent_module(app: Flask, learner_client: Any) -> None:
    attempt_id, _page = start_quiz(learner_client, "call-opening-quiz")
    with get_db(app).transaction() as session:
        registration = session.get(Attempt, attempt_id).registration
        statements = query_statements(session, registration=registration, limit=0)
    assert statements and all("parent" not in s["context"].get("contextActivities", {}) for s in statements)


def test_an_attempt_awaiting_essay_review_is_neither_passed_nor_failed(
    app: Flask, learner_client: Any
) -> None:
    attempt_id, page = start_quiz(learner_client, "difficult-callers-quiz")
    with get_db(app).transaction() as session:
        attempt = session.get(Attempt, attempt_id)
        quiz = courses.get_quiz(session, "difficult-callers-quiz").quiz
        essay = next(qid for qid in attempt.question_ids if quiz.question(qid).type == "essay")
        registration = attempt.registration
    save(learner_client, page, attempt_id, essay, "I would let the caller finish, then say I understand why.")
    learner_client.post(
        f"/learn/attempts/{attempt_id}", data={"csrf_token": csrf_token_from(page), "action": "submit"}
    )
    result = learner_client.get(f"/learn/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "awaiting review by a mentor" in result and "Awaiting review" in result
    assert "once a mentor has reviewed" in result and "Not passed" not in result
    seen = verbs(app, registration)
    assert seen[-2:] == ["completed", "terminated"] and "passed" not in seen and "failed" not in seen


def test_untouched_questions_stay_unanswered_but_an_emptied_one_is_saved(
    app: Flask, learner_client: Any
) -> None:
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
    token = csrf_token_from(page)
    first = shown_answer(app, attempt_id, "idv-second-factors", ["a"])[0]
    fields = {"q.idv-second-factors": first, "q.idv-second-factors.present": "1"}
    learner_client.post(
        f"/learn/attempts/{attempt_id}/answers/idv-second-factors",
        data=fields,
        headers={"X-CSRFToken": token},
    )
    with get_db(app).transaction() as session:
        assert session.get(Attempt, attempt_id).responses[0].value == {"response": ["a"]}
    learner_client.post(
        f"/learn/attempts/{attempt_id}/answers/idv-second-factors",
        data={"q.idv-second-factors.present": "1"},
        headers={"X-CSRFToken": token},
    )
    form = {"csrf_token": token, "action": "leave", "q.greeting-content.present": "1"}
    learner_client.post(f"/learn/attempts/{attempt_id}", data=form)
    with get_db(app).transaction() as session:
        saved = {r.question_id: r.value["response"] for r in session.get(Attempt, attempt_id).responses}
    assert saved == {"idv-second-factors": []}
