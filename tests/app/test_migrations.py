"""Migrations: they build the schema the models describe, from empty and from the previous revision."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, create_engine, inspect

from app import migrate
from app.database import make_engine
from tests.conftest import PG_URL


def _fresh_engine(tmp_path: Path):
    if PG_URL:
        # The suite's template schema lives in public; migrate a separate schema-less database copy instead.
        from sqlalchemy import text

        engine = make_engine(PG_URL)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS migration_check CASCADE"))
            connection.execute(text("CREATE SCHEMA migration_check"))
        engine.dispose()
        return make_engine(PG_URL, connect_args={"options": "-csearch_path=migration_check"})
    return make_engine(f"sqlite:///{tmp_path / 'migrations.sqlite3'}")


def _merged_metadata() -> MetaData:
    merged = MetaData()
    for metadata in migrate.target_metadata():
        for table in metadata.tables.values():
            table.to_metadata(merged)
    return merged


def test_migrated_schema_matches_the_models(tmp_path):
    engine = _fresh_engine(tmp_path)
    migrate.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        differences = [d for d in compare_metadata(context, _merged_metadata()) if not _is_benign(d)]
    engine.dispose()
    assert differences == []


def _is_benign(difference: object) -> bool:
    # Index and constraint naming varies between hand-written migrations and models; tables and columns
    # must match exactly.
    kind = difference[0] if isinstance(difference, tuple) else difference[0][0]
    return kind in {
        "add_index",
        "remove_index",
        "add_constraint",
        "remove_constraint",
        "add_fk",
        "remove_fk",
        "modify_nullable",
        "modify_default",
        "modify_comment",
    }


def test_every_branch_upgrades_from_its_previous_revision(tmp_path):
    engine = _fresh_engine(tmp_path)
    script = ScriptDirectory.from_config(migrate.alembic_config(engine))
    previous = []
    for head in script.get_heads():
        revision = script.get_revision(head)
        previous.append(revision.down_revision if isinstance(revision.down_revision, str) else None)
    for target in filter(None, previous):
        migrate.upgrade(engine, target)
    migrate.upgrade(engine)
    assert migrate.pending_heads(engine) == set()
    assert "account_user" in inspect(engine).get_table_names()
    engine.dispose()


def test_statement_index_rows_survive_dropping_their_foreign_key(tmp_path):
    from sqlalchemy import text

    engine = _fresh_engine(tmp_path)
    migrate.upgrade(engine, "lrs_statements_0001")
    assert inspect(engine).get_foreign_keys("lrs_statement_index")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO lrs_statement (pk, statement_id, verb_id, actor_key, authority_key, stored,"
                " is_voided, is_voiding, payload) VALUES (7, 'id-7', 'v', 'a', 'b', 's', false, false, '{}')"
            )
        )
        connection.execute(
            text("INSERT INTO lrs_statement_index (key, statement_pk) VALUES ('verb:x', 7), ('agent:y', 7)")
        )
    migrate.upgrade(engine)
    assert inspect(engine).get_foreign_keys("lrs_statement_index") == []
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT key, statement_pk FROM lrs_statement_index ORDER BY key"))
        assert [tuple(row) for row in rows] == [("agent:y", 7), ("verb:x", 7)]
        if engine.dialect.name == "sqlite":  # still a WITHOUT ROWID table: the primary key is the table
            sql = connection.execute(
                text("SELECT sql FROM sqlite_master WHERE name = 'lrs_statement_index'")
            ).scalar_one()
            assert "WITHOUT ROWID" in sql
    engine.dispose()


def test_the_answer_table_is_filled_from_the_statements_stored_before_it(tmp_path):
    import json
    from dataclasses import asdict

    from sqlalchemy import text

    from assessments.recorded_answers import answer_of

    engine = _fresh_engine(tmp_path)
    script = ScriptDirectory.from_config(migrate.alembic_config(engine))
    for head in script.get_heads():
        if head != "answers_0001":
            migrate.upgrade(engine, head)
    assert "assessment_answer" not in inspect(engine).get_table_names()

    def answered(number: int, iri: str, **context: object) -> dict:
        return {
            "id": f"00000000-0000-4000-8000-00000000000{number}",
            "actor": {"mbox": "mailto:agent@lms.example"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
            "object": {"objectType": "Activity", "id": iri},
            "result": {"response": "b", "duration": "PT42S"},
            "context": {"registration": "a1b2c3d4-0000-4000-8000-000000000001", **context},
            "timestamp": f"2026-11-30T10:00:0{number}Z",
        }

    question = "https://lms.example/xapi/activities/quizzes/call-closing-quiz/questions/{}"
    statements = [
        (answered(1, question.format("hold-not-mute")), False),
        (answered(2, "https://lms.example/xapi/activities/modules/m/pages/p"), False),
        (answered(3, question.format("hold-steps")), True),  # voided
        (
            answered(
                4,
                question.format("hold-steps"),
                extensions={"https://elearn.example/xapi/extensions/practice": True},
            ),
            False,
        ),
        ({**answered(5, question.format("warm-transfer-name")), "result": {"response": "Sam"}}, False),
    ]
    with engine.begin() as connection:
        for pk, (payload, is_voided) in enumerate(statements, start=1):
            connection.execute(
                text(
                    "INSERT INTO lrs_statement (pk, statement_id, verb_id, actor_key, authority_key,"
                    " stored, is_voided, is_voiding, payload)"
                    " VALUES (:pk, :id, :verb, 'a', 'b', 's', :voided, false, :payload)"
                ),
                {
                    "pk": pk,
                    "id": payload["id"],
                    "verb": payload["verb"]["id"],
                    "voided": is_voided,
                    "payload": json.dumps(payload),
                },
            )
    migrate.upgrade(engine)

    columns = "statement_id, actor, registration, quiz_id, question_id, answered_us, response, seconds"
    with engine.connect() as connection:
        rows = [
            tuple(row)
            for row in connection.execute(text(f"SELECT {columns} FROM assessment_answer ORDER BY id"))
        ]
    expected = [answer_of(statements[0][0]), answer_of(statements[4][0])]
    assert rows == [tuple(asdict(answer).values()) for answer in expected]  # as ingest would keep them
    engine.dispose()


def test_a_database_url_with_escapes_reaches_alembic_unchanged() -> None:
    url = "postgresql+psycopg://elearn:p%40ss@db.example/elearn?options=-csearch_path%3Dbench"
    config = migrate.alembic_config(create_engine(url))
    assert config.get_main_option("sqlalchemy.url") == url
