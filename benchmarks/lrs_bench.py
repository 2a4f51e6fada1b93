#!/usr/bin/env python3
"""Benchmark the LRS: serve elearn with gunicorn (2 workers) on a fresh database, create a client, and run
../shared/bench/lrs_bench.py (or --bench) against it, printing its figures.

    .venv/bin/python benchmarks/lrs_bench.py                       # SQLite in a temporary directory
    .venv/bin/python benchmarks/lrs_bench.py --database-url postgresql+psycopg://postgres@127.0.0.1/elearn_bench

A PostgreSQL database given here is emptied first (its public schema is dropped), unless --keep-database:

    # 1,000,000 statements, then the queries again on what they left
    URL=postgresql+psycopg://postgres@127.0.0.1/elearn_bench
    .venv/bin/python benchmarks/lrs_bench.py --statements 1000000 --database-url $URL
    .venv/bin/python benchmarks/lrs_bench.py --statements 1000000 --database-url $URL \\
        --keep-database -- --phases query
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # import the checkout's packages, whatever the current directory
DEFAULT_BENCH = ROOT.parent / "shared" / "bench" / "lrs_bench.py"  # shared/ sits beside the checkout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fresh_database(url: str | None, workdir: Path, *, keep: bool = False) -> str:
    """Return the URL of an empty (unless ``keep``), migrated database."""
    from sqlalchemy import text

    from app import migrate
    from app.database import make_engine

    url = url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    engine = make_engine(url)
    if engine.dialect.name == "postgresql" and not keep:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    migrate.upgrade(engine)
    engine.dispose()
    return url


def create_credentials(url: str) -> tuple[str, str]:
    from sqlalchemy.orm import Session

    from app.database import make_engine
    from learning_record_store.credentials import create_client

    engine = make_engine(url)
    with Session(engine) as session:
        issued = create_client(session, name="Benchmark", scopes="all")
        key, secret = issued.client.key, issued.secret
        session.commit()
    engine.dispose()
    return key, secret


def server_cpu_seconds(pid: int) -> float:
    """Return the user + system CPU seconds of a process and its children (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
        pids += [int(child) for child in children]
    return total


def wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per worker (1: sync workers, the fastest for ingest; more: gthread)",
    )
    parser.add_argument("--statements", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="PostgreSQL: keep what an earlier run stored (e.g. to time queries again: -- --phases query)",
    )
    parser.add_argument("extra", nargs="*", help="more arguments for the bench script (after --)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="elearn-bench-") as tmp:
        workdir = Path(tmp)
        url = fresh_database(args.database_url, workdir, keep=args.keep_database)
        key, secret = create_credentials(url)
        port = free_port()
        env = {**os.environ, "ELEARN_DATABASE_URL": url, "ELEARN_SECRET_KEY": "benchmark"}
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                str(args.workers),
                "--threads",
                str(args.threads),
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "app:create_app()",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            endpoint = f"http://127.0.0.1:{port}/xapi/"
            wait_until_up(endpoint + "about", server)
            command = [
                sys.executable,
                str(args.bench),
                "--endpoint",
                endpoint,
                "--user",
                key,
                f"--password={secret}",
                "--statements",
                str(args.statements),
                "--batch",
                str(args.batch),
                "--concurrency",
                str(args.concurrency),
                *args.extra,
            ]
            where = url.split("@")[-1]
            print(f"database: {where}  workers: {args.workers} × {args.threads} threads", flush=True)
            before = server_cpu_seconds(server.pid)
            returncode = subprocess.run(command, check=False).returncode
            spent = server_cpu_seconds(server.pid) - before
            # On a shared machine wall-clock figures move with the load; the CPU the server spent does not.
            print(
                f"server CPU for the whole run: {spent:.1f} s "
                f"({spent / args.statements * 1000:.3f} ms per statement stored, queries included)"
            )
            return returncode
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
