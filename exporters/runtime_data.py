"""The data a package's runtime reads: one module, its quiz with the answer key, and the reporting rules.

Scoring in a package necessarily happens in the browser (an LMS has no scorer of ours), so the answer key
travels with the package, as it does in every SCORM package with a quiz.
"""

from __future__ import annotations

import json
from typing import Any

from assessments.model import Question, Quiz
from courses.model import Module

from . import identifiers, interactions
from .bundle import ExportOptions, ModuleBundle


def question_data(
    question: Question, quiz_id: str, options: ExportOptions, iri: str | None = None
) -> dict[str, Any]:
    return {
        "id": question.id,
        "iri": iri or identifiers.question_iri(options.activity_base, quiz_id, question.id),
        "type": question.type,
        "interactionType": interactions.interaction_type(question),
        "correctPatterns": interactions.correct_responses_pattern(question),
        "components": interactions.interaction_components(question),
        "stem": question.stem,
        "stemHtml": question.stem_html,
        "points": question.points,
        "competencies": [{"id": ref.id, "weight": ref.weight} for ref in question.competencies],
        "choices": [
            {
                "id": c.id,
                "text": c.text,
                "html": c.html,
                "correct": c.correct,
                "pinned": c.pinned,
                "match": c.match,
                "feedback": c.feedback,
            }
            for c in question.choices
        ],
        "targets": [{"id": t.id, "text": t.text, "html": t.html} for t in question.targets],
        "key": question.key,
        "feedback": question.feedback,
        "hint": question.hint,
    }


def quiz_data(quiz: Quiz, options: ExportOptions) -> dict[str, Any]:
    settings = quiz.settings
    return {
        "id": quiz.id,
        "iri": identifiers.quiz_iri(options.activity_base, quiz.id),
        "title": quiz.title,
        "passMark": settings.pass_mark,
        "attempts": settings.attempts,
        "timeLimitMinutes": settings.time_limit_minutes,
        "shuffleQuestions": settings.shuffle_questions,
        "shuffleChoices": settings.shuffle_choices,
        "review": settings.review,
        "grading": settings.grading,
        "pools": [{"draw": p.draw, "questionIds": list(p.question_ids)} for p in quiz.pools],
        "questions": [question_data(q, quiz.id, options) for q in quiz.questions],
    }


def module_data(module: Module, options: ExportOptions) -> dict[str, Any]:
    base = identifiers.module_iri(options.activity_base, module.id)
    return {
        # Knowledge checks are practice: the player checks them in place and reports nothing.
        "checks": [question_data(q, "", options, iri=f"{base}/checks/{q.id}") for q in module.checks],
        "id": module.id,
        "title": module.title,
        "summary": module.summary,
        "minutes": module.minutes,
        "competencies": list(module.competencies),
        "requiresQuizPass": module.requires_quiz_pass,
        "pages": [{"index": p.index, "slug": p.slug, "title": p.title, "html": p.html} for p in module.pages],
    }


def competency_data(module: Module, quiz: Quiz | None, options: ExportOptions) -> list[dict[str, str]]:
    ids = list(module.competencies)
    for question in quiz.questions if quiz else ():
        ids.extend(ref.id for ref in question.competencies if ref.id not in ids)
    framework = options.framework
    result = []
    for competency_id in dict.fromkeys(ids):
        found = framework.get(competency_id) if framework else None
        result.append(
            {
                "id": competency_id,
                "objectiveId": identifiers.objective_identifier(competency_id),
                "iri": identifiers.competency_iri(options.activity_base, competency_id),
                "name": found.name if found else competency_id,
            }
        )
    return result


def runtime_config(
    bundle: ModuleBundle, format_name: str, suspend_limit: int, options: ExportOptions
) -> dict[str, Any]:
    """Return everything the runtime needs to play and report ``bundle``."""
    module, quiz = bundle.module, bundle.quiz
    return {
        "format": format_name,
        "module": module_data(module, options),
        "moduleIri": identifiers.module_iri(options.activity_base, module.id),
        "moduleVersion": bundle.version,
        "quiz": quiz_data(quiz, options) if quiz else None,
        "masteryScore": quiz.settings.pass_mark / 100 if quiz else None,
        "statusMode": options.status_mode,
        "suspendDataLimit": options.suspend_data_limit or suspend_limit,
        "competencies": competency_data(module, quiz, options),
    }


def runtime_config_script(config: dict[str, Any]) -> bytes:
    """Return ``config`` as a script that defines ``window.ELEARN_PACKAGE`` (works from file:// too)."""
    text = json.dumps(config, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f"window.ELEARN_PACKAGE = {text};\n".encode()
