"""Sending a batch of statements to a target LRS over HTTP.

A batch goes as one ``POST statements``. When the target refuses the batch with 409 (some statement is
already there: an earlier delivery got through but was not recorded) or 400 (one statement it will not
take), the statements are sent one by one with ``PUT statements?statementId=…``, where 409 also counts as
delivered, since statement ids are immutable. Delivery stops at the first statement that fails, so
later statements never overtake it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import requests

from learning_record_store.forwarding.outbox import PendingEntry
from learning_record_store.forwarding.targets import Target

XAPI_VERSION = "1.0.3"
RETRY_ONE_BY_ONE = {400, 409}


@dataclass(frozen=True, slots=True)
class Outcome:
    """``delivered`` leading entries of the batch got through; ``error`` says why the next one did not."""

    delivered: int
    error: str | None = None


def deliver(
    http: requests.Session, target: Target, batch: Sequence[PendingEntry], *, timeout: float
) -> Outcome:
    """Send ``batch`` (oldest first) to ``target``; return how far it got."""
    try:
        response = _send(http, target, "POST", [entry.statement for entry in batch], timeout=timeout)
    except requests.RequestException as error:
        return Outcome(0, f"{type(error).__name__}: {error}")
    if response.status_code == 200:
        return Outcome(len(batch))
    if response.status_code not in RETRY_ONE_BY_ONE:
        return Outcome(0, _describe(response))
    for index, entry in enumerate(batch):
        try:
            single = _send(
                http,
                target,
                "PUT",
                entry.statement,
                timeout=timeout,
                params={"statementId": entry.statement_id},
            )
        except requests.RequestException as error:
            return Outcome(index, f"{type(error).__name__}: {error}")
        if single.status_code not in (204, 409):
            return Outcome(index, f"statement {entry.statement_id}: {_describe(single)}")
    return Outcome(len(batch))


def _send(
    http: requests.Session,
    target: Target,
    method: str,
    body: Any,
    *,
    timeout: float,
    params: dict[str, str] | None = None,
) -> requests.Response:
    return http.request(
        method,
        target.statements_url,
        params=params,
        data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json", "X-Experience-API-Version": XAPI_VERSION},
        auth=(target.username, target.password) if target.username else None,
        timeout=timeout,
    )


def _describe(response: requests.Response) -> str:
    return f"HTTP {response.status_code}: {response.text[:500]}"
