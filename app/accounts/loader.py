"""Flask-Login's user loader."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.accounts.models import User
from app.database import db, read_apart
from app.extensions import login_manager


@login_manager.user_loader
def load_user(uid: str) -> User | None:
    # One query for the user and their roles (the relationship's own loading would take a second one).
    query = (
        select(User)
        .options(joinedload(User.role_rows))
        .where(User.uid == uid, User.is_active_account.is_(True))
    )
    return read_apart(db.session, lambda session: session.scalars(query).unique().first())
