"""``cmi5.xml``: the cmi5 course structure, one AU per module, one objective per competency.

moveOn follows the module: a module whose completion needs a quiz pass asks for CompletedAndPassed, any
other for Completed; the quiz's pass mark is the AU's masteryScore.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from .. import identifiers
from ..bundle import ExportOptions, ModuleBundle
from ..content import launch_path
from ..manifest_common import course_description, course_title
from ..runtime_data import competency_data
from ..xmlutil import child, parse, serialize

NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"


def _tag(name: str) -> str:
    return f"{{{NS}}}{name}"


def _text(parent: etree._Element, tag: str, text: str) -> None:
    child(child(parent, _tag(tag)), _tag("langstring"), text, lang="en-US")


def move_on(bundle: ModuleBundle) -> str:
    return (
        "CompletedAndPassed" if bundle.quiz is not None and bundle.module.requires_quiz_pass else "Completed"
    )


def _objectives(root: etree._Element, bundles: Sequence[ModuleBundle], options: ExportOptions) -> None:
    seen: dict[str, dict[str, str]] = {}
    for bundle in bundles:
        for competency in competency_data(bundle.module, bundle.quiz, options):
            seen.setdefault(competency["iri"], competency)
    if not seen:
        return
    objectives = child(root, _tag("objectives"))
    framework = options.framework
    for iri, competency in seen.items():
        objective = child(objectives, _tag("objective"), id=iri)
        _text(objective, "title", competency["name"])
        found = framework.get(competency["id"]) if framework else None
        _text(objective, "description", found.description if found else competency["name"])


def build_manifest(bundles: Sequence[ModuleBundle], options: ExportOptions, files: dict[str, bytes]) -> bytes:
    """Return the cmi5 course structure of ``bundles``."""
    module_ids = [bundle.module.id for bundle in bundles]
    root = etree.Element(_tag("courseStructure"), nsmap={None: NS})
    course = child(root, _tag("course"), id=identifiers.course_iri(options.activity_base, module_ids))
    _text(course, "title", course_title(bundles, options))
    _text(course, "description", course_description(bundles) or course_title(bundles, options))
    _objectives(root, bundles, options)
    for bundle in bundles:
        module, quiz = bundle.module, bundle.quiz
        au = child(
            root,
            _tag("au"),
            id=identifiers.module_iri(options.activity_base, module.id),
            moveOn=move_on(bundle),
            launchMethod="AnyWindow",
        )
        if quiz is not None:
            au.set("masteryScore", f"{quiz.settings.pass_mark / 100:.4g}")
        _text(au, "title", module.title)
        _text(au, "description", module.summary)
        competencies = competency_data(module, quiz, options)
        if competencies:
            references = child(au, _tag("objectives"))
            for competency in competencies:
                child(references, _tag("objective"), idref=competency["iri"])
        child(au, _tag("url"), launch_path(module.id))
    return serialize(root)


def manifest_references(manifest: bytes) -> list[str]:
    return [url.text.strip() for url in parse(manifest).iter(_tag("url")) if url.text]
