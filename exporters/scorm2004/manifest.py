"""``imsmanifest.xml`` for SCORM 2004 4th Edition: IMS CP 1.1.4 with ADL CP, IMS SS sequencing and LOM.

Each SCO sets its own completion and objectives (``completionSetByContent``/``objectiveSetByContent``), so
no LMS marks a module complete merely because the learner closed it; the primary objective is satisfied by
the scaled score (``satisfiedByMeasure`` with the quiz's pass mark as ``minNormalizedMeasure``), and every
competency the module trains is an objective of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from courses.model import Module

from ..bundle import ExportOptions, ModuleBundle
from ..manifest_common import PackageDialect, build_package_manifest, resource_references
from ..runtime_data import competency_data
from ..xmlutil import child, minutes_duration, parse

CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
LOM = "http://ltsc.ieee.org/xsd/LOM"
NSMAP = {None: CP, "adlcp": ADLCP, "adlseq": ADLSEQ, "adlnav": ADLNAV, "imsss": IMSSS, "lom": LOM}


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


def _module_metadata(resource: etree._Element, module: Module) -> None:
    _lom_metadata(resource, module.title, module.summary, list(module.keywords), module.minutes)


def _free_choice(organization: etree._Element) -> None:
    child(child(organization, _ss("sequencing")), _ss("controlMode"), choice="true", flow="true")


DIALECT = PackageDialect(
    namespace=CP,
    nsmap=NSMAP,
    version="1",
    scorm_type=f"{{{ADLCP}}}scormType",
    course_metadata=_lom_metadata,
    module_metadata=_module_metadata,
    item_details=_sequencing,
    organization_details=_free_choice,
)


def build_manifest(bundles: Sequence[ModuleBundle], options: ExportOptions, files: dict[str, bytes]) -> bytes:
    """Return the SCORM 2004 4th Edition manifest: one SCO per module, free choice between them."""
    return build_package_manifest(DIALECT, bundles, options, files)


def manifest_references(manifest: bytes) -> list[str]:
    return resource_references(parse(manifest), CP)
