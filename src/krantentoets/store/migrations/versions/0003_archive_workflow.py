"""Archive (append-only, hash-chained records, full-text search) and the alignment workflow.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

Besides the tables this creates, per database:
- triggers that refuse UPDATE and DELETE on ``archive_records`` (the one
  exception: erasing the content of a record an approved destruction lists),
  on ``archive_destruction_items`` and on ``workflow_events``;
- full-text search: an FTS5 table filled by triggers (SQLite), or a stored
  ``search_vector`` (``to_tsvector('dutch', search_text)``) with a GIN index (PostgreSQL);
- the chain head row (``seq`` 0, the genesis hash).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS_HASH = "0" * 64
SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# The only UPDATE allowed on a record: erasing its content after an approved destruction.
_ERASE_ONLY = (
    "OLD.payload IS NOT NULL AND NEW.payload IS NULL "
    "AND NEW.search_text IS NULL AND NEW.seq = OLD.seq AND NEW.record_id = OLD.record_id "
    "AND NEW.type = OLD.type AND NEW.published_at = OLD.published_at "
    "AND NEW.archived_at = OLD.archived_at AND NEW.prev_hash = OLD.prev_hash "
    "AND NEW.hash = OLD.hash "
    "AND EXISTS (SELECT 1 FROM archive_destruction_items d WHERE d.record_seq = OLD.seq)"
)

SQLITE_UP = [
    f"""CREATE TRIGGER archive_records_no_update BEFORE UPDATE ON archive_records
    WHEN NOT ({_ERASE_ONLY})
    BEGIN SELECT RAISE(ABORT, 'archive records are append-only'); END""",
    """CREATE TRIGGER archive_records_no_delete BEFORE DELETE ON archive_records
    BEGIN SELECT RAISE(ABORT, 'archive records are append-only'); END""",
    """CREATE TRIGGER archive_destruction_items_no_update BEFORE UPDATE
    ON archive_destruction_items
    BEGIN SELECT RAISE(ABORT, 'archive destruction items are append-only'); END""",
    """CREATE TRIGGER archive_destruction_items_no_delete BEFORE DELETE
    ON archive_destruction_items
    BEGIN SELECT RAISE(ABORT, 'archive destruction items are append-only'); END""",
    """CREATE TRIGGER workflow_events_no_update BEFORE UPDATE ON workflow_events
    BEGIN SELECT RAISE(ABORT, 'workflow events are append-only'); END""",
    """CREATE TRIGGER workflow_events_no_delete BEFORE DELETE ON workflow_events
    BEGIN SELECT RAISE(ABORT, 'workflow events are append-only'); END""",
    """CREATE VIRTUAL TABLE archive_fts USING fts5(
    search_text, content='archive_records', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER archive_fts_insert AFTER INSERT ON archive_records
    WHEN NEW.search_text IS NOT NULL
    BEGIN INSERT INTO archive_fts(rowid, search_text) VALUES (NEW.seq, NEW.search_text); END""",
    """CREATE TRIGGER archive_fts_erase AFTER UPDATE ON archive_records
    WHEN OLD.search_text IS NOT NULL
    BEGIN INSERT INTO archive_fts(archive_fts, rowid, search_text)
    VALUES ('delete', OLD.seq, OLD.search_text); END""",
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS archive_fts_erase",
    "DROP TRIGGER IF EXISTS archive_fts_insert",
    "DROP TABLE IF EXISTS archive_fts",
    "DROP TRIGGER IF EXISTS workflow_events_no_delete",
    "DROP TRIGGER IF EXISTS workflow_events_no_update",
    "DROP TRIGGER IF EXISTS archive_destruction_items_no_delete",
    "DROP TRIGGER IF EXISTS archive_destruction_items_no_update",
    "DROP TRIGGER IF EXISTS archive_records_no_delete",
    "DROP TRIGGER IF EXISTS archive_records_no_update",
]

POSTGRES_UP = [
    f"""CREATE FUNCTION archive_records_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND {_ERASE_ONLY} THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'archive records are append-only (% refused)', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
    END $$""",
    """CREATE FUNCTION krantentoets_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% rows are append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
    END $$""",
    """CREATE TRIGGER archive_records_append_only BEFORE UPDATE OR DELETE ON archive_records
    FOR EACH ROW EXECUTE FUNCTION archive_records_guard()""",
    """CREATE TRIGGER archive_records_no_truncate BEFORE TRUNCATE ON archive_records
    FOR EACH STATEMENT EXECUTE FUNCTION krantentoets_append_only()""",
    """CREATE TRIGGER archive_destruction_items_append_only BEFORE UPDATE OR DELETE
    ON archive_destruction_items FOR EACH ROW EXECUTE FUNCTION krantentoets_append_only()""",
    """CREATE TRIGGER archive_destruction_items_no_truncate BEFORE TRUNCATE
    ON archive_destruction_items FOR EACH STATEMENT EXECUTE FUNCTION krantentoets_append_only()""",
    """CREATE TRIGGER workflow_events_append_only BEFORE UPDATE OR DELETE ON workflow_events
    FOR EACH ROW EXECUTE FUNCTION krantentoets_append_only()""",
    """CREATE TRIGGER workflow_events_no_truncate BEFORE TRUNCATE ON workflow_events
    FOR EACH STATEMENT EXECUTE FUNCTION krantentoets_append_only()""",
    # A stored vector: a search rechecks matches against it instead of re-parsing the text.
    """ALTER TABLE archive_records ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('dutch', coalesce(search_text, ''))) STORED""",
    "CREATE INDEX ix_archive_records_search ON archive_records USING gin (search_vector)",
]

POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS ix_archive_records_search",
    "DROP TRIGGER IF EXISTS workflow_events_no_truncate ON workflow_events",
    "DROP TRIGGER IF EXISTS workflow_events_append_only ON workflow_events",
    "DROP TRIGGER IF EXISTS archive_destruction_items_no_truncate ON archive_destruction_items",
    "DROP TRIGGER IF EXISTS archive_destruction_items_append_only ON archive_destruction_items",
    "DROP TRIGGER IF EXISTS archive_records_no_truncate ON archive_records",
    "DROP TRIGGER IF EXISTS archive_records_append_only ON archive_records",
    "DROP FUNCTION IF EXISTS krantentoets_append_only()",
    "DROP FUNCTION IF EXISTS archive_records_guard()",
]


def upgrade() -> None:
    op.create_table(
        "archive_records",
        sa.Column("seq", SEQ, autoincrement=False, nullable=False),
        sa.Column("record_id", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("published_at", sa.String(length=20), nullable=False),
        sa.Column("archived_at", sa.String(length=20), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_archive_records")),
        sa.UniqueConstraint("record_id", name=op.f("uq_archive_records_record_id")),
        sa.UniqueConstraint("hash", name=op.f("uq_archive_records_hash")),
    )
    op.create_index("ix_archive_records_published_at", "archive_records", ["published_at"])
    op.create_index(
        "ix_archive_records_type_published_at", "archive_records", ["type", "published_at"]
    )
    head = op.create_table(
        "archive_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_archive_chain_head")),
    )
    op.bulk_insert(head, [{"id": 1, "last_seq": 0, "last_hash": GENESIS_HASH}])
    op.create_table(
        "archive_destruction_items",
        sa.Column("record_seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("destruction_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("record_seq", name=op.f("pk_archive_destruction_items")),
    )
    op.create_table(
        "workflow_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("author_role", sa.String(length=30), nullable=False),
        sa.Column("reason", sa.String(length=60), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=True),
        sa.Column("account", sa.String(length=200), nullable=True),
        sa.Column("account_kind", sa.String(length=20), nullable=False),
        sa.Column("reply_to_text", sa.Text(), nullable=True),
        sa.Column("reply_to_author", sa.String(length=300), nullable=True),
        sa.Column("reply_to_url", sa.Text(), nullable=True),
        sa.Column("mention_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("responder", sa.String(length=200), nullable=True),
        sa.Column("archive_record_id", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workflow_requests")),
    )
    op.create_index(
        op.f("ix_workflow_requests_status_updated_at"),
        "workflow_requests",
        ["status", "updated_at"],
    )
    op.create_index(op.f("ix_workflow_requests_author"), "workflow_requests", ["author"])
    op.create_table(
        "workflow_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["workflow_requests.id"],
            name=op.f("fk_workflow_versions_request_id_workflow_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workflow_versions")),
        sa.UniqueConstraint(
            "request_id", "version", name=op.f("uq_workflow_versions_request_id_version")
        ),
    )
    op.create_table(
        "workflow_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("actor_role", sa.String(length=30), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("responder", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["workflow_requests.id"],
            name=op.f("fk_workflow_events_request_id_workflow_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workflow_events")),
    )
    op.create_index(op.f("ix_workflow_events_request_id"), "workflow_events", ["request_id"])
    dialect = op.get_bind().dialect.name
    for sql in SQLITE_UP if dialect == "sqlite" else POSTGRES_UP if dialect == "postgresql" else []:
        op.execute(sql)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for sql in (
        SQLITE_DOWN if dialect == "sqlite" else POSTGRES_DOWN if dialect == "postgresql" else []
    ):
        op.execute(sql)
    op.drop_index(op.f("ix_workflow_events_request_id"), table_name="workflow_events")
    op.drop_table("workflow_events")
    op.drop_table("workflow_versions")
    op.drop_index(op.f("ix_workflow_requests_author"), table_name="workflow_requests")
    op.drop_index(op.f("ix_workflow_requests_status_updated_at"), table_name="workflow_requests")
    op.drop_table("workflow_requests")
    op.drop_table("archive_destruction_items")
    op.drop_table("archive_chain_head")
    op.drop_index("ix_archive_records_type_published_at", table_name="archive_records")
    op.drop_index("ix_archive_records_published_at", table_name="archive_records")
    op.drop_table("archive_records")
