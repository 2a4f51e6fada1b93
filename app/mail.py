"""Outgoing e-mail through the configured SMTP server."""

from __future__ import annotations

import smtplib
from collections.abc import Mapping
from email.message import EmailMessage
from typing import Any


def is_configured(config: Mapping[str, Any]) -> bool:
    return bool(config.get("SMTP_HOST"))


def smtp_connection(config: Mapping[str, Any]) -> smtplib.SMTP:
    """Open a connection to SMTP_HOST:SMTP_PORT (STARTTLS and login when configured)."""
    host, port = config.get("SMTP_HOST") or "localhost", int(config.get("SMTP_PORT") or 25)
    smtp = smtplib.SMTP(host, port, timeout=30)
    if config.get("SMTP_STARTTLS"):
        smtp.starttls()
    if config.get("SMTP_USERNAME"):
        smtp.login(str(config["SMTP_USERNAME"]), str(config.get("SMTP_PASSWORD") or ""))
    return smtp


def compose(config: Mapping[str, Any], *, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = config.get("MAIL_FROM") or "elearn@localhost"
    message["To"] = to
    message.set_content(body)
    return message


def send(config: Mapping[str, Any], message: EmailMessage) -> None:
    with smtp_connection(config) as smtp:
        smtp.send_message(message)
