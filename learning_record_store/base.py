"""The declarative base shared by every table of the record store (table names ``lrs_*``)."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
