"""Woo requests and the records officer's decisions per document and per redaction.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "archive_woo_requests",
        sa.Column("id", sa.String(length=60), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("query", sa.Text(), nullable=True),
        sa.Column("period_from", sa.String(length=20), nullable=True),
        sa.Column("period_to", sa.String(length=20), nullable=True),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.String(length=20), nullable=False),
        sa.Column("settled_by", sa.String(length=100), nullable=True),
        sa.Column("settled_at", sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_archive_woo_requests")),
    )
    op.create_table(
        "archive_woo_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("request_id", sa.String(length=60), nullable=False),
        sa.Column("record_id", sa.String(length=200), nullable=False),
        sa.Column("item", sa.String(length=120), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["archive_woo_requests.id"],
            name=op.f("fk_archive_woo_decisions_request_id_archive_woo_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_archive_woo_decisions")),
    )
    op.create_index(
        "ix_archive_woo_decisions_request",
        "archive_woo_decisions",
        ["request_id", "record_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_archive_woo_decisions_request", table_name="archive_woo_decisions")
    op.drop_table("archive_woo_decisions")
    op.drop_table("archive_woo_requests")
