"""``elearn serve`` runs gunicorn (``--dev``: the reloader); ``elearn demo logins`` shows the demo again."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from app.cli import serve as serve_module
from app.cli.serve import gunicorn_command
from tests.conftest import ROOT


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Capture what serve would hand the process to (gunicorn) or run (the development server)."""
    calls: list[Any] = []
    monkeypatch.setattr(serve_module.os, "execv", lambda path, argv: calls.append(("exec", path, argv)))
    monkeypatch.setattr(
        serve_module, "run_simple", lambda *args, **kwargs: calls.append(("dev", args, kwargs))
    )
    return calls


def test_the_gunicorn_command_uses_the_deployed_configuration() -> None:
    command = gunicorn_command("0.0.0.0", 8080, python="/venv/bin/python")
    assert command == [
        "/venv/bin/python",
        "-m",
        "gunicorn",
        "-c",
        str(ROOT / "deploy" / "gunicorn.conf.py"),
        "--bind",
        "0.0.0.0:8080",
        "app:create_app()",
    ]


def test_gunicorn_accepts_the_command_and_loads_the_app(tmp_path: Path) -> None:
    env = os.environ | {"ELEARN_DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}"}
    checked = subprocess.run(
        [*gunicorn_command("127.0.0.1", 5099), "--check-config"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stderr


def test_serve_hands_over_to_gunicorn_with_host_and_port(app: Flask, launched: list[Any]) -> None:
    result = app.test_cli_runner().invoke(args=["serve", "--no-demo", "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0, result.output
    [(kind, path, argv)] = launched
    assert kind == "exec" and path == sys.executable
    assert argv == gunicorn_command("0.0.0.0", 8123)
    assert "Demo logins" not in result.output


def test_serve_dev_keeps_the_reloader(app: Flask, launched: list[Any]) -> None:
    result = app.test_cli_runner().invoke(args=["serve", "--dev", "--no-demo", "--port", "5001"])
    assert result.exit_code == 0, result.output
    [(kind, args, kwargs)] = launched
    assert kind == "dev" and args[:2] == ("127.0.0.1", 5001)
    assert kwargs["use_reloader"] is True


def test_the_demo_logins_are_kept_privately_and_shown_again(app: Flask, launched: list[Any]) -> None:
    runner = app.test_cli_runner()
    assert "no demo logins" in runner.invoke(args=["demo", "logins"]).output
    first = runner.invoke(args=["serve"])
    assert first.exit_code == 0, first.output
    lines = [line for line in first.output.splitlines() if "password: demo-" in line]
    assert len(lines) == 10
    kept = Path(app.instance_path) / "demo-logins.json"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    shown = runner.invoke(args=["demo", "logins"])
    assert shown.exit_code == 0, shown.output
    assert shown.output.splitlines() == lines
    again = runner.invoke(args=["serve"])  # a second serve neither seeds nor prints new logins
    assert again.exit_code == 0 and "password:" not in again.output
    assert runner.invoke(args=["demo", "logins"]).output.splitlines() == lines
