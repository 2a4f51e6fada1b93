"""Tables of the three document resources: state, activity profile and agent profile documents.

Each document has a ``scope_hash`` (the activity and/or agent it belongs to) for the multiple-document
GET and DELETE, and a unique ``document_hash`` (scope, registration and id) for single-document requests.
Both are SHA-256 digests so that IRIs and ids of any length are indexed in a fixed width; the readable
values are kept alongside.
"""

from __future__ import annotations

from sqlalchemy import Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from learning_record_store.base import Base


class DocumentColumns:
    id: Mapped[int] = mapped_column(primary_key=True)
    scope_hash: Mapped[str] = mapped_column(String(64))
    document_hash: Mapped[str] = mapped_column(String(64), unique=True)
    document_id: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    etag: Mapped[str] = mapped_column(String(40))
    # UTC, fixed width (learning_record_store.clock): compares as text on every database.
    updated_at: Mapped[str] = mapped_column(String(32))


class StateDocument(DocumentColumns, Base):
    __tablename__ = "lrs_document_state"
    __table_args__ = (Index("ix_lrs_document_state_scope", "scope_hash", "registration", "updated_at"),)

    activity_id: Mapped[str] = mapped_column(Text)
    agent: Mapped[str] = mapped_column(Text)  # canonical identifier, see identity.agent_key
    # "" when the state was stored without a registration: it is its own context, distinct from any one.
    registration: Mapped[str] = mapped_column(String(36))


class ActivityProfileDocument(DocumentColumns, Base):
    __tablename__ = "lrs_document_activity_profile"
    __table_args__ = (Index("ix_lrs_document_activity_profile_scope", "scope_hash", "updated_at"),)

    activity_id: Mapped[str] = mapped_column(Text)


class AgentProfileDocument(DocumentColumns, Base):
    __tablename__ = "lrs_document_agent_profile"
    __table_args__ = (Index("ix_lrs_document_agent_profile_scope", "scope_hash", "updated_at"),)

    agent: Mapped[str] = mapped_column(Text)


Document = StateDocument | ActivityProfileDocument | AgentProfileDocument
