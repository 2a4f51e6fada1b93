"""Modules and quizzes built directly from the data model, covering every question type and media."""

from __future__ import annotations

import hashlib

from assessments.model import Choice, CompetencyRef, Pool, Question, Quiz, QuizSettings
from courses.model import Media, Module, Page
from exporters import ModuleBundle

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
PNG_SHA = hashlib.sha256(PNG).hexdigest()


def _choices(*items: tuple[str, bool], pinned: str = "") -> tuple[Choice, ...]:
    return tuple(
        Choice(id=chr(97 + i), text=text, html=f"<p>{text}</p>", correct=correct, pinned=text == pinned)
        for i, (text, correct) in enumerate(items)
    )


def _question(qid: str, qtype: str, stem: str, competencies: tuple[CompetencyRef, ...], **fields) -> Question:
    return Question(
        id=qid, type=qtype, stem=stem, stem_html=f"<h2>{stem}</h2>", competencies=competencies, **fields
    )


OPENING = (CompetencyRef("call-opening"),)
RAPPORT = (CompetencyRef("rapport"),)

QUESTIONS = (
    _question(
        "greeting-first",
        "single",
        "What comes first?",
        OPENING,
        choices=_choices(("Greeting & name", True), ("Account number", False)),
    ),
    _question(
        "greeting-parts",
        "multiple",
        "Which belong in the greeting?",
        (CompetencyRef("call-opening", 2.0), CompetencyRef("rapport")),
        points=2.0,
        key={"partial": True},
        choices=_choices(
            ("Company", True),
            ("Name", True),
            ("Employee number", False),
            ("None of the above", False),
            pinned="None of the above",
        ),
    ),
    _question(
        "no-leading",
        "true-false",
        "You may ask leading questions <to verify>.",
        OPENING,
        key={"answer": False},
    ),
    _question(
        "company-name",
        "fill-in",
        "Our company's name?",
        OPENING,
        key={"answers": ["Kestrel Home"], "case": "insensitive", "whitespace": "normalize"},
    ),
    _question(
        "opening-seconds", "numeric", "Seconds for the opening?", OPENING, key={"answer": 30, "tolerance": 5}
    ),
    _question(
        "match-phrases",
        "matching",
        "Match phrase and purpose",
        RAPPORT,
        choices=(
            Choice("a", "Hello", "<p>Hello</p>", match="x"),
            Choice("b", "How can I help?", "<p>How can I help?</p>", match="y"),
        ),
        targets=(
            Choice("x", "Greeting", "<p>Greeting</p>"),
            Choice("y", "Invitation", "<p>Invitation</p>"),
            Choice("z", "Closing", "<p>Closing</p>"),
        ),
    ),
    _question(
        "opening-order",
        "ordering",
        "Put the steps in order",
        OPENING,
        choices=_choices(("Greet", False), ("Name", False), ("Invite", False)),
    ),
    _question(
        "confidence",
        "likert",
        "How confident are you?",
        RAPPORT,
        points=0.0,
        choices=_choices(("Not at all", False), ("Somewhat", False), ("Very", False)),
    ),
    _question("describe-opening", "essay", "Describe your opening", RAPPORT, key={"words": [10, 100]}),
)

QUIZ = Quiz(
    id="fixture-quiz",
    title="Fixture quiz: check & see",
    competencies=("call-opening", "rapport"),
    settings=QuizSettings(pass_mark=80.0, attempts=3),
    questions=QUESTIONS,
)

MODULE = Module(
    id="fixture-opening",
    title="Opening the call <& friends>",
    summary='Greet "well" & verify.',
    minutes=8,
    competencies=("call-opening", "rapport"),
    pages=(
        Page(0, "intro", "Why it matters", '<p>First words.</p><img src="media/dot.png" alt="A dot">', 3),
        Page(
            1,
            "greeting",
            "The greeting",
            "<p>Company, name, invitation.</p>"
            '<div class="knowledge-check" data-check-id="practice-first"></div>',
            3,
            check_ids=("practice-first",),
        ),
        Page(
            2, "practice", "Practice", '<p>Say it aloud. <a href="https://example.org/guide">Guide</a></p>', 4
        ),
    ),
    keywords=("greeting", "verification"),
    quiz_id="fixture-quiz",
    requires_quiz_pass=True,
    media=(Media("media/dot.png", "image", "A dot", None, PNG_SHA, "image/png"),),
    checks=(
        _question(
            "practice-first",
            "single",
            "Practice: what do you say first?",
            OPENING,
            feedback="Greeting, company, name.",
            choices=(
                Choice("a", "Greeting", "<p>Greeting</p>", correct=True, feedback="Yes: greet first."),
                Choice("b", "Account number", "<p>Account number</p>", feedback="Too early."),
            ),
        ),
    ),
)

PLAIN_MODULE = Module(
    id="fixture-closing",
    title="Closing the call",
    summary="Summarise and close.",
    minutes=5,
    competencies=("call-closing",),
    pages=(Page(0, "close", "Closing", "<p>Summarise.</p>", 1), Page(1, "end", "Ending", "<p>Thank.</p>", 1)),
)


def quiz_bundle() -> ModuleBundle:
    return ModuleBundle(MODULE, QUIZ, {PNG_SHA: PNG})


def plain_bundle() -> ModuleBundle:
    return ModuleBundle(PLAIN_MODULE)


def pooled_quiz_bundle() -> ModuleBundle:
    quiz = Quiz(
        id=QUIZ.id,
        title=QUIZ.title,
        competencies=QUIZ.competencies,
        settings=QUIZ.settings,
        questions=QUESTIONS,
        pools=(Pool(draw=1, question_ids=("greeting-first", "no-leading")),),
    )
    return ModuleBundle(MODULE, quiz, {PNG_SHA: PNG})
