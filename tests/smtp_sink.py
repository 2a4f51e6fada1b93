"""A local SMTP sink for tests (127.0.0.1 only): just enough SMTP to receive and keep messages."""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Greets, accepts every command, stores each DATA block."""

    def handle(self) -> None:
        self._reply("220 sink ready")
        while line := self.rfile.readline():
            command = line.decode().strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self._reply("250 sink")
            elif command == "DATA":
                self._reply("354 end with .")
                body = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    body.append(data[1:] if data.startswith(b"..") else data)
                self.server.messages.append(b"".join(body))  # type: ignore[attr-defined]
                self._reply("250 queued")
            elif command == "QUIT":
                self._reply("221 bye")
                return
            else:
                self._reply("250 ok")

    def _reply(self, text: str) -> None:
        self.wfile.write(text.encode() + b"\r\n")


@contextmanager
def running_smtp_sink() -> Iterator[socketserver.ThreadingTCPServer]:
    """Serve a sink on a free port; ``server.messages`` holds the raw messages received."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.messages = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
