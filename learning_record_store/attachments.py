"""Attachments of statement requests: multipart/mixed parsing and the SHA-2 checks of each part."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from learning_record_store import strict_json
from learning_record_store.errors import BadRequest

HASH_HEADER = "x-experience-api-hash"
SIGNATURE_USAGE = "http://adlnet.gov/expapi/attachments/signature"
_HASHES = {64: hashlib.sha256, 96: hashlib.sha384, 128: hashlib.sha512}


@dataclass(frozen=True, slots=True)
class Part:
    headers: Mapping[str, str]  # lower-cased names
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def boundary_of(content_type: str) -> str:
    match = re.search(r'boundary=(?:"([^"]+)"|([^;\s]+))', content_type)
    if match is None:
        raise BadRequest("Content-Type: multipart/mixed needs a boundary")
    return match.group(1) or match.group(2)


def split_multipart(body: bytes, boundary: str) -> list[Part]:
    """Split a multipart body into its parts (headers and raw content)."""
    delimiter = b"--" + boundary.encode()
    chunks = body.split(delimiter)
    if len(chunks) < 3 or not chunks[-1].startswith(b"--"):
        raise BadRequest("request body: malformed multipart/mixed (missing boundaries)")
    parts = []
    for chunk in chunks[1:-1]:
        chunk = chunk[2:] if chunk.startswith(b"\r\n") else chunk.lstrip(b"\n")
        head, separator, content = chunk.partition(b"\r\n\r\n")
        if not separator:
            head, separator, content = chunk.partition(b"\n\n")
        if not separator:
            raise BadRequest("request body: a multipart part has no header block")
        headers = {}
        for line in head.decode("latin-1").splitlines():
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        parts.append(Part(headers, content[:-2] if content.endswith(b"\r\n") else content.rstrip(b"\n")))
    return parts


def parse_statement_request(content_type: str, body: bytes) -> tuple[Any, dict[str, Part]]:
    """Return the statements JSON of a multipart/mixed request and its attachment parts by SHA-2 hash."""
    parts = split_multipart(body, boundary_of(content_type))
    first, rest = parts[0], parts[1:]
    if first.content_type != "application/json":
        raise BadRequest("request body: the first multipart part must be application/json statements")
    statements = strict_json.parse(first.body, where="request body: statements part")
    by_hash: dict[str, Part] = {}
    for position, part in enumerate(rest, start=1):
        encoding = part.headers.get("content-transfer-encoding", "")
        if encoding.lower() != "binary":
            raise BadRequest(
                f"multipart part {position}: Content-Transfer-Encoding must be binary"
                f" (got {encoding or 'none'})"
            )
        declared = part.headers.get(HASH_HEADER, "").lower()
        hasher = _HASHES.get(len(declared))
        if hasher is None:
            raise BadRequest(
                f"multipart part {position}: X-Experience-API-Hash header missing or not a SHA-2 hash"
            )
        if hasher(part.body).hexdigest() != declared:
            raise BadRequest(f"multipart part {position}: content does not match its X-Experience-API-Hash")
        by_hash[declared] = part
    return statements, by_hash


def statement_attachments(
    statements: Sequence[Mapping[str, Any]],
) -> Iterable[tuple[int, int, Mapping[str, Any]]]:
    """Yield (statement index, attachment index, attachment) for well-formed attachment lists.

    Runs before validation (which reports malformed ones with their paths), so it skips what is not a list
    of objects.
    """
    for index, statement in enumerate(statements):
        items = statement.get("attachments")
        if type(items) is not list:
            continue
        for position, attachment in enumerate(items):
            if isinstance(attachment, Mapping):
                yield index, position, attachment


def match_parts(
    statements: Sequence[Mapping[str, Any]], parts: Mapping[str, Part]
) -> dict[str, tuple[str, bytes]]:
    """Check each attachment without fileUrl has a part and each part an attachment; return contents."""
    declared = set()
    for index, position, attachment in statement_attachments(statements):
        sha2 = str(attachment.get("sha2", "")).lower()
        declared.add(sha2)
        if sha2 not in parts and "fileUrl" not in attachment:
            raise BadRequest(
                f"statements[{index}].attachments[{position}]: no fileUrl and no multipart part "
                f"with X-Experience-API-Hash {sha2}"
            )
    extra = sorted(set(parts) - declared)
    if extra:
        raise BadRequest(f"multipart: parts {extra} match no attachment of the statements")
    return {
        sha2: (part.content_type or "application/octet-stream", part.body) for sha2, part in parts.items()
    }


def build_multipart(statements_json: str, contents: Mapping[str, tuple[str, bytes]], boundary: str) -> bytes:
    """Return a multipart/mixed body: the statements JSON, then each attachment with its hash."""
    chunks = [
        f"--{boundary}\r\nContent-Type: application/json\r\n\r\n".encode(),
        statements_json.encode(),
        b"\r\n",
    ]
    for sha2, (content_type, data) in contents.items():
        chunks.append(
            f"--{boundary}\r\nContent-Type: {content_type}\r\nContent-Transfer-Encoding: binary\r\n"
            f"X-Experience-API-Hash: {sha2}\r\n\r\n".encode()
        )
        chunks += [data, b"\r\n"]
    chunks.append(f"--{boundary}--".encode())
    return b"".join(chunks)
