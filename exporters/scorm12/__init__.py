"""SCORM 1.2: one SCO per module, ``cmi.core.*`` reporting, 4,096 characters of suspend data."""

from __future__ import annotations

from pathlib import Path

from ..formats import ExportFormat
from ..validation import xmlschema_problems
from .manifest import CP, build_manifest, manifest_references

MANIFEST = "imsmanifest.xml"
SCHEMA_FILE = "scorm12/manifest_full.xsd"


def schema_problems(manifest: bytes, schema_dir: Path) -> list[str]:
    return xmlschema_problems(manifest, schema_dir / SCHEMA_FILE)


def recognises(files: dict[str, bytes]) -> bool:
    return CP.encode() in files.get(MANIFEST, b"")


FORMAT = ExportFormat(
    name="scorm12",
    label="SCORM 1.2",
    manifest_name=MANIFEST,
    suspend_data_limit=4096,
    tracker_scripts=("scorm-api.js", "scorm12.js"),
    build_manifest=build_manifest,
    manifest_references=manifest_references,
    schema_problems=schema_problems,
    schema_file=SCHEMA_FILE,
    recognises=recognises,
)
