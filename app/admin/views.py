"""Admin pages for LRS clients: list, create (showing the secret once) and revoke."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app.access import requires
from app.accounts import audit
from app.admin.forms import ClientForm, RevokeForm
from app.database import db
from learning_record_store.credentials import DEFAULT_HOME_PAGE, create_client, list_clients, revoke_client
from learning_record_store.errors import LRSError

bp = Blueprint("admin", __name__, url_prefix="/admin/lrs")


def _page(form: ClientForm, **extra: object) -> str:
    return render_template(
        "admin/lrs_clients.html",
        clients=list_clients(db.session),
        form=form,
        revoke_form=RevokeForm(),
        **extra,
    )


@bp.get("/clients")
@requires("admin")
def clients() -> str:
    return _page(ClientForm())


@bp.post("/clients")
@requires("admin")
def create() -> str | tuple[str, int]:
    form = ClientForm()
    if not form.validate_on_submit():
        return _page(form), 400
    home_page = current_app.config.get("BASE_URL") or DEFAULT_HOME_PAGE
    issued = create_client(
        db.session, name=form.name.data or "", scopes=form.scopes.data or [], home_page=home_page
    )
    audit.record(  # never the secret
        db.session,
        actor=current_user.email,
        action="lrs_client.create",
        target=issued.client.key,
        name=issued.client.name,
        scopes=issued.client.scopes,
    )
    db.session.commit()
    # Rendered, not redirected: the secret must not travel through the session cookie or be shown twice.
    return _page(ClientForm(formdata=None), issued=issued)


@bp.post("/clients/<key>/revoke")
@requires("admin")
def revoke(key: str) -> Response:
    if RevokeForm().validate_on_submit():
        try:
            client = revoke_client(db.session, key)
        except LRSError as error:
            flash(error.message, "error")
        else:
            audit.record(db.session, actor=current_user.email, action="lrs_client.revoke", target=key)
            db.session.commit()
            flash(f"Revoked {client.name}.", "info")
    return redirect(url_for("admin.clients"))
