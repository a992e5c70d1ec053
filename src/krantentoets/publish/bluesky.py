"""Bluesky through the ``atproto`` SDK: post (images with alt text, replies), read the thread.

Credentials: ``{"identifier": handle, "password": app password}`` (an *app
password*, made under Settings → Privacy and security → App passwords; never
the account's own password), and after the first login the SDK's ``session``
string. The access token lives minutes; the SDK refreshes it with the refresh
token (``com.atproto.server.refreshSession``) before it expires, and the new
session is stored again (encrypted). When the refresh token is refused, the
app password logs in again; when that is refused too (401), the account is
marked revoked.

Dialogue: the replies at any depth (``app.bsky.feed.getPostThread``) and the
quotes of our post (``app.bsky.notification.listNotifications``, reason
``quote``). Bluesky has no edit; a record rewritten with ``putRecord`` shows a
new text and is archived as an edit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from atproto import Client, models
from atproto_client.exceptions import (
    AtProtocolError,
    NetworkError,
    RequestErrorBase,
)

from krantentoets.publish.base import (
    Outgoing,
    PlatformError,
    Published,
    Remote,
    RemoteMedia,
    kind_for_status,
)

__all__ = ["BlueskyPublisher"]

PLATFORM = "bluesky"
DEFAULT_PDS = "https://bsky.social"
WEB = "https://bsky.app"
THREAD_DEPTH = 100
T = TypeVar("T")


def _call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    try:
        return fn(*args, **kwargs)
    except RequestErrorBase as exc:
        resp = exc.response
        if resp is None:
            raise PlatformError(PLATFORM, "network", None, str(exc)[:200]) from None
        content = resp.content
        error = getattr(content, "error", None)
        message = getattr(content, "message", None)
        kind = kind_for_status(resp.status_code)
        if error in ("NotFound", "RecordNotFound"):
            kind = "not-found"
        elif error in ("ExpiredToken", "InvalidToken", "AuthenticationRequired"):
            kind = "auth"
        reason = " ".join(x for x in (error, message) if x) or None
        raise PlatformError(PLATFORM, kind, resp.status_code, reason) from None
    except NetworkError as exc:  # pragma: no cover - subclass of RequestErrorBase
        raise PlatformError(PLATFORM, "network", None, str(exc)[:200]) from None
    except AtProtocolError as exc:
        raise PlatformError(
            PLATFORM, "invalid", None, str(exc)[:200] or type(exc).__name__
        ) from None


def _field(obj: Any, name: str) -> Any:
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def _time(value: Any) -> datetime:
    if isinstance(value, str) and value:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
    return datetime.now(UTC)


def web_url(handle: str, uri: str) -> str:
    return f"{WEB}/profile/{handle}/post/{uri.rsplit('/', 1)[-1]}"


def _remote(view: Any, kind: str, parent_uri: str | None) -> Remote:
    author = _field(view, "author")
    record = _field(view, "record")
    embed = _field(view, "embed")
    images = _field(embed, "images") or []
    handle = str(_field(author, "handle"))
    return Remote(
        platform_id=str(_field(view, "uri")),
        kind=kind,
        author_handle="@" + handle,
        author_name=_field(author, "display_name") or _field(author, "displayName") or None,
        text=str(_field(record, "text") or ""),
        created_at=_time(_field(record, "created_at") or _field(record, "createdAt")),
        url=web_url(handle, str(_field(view, "uri"))),
        in_reply_to_id=parent_uri,
        media=tuple(
            RemoteMedia(url=str(_field(i, "fullsize")), alt=_field(i, "alt") or None)
            for i in images
        ),
    )


class BlueskyPublisher:
    platform = PLATFORM

    def __init__(self, instance: str | None, credentials: dict[str, Any]) -> None:
        self.creds = dict(credentials)
        if not (
            self.creds.get("session")
            or (self.creds.get("identifier") and self.creds.get("password"))
        ):
            raise PlatformError(PLATFORM, "auth", None, "geen app-wachtwoord of sessie")
        self.client = Client(base_url=instance or DEFAULT_PDS)
        self._fresh: dict[str, Any] | None = None
        self._ready = False
        self.client.on_session_change(self._session_changed)

    def _session_changed(self, event: Any, session: Any) -> None:
        self._fresh = {**self.creds, "session": session.export()}
        self.creds = self._fresh

    def credentials(self) -> dict[str, Any] | None:
        return self._fresh

    def _login(self) -> None:
        if self._ready:
            return
        if self.creds.get("session"):
            try:
                _call(
                    self.client.login,
                    session_string=self.creds["session"],
                    fetch_bsky_profile=True,
                )
                self._ready = True
                return
            except PlatformError as exc:
                if exc.kind != "auth" or not self.creds.get("password"):
                    raise
        _call(
            self.client.login,
            self.creds["identifier"],
            self.creds["password"],
            fetch_bsky_profile=True,
        )
        self._ready = True

    @property
    def handle(self) -> str:
        me = self.client.me
        if me is None:
            raise PlatformError(PLATFORM, "auth", None, "niet ingelogd")
        return str(me.handle)

    def whoami(self) -> str:
        self._login()
        return "@" + self.handle

    def _strong_ref(self, uri: str) -> tuple[Any, Any]:
        """(parent ref, root ref) of the post at ``uri``."""
        thread = _call(self.client.get_post_thread, uri, depth=0, parent_height=0).thread
        post = _field(thread, "post")
        if post is None:
            raise PlatformError(PLATFORM, "not-found", None, f"bericht {uri} niet gevonden")
        parent = models.create_strong_ref(post)
        reply = _field(_field(post, "record"), "reply")
        root = (
            models.ComAtprotoRepoStrongRef.Main(
                uri=_field(_field(reply, "root"), "uri"), cid=_field(_field(reply, "root"), "cid")
            )
            if reply
            else parent
        )
        return parent, root

    def _reply_uri(self, post: Outgoing) -> str | None:
        target = post.reply_to
        if target is None:
            return None
        if target.platform_id:
            return target.platform_id
        url = target.url or ""
        if url.startswith("at://"):
            return url
        # https://bsky.app/profile/<handle or did>/post/<rkey>
        parts = url.rstrip("/").split("/")
        if len(parts) < 4 or parts[-2] != "post" or parts[-4] != "profile":
            raise PlatformError(PLATFORM, "invalid", None, f"geen Bluesky-bericht: {url}")
        actor, rkey = parts[-3], parts[-1]
        if not actor.startswith("did:"):
            actor = _call(self.client.resolve_handle, actor).did
        return f"at://{actor}/app.bsky.feed.post/{rkey}"

    def publish(self, post: Outgoing) -> Published:
        self._login()
        reply_ref = None
        reply_uri = self._reply_uri(post)
        if reply_uri:
            parent, root = self._strong_ref(reply_uri)
            reply_ref = models.AppBskyFeedPost.ReplyRef(parent=parent, root=root)
        if post.media:
            created = _call(
                self.client.send_images,
                post.text,
                images=[m.data for m in post.media],
                image_alts=[m.alt for m in post.media],
                reply_to=reply_ref,
                langs=["nl"],
            )
        else:
            created = _call(self.client.send_post, post.text, reply_to=reply_ref, langs=["nl"])
        return Published(
            platform_id=created.uri,
            url=web_url(self.handle, created.uri),
            published_at=datetime.now(UTC).replace(microsecond=0),
            ref={"cid": created.cid},
        )

    def _walk(self, node: Any, parent_uri: str, out: list[Remote]) -> None:
        for child in _field(node, "replies") or []:
            view = _field(child, "post")
            if view is None:  # blocked or not found
                continue
            out.append(_remote(view, "reply", parent_uri))
            self._walk(child, str(_field(view, "uri")), out)

    def dialogue(self, platform_id: str, ref: dict[str, Any]) -> list[Remote]:
        self._login()
        thread = _call(self.client.get_post_thread, platform_id, depth=THREAD_DEPTH).thread
        if _field(thread, "post") is None:
            raise PlatformError(PLATFORM, "not-found", None, "NotFound")
        found: list[Remote] = []
        self._walk(thread, platform_id, found)
        seen = {r.platform_id for r in found}
        notes = _call(self.client.app.bsky.notification.list_notifications, {"limit": 100})
        url = ref.get("url") or ""
        for n in notes.notifications:
            if n.uri in seen:
                continue
            quote = n.reason == "quote" and n.reason_subject == platform_id
            text = str(_field(n.record, "text") or "")
            mention = n.reason == "mention" and bool(url) and url in text
            if not (quote or mention):
                continue
            view = {
                "uri": n.uri,
                "author": n.author,
                "record": n.record,
                "embed": None,
            }
            found.append(_remote(view, "quote" if quote else "mention", None))
            seen.add(n.uri)
        return found

    def fetch(self, platform_id: str) -> Remote | None:
        self._login()
        try:
            thread = _call(self.client.get_post_thread, platform_id, depth=0).thread
        except PlatformError as exc:
            if exc.kind == "not-found":
                return None
            raise
        view = _field(thread, "post")
        return None if view is None else _remote(view, "reply", None)
