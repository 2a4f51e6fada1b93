"""Alembic environment: runs against the engine handed over by app.migrate, or sqlalchemy.url."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from app.database import make_engine
from app.migrate import target_metadata

config = context.config


def run_migrations() -> None:
    engine: Engine | None = config.attributes.get("engine")
    if engine is None:
        engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata(),
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()
