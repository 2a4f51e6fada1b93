"""``imsmanifest.xml`` for SCORM 1.2: IMS CP 1.1.2 with ADL CP 1.2 and inline IMS MD 1.2.1 metadata."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from .. import identifiers
from ..bundle import ExportOptions, ModuleBundle
from ..content import launch_path
from ..manifest_common import (
    RUNTIME_RESOURCE,
    course_description,
    course_keywords,
    course_title,
    limited,
    module_file_names,
    resource_references,
    runtime_file_names,
)
from ..xmlutil import XML_NS, XSI, child, minutes_duration, parse, serialize

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
NSMAP = {None: CP, "adlcp": ADLCP, "imsmd": IMSMD, "xsi": XSI}
SCHEMA_LOCATION = f"{CP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"


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


def build_manifest(bundles: Sequence[ModuleBundle], options: ExportOptions, files: dict[str, bytes]) -> bytes:
    """Return the SCORM 1.2 manifest: one SCO per module, the runtime as a shared asset."""
    module_ids = [bundle.module.id for bundle in bundles]
    identifier = identifiers.course_identifier(module_ids)
    root = etree.Element(_cp("manifest"), nsmap=NSMAP, identifier=identifier, version="1.0")
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    title = course_title(bundles, options)
    _metadata(
        root,
        title,
        course_description(bundles),
        course_keywords(bundles),
        sum(bundle.module.minutes for bundle in bundles),
    )
    organization_id = f"organization-{identifier}"
    organization = child(
        child(root, _cp("organizations"), default=organization_id),
        _cp("organization"),
        identifier=organization_id,
    )
    child(organization, _cp("title"), title)
    resources = child(root, _cp("resources"))
    for bundle in bundles:
        module = bundle.module
        item = child(
            organization,
            _cp("item"),
            identifier=identifiers.item_identifier(module.id),
            identifierref=identifiers.resource_identifier(module.id),
            isvisible="true",
        )
        child(item, _cp("title"), limited(module.title))
        if bundle.quiz is not None:
            child(item, f"{{{ADLCP}}}masteryscore", f"{bundle.quiz.settings.pass_mark:g}")
        resource = child(
            resources,
            _cp("resource"),
            identifier=identifiers.resource_identifier(module.id),
            type="webcontent",
            href=launch_path(module.id),
        )
        resource.set(f"{{{ADLCP}}}scormtype", "sco")
        module_metadata = child(resource, _cp("metadata"))
        child(module_metadata, _cp("schema"), "ADL SCORM")
        child(module_metadata, _cp("schemaversion"), "1.2")
        lom = child(module_metadata, _md("lom"))
        general = child(lom, _md("general"))
        _langstring(general, "title", module.title)
        _langstring(general, "description", module.summary)
        for name in module_file_names(files, module.id):
            child(resource, _cp("file"), href=name)
        child(resource, _cp("dependency"), identifierref=RUNTIME_RESOURCE)
    runtime = child(resources, _cp("resource"), identifier=RUNTIME_RESOURCE, type="webcontent")
    runtime.set(f"{{{ADLCP}}}scormtype", "asset")
    for name in runtime_file_names(files):
        child(runtime, _cp("file"), href=name)
    return serialize(root)


def manifest_references(manifest: bytes) -> list[str]:
    return resource_references(parse(manifest), CP)
