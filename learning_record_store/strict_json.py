"""JSON in, read strictly: a depth limit, finite numbers only, and no NUL or lone surrogate in any string.

Python's ``json`` reads ``1e400`` as infinity and ``NaN``/``Infinity`` as floats (none of them JSON, so what
is stored could not be served back or exported), keeps ``"\\ud800"`` as a lone surrogate (which cannot be
encoded as UTF-8 on the way out) and ``"\\u0000"`` (which PostgreSQL refuses in text), and recurses once per
nesting level. ``parse`` refuses all of these with an ``InvalidJSON`` (400) naming the JSON path of the
first one it meets.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from learning_record_store.errors import BadRequest

__all__ = ["MAX_DEPTH", "InvalidJSON", "MalformedJSON", "parse", "refusal"]

# Statements nest a few levels (a SubStatement's context extensions are about eight); documents and
# extensions are free-form, so leave room, but stay far below the interpreter's recursion limit.
MAX_DEPTH = 64
# Integers beyond a double's range (about 1.8e308, 1024 bits) turn into an OverflowError wherever a
# score or an extension value meets float arithmetic.
_MAX_INTEGER_BITS = 1024
_FORBIDDEN_CHARACTER = re.compile("[\x00\ud800-\udfff]")
# What can put a refused value into the parsed result: the escape of a NUL or a surrogate (a raw NUL is
# refused by the parser as a control character; a raw surrogate cannot come out of UTF-8 bytes, only out
# of text), or an integer literal of 309 digits or more. A body without any of these skips the walk.
_SUSPECT_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")
_LONG_DIGIT_RUN = b"0" * 309
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_BRACKETS = bytes.maketrans(b"{}", b"[]")
_NOT_STRUCTURE = bytes(set(range(256)) - set(b'"[]{}'))
_STRING = re.compile(rb'"[^"]*"')


class InvalidJSON(BadRequest):
    """The text is not JSON, or is JSON this store refuses to keep."""


class MalformedJSON(InvalidJSON):
    """The text is not JSON at all."""


class _NonFinite:
    """Stands in for ``NaN``, ``Infinity`` or an overflowing float literal until the walk names its path."""

    __slots__ = ("literal",)

    def __init__(self, literal: str) -> None:
        self.literal = literal


def refusal(text: str) -> str | None:
    """Return why ``text`` may not be kept as a string (NUL, lone surrogate), or None when it may."""
    found = _FORBIDDEN_CHARACTER.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return "contains a NUL character (\\u0000)"
    return f"contains a lone surrogate (\\u{ord(found.group()):04x})"


def parse(data: str | bytes, *, where: str = "request body", max_depth: int = MAX_DEPTH) -> Any:
    """Return the JSON value of ``data`` (bytes are UTF-8); raise InvalidJSON (400) naming ``where``."""
    non_finite: list[_NonFinite] = []

    def number(literal: str) -> float | _NonFinite:
        value = float(literal)
        if math.isfinite(value):
            return value
        non_finite.append(_NonFinite(literal))
        return non_finite[-1]

    def constant(literal: str) -> _NonFinite:
        non_finite.append(_NonFinite(literal))
        return non_finite[-1]

    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        value = json.loads(text, parse_float=number, parse_constant=constant)
    except RecursionError:
        raise InvalidJSON(f"{where}: nested deeper than {max_depth} levels") from None
    except (UnicodeDecodeError, ValueError) as error:
        raise MalformedJSON(f"{where}: is not valid JSON ({error})") from None
    raw = data if isinstance(data, bytes) else text.encode("utf-8", "surrogatepass")
    if non_finite or _is_suspect(data, text) or _nests_deeper(raw, max_depth):
        _check(value, where, max_depth)
    return value


def _is_suspect(data: str | bytes, text: str) -> bool:
    """Tell whether ``text`` may hold a refused string or integer (each test runs at C speed)."""
    if _SUSPECT_ESCAPE.search(text):
        return True
    if isinstance(data, str):
        return bool(_FORBIDDEN_CHARACTER.search(text)) or re.search("[0-9]{309}", text) is not None
    return data.translate(_DIGITS_AS_ZERO).find(_LONG_DIGIT_RUN) >= 0


def _nests_deeper(data: bytes, max_depth: int) -> bool:
    """Tell whether the valid JSON ``data`` nests containers more than ``max_depth`` levels deep.

    Works on the text with bytes operations that run at C speed (a walk of the parsed value costs as
    much as the parse): escapes out, then everything but quotes and brackets, then the strings.
    """
    skeleton = data.replace(b"\\\\", b"").replace(b'\\"', b"").translate(_BRACKETS, _NOT_STRUCTURE)
    brackets = _STRING.sub(b"", skeleton)
    for _level in range(max_depth):
        if not brackets:
            return False
        # Only pairs adjacent before the pass are removed, so each pass peels exactly one level.
        brackets = brackets.replace(b"[]", b"")
    return bool(brackets)


def _check(root: Any, where: str, max_depth: int) -> None:
    # Iterative, so that the check itself cannot run out of stack; a path is spelled out only for an error.
    stack: list[tuple[Any, int, tuple[Any, ...]]] = [(root, 0, ())]
    while stack:
        value, depth, path = stack.pop()
        if isinstance(value, dict | list):
            if depth >= max_depth:
                raise InvalidJSON(f"{where}: {_format(path)}: nested deeper than {max_depth} levels")
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, member in items:
                if isinstance(key, str) and (reason := refusal(key)):
                    raise InvalidJSON(f"{where}: {_format(path)}: a property name {reason}")
                stack.append((member, depth + 1, (path, key)))
        elif isinstance(value, str):
            if reason := refusal(value):
                raise InvalidJSON(f"{where}: {_format(path)}: {reason}")
        elif isinstance(value, _NonFinite):
            raise InvalidJSON(f"{where}: {_format(path)}: {value.literal} is not a finite number")
        elif type(value) is int and value.bit_length() > _MAX_INTEGER_BITS:
            raise InvalidJSON(f"{where}: {_format(path)}: integer beyond the range of a number")


def _format(path: tuple[Any, ...]) -> str:
    keys: list[Any] = []
    while path:
        path, key = path
        keys.append(key)
    text = "$"
    for key in reversed(keys):
        if isinstance(key, int):
            text += f"[{key}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            text += f".{key}"
        else:
            text += f"[{json.dumps(key)}]"
    return text
