"""xAPI ("Tin Can") package: ``tincan.xml`` plus a runtime that reports to the LRS named in the launch URL."""

from __future__ import annotations

from pathlib import Path

from ..formats import ExportFormat
from ..validation import well_formed_problems
from .manifest import build_manifest, manifest_references, structure_problems
from .menu import course_menu

MANIFEST = "tincan.xml"


def schema_problems(manifest: bytes, schema_dir: Path) -> list[str]:
    # No official schema is published with the SCORM/cmi5 ones; check well-formedness and the structure.
    return well_formed_problems(manifest) or structure_problems(manifest)


def recognises(files: dict[str, bytes]) -> bool:
    return MANIFEST in files


FORMAT = ExportFormat(
    name="xapi",
    label="xAPI (Tin Can)",
    manifest_name=MANIFEST,
    suspend_data_limit=64000,
    tracker_scripts=("xapi-client.js", "xapi.js"),
    build_manifest=build_manifest,
    manifest_references=manifest_references,
    schema_problems=schema_problems,
    schema_file="",  # always checked: needs no schema file
    recognises=recognises,
    extra_files=course_menu,
)
