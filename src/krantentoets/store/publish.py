"""Connected accounts, publications and captured dialogue (revision 0007).

- ``publish_accounts``: the organisation's accounts per platform, who may post
  for each (roles and users), the credentials encrypted with the
  installation's secret (or the name of an environment variable holding them),
  when they expire and whether the platform still accepts them.
- ``publish_posts``: one row per publication. ``claim_key`` is unique
  (``request-<id>`` for an alignment request, ``draft-<key>`` for a checked
  draft): the database, not the application, decides which of two
  simultaneous publishes goes ahead. ``status`` is ``pending`` (being posted),
  ``failed`` (the platform refused: may be retried), ``posted`` (online, not
  yet archived: a retry archives without posting again) or ``archived``.
- ``publish_media``: the images of a publication with alt text and SHA-256; the
  bytes themselves are kept content-addressed in the data folder.
- ``capture_items``: every reply, quote or mention captured for a
  publication, keyed by platform and platform id, with the hash of the last
  archived version: an edit or a deletion is noticed and archived as a new record.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from krantentoets.store.base import Base, utcnow

__all__ = ["CaptureItem", "PublishAccount", "PublishMedia", "PublishPost"]


class PublishAccount(Base):
    __tablename__ = "publish_accounts"
    __table_args__ = (UniqueConstraint("platform", "handle"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    #: ``@gemeente`` on a Mastodon instance, a Bluesky handle, a page id, ...
    handle: Mapped[str] = mapped_column(String(300))
    #: Base URL of the server (Mastodon instance, Bluesky PDS); ``None``: the platform's own.
    instance: Mapped[str | None] = mapped_column(String(300))
    label: Mapped[str | None] = mapped_column(String(200))
    allowed_roles: Mapped[list[str]] = mapped_column(default=list)
    allowed_users: Mapped[list[str]] = mapped_column(default=list)
    #: Fernet token (see :mod:`krantentoets.publish.credentials`); never shown again.
    credentials: Mapped[str | None] = mapped_column(Text)
    #: Or: the name of an environment variable that holds the credentials (JSON).
    credentials_env: Mapped[str | None] = mapped_column(String(100))
    expires_at: Mapped[datetime | None] = mapped_column()
    #: active, revoked (the platform refused the token), removed.
    status: Mapped[str] = mapped_column(String(20), default="active")
    status_message: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))


class PublishPost(Base):
    __tablename__ = "publish_posts"
    __table_args__ = (Index(None, "status"), Index(None, "account_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_key: Mapped[str] = mapped_column(String(200), unique=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("workflow_requests.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("publish_accounts.id"))
    platform: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200))
    report: Mapped[dict[str, Any] | None] = mapped_column()
    reply_to_url: Mapped[str | None] = mapped_column(Text)
    #: The inbox item this post answers: marked handled, with a link to the reply.
    mention_id: Mapped[int | None] = mapped_column(Integer)
    platform_id: Mapped[str | None] = mapped_column(String(300))
    #: Bluesky needs the content id (cid) besides the uri to reply to a post.
    platform_ref: Mapped[dict[str, Any] | None] = mapped_column()
    url: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column()
    record_id: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    captured_at: Mapped[datetime | None] = mapped_column()
    capture_error: Mapped[str | None] = mapped_column(Text)
    #: Hash of our post as the platform first showed it, and how many versions are archived:
    #: an edit of our own post on the platform becomes a new record too.
    content_hash: Mapped[str | None] = mapped_column(String(64))
    versions: Mapped[int] = mapped_column(Integer, default=1)
    #: Set when the post itself was found deleted on the platform (archived once).
    deleted_at: Mapped[datetime | None] = mapped_column()


class PublishMedia(Base):
    __tablename__ = "publish_media"
    __table_args__ = (Index(None, "post_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("publish_posts.id"))
    position: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(300))
    mime_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    alt: Mapped[str] = mapped_column(Text)


class CaptureItem(Base):
    __tablename__ = "capture_items"
    __table_args__ = (UniqueConstraint("platform", "platform_id"), Index(None, "post_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("publish_posts.id"))
    platform: Mapped[str] = mapped_column(String(20))
    platform_id: Mapped[str] = mapped_column(String(300))
    #: reply, quote or mention.
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    #: The archive record of the latest version (the first record is ``first_record_id``).
    first_record_id: Mapped[str] = mapped_column(String(200))
    record_id: Mapped[str] = mapped_column(String(200))
    versions: Mapped[int] = mapped_column(Integer, default=1)
    deleted: Mapped[bool] = mapped_column(default=False)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
