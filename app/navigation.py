"""The main navigation: workspaces (one per role) and a registry of links, each shown in the workspaces of
the roles that may follow it.

A person with one role sees that role's links. A person with several roles works in one workspace at a
time (the navigation offers the others): the workspace is the one of the page being shown, or the last one
used, or the first of their roles in ``WORKSPACES`` order, which is also where they land after sign-in.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app, request, session, url_for
from flask_login import current_user
from werkzeug.routing import BuildError


@dataclass(frozen=True, slots=True)
class NavItem:
    label: str
    endpoint: str
    roles: tuple[str, ...] = ()  # empty: every signed-in user, in every workspace


@dataclass(frozen=True, slots=True)
class NavLink:
    label: str
    url: str
    current: bool


@dataclass(frozen=True, slots=True)
class Workspace:
    role: str
    label: str
    endpoint: str  # the role's home: where its people land after sign-in


# Landing order for a person with several roles: the staff workspaces first, as that is their work.
WORKSPACES: list[Workspace] = [
    Workspace("admin", "Admin", "overview.index"),
    Workspace("lead", "Team", "mentoring.team"),
    Workspace("mentor", "Mentoring", "mentoring.desk"),
    Workspace("author", "Authoring", "insight.quizzes"),
    Workspace("learner", "Learning", "learner.my_learning"),
]

# Blueprints add their entries here (in app.blueprints); order is display order.
NAV_ITEMS: list[NavItem] = [
    NavItem("Overview", "overview.index", ("admin",)),
    NavItem("People", "people.index", ("admin",)),
    NavItem("LRS clients", "admin.clients", ("admin",)),
    NavItem("Statements", "admin.export_form", ("admin",)),
    NavItem("LMS export", "exports.index", ("admin",)),
    NavItem("My learning", "learner.my_learning", ("learner",)),
    NavItem("Drill", "learner.drill", ("learner",)),
    NavItem("My results", "learner.standing", ("learner",)),
    NavItem("My plan", "mentoring.my_plan", ("learner",)),
    NavItem("Mentor's desk", "mentoring.desk", ("mentor",)),
    NavItem("Grading", "mentoring.grading_queue", ("mentor",)),
    NavItem("Team", "mentoring.team", ("lead",)),
    NavItem("Item analysis", "insight.quizzes", ("admin", "author")),
    NavItem("Mentoring", "mentoring.relationships_admin", ("admin", "lead")),
    NavItem("Notifications", "mentoring.inbox"),
]

SESSION_KEY = "workspace"


def workspaces_of(user: object) -> list[Workspace]:
    """Return the workspaces of a user's roles, in landing order."""
    has_role = getattr(user, "has_role", None)
    views = current_app.view_functions
    return [w for w in WORKSPACES if has_role is not None and has_role(w.role) and w.endpoint in views]


def home_endpoint(user: object) -> str:
    """Return the endpoint of a user's home: their first workspace's, or the public home."""
    spaces = workspaces_of(user)
    return spaces[0].endpoint if spaces else "main.home"


def current_workspace() -> Workspace | None:
    """Return the workspace of this request (and remember it for pages outside the navigation)."""
    spaces = workspaces_of(current_user)
    if not spaces:
        return None
    by_role = {w.role: w for w in spaces}
    claiming = [role for role in _roles_listing(request.endpoint) if role in by_role]
    remembered = session.get(SESSION_KEY)
    if claiming:
        chosen = remembered if remembered in claiming else claiming[0]
        if chosen != remembered:
            session[SESSION_KEY] = chosen
        return by_role[chosen]
    return by_role.get(remembered) or spaces[0]


def _roles_listing(endpoint: str | None) -> list[str]:
    roles = [w.role for w in WORKSPACES if w.endpoint == endpoint]
    for item in NAV_ITEMS:
        if item.endpoint == endpoint:
            roles.extend(item.roles)
    return roles


def nav_items() -> list[NavLink]:
    """Return the links of the current workspace (and those for everyone)."""
    workspace = current_workspace()
    links = []
    for item in NAV_ITEMS:
        if item.roles and (workspace is None or workspace.role not in item.roles):
            continue
        try:
            url = url_for(item.endpoint)
        except BuildError:
            continue
        links.append(NavLink(item.label, url, request.endpoint == item.endpoint))
    return links


def workspace_links() -> list[NavLink]:
    """Return a link to each of the user's workspaces (shown when there is more than one)."""
    current = current_workspace()
    return [
        NavLink(w.label, url_for(w.endpoint), current is not None and w.role == current.role)
        for w in workspaces_of(current_user)
    ]


def init_app(app: Flask) -> None:
    app.jinja_env.globals["nav_items"] = nav_items
    app.jinja_env.globals["workspace_links"] = workspace_links
