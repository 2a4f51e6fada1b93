"""An xAPI client for documents that always says which version it means to replace.

TinCanPython's ``RemoteLRS`` sends ``If-Match`` only when a document carries an ETag and never sends
``If-None-Match``, so a new profile document goes out as a bare ``PUT``, which xAPI 1.0.3 forbids
(Communication 3.1.s3.b1) and a strict LRS (this one, by default) refuses with ``400``. It also never
reads the ETag of a document it fetches (it looks the header up in a list of pairs), sends
``save_state`` twice and drops the state's registration. ``PreconditionRemoteLRS`` fixes those:

* a document write carries ``If-Match: <its ETag>`` when the document has one (it was fetched or saved
  through this client) and ``If-None-Match: *`` otherwise, so it only ever creates what is absent or
  replaces the version it knows;
* documents fetched through it carry their ETag, and a saved document takes the ETag the LRS answers;
* ``save_state`` sends one request, with the registration.
"""

from __future__ import annotations

from typing import Any

from tincan import RemoteLRS
from tincan.http_request import HTTPRequest
from tincan.lrs_response import LRSResponse

__all__ = ["DOCUMENT_RESOURCES", "PreconditionRemoteLRS"]

DOCUMENT_RESOURCES = frozenset({"activities/state", "activities/profile", "agents/profile"})


class PreconditionRemoteLRS(RemoteLRS):
    """``tincan.RemoteLRS`` whose document writes always carry ``If-Match`` or ``If-None-Match``."""

    def _send_request(self, request: HTTPRequest) -> LRSResponse:
        writes_document = request.method == "PUT" and request.resource in DOCUMENT_RESOURCES
        if writes_document and "If-Match" not in request.headers:
            request.headers["If-None-Match"] = "*"
        return super()._send_request(request)

    def save_state(self, state: Any) -> LRSResponse:
        request = HTTPRequest(method="PUT", resource="activities/state", content=state.content)
        request.headers["Content-Type"] = state.content_type or "application/octet-stream"
        if state.etag is not None:
            request.headers["If-Match"] = state.etag
        request.query_params = {
            "stateId": state.id,
            "activityId": state.activity.id,
            "agent": state.agent.to_json(self.version),
        }
        if state.registration is not None:
            request.query_params["registration"] = str(state.registration)
        return _saved(self._send_request(request), state)

    def save_activity_profile(self, profile: Any) -> LRSResponse:
        return _saved(super().save_activity_profile(profile), profile)

    def save_agent_profile(self, profile: Any) -> LRSResponse:
        return _saved(super().save_agent_profile(profile), profile)

    def retrieve_state(
        self, activity: Any, agent: Any, state_id: str, registration: str | None = None
    ) -> LRSResponse:
        return _fetched(super().retrieve_state(activity, agent, state_id, registration))

    def retrieve_activity_profile(self, activity: Any, profile_id: str) -> LRSResponse:
        return _fetched(super().retrieve_activity_profile(activity, profile_id))

    def retrieve_agent_profile(self, agent: Any, profile_id: str) -> LRSResponse:
        return _fetched(super().retrieve_agent_profile(agent, profile_id))


def _saved(response: LRSResponse, document: Any) -> LRSResponse:
    """Give ``document`` the ETag of the version just stored, so the next save replaces exactly it."""
    response.content = document
    if response.success:
        document.etag = response.response.getheader("ETag") or document.etag
    return response


def _fetched(response: LRSResponse) -> LRSResponse:
    """Give the fetched document its ETag (a 404 that tincan counts as success has none)."""
    if response.success and response.response.status == 200:
        document = response.content
        document.etag = response.response.getheader("ETag")
        document.content_type = response.response.getheader("Content-Type") or document.content_type
    return response
