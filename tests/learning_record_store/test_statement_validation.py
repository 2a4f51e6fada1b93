"""Statement validation, rule by rule: each case changes one property of a valid statement and names the
message (with its exact path) the validator must give. A case's id starts with the anchor of the xAPI 1.0.3
Data requirement it checks (test_conformance_data.py holds the rules not checked here)."""

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
    ("2.2.s2.b3 minimal", statement()),
    ("2.4.5.1 raw 0 within range", statement(result={"score": {"raw": 0, "min": 0, "max": 10, "scaled": 0}})),
    ("2.4.5.1 scaled bounds", statement(result={"score": {"scaled": -1}})),
    (
        "4.6.s1.b1 duration",
        statement(result={"duration": "PT1H2M3.25S", "success": True, "completion": False}),
    ),
    ("4.6.s1.b1 week duration", statement(result={"duration": "P3W"})),
    ("4.5.s1.b1 timestamp with offset", statement(timestamp="2026-11-22T10:00:00.123+01:00")),
    ("4.5.s1.b1 timestamp Z", statement(timestamp="2026-11-22T10:00:00Z")),
    (
        "2.2.s4.b2 language tags",
        statement(
            verb={
                "id": "http://x.test/v",
                "display": {"zh-Hant-TW": "x", "sr-Latn": "y", "en-GB-oed": "z", "x-private": "p"},
            }
        ),
    ),
    ("2.4.2.3 mbox_sha1sum", statement(actor={"mbox_sha1sum": "a" * 40})),
    ("2.4.2.3 openid", statement(actor={"openid": "https://openid.example/ann"})),
    ("2.4.2.4 account", statement(actor={"account": {"homePage": "https://elearn.example", "name": "42"}})),
    (
        "2.4.2.2.s5.b1 identified group",
        statement(actor={"objectType": "Group", "mbox": "mailto:team@example.test"}),
    ),
    (
        "2.4.2.2.s4.b1 anonymous group",
        statement(actor={"objectType": "Group", "member": [{"mbox": "mailto:a@example.test"}]}),
    ),
    (
        "2.4.4.2.s1.b1 agent object",
        statement(object={"objectType": "Agent", "mbox": "mailto:b@example.test"}),
    ),
    (
        "2.4.4.3.s4.b1 statement ref",
        statement(
            object={"objectType": "StatementRef", "id": "6fbd600f-d17c-4c74-801a-2ec2e53231c7"}, context={}
        ),
    ),
    ("2.4.4.3.s8.b1 substatement", statement(object=SUB)),
    ("2.4.4.1.s13.b1 interaction", statement(object={"id": ACTIVITY, "definition": INTERACTION})),
    (
        "2.4.6.2.s4.b2 single context activity",
        statement(context={"contextActivities": {"grouping": {"id": ACTIVITY}}}),
    ),
    (
        "2.2.s4.b1.b1 extensions with null values",
        statement(result={"extensions": {"https://x.test/e": None}}),
    ),
    ("2.4.10.s3.b1 version", statement(version="1.0.3")),
    (
        "2.4.9.s3.b1 oauth authority",
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
    ("2.2.s2.b3 missing actor", {k: v for k, v in statement().items() if k != "actor"}, "actor: is required"),
    ("2.2.s4.b1.b7 unknown property", statement(colour="red"), "statement: unknown property 'colour'"),
    ("2.2.s4.b1.b1 null", statement(result={"response": None}), "result.response: must not be null"),
    (
        "2.4.5.1 raw 0 below min",
        statement(result={"score": {"raw": 0, "min": 1, "max": 5}}),
        "result.score.raw: must be between min and max",
    ),
    (
        "2.4.5.1 raw above max",
        statement(result={"score": {"raw": 6, "min": 1, "max": 5}}),
        "result.score.raw: must be between min and max",
    ),
    (
        "2.4.5.1 min not below max",
        statement(result={"score": {"min": 5, "max": 5}}),
        "result.score.max: must be greater",
    ),
    (
        "2.4.5.1 scaled above 1",
        statement(result={"score": {"scaled": 1.5}}),
        "result.score.scaled: must be between -1",
    ),
    (
        "2.2.s4.b1.b2 true is not a number",
        statement(result={"score": {"raw": True}}),
        "result.score.raw: must be a number",
    ),
    (
        "2.2.s4.b1.b2 string is not a number",
        statement(result={"score": {"raw": "5"}}),
        "result.score.raw: must be a number",
    ),
    (
        "2.2.s4.b1.b3 string is not a boolean",
        statement(result={"success": "true"}),
        "result.success: must be true or false",
    ),
    (
        "4.6.s1.b1 bad duration",
        statement(result={"duration": "1 hour"}),
        "result.duration: must be an ISO 8601 duration",
    ),
    ("4.6.s1.b1 alternative duration", statement(result={"duration": "P0000-00-01"}), "result.duration"),
    (
        "4.5.s1.b2 -00:00 offset",
        statement(timestamp="2026-11-22T10:00:00-00:00"),
        "timestamp: must not use the -00:00",
    ),
    (
        "4.5.s1.b1 not a timestamp",
        statement(timestamp="yesterday"),
        "timestamp: must be an ISO 8601 timestamp",
    ),
    (
        "4.5.s1.b1 month 13",
        statement(timestamp="2026-13-22T10:00:00Z"),
        "timestamp: must be an ISO 8601 timestamp",
    ),
    ("2.2.s4.b1.b4 bad id", statement(id="not-a-uuid"), "id: must be a UUID"),
    ("2.2.s4.b1.b8 verb id without scheme", statement(verb={"id": "answered"}), "verb.id: must be an IRI"),
    ("2.2.s4.b1.b4 empty IRI", statement(verb={"id": ""}), "verb.id: must be an IRI"),
    (
        "2.2.s4.b2 bad language tag",
        statement(verb={"id": "http://x.test/v", "display": {"en_US": "x"}}),
        "verb.display: 'en_US' is not an RFC 5646",
    ),
    (
        "2.2.s2.b1 empty verb display",
        statement(verb={"id": "http://x.test/v", "display": {}}),
        "verb.display: must hold at least one language",
    ),
    (
        "2.2.s2.b1 empty activity name",
        statement(object={"id": "http://x.test/a", "definition": {"name": {}}}),
        "object.definition.name: must hold at least one language",
    ),
    (
        "2.4.2.1.s2.b2 two IFIs",
        statement(actor={"mbox": "mailto:a@example.test", "openid": "https://o.example/a"}),
        "actor: an Agent must have exactly one",
    ),
    ("2.4.2.1.s2.b1 no IFI", statement(actor={"name": "Ann"}), "actor: an Agent must have exactly one"),
    (
        "2.4.2.3 mbox without mailto",
        statement(actor={"mbox": "ann@example.test"}),
        "actor.mbox: must be a mailto: IRI",
    ),
    (
        "2.4.2.3 sha1 not hex",
        statement(actor={"mbox_sha1sum": "z" * 40}),
        "actor.mbox_sha1sum: must be a hex-encoded",
    ),
    (
        "2.4.2.4 account without name",
        statement(actor={"account": {"homePage": "https://x.test"}}),
        "actor.account.name: is required",
    ),
    (
        "2.4.2.2.s4.b1 anonymous group without members",
        statement(actor={"objectType": "Group"}),
        "actor.member: an anonymous",
    ),
    (
        "2.4.2.2.s4.b2 group in group",
        statement(
            actor={
                "objectType": "Group",
                "member": [{"objectType": "Group", "mbox": "mailto:t@example.test"}],
            }
        ),
        "actor.member[0].objectType: must be one of Agent",
    ),
    (
        "2.4.4.2.s1.b1 agent object without objectType",
        statement(object={"mbox": "mailto:b@example.test"}),
        "object: unknown property 'mbox'",
    ),
    (
        "2.2.s4.b1.b6 wrong objectType case",
        statement(object={"objectType": "activity", "id": ACTIVITY}),
        "object.objectType: must be one of",
    ),
    (
        "2.4.4.3.s4.b2 statement ref without objectType id",
        statement(object={"objectType": "StatementRef"}, context={}),
        "object.id: is required",
    ),
    (
        "2.4.4.3.s8.b3 substatement with id",
        statement(object={**SUB, "id": "6fbd600f-d17c-4c74-801a-2ec2e53231c7"}),
        "object: unknown property 'id'",
    ),
    (
        "2.4.4.3.s8.b4 nested substatement",
        statement(object={**SUB, "object": SUB}),
        "object.object.objectType: a SubStatement",
    ),
    (
        "2.4.6.s4.b1 revision with agent object",
        statement(object={"objectType": "Agent", "mbox": "mailto:b@example.test"}, context={"revision": "2"}),
        "context.revision: only allowed",
    ),
    (
        "2.4.6.s4.b2 platform with statement ref",
        statement(
            object={"objectType": "StatementRef", "id": "6fbd600f-d17c-4c74-801a-2ec2e53231c7"},
            context={"platform": "web"},
        ),
        "context.platform: only allowed",
    ),
    (
        "2.4.6.2.s4.b1 unknown context activity kind",
        statement(context={"contextActivities": {"sibling": [{"id": ACTIVITY}]}}),
        "context.contextActivities: unknown property 'sibling'",
    ),
    (
        "2.4.6.2.s4.b2 context activity without id",
        statement(context={"contextActivities": {"parent": [{}]}}),
        "context.contextActivities.parent[0].id: is required",
    ),
    (
        "2.4.6.1 registration not uuid",
        statement(context={"registration": "abc"}),
        "context.registration: must be a UUID",
    ),
    (
        "2.4.6 team is an agent",
        statement(context={"team": {"mbox": "mailto:t@example.test"}}),
        "context.team.objectType: is required",
    ),
    (
        "4.1.s3.b1 extension key not IRI",
        statement(result={"extensions": {"score": 1}}),
        "result.extensions: key 'score' must be an IRI",
    ),
    (
        "2.2.s4.b1.b6 interaction type case",
        statement(object={"id": ACTIVITY, "definition": {"interactionType": "Choice"}}),
        "object.definition.interactionType: must be one of",
    ),
    (
        "2.4.4.1.s15 components not for type",
        statement(
            object={"id": ACTIVITY, "definition": {"interactionType": "likert", "choices": [{"id": "a"}]}}
        ),
        "object.definition.choices: not allowed",
    ),
    (
        "2.4.4.1.s16.b1 duplicate component ids",
        statement(
            object={
                "id": ACTIVITY,
                "definition": {"interactionType": "choice", "choices": [{"id": "a"}, {"id": "a"}]},
            }
        ),
        "object.definition.choices: component ids must be distinct",
    ),
    (
        "2.4.4.1.s15 components without type",
        statement(object={"id": ACTIVITY, "definition": {"choices": [{"id": "a"}]}}),
        "object.definition.choices: interaction properties need",
    ),
    ("2.4.10.s3.b2 version 2", statement(version="2.0.0"), "version: must start with 1.0."),
    (
        "2.4.9.s3.b1 authority group of three",
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
        "2.3.2.s2.b1 voiding without statement ref",
        statement(verb={"id": "http://adlnet.gov/expapi/verbs/voided"}),
        "object.objectType: a voiding statement's object must be a StatementRef",
    ),
    (
        "2.4.11 attachment without sha2",
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
        "2.4.11 attachment length negative",
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
    ("2.2 not an object", [], "statement: must be an object"),
    (
        "2.2.s4.b1.b2 objectType not a string",
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
