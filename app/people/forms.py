from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectChoice, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional

from app.accounts import ROLES
from app.auth.forms import email_field

ROLE_CHOICES = [SelectChoice(role, role.title()) for role in ROLES]


class UserForm(FlaskForm):
    email = email_field()
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    roles = SelectMultipleField("Roles", choices=ROLE_CHOICES, validators=[DataRequired()])
    team = StringField("Team", validators=[Optional(), Length(max=120)])
    password = PasswordField("Initial password", validators=[DataRequired(), Length(max=200)])


class EditUserForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    roles = SelectMultipleField("Roles", choices=ROLE_CHOICES, validators=[DataRequired()])
    team = StringField("Team", validators=[Optional(), Length(max=120)])


class PasswordResetForm(FlaskForm):
    password = PasswordField("New password", validators=[DataRequired(), Length(max=200)])


class UnlockForm(FlaskForm):
    pass


class EraseForm(FlaskForm):
    confirm = StringField("Type the person's email to confirm", validators=[DataRequired(), Length(max=254)])
