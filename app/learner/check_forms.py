"""A knowledge check answered through its form: the plain form without JavaScript, or checks.js's post.

The fields are read with the quiz's readers. An answer the check cannot take (steps without a position,
nothing picked, a word for a number) is refused with a message written for the learner, which the module
page shows at the check: the learner never leaves the page.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from app.learner import catalog
from app.learner.checks import Outcome, answer, find_check, learner_progress, public_check, shown_ids
from app.learner.player import PlayerPage
from app.learner.recording import Learner
from app.learner.responses import PREFIX, RESPONSE_READERS, fix_message, nothing_given
from assessments.attempt_errors import InvalidResponseError


def read_form(
    session: Session,
    learner: Learner,
    form: MultiDict[str, str],
    module_id: str,
    version: int,
    check_id: str,
) -> Any:
    """Read a check's answer from its form fields (None when nothing was given)."""
    question = find_check(catalog.get_module(session, module_id, version), check_id)
    progress = learner_progress(session, learner, module_id, version)
    view = public_check(question, shown_ids(question, progress))
    for name in form:
        if name.startswith(PREFIX) and name[len(PREFIX) :].split(".", 1)[0] != check_id:
            raise InvalidResponseError(check_id, f"Unexpected field {name!r}.")
    value = RESPONSE_READERS[question.type](form, check_id, view)
    return None if value == [] else value


def answer_form(
    session: Session,
    learner: Learner,
    form: MultiDict[str, str],
    module_id: str,
    version: int,
    check_id: str,
) -> Outcome:
    """Check the answer in the form; InvalidResponseError says what to fix, in the learner's words."""
    question = find_check(catalog.get_module(session, module_id, version), check_id)
    value = read_form(session, learner, form, module_id, version, check_id)
    if value is None:
        raise InvalidResponseError(check_id, nothing_given(question.type))
    try:
        return answer(session, learner, module_id, version, check_id, value)
    except InvalidResponseError as error:
        raise InvalidResponseError(check_id, fix_message(question.type, error.message)) from None


def page_number(session: Session, module_id: str, version: int, check_id: str) -> int:
    """The 1-based number of the page that holds the check (where its form returns to)."""
    module = catalog.get_module(session, module_id, version)
    find_check(module, check_id)
    return next(number for number, p in enumerate(module.module.pages, 1) if check_id in p.check_ids)


def page_of_check(
    session: Session, learner: Learner, module_id: str, version: int, check_id: str
) -> PlayerPage:
    """The page that holds the check as it stands, to show again with a refused answer: no visit recorded."""
    module = catalog.get_module(session, module_id, version)
    page = module.module.pages[page_number(session, module_id, version, check_id) - 1]
    progress = learner_progress(session, learner, module_id, version)
    return PlayerPage(module, page, progress, completed_now=False)
