"""The ``elearn`` command line: each command group lives in its own module, listed in COMMAND_MODULES."""

from __future__ import annotations

from importlib import import_module

import click
from flask import Flask
from flask.cli import FlaskGroup

COMMAND_MODULES: tuple[str, ...] = (
    "app.cli.serve",
    "app.cli.db",
    "app.cli.users",
    "app.cli.lrs",
    "app.cli.lrs_forward",
    "app.cli.lrs_export",
    "app.cli.build",
    "app.cli.modules",
    "app.cli.export",
    "app.cli.notify",
    "app.cli.learning",
)


def init_app(app: Flask) -> None:
    for name in COMMAND_MODULES:
        for command in import_module(name).COMMANDS:
            app.cli.add_command(command)


def _create_app() -> Flask:
    from app import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False, add_version_option=False)
def main() -> None:
    """elearn: Markdown courses, quizzes, xAPI and mentoring for contact-centre teams."""
