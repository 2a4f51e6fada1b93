from __future__ import annotations

from sqlalchemy import select

from app.accounts import User


def test_users_create_and_list(app, session):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "Sam@Example.test",
            "--name",
            "Sam Agent",
            "--role",
            "learner",
            "--role",
            "mentor",
            "--team",
            "Blue",
            "--password",
            "a-long-and-fine-passphrase",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Created sam@example.test (learner, mentor)" in result.output
    user = session.scalar(select(User).where(User.email == "sam@example.test"))
    assert user.roles == {"learner", "mentor"} and user.team.name == "Blue"
    listing = runner.invoke(args=["users", "list"])
    assert "sam@example.test\tSam Agent\tlearner,mentor\tBlue" in listing.output


def test_users_create_refuses_weak_password(app, session):
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "--email",
            "a@example.test",
            "--name",
            "A",
            "--role",
            "learner",
            "--password",
            "short",
        ]
    )
    assert result.exit_code == 1
    assert "at least 10 characters" in result.output
    assert session.scalar(select(User).where(User.email == "a@example.test")) is None


def test_users_create_asks_for_password_when_not_given(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "--email", "p@example.test", "--name", "P", "--role", "admin"],
        input="another-fine-passphrase\nanother-fine-passphrase\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created p@example.test (admin)" in result.output


def test_users_create_refuses_duplicate_email_and_unknown_role(app):
    runner = app.test_cli_runner()
    args = [
        "users",
        "create",
        "--email",
        "d@example.test",
        "--name",
        "D",
        "--password",
        "a-long-and-fine-passphrase",
    ]
    assert runner.invoke(args=[*args, "--role", "learner"]).exit_code == 0
    again = runner.invoke(args=[*args, "--role", "learner"])
    assert again.exit_code == 1 and "already exists" in again.output
    unknown = runner.invoke(args=[*args, "--role", "wizard"])
    assert unknown.exit_code == 2 and "wizard" in unknown.output


def test_db_upgrade_is_idempotent(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0 and "up to date" in result.output
    assert runner.invoke(args=["db", "status"]).output.strip() == "up to date"
