"""Tone of each mention: ``sentiment`` (positive, negative, neutral) and its score (-1..+1).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

Two nullable columns on ``mentions`` (mentions stored before this revision have no tone) and
an index for the inbox's tone filter and chart.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mentions") as batch:
        batch.add_column(sa.Column("sentiment", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("sentiment_score", sa.Float(), nullable=True))
    op.create_index(op.f("ix_mentions_sentiment"), "mentions", ["sentiment"])


def downgrade() -> None:
    op.drop_index(op.f("ix_mentions_sentiment"), table_name="mentions")
    with op.batch_alter_table("mentions") as batch:
        batch.drop_column("sentiment_score")
        batch.drop_column("sentiment")
