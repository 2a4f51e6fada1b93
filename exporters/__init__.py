"""Exporters: SCORM 1.2, SCORM 2004 4th Edition, cmi5 and xAPI (Tin Can) packages of compiled modules.

Pure core: modules, quizzes and media bytes in, deterministic zip bytes out.
"""

from __future__ import annotations

from .bundle import ExportOptions, ModuleBundle
from .errors import ExportError, InvalidPackageError, MissingMediaError, UnknownFormatError
from .export import CheckReport, check_package, export_package, get_format, package_files
from .formats import ExportFormat
from .loading import UnknownModuleError, load_bundle, load_bundles, load_framework
from .registry import EXPORT_FORMATS
from .validation import default_schema_dir

__all__ = [
    "EXPORT_FORMATS",
    "CheckReport",
    "ExportError",
    "ExportFormat",
    "ExportOptions",
    "InvalidPackageError",
    "MissingMediaError",
    "ModuleBundle",
    "UnknownFormatError",
    "UnknownModuleError",
    "check_package",
    "default_schema_dir",
    "export_package",
    "get_format",
    "load_bundle",
    "load_bundles",
    "load_framework",
    "package_files",
]
