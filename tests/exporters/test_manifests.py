"""SCORM manifests: schema-valid, stable identifiers, escaping, metadata, mastery and sequencing rules."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest
from lxml import etree

from exporters import EXPORT_FORMATS, ExportOptions, check_package, default_schema_dir, export_package
from exporters.package import read_zip
from tests.exporters.fixtures import MODULE, plain_bundle, pooled_quiz_bundle, quiz_bundle

SCHEMAS = default_schema_dir()
needs_schemas = pytest.mark.skipif(not SCHEMAS.is_dir(), reason=f"official schemas not found at {SCHEMAS}")
SCORM12_NS = {
    "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    "imsmd": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
}
SCORM2004_NS = {
    "cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
    "lom": "http://ltsc.ieee.org/xsd/LOM",
}
BUNDLE_SETS = {
    "quiz": lambda: [quiz_bundle()],
    "plain": lambda: [plain_bundle()],
    "pooled": lambda: [pooled_quiz_bundle()],
    "course": lambda: [quiz_bundle(), plain_bundle()],
}


def manifest_of(package: bytes, name: str = "imsmanifest.xml") -> etree._Element:
    return etree.fromstring(read_zip(package)[name])


@needs_schemas
@pytest.mark.parametrize("bundles", sorted(BUNDLE_SETS))
@pytest.mark.parametrize("format_name", sorted(EXPORT_FORMATS))
def test_every_export_is_schema_valid_and_whole(format_name: str, bundles: str) -> None:
    package = export_package(format_name, BUNDLE_SETS[bundles]())
    report = check_package(package)
    assert report.format_name == format_name
    assert report.schema_checked
    assert report.problems == ()


@needs_schemas
@pytest.mark.parametrize("format_name", ["scorm12", "scorm2004"])
def test_the_schema_check_rejects_an_invalid_manifest(format_name: str) -> None:
    files = read_zip(export_package(format_name, [quiz_bundle()]))
    files["imsmanifest.xml"] = (
        files["imsmanifest.xml"]
        .replace(b"<organizations ", b"<organisations ", 1)
        .replace(b"</organizations>", b"</organisations>", 1)
    )
    report = check_package(_zip(files))
    assert report.problems and all("imsmanifest.xml" in p for p in report.problems)


@pytest.mark.parametrize("format_name", ["scorm12", "scorm2004"])
def test_a_manifest_names_no_schema_file_the_package_lacks(format_name: str) -> None:
    files = read_zip(export_package(format_name, [quiz_bundle()]))
    root = etree.fromstring(files["imsmanifest.xml"])
    hints = (root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") or "").split()
    assert all(name in files for name in hints[1::2])
    assert check_package(_zip(files)).problems == ()


@pytest.mark.parametrize("format_name", ["scorm12", "scorm2004"])
def test_the_check_reports_schema_files_a_manifest_names_but_the_package_lacks(format_name: str) -> None:
    files = read_zip(export_package(format_name, [quiz_bundle()]))
    root = etree.fromstring(files["imsmanifest.xml"])
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    root.set(f"{{{xsi}}}schemaLocation", f"{etree.QName(root).namespace} imscp.xsd")
    files["imsmanifest.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    assert "manifest: imscp.xsd is not in the package" in check_package(_zip(files)).problems
    files["imscp.xsd"] = b"<schema/>"
    assert "manifest: imscp.xsd is not in the package" not in check_package(_zip(files)).problems


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("format_name", sorted(EXPORT_FORMATS))
def test_the_same_module_exports_to_identical_bytes(format_name: str) -> None:
    first = export_package(format_name, [quiz_bundle(), plain_bundle()])
    second = export_package(format_name, [quiz_bundle(), plain_bundle()])
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize("format_name", ["scorm12", "scorm2004"])
def test_identifiers_come_from_module_ids_so_a_new_version_updates_the_course(format_name: str) -> None:
    bundle = quiz_bundle()
    changed = dataclasses.replace(
        bundle,
        module=dataclasses.replace(MODULE, title="Opening the call (revised)", version_note="New greeting"),
    )
    old, new = (manifest_of(export_package(format_name, [b])) for b in (bundle, changed))
    ids = lambda root: [e.get("identifier") for e in root.iter() if e.get("identifier")]  # noqa: E731
    assert ids(old) == ids(new)
    assert old.get("identifier") == "elearn-fixture-opening"
    course = manifest_of(export_package(format_name, [quiz_bundle(), plain_bundle()]))
    assert course.get("identifier") == "elearn-fixture-opening--fixture-closing"


def test_scorm12_manifest_carries_metadata_mastery_and_escaped_titles() -> None:
    root = manifest_of(export_package("scorm12", [quiz_bundle(), plain_bundle()]))
    ns = SCORM12_NS
    items = root.findall(".//cp:item", ns)
    assert [i.findtext("cp:title", namespaces=ns) for i in items] == [
        "Opening the call <& friends>",
        "Closing the call",
    ]
    assert items[0].findtext("adlcp:masteryscore", namespaces=ns) == "80"
    assert items[1].find("adlcp:masteryscore", ns) is None  # no quiz, no mastery score
    general = root.find("cp:metadata/imsmd:lom/imsmd:general", ns)
    keywords = [k.findtext("imsmd:langstring", namespaces=ns) for k in general.findall("imsmd:keyword", ns)]
    assert keywords == ["greeting", "verification"]
    assert 'Greet "well" & verify.' in general.findtext("imsmd:description/imsmd:langstring", namespaces=ns)
    assert root.findtext(".//imsmd:typicallearningtime/imsmd:datetime", namespaces=ns) == "PT13M"
    scos = root.findall(".//cp:resource[@adlcp:scormtype='sco']", ns)
    assert [r.get("href") for r in scos] == ["fixture-opening/index.html", "fixture-closing/index.html"]


def test_scorm2004_manifest_lets_the_content_set_completion_and_objectives() -> None:
    root = manifest_of(export_package("scorm2004", [quiz_bundle(), plain_bundle()]))
    ns = SCORM2004_NS
    quiz_item, plain_item = root.findall(".//cp:item", ns)
    controls = quiz_item.find("imsss:sequencing/imsss:deliveryControls", ns)
    assert (controls.get("completionSetByContent"), controls.get("objectiveSetByContent")) == ("true", "true")
    primary = quiz_item.find("imsss:sequencing/imsss:objectives/imsss:primaryObjective", ns)
    assert primary.get("satisfiedByMeasure") == "true"
    assert primary.findtext("imsss:minNormalizedMeasure", namespaces=ns) == "0.8"
    objectives = quiz_item.findall("imsss:sequencing/imsss:objectives/imsss:objective", ns)
    assert [o.get("objectiveID") for o in objectives] == ["competency-call-opening", "competency-rapport"]
    plain_primary = plain_item.find("imsss:sequencing/imsss:objectives/imsss:primaryObjective", ns)
    assert plain_primary.get("satisfiedByMeasure") is None
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == "2004 4th Edition"
    assert root.findtext(".//lom:typicalLearningTime/lom:duration", namespaces=ns) == "PT13M"
    assert quiz_item.findtext("cp:title", namespaces=ns) == "Opening the call <& friends>"


def test_status_mode_and_activity_base_reach_the_runtime_data() -> None:
    options = ExportOptions(
        status_mode="completed-incomplete", activity_base="https://lms.example/xapi/activities"
    )
    data = read_zip(export_package("scorm12", [quiz_bundle()], options))["fixture-opening/data.js"].decode()
    assert '"statusMode":"completed-incomplete"' in data
    assert '"moduleIri":"https://lms.example/xapi/activities/modules/fixture-opening"' in data
    assert '"suspendDataLimit":4096' in data
    with pytest.raises(ValueError, match="status_mode"):
        ExportOptions(status_mode="done")
