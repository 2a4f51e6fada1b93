"""Forwarding stored statements to other LRSs through a persistent outbox (at least once, in order)."""

from __future__ import annotations

from learning_record_store.forwarding.models import OutboxEntry, OutboxLease, OutboxTarget
from learning_record_store.forwarding.outbox import enqueue_for_forwarding
from learning_record_store.forwarding.report import TargetBacklog, backlog
from learning_record_store.forwarding.targets import Target, TargetConfigError, parse_targets
from learning_record_store.forwarding.worker import DrainResult, DrainSettings, drain

__all__ = [
    "DrainResult",
    "DrainSettings",
    "OutboxEntry",
    "OutboxLease",
    "OutboxTarget",
    "Target",
    "TargetBacklog",
    "TargetConfigError",
    "backlog",
    "drain",
    "enqueue_for_forwarding",
    "parse_targets",
]
