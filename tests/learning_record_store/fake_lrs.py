"""A small stand-in for a remote LRS on 127.0.0.1, scripted to refuse before it accepts."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class FakeLRS:
    """Stores statements like an LRS (ids are immutable: a known id answers 409) and records traffic.

    ``script`` holds what the next POSTs do instead of the normal behaviour: ``"refuse"`` (503),
    ``"store-then-fail"`` (keeps the batch but answers 500, as when a response is lost) or ``"hang-up"``
    (closes the connection without answering).
    """

    def __init__(self, *, username: str = "fwd-key", password: str = "fwd-secret") -> None:
        self.credentials = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
        self.stored: list[str] = []
        self.statements: dict[str, dict] = {}
        self.script: list[str] = []
        self.poison: set[str] = set()
        self.requests: list[tuple[str, int]] = []  # (method, number of statements)
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/xapi/"

    def _store(self, statements: list[dict]) -> None:
        for statement in statements:
            self.stored.append(statement["id"])
            self.statements[statement["id"]] = statement

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                pass

            def _answer(self, status: int, body: object = None) -> None:
                data = json.dumps(body).encode() if body is not None else b""
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _read(self) -> object:
                return json.loads(self.rfile.read(int(self.headers["Content-Length"])))

            def _authorised(self) -> bool:
                if self.headers.get("Authorization") != lrs.credentials:
                    self._answer(401, {"error": "Unauthorized"})
                    return False
                if self.headers.get("X-Experience-API-Version") != "1.0.3":
                    self._answer(400, {"error": "missing version"})
                    return False
                return True

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                if not self._authorised():
                    return
                batch = self._read()
                with lrs.lock:
                    lrs.requests.append(("POST", len(batch)))
                    action = lrs.script.pop(0) if lrs.script else None
                    if action == "refuse":
                        return self._answer(503, {"error": "Service Unavailable"})
                    if action == "hang-up":
                        self.close_connection = True
                        self.connection.close()
                        return None
                    if action == "store-then-fail":
                        lrs._store(batch)
                        return self._answer(500, {"error": "Internal Server Error"})
                    if any(s["id"] in lrs.statements for s in batch):
                        return self._answer(409, {"error": "Conflict"})
                    if any(s["id"] in lrs.poison for s in batch):
                        return self._answer(400, {"error": "Bad Request"})
                    lrs._store(batch)
                    return self._answer(200, [s["id"] for s in batch])

            def do_PUT(self) -> None:  # noqa: N802
                if not self._authorised():
                    return
                statement_id = parse_qs(urlsplit(self.path).query)["statementId"][0]
                statement = self._read()
                with lrs.lock:
                    lrs.requests.append(("PUT", 1))
                    if statement_id in lrs.statements:
                        return self._answer(409, {"error": "Conflict"})
                    if statement_id in lrs.poison:
                        return self._answer(400, {"error": "Bad Request", "message": "not for us"})
                    lrs._store([statement])
                    return self._answer(204)

        return Handler

    @contextmanager
    def running(self) -> Iterator[FakeLRS]:
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.server.shutdown()
            self.server.server_close()
            thread.join()
