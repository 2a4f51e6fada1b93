"""Schema migrations with Alembic: one migration branch per domain, all applied with ``upgrade heads``."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData

ROOT = Path(__file__).resolve().parent.parent

# Each domain keeps its own migration folder (an Alembic branch with its own label) and its own metadata.
# A domain adds one line to each registry.
VERSION_LOCATIONS: tuple[str, ...] = (
    "app/migrations/versions",
    "learning_record_store/migrations",
    "assessments/migrations",
    "assessments/mastery_migrations",
    "assessments/practice_migrations",
    "assessments/answer_migrations",
    "app/mentoring/migrations",
    "courses/migrations",
    "courses/playbook_migrations",
    "app/insight/migrations",
)
METADATA_MODULES: tuple[str, ...] = (
    "app.accounts.models",
    "learning_record_store.base",
    "learning_record_store.models",
    "learning_record_store.documents.models",
    "learning_record_store.forwarding.models",
    "assessments.store",
    "assessments.check_answers",
    "assessments.mastery_tables",
    "assessments.practice.tables",
    "assessments.answer_tables",
    "app.mentoring.models",
    "courses.store",
    "app.insight.models",
)


def target_metadata() -> list[MetaData]:
    # Several modules of one domain share its Base: import them all, keep each metadata once.
    found = [import_module(name).Base.metadata for name in METADATA_MODULES]
    return list({id(metadata): metadata for metadata in found}.values())


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(ROOT / "app" / "migrations"))
    locations = [str(ROOT / location) for location in VERSION_LOCATIONS if (ROOT / location).is_dir()]
    config.set_main_option("version_locations", " ".join(locations))
    config.set_main_option("path_separator", "space")
    if engine is not None:
        config.attributes["engine"] = engine
        # Alembic's options go through ConfigParser interpolation: a URL's escapes (a password with "@" in
        # it, "?options=-csearch_path%3D…") need their "%" doubled.
        url = engine.url.render_as_string(hide_password=False)
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Apply every pending migration of every domain."""
    command.upgrade(alembic_config(engine), revision)


def pending_heads(engine: Engine) -> set[str]:
    """Return the heads not yet applied to this database (empty when it is up to date)."""
    script = ScriptDirectory.from_config(alembic_config(engine))
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return set(script.get_heads()) - current
