"""Checks of single values (IRIs, UUIDs, timestamps, durations, language tags …): each takes the value and
its path and raises ``StatementValidationError`` naming that path."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from learning_record_store.errors import StatementValidationError as Invalid
from learning_record_store.strict_json import refusal

IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+")
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}")
SHA1 = re.compile(r"[0-9a-fA-F]{40}")
MAILTO = re.compile(r"mailto:[^@\s]+@[^@\s]+")
TIMESTAMP = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})T(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?"
    r"(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?"
)
DURATION = re.compile(
    r"P(?:\d+(?:[.,]\d+)?W|(?=\d|T\d)(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?D)?"
    r"(?:T(?=\d)(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?)"
)
# RFC 5646 well-formedness: the sequence of subtag lengths of a langtag, a private use tag or an
# irregular grandfathered tag.
LANGUAGE_TAG = re.compile(
    r"(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?)"
    r"|[Xx](?:-[A-Za-z0-9]{1,8})+"
    r"|en-GB-oed|i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)"
    r"|sgn-(?:BE-FR|BE-NL|CH-DE)"
)


def string(value: Any, path: str) -> None:
    if type(value) is not str:
        raise Invalid("must be a string", path=path)
    if reason := refusal(value):
        raise Invalid(reason, path=path)


def non_empty_string(value: Any, path: str) -> None:
    string(value, path)
    if not value:
        raise Invalid("must not be empty", path=path)


def boolean(value: Any, path: str) -> None:
    if type(value) is not bool:
        raise Invalid("must be true or false", path=path)


def number(value: Any, path: str) -> None:
    # bool is a subclass of int in Python, but `true` is not a number in JSON.
    if type(value) not in (int, float):
        raise Invalid("must be a number", path=path)
    # 1e400 reads as infinity, which JSON cannot carry back out; a 1,024-bit integer overflows a float.
    too_large = type(value) is int and value.bit_length() > 1024
    if too_large or (type(value) is float and not math.isfinite(value)):
        raise Invalid("must be a finite number", path=path)


def non_negative_integer(value: Any, path: str) -> None:
    if type(value) is not int or value < 0:
        raise Invalid("must be a non-negative integer", path=path)


def iri(value: Any, path: str) -> None:
    if type(value) is not str or not IRI.fullmatch(value):
        raise Invalid("must be an IRI with a scheme", path=path)


def uuid(value: Any, path: str) -> None:
    if type(value) is not str or not UUID.fullmatch(value):
        raise Invalid("must be a UUID (RFC 4122 variant 2)", path=path)


def mailto(value: Any, path: str) -> None:
    if type(value) is not str or not MAILTO.fullmatch(value):
        raise Invalid("must be a mailto: IRI with an email address", path=path)


def sha1(value: Any, path: str) -> None:
    if type(value) is not str or not SHA1.fullmatch(value):
        raise Invalid("must be a hex-encoded SHA-1 hash", path=path)


def sha2(value: Any, path: str) -> None:
    if type(value) is not str or not re.fullmatch(r"[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128}", value):
        raise Invalid("must be a hex-encoded SHA-2 hash", path=path)


def media_type(value: Any, path: str) -> None:
    if type(value) is not str or not re.fullmatch(r"[\w.+\-]+/[\w.+\-]+(\s*;.*)?", value):
        raise Invalid("must be an Internet Media Type", path=path)


def language_tag(value: Any, path: str) -> None:
    if type(value) is not str or not LANGUAGE_TAG.fullmatch(value):
        raise Invalid(f"{value!r} is not an RFC 5646 language tag", path=path)


def language_map(value: Any, path: str) -> None:
    if not isinstance(value, dict):
        raise Invalid("must be a language map (an object of language tag: string)", path=path)
    if not value:  # a map without a single language says nothing: leave the property out instead
        raise Invalid("must hold at least one language tag: string entry (or be left out)", path=path)
    for tag, text in value.items():
        language_tag(tag, path)
        if type(text) is not str:
            raise Invalid("must be a string", path=f"{path}.{tag}")


def extensions(value: Any, path: str) -> None:
    # Values are free (the LRS must not reject a statement for them), null included.
    if not isinstance(value, dict):
        raise Invalid("must be an object of IRI: value", path=path)
    for key in value:
        if not IRI.fullmatch(key):
            raise Invalid(f"key {key!r} must be an IRI", path=path)


def parse_timestamp(value: Any, path: str) -> datetime:
    """Return the instant an ISO 8601 timestamp names (UTC when it has no zone)."""
    match = TIMESTAMP.fullmatch(value) if type(value) is str else None
    if match is None:
        raise Invalid("must be an ISO 8601 timestamp", path=path)
    zone = match["zone"]
    if zone in ("-00:00", "-0000", "-00"):
        raise Invalid("must not use the -00:00 offset", path=path)
    fraction = (match["fraction"] or "0")[:6].ljust(6, "0")
    try:
        moment = datetime.fromisoformat(
            f"{match['date']}T{match['hour']}:{match['minute']}:{match['second'] or '00'}.{fraction}"
        )
        return moment.replace(tzinfo=_zone(zone))
    except ValueError:
        raise Invalid("must be an ISO 8601 timestamp (a date or time is out of range)", path=path) from None


def _zone(zone: str | None) -> timezone:
    if zone in (None, "Z"):
        return UTC
    digits = zone[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    return timezone(-offset if zone[0] == "-" else offset)


def timestamp(value: Any, path: str) -> None:
    parse_timestamp(value, path)


def duration(value: Any, path: str) -> None:
    if type(value) is not str or not DURATION.fullmatch(value) or value.endswith("T"):
        raise Invalid("must be an ISO 8601 duration", path=path)


def one_of(*choices: str) -> Any:
    def check(value: Any, path: str) -> None:
        if value not in choices:
            raise Invalid(f"must be one of {', '.join(choices)}", path=path)

    return check


def list_of(check: Any, *, allow_empty: bool = True) -> Any:
    def check_list(value: Any, path: str) -> None:
        if type(value) is not list or (not allow_empty and not value):
            raise Invalid("must be a list" if allow_empty else "must be a non-empty list", path=path)
        for index, item in enumerate(value):
            check(item, f"{path}[{index}]")

    return check_list


def require_object(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise Invalid("must be an object", path=path)
    return value
