"""A test LMS for cmi5 and xAPI launches: serves the unpacked package, the cmi5 fetch URL (one token, once)
and a return page, on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.exporters.browser import QuietHandler


class LaunchHandler(QuietHandler):
    token: str = ""
    fetches: list[str]

    def do_POST(self) -> None:  # noqa: N802 - the name http.server dispatches to
        if self.path != "/fetch":
            self.send_error(404)
            return
        self.fetches.append(self.path)
        if len(self.fetches) == 1:
            self._json(200, {"auth-token": self.token})
        else:  # cmi5: the fetch URL hands out its token once
            self._json(401, {"error-code": "1", "error-text": "the token was already fetched"})

    def _json(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def launch_server(directory: Path, token: str = "") -> Iterator[tuple[str, list[str]]]:
    """Serve ``directory``; yield the base URL and the list of fetch-URL calls."""
    (directory / "returned.html").write_text(
        "<!DOCTYPE html><title>Back in the LMS</title><p>Back in the LMS</p>"
    )
    fetches: list[str] = []
    handler_class = type("Handler", (LaunchHandler,), {"token": token, "fetches": fetches})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", fetches
    finally:
        server.shutdown()
        server.server_close()
