"""The three document resources over HTTP: ``activities/state``, ``activities/profile``, ``agents/profile``.

One set of handlers serves all three; a ``DocumentResource`` says which parameters a resource takes,
which one names the document, which scope guards it and how its parameters select a ``Scope``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from flask import Blueprint, Response
from werkzeug.http import http_date

from learning_record_store import documents
from learning_record_store.documents import InvalidDocumentRequest, Preconditions, Scope
from learning_record_store.http.common import (
    Handler,
    XRequest,
    add_resource,
    authorize,
    current_session,
    json_response,
)
from learning_record_store.http.context import strict_profile_puts

# Parameters by method, beyond those naming the activity/agent context (Communication 2.3, 2.6, 2.7).
Params = Mapping[str, str]


@dataclass(frozen=True, slots=True)
class DocumentResource:
    rule: str
    id_param: str
    context_params: frozenset[str]  # all required except "registration"
    oauth_scope: str
    make_scope: Callable[[Params], Scope]
    can_delete_all: bool = False

    def allowed(self, method: str) -> frozenset[str]:
        extra = {"since"} if method == "GET" else set()
        return self.context_params | {self.id_param} | extra


def _state_scope(params: Params) -> Scope:
    agent = documents.parse_agent(_required(params, "agent"))
    return documents.state_scope(
        documents.parse_activity_id(_required(params, "activityId")),
        documents.agent_key(agent),
        documents.parse_registration(params.get("registration")),
    )


def _activity_profile_scope(params: Params) -> Scope:
    return documents.activity_profile_scope(documents.parse_activity_id(_required(params, "activityId")))


def _agent_profile_scope(params: Params) -> Scope:
    return documents.agent_profile_scope(
        documents.agent_key(documents.parse_agent(_required(params, "agent")))
    )


RESOURCES: tuple[DocumentResource, ...] = (
    DocumentResource(
        "/activities/state",
        "stateId",
        frozenset({"activityId", "agent", "registration"}),
        "state",
        _state_scope,
        can_delete_all=True,
    ),
    DocumentResource(
        "/activities/profile", "profileId", frozenset({"activityId"}), "profile", _activity_profile_scope
    ),
    DocumentResource("/agents/profile", "profileId", frozenset({"agent"}), "profile", _agent_profile_scope),
)


def _required(params: Params, name: str) -> str:
    value = params.get(name)
    if value is None:
        raise InvalidDocumentRequest(f"{name}: is required")
    return value


def _parameters(resource: DocumentResource, xreq: XRequest) -> dict[str, str]:
    """Return the request's parameters, refusing unknown (or wrongly cased) and repeated ones."""
    allowed = resource.allowed(xreq.method if xreq.method != "HEAD" else "GET")
    for name in xreq.args:
        if name not in allowed:
            raise InvalidDocumentRequest(
                f"{name}: not a parameter of {xreq.method} {resource.rule.lstrip('/')}"
            )
        if len(xreq.args.getlist(name)) > 1:
            raise InvalidDocumentRequest(f"{name}: given more than once")
    return dict(xreq.args.items())


def _preconditions(xreq: XRequest) -> Preconditions:
    return Preconditions.from_headers(xreq.headers.get("If-Match"), xreq.headers.get("If-None-Match"))


def _last_modified(instant: str) -> str:
    moment = datetime.strptime(instant, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    return http_date(moment)


def _etag_headers(content: bytes, updated: str | None) -> dict[str, str]:
    headers = {"ETag": documents.quoted(documents.etag_of(content))}
    if updated:
        headers["Last-Modified"] = _last_modified(updated)
    return headers


def _get(resource: DocumentResource, xreq: XRequest) -> Response:
    authorize(xreq, resource.oauth_scope)
    params = _parameters(resource, xreq)
    scope = resource.make_scope(params)
    session = current_session()
    document_id = params.get(resource.id_param)
    if document_id is None:
        listing = documents.list_document_ids(session, scope, documents.parse_since(params.get("since")))
        response = json_response(listing.ids)
        response.headers.update(_etag_headers(response.get_data(), listing.last_modified))
        return response
    if "since" in params:
        raise InvalidDocumentRequest(f"since: only allowed without {resource.id_param}")
    document = documents.get_document(session, scope, document_id)
    if document is None:
        raise documents.DocumentNotFound(f"{resource.id_param}: no document {document_id!r} here")
    return Response(
        document.content,
        status=200,
        content_type=document.content_type,
        headers=_etag_headers(document.content, document.updated_at),
    )


def _write(resource: DocumentResource, xreq: XRequest, store: Callable[..., documents.Document]) -> Response:
    authorize(xreq, resource.oauth_scope)
    params = _parameters(resource, xreq)
    scope = resource.make_scope(params)
    document_id = documents.parse_document_id(params.get(resource.id_param), parameter=resource.id_param)
    session = current_session()
    content_type = xreq.headers.get("Content-Type") or "application/octet-stream"
    document = store(session, scope, document_id, xreq.body, content_type, _preconditions(xreq))
    session.commit()
    return Response(status=204, headers={"ETag": documents.quoted(document.etag)})


def _delete(resource: DocumentResource, xreq: XRequest) -> Response:
    authorize(xreq, resource.oauth_scope)
    params = _parameters(resource, xreq)
    scope = resource.make_scope(params)
    session = current_session()
    document_id = params.get(resource.id_param)
    if document_id is not None:
        documents.delete_document(session, scope, document_id, _preconditions(xreq))
    elif resource.can_delete_all:
        documents.delete_documents(session, scope)
    else:
        raise InvalidDocumentRequest(f"{resource.id_param}: is required")
    session.commit()
    return Response(status=204)


def _handlers(resource: DocumentResource) -> dict[str, Handler]:
    def get(xreq: XRequest) -> Response:
        return _get(resource, xreq)

    def put(xreq: XRequest) -> Response:
        return _write(resource, xreq, partial(documents.put_document, strict=strict_profile_puts()))

    def post(xreq: XRequest) -> Response:
        return _write(resource, xreq, documents.post_document)

    def delete(xreq: XRequest) -> Response:
        return _delete(resource, xreq)

    return {"GET": get, "PUT": put, "POST": post, "DELETE": delete}


def register(bp: Blueprint) -> None:
    for resource in RESOURCES:
        add_resource(bp, resource.rule, _handlers(resource))
