"""Deterministic zips and package integrity.

The same input always gives the same bytes: entries sorted by name, one fixed timestamp, fixed
permissions, no directory entries and no extra fields. The integrity check makes sure every file a
package refers to is inside it and that no entry escapes the package folder.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import zipfile
from collections.abc import Iterable, Mapping
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

FIXED_TIMESTAMP = (2000, 1, 1, 0, 0, 0)
FILE_MODE = 0o644 << 16
URL_ATTRIBUTES = ("src", "href", "poster", "data")
NETWORK_TAGS = ("script", "link", "img", "audio", "video", "source", "track", "iframe", "object", "embed")
DATA_SCRIPT = re.compile(r"^window\.ELEARN_PACKAGE = (.*);\s*$", re.S)


def build_zip(files: Mapping[str, bytes]) -> bytes:
    """Return a zip of ``files`` (name -> bytes) that is byte-identical for identical input."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIMESTAMP)
            info.external_attr = FILE_MODE
            info.create_system = 3  # Unix, whatever the platform that builds the package
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()


def read_zip(data: bytes) -> dict[str, bytes]:
    """Return the files of a zip (directory entries left out)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}


def unsafe_name_problem(name: str) -> str | None:
    """Return why ``name`` may not be a package entry, or None when it is fine."""
    if name.startswith("/") or "\\" in name or re.match(r"^[A-Za-z]:", name):
        return f"{name}: absolute or non-portable path"
    if any(part in ("..", "") for part in name.rstrip("/").split("/")):
        return f"{name}: path escapes the package or has an empty segment"
    return None


def resolve(base_file: str, reference: str) -> str | None:
    """Return the package path ``reference`` points to from ``base_file`` (None: not a local file)."""
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base_file), unquote(parts.path)))
    return joined


def html_references(source: str) -> Iterable[tuple[str, str]]:
    """Yield (tag, url) for every URL attribute of an HTML document or fragment."""
    if not source.strip():
        return
    root = (
        lxml_html.fragment_fromstring(source, create_parent="div")
        if not source.lstrip().lower().startswith(("<!doctype", "<html"))
        else lxml_html.document_fromstring(source)
    )
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in URL_ATTRIBUTES:
            value = element.get(attribute)
            if value:
                yield element.tag, value.strip()


def _page_sources(name: str, content: bytes) -> Iterable[str]:
    if name.endswith((".html", ".htm")):
        yield content.decode("utf-8", "replace")
    elif name.endswith("/data.js"):
        match = DATA_SCRIPT.match(content.decode("utf-8", "replace"))
        if match:
            data = json.loads(match.group(1))
            yield from (page["html"] for page in data.get("module", {}).get("pages", ()))


def reference_problems(files: Mapping[str, bytes]) -> list[str]:
    """Check the local references of HTML pages (and compiled pages in data scripts) and network loads."""
    problems = []
    for name in sorted(files):
        for source in _page_sources(name, files[name]):
            for tag, url in html_references(source):
                scheme = urlsplit(url).scheme
                if scheme in ("http", "https") or url.startswith("//"):
                    if tag in NETWORK_TAGS:
                        problems.append(f"{name}: loads {url} from the network")
                    continue
                target = resolve(name, url)
                if target is None or url.startswith("#"):
                    continue
                if target.startswith("../") or target == "..":
                    problems.append(f"{name}: {url} points outside the package")
                elif target not in files:
                    problems.append(f"{name}: {url} is not in the package")
    return problems


def integrity_problems(files: Mapping[str, bytes], manifest_references: Iterable[str]) -> list[str]:
    """Return every integrity problem: unsafe names, missing manifest targets, broken page references."""
    problems = [problem for name in sorted(files) if (problem := unsafe_name_problem(name))]
    for reference in manifest_references:
        target = resolve("", reference)
        if target is None:
            continue
        if target.startswith(".."):
            problems.append(f"manifest: {reference} points outside the package")
        elif target not in files:
            problems.append(f"manifest: {reference} is not in the package")
    return problems + reference_problems(files)
