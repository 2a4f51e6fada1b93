"""Statement validation, rule by rule: each case changes one property of a valid statement and names the
message (with its exact path) the validator must give."""

from __future__ import annotations

from typing import Any

import pytest

from learning_record_store import StatementValidationError, validate_statement
from learning_record_store.validation import validate_statements
from tests.learning_record_store.statement_fixtures import ACTIVITY, statement

SUB = {
    "objectType": "SubStatement",
    "actor": {"mbox": "mailto:b@example.test"},
    "verb": {"id": "http://example.test/verbs/x"},
    "object": {"id": ACTIVITY},
}
INTERACTION = {"interactionType": "choice", "choices": [{"id": "a", "description": {"en": "A"}}, {"id": "b"}]}

VALID: list[tuple[str, dict[str, Any]]] = [
    ("minimal", statement()),
    ("raw 0 within range", statement(result={"score": {"raw": 0, "min": 0, "max": 10, "scaled": 0}})),
    ("scaled bounds", statement(result={"score": {"scaled": -1}})),
    ("duration", statement(result={"duration": "PT1H2M3.25S", "success": True, "completion": False})),
    ("week duration", statement(result={"duration": "P3W"})),
    ("timestamp with offset", statement(timestamp="2026-11-22T10:00:00.123+01:00")),
    ("timestamp Z", statement(timestamp="2026-11-22T10:00:00Z")),
    (
        "language tags",
        statement(
            verb={
                "id": "http://x.test/v",
                "display": {"zh-Hant-TW": "x", "sr-Latn": "y", "en-GB-oed": "z", "x-private": "p"},
            }
        ),
    ),
    ("mbox_sha1sum", statement(actor={"mbox_sha1sum": "a" * 40})),
    ("openid", statement(actor={"openid": "https://openid.example/ann"})),
    ("account", statement(actor={"account": {"homePage": "https://elearn.example", "name": "42"}})),
    ("identified group", statement(actor={"objectType": "Group", "mbox": "mailto:team@example.test"})),
    (
        "anonymous group",
        statement(actor={"objectType": "Group", "member": [{"mbox": "mailto:a@example.test"}]}),
    ),
    ("agent object", statement(object={"objectType": "Agent", "mbox": "mailto:b@example.test"})),
    (
        "statement ref",
        statement(
            object={"objectType": "StatementRef", "id": "6fbd600f-d17c-4c74-801a-2ec2e53231c7"}, context={}
        ),
    ),
    ("substatement", statement(object=SUB)),
    ("interaction", statement(object={"id": ACTIVITY, "definition": INTERACTION})),
    ("single context activity", statement(context={"contextActivities": {"grouping": {"id": ACTIVITY}}})),
    ("extensions with null values", statement(result={"extensions": {"https://x.test/e": None}})),
    ("version", statement(version="1.0.3")),
    (
        "oauth authority",
        statement(
            authority={
                "objectType": "Group",
                "member": [
                    {"account": {"homePage": "https://lrs.example", "name": "app"}},
                    {"mbox": "mailto:u@example.test"},
                ],
            }
        ),
    ),
]

INVALID: list[tuple[str, dict[str, Any], str]] = [
    ("missing actor", {k: v for k, v in statement().items() if k != "actor"}, "actor: is required"),
    ("unknown property", statement(colour="red"), "statement: unknown property 'colour'"),
    ("null", statement(result={"response": None}), "result.response: must not be null"),
    (
        "raw 0 below min",
        statement(result={"score": {"raw": 0, "min": 1, "max": 5}}),
        "result.score.raw: must be between min and max",
    ),
    (
        "raw above max",
        statement(result={"score": {"raw": 6, "min": 1, "max": 5}}),
        "result.score.raw: must be between min and max",
    ),
    (
        "min not below max",
        statement(result={"score": {"min": 5, "max": 5}}),
        "result.score.max: must be greater",
    ),
    (
        "scaled above 1",
        statement(result={"score": {"scaled": 1.5}}),
        "result.score.scaled: must be between -1",
    ),
    (
        "true is not a number",
        statement(result={"score": {"raw": True}}),
        "result.score.raw: must be a number",
    ),
    (
        "string is not a number",
        statement(result={"score": {"raw": "5"}}),
        "result.score.raw: must be a number",
    ),
    (
        "string is not a boolean",
        statement(result={"success": "true"}),
        "result.success: must be true or false",
    ),
    (
        "bad duration",
        statement(result={"duration": "1 hour"}),
        "result.duration: must be an ISO 8601 duration",
    ),
    ("alternative duration", statement(result={"duration": "P0000-00-01"}), "result.duration"),
    ("-00:00 offset", statement(timestamp="2026-11-22T10:00:00-00:00"), "timestamp: must not use the -00:00"),
    ("not a timestamp", statement(timestamp="yesterday"), "timestamp: must be an ISO 8601 timestamp"),
    ("month 13", statement(timestamp="2026-13-22T10:00:00Z"), "timestamp: must be an ISO 8601 timestamp"),
    ("bad id", statement(id="not-a-uuid"), "id: must be a UUID"),
    ("verb id without scheme", statement(verb={"id": "answered"}), "verb.id: must be an IRI"),
    ("empty IRI", statement(verb={"id": ""}), "verb.id: must be an IRI"),
    (
        "bad language tag",
        statement(verb={"id": "http://x.test/v", "display": {"en_US": "x"}}),
        "verb.display: 'en_US' is not an RFC 5646",
    ),
    (
        "empty verb display",
        statement(verb={"id": "http://x.test/v", "display": {}}),
        "verb.display: must hold at least one language",
    ),
    (
        "empty activity name",
        statement(object={"id": "http://x.test/a", "definition": {"name": {}}}),
        "object.definition.name: must hold at least one language",
    ),
    (
        "two IFIs",
        statement(actor={"mbox": "mailto:a@example.test", "openid": "https://o.example/a"}),
        "actor: an Agent must have exactly one",
    ),
    ("no IFI", statement(actor={"name": "Ann"}), "actor: an Agent must have exactly one"),
    (
        "mbox without mailto",
        statement(actor={"mbox": "ann@example.test"}),
        "actor.mbox: must be a mailto: IRI",
    ),
    (
        "sha1 not hex",
        statement(actor={"mbox_sha1sum": "z" * 40}),
        "actor.mbox_sha1sum: must be a hex-encoded",
    ),
    (
        "account without name",
        statement(actor={"account": {"homePage": "https://x.test"}}),
        "actor.account.name: is required",
    ),
    (
        "anonymous group without members",
        statement(actor={"objectType": "Group"}),
        "actor.member: an anonymous",
    ),
    (
        "group in group",
        statement(
            actor={
                "objectType": "Group",
                "member": [{"objectType": "Group", "mbox": "mailto:t@example.test"}],
            }
        ),
        "actor.member[0].objectType: must be one of Agent",
    ),
    (
        "agent object without objectType",
        statement(object={"mbox": "mailto:b@example.test"}),
        "object: unknown property 'mbox'",
    ),
    (
        "wrong objectType case",
        statement(object={"objectType": "activity", "id": ACTIVITY}),
        "object.objectType: must be one of",
    ),
    (
        "statement ref without objectType id",
        statement(object={"objectType": "StatementRef"}, context={}),
        "object.id: is required",
    ),
    (
        "substatement with id",
        statement(object={**SUB, "id": "6fbd600f-d17c-4c74-801a-2ec2e53231c7"}),
        "object: unknown property 'id'",
    ),
    (
        "nested substatement",
        statement(object={**SUB, "object": SUB}),
        "object.object.objectType: a SubStatement",
    ),
    (
        "revision with agent object",
        statement(object={"objectType": "Agent", "mbox": "mailto:b@example.test"}, context={"revision": "2"}),
        "context.revision: only allowed",
    ),
    (
        "platform with statement ref",
        statement(
            object={"objectType": "StatementRef", "id": "6fbd600f-d17c-4c74-801a-2ec2e53231c7"},
            context={"platform": "web"},
        ),
        "context.platform: only allowed",
    ),
    (
        "unknown context activity kind",
        statement(context={"contextActivities": {"sibling": [{"id": ACTIVITY}]}}),
        "context.contextActivities: unknown property 'sibling'",
    ),
    (
        "context activity without id",
        statement(context={"contextActivities": {"parent": [{}]}}),
        "context.contextActivities.parent[0].id: is required",
    ),
    (
        "registration not uuid",
        statement(context={"registration": "abc"}),
        "context.registration: must be a UUID",
    ),
    (
        "team is an agent",
        statement(context={"team": {"mbox": "mailto:t@example.test"}}),
        "context.team.objectType: is required",
    ),
    (
        "extension key not IRI",
        statement(result={"extensions": {"score": 1}}),
        "result.extensions: key 'score' must be an IRI",
    ),
    (
        "interaction type case",
        statement(object={"id": ACTIVITY, "definition": {"interactionType": "Choice"}}),
        "object.definition.interactionType: must be one of",
    ),
    (
        "components not for type",
        statement(
            object={"id": ACTIVITY, "definition": {"interactionType": "likert", "choices": [{"id": "a"}]}}
        ),
        "object.definition.choices: not allowed",
    ),
    (
        "duplicate component ids",
        statement(
            object={
                "id": ACTIVITY,
                "definition": {"interactionType": "choice", "choices": [{"id": "a"}, {"id": "a"}]},
            }
        ),
        "object.definition.choices: component ids must be distinct",
    ),
    (
        "components without type",
        statement(object={"id": ACTIVITY, "definition": {"choices": [{"id": "a"}]}}),
        "object.definition.choices: interaction properties need",
    ),
    ("version 2", statement(version="2.0.0"), "version: must start with 1.0."),
    (
        "authority group of three",
        statement(
            authority={
                "objectType": "Group",
                "member": [
                    {"mbox": "mailto:a@example.test"},
                    {"mbox": "mailto:b@example.test"},
                    {"mbox": "mailto:c@example.test"},
                ],
            }
        ),
        "authority: a Group authority must be an anonymous Group of two",
    ),
    (
        "voiding without statement ref",
        statement(verb={"id": "http://adlnet.gov/expapi/verbs/voided"}),
        "object.objectType: a voiding statement's object must be a StatementRef",
    ),
    (
        "attachment without sha2",
        statement(
            attachments=[
                {
                    "usageType": "http://x.test/u",
                    "display": {"en": "a"},
                    "contentType": "text/plain",
                    "length": 3,
                }
            ]
        ),
        "attachments[0].sha2: is required",
    ),
    (
        "attachment length negative",
        statement(
            attachments=[
                {
                    "usageType": "http://x.test/u",
                    "display": {"en": "a"},
                    "contentType": "text/plain",
                    "length": -1,
                    "sha2": "a" * 64,
                }
            ]
        ),
        "attachments[0].length: must be a non-negative integer",
    ),
    ("not an object", [], "statement: must be an object"),
    (
        "objectType not a string",
        statement(object={"objectType": ["Activity"], "id": ACTIVITY}),
        "object.objectType: must be one of",
    ),
]


@pytest.mark.parametrize(("name", "value"), VALID, ids=[case[0] for case in VALID])
def test_valid_statements_pass(name: str, value: dict[str, Any]) -> None:
    validate_statement(value)


@pytest.mark.parametrize(("name", "value", "message"), INVALID, ids=[case[0] for case in INVALID])
def test_invalid_statements_name_the_property(name: str, value: Any, message: str) -> None:
    with pytest.raises(StatementValidationError) as caught:
        validate_statement(value)
    assert message in str(caught.value)


def test_batch_errors_name_the_statement_and_duplicate_ids() -> None:
    same = "6fbd600f-d17c-4c74-801a-2ec2e53231c7"
    with pytest.raises(StatementValidationError, match=r"statements\[1\]\.id: id .* is used twice"):
        validate_statements([statement(id=same), statement(id=same.upper())])
    with pytest.raises(StatementValidationError, match=r"statements\[1\]\.result\.score\.raw"):
        validate_statements([statement(), statement(result={"score": {"raw": 9, "max": 5}})])
