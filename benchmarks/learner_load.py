"""Simulated learners against elearn under gunicorn (2 workers) on SQLite.

Each learner signs in, reads a module page by page and takes its quiz, answering question by question (the
autosave request the browser sends) with pauses between steps, then submits and opens the results. A
prober hits the trivial ``/healthz`` endpoint at the same pace, and a short saturation phase measures the
throughput of page views against ``/healthz`` in the same run.

    python benchmarks/learner_load.py                     # 100 learners
    python benchmarks/learner_load.py --learners 20 --pause 0.5

Prints p50/p95 latency of page views, answer saves and /healthz, the error count and the throughputs, and
exits non-zero when a target is missed (p95 < 50 ms, no error, page views >= 1/3 of /healthz throughput).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import requests
from lxml import html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "learner-load-password-1"
TARGET_P95_MS = 50.0


class Recorder:
    """Latencies (ms) per kind of request, and the errors, from every thread."""

    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def call(
        self, kind: str, send: Any, *args: Any, expect: tuple[int, ...] = (200, 302), **kwargs: Any
    ) -> Any:
        started = time.perf_counter()
        try:
            response = send(*args, allow_redirects=False, timeout=30, **kwargs)
        except requests.RequestException as error:
            with self.lock:
                self.errors.append(f"{kind}: {error}")
            return None
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.latencies[kind].append(elapsed)
            if response.status_code not in expect:
                self.errors.append(f"{kind}: HTTP {response.status_code} {response.url}")
        return response


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def prepare(database: Path, learners: int) -> list[str]:
    """Migrate a fresh SQLite database, publish the sample content and create the learners."""
    from sqlalchemy.orm import Session

    import courses
    from app import migrate
    from app.accounts import create_user
    from app.database import make_engine

    engine = make_engine(f"sqlite:///{database}")
    migrate.upgrade(engine)
    emails = [f"learner{n}@load.test" for n in range(learners)]
    with Session(engine) as session:
        report = courses.build_content(session, ROOT / "content")
        if not report.ok:
            raise SystemExit(f"content does not build: {[str(d) for d in report.errors]}")
        for email in emails:
            create_user(
                session, email=email, name=email.split("@")[0], password=PASSWORD, check_strength=False
            )
        session.commit()
    engine.dispose()
    return emails


def start_server(database: Path | str, port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    """Serve the app with gunicorn on a SQLite file (a path) or any database URL (a string)."""
    env = {
        **os.environ,
        "ELEARN_DATABASE_URL": database if isinstance(database, str) else f"sqlite:///{database}",
        "ELEARN_SECRET_KEY": "load-test-key",
        "ELEARN_CONTENT_DIR": str(ROOT / "content"),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "app:create_app()",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except requests.RequestException:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def csrf(text: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"|name="csrf_token"[^>]*value="([^"]+)"', text)
    if not match:
        raise RuntimeError("no CSRF token in page")
    return match.group(1) or match.group(2)


def answer_fields(fieldset: Any, rng: random.Random) -> dict[str, Any]:
    """Pick an answer the way a learner would fill the question's fields."""
    data: dict[str, Any] = {}
    radios = fieldset.xpath(".//input[@type='radio']")
    boxes = fieldset.xpath(".//input[@type='checkbox']")
    # lxml's ``.value`` of a radio or checkbox is None unless it is checked: read the attribute.
    if radios:
        data[radios[0].name] = rng.choice(radios).get("value")
    if boxes:
        chosen = [box.get("value") for box in boxes if rng.random() < 0.5]
        data[boxes[0].name] = chosen or [boxes[0].get("value")]
    for field in fieldset.xpath(".//input[@type='text'] | .//textarea"):
        data[field.name] = (
            "30" if field.get("inputmode") == "decimal" else "I would listen and acknowledge first."
        )
    selects = fieldset.xpath(".//select")
    positions = list(range(1, len(selects) + 1))
    rng.shuffle(positions)
    for select, position in zip(selects, positions, strict=True):
        options = [o for o in select.xpath(".//option/@value") if o]
        data[select.name] = str(position) if "Position" in select.text_content() else rng.choice(options)
    return data


def sign_in(base: str, email: str, rec: Recorder) -> requests.Session:
    """Agents stay signed in between calls, so signing in happens before the measured phase."""
    web = requests.Session()
    login = rec.call("login", web.get, f"{base}/login")
    if login is not None:
        rec.call(
            "login",
            web.post,
            f"{base}/login",
            data={"email": email, "password": PASSWORD, "csrf_token": csrf(login.text)},
        )
    return web


def learner(
    base: str, web: requests.Session, rec: Recorder, pause: float, seed: int, modules: list[tuple[str, str]]
) -> None:
    rng = random.Random(seed)

    def think() -> None:
        time.sleep(rng.uniform(0.5, 1.5) * pause)

    think()
    rec.call("other", web.get, f"{base}/learn/")
    module_id, quiz_id = rng.choice(modules)
    opened = rec.call("other", web.get, f"{base}/learn/modules/{module_id}")
    if opened is None or "Location" not in opened.headers:
        return
    url = requests.compat.urljoin(base, opened.headers["Location"])
    prefix, number = url.rsplit("/", 1)
    page = None
    for n in range(int(number), 30):
        think()
        page = rec.call("page", web.get, f"{prefix}/{n}", expect=(200, 404))
        if page is None or page.status_code == 404 or "Take the quiz" in page.text:
            break
    overview = rec.call("other", web.get, f"{base}/learn/quizzes/{quiz_id}?module={module_id}")
    if overview is None:
        return
    started = rec.call(
        "other",
        web.post,
        f"{base}/learn/quizzes/{quiz_id}/start",
        data={"csrf_token": csrf(overview.text), "module": module_id},
    )
    if started is None or "Location" not in started.headers:
        return
    attempt_url = requests.compat.urljoin(base, started.headers["Location"])
    form = rec.call("other", web.get, attempt_url)
    if form is None:
        return
    token = csrf(form.text)
    for fieldset in html.fromstring(form.text).xpath("//fieldset[@data-save-url]"):
        think()
        rec.call(
            "save",
            web.post,
            requests.compat.urljoin(base, fieldset.get("data-save-url")),
            data=answer_fields(fieldset, rng),
            headers={"X-CSRFToken": token, "Accept": "application/json"},
        )
    think()
    rec.call("other", web.post, attempt_url, data={"csrf_token": token, "action": "submit"})
    rec.call("other", web.get, f"{attempt_url}/result")


def prober(base: str, rec: Recorder, pause: float, stop: threading.Event) -> None:
    web = requests.Session()
    while not stop.is_set():
        rec.call("healthz", web.get, f"{base}/healthz", expect=(200,))
        stop.wait(pause / 4)


def saturate(url_for_client: Any, clients: int, seconds: float) -> float:
    """Requests per second that ``clients`` threads, sending back to back, get for ``seconds``."""
    counts = [0] * clients
    failures = [0]
    stop = time.perf_counter() + seconds

    def run(index: int) -> None:
        web, url = url_for_client(index)
        while time.perf_counter() < stop:
            response = web.get(url, timeout=30, allow_redirects=False)
            if response.status_code == 200:
                counts[index] += 1
            else:
                failures[0] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures[0]:
        print(f"  ({failures[0]} failed requests during saturation)")
    return sum(counts) / seconds


def signed_in_page(base: str, email: str) -> tuple[requests.Session, str]:
    web = requests.Session()
    login = web.get(f"{base}/login")
    web.post(f"{base}/login", data={"email": email, "password": PASSWORD, "csrf_token": csrf(login.text)})
    opened = web.get(f"{base}/learn/modules/call-opening", allow_redirects=False)
    return web, requests.compat.urljoin(base, opened.headers["Location"])


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--pause", type=float, default=5.0, help="mean seconds between a learner's steps")
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which learners arrive")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--threads", type=int, default=2, help="threads per worker (gthread, as deployed; 1: sync workers)"
    )
    parser.add_argument("--saturation-seconds", type=float, default=5.0)
    parser.add_argument("--saturation-clients", type=int, default=8)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="elearn-load-") as folder:
        database = Path(folder) / "load.sqlite3"
        emails = prepare(database, args.learners + args.saturation_clients)
        port = free_port()
        server = start_server(database, port, args.workers, args.threads)
        base = f"http://127.0.0.1:{port}"
        try:
            modules = [
                ("call-opening", "call-opening-quiz"),
                ("active-listening", "active-listening-quiz"),
                ("call-closing", "call-closing-quiz"),
                ("data-protection", "data-protection-quiz"),
                ("difficult-callers", "difficult-callers-quiz"),
                ("objection-handling", "objection-handling-quiz"),
            ]
            rec = Recorder()
            sessions = [sign_in(base, email, rec) for email in emails[: args.learners]]
            stop = threading.Event()
            probe = threading.Thread(target=prober, args=(base, rec, args.pause, stop))
            probe.start()
            started = time.perf_counter()
            threads = []
            for n, web in enumerate(sessions):
                thread = threading.Thread(target=learner, args=(base, web, rec, args.pause, n, modules))
                thread.start()
                threads.append(thread)
                time.sleep(args.ramp / max(1, args.learners))
            for thread in threads:
                thread.join()
            stop.set()
            probe.join()
            duration = time.perf_counter() - started

            spare = emails[args.learners :]
            pages = [signed_in_page(base, spare[i % len(spare)]) for i in range(args.saturation_clients)]
            trivial_rate = saturate(
                lambda i: (requests.Session(), f"{base}/healthz"),
                args.saturation_clients,
                args.saturation_seconds,
            )
            page_rate = saturate(lambda i: pages[i], args.saturation_clients, args.saturation_seconds)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)

    print(
        f"{args.learners} learners, {args.workers} gunicorn workers x {args.threads} threads, SQLite, "
        f"mean pause {args.pause:g} s, "
        f"{duration:.0f} s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(f"{'request':<10}{'count':>8}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for kind in ("page", "save", "healthz", "login", "other"):
        values = rec.latencies.get(kind, [])
        print(
            f"{kind:<10}{len(values):>8}{percentile(values, 0.5):>10.1f}{percentile(values, 0.95):>10.1f}"
            f"{max(values, default=float('nan')):>10.1f}"
        )
    print(f"errors: {len(rec.errors)}")
    for error in rec.errors[:10]:
        print(f"  {error}")
    print(
        f"throughput with {args.saturation_clients} clients back to back: page views {page_rate:.0f}/s, "
        f"/healthz {trivial_rate:.0f}/s (ratio {page_rate / trivial_rate:.2f})"
    )
    p95 = {kind: percentile(rec.latencies.get(kind, []), 0.95) for kind in ("page", "save")}
    missed = [
        f"{kind} p95 {value:.1f} ms >= {TARGET_P95_MS:g} ms"
        for kind, value in p95.items()
        if not value < TARGET_P95_MS
    ]
    if rec.errors:
        missed.append(f"{len(rec.errors)} errors")
    if page_rate < trivial_rate / 3:
        missed.append("page-view throughput below a third of /healthz")
    print("targets: " + ("met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
