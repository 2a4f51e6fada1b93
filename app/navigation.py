"""The main navigation: a registry of links, each shown to the roles that may follow it."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, request, url_for
from flask_login import current_user
from werkzeug.routing import BuildError


@dataclass(frozen=True, slots=True)
class NavItem:
    label: str
    endpoint: str
    roles: tuple[str, ...] = ()  # empty: every signed-in user


@dataclass(frozen=True, slots=True)
class NavLink:
    label: str
    url: str
    current: bool


# Blueprints add their entries here (in app.blueprints); order is display order.
NAV_ITEMS: list[NavItem] = [
    NavItem("People", "people.index", ("admin",)),
    NavItem("LRS clients", "admin.clients", ("admin",)),
    NavItem("Statements", "admin.export_form", ("admin",)),
    NavItem("LMS export", "exports.index", ("admin",)),
    NavItem("My learning", "learner.my_learning", ("learner",)),
    NavItem("My results", "learner.standing", ("learner",)),
    NavItem("My plan", "mentoring.my_plan", ("learner",)),
    NavItem("Mentor's desk", "mentoring.desk", ("mentor",)),
    NavItem("Grading", "mentoring.grading_queue", ("mentor",)),
    NavItem("Team", "mentoring.team", ("lead",)),
    NavItem("Mentoring", "mentoring.relationships_admin", ("admin", "lead")),
    NavItem("Notifications", "mentoring.inbox"),
]


def nav_items() -> list[NavLink]:
    links = []
    for item in NAV_ITEMS:
        if item.roles and not current_user.has_role(*item.roles):
            continue
        try:
            url = url_for(item.endpoint)
        except BuildError:
            continue
        links.append(NavLink(item.label, url, request.endpoint == item.endpoint))
    return links


def init_app(app: Flask) -> None:
    app.jinja_env.globals["nav_items"] = nav_items
