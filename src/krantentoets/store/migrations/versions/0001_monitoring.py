"""Monitoring: sources and their poll state, mentions, digest log.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "monitor_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_polled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_ok_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("error_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitor_sources")),
        sa.UniqueConstraint("name", name=op.f("uq_monitor_sources_name")),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=512), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("author", sa.String(length=300), nullable=True),
        sa.Column("author_name", sa.String(length=300), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("matched", sa.JSON(), nullable=False),
        sa.Column("label", sa.String(length=20), nullable=True),
        sa.Column("signal", sa.Boolean(), nullable=False),
        sa.Column("advice", sa.String(length=40), nullable=True),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("assigned_to", sa.String(length=200), nullable=True),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handled_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["monitor_sources.id"],
            name=op.f("fk_mentions_source_id_monitor_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentions")),
        sa.UniqueConstraint(
            "source_id", "external_id", name=op.f("uq_mentions_source_id_external_id")
        ),
    )
    op.create_index(op.f("ix_mentions_fetched_at"), "mentions", ["fetched_at"])
    op.create_index(op.f("ix_mentions_label_signal"), "mentions", ["label", "signal"])
    op.create_index(op.f("ix_mentions_published_at"), "mentions", ["published_at"])
    op.create_table(
        "monitor_digests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channels", sa.String(length=100), nullable=False),
        sa.Column("after_mention_id", sa.Integer(), nullable=False),
        sa.Column("upto_mention_id", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitor_digests")),
    )


def downgrade() -> None:
    op.drop_table("monitor_digests")
    op.drop_index(op.f("ix_mentions_published_at"), table_name="mentions")
    op.drop_index(op.f("ix_mentions_label_signal"), table_name="mentions")
    op.drop_index(op.f("ix_mentions_fetched_at"), table_name="mentions")
    op.drop_table("mentions")
    op.drop_table("monitor_sources")
