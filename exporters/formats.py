"""What an export format provides; the registry ``EXPORT_FORMATS`` lives in ``registry.py``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .bundle import ExportOptions, ModuleBundle

ManifestBuilder = Callable[[Sequence[ModuleBundle], ExportOptions, dict[str, bytes]], bytes]
ExtraFiles = Callable[[Sequence[ModuleBundle], ExportOptions], dict[str, bytes]]


def no_extra_files(bundles: Sequence[ModuleBundle], options: ExportOptions) -> dict[str, bytes]:
    return {}


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One kind of package.

    ``build_manifest`` gets the bundles, the options and the package files built so far (so it can list
    them) and returns the manifest bytes; ``extra_files`` adds format-specific files;
    ``manifest_references`` lists the files a manifest points to; ``schema_problems`` validates a manifest
    against the official schemas in a folder (empty list: valid).
    """

    name: str
    label: str
    manifest_name: str
    suspend_data_limit: int
    tracker_scripts: tuple[str, ...]
    build_manifest: ManifestBuilder
    manifest_references: Callable[[bytes], list[str]]
    schema_problems: Callable[[bytes, Path], list[str]]
    schema_file: str  # relative to the schema folder ("" when none is needed); absent: cannot validate here
    recognises: Callable[[dict[str, bytes]], bool]
    extra_files: ExtraFiles = field(default=no_extra_files)  # e.g. a course menu page
