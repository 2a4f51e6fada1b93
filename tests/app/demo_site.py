"""The demo as ``elearn serve`` creates it on an empty database, served in a thread for browser tests.

Creating the demo takes seconds, so a test module makes it once (``demo_site`` in a module-scoped
fixture) and its tests share it: they must only read, or change what no other test of the module looks at.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from werkzeug.serving import make_server

from app import create_app
from app.cli.serve import prepare
from app.database import get_db
from app.demo import DemoLogin
from app.demo.logins import load_logins
from tests.conftest import ROOT


@dataclass(frozen=True, slots=True)
class DemoSite:
    app: Flask
    base: str  # the served site's root URL, without a trailing slash
    logins: tuple[DemoLogin, ...]

    def login(self, role: str) -> DemoLogin:
        """The first demo login holding ``role`` (in the demo's order: mentor1, learner1 …)."""
        return next(x for x in self.logins if role in x.roles)


def seeded_demo_app(database_url: str, instance: Path) -> Flask:
    """An app on ``database_url``, prepared as ``elearn serve`` prepares an empty one: content and demo."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "demo-site-tests",
            "DATABASE_URL": database_url,
            "CONTENT_DIR": str(ROOT / "content"),
            "SERVER_NAME": None,
        }
    )
    app.instance_path = str(instance)
    with app.app_context():
        prepare(app, demo=True)
    return app


@contextmanager
def served(app: Flask) -> Iterator[str]:
    """Serve the app on a free local port in a thread; yield its root URL."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        get_db(app).dispose()


@contextmanager
def demo_site(database_url: str, instance: Path) -> Iterator[DemoSite]:
    """The seeded demo, served; its logins read back as ``elearn demo logins`` reads them."""
    app = seeded_demo_app(database_url, instance)
    logins = tuple(load_logins(app.instance_path))
    assert logins, "the demo was not created: the database was not empty"
    with served(app) as base:
        yield DemoSite(app, base, logins)
