"""``tincan.xml``: the activity tree of an xAPI (Tin Can) package.

One module: the module is the launchable activity. Several: a course activity launches a menu page, and
each module activity launches its own page. Quizzes and questions are listed with their interaction
definitions so an LMS can name them in reports before any statement arrives.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from .. import identifiers, interactions
from ..bundle import ExportOptions, ModuleBundle
from ..content import launch_path
from ..manifest_common import course_description, course_title
from ..xmlutil import child, parse, serialize

NS = "http://projecttincan.com/tincan.xsd"
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "module": "http://adlnet.gov/expapi/activities/module",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
    "interaction": "http://adlnet.gov/expapi/activities/cmi.interaction",
}
COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")
COURSE_MENU = "index.html"
LANG = "en-US"


def _tag(name: str) -> str:
    return f"{{{NS}}}{name}"


def _activity(
    parent: etree._Element, iri: str, kind: str, name: str, description: str, launch: str | None = None
) -> etree._Element:
    activity = child(parent, _tag("activity"), id=iri, type=ACTIVITY_TYPES[kind])
    child(activity, _tag("name"), name, lang=LANG)
    child(activity, _tag("description"), description, lang=LANG)
    if launch:
        child(activity, _tag("launch"), launch, lang=LANG)
    return activity


def _questions(parent: etree._Element, bundle: ModuleBundle, options: ExportOptions) -> None:
    quiz = bundle.quiz
    if quiz is None:
        return
    _activity(
        parent, identifiers.quiz_iri(options.activity_base, quiz.id), "assessment", quiz.title, quiz.title
    )
    for question in quiz.questions:
        activity = _activity(
            parent,
            identifiers.question_iri(options.activity_base, quiz.id, question.id),
            "interaction",
            question.stem,
            question.stem,
        )
        child(activity, _tag("interactionType"), interactions.interaction_type(question))
        patterns = interactions.correct_responses_pattern(question)
        if patterns:
            listing = child(activity, _tag("correctResponsePatterns"))
            for pattern in patterns:
                child(listing, _tag("correctResponsePattern"), pattern)
        components = interactions.interaction_components(question)
        for name in COMPONENT_LISTS:
            if name not in components:
                continue
            listing = child(activity, _tag(name))
            for component in components[name]:
                item = child(listing, _tag("component"))
                child(item, _tag("id"), component["id"])
                for lang, text in component["description"].items():
                    child(item, _tag("description"), text, lang=lang)


def build_manifest(bundles: Sequence[ModuleBundle], options: ExportOptions, files: dict[str, bytes]) -> bytes:
    """Return ``tincan.xml`` for ``bundles``."""
    root = etree.Element(_tag("tincan"), nsmap={None: NS})
    activities = child(root, _tag("activities"))
    if len(bundles) > 1:
        module_ids = [bundle.module.id for bundle in bundles]
        _activity(
            activities,
            identifiers.course_iri(options.activity_base, module_ids),
            "course",
            course_title(bundles, options),
            course_description(bundles),
            COURSE_MENU,
        )
    for bundle in bundles:
        module = bundle.module
        _activity(
            activities,
            identifiers.module_iri(options.activity_base, module.id),
            "module",
            module.title,
            module.summary,
            launch_path(module.id),
        )
        _questions(activities, bundle, options)
    return serialize(root)


def manifest_references(manifest: bytes) -> list[str]:
    return [launch.text.strip() for launch in parse(manifest).iter(_tag("launch")) if launch.text]


def structure_problems(manifest: bytes) -> list[str]:
    """Check the documented structure of tincan.xml: activities with id, type, name and at most one launch."""
    root = parse(manifest)
    if root.tag != _tag("tincan"):
        return [f"root element must be {{{NS}}}tincan, not {root.tag}"]
    activities = root.findall(f"{_tag('activities')}/{_tag('activity')}")
    problems = [] if activities else ["no activity under tincan/activities"]
    for index, activity in enumerate(activities):
        where = f"activities/activity[{index + 1}]"
        if not activity.get("id", "").startswith(("http://", "https://")):
            problems.append(f"{where}: id must be an absolute IRI")
        if not activity.get("type"):
            problems.append(f"{where}: type is required")
        if activity.find(_tag("name")) is None:
            problems.append(f"{where}: name is required")
        if len(activity.findall(_tag("launch"))) > 1:
            problems.append(f"{where}: at most one launch")
    if not root.findall(f".//{_tag('launch')}"):
        problems.append("no launchable activity (an activity with a launch element)")
    return problems
