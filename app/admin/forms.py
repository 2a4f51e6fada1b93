from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length

from learning_record_store.credentials import SCOPES


class ClientForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    scopes = SelectMultipleField(
        "Scopes", choices=[SelectChoice(scope, scope) for scope in SCOPES], validators=[DataRequired()]
    )


class RevokeForm(FlaskForm):
    pass
