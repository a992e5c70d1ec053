"""Monitoring that loses nothing: visibility, edits and details of mentions; platform sessions.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

- ``mentions.visibility`` (public, unlisted, private, direct), ``edited_at``
  and ``details`` (media with alt text, poll, card, quote, links, mentions,
  content warning, thread context, earlier versions, labels);
- ``mentions.watchers``: the office holders whose own names or handles the
  mention names (MA-9: each sees mentions of themselves);
- ``platform_sessions``: a login kept between runs (Bluesky's refreshed
  session), per platform, service and account.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mentions") as batch:
        batch.add_column(
            sa.Column("visibility", sa.String(length=20), nullable=False, server_default="public")
        )
        batch.add_column(sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("details", sa.JSON(), nullable=False, server_default="{}"))
        batch.add_column(sa.Column("watchers", sa.JSON(), nullable=False, server_default="[]"))
    op.create_table(
        "platform_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("service", sa.String(length=300), nullable=False),
        sa.Column("account", sa.String(length=300), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_platform_sessions")),
        sa.UniqueConstraint(
            "platform",
            "service",
            "account",
            name=op.f("uq_platform_sessions_platform_service_account"),
        ),
    )


def downgrade() -> None:
    op.drop_table("platform_sessions")
    with op.batch_alter_table("mentions") as batch:
        batch.drop_column("watchers")
        batch.drop_column("details")
        batch.drop_column("edited_at")
        batch.drop_column("visibility")
