"""Manifest validation against the official schemas (see ``../shared/schemas/README.md``).

Most schemas compile with lxml. The SCORM 1.2 metadata schema (IMS MD 1.2.1) breaks an XML Schema 1.0
rule that libxml2 enforces, so SCORM 1.2 manifests, which carry inline IMS MD metadata, are validated
with the ``xmlschema`` package in XSD 1.1 mode instead.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

from .xmlutil import SAFE_PARSER, parse

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_schema_dir() -> Path:
    """Return ``<project root>/../shared/schemas``, where CI puts the official schemas."""
    return PROJECT_ROOT.parent / "shared" / "schemas"


@lru_cache(maxsize=8)
def _lxml_schema(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path), SAFE_PARSER))


@lru_cache(maxsize=4)
def _xmlschema_schema(path: Path):  # type: ignore[no-untyped-def]  # xmlschema ships no complete stubs
    import xmlschema

    return xmlschema.XMLSchema11(str(path))


def lxml_problems(manifest: bytes, schema_path: Path) -> list[str]:
    """Validate with lxml/libxml2; return the errors as ``line N: message``."""
    try:
        document = parse(manifest)
    except etree.XMLSyntaxError as error:
        return [f"not well-formed XML: {error}"]
    schema = _lxml_schema(schema_path)
    if schema.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]  # type: ignore[attr-defined]


def xmlschema_problems(manifest: bytes, schema_path: Path) -> list[str]:
    """Validate with the ``xmlschema`` package (XSD 1.1); return its errors."""
    try:
        document = parse(manifest)
    except etree.XMLSyntaxError as error:
        return [f"not well-formed XML: {error}"]
    schema = _xmlschema_schema(schema_path)
    problems = []
    for finding in schema.iter_errors(etree.ElementTree(document)):
        reason = finding.reason or str(finding)
        problems.append(f"{finding.path or '/'}: {reason}")
    return problems


def well_formed_problems(data: bytes) -> list[str]:
    try:
        parse(data)
    except etree.XMLSyntaxError as error:
        return [f"not well-formed XML: {error}"]
    return []
