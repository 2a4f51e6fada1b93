"""The question types, by name: each parses its body, checks and scores responses, and describes itself
to xAPI. Add a type by adding a module and one line here."""

from __future__ import annotations

from assessments.question_types.base import Parts, QuestionOutcome, QuestionType, ResponseError
from assessments.question_types.essay import Essay
from assessments.question_types.fill_in import FillIn
from assessments.question_types.likert import Likert
from assessments.question_types.matching import Matching
from assessments.question_types.multiple import MultipleChoice
from assessments.question_types.numeric import Numeric
from assessments.question_types.ordering import Ordering
from assessments.question_types.single import SingleChoice
from assessments.question_types.true_false import TrueFalse

QUESTION_TYPES: dict[str, QuestionType] = {
    qtype.name: qtype
    for qtype in (
        SingleChoice(),
        MultipleChoice(),
        TrueFalse(),
        FillIn(),
        Numeric(),
        Matching(),
        Ordering(),
        Likert(),
        Essay(),
    )
}

__all__ = ["QUESTION_TYPES", "Parts", "QuestionOutcome", "QuestionType", "ResponseError", "question_type"]


def question_type(name: str) -> QuestionType:
    """Return the type of a question by name (KeyError if unknown)."""
    return QUESTION_TYPES[name]
