"""The buttons of the plain attempt form: which one was pressed decides what happens, so nothing else may."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import Field, SelectChoice, SelectField
from wtforms.validators import InputRequired, ValidationError


class AttemptActionForm(FlaskForm):
    # The answers themselves are read per question type (app.learner.responses); CSRFProtect has
    # already checked the token of every POST.
    class Meta:
        csrf = False

    action = SelectField(
        "Action",
        choices=[SelectChoice("submit", "Submit answers"), SelectChoice("leave", "Save and leave")],
        validators=[InputRequired("Choose Submit answers or Save and leave.")],
        invalid_choice_message="Choose Submit answers or Save and leave.",
    )

    def validate_action(self, field: Field) -> None:
        # The page's script repeats the pressed button in a hidden field, so the same value may come twice;
        # two different ones at once (only a forged request sends them) say nothing about what was meant.
        if len(set(field.raw_data or [])) > 1:
            raise ValidationError("Choose Submit answers or Save and leave.")
