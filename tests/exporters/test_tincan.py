"""tincan.xml: well-formed, with the documented structure (activities with IRIs, types, names, a launch)."""

from __future__ import annotations

from lxml import etree

from exporters import export_package
from exporters.package import read_zip
from exporters.xapi.manifest import NS, structure_problems
from tests.exporters.fixtures import plain_bundle, quiz_bundle

T = {"t": NS}


def tincan(*bundles) -> etree._Element:  # type: ignore[no-untyped-def]
    return etree.fromstring(read_zip(export_package("xapi", list(bundles)))["tincan.xml"])


def test_one_module_is_the_launchable_activity_with_its_quiz_and_questions() -> None:
    root = tincan(quiz_bundle())
    activities = root.findall("t:activities/t:activity", T)
    launchable = [a for a in activities if a.find("t:launch", T) is not None]
    assert [a.get("id") for a in launchable] == [
        "https://elearn.example/xapi/activities/modules/fixture-opening"
    ]
    assert launchable[0].findtext("t:launch", namespaces=T) == "fixture-opening/index.html"
    assert launchable[0].findtext("t:name", namespaces=T) == "Opening the call <& friends>"
    questions = [a for a in activities if a.get("type").endswith("cmi.interaction")]
    assert len(questions) == 9
    matching = next(a for a in questions if a.get("id").endswith("/match-phrases"))
    assert matching.findtext("t:interactionType", namespaces=T) == "matching"
    assert (
        matching.findtext("t:correctResponsePatterns/t:correctResponsePattern", namespaces=T)
        == "a[.]x[,]b[.]y"
    )
    assert [c.findtext("t:id", namespaces=T) for c in matching.findall("t:target/t:component", T)] == [
        "x",
        "y",
        "z",
    ]


def test_several_modules_get_a_course_activity_that_launches_a_menu() -> None:
    root = tincan(quiz_bundle(), plain_bundle())
    first = root.find("t:activities/t:activity", T)
    assert first.get("type") == "http://adlnet.gov/expapi/activities/course"
    assert first.findtext("t:launch", namespaces=T) == "index.html"
    files = read_zip(export_package("xapi", [quiz_bundle(), plain_bundle()]))
    menu = files["index.html"].decode()
    assert 'href="fixture-closing/index.html"' in menu
    assert 'data-activity-id="https://elearn.example/xapi/activities/modules/fixture-closing"' in menu


def test_the_structure_check_finds_what_an_lms_would_refuse() -> None:
    assert structure_problems(
        b'<tincan xmlns="http://projecttincan.com/tincan.xsd"><activities/></tincan>'
    ) == ["no activity under tincan/activities", "no launchable activity (an activity with a launch element)"]
    broken = (
        b'<tincan xmlns="http://projecttincan.com/tincan.xsd"><activities>'
        b'<activity id="module-1"><launch>a.html</launch><launch>b.html</launch></activity>'
        b"</activities></tincan>"
    )
    assert structure_problems(broken) == [
        "activities/activity[1]: id must be an absolute IRI",
        "activities/activity[1]: type is required",
        "activities/activity[1]: name is required",
        "activities/activity[1]: at most one launch",
    ]
    assert structure_problems(b"<manifest/>")[0].startswith("root element must be")
