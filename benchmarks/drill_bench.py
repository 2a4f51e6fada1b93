"""Two-minute drills under gunicorn as deployed (2 workers x 2 threads), big pool, long history.

The database holds the sample curriculum plus generated practice banks, for a practice pool of 5,000
questions, and 300 learners with six weeks of practice behind them: drills on most working days, each
answer with its FSRS card, answer row and mastery evidence, written in bulk before the server starts (the
record store holds only the statements of the measured phase). Each simulated agent then does drills the
way one does between calls: start, answer each question, read the feedback, with pauses between steps.

    python benchmarks/drill_bench.py                      # 300 learners, 5,000 questions, 1 drill each
    python benchmarks/drill_bench.py --ramp 60            # all 300 agents drilling within the same minute
    python benchmarks/drill_bench.py --learners 50 --drills 2 --pause 1
    python benchmarks/drill_bench.py --database postgresql+psycopg://…/elearn_bench   # an empty database
    python benchmarks/drill_bench.py --database sqlite:////tmp/drill.sqlite3 --existing  # time it again

The database is a fresh SQLite file unless ``--database`` (or ``ELEARN_BENCH_DATABASE_URL``) names one,
which must be empty; ``--existing`` skips building and times a database an earlier run built (each run
adds its own drills to it).

By default the 300 agents start their drill over ten minutes: a new drill every two seconds across the
floor and some 30 agents drilling at any moment, the rate of a floor of 300 agents who each drill six
times an hour.

Prints p50/p95 latency of drill start (the POST that chooses the questions), the question page, the
answer and the feedback page, the error count and the load average, and exits non-zero when a target is
missed (start and answer p95 <= 50 ms, no error).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from lxml import html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.learner_load import (  # noqa: E402 - after the path is set
    PASSWORD,
    Recorder,
    answer_fields,
    csrf,
    free_port,
    percentile,
    sign_in,
    start_server,
)

TARGET_P95_MS = 50.0
KEEP_ALIVE_SECONDS = 2.0  # how long gunicorn keeps an idle connection open (its default)
BANK_SIZE = 50
HISTORY_DAYS = 42
COMPETENCIES = (
    "call-opening",
    "identity-verification",
    "active-listening",
    "empathy",
    "objection-handling",
    "call-closing",
    "data-protection",
    "product-knowledge",
)


def bank_question(bank: int, n: int) -> str:
    """One generated question: true-false, single, multiple or numeric, in turn."""
    qid = f"b{bank}-q{n}"
    tags = f"{COMPETENCIES[(bank + n) % 8]}, {COMPETENCIES[(bank + 3 * n) % 8]}"
    kind = n % 4
    head = f"## Generated question {n} of bank {bank} {{#{qid}}}\n"
    if kind == 0:
        return head + f"type: true-false\ncompetencies: {tags}\nanswer: {'true' if n % 3 else 'false'}\n"
    if kind == 1:
        return (
            head
            + f"type: single\ncompetencies: {tags}\n\n- [x] Right {n}\n- [ ] Wrong {n}\n- [ ] Other {n}\n"
        )
    if kind == 2:
        return head + f"type: multiple\ncompetencies: {tags}\n\n- [x] One\n- [x] Two\n- [ ] Three\n"
    return head + f"type: numeric\ncompetencies: {tags}\nanswer: {n}\n"


def write_content(folder: Path, questions: int) -> Path:
    """The sample curriculum plus practice banks of BANK_SIZE questions, ``questions`` in the pool in all."""
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    sample = 40  # what the sample curriculum puts in a fresh learner's pool (checks and banks)
    for bank in range(-(-max(0, questions - sample) // BANK_SIZE)):
        body = "\n".join(bank_question(bank, n) for n in range(BANK_SIZE))
        front = f"---\nid: bench-bank-{bank}\ntitle: Bench bank {bank}\npractice: true\n---\n\n"
        (content / "quizzes" / f"bench-bank-{bank}.md").write_text(front + body)
    return content


def learner_emails(learners: int) -> list[str]:
    return [f"agent{n}@drill.test" for n in range(learners)]


def prepare(url: str, content: Path, learners: int, seed: int) -> tuple[list[str], int]:
    """Migrate, publish, create the learners, write six weeks of practice; return emails and pool size."""
    from sqlalchemy.orm import Session

    import courses
    from app import migrate
    from app.accounts import create_user
    from app.database import make_engine

    engine = make_engine(url)
    migrate.upgrade(engine)
    emails = learner_emails(learners)
    with Session(engine) as session:
        report = courses.build_content(session, content)
        if not report.ok:
            raise SystemExit(f"content does not build: {[d.format() for d in report.errors]}")
        uids = [
            create_user(
                session, email=email, name=email.split("@")[0], password=PASSWORD, check_strength=False
            ).uid
            for email in emails
        ]
        session.commit()
        pool = _pool(session)
        write_history(session, uids, pool, random.Random(seed))
        session.commit()
    if engine.dialect.name == "postgresql":  # fresh statistics, as autovacuum would have them by now
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    engine.dispose()
    return emails, len(pool)


def existing_pool_size(url: str) -> int:
    """The size of a fresh learner's pool in a database an earlier run built."""
    from sqlalchemy.orm import Session

    from app.database import make_engine

    engine = make_engine(url)
    with Session(engine) as session:
        size = len(_pool(session))
    engine.dispose()
    return size


def _pool(session: Any) -> list[Any]:
    from assessments.practice import ModuleChecks, QuizSource, practice_pool

    modules = [
        ModuleChecks(m.module.id, m.version, m.module.checks) for m in courses_list(session, "modules")
    ]
    quizzes = [QuizSource(q.quiz, q.version) for q in courses_list(session, "quizzes")]
    return practice_pool(modules, quizzes, {})


def courses_list(session: Any, kind: str) -> list[Any]:
    import courses

    return courses.list_modules(session) if kind == "modules" else courses.list_quizzes(session)


def write_history(session: Any, uids: list[str], pool: list[Any], rng: random.Random) -> None:
    """Six weeks of drills per learner: cards, drills, answers and mastery evidence, in bulk."""
    from sqlalchemy import insert

    from assessments.evidence import EvidenceItem
    from assessments.mastery_store import record_evidence
    from assessments.practice import AnswerRow, CardRow, DrillRow, new_card, rate, review

    now = datetime.now(UTC)
    for uid in uids:
        cards: dict[str, Any] = {}
        drills, answers, evidence = [], [], []
        for day in range(HISTORY_DAYS, 0, -1):
            if rng.random() < 0.3:  # days off and busy days
                continue
            for _ in range(rng.randint(1, 4)):
                at = now - timedelta(days=day, hours=rng.uniform(0, 8))
                drill_id = len(drills)
                items = rng.sample(pool, 4)
                drills.append(
                    {
                        "registration": str(uuid.uuid4()),
                        "learner_id": uid,
                        "items": [{"key": i.key} for i in items],
                        "started_at": at,
                        "shown_at": at,
                        "finished_at": at + timedelta(minutes=2),
                    }
                )
                for position, item in enumerate(items):
                    right = rng.random() < 0.75
                    seconds = rng.uniform(5, 40)
                    rating = rate(item.question.type, 1.0 if right else 0.0, seconds)
                    card = review(cards.get(item.key) or new_card(at), rating, at)
                    cards[item.key] = card
                    answers.append((drill_id, position, item, right, int(rating), seconds, at, card.due))
                    evidence += [
                        EvidenceItem(
                            f"account:{uid}", c, float(right), 0.5, at, str(uuid.uuid4()), "answered", ""
                        )
                        for c in item.competencies
                    ]
        connection = session.connection()
        table = DrillRow.__table__
        returning = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        ids = [row[0] for row in connection.execute(returning, drills)]
        connection.execute(
            insert(AnswerRow.__table__),
            [
                {
                    "drill_id": ids[d],
                    "position": p,
                    "item_key": item.key,
                    "response": None,
                    "value": float(right),
                    "is_correct": right,
                    "rating": rating,
                    "duration_ms": int(seconds * 1000),
                    "answered_at": at,
                    "due_after": due,
                    "competencies": list(item.competencies),
                }
                for d, p, item, right, rating, seconds, at, due in answers
            ],
        )
        connection.execute(
            insert(CardRow.__table__),
            [
                {
                    "learner_id": uid,
                    "item_key": key,
                    "state": c.state,
                    "step": c.step,
                    "stability": c.stability,
                    "difficulty": c.difficulty,
                    "due": c.due,
                    "last_review": c.last_review,
                    "reviews": c.reviews,
                    "lapses": c.lapses,
                }
                for key, c in cards.items()
            ],
        )
        record_evidence(session, evidence)


def agent(base: str, web: requests.Session, rec: Recorder, pause: float, drills: int, seed: int) -> None:
    """Drills between calls: start, then for each question read it, answer it and read the feedback."""
    rng = random.Random(seed)

    def think() -> None:
        seconds = rng.uniform(0.5, 1.5) * pause
        time.sleep(seconds)
        if seconds > KEEP_ALIVE_SECONDS - 1:  # gunicorn looks for idle connections about once a second
            # It has dropped (or is dropping) our idle connection, and the next request opens a new one
            # either way; closing ours first keeps that request from racing the server's close (a reset).
            web.close()

    think()
    home = rec.call("other", web.get, f"{base}/learn/")
    if home is None:
        return
    token = csrf(home.text)
    for _ in range(drills):
        rec.call("start", web.post, f"{base}/learn/drill/start", data={"csrf_token": token})
        for _question in range(6):
            page = rec.call("question", web.get, f"{base}/learn/drill")
            if page is None or "drill-form" not in page.text:
                break
            form = html.fromstring(page.text).xpath("//form[@class='drill-form']")[0]
            think()
            answered = rec.call(
                "answer",
                web.post,
                requests.compat.urljoin(base, form.get("action")),
                data={"csrf_token": token, **answer_fields(form, rng)},
                expect=(302,),
            )
            if answered is None or "Location" not in answered.headers:
                break
            rec.call("feedback", web.get, requests.compat.urljoin(base, answered.headers["Location"]))
        think()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--questions", type=int, default=5000, help="size of the practice pool")
    parser.add_argument("--drills", type=int, default=1, help="drills per learner in the measured phase")
    parser.add_argument("--pause", type=float, default=5.0, help="mean seconds between an agent's steps")
    parser.add_argument(
        "--ramp", type=float, default=600.0, help="seconds over which agents arrive (each drills once)"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2, help="threads per worker (gthread, as deployed)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", default=None, help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--existing", action="store_true", help="time a database an earlier run built")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="elearn-drill-") as name:
        folder = Path(name)
        url = args.database or os.environ.get("ELEARN_BENCH_DATABASE_URL") or f"sqlite:///{folder / 'd.db'}"
        began = time.perf_counter()
        if args.existing:
            emails, pool_size = learner_emails(args.learners), existing_pool_size(url)
        else:
            content = write_content(folder, args.questions)
            emails, pool_size = prepare(url, content, args.learners, args.seed)
        took = time.perf_counter() - began
        print(f"prepared {args.learners} learners, a pool of {pool_size} questions in {took:.0f} s")
        port = free_port()
        server = start_server(url, port, args.workers, args.threads)
        base = f"http://127.0.0.1:{port}"
        try:
            rec = Recorder()
            sessions = [sign_in(base, email, rec) for email in emails]
            started, client_cpu = time.perf_counter(), time.process_time()
            threads = []
            for n, web in enumerate(sessions):
                thread = threading.Thread(target=agent, args=(base, web, rec, args.pause, args.drills, n))
                thread.start()
                threads.append(thread)
                time.sleep(args.ramp / max(1, args.learners))
            for thread in threads:
                thread.join()
            duration, client_cpu = time.perf_counter() - started, time.process_time() - client_cpu
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    server_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)

    print(
        f"{args.learners} learners, {pool_size} questions in the pool, {HISTORY_DAYS} days of history, "
        f"{args.workers} gunicorn workers x {args.threads} threads, {backend_name(url)}, "
        f"mean pause {args.pause:g} s, ramp {args.ramp:g} s, "
        f"{duration:.0f} s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(
        f"CPU: the simulated agents {client_cpu:.0f} s while drilling, "
        f"the server {server_cpu.ru_utime + server_cpu.ru_stime:.0f} s in all (sign-ins included)"
    )
    print(f"{'request':<10}{'count':>8}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for kind in ("start", "question", "answer", "feedback", "login", "other"):
        values = rec.latencies.get(kind, [])
        print(
            f"{kind:<10}{len(values):>8}{percentile(values, 0.5):>10.1f}{percentile(values, 0.95):>10.1f}"
            f"{max(values, default=float('nan')):>10.1f}"
        )
    print(f"errors: {len(rec.errors)}")
    for error in rec.errors[:10]:
        print(f"  {error}")
    p95 = {kind: percentile(rec.latencies.get(kind, []), 0.95) for kind in ("start", "answer")}
    missed = [
        f"{kind} p95 {value:.1f} ms > {TARGET_P95_MS:g} ms"
        for kind, value in p95.items()
        if not value <= TARGET_P95_MS
    ]
    if rec.errors:
        missed.append(f"{len(rec.errors)} errors")
    print("targets: " + ("met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if missed else 0


def backend_name(url: str) -> str:
    from sqlalchemy.engine import make_url

    return "PostgreSQL" if make_url(url).get_backend_name() == "postgresql" else "SQLite"


if __name__ == "__main__":
    raise SystemExit(main())
