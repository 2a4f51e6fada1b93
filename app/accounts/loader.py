"""Flask-Login's user loader."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from app.accounts.models import User
from app.database import db, read_apart
from app.extensions import login_manager


@login_manager.user_loader
def load_user(uid: str) -> User | None:
    return read_apart(
        db.session, lambda session: session.scalars(_ACTIVE_USER, {"uid": uid}).unique().first()
    )


# One query for the user and their roles (the relationship's own loading would take a second one), built once.
_ACTIVE_USER = (
    select(User)
    .options(joinedload(User.role_rows))
    .where(User.uid == bindparam("uid"), User.is_active_account.is_(True))
)
