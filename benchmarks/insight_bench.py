"""Insight benchmark: the lead's team dashboard and a quiz's item analysis on a large record store.

    ELEARN_BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/empty_db \\
        .venv/bin/python benchmarks/insight_bench.py
    .venv/bin/python benchmarks/insight_bench.py --statements 100000 --attempts 2000   # a quicker run

Builds, with bulk inserts (a benchmark, not a test of ingest: see mentor_bench.py and lrs_bench.py for
that), the sample content, a team of 300 learners with six weeks of mastery evidence, follow-ups and two
team assignments, and 1,000,000 statements: 10,000 attempts at one quiz (its ``answered`` statements, as
the app and exported packages send them) and the rest ordinary learning statements of the same learners.
Then it times, through the app's routes (rendered pages, signed in):

- the lead's team dashboard, GET /mentoring/team: target p95 <= 100 ms;
- the item analysis of the quiz, GET /insight/quizzes/<quiz>/v1: target <= 1 s.
"""

from __future__ import annotations

import argparse
import json
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
from app.learner import catalog  # noqa: E402
from app.mentoring.progress import learner_key  # noqa: E402
from app.mentoring.relationships import enrol_mentee, enrol_mentor, match  # noqa: E402
from assessments.evidence import EvidenceItem  # noqa: E402
from assessments.item_analysis import ItemSpec  # noqa: E402
from assessments.item_responses import item_specs  # noqa: E402
from assessments.mastery_store import record_evidence  # noqa: E402
from assessments.progress import assign_to_team  # noqa: E402
from assessments.store import Attempt  # noqa: E402
from learning_record_store.keys import agent_key  # noqa: E402
from learning_record_store.models import Statement, StatementIndex  # noqa: E402
from learning_record_store.shaping import index_keys  # noqa: E402
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


def _answer(spec: ItemSpec, skill: float, rng: random.Random) -> str:
    right = sorted(spec.correct_choice_ids)
    wrong = [c for c in spec.choice_ids if c not in spec.correct_choice_ids]
    if not spec.choice_ids:
        return "warm" if rng.random() < skill else "cold"
    if rng.random() < skill or not wrong:
        return "[,]".join(right)
    return rng.choice(wrong)


def statements(
    learners: list[tuple[int, str]], total: int, attempts: int, specs: list[ItemSpec], rng: random.Random
) -> Any:
    """Yield (statement, attempt row or None): the quiz's attempts first, then other learning."""
    now = datetime.now(UTC)
    base = f"{HOME}/xapi/activities"
    made = 0
    numbers: dict[str, int] = {}
    for _ in range(attempts):
        _user_id, uid = rng.choice(learners)
        registration = str(uuid.uuid4())
        numbers[uid] = numbers.get(uid, 0) + 1
        started = now - timedelta(minutes=rng.randrange(42 * 24 * 60))
        skill = rng.betavariate(4, 2)
        attempt = {
            "registration": registration,
            "learner_id": uid,
            "quiz_id": QUIZ,
            "quiz_version": 1,
            "number": numbers[uid],
            "question_ids": [s.id for s in specs],
            "choice_order": {},
            "started_at": started,
            "updated_at": started,
            "submitted_at": started + timedelta(minutes=5),
            "status": "submitted",
        }
        for n, spec in enumerate(specs):
            yield (
                _statement(
                    uid,
                    Verb.ANSWERED,
                    f"{base}/quizzes/{QUIZ}/questions/{spec.id}",
                    registration,
                    started + timedelta(seconds=20 * (n + 1) + rng.randrange(20)),
                    {"response": _answer(spec, skill, rng)},
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
    """Insert statements, their index rows and the attempts in bulk; return how many statements."""
    done, started = 0, time.perf_counter()
    table, index = Statement.__table__, StatementIndex.__table__
    pending: list[tuple[dict[str, Any], dict[str, Any] | None]] = []

    def flush() -> None:
        with get_db(app).transaction() as session:
            result = session.execute(
                insert(table).returning(table.c.pk, table.c.statement_id),
                [_row(statement) for statement, _ in pending],
            )
            pks = dict((sid, pk) for pk, sid in result)
            session.execute(
                insert(index),
                [{"key": key, "statement_pk": pks[s["id"]]} for s, _ in pending for key in index_keys(s)],
            )
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


def _row(statement: dict[str, Any]) -> dict[str, Any]:
    registration = statement["context"].get("registration")
    return {
        "statement_id": statement["id"],
        "verb_id": statement["verb"]["id"],
        "actor_key": agent_key(statement["actor"]),
        "object_activity_id": statement["object"]["id"],
        "object_statement_id": None,
        "registration": registration,
        "authority_key": agent_key(AUTHORITY),
        "stored": statement["stored"],
        "is_voided": False,
        "is_voiding": False,
        "payload": json.dumps(statement, separators=(",", ":")),
    }


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
            specs = item_specs(catalog.get_quiz(session, QUIZ).quiz)
        started = time.perf_counter()
        evidence = add_evidence(app, learners, args.evidence, rng)
        print(f"mastery evidence: {evidence:,} rows in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        count = load_statements(
            app, statements(learners, args.statements, args.attempts, specs, rng), args.batch
        )
        print(
            f"statements: {count:,} ({args.attempts:,} attempts at {QUIZ}, {len(specs)} judged questions "
            f"each) in {time.perf_counter() - started:.1f} s"
        )
        if get_db(app).engine.dialect.name == "postgresql":
            with get_db(app).engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")


def time_pages(app: Any, args: Any) -> None:
    lead_client = signed_in(app, "lead@bench.test")
    timings, cpu = time_get(lead_client, "/mentoring/team", args.requests, "Competencies")
    report(f"team dashboard, {args.learners} learners", timings, cpu, 100, p95=True)
    with app.app_context(), get_db(app).transaction() as session:
        if session.scalar(select(User.id).where(User.email == "author@bench.test")) is None:
            create_user(
                session, email="author@bench.test", name="Author", password=PASSWORD, roles=("author",)
            )
    author = signed_in(app, "author@bench.test")
    timings, cpu = time_get(author, f"/insight/quizzes/{QUIZ}/v1", 5, "Cronbach")
    report(f"item analysis, {args.attempts:,} attempts", timings, cpu, 1000, p95=False)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (a shared machine)")


if __name__ == "__main__":
    main()
