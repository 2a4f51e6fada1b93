"""The export formats, by name: ``elearn export --format NAME`` and the admin download pick from here."""

from __future__ import annotations

from . import cmi5, scorm12, scorm2004, xapi
from .formats import ExportFormat

EXPORT_FORMATS: dict[str, ExportFormat] = {
    fmt.name: fmt for fmt in (scorm12.FORMAT, scorm2004.FORMAT, cmi5.FORMAT, xapi.FORMAT)
}
