"""The mentoring forms. Each field is checked on the server and refused with a message at that field:
nothing is clipped to fit, dropped when it does not parse, or replaced by a default.

The limits are the columns' (a goal is ``String(500)``) or, for free text kept in ``Text`` columns, a
size that a person writes by hand and a page shows whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    Field,
    Form,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    StopValidation,
    ValidationError,
)

from app.mentoring.models import CADENCES
from courses.playbook import Kind

GOAL_MAX = 500  # account_mentoring goal.text is String(500)
NOTE_MAX = 8000
FEEDBACK_MAX = 2000
REFLECTION_MAX = 2000
TITLE_MAX = 300
COMPLETES_MAX = 500
MODULE_ID_MAX = 120
INSTRUCTIONS_MAX = 4000
EFFORT_MAX = 2400  # minutes: a week of full-time work is more than any one follow-up asks
CHECKIN_MINUTES = (30, 60)
CAPACITY_MAX = 50
NOT_A_DATE = "Enter a real date (year-month-day)."
NOT_A_NUMBER = "Enter a whole number."


def parsed(form: Form, field: Field) -> None:
    """Stop at the field's own message when its text is not a number, rather than add a range message."""
    if field.process_errors:
        raise StopValidation()


def _effort_rules() -> list[Any]:
    return [
        InputRequired("Enter the effort in minutes."),
        parsed,
        NumberRange(1, EFFORT_MAX, f"Enter an effort from 1 to {EFFORT_MAX} minutes."),
    ]


def _due(name: str) -> DateField:
    return DateField("Due", name=name, validators=[Optional()], invalid_value_message=NOT_A_DATE)


class GoalForm(FlaskForm):
    text = StringField(
        "Goal agreed together",
        validators=[DataRequired("Describe the goal."), Length(max=GOAL_MAX)],
    )
    target = DateField("Target date", validators=[Optional()], invalid_value_message=NOT_A_DATE)


class NoteForm(FlaskForm):
    body = TextAreaField("Note", validators=[DataRequired("A note cannot be empty."), Length(max=NOTE_MAX)])
    visibility = RadioField(
        "Who can read it",
        choices=[SelectChoice("private", "Only me"), SelectChoice("shared", "Me and the mentee")],
        validators=[InputRequired("Choose who can read the note.")],
    )


class SharedNoteForm(FlaskForm):
    body = TextAreaField("Note", validators=[DataRequired("A note cannot be empty."), Length(max=NOTE_MAX)])


class CheckinLengthForm(FlaskForm):
    """How often and how long a pair meets: shared by pairing and rescheduling."""

    cadence = SelectField("Cadence", choices=list(CADENCES), validators=[InputRequired()])
    minutes = IntegerField(
        "Minutes",
        validators=[
            InputRequired("Enter the length in minutes."),
            parsed,
            NumberRange(*CHECKIN_MINUTES, "Choose a length between 30 and 60 minutes."),
        ],
        invalid_value_message=NOT_A_NUMBER,
    )


class CheckinForm(CheckinLengthForm):
    next = DateTimeLocalField(
        "Next (UTC)",
        validators=[Optional()],
        format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        invalid_value_message="Enter a real date and time.",
    )


class ConfirmForm(FlaskForm):
    rating = SelectField(
        "How well was it practised",
        choices=[SelectChoice(str(n), str(n)) for n in range(1, 5)],
        validators=[InputRequired("Rate the practice from 1 to 4.")],
    )
    feedback = StringField("Feedback", validators=[Optional(), Length(max=FEEDBACK_MAX)])


class SendBackForm(FlaskForm):
    feedback = StringField(
        "What is missing?",
        validators=[DataRequired("Say what is missing."), Length(max=FEEDBACK_MAX)],
    )


class ReflectionForm(FlaskForm):
    reflection = TextAreaField(
        "What did you do and learn?",
        validators=[
            DataRequired("Write a short reflection."),
            Length(10, REFLECTION_MAX, "Write between %(min)d and %(max)d characters."),
        ],
    )


class AssignForm(FlaskForm):
    """The ticked playbook activities; the page sets the choices to the playbook's activity ids."""

    activity = SelectMultipleField("Follow-ups from the playbook", choices=[])

    def validate_activity(self, field: Field) -> None:
        if len(set(field.data or [])) != len(field.data or []):
            raise ValidationError("Tick each follow-up once.")


class IfTitled:
    """Check the other fields of the mentor's own follow-up only when it has a title: without one, the
    mentor did not write an item, and whatever the other fields hold is not used."""

    def __init__(self, *validators: Any) -> None:
        self.validators = validators

    def __call__(self, form: Form, field: Field) -> None:
        if not (form.title.data or "").strip():  # type: ignore[attr-defined]
            field.errors[:] = []  # type: ignore[index]
            raise StopValidation()
        for validator in self.validators:
            validator(form, field)


class OwnFollowUpForm(Form):
    """The mentor's own follow-up on the proposal page: all of it, or nothing when the title is empty."""

    title = StringField("Title", name="own-title", validators=[Length(max=TITLE_MAX)])
    competency = SelectField("Competency", name="own-competency", choices=[], validators=[IfTitled()])
    kind = SelectField("Kind", name="own-kind", choices=[k.value for k in Kind], validators=[IfTitled()])
    effort = IntegerField(
        "Effort (minutes)",
        name="own-effort",
        validators=[IfTitled(*_effort_rules())],
        invalid_value_message=NOT_A_NUMBER,
    )
    completes = StringField(
        "What completes it", name="own-completes", validators=[IfTitled(Length(max=COMPLETES_MAX))]
    )
    module = StringField(
        "Module (education)", name="own-module", validators=[IfTitled(Length(max=MODULE_ID_MAX))]
    )
    instructions = TextAreaField(
        "Instructions", name="own-instructions", validators=[IfTitled(Length(max=INSTRUCTIONS_MAX))]
    )
    due = DateField(
        "Due", name="own-due", validators=[IfTitled(Optional())], invalid_value_message=NOT_A_DATE
    )


def activity_form(activity_id: str) -> type[Form]:
    """The effort and due date of one ticked playbook activity, named as the page names them."""

    class ActivityForm(Form):
        effort = IntegerField(
            "Effort (minutes)",
            name=f"effort-{activity_id}",
            validators=_effort_rules(),
            invalid_value_message=NOT_A_NUMBER,
        )
        due = _due(f"due-{activity_id}")

    return ActivityForm


class MentorEnrolmentForm(FlaskForm):
    """A mentor's capacity and strengths; the page sets the strengths' choices to the competency ids."""

    capacity = IntegerField(
        "Capacity",
        validators=[
            InputRequired("Enter how many mentees at most."),
            parsed,
            NumberRange(1, CAPACITY_MAX, f"Enter from 1 to {CAPACITY_MAX} mentees."),
        ],
        invalid_value_message=NOT_A_NUMBER,
    )
    strengths = SelectMultipleField("Strengths", choices=[])


class PairForm(CheckinLengthForm):
    pass


RATING_CHOICES = [
    SelectChoice("4", "4: excellent"),
    SelectChoice("3", "3: good"),
    SelectChoice("2", "2: partly"),
    SelectChoice("1", "1: not yet"),
]


def rating_field_name(competency_id: str | None) -> str:
    return f"rating-{competency_id or 'x'}"


def grade_form(competencies: list[str], names: Mapping[str, str]) -> FlaskForm:
    """The grade of one essay: a rating per competency of its question, and feedback.

    A question that names no competency gets a choice of competency and one rating. The fields keep the
    names the grading page has always posted (``rating-<competency>``, ``competency``, ``feedback``).
    """

    class GradeForm(FlaskForm):
        pass

    if not competencies:
        GradeForm.competency = SelectField(  # type: ignore[attr-defined]
            "Competency",
            choices=[SelectChoice(cid, name) for cid, name in names.items()],
            validators=[InputRequired("Choose the competency the answer shows.")],
        )
    for competency in competencies or [None]:
        label = names.get(competency, competency) if competency else "Rating"
        setattr(
            GradeForm,
            rating_field_name(competency),
            RadioField(
                label,
                name=rating_field_name(competency),
                choices=RATING_CHOICES,
                validators=[
                    InputRequired(f"Rate {label.lower() if competency else 'the answer'} from 1 to 4.")
                ],
            ),
        )
    GradeForm.feedback = TextAreaField(  # type: ignore[attr-defined]
        "Feedback",
        description="Optional: the learner reads it with the grade.",
        validators=[
            Optional(),
            Length(max=FEEDBACK_MAX, message=f"Write at most {FEEDBACK_MAX} characters of feedback."),
        ],
    )
    return GradeForm()
