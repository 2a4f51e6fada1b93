"""The demo logins, kept in the instance folder (readable by its owner only) so they can be shown again.

The demo accounts share one generated password. Its hash is all the database holds, so the password itself
is written to ``<instance>/demo-logins.json`` with mode 0600 when the demo is created; ``elearn demo logins``
prints it from there. Delete the file (or change the passwords) to forget it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from app.demo import DemoLogin

FILE_NAME = "demo-logins.json"


def logins_file(instance_path: str | Path) -> Path:
    return Path(instance_path) / FILE_NAME


def save_logins(instance_path: str | Path, logins: Sequence[DemoLogin]) -> Path:
    """Write the logins to the instance folder, readable and writable by the owner only."""
    path = logins_file(instance_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = [{"email": x.email, "roles": list(x.roles), "password": x.password} for x in logins]
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(data, file, indent=2)
    path.chmod(0o600)  # an older file keeps its mode through O_CREAT
    return path


def load_logins(instance_path: str | Path) -> list[DemoLogin]:
    """Read the saved logins; an empty list when there are none."""
    path = logins_file(instance_path)
    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return [DemoLogin(d["email"], tuple(d["roles"]), d["password"]) for d in data]


def format_logins(logins: Sequence[DemoLogin]) -> list[str]:
    return [f"  {x.email:<24} {','.join(x.roles):<8} password: {x.password}" for x in logins]
