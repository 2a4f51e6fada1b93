from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectChoice, SelectMultipleField
from wtforms.validators import DataRequired, Optional, ValidationError


class AssignForm(FlaskForm):
    modules = SelectMultipleField("Modules", validators=[DataRequired("Choose at least one module.")])
    who = RadioField(
        "Assign to",
        choices=[SelectChoice("team", "The whole team"), SelectChoice("people", "The people ticked below")],
        default="team",
        validators=[DataRequired()],
    )
    people = SelectMultipleField("People", coerce=int)
    due = DateField(
        "Due date",
        validators=[Optional()],
        description="Learners are reminded two days before in the digest.",
    )

    def validate_people(self, field: SelectMultipleField) -> None:
        if self.who.data == "people" and not field.data:
            raise ValidationError("Tick at least one person, or assign to the whole team.")
