"""Attachments over multipart/mixed and signed statements (JWS RS256 with an x5c certificate)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from learning_record_store.attachments import build_multipart
from tests.learning_record_store.statement_fixtures import statement

SIGNATURE = "http://adlnet.gov/expapi/attachments/signature"
BOUNDARY = "abc123boundary"


def attachment(content: bytes, **changes: Any) -> dict[str, Any]:
    return {
        "usageType": "https://elearn.example/usage/transcript",
        "display": {"en-US": "Transcript"},
        "contentType": "text/plain",
        "length": len(content),
        "sha2": hashlib.sha256(content).hexdigest(),
        **changes,
    }


def send(client, headers, statements: Any, parts: dict[str, tuple[str, bytes]], **extra_headers: str):
    body = build_multipart(json.dumps(statements), parts, BOUNDARY)
    return client.post(
        "/xapi/statements",
        data=body,
        headers={**headers, **extra_headers},
        content_type=f"multipart/mixed; boundary={BOUNDARY}",
    )


def test_attachment_round_trip(client, lrs_headers):
    content = b"caller: thanks, bye"
    sha2 = hashlib.sha256(content).hexdigest()
    response = send(
        client, lrs_headers, statement(attachments=[attachment(content)]), {sha2: ("text/plain", content)}
    )
    assert response.status_code == 200, response.json
    fetched = client.get(
        "/xapi/statements",
        query_string={"statementId": response.json[0], "attachments": "true"},
        headers=lrs_headers,
    )
    assert fetched.mimetype == "multipart/mixed"
    assert content in fetched.data and f"X-Experience-API-Hash: {sha2}".encode() in fetched.data


def test_attachment_hash_mismatch_missing_or_extra_part_is_rejected(client, lrs_headers):
    content = b"caller: thanks, bye"
    sha2 = hashlib.sha256(content).hexdigest()
    wrong = send(
        client, lrs_headers, statement(attachments=[attachment(content)]), {sha2: ("text/plain", b"other")}
    )
    assert wrong.status_code == 400 and "does not match" in wrong.json["message"]
    missing = send(client, lrs_headers, statement(attachments=[attachment(content)]), {})
    assert missing.status_code == 400 and "no fileUrl" in missing.json["message"]
    extra = send(client, lrs_headers, statement(), {sha2: ("text/plain", content)})
    assert extra.status_code == 400
    as_json = client.post(
        "/xapi/statements",
        data=json.dumps(statement(attachments=[attachment(content)])),
        headers=lrs_headers,
        content_type="application/json",
    )
    assert as_json.status_code == 400


@pytest.mark.parametrize("encoding", ["base64", None])
def test_attachment_parts_must_be_sent_binary(client, lrs_headers, encoding):
    content = b"caller: thanks, bye"
    sha2 = hashlib.sha256(content).hexdigest()
    body = build_multipart(
        json.dumps(statement(attachments=[attachment(content)])), {sha2: ("text/plain", content)}, BOUNDARY
    )
    replacement = f"Content-Transfer-Encoding: {encoding}\r\n".encode() if encoding else b""
    body = body.replace(b"Content-Transfer-Encoding: binary\r\n", replacement)
    response = client.post(
        "/xapi/statements",
        data=body,
        headers=lrs_headers,
        content_type=f"multipart/mixed; boundary={BOUNDARY}",
    )
    assert response.status_code == 400
    assert response.json["message"] == (
        f"multipart part 1: Content-Transfer-Encoding must be binary (got {encoding or 'none'})"
    )


def test_file_url_attachment_needs_no_part(client, lrs_headers):
    with_url = attachment(b"elsewhere", fileUrl="https://files.example/transcript.txt")
    response = client.post(
        "/xapi/statements",
        data=json.dumps(statement(attachments=[with_url])),
        headers=lrs_headers,
        content_type="application/json",
    )
    assert response.status_code == 200


@pytest.fixture(scope="module")
def signer() -> tuple[rsa.RSAPrivateKey, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "elearn test signer")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return key, base64.b64encode(certificate.public_bytes(serialization.Encoding.DER)).decode()


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def jws(key: rsa.RSAPrivateKey, x5c: str, payload: dict[str, Any], alg: str = "RS256") -> bytes:
    header = b64url(json.dumps({"alg": alg, "x5c": [x5c]}).encode())
    body = b64url(json.dumps(payload).encode())
    signature = key.sign(f"{header}.{body}".encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{header}.{body}.{b64url(signature)}".encode()


def signed(token: bytes, original: dict[str, Any], **changes: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    sha2 = hashlib.sha256(token).hexdigest()
    signature = attachment(token, usageType=SIGNATURE, contentType="application/octet-stream", **changes)
    return {**original, "attachments": [signature]}, {sha2: ("application/octet-stream", token)}


def test_signed_statement_is_accepted(client, lrs_headers, signer):
    key, x5c = signer
    original = statement(id="2b9a4a9e-5d0b-4bb4-9d35-6f8b1f0a7c11")
    body, parts = signed(jws(key, x5c, original), original)
    response = send(client, lrs_headers, body, parts)
    assert response.status_code == 200, response.json


def test_signature_must_match_and_verify(client, lrs_headers, signer):
    key, x5c = signer
    original = statement()
    tampered, parts = signed(jws(key, x5c, original), statement(result={"success": True}))
    assert send(client, lrs_headers, tampered, parts).json["message"].endswith("does not match the statement")
    token = jws(key, x5c, original)
    header, payload, signature = token.split(b".")
    forged = b".".join(
        [header, payload, signature[:-4] + (b"AAAA" if not signature.endswith(b"AAAA") else b"BBBB")]
    )
    body, parts = signed(forged, original)
    assert "does not verify" in send(client, lrs_headers, body, parts).json["message"]
    body, parts = signed(b"not a jws", original)
    assert send(client, lrs_headers, body, parts).status_code == 400
    hs256 = b".".join([b64url(json.dumps({"alg": "HS256"}).encode()).encode(), payload, signature])
    body, parts = signed(hs256, original)
    assert "RS256, RS384 or RS512" in send(client, lrs_headers, body, parts).json["message"]
    body, parts = signed(token, original)
    body["attachments"][0]["contentType"] = "application/jose"
    assert send(client, lrs_headers, body, parts).status_code == 400
