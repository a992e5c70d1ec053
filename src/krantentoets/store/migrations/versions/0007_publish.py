"""Publishing: connected accounts, publications, their media and the captured dialogue.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "publish_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("handle", sa.String(length=300), nullable=False),
        sa.Column("instance", sa.String(length=300), nullable=True),
        sa.Column("label", sa.String(length=200), nullable=True),
        sa.Column("allowed_roles", sa.JSON(), nullable=False),
        sa.Column("allowed_users", sa.JSON(), nullable=False),
        sa.Column("credentials", sa.Text(), nullable=True),
        sa.Column("credentials_env", sa.String(length=100), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_message", sa.Text(), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publish_accounts")),
        sa.UniqueConstraint("platform", "handle", name=op.f("uq_publish_accounts_platform_handle")),
    )
    op.create_table(
        "publish_posts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_key", sa.String(length=200), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("report", sa.JSON(), nullable=True),
        sa.Column("reply_to_url", sa.Text(), nullable=True),
        sa.Column("mention_id", sa.Integer(), nullable=True),
        sa.Column("platform_id", sa.String(length=300), nullable=True),
        sa.Column("platform_ref", sa.JSON(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("record_id", sa.String(length=200), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("captured_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("capture_error", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("versions", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["publish_accounts.id"],
            name=op.f("fk_publish_posts_account_id_publish_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["workflow_requests.id"],
            name=op.f("fk_publish_posts_request_id_workflow_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publish_posts")),
        sa.UniqueConstraint("claim_key", name=op.f("uq_publish_posts_claim_key")),
    )
    with op.batch_alter_table("publish_posts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_publish_posts_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_publish_posts_status"), ["status"], unique=False)

    op.create_table(
        "capture_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("platform_id", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("first_record_id", sa.String(length=200), nullable=False),
        sa.Column("record_id", sa.String(length=200), nullable=False),
        sa.Column("versions", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"], ["publish_posts.id"], name=op.f("fk_capture_items_post_id_publish_posts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_capture_items")),
        sa.UniqueConstraint(
            "platform", "platform_id", name=op.f("uq_capture_items_platform_platform_id")
        ),
    )
    with op.batch_alter_table("capture_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_capture_items_post_id"), ["post_id"], unique=False)

    op.create_table(
        "publish_media",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("mime_type", sa.String(length=100), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("alt", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"], ["publish_posts.id"], name=op.f("fk_publish_media_post_id_publish_posts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publish_media")),
    )
    with op.batch_alter_table("publish_media", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_publish_media_post_id"), ["post_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("publish_media", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publish_media_post_id"))

    op.drop_table("publish_media")
    with op.batch_alter_table("capture_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_capture_items_post_id"))

    op.drop_table("capture_items")
    with op.batch_alter_table("publish_posts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publish_posts_status"))
        batch_op.drop_index(batch_op.f("ix_publish_posts_account_id"))

    op.drop_table("publish_posts")
    op.drop_table("publish_accounts")
