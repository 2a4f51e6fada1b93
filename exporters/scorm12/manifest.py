"""``imsmanifest.xml`` for SCORM 1.2: IMS CP 1.1.2 with ADL CP 1.2 and inline IMS MD 1.2.1 metadata."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from courses.model import Module

from ..bundle import ExportOptions, ModuleBundle
from ..manifest_common import PackageDialect, build_package_manifest, resource_references
from ..xmlutil import XML_NS, child, minutes_duration, parse

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
NSMAP = {None: CP, "adlcp": ADLCP, "imsmd": IMSMD}


def _cp(tag: str) -> str:
    return f"{{{CP}}}{tag}"


def _md(tag: str) -> str:
    return f"{{{IMSMD}}}{tag}"


def _langstring(parent: etree._Element, tag: str, text: str) -> None:
    child(child(parent, _md(tag)), _md("langstring"), text, **{f"{{{XML_NS}}}lang": "en"})


def _metadata(
    parent: etree._Element, title: str, description: str, keywords: list[str], minutes: int
) -> None:
    metadata = child(parent, _cp("metadata"))
    child(metadata, _cp("schema"), "ADL SCORM")
    child(metadata, _cp("schemaversion"), "1.2")
    lom = child(metadata, _md("lom"))
    general = child(lom, _md("general"))
    _langstring(general, "title", title)
    child(general, _md("language"), "en")
    if description:
        _langstring(general, "description", description)
    for keyword in keywords:
        _langstring(general, "keyword", keyword)
    educational = child(lom, _md("educational"))
    child(child(educational, _md("typicallearningtime")), _md("datetime"), minutes_duration(minutes))


def _module_metadata(resource: etree._Element, module: Module) -> None:
    metadata = child(resource, _cp("metadata"))
    child(metadata, _cp("schema"), "ADL SCORM")
    child(metadata, _cp("schemaversion"), "1.2")
    general = child(child(metadata, _md("lom")), _md("general"))
    _langstring(general, "title", module.title)
    _langstring(general, "description", module.summary)


def _mastery_score(item: etree._Element, bundle: ModuleBundle, options: ExportOptions) -> None:
    if bundle.quiz is not None:
        child(item, f"{{{ADLCP}}}masteryscore", f"{bundle.quiz.settings.pass_mark:g}")


DIALECT = PackageDialect(
    namespace=CP,
    nsmap=NSMAP,
    version="1.0",
    scorm_type=f"{{{ADLCP}}}scormtype",
    course_metadata=_metadata,
    module_metadata=_module_metadata,
    item_details=_mastery_score,
    item_attributes={"isvisible": "true"},
)


def build_manifest(bundles: Sequence[ModuleBundle], options: ExportOptions, files: dict[str, bytes]) -> bytes:
    """Return the SCORM 1.2 manifest: one SCO per module, the runtime as a shared asset."""
    return build_package_manifest(DIALECT, bundles, options, files)


def manifest_references(manifest: bytes) -> list[str]:
    return resource_references(parse(manifest), CP)
