"""Insight benchmark: the lead's team dashboard and a quiz's item analysis on a large record store.

    ELEARN_BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/empty_db \\
        .venv/bin/python benchmarks/insight_bench.py
    .venv/bin/python benchmarks/insight_bench.py --statements 100000 --attempts 2000   # a quicker run

Builds, with bulk inserts (a benchmark, not a test of ingest: see mentor_bench.py and lrs_bench.py for
that), the sample content, a team of 300 learners with six weeks of mastery evidence, follow-ups and two
team assignments, and 1,000,000 statements: 10,000 attempts at one quiz (its ``answered`` statements, as
the app sends them and, for one attempt in five, as an exported cmi5 package does) and the rest ordinary
learning statements of the same learners. Statements go in through the record store's own bulk insert,
with the answer rows its ingest hook keeps for them.
Then it times, through the app's routes (rendered pages, signed in):

- the lead's team dashboard, GET /mentoring/team: target p95 <= 100 ms;
- the item analysis of the quiz, GET /insight/quizzes/<quiz>/v1: target <= 1 s.

Before timing it freezes the objects built so far, as each gunicorn worker does after loading the app
(``--no-freeze`` leaves them to the garbage collector), and it reports the full collections it saw.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select  # noqa: E402

import courses  # noqa: E402
from app import create_app, migrate  # noqa: E402
from app.accounts import create_user  # noqa: E402
from app.accounts.models import Role, User  # noqa: E402
from app.database import get_db  # noqa: E402
from app.insight.items import analyse_quiz  # noqa: E402
from app.learner import catalog  # noqa: E402
from app.mentoring.progress import learner_key  # noqa: E402
from app.mentoring.relationships import enrol_mentee, enrol_mentor, match  # noqa: E402
from assessments.answer_store import record_answers  # noqa: E402
from assessments.evidence import EvidenceItem  # noqa: E402
from assessments.item_responses import UNSCORED  # noqa: E402
from assessments.mastery_store import record_evidence  # noqa: E402
from assessments.model import Question  # noqa: E402
from assessments.progress import assign_to_team  # noqa: E402
from assessments.question_types import QUESTION_TYPES  # noqa: E402
from assessments.recorded_answers import answer_of  # noqa: E402
from assessments.store import Attempt  # noqa: E402
from learning_record_store.shaping import index_keys  # noqa: E402
from learning_record_store.storage import insert_statements, write_position  # noqa: E402
from learning_record_store.vocabulary import Verb  # noqa: E402

PASSWORD = "benchmark-password-long-enough"
HOME = "http://localhost"  # the test client's host: the activity base the app reads
QUIZ = "call-closing-quiz"
AUTHORITY = {"objectType": "Agent", "account": {"homePage": HOME, "name": "bench"}}
CONTENT = ROOT / "content"


def create_team(session: Any, count: int) -> tuple[list[tuple[int, str]], str]:
    """Insert the learners in bulk (one shared password hash) and a lead; return (id, uid)s, lead email."""
    lead = create_user(
        session, email="lead@bench.test", name="Lead", password=PASSWORD, roles=("lead",), team="Bench"
    )
    rows = [
        {
            "uid": str(uuid.uuid4()),
            "email": f"learner{i}@bench.test",
            "name": f"Learner {i:04d}",
            "password_hash": lead.password_hash,
            "team_id": lead.team_id,
            "is_active_account": True,
            "created_at": datetime.now(UTC),
        }
        for i in range(count)
    ]
    session.execute(insert(User), rows)
    users = session.execute(select(User.id, User.uid).where(User.email.like("learner%@bench.test"))).all()
    session.execute(insert(Role), [{"user_id": user_id, "name": "learner"} for user_id, _ in users])
    assign_to_team(session, team_id=lead.team_id, module_id="data-protection", due=datetime.now(UTC).date())
    assign_to_team(session, team_id=lead.team_id, module_id="call-opening", due=None)
    return [(user_id, uid) for user_id, uid in users], lead.email


def add_mentoring(session: Any, learners: list[tuple[int, str]], mentees: int) -> None:
    mentor = create_user(
        session, email="mentor@bench.test", name="Mentor", password=PASSWORD, roles=("mentor",), team="M"
    )
    enrol_mentor(session, mentor, capacity=mentees, strengths=[])
    for user_id, _uid in learners[:mentees]:
        mentee = session.get(User, user_id)
        enrol_mentee(session, mentee)
        match(session, mentor, mentee)


def add_evidence(app: Any, learners: list[tuple[int, str]], per_learner: int, rng: random.Random) -> int:
    """Six weeks of mastery evidence for every learner, folded by the mastery store as ingest would."""
    with get_db(app).transaction() as session:
        framework = catalog.get_framework(session)
        competencies = [c.id for c in framework.competencies]
        users = {u.id: u for u in session.scalars(select(User).where(User.id.in_([i for i, _ in learners])))}
    now = datetime.now(UTC)
    total = 0
    for chunk in range(0, len(learners), 50):
        items = []
        for user_id, _uid in learners[chunk : chunk + 50]:
            key = learner_key(users[user_id])
            skill = rng.random()
            for _ in range(per_learner):
                items.append(
                    EvidenceItem(
                        key,
                        rng.choice(competencies),
                        float(rng.random() < skill),
                        1.0,
                        now - timedelta(minutes=rng.randrange(42 * 24 * 60)),
                        str(uuid.uuid4()),
                        Verb.PASSED,
                        f"{HOME}/xapi/activities/quizzes/q",
                    )
                )
        items.sort(key=lambda item: item.at)
        with get_db(app).transaction() as session:
            total += record_evidence(session, items)
    return total


def answer_choices(question: Question) -> tuple[str, list[str]]:
    """A right response to the question and a few wrong ones, in the xAPI response format."""
    pattern = QUESTION_TYPES[question.type].correct_responses_pattern(question)[0]
    right = pattern.rsplit("}", 1)[-1]  # without a {case_matters=…} modifier
    if question.type in ("single", "multiple", "true-false"):
        correct = set(right.split("[,]"))
        ids = [c.id for c in question.choices] or ["true", "false"]
        return right, [c for c in ids if c not in correct]
    if question.type == "numeric":
        low, high = (float(part) for part in right.split("[:]"))
        return f"{(low + high) / 2:g}", [f"{high * 2:g}", f"{low / 4:g}"]
    if question.type == "fill-in":
        return right, ["hot transfer", "cold", ""]
    parts = right.split("[,]")
    if question.type == "matching":  # the same pairs in any order are right: wrong ones swap targets
        lefts, targets = zip(*(part.split("[.]") for part in parts), strict=True)
        swapped = [targets[1], targets[0], *targets[2:]]
        return right, ["[,]".join(f"{a}[.]{b}" for a, b in zip(lefts, swapped, strict=True))]
    return right, ["[,]".join(reversed(parts)), "[,]".join(parts[1:] + parts[:1])]  # out of order


def statements(
    learners: list[tuple[int, str]], total: int, attempts: int, questions: list[Question], rng: random.Random
) -> Any:
    """Yield (statement, attempt row or None): the quiz's attempts first, then other learning."""
    now = datetime.now(UTC)
    base = f"{HOME}/xapi/activities"
    made = 0
    numbers: dict[str, int] = {}
    answers = {q.id: answer_choices(q) for q in questions}
    for _ in range(attempts):
        _user_id, uid = rng.choice(learners)
        registration = str(uuid.uuid4())
        started = now - timedelta(minutes=rng.randrange(42 * 24 * 60))
        skill = rng.betavariate(4, 2)
        from_package = rng.random() < 0.2  # a cmi5 package: its own clock on each answer, no attempt row
        attempt = None
        if not from_package:
            numbers[uid] = numbers.get(uid, 0) + 1
            attempt = {
                "registration": registration,
                "learner_id": uid,
                "quiz_id": QUIZ,
                "quiz_version": 1,
                "number": numbers[uid],
                "question_ids": [q.id for q in questions],
                "choice_order": {},
                "started_at": started,
                "updated_at": started,
                "submitted_at": started + timedelta(minutes=5),
                "status": "submitted",
            }
        at = started
        for n, question in enumerate(questions):
            spent = 5 + rng.expovariate(1 / 25)
            at += timedelta(seconds=spent)
            right, wrong = answers[question.id]
            result = {"response": right if rng.random() < skill else rng.choice(wrong)}
            if from_package:
                result["duration"] = f"PT{spent:.2f}S"
            yield (
                _statement(
                    uid,
                    Verb.ANSWERED,
                    f"{base}/quizzes/{QUIZ}/questions/{question.id}",
                    registration,
                    at,
                    result,
                ),
                attempt if n == 0 else None,
            )
            made += 1
    while made < total:
        _user_id, uid = rng.choice(learners)
        module = rng.choice(["call-opening", "data-protection", "objection-handling", "difficult-callers"])
        yield (
            _statement(
                uid,
                Verb.EXPERIENCED,
                f"{base}/modules/{module}/pages/p{rng.randrange(12)}",
                None,
                now - timedelta(minutes=rng.randrange(42 * 24 * 60)),
                None,
            ),
            None,
        )
        made += 1


def _statement(
    uid: str, verb: str, activity: str, registration: str | None, at: datetime, result: dict[str, Any] | None
) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "account": {"homePage": HOME, "name": uid}},
        "verb": {"id": verb},
        "object": {"objectType": "Activity", "id": activity},
        "context": {"registration": registration} if registration else {},
        "timestamp": at.isoformat().replace("+00:00", "Z"),
        "stored": at.isoformat().replace("+00:00", "Z"),
        "authority": AUTHORITY,
        "version": "1.0.0",
    }
    if result is not None:
        statement["result"] = result
    return statement


def load_statements(app: Any, rows: Any, batch: int) -> int:
    """Insert statements (with their index and answer rows) and the attempts in bulk; return how many."""
    done, started = 0, time.perf_counter()
    pending: list[tuple[dict[str, Any], dict[str, Any] | None]] = []

    def flush() -> None:
        batch_statements = [statement for statement, _ in pending]
        with get_db(app).transaction() as session:
            keys = [index_keys(statement) for statement in batch_statements]
            last_pk = write_position(session).last_pk
            insert_statements(session, batch_statements, keys, set(), after_pk=last_pk)
            record_answers(session, [a for a in map(answer_of, batch_statements) if a is not None])
            attempts = [a for _, a in pending if a is not None]
            if attempts:
                session.execute(insert(Attempt), attempts)

    for pair in rows:
        pending.append(pair)
        if len(pending) >= batch:
            flush()
            done += len(pending)
            pending.clear()
            if done % (batch * 20) == 0:
                print(
                    f"  {done:>9,} statements  {done / (time.perf_counter() - started):8,.0f}/s", flush=True
                )
    if pending:
        flush()
        done += len(pending)
    return done


def signed_in(app: Any, email: str) -> Any:
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    response = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302, "could not sign in"
    return client


def time_get(client: Any, url: str, requests: int, expect: str) -> tuple[list[float], list[float]]:
    timings, cpu = [], []
    for _ in range(requests + 3):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200 and expect in response.get_data(as_text=True), url
    return timings[3:], cpu[3:]  # the first requests warm caches and templates


class FullCollections:
    """Count and time the full garbage collections (generation 2) while it is active."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._started = 0.0

    def __enter__(self) -> FullCollections:
        gc.callbacks.append(self._observe)
        return self

    def __exit__(self, *_exc: object) -> None:
        gc.callbacks.remove(self._observe)

    def _observe(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append((time.perf_counter() - self._started) * 1000)

    def summary(self) -> str:
        longest = f", longest {max(self.pauses):.1f} ms" if self.pauses else ""
        return f"{len(self.pauses)} full garbage collections{longest}"


def report(name: str, timings: list[float], cpu: list[float], target_ms: float, *, p95: bool) -> None:
    if p95:
        value = statistics.quantiles(timings, n=100)[94]
        cpu_value = statistics.quantiles(cpu, n=100)[94]
        label = "p95"
    else:
        value, cpu_value, label = statistics.median(timings), statistics.median(cpu), "median"
    print(
        f"{name} ({len(timings)} requests): p50 {statistics.median(timings):.1f} ms, {label} {value:.1f} ms, "
        f"max {max(timings):.1f} ms; CPU {label} {cpu_value:.1f} ms "
        f"(target {label} <= {target_ms:.0f} ms: {'met' if value <= target_ms else 'NOT met'})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--attempts", type=int, default=10_000)
    parser.add_argument("--evidence", type=int, default=60, help="mastery evidence per learner")
    parser.add_argument("--mentees", type=int, default=30)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--database", default=None, help="database URL (default: a SQLite file)")
    parser.add_argument("--existing", action="store_true", help="time a database an earlier run built")
    parser.add_argument(
        "--no-freeze", action="store_true", help="leave the start-up objects to the garbage collector"
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="elearn-insight-bench-"))
    url = args.database or os.environ.get("ELEARN_BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'b.sqlite3'}"
    app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": url, "SERVER_NAME": None})
    migrate.upgrade(get_db(app).engine)
    print(f"database: {get_db(app).engine.url.render_as_string(hide_password=True)}")
    rng = random.Random(15)
    if not args.existing:
        build(app, args, rng)
    time_pages(app, args)


def build(app: Any, args: Any, rng: random.Random) -> None:
    with app.app_context():
        with get_db(app).transaction() as session:
            assert courses.build_content(session, CONTENT).ok
            learners, _lead = create_team(session, args.learners)
            add_mentoring(session, learners, args.mentees)
            quiz = catalog.get_quiz(session, QUIZ).quiz
            questions = [q for q in quiz.questions if q.type not in UNSCORED]
        started = time.perf_counter()
        evidence = add_evidence(app, learners, args.evidence, rng)
        print(f"mastery evidence: {evidence:,} rows in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        count = load_statements(
            app, statements(learners, args.statements, args.attempts, questions, rng), args.batch
        )
        print(
            f"statements: {count:,} ({args.attempts:,} attempts at {QUIZ}, {len(questions)} judged questions "
            f"each) in {time.perf_counter() - started:.1f} s"
        )
        if get_db(app).engine.dialect.name == "postgresql":
            with get_db(app).engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")


def time_pages(app: Any, args: Any) -> None:
    if not args.no_freeze:
        # As each gunicorn worker does once it has loaded the app (deploy/gunicorn.conf.py).
        gc.collect()
        gc.freeze()
    lead_client = signed_in(app, "lead@bench.test")
    with FullCollections() as collections:
        timings, cpu = time_get(lead_client, "/mentoring/team", args.requests, "Competencies")
    report(f"team dashboard, {args.learners} learners", timings, cpu, 100, p95=True)
    print(f"  {collections.summary()} during those requests")
    with app.app_context(), get_db(app).transaction() as session:
        if session.scalar(select(User.id).where(User.email == "author@bench.test")) is None:
            create_user(
                session, email="author@bench.test", name="Author", password=PASSWORD, roles=("author",)
            )
    author = signed_in(app, "author@bench.test")
    timings, cpu = time_get(author, f"/insight/quizzes/{QUIZ}/v1", 5, "Cronbach")
    report(f"item analysis, {args.attempts:,} attempts", timings, cpu, 1000, p95=False)
    with app.app_context(), get_db(app).transaction() as session:
        stats = analyse_quiz(session, QUIZ, 1)[1]
    facilities = " ".join(f"{item.facility:.2f}" for item in stats.items if item.facility is not None)
    print(
        f"  analysed: {stats.attempts:,} attempts ({stats.complete_attempts:,} complete), "
        f"alpha {stats.alpha:.2f}, facility per question {facilities}"
    )
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (a shared machine)")


if __name__ == "__main__":
    main()
