"""What the SCORM 1.2 and 2004 manifests share: titles, per-module file lists, resource references."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from .bundle import ExportOptions, ModuleBundle
from .content import RUNTIME_DIR

RUNTIME_RESOURCE = "resource-runtime"


TITLE_LIMIT = 200  # the longest title IMS CP 1.1.2 (SCORM 1.2) allows; 2004 keeps the same for safety


def limited(title: str, limit: int = TITLE_LIMIT) -> str:
    """Return ``title`` shortened on a word boundary to fit ``limit`` characters."""
    if len(title) <= limit:
        return title
    return title[: limit - 1].rsplit(" ", 1)[0].rstrip(" ·,;:") + "…"


def course_title(bundles: Sequence[ModuleBundle], options: ExportOptions) -> str:
    if options.course_title:
        return limited(options.course_title)
    return limited(" · ".join(bundle.module.title for bundle in bundles))


def course_description(bundles: Sequence[ModuleBundle]) -> str:
    return "\n".join(bundle.module.summary for bundle in bundles)


def course_keywords(bundles: Sequence[ModuleBundle]) -> list[str]:
    return list(dict.fromkeys(k for bundle in bundles for k in bundle.module.keywords))


def module_file_names(files: dict[str, bytes], module_id: str) -> list[str]:
    return sorted(name for name in files if name.startswith(f"{module_id}/"))


def runtime_file_names(files: dict[str, bytes]) -> list[str]:
    return sorted(name for name in files if name.startswith(f"{RUNTIME_DIR}/"))


def resource_references(root: etree._Element, namespace: str) -> list[str]:
    """Return every ``href`` of the resources and files of a content-packaging manifest."""
    hrefs = []
    for element in root.iter(f"{{{namespace}}}resource", f"{{{namespace}}}file"):
        href = element.get("href")
        if href:
            hrefs.append(href)
    return hrefs
