"""Simulated learners against two gunicorn instances sharing PostgreSQL behind nginx, with faults.

Everything runs on loopback: a fresh database ``elearn_load`` on the local PostgreSQL server (trust auth),
two gunicorn instances (``deploy/gunicorn.conf.py``, 2 workers each), nginx in front of them (a generated
config mirroring ``deploy/nginx.conf`` without TLS) and a fake external LRS that the app forwards
statements to. While the learners read modules and take quizzes, the script kills one app server with
``kill -9`` (and restarts it a few seconds later, as systemd would), restarts PostgreSQL, and makes the
external LRS refuse connections for a while. Afterwards it waits for forwarding to catch up and audits
the database against what the learners were told was saved.

    python benchmarks/load_fault.py                                  # 300 learners, 300 s
    python benchmarks/load_fault.py --learners 60 --duration 60      # a quick run

Must run as a user that may restart PostgreSQL (``pg_ctlcluster``) and start nginx. Exits non-zero when
an acknowledged answer or submit was lost, anything was stored twice, a request finally failed, or
forwarding did not catch up.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlparse

import requests
from lxml import html

sys.path.insert(0, str(Path(__file__).resolve().parent))
from learner_load import PASSWORD, ROOT, answer_fields, csrf, free_port, percentile  # noqa: E402
from load_audit import audit  # noqa: E402

DATABASE = "elearn_load"
SERVER_URL = "postgresql+psycopg://postgres@127.0.0.1:5432"
MODULES = [
    ("call-opening", "call-opening-quiz"),
    ("active-listening", "active-listening-quiz"),
    ("call-closing", "call-closing-quiz"),
    ("data-protection", "data-protection-quiz"),
    ("difficult-callers", "difficult-callers-quiz"),
    ("objection-handling", "objection-handling-quiz"),
]
VERB = "http://adlnet.gov/expapi/verbs/"
FORWARDED_VERBS = [VERB + v for v in ("answered", "completed", "passed", "failed", "terminated")]
# Verbs the app sends exactly once per quiz attempt (its registration and the quiz activity).
ONCE_PER_ATTEMPT = ("launched", "initialized", "completed", "terminated")
RETRYABLE = {502, 503, 504}
GRACE = 60.0  # seconds after the end of the run in which a failed request may still be retried
BACKOFF = (0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0)  # about 30 s in all, like a patient user


# --- the client side ----------------------------------------------------------------------------------


@dataclass
class Ledger:
    """What the server acknowledged to the learners: the audit checks the database against it."""

    saves: dict[tuple[int, str], dict[str, Any]] = field(default_factory=dict)  # (attempt, question) -> form
    save_counts: Counter[int] = field(default_factory=Counter)  # acknowledged saves per attempt
    submitted: set[int] = field(default_factory=set)
    started: set[int] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Client:
    """Sends a learner's requests, retrying as a browser (or its user) would; records latency and errors.

    No retry starts after ``last_retry`` (the end of the run plus a grace period), so the run ends.
    """

    def __init__(self, stats: Stats, last_retry: float) -> None:
        self.web = requests.Session()
        self.stats, self.last_retry = stats, last_retry

    def send(
        self, kind: str, method: str, url: str, *, ok: tuple[int, ...] = (200, 302), **kwargs: Any
    ) -> Any:
        started = time.perf_counter()
        problems: list[str] = []
        response = None
        for delay in (*BACKOFF, None):
            try:
                # A little longer than nginx's proxy_read_timeout, so that a slow upstream shows as a 504.
                response = self.web.request(method, url, allow_redirects=False, timeout=35, **kwargs)
            except requests.RequestException as error:
                response = None
                problems.append(f"{type(error).__name__}")
            else:
                if response.status_code not in RETRYABLE:
                    break
                problems.append(f"HTTP {response.status_code}")
            if delay is None or time.time() + delay > self.last_retry:
                break
            time.sleep(delay * random.uniform(0.8, 1.2))
        elapsed = (time.perf_counter() - started) * 1000
        self.stats.record(kind, elapsed, problems, response, ok, url)
        return response if response is not None and response.status_code in ok else None


class Stats:
    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.retried: Counter[str] = Counter()  # requests that failed, were retried and then succeeded
        self.final_errors: list[str] = []
        self.final_by_kind: Counter[str] = Counter()
        self.requests = 0
        self.lock = threading.Lock()

    def record(
        self, kind: str, ms: float, problems: list[str], response: Any, ok: tuple[int, ...], url: str
    ) -> None:
        with self.lock:
            self.requests += 1 + len(problems)
            if response is None or response.status_code not in ok:
                status = "no response" if response is None else f"HTTP {response.status_code}"
                self.final_errors.append(f"{kind}: {status} {urlparse(url).path} after {problems}")
                self.final_by_kind[f"{kind} {status}"] += 1
                return
            self.latencies[kind].append(ms)
            if problems:
                self.retried[kind] += 1


def learner(
    base: str, email: str, seed: int, until: float, pause: float, stats: Stats, ledger: Ledger
) -> None:
    rng = random.Random(seed)
    client = Client(stats, until + GRACE)

    def think(scale: float = 1.0) -> None:
        time.sleep(min(max(0.0, until - time.time()), rng.uniform(0.5, 1.5) * pause * scale))

    login = client.send("page", "GET", f"{base}/login")
    if (
        login is None
        or client.send(
            "login",
            "POST",
            f"{base}/login",
            data={"email": email, "password": PASSWORD, "csrf_token": csrf(login.text)},
        )
        is None
    ):
        return
    modules = MODULES[:]
    rng.shuffle(modules)
    for module_id, quiz_id in modules:
        if time.time() >= until:
            return
        # Some read the whole module, others skim a few pages and go to the quiz.
        read_module(client, base, module_id, think, until, rng.choice((2, 4, 8, 30)))
        if time.time() < until:
            take_quiz(client, base, module_id, quiz_id, rng, think, ledger)


def read_module(client: Client, base: str, module_id: str, think: Any, until: float, pages: int) -> None:
    client.send("page", "GET", f"{base}/learn/")
    opened = client.send("page", "GET", f"{base}/learn/modules/{module_id}")
    if opened is None or "Location" not in opened.headers:
        return
    prefix, number = urljoin(base, opened.headers["Location"]).rsplit("/", 1)
    for n in range(int(number), int(number) + pages):
        think()
        page = client.send("page", "GET", f"{prefix}/{n}", ok=(200, 404))
        if page is None or page.status_code == 404 or "Take the quiz" in page.text or time.time() >= until:
            return


def take_quiz(
    client: Client, base: str, module_id: str, quiz_id: str, rng: random.Random, think: Any, ledger: Ledger
) -> None:
    overview = client.send("page", "GET", f"{base}/learn/quizzes/{quiz_id}?module={module_id}")
    if overview is None:
        return
    started = client.send(
        "start",
        "POST",
        f"{base}/learn/quizzes/{quiz_id}/start",
        data={"csrf_token": csrf(overview.text), "module": module_id},
    )
    if started is None or "/attempts/" not in started.headers.get("Location", ""):
        return  # no attempts left at this quiz
    attempt_url = urljoin(base, started.headers["Location"])
    attempt_id = int(attempt_url.rstrip("/").rsplit("/", 1)[1])
    with ledger.lock:
        ledger.started.add(attempt_id)
    form = client.send("page", "GET", attempt_url)
    if form is None or form.status_code != 200:
        return
    token = csrf(form.text)
    everything: dict[str, Any] = {}
    for fieldset in html.fromstring(form.text).xpath("//fieldset[@data-save-url]"):
        think(0.5)
        fields = answer_fields(fieldset, rng)
        saved = client.send(
            "save",
            "POST",
            urljoin(base, fieldset.get("data-save-url")),
            data=fields,
            headers={"X-CSRFToken": token, "Accept": "application/json"},
            ok=(200,),
        )
        if saved is not None and saved.json().get("saved"):
            with ledger.lock:
                ledger.saves[(attempt_id, fieldset.get("data-question"))] = fields
                ledger.save_counts[attempt_id] += 1
        everything.update(fields)
    think()
    # The plain form sends every answer again with the submit, as the browser does.
    submitted = client.send(
        "submit", "POST", attempt_url, data={**everything, "csrf_token": token, "action": "submit"}
    )
    if submitted is not None and submitted.headers.get("Location", "").endswith("/result"):
        with ledger.lock:
            ledger.submitted.add(attempt_id)
        client.send("page", "GET", urljoin(base, submitted.headers["Location"]))


def prober(base: str, until: float, stats: Stats) -> None:
    client = Client(stats, until + GRACE)
    while time.time() < until:
        client.send("healthz", "GET", f"{base}/healthz", ok=(200,))
        time.sleep(0.5)


# --- the fake external LRS ----------------------------------------------------------------------------


class FakeLRS:
    """A threaded xAPI endpoint that keeps every statement it receives, in order; it can stop listening."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.received: list[str] = []  # statement ids, in the order they arrived (duplicates kept)
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self.accept()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xapi/"

    def accept(self) -> None:
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                statements = body if isinstance(body, list) else [body]
                with lrs.lock:
                    lrs.received.extend(s["id"] for s in statements)
                self.answer(200, json.dumps([s["id"] for s in statements]).encode())

            def do_PUT(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                with lrs.lock:
                    lrs.received.append(parse_qs(urlparse(self.path).query)["statementId"][0])
                self.answer(204, b"")

            def answer(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("X-Experience-API-Version", "1.0.3")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def refuse(self) -> None:
        """Close the listening socket: connections are refused until ``accept``."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def snapshot(self) -> list[str]:
        with self.lock:
            return list(self.received)


# --- processes ----------------------------------------------------------------------------------------


class Processes:
    """Every child process the run starts, so that all of them are stopped whatever happens."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder, self.env = folder, env
        self.gunicorns: dict[str, subprocess.Popen[bytes]] = {}
        self.nginx: subprocess.Popen[bytes] | None = None

    def start_gunicorn(self, name: str, port: int) -> None:
        log = (self.folder / f"{name}.log").open("ab")
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--access-logfile",
            "/dev/null",
            "app:create_app()",
        ]
        env = {**self.env, "ELEARN_BIND": f"127.0.0.1:{port}", "ELEARN_WORKERS": "2"}
        # Its own process group, so that kill -9 reaches the master and its workers at once.
        self.gunicorns[name] = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
        )
        wait_until_healthy(f"http://127.0.0.1:{port}/healthz", f"gunicorn {name}")

    def kill_gunicorn(self, name: str) -> None:
        process = self.gunicorns.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def start_nginx(self, port: int, upstreams: list[int]) -> None:
        conf = self.folder / "nginx.conf"
        conf.write_text(nginx_conf(port, upstreams, self.folder))
        log = (self.folder / "nginx.out").open("ab")
        self.nginx = subprocess.Popen(
            ["/usr/sbin/nginx", "-c", str(conf), "-p", str(self.folder), "-g", "daemon off;"],
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        wait_until_healthy(f"http://127.0.0.1:{port}/healthz", "nginx")

    def stop_nginx(self) -> None:
        """Close the front door: no learner request reaches the app servers any more."""
        if self.nginx is not None and self.nginx.poll() is None:
            os.killpg(self.nginx.pid, signal.SIGTERM)
            self.nginx.wait(timeout=25)

    def stop_all(self) -> None:
        children = [*self.gunicorns.values(), *([self.nginx] if self.nginx else [])]
        for process in children:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in children:
            try:
                process.wait(timeout=25)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def nginx_conf(port: int, upstreams: list[int], folder: Path) -> str:
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=2 fail_timeout=5s;" for p in upstreams)
    temp = "\n".join(
        f"    {kind}_temp_path {folder}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""# Generated by benchmarks/load_fault.py from deploy/nginx.conf, without TLS.
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
user root;
events {{ worker_connections 2048; }}
http {{
    access_log off;
{temp}
    upstream elearn {{
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 16m;
        location / {{
            proxy_pass http://elearn;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host:$server_port;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-Host $host:$server_port;
            proxy_next_upstream error http_502;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 2s;
            proxy_read_timeout 30s;
        }}
    }}
}}
"""


def wait_until_healthy(url: str, what: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{what} did not answer {url} within {seconds:.0f} s")


def restart_postgresql() -> None:
    version = sorted(os.listdir("/etc/postgresql"), key=int)[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        capture_output=True,
    )


# --- setup --------------------------------------------------------------------------------------------


def prepare_database(env: dict[str, str], learners: int) -> list[str]:
    """Recreate the database, migrate it, build the sample content and add the learners in bulk."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.orm import Session

    from app.accounts.models import Role, User
    from app.accounts.passwords import hash_password

    server = create_engine(f"{SERVER_URL}/postgres", isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {DATABASE}"))
    server.dispose()
    elearn = str(Path(sys.executable).with_name("elearn"))
    for command in (["db", "upgrade"], ["build", str(ROOT / "content")]):
        subprocess.run([elearn, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    emails = [f"learner{n}@load.test" for n in range(learners)]
    password_hash = hash_password(PASSWORD)  # one scrypt hash for everyone keeps setup fast
    engine = create_engine(env["ELEARN_DATABASE_URL"])
    with Session(engine) as session:
        for email in emails:
            user = User(email=email, name=email.split("@")[0], password_hash=password_hash)
            user.role_rows = [Role(name="learner")]
            session.add(user)
        session.commit()
    engine.dispose()
    return emails


# --- the run ------------------------------------------------------------------------------------------


@dataclass
class Timeline:
    started: float = field(default_factory=time.time)
    events: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        line = f"t={time.time() - self.started:6.1f}s  {text}"
        self.events.append(line)
        print(line, flush=True)


def load_average() -> str:
    """The machine's load: the figures mean little when other work competes for the same cores."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} CPUs"


def inject_faults(
    duration: float, processes: Processes, ports: dict[str, int], lrs: FakeLRS, timeline: Timeline
) -> None:
    """Kill an app server at 20 %, restart PostgreSQL at 45 %, refuse forwarding from 55 % for 20 %."""

    def at(share: float) -> None:
        time.sleep(max(0.0, timeline.started + share * duration - time.time()))

    at(0.20)
    timeline.note("kill -9 gunicorn a (master and workers)")
    processes.kill_gunicorn("a")
    time.sleep(5)  # systemd's RestartSec
    processes.start_gunicorn("a", ports["a"])
    timeline.note("gunicorn a restarted and healthy")
    at(0.45)
    timeline.note("restarting PostgreSQL")
    restart_postgresql()
    timeline.note("PostgreSQL restarted")
    at(0.55)
    lrs.refuse()
    timeline.note(f"external LRS refuses connections for {0.2 * duration:.0f} s")
    time.sleep(0.2 * duration)
    lrs.accept()
    timeline.note("external LRS accepts connections again")


def run(args: argparse.Namespace, folder: Path) -> int:
    ports = {"a": free_port(), "b": free_port(), "nginx": free_port()}
    lrs = FakeLRS(free_port())
    targets = [
        {"name": "external", "endpoint": lrs.endpoint, "key": "k", "secret": "s", "verbs": FORWARDED_VERBS}
    ]
    env = {
        **os.environ,
        "ELEARN_DATABASE_URL": f"{SERVER_URL}/{DATABASE}",
        "ELEARN_SECRET_KEY": "load-fault-secret-key-shared-by-both-servers",
        "ELEARN_CONTENT_DIR": str(ROOT / "content"),
        "ELEARN_PROXY_COUNT": "1",
        "ELEARN_LRS_FORWARD_TARGETS": json.dumps(targets),
        "ELEARN_LRS_FORWARD_INTERVAL": "2",
        "ELEARN_LRS_FORWARD_BACKOFF_SECONDS": "2",
        "ELEARN_LRS_FORWARD_BACKOFF_MAX_SECONDS": "20",
        "ELEARN_FORWARDED_ALLOW_IPS": "127.0.0.1",
    }
    print(f"preparing database {DATABASE} with {args.learners} learners …", flush=True)
    emails = prepare_database(env, args.learners)
    processes = Processes(folder, env)
    stats, ledger = Stats(), Ledger()
    try:
        processes.start_gunicorn("a", ports["a"])
        processes.start_gunicorn("b", ports["b"])
        processes.start_nginx(ports["nginx"], [ports["a"], ports["b"]])
        base = f"http://127.0.0.1:{ports['nginx']}"
        timeline = Timeline()
        until = timeline.started + args.duration
        timeline.note(f"{args.learners} learners start (ramp {args.ramp:g} s); {load_average()}")
        threads = [threading.Thread(target=prober, args=(base, until, stats), daemon=True)]
        faults = threading.Thread(
            target=inject_faults, args=(args.duration, processes, ports, lrs, timeline), daemon=True
        )
        faults.start()
        threads[0].start()
        for n, email in enumerate(emails):
            thread = threading.Thread(
                target=learner, args=(base, email, n, until, args.pause, stats, ledger), daemon=True
            )
            thread.start()
            threads.append(thread)
            time.sleep(args.ramp / len(emails))
        for thread in threads:  # the last retry starts by until + GRACE and lasts at most 35 s
            thread.join(timeout=max(0.0, until + GRACE + 60 - time.time()))
        still_running = sum(thread.is_alive() for thread in threads)
        if still_running:
            timeline.note(f"{still_running} learners still waiting for an answer; auditing without them")
        faults.join(timeout=120)
        elapsed = time.time() - timeline.started
        processes.stop_nginx()  # the app servers keep running: their workers forward the outbox
        timeline.note(f"load finished; waiting for forwarding to catch up; {load_average()}")
        result = audit(env, ledger, lrs, args.drain_timeout, timeline)
    finally:
        processes.stop_all()
        lrs.refuse()
    return report(args, stats, elapsed, timeline, result)


def report(args: argparse.Namespace, stats: Stats, elapsed: float, timeline: Timeline, result: Any) -> int:
    print()
    print(f"{args.learners} learners, {elapsed:.0f} s, 2 gunicorn instances x 2 workers, PostgreSQL, nginx")
    print("faults:")
    for line in timeline.events:
        print(f"  {line}")
    print(f"{'request':<9}{'count':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'retried':>9}")
    for kind in ("page", "save", "submit", "start", "login", "healthz"):
        values = stats.latencies.get(kind, [])
        print(
            f"{kind:<9}{len(values):>8}{percentile(values, 0.5):>9.1f}{percentile(values, 0.95):>9.1f}"
            f"{percentile(values, 0.99):>9.1f}{max(values, default=float('nan')):>9.1f}"
            f"{stats.retried[kind]:>9}"
        )
    print(f"requests: {stats.requests} ({stats.requests / elapsed:.1f}/s, retries included)")
    print(
        f"errors retried successfully: {sum(stats.retried.values())}; final errors: {len(stats.final_errors)}"
    )
    if stats.final_errors:
        print(
            "  by kind and last answer: "
            + ", ".join(f"{k}: {n}" for k, n in stats.final_by_kind.most_common())
        )
    for error in stats.final_errors[:10]:
        print(f"  {error}")
    print("audit:")
    for line in result.lines:
        print(f"  {line}")
    failed = result.problems + (["final errors"] if stats.final_errors else [])
    print("result: " + ("nothing lost or duplicated" if not failed else "FAILED: " + "; ".join(failed)))
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument(
        "--duration", type=float, default=300.0, help="seconds of load (faults scale with it)"
    )
    parser.add_argument("--pause", type=float, default=4.0, help="mean seconds a learner spends on a step")
    parser.add_argument("--ramp", type=float, default=20.0, help="seconds over which learners arrive")
    parser.add_argument("--drain-timeout", type=float, default=180.0, help="seconds to wait for forwarding")
    parser.add_argument("--keep", action="store_true", help="keep the folder with the logs and nginx config")
    args = parser.parse_args()
    if not shutil.which("pg_ctlcluster") or not os.path.exists("/usr/sbin/nginx"):
        raise SystemExit("needs PostgreSQL's pg_ctlcluster and /usr/sbin/nginx")
    folder = Path(tempfile.mkdtemp(prefix="elearn-load-fault-"))
    try:
        return run(args, folder)
    finally:
        if args.keep:
            print(f"logs kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
