"""docs/xapi.md stays true: it lists every IRI of the vocabulary and its examples are valid statements."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from learning_record_store import validate_statement
from learning_record_store import vocabulary as v

DOC = (Path(__file__).resolve().parents[2] / "docs" / "xapi.md").read_text()
EXAMPLES = [json.loads(block) for block in re.findall(r"```json\n(.*?)\n```", DOC, flags=re.DOTALL)]


@pytest.mark.parametrize(
    "iri",
    [
        *v.VERBS.values(),
        *v.ACTIVITY_TYPES.values(),
        *v.EXTENSIONS.values(),
        v.FOLLOW_UP_KIND_PREFIX,
        v.PRACTICE_CATEGORY,
    ],
)
def test_every_iri_of_the_vocabulary_is_documented(iri):
    assert f"`{iri}" in DOC


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda s: s["verb"]["display"]["en-US"])
def test_examples_are_valid_statements_using_the_vocabulary(example):
    validate_statement(example)
    assert example["verb"]["id"] in v.VERBS.values()
    assert example["object"]["definition"]["type"] in v.ACTIVITY_TYPES.values()
    competencies = example["context"]["extensions"][v.Extension.COMPETENCIES]
    assert competencies and all(set(ref) == {"id", "weight"} for ref in competencies)
    assert example["actor"]["account"]["homePage"] == "https://learn.example.com"


def test_each_verb_elearn_sends_has_an_example():
    shown = {example["verb"]["id"] for example in EXAMPLES}
    sent = {v.Verb.LAUNCHED, v.Verb.INITIALIZED, v.Verb.EXPERIENCED, v.Verb.ANSWERED, v.Verb.COMPLETED,
            v.Verb.PASSED, v.Verb.FAILED, v.Verb.SUSPENDED, v.Verb.RESUMED, v.Verb.TERMINATED,
            v.Verb.ASSIGNED, v.Verb.CONFIRMED}  # fmt: skip
    assert sent <= shown
    follow_up_completed = [e for e in EXAMPLES if e["verb"]["id"] == v.Verb.COMPLETED
                           and e["object"]["definition"]["type"] == v.ActivityType.FOLLOW_UP]  # fmt: skip
    assert follow_up_completed
