"""The IRIs elearn uses in its statements: verbs, activity types and extensions (see docs/xapi.md).

The app, the exporters and the record store all take their identifiers from here, so that the
documented profile and the statements actually sent cannot drift apart.
"""

from __future__ import annotations

from typing import Final

XAPI_VERSION: Final = "1.0.3"

ADL_VERBS: Final = "http://adlnet.gov/expapi/verbs/"
ADL_ACTIVITIES: Final = "http://adlnet.gov/expapi/activities/"
ELEARN: Final = "https://elearn.example/xapi/"


class Verb:
    """Verb IRIs: the ADL vocabulary (also used by cmi5) for learning, elearn's own for mentoring."""

    LAUNCHED: Final = ADL_VERBS + "launched"
    INITIALIZED: Final = ADL_VERBS + "initialized"
    EXPERIENCED: Final = ADL_VERBS + "experienced"
    ANSWERED: Final = ADL_VERBS + "answered"
    COMPLETED: Final = ADL_VERBS + "completed"
    PASSED: Final = ADL_VERBS + "passed"
    FAILED: Final = ADL_VERBS + "failed"
    SUSPENDED: Final = ADL_VERBS + "suspended"
    RESUMED: Final = ADL_VERBS + "resumed"
    TERMINATED: Final = ADL_VERBS + "terminated"
    VOIDED: Final = ADL_VERBS + "voided"
    SCORED: Final = ADL_VERBS + "scored"
    ASSIGNED: Final = ELEARN + "verbs/assigned"
    CONFIRMED: Final = ELEARN + "verbs/confirmed"
    RETURNED: Final = ELEARN + "verbs/returned"


class ActivityType:
    """Activity type IRIs (``object.definition.type``)."""

    COURSE: Final = ADL_ACTIVITIES + "course"
    MODULE: Final = ADL_ACTIVITIES + "module"
    LESSON: Final = ADL_ACTIVITIES + "lesson"
    MEDIA: Final = ADL_ACTIVITIES + "media"
    ASSESSMENT: Final = ADL_ACTIVITIES + "assessment"
    INTERACTION: Final = ADL_ACTIVITIES + "cmi.interaction"
    FOLLOW_UP: Final = ELEARN + "activities/follow-up"
    DRILL: Final = ELEARN + "activities/drill"


# context.contextActivities.category of every statement about a drill: the answer is practice, not a test
PRACTICE_CATEGORY: Final = ELEARN + "activities/practice"

# context.contextActivities.category of a follow-up: this prefix + experience | exposure | education
FOLLOW_UP_KIND_PREFIX: Final = ELEARN + "activities/follow-up-kinds/"


class Extension:
    """Extension IRIs; each documents the JSON value it carries."""

    # context: a list of {"id": competency IRI, "weight": number} the activity gives evidence for
    COMPETENCIES: Final = ELEARN + "extensions/competencies"
    # context: the version of the compiled module the learner saw
    MODULE_VERSION: Final = ELEARN + "extensions/module-version"
    # context: true on answers to a module's inline knowledge checks (practice, never scored)
    PRACTICE: Final = ELEARN + "extensions/practice"
    # result: the mentor's note on a confirmed or completed follow-up
    MENTOR_NOTE: Final = ELEARN + "extensions/mentor-note"


VERBS: Final[dict[str, str]] = {name.lower(): value for name, value in vars(Verb).items() if name.isupper()}
ACTIVITY_TYPES: Final[dict[str, str]] = {
    name.lower(): value for name, value in vars(ActivityType).items() if name.isupper()
}
EXTENSIONS: Final[dict[str, str]] = {
    name.lower(): value for name, value in vars(Extension).items() if name.isupper()
}


def verb_display(iri: str) -> dict[str, str]:
    """Return the ``display`` language map of a verb of this vocabulary (its last path segment)."""
    return {"en-US": iri.rstrip("/").rsplit("/", 1)[-1]}
