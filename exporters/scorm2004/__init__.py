"""SCORM 2004 4th Edition: one SCO per module, completion and success reported separately."""

from __future__ import annotations

from pathlib import Path

from ..formats import ExportFormat
from ..validation import lxml_problems
from .manifest import CP, build_manifest, manifest_references

MANIFEST = "imsmanifest.xml"
SCHEMA_FILE = "scorm2004/manifest_full.xsd"


def schema_problems(manifest: bytes, schema_dir: Path) -> list[str]:
    return lxml_problems(manifest, schema_dir / SCHEMA_FILE)


def recognises(files: dict[str, bytes]) -> bool:
    return CP.encode() in files.get(MANIFEST, b"")


FORMAT = ExportFormat(
    name="scorm2004",
    label="SCORM 2004 4th Edition",
    manifest_name=MANIFEST,
    suspend_data_limit=64000,
    tracker_scripts=("scorm-api.js", "scorm2004.js"),
    build_manifest=build_manifest,
    manifest_references=manifest_references,
    schema_problems=schema_problems,
    schema_file=SCHEMA_FILE,
    recognises=recognises,
)
