"""The export formats, by name: ``elearn export --format NAME`` and the admin download pick from here."""

from __future__ import annotations

from . import scorm12, scorm2004
from .formats import ExportFormat

EXPORT_FORMATS: dict[str, ExportFormat] = {fmt.name: fmt for fmt in (scorm12.FORMAT, scorm2004.FORMAT)}
