"""The document resources of the record store: State, Activity Profile and Agent Profile documents."""

from __future__ import annotations

from learning_record_store.documents.concurrency import Preconditions, etag_of, quoted
from learning_record_store.documents.errors import (
    DocumentNotFound,
    EditConflict,
    InvalidDocumentRequest,
    MissingPrecondition,
    PreconditionFailed,
)
from learning_record_store.documents.identity import (
    agent_key,
    parse_activity_id,
    parse_agent,
    parse_document_id,
    parse_registration,
    parse_since,
)
from learning_record_store.documents.models import (
    ActivityProfileDocument,
    AgentProfileDocument,
    Document,
    StateDocument,
)
from learning_record_store.documents.store import (
    DocumentIds,
    Scope,
    activity_profile_scope,
    agent_profile_scope,
    delete_agent_documents,
    delete_document,
    delete_documents,
    get_document,
    list_document_ids,
    post_document,
    put_document,
    state_scope,
)

__all__ = [
    "ActivityProfileDocument",
    "AgentProfileDocument",
    "Document",
    "DocumentIds",
    "DocumentNotFound",
    "EditConflict",
    "InvalidDocumentRequest",
    "MissingPrecondition",
    "PreconditionFailed",
    "Preconditions",
    "Scope",
    "StateDocument",
    "activity_profile_scope",
    "agent_key",
    "agent_profile_scope",
    "delete_agent_documents",
    "delete_document",
    "delete_documents",
    "etag_of",
    "get_document",
    "list_document_ids",
    "parse_activity_id",
    "parse_agent",
    "parse_document_id",
    "parse_registration",
    "parse_since",
    "post_document",
    "put_document",
    "quoted",
    "state_scope",
]
