"""Blueprint registration: one blueprint per audience, each registered here."""

from __future__ import annotations

from flask import Flask

BLUEPRINTS = (
    "app.main:bp",
    "app.auth:bp",
    "app.people:bp",
    "app.lrs:bp",
    "app.admin:bp",
    "app.learner:bp",
    "app.mentoring:bp",
    "app.exports:bp",
    "app.overview:bp",
    "app.insight:bp",
)


def register(app: Flask) -> None:
    from importlib import import_module

    for spec in BLUEPRINTS:
        module_name, attribute = spec.split(":")
        app.register_blueprint(getattr(import_module(module_name), attribute))
