"""``imsmanifest.xml`` for SCORM 2004 4th Edition: IMS CP 1.1.4 with ADL CP, IMS SS sequencing and LOM.

Each SCO sets its own completion and objectives (``completionSetByContent``/``objectiveSetByContent``), so
no LMS marks a module complete merely because the learner closed it; the primary objective is satisfied by
the scaled score (``satisfiedByMeasure`` with the quiz's pass mark as ``minNormalizedMeasure``), and every
competency the module trains is an objective of its own.
"""

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
from ..runtime_data import competency_data
from ..xmlutil import XSI, child, minutes_duration, parse, serialize

CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
LOM = "http://ltsc.ieee.org/xsd/LOM"
NSMAP = {None: CP, "adlcp": ADLCP, "adlseq": ADLSEQ, "adlnav": ADLNAV, "imsss": IMSSS, "lom": LOM, "xsi": XSI}
SCHEMA_LOCATION = " ".join(
    (
        f"{CP} imscp_v1p1.xsd",
        f"{ADLCP} adlcp_v1p3.xsd",
        f"{ADLSEQ} adlseq_v1p3.xsd",
        f"{ADLNAV} adlnav_v1p3.xsd",
        f"{IMSSS} imsss_v1p0.xsd",
        f"{LOM} lom.xsd",
    )
)


def _cp(tag: str) -> str:
    return f"{{{CP}}}{tag}"


def _ss(tag: str) -> str:
    return f"{{{IMSSS}}}{tag}"


def _lom(tag: str) -> str:
    return f"{{{LOM}}}{tag}"


def _lom_string(parent: etree._Element, tag: str, text: str) -> None:
    child(child(parent, _lom(tag)), _lom("string"), text, language="en")


def _lom_metadata(
    parent: etree._Element, title: str, description: str, keywords: list[str], minutes: int | None
) -> None:
    metadata = child(parent, _cp("metadata"))
    child(metadata, _cp("schema"), "ADL SCORM")
    child(metadata, _cp("schemaversion"), "2004 4th Edition")
    lom = child(metadata, _lom("lom"))
    general = child(lom, _lom("general"))
    _lom_string(general, "title", title)
    child(general, _lom("language"), "en")
    if description:
        _lom_string(general, "description", description)
    for keyword in keywords:
        _lom_string(general, "keyword", keyword)
    if minutes:
        educational = child(lom, _lom("educational"))
        child(child(educational, _lom("typicalLearningTime")), _lom("duration"), minutes_duration(minutes))


def _sequencing(item: etree._Element, bundle: ModuleBundle, options: ExportOptions) -> None:
    module, quiz = bundle.module, bundle.quiz
    sequencing = child(item, _ss("sequencing"))
    objectives = child(sequencing, _ss("objectives"))
    primary = child(objectives, _ss("primaryObjective"), objectiveID=f"module-{module.id}")
    if quiz is not None:
        primary.set("satisfiedByMeasure", "true")
        child(primary, _ss("minNormalizedMeasure"), f"{quiz.settings.pass_mark / 100:.4g}")
    for competency in competency_data(module, quiz, options):
        child(objectives, _ss("objective"), objectiveID=competency["objectiveId"])
    child(
        sequencing,
        _ss("deliveryControls"),
        tracked="true",
        completionSetByContent="true",
        objectiveSetByContent="true",
    )


def build_manifest(bundles: Sequence[ModuleBundle], options: ExportOptions, files: dict[str, bytes]) -> bytes:
    """Return the SCORM 2004 4th Edition manifest: one SCO per module, free choice between them."""
    module_ids = [bundle.module.id for bundle in bundles]
    identifier = identifiers.course_identifier(module_ids)
    root = etree.Element(_cp("manifest"), nsmap=NSMAP, identifier=identifier, version="1")
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    title = course_title(bundles, options)
    _lom_metadata(
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
        )
        child(item, _cp("title"), limited(module.title))
        _sequencing(item, bundle, options)
        resource = child(
            resources,
            _cp("resource"),
            identifier=identifiers.resource_identifier(module.id),
            type="webcontent",
            href=launch_path(module.id),
        )
        resource.set(f"{{{ADLCP}}}scormType", "sco")
        _lom_metadata(resource, module.title, module.summary, list(module.keywords), module.minutes)
        for name in module_file_names(files, module.id):
            child(resource, _cp("file"), href=name)
        child(resource, _cp("dependency"), identifierref=RUNTIME_RESOURCE)
    organization_sequencing = child(organization, _ss("sequencing"))
    child(organization_sequencing, _ss("controlMode"), choice="true", flow="true")
    runtime = child(resources, _cp("resource"), identifier=RUNTIME_RESOURCE, type="webcontent")
    runtime.set(f"{{{ADLCP}}}scormType", "asset")
    for name in runtime_file_names(files):
        child(runtime, _cp("file"), href=name)
    return serialize(root)


def manifest_references(manifest: bytes) -> list[str]:
    return resource_references(parse(manifest), CP)
