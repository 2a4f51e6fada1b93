"""Mentoring benchmark: ingest statements with mastery updates, then time the mentor's desk.

    .venv/bin/python benchmarks/mentor_bench.py                      # 1,000,000 statements, 2,000 learners
    .venv/bin/python benchmarks/mentor_bench.py --statements 50000   # a quicker run
    ELEARN_BENCH_DATABASE_URL=postgresql+psycopg://… .venv/bin/python benchmarks/mentor_bench.py

Statements go through ``learning_record_store.record_statements`` in batches, exactly as statements from
the app or from POST /xapi/statements do, so the mastery observer runs inside each ingest transaction. The
benchmark reports ingest throughput, the time spent in the observer and its throughput (evidence folded
per second), then requests the mentor's desk (GET /mentoring/, rendered) for a mentor with 30 mentees and
prints its latency percentiles. Target: desk p95 under 100 ms.
"""

from __future__ import annotations

import argparse
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

from sqlalchemy import func, insert, select  # noqa: E402

from app import create_app, migrate  # noqa: E402
from app.accounts import create_user  # noqa: E402
from app.accounts.models import Role, User  # noqa: E402
from app.database import get_db  # noqa: E402
from app.mentoring import ingest  # noqa: E402
from app.mentoring.relationships import enrol_mentee, enrol_mentor, match  # noqa: E402
from assessments.mastery_tables import EvidenceRow, MasteryRow  # noqa: E402
from learning_record_store import hooks, record_statements  # noqa: E402
from learning_record_store.vocabulary import Extension, Verb  # noqa: E402

PASSWORD = "benchmark-password-long-enough"
HOME = "https://learn.example.com"


class TimedObserver:
    """Wraps the mastery observer to measure the time it takes during ingest."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.statements = 0

    def __call__(self, session: Any, statements: list[dict[str, Any]]) -> None:
        started = time.perf_counter()
        ingest.on_stored(session, statements)
        self.seconds += time.perf_counter() - started
        self.statements += len(statements)


def framework_dir(competencies: int) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="elearn-bench-content-"))
    lines = ["framework: bench", "name: Benchmark framework", "threshold: 0.75", "competencies:"]
    for number in range(1, competencies + 1):
        lines += [f"  - id: c{number:02d}", f"    name: Competency {number}", "    description: benchmark"]
    (folder / "competencies.yaml").write_text("\n".join(lines) + "\n")
    return folder


def create_learners(session: Any, count: int) -> list[tuple[int, str]]:
    """Insert learners in bulk (one shared password hash: creating 2,000 hashes would dominate setup)."""
    template = create_user(
        session,
        email="template@bench.test",
        name="Template",
        password=PASSWORD,
        roles=("learner",),
        team="Bench",
    )
    rows = [
        {
            "uid": str(uuid.uuid4()),
            "email": f"learner{i}@bench.test",
            "name": f"Learner {i:04d}",
            "password_hash": template.password_hash,
            "team_id": template.team_id,
            "is_active_account": True,
            "created_at": datetime.now(UTC),
        }
        for i in range(count)
    ]
    session.execute(insert(User), rows)
    users = session.execute(select(User.id, User.uid).where(User.email.like("learner%@bench.test"))).all()
    session.execute(insert(Role), [{"user_id": user_id, "name": "learner"} for user_id, _ in users])
    return [(user_id, uid) for user_id, uid in users]


def statement(uid: str, competencies: int, now: datetime, rng: random.Random) -> dict[str, Any]:
    first = rng.randrange(1, competencies + 1)
    tags = [{"id": f"c{first:02d}", "weight": 1}]
    if rng.random() < 0.3:
        tags.append({"id": f"c{(first % competencies) + 1:02d}", "weight": 0.5})
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "account": {"homePage": HOME, "name": uid}},
        "verb": {"id": Verb.ANSWERED, "display": {"en-US": "answered"}},
        "object": {
            "objectType": "Activity",
            "id": f"{HOME}/xapi/activities/quizzes/q{first}/questions/{rng.randrange(40)}",
        },
        "result": {"score": {"scaled": round(rng.betavariate(3, 2), 3)}},
        "context": {"extensions": {Extension.COMPETENCIES: tags}},
        "timestamp": (now - timedelta(minutes=rng.randrange(180 * 24 * 60)))
        .isoformat()
        .replace("+00:00", "Z"),
    }


def ingest_statements(
    app: Any,
    learners: list[tuple[int, str]],
    total: int,
    batch: int,
    competencies: int,
    observer: TimedObserver,
) -> float:
    rng = random.Random(7)
    now = datetime.now(UTC)
    started = time.perf_counter()
    done = 0
    while done < total:
        size = min(batch, total - done)
        statements = [statement(rng.choice(learners)[1], competencies, now, rng) for _ in range(size)]
        with get_db(app).transaction() as session:
            record_statements(session, statements)
        done += size
        if done % (batch * 20) == 0 or done == total:
            elapsed = time.perf_counter() - started
            print(
                f"  {done:>9,} statements  {done / elapsed:8,.0f}/s  (observer {observer.seconds:6.1f} s)",
                flush=True,
            )
    return time.perf_counter() - started


def pair_mentor(app: Any, learners: list[tuple[int, str]], mentees: int) -> str:
    with get_db(app).transaction() as session:
        mentor = create_user(
            session,
            email="mentor@bench.test",
            name="Mentor",
            password=PASSWORD,
            roles=("mentor",),
            team="Mentors",
        )
        enrol_mentor(session, mentor, capacity=mentees, strengths=["c01", "c02"])
        for user_id, _uid in learners[:mentees]:
            mentee = session.get(User, user_id)
            enrol_mentee(session, mentee)
            match(session, mentor, mentee)
        return mentor.email


def time_desk(app: Any, email: str, requests: int) -> tuple[list[float], list[float]]:
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    response = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302, "could not sign in"
    timings, cpu = [], []
    for _ in range(requests + 5):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get("/mentoring/")
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200 and "Learner" in response.get_data(as_text=True)
    return timings[5:], cpu[5:]  # the first requests warm caches and templates


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--learners", type=int, default=2_000)
    parser.add_argument("--competencies", type=int, default=12)
    parser.add_argument("--mentees", type=int, default=30)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--database", default=None, help="database URL (default: a SQLite file in a temp folder)"
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="elearn-bench-"))
    url = (
        args.database
        or os.environ.get("ELEARN_BENCH_DATABASE_URL")
        or f"sqlite:///{workdir / 'bench.sqlite3'}"
    )
    app = create_app(
        {
            "SECRET_KEY": "bench",
            "DATABASE_URL": url,
            "CONTENT_DIR": str(framework_dir(args.competencies)),
            "SERVER_NAME": None,
        }
    )
    migrate.upgrade(get_db(app).engine)
    observer = TimedObserver()
    hooks.ON_STORED[:] = [observer if h is ingest.on_stored else h for h in hooks.ON_STORED]
    print(f"database: {get_db(app).engine.url.render_as_string(hide_password=True)}")
    with app.app_context():
        with get_db(app).transaction() as session:
            learners = create_learners(session, args.learners)
        print(
            f"ingesting {args.statements:,} statements for {len(learners):,} learners over "
            f"{args.competencies} competencies, {args.batch} per batch"
        )
        seconds = ingest_statements(app, learners, args.statements, args.batch, args.competencies, observer)
        with get_db(app).transaction() as session:
            evidence = session.scalar(select(func.count()).select_from(EvidenceRow))
            states = session.scalar(select(func.count()).select_from(MasteryRow))
        print(f"ingest: {args.statements / seconds:,.0f} statements/s overall ({seconds:,.1f} s)")
        print(
            f"mastery updates: {evidence:,} evidence rows into {states:,} states; observer "
            f"{observer.seconds:,.1f} s = {evidence / observer.seconds:,.0f} evidence/s, "
            f"{observer.statements / observer.seconds:,.0f} statements/s "
            f"({observer.seconds / seconds:.0%} of ingest time)"
        )
        email = pair_mentor(app, learners, args.mentees)
    timings, cpu = time_desk(app, email, args.requests)
    quantiles, cpu_quantiles = statistics.quantiles(timings, n=100), statistics.quantiles(cpu, n=100)
    print(
        f"mentor's desk ({args.mentees} mentees, {args.requests} requests): "
        f"p50 {statistics.median(timings):.1f} ms, p95 {quantiles[94]:.1f} ms, max {max(timings):.1f} ms "
        f"(target p95 < 100 ms: {'met' if quantiles[94] < 100 else 'NOT met'})"
    )
    # On a shared machine wall time includes waiting for the CPU; process time is the desk's own cost.
    print(
        f"  CPU time per request: p50 {statistics.median(cpu):.1f} ms, p95 {cpu_quantiles[94]:.1f} ms; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
