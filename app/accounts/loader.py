"""Flask-Login's user loader."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import User
from app.database import db, read_apart
from app.extensions import login_manager


@login_manager.user_loader
def load_user(uid: str) -> User | None:
    query = select(User).where(User.uid == uid, User.is_active_account.is_(True))
    return read_apart(db.session, lambda session: session.scalar(query))
