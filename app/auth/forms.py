from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp


def email_field() -> EmailField:
    """Return the email field of the sign-in, password-reset and people forms."""
    return EmailField(
        "Email",
        validators=[
            DataRequired(),
            Regexp(r"^[^@\s]+@[^@\s]+$", message="Enter an email address."),
            Length(max=254),
        ],
    )


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    remember = BooleanField("Keep me signed in on this device")


class LogoutForm(FlaskForm):
    pass


class ForgotPasswordForm(FlaskForm):
    email = email_field()


class ResetPasswordForm(FlaskForm):
    password = PasswordField("New password", validators=[DataRequired(), Length(max=200)])
    confirm = PasswordField(
        "New password again",
        validators=[DataRequired(), EqualTo("password", message="The passwords differ.")],
    )
