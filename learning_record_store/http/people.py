"""``GET activities`` (canonical Activity) and ``GET agents`` (Person object), Communication 2.4 and 2.5."""

from __future__ import annotations

import json

from flask import Blueprint, Response

from learning_record_store.activities import activity_object
from learning_record_store.documents import parse_activity_id, parse_agent
from learning_record_store.errors import BadRequest
from learning_record_store.http.common import (
    XRequest,
    add_resource,
    authorize,
    current_session,
    json_response,
)
from learning_record_store.people import person_object

READ_SCOPES = ("statements/read", "statements/read/mine", "define", "state", "profile")
# Other identifiers of a person are shared only with credentials explicitly trusted that far (2.4).
LINKED_IDENTITY_SCOPES = frozenset({"all", "all/read"})


def _only_parameter(xreq: XRequest, name: str) -> str:
    for given in xreq.args:
        if given != name:
            raise BadRequest(f"{given}: not a parameter of {xreq.method} here (only {name})")
    values = xreq.args.getlist(name)
    if len(values) != 1:
        raise BadRequest(f"{name}: is required, once")
    return values[0]


def activities(xreq: XRequest) -> Response:
    authorize(xreq, *READ_SCOPES)
    activity_id = parse_activity_id(_only_parameter(xreq, "activityId"))
    return json_response(activity_object(current_session(), activity_id))


def agents(xreq: XRequest) -> Response:
    authorize(xreq, *READ_SCOPES)
    raw = _only_parameter(xreq, "agent")
    agent = parse_agent(raw)
    name = json.loads(raw).get("name")
    if name is not None:
        agent["name"] = name
    include_linked = bool(xreq.scopes & LINKED_IDENTITY_SCOPES)
    return json_response(person_object(current_session(), agent, include_linked=include_linked))


def register(bp: Blueprint) -> None:
    add_resource(bp, "/activities", {"GET": activities})
    add_resource(bp, "/agents", {"GET": agents})
