"""xAPI 1.0.3 Data: the validation rules an LRS applies to Statements, requirement by requirement.

Each case names the requirement (its anchor in xAPI-Data.md and a short quote) and changes one property
of a valid Statement. These are the rules test_statement_validation.py does not already check; that file
checks the exact message of each rule it covers, this one that the rule holds at all. A rejected
Statement is answered 400 over HTTP (test_statements_api.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from learning_record_store import StatementValidationError, validate_statement
from tests.learning_record_store.statement_fixtures import ACTIVITY, statement

REF = "6fbd600f-d17c-4c74-801a-2ec2e53231c7"
SUB = {
    "objectType": "SubStatement",
    "actor": {"mbox": "mailto:b@example.test"},
    "verb": {"id": "http://example.test/verbs/x"},
    "object": {"id": ACTIVITY},
}
ATTACHMENT = {
    "usageType": "http://example.test/usage",
    "display": {"en-US": "a"},
    "contentType": "text/plain",
    "length": 1,
    "sha2": "a" * 64,
}


def without(name: str) -> dict[str, Any]:
    return {key: value for key, value in statement().items() if key != name}


def renamed(old: str, new: str) -> dict[str, Any]:
    value = statement()
    value[new] = value.pop(old)
    return value


REJECTED: list[tuple[str, Any]] = [
    ("2.2.s2.b3 MUST use actor, verb and object: no verb", without("verb")),
    ("2.2.s2.b3 MUST use actor, verb and object: no object", without("object")),
    (
        "2.2.s4.b1.b1 MUST reject null values (a language map)",
        statement(verb={"id": "http://example.test/v", "display": None}),
    ),
    ("2.2.s4.b1.b1 MUST reject null values (the id)", statement(id=None)),
    ("2.2.s4.b1.b3 strings where booleans are required", statement(result={"completion": "true"})),
    ("2.2.s4.b1.b4 the empty string where a UUID is required", statement(id="")),
    ("2.2.s4.b1.b4 the empty string where a mailto IRI is required", statement(actor={"mbox": ""})),
    ("2.2.s4.b1.b5 the case of a key does not match (Actor)", renamed("actor", "Actor")),
    (
        "2.2.s4.b1.b5 the case of a key does not match (verb.ID)",
        statement(verb={"ID": "http://example.test/v"}),
    ),
    (
        "2.2.s4.b1.b6 an enumerated value in another case (objectType agent)",
        statement(actor={"objectType": "agent", "mbox": "mailto:a@example.test"}),
    ),
    ("2.2.s4.b1.b8 an IRI without a scheme (Activity id)", statement(object={"id": "example.test/a"})),
    (
        "2.2.s4.b1.b8 an IRI without a scheme (Activity type)",
        statement(object={"id": ACTIVITY, "definition": {"type": "lesson"}}),
    ),
    (
        "2.2.s4.b1.b8 an IRL without a scheme (account homePage)",
        statement(actor={"account": {"homePage": "example.test", "name": "a"}}),
    ),
    (
        "2.2.s4.b1.b8 an IRL without a scheme (moreInfo)",
        statement(object={"id": ACTIVITY, "definition": {"moreInfo": "example.test/info"}}),
    ),
    (
        "2.2.s4.b2 language map keys MUST follow RFC 5646 token lengths (empty subtag)",
        statement(verb={"id": "http://example.test/v", "display": {"en-": "x"}}),
    ),
    (
        "2.2.s4.b2 language map keys MUST follow RFC 5646 token lengths (9-letter language)",
        statement(verb={"id": "http://example.test/v", "display": {"abcdefghi": "x"}}),
    ),
    (
        "2.2.s4.b1.b3 language map values are strings",
        statement(verb={"id": "http://example.test/v", "display": {"en-US": 5}}),
    ),
    (
        "2.2.s4.b8 SHOULD* reject additional properties (in a definition)",
        statement(object={"id": ACTIVITY, "definition": {"colour": "red"}}),
    ),
    (
        "2.2.s4.b8 SHOULD* reject additional properties (in a score)",
        statement(result={"score": {"raw": 1, "weight": 2}}),
    ),
    ("2.4.2.3.s3 an openid MUST be a URI", statement(actor={"openid": "ann"})),
    (
        "2.4.2.1 an Actor is an Agent or a Group, not an Activity",
        statement(actor={"objectType": "Activity", "id": ACTIVITY}),
    ),
    (
        "2.4.2.2.s5.b1 an Identified Group MUST include exactly one IFI",
        statement(
            actor={"objectType": "Group", "mbox": "mailto:t@example.test", "openid": "https://id.example/t"}
        ),
    ),
    (
        "2.4.2.2.s5.b2 an Identified Group MUST NOT contain Group Objects in member",
        statement(
            actor={
                "objectType": "Group",
                "mbox": "mailto:t@example.test",
                "member": [{"objectType": "Group", "mbox": "mailto:g@example.test"}],
            }
        ),
    ),
    ("2.4.3 a Verb MUST have an id", statement(verb={"display": {"en-US": "answered"}})),
    (
        "2.4.4.1.s13.b1 Interaction Activities MUST have a valid interactionType",
        statement(object={"id": ACTIVITY, "definition": {"interactionType": "essay"}}),
    ),
    (
        "2.4.4.1.s8 correctResponsesPattern is an array of strings",
        statement(
            object={
                "id": ACTIVITY,
                "definition": {"interactionType": "choice", "correctResponsesPattern": "a"},
            }
        ),
    ),
    (
        "2.4.4.3.s4.b2 a Statement Reference MUST set id to the UUID of a Statement",
        statement(object={"objectType": "StatementRef", "id": "42"}),
    ),
    (
        "2.4.4.3.s8.b2 a SubStatement MUST be validated as a Statement (no object)",
        statement(object={key: value for key, value in SUB.items() if key != "object"}),
    ),
    (
        "2.4.4.3.s8.b3 a SubStatement MUST NOT have stored",
        statement(object={**SUB, "stored": "2026-11-22T10:00:00Z"}),
    ),
    ("2.4.4.3.s8.b3 a SubStatement MUST NOT have version", statement(object={**SUB, "version": "1.0.0"})),
    (
        "2.4.4.3.s8.b3 a SubStatement MUST NOT have authority",
        statement(object={**SUB, "authority": {"mbox": "mailto:lrs@example.test"}}),
    ),
    ("2.4.5.1 score.scaled is between -1 and 1 (below)", statement(result={"score": {"scaled": -1.01}})),
    ("2.4.5.1 score.min is less than max", statement(result={"score": {"min": 5, "max": 1}})),
    ("2.4.5 result.response is a string", statement(result={"response": 5})),
    (
        "2.4.6.2.s4.b2 a contextActivities value MUST be an Activity or an array of Activities",
        statement(context={"contextActivities": {"parent": "https://example.test/a"}}),
    ),
    (
        "2.4.6.2.s4.b2 a contextActivities value MUST be an Activity (not an Agent)",
        statement(
            context={
                "contextActivities": {"parent": [{"objectType": "Agent", "mbox": "mailto:a@example.test"}]}
            }
        ),
    ),
    ("2.4.6 context.statement is a Statement Reference", statement(context={"statement": {"id": REF}})),
    ("2.4.6 context.language is an RFC 5646 tag", statement(context={"language": "en_US"})),
    ("2.4.8 stored is an ISO 8601 timestamp", statement(stored="yesterday")),
    (
        "2.4.10.s3.b2 MUST reject a Statement version not starting with 1.0. (1.1.0)",
        statement(version="1.1.0"),
    ),
    ("2.4.10.s3.b2 MUST reject a Statement version not starting with 1.0. (0.95)", statement(version="0.95")),
    ("2.4.10.s2.b1 version is a string", statement(version=1.0)),
    (
        "2.4.11 an attachment usageType MUST be an IRI",
        statement(attachments=[{**ATTACHMENT, "usageType": "signature"}]),
    ),
    (
        "2.4.11 an attachment MUST have display",
        statement(attachments=[{key: value for key, value in ATTACHMENT.items() if key != "display"}]),
    ),
    ("Communication 2.1.2 POST Statements takes Statements (an array of Statement objects)", [1]),
]

ACCEPTED: list[tuple[str, Any]] = [
    (
        "2.2.s4.b1.b1 null values are allowed inside extensions",
        statement(context={"extensions": {"https://example.test/e": None}}),
    ),
    ("2.4.1 a UUID in upper case is a UUID", statement(id=REF.upper())),
    (
        "2.4.2.2.s5.b4 an Identified Group MAY include member",
        statement(
            actor={
                "objectType": "Group",
                "mbox": "mailto:t@example.test",
                "member": [{"mbox": "mailto:g@example.test"}],
            }
        ),
    ),
    (
        "2.4.6 context.instructor MAY be a Group",
        statement(
            context={"instructor": {"objectType": "Group", "member": [{"mbox": "mailto:a@example.test"}]}}
        ),
    ),
    ("2.4.7.s3.b6 SHOULD* NOT reject a timestamp in the future", statement(timestamp="2999-01-01T00:00:00Z")),
    (
        "4.5.s1.b3 a timestamp with more than millisecond precision",
        statement(timestamp="2026-11-22T10:00:00.123456Z"),
    ),
    ("2.4.10.s3.b1 MUST accept Statements whose version starts with 1.0.", statement(version="1.0.9")),
    (
        "4.1.s3.b2 MUST NOT reject a Statement based on the values of the extensions map",
        statement(result={"extensions": {"https://example.test/e": {"any": [1, None, "x", {"deep": True}]}}}),
    ),
    (
        "4.6.s1.b4 SHOULD* NOT reject a Duration with more than 0.01 second precision",
        statement(result={"duration": "PT0.001S"}),
    ),
    (
        "2.4.4.1.s1 objectType Activity MAY be given explicitly",
        statement(object={"objectType": "Activity", "id": ACTIVITY}),
    ),
    (
        "2.4.4.1.s13.b4-b5 SHOULD* NOT limit response patterns",
        statement(
            object={
                "id": ACTIVITY,
                "definition": {
                    "interactionType": "fill-in",
                    "correctResponsesPattern": [f"p{n}" * 300 for n in range(50)],
                },
            }
        ),
    ),
    (
        "2.4.9.s3.b1 authority is an Agent",
        statement(
            authority={"objectType": "Agent", "account": {"homePage": "https://lrs.example", "name": "app"}}
        ),
    ),
]


@pytest.mark.parametrize(("requirement", "value"), REJECTED, ids=[case[0] for case in REJECTED])
def test_statements_the_lrs_must_reject(requirement: str, value: Any) -> None:
    with pytest.raises(StatementValidationError):
        validate_statement(value)


@pytest.mark.parametrize(("requirement", "value"), ACCEPTED, ids=[case[0] for case in ACCEPTED])
def test_statements_the_lrs_must_accept(requirement: str, value: Any) -> None:
    validate_statement(value)
