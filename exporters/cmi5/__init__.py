"""cmi5: one AU per module, launched by the LMS with an auth-token fetch URL and LMS.LaunchData."""

from __future__ import annotations

from pathlib import Path

from ..formats import ExportFormat
from ..validation import lxml_problems
from .manifest import build_manifest, manifest_references

MANIFEST = "cmi5.xml"
SCHEMA_FILE = "cmi5/CourseStructure.xsd"


def schema_problems(manifest: bytes, schema_dir: Path) -> list[str]:
    return lxml_problems(manifest, schema_dir / SCHEMA_FILE)


def recognises(files: dict[str, bytes]) -> bool:
    return MANIFEST in files


FORMAT = ExportFormat(
    name="cmi5",
    label="cmi5",
    manifest_name=MANIFEST,
    suspend_data_limit=64000,
    tracker_scripts=("xapi-client.js", "cmi5.js"),
    build_manifest=build_manifest,
    manifest_references=manifest_references,
    schema_problems=schema_problems,
    schema_file=SCHEMA_FILE,
    recognises=recognises,
)
