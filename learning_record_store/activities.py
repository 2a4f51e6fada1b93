"""The Activities Resource: the canonical Activity object, from the definitions statements carried."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from learning_record_store.models import Activity


def activity_object(session: Session, activity_id: str) -> dict[str, Any]:
    """Return the Activity with its merged definition; an unknown activity still gets an Activity object."""
    activity: dict[str, Any] = {"objectType": "Activity", "id": activity_id}
    row = session.get(Activity, activity_id)
    if row is not None:
        definition = json.loads(row.definition)
        if definition:
            activity["definition"] = definition
    return activity
