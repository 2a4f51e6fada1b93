"""Signed statements (xAPI-Data 2.6): the JWS attachment must be well formed, RS256/384/512, carry the
statement itself as payload and, when it names an X.509 certificate, verify against that certificate."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping, Sequence
from typing import Any

from learning_record_store.attachments import statement_attachments
from learning_record_store.errors import BadRequest
from learning_record_store.shaping import is_same_statement

SIGNATURE_USAGE = "http://adlnet.gov/expapi/attachments/signature"
ALGORITHMS = {"RS256": "SHA256", "RS384": "SHA384", "RS512": "SHA512"}


def _b64url(text: str, where: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise BadRequest(f"{where}: not base64url") from None


def _json(data: bytes, where: str) -> Any:
    try:
        return json.loads(data)
    except (UnicodeDecodeError, ValueError):
        raise BadRequest(f"{where}: not JSON") from None


def check_signatures(
    statements: Sequence[Mapping[str, Any]], contents: Mapping[str, tuple[str, bytes]]
) -> None:
    """Reject (400) any statement whose signature attachment is malformed or does not match it."""
    for index, position, attachment in statement_attachments(statements):
        if attachment.get("usageType") != SIGNATURE_USAGE:
            continue
        where = f"statements[{index}].attachments[{position}]"
        if attachment.get("contentType") != "application/octet-stream":
            raise BadRequest(f"{where}.contentType: a signature must be application/octet-stream")
        content = contents.get(str(attachment.get("sha2", "")).lower())
        if content is None:
            raise BadRequest(f"{where}: the signature must be sent as a multipart part")
        verify_jws(content[1], statements[index], where)


def verify_jws(token: bytes, statement: Mapping[str, Any], where: str) -> None:
    """Check one JWS compact serialization against the statement it signs."""
    try:
        header_b64, payload_b64, signature_b64 = token.decode("ascii").strip().split(".")
    except (UnicodeDecodeError, ValueError):
        raise BadRequest(f"{where}: the signature is not a JWS compact serialization") from None
    header = _json(_b64url(header_b64, f"{where}: JWS header"), f"{where}: JWS header")
    if not isinstance(header, dict) or header.get("alg") not in ALGORITHMS:
        raise BadRequest(f"{where}: the JWS algorithm must be RS256, RS384 or RS512")
    payload = _json(_b64url(payload_b64, f"{where}: JWS payload"), f"{where}: JWS payload")
    if not isinstance(payload, dict) or not _signs(payload, statement):
        raise BadRequest(f"{where}: the JWS payload does not match the statement")
    if header.get("x5c"):
        _verify_with_certificate(
            header,
            f"{header_b64}.{payload_b64}".encode(),
            _b64url(signature_b64, f"{where}: JWS signature"),
            where,
        )


def _signs(payload: Mapping[str, Any], statement: Mapping[str, Any]) -> bool:
    unsigned = dict(statement)
    kept = [item for item in statement.get("attachments", []) if item.get("usageType") != SIGNATURE_USAGE]
    if kept:
        unsigned["attachments"] = kept
    else:
        unsigned.pop("attachments", None)
    if "id" in payload and "id" in statement and str(payload["id"]).lower() != str(statement["id"]).lower():
        return False
    hashes = sorted(str(item.get("sha2")) for item in kept)
    if hashes != sorted(str(item.get("sha2")) for item in payload.get("attachments", [])):
        return False
    try:
        return is_same_statement(payload, unsigned)
    except (KeyError, TypeError, AttributeError, ValueError):
        return False


def _verify_with_certificate(header: Mapping[str, Any], signed: bytes, signature: bytes, where: str) -> None:
    # cryptography is only needed here: RSA verification against the certificate named by x5c.
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    try:
        der = base64.b64decode(header["x5c"][0], validate=True)
        key = x509.load_der_x509_certificate(der).public_key()
    except (binascii.Error, ValueError, TypeError, IndexError, KeyError):
        raise BadRequest(f"{where}: the JWS x5c certificate cannot be read") from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise BadRequest(f"{where}: the JWS x5c certificate has no RSA key")
    try:
        key.verify(signature, signed, padding.PKCS1v15(), getattr(hashes, ALGORITHMS[header["alg"]])())
    except InvalidSignature:
        raise BadRequest(f"{where}: the JWS signature does not verify against its x5c certificate") from None
