"""The xAPI Learning Record Store mounted at /xapi, on the request's database session.

It authenticates LRS clients itself (HTTP Basic credentials with scopes), so it is exempt from CSRF.
"""

from __future__ import annotations

from app.database import db
from app.extensions import csrf
from learning_record_store.http import create_blueprint

bp = create_blueprint(lambda: db.session)
csrf.exempt(bp)
