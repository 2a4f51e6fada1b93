"""The framework and the follow-up playbook as mentoring needs them.

Both come from the published content when ``elearn build`` has stored them; before that (a fresh checkout,
the tests) they are compiled straight from ``CONTENT_DIR`` and kept per process, keyed by file times.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from flask import current_app
from sqlalchemy.orm import Session

import courses
from courses.model import Competency, Framework
from courses.playbook import Playbook, compile_playbook
from courses.playbook_store import get_playbook

_CACHE: dict[tuple[str, str, float], Any] = {}


def framework(session: Session) -> Framework:
    """Return the published framework, else the one in the content folder."""
    published = courses.get_framework(session)
    if published is not None:
        return published
    path = _content_dir() / "competencies.yaml"
    return _cached("framework", path, lambda: _read_framework(path))


def playbook(session: Session) -> Playbook:
    """Return the published playbook, else the one compiled from ``content/followups``."""
    published = get_playbook(session)
    if published is not None:
        return published
    folder = _content_dir() / "followups"
    known = [c.id for c in framework(session).competencies]
    return _cached("playbook", folder, lambda: compile_playbook(folder, competencies=known, modules=[])[0])


def competency_names(session: Session) -> dict[str, str]:
    return {c.id: c.name for c in framework(session).competencies}


def _content_dir() -> Path:
    configured = current_app.config.get("CONTENT_DIR")
    return Path(configured) if configured else Path(current_app.root_path).parent / "content"


def _cached(kind: str, path: Path, build: Any) -> Any:
    files = [path] if path.is_file() else sorted(path.glob("*.md")) if path.is_dir() else []
    stamp = max((f.stat().st_mtime for f in files), default=0.0)
    key = (kind, str(path), stamp)
    if key not in _CACHE:
        _CACHE[key] = build()
    return _CACHE[key]


def _read_framework(path: Path) -> Framework:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    data = data or {}
    default = float(data.get("threshold", 0.75))
    competencies = tuple(
        Competency(
            c["id"], c.get("name", c["id"]), c.get("description", ""), float(c.get("threshold", default))
        )
        for c in data.get("competencies", ())
    )
    return Framework(data.get("framework", "framework"), data.get("name", ""), default, competencies)
