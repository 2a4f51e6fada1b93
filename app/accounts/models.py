"""Account tables: users, their roles and teams."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

ROLES = ("learner", "mentor", "lead", "author", "admin")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Team(Base):
    __tablename__ = "account_team"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    members: Mapped[list[User]] = relationship(back_populates="team")


class User(Base):
    __tablename__ = "account_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=lambda: str(uuid.uuid4()))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("account_team.id"), index=True)
    is_active_account: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    team: Mapped[Team | None] = relationship(back_populates="members")
    role_rows: Mapped[list[Role]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(row.name for row in self.role_rows)

    def set_roles(self, names: list[str] | tuple[str, ...]) -> None:
        """Keep the rows of roles still held, add the new ones (unique per user, so never re-insert)."""
        wanted = set(names)
        self.role_rows = [row for row in self.role_rows if row.name in wanted]
        held = {row.name for row in self.role_rows}
        self.role_rows.extend(Role(name=name) for name in dict.fromkeys(names) if name not in held)

    def has_role(self, *names: str) -> bool:
        return bool(self.roles.intersection(names))

    # Flask-Login protocol
    @property
    def is_active(self) -> bool:
        return self.is_active_account

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return self.uid


class Role(Base):
    __tablename__ = "account_role"
    __table_args__ = (UniqueConstraint("user_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("account_user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(20))


class LoginFailure(Base):
    """Recent failed sign-ins per key (an email and client address pair, or an address), for throttling."""

    __tablename__ = "account_login_failure"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_failure_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # A pair may not try again before this moment (None: no wait).
    blocked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEvent(Base):
    """An administrative action: who did what to whom, when."""

    __tablename__ = "account_audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(254))  # an email, or "cli" for the command line
    action: Mapped[str] = mapped_column(String(60), index=True)
    target: Mapped[str] = mapped_column(String(300), default="")
    details: Mapped[str] = mapped_column(String(2000), default="")
