from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectChoice, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from app.accounts import ROLES

ROLE_CHOICES = [SelectChoice(role, role.title()) for role in ROLES]


class UserForm(FlaskForm):
    email = EmailField(
        "Email",
        validators=[
            DataRequired(),
            Regexp(r"^[^@\s]+@[^@\s]+$", message="Enter an email address."),
            Length(max=254),
        ],
    )
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


class EraseForm(FlaskForm):
    confirm = StringField("Type the person's email to confirm", validators=[DataRequired()])
