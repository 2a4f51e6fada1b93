"""Images and local links: alt text is required, local files must exist inside the module's folder."""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from assessments.diagnostics import Diagnostics
from assessments.markup import Env, locate

EXTERNAL_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)
# Python's own table plus the usual web media, never the machine's mime.types: the same source must compile
# to the same bytes everywhere.
_MEDIA_TYPES = mimetypes.MimeTypes()
for _type, _extension in (
    ("audio/wav", ".wav"),
    ("audio/mp4", ".m4a"),
    ("audio/ogg", ".ogg"),
    ("audio/ogg", ".oga"),
    ("audio/ogg", ".opus"),
    ("audio/flac", ".flac"),
    ("image/webp", ".webp"),
    ("audio/webm", ".weba"),
):
    _MEDIA_TYPES.add_type(_type, _extension)


def media_type(path: str) -> str:
    """Return the media type of a file by its extension (application/octet-stream when unknown)."""
    return _MEDIA_TYPES.guess_type(path)[0] or "application/octet-stream"


def media_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("media_check", _check_media)


def is_external(target: str) -> bool:
    return bool(EXTERNAL_RE.match(target))


def resolve_local(env: Env, target: str) -> tuple[str | None, str | None]:
    """Return (path relative to the module folder, error) for a local link or media target."""
    module_dir: Path | None = env.get("module_dir")
    if module_dir is None:
        return None, f'"{target}": only modules can use local files; link to the module instead'
    clean = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not clean:
        return None, None
    if clean.startswith("/"):
        return None, f'"{target}" is an absolute path; use a path relative to the module'
    path = (module_dir / clean).resolve()
    base = module_dir.resolve()
    if not path.is_relative_to(base):
        return None, f'"{target}" leaves the module\'s folder'
    if not path.is_file():
        return None, f'missing file "{target}"'
    return path.relative_to(base).as_posix(), None


def record(env: Env, relative: str, kind: str, alt: str, transcript: str | None = None) -> None:
    media: dict[str, tuple[str, str, str | None]] = env.setdefault("media", {})
    if relative not in media or media[relative][0] == "file":
        media[relative] = (kind, alt, transcript)


def _check_media(state: StateCore) -> None:
    diagnostics: Diagnostics | None = state.env.get("diagnostics")
    if diagnostics is None:
        return
    for token in state.tokens:
        if token.type == "inline" and (
            "](" in token.content or "]:" in token.content or "[" in token.content
        ):
            for child in token.children or ():
                if child.type == "image":
                    _check_image(state.env, token, child, diagnostics)
                elif child.type == "link_open":
                    _check_link(state.env, token, child, diagnostics)


def _check_image(env: Env, block: Token, image: Token, diagnostics: Diagnostics) -> None:
    src = str(image.attrGet("src") or "")
    if not image.content.strip():
        line, col = locate(env, block, f"]({src}")
        col = max(env["lines"][line - env["line_offset"] - 1].rfind("![", 0, col) + 1, 1)
        diagnostics.error(
            "image without alt text", line, col, hint="describe the image: ![what it shows](path)"
        )
    if is_external(src):
        return
    relative, problem = resolve_local(env, src)
    if problem:
        line, col = locate(env, block, src)
        diagnostics.error(problem, line, col)
    elif relative:
        record(env, relative, "image", image.content.strip())


def _check_link(env: Env, block: Token, link: Token, diagnostics: Diagnostics) -> None:
    href = str(link.attrGet("href") or "")
    if is_external(href):
        return
    relative, problem = resolve_local(env, href)
    if problem:
        line, col = locate(env, block, href)
        diagnostics.error(problem, line, col)
    elif relative:
        record(env, relative, "file", "")
