"""Build and check packages: data in, bytes out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import content
from .bundle import ExportOptions, ModuleBundle
from .errors import ExportError, InvalidPackageError, UnknownFormatError
from .formats import ExportFormat
from .package import build_zip, integrity_problems, read_zip
from .registry import EXPORT_FORMATS
from .validation import default_schema_dir


@dataclass(frozen=True, slots=True)
class CheckReport:
    """The outcome of checking a package: its format, problems, and whether schemas were available."""

    format_name: str | None
    problems: tuple[str, ...]
    schema_checked: bool

    @property
    def is_valid(self) -> bool:
        return self.format_name is not None and not self.problems


def get_format(name: str) -> ExportFormat:
    try:
        return EXPORT_FORMATS[name]
    except KeyError:
        raise UnknownFormatError(name, tuple(EXPORT_FORMATS)) from None


def package_files(
    fmt: ExportFormat, bundles: Sequence[ModuleBundle], options: ExportOptions
) -> dict[str, bytes]:
    """Return every file of the package, manifest included."""
    if not bundles:
        raise ExportError("a package needs at least one module")
    module_ids = [bundle.module.id for bundle in bundles]
    if len(set(module_ids)) != len(module_ids):
        raise ExportError(f"a module appears twice: {', '.join(module_ids)}")
    files = content.runtime_files(fmt.tracker_scripts)
    for bundle in bundles:
        files.update(
            content.module_files(bundle, fmt.name, fmt.suspend_data_limit, fmt.tracker_scripts, options)
        )
    files.update(fmt.extra_files(bundles, options))
    files[fmt.manifest_name] = fmt.build_manifest(bundles, options, files)
    return files


def check_files(fmt: ExportFormat, files: dict[str, bytes], schema_dir: Path | None) -> CheckReport:
    manifest = files.get(fmt.manifest_name)
    if manifest is None:
        return CheckReport(fmt.name, (f"{fmt.manifest_name} is missing at the package root",), False)
    schema_dir = schema_dir or default_schema_dir()
    schema_checked = not fmt.schema_file or (schema_dir / fmt.schema_file).is_file()
    problems = (
        [f"{fmt.manifest_name}: {p}" for p in fmt.schema_problems(manifest, schema_dir)]
        if schema_checked
        else []
    )
    try:
        references = fmt.manifest_references(manifest)
    except Exception as error:  # noqa: BLE001 - any parse failure is a finding, already reported above
        references, problems = [], [*problems, f"{fmt.manifest_name}: cannot read references: {error}"]
    problems += integrity_problems(files, references)
    return CheckReport(fmt.name, tuple(problems), schema_checked)


def export_package(
    format_name: str,
    bundles: Sequence[ModuleBundle],
    options: ExportOptions | None = None,
    *,
    schema_dir: Path | None = None,
) -> bytes:
    """Return the zip of ``bundles`` in ``format_name``, after checking it; raise InvalidPackageError."""
    fmt = get_format(format_name)
    files = package_files(fmt, bundles, options or ExportOptions())
    report = check_files(fmt, files, schema_dir)
    if report.problems:
        raise InvalidPackageError(list(report.problems))
    return build_zip(files)


def detect_format(files: dict[str, bytes]) -> ExportFormat | None:
    return next((fmt for fmt in EXPORT_FORMATS.values() if fmt.recognises(files)), None)


def check_package(data: bytes, *, schema_dir: Path | None = None) -> CheckReport:
    """Check any package zip: recognise its format, validate its manifest, check its integrity."""
    try:
        files = read_zip(data)
    except Exception as error:  # noqa: BLE001 - zipfile raises several unrelated types for bad input
        return CheckReport(None, (f"not a readable zip file: {error}",), False)
    fmt = detect_format(files)
    if fmt is None:
        return CheckReport(None, ("no imsmanifest.xml, cmi5.xml or tincan.xml at the package root",), False)
    return check_files(fmt, files, schema_dir)
