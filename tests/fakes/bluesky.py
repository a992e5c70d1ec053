"""A local Bluesky PDS/AppView speaking XRPC, shaped by the lexicons it answers for.

Endpoints (request and response shapes from the atproto lexicons):
``com.atproto.server.createSession`` / ``refreshSession``,
``com.atproto.identity.resolveHandle``, ``com.atproto.repo.uploadBlob`` /
``createRecord``, ``app.bsky.feed.getPostThread`` and
``app.bsky.notification.listNotifications``; errors are XRPC error objects
``{"error": ..., "message": ...}`` with the status codes the PDS uses (400
``NotFound``, 401 ``AuthenticationRequired``/``ExpiredToken``, 429
``RateLimitExceeded``, 500 ``InternalServerError``). Citizens' actions are
helper methods; failures are injected with :meth:`fail`.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import time
from datetime import UTC, datetime
from typing import Any

from fakes.server import FakeAPI, Request, Response

ERRORS = {
    400: ("InvalidRequest", "Input/record is invalid"),
    401: ("AuthenticationRequired", "Authentication Required"),
    403: ("Forbidden", "This action is not allowed"),
    429: ("RateLimitExceeded", "Rate Limit Exceeded"),
    500: ("InternalServerError", "Internal Server Error"),
}


def cid(data: bytes) -> str:
    """A CIDv1 (dag-cbor, sha-256) in base32, as the PDS gives."""
    raw = bytes([0x01, 0x71, 0x12, 0x20]) + hashlib.sha256(data).digest()
    return "b" + base64.b32encode(raw).decode().lower().rstrip("=")


def did(handle: str) -> str:
    return (
        "did:plc:"
        + base64.b32encode(hashlib.sha256(handle.encode()).digest()).decode().lower()[:24]
    )


def _b64(obj: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


def jwt(sub: str, scope: str, lifetime: int) -> str:
    now = int(time.time())
    header = _b64({"typ": "at+jwt", "alg": "ES256K"})
    body = _b64(
        {"scope": scope, "sub": sub, "iat": now, "exp": now + lifetime, "aud": "did:web:pds"}
    )
    return f"{header}.{body}.c2lnbmF0dXJl"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class FakeBluesky(FakeAPI):
    def __init__(
        self, handle: str = "gemeentedijkstad.bsky.social", password: str = "app-pass-1234"
    ) -> None:
        super().__init__()
        self.handle, self.password = handle, password
        self.did = did(handle)
        self.profiles: dict[str, dict[str, Any]] = {
            self.did: {"did": self.did, "handle": handle, "displayName": "Gemeente Dijkstad"}
        }
        self.posts: dict[
            str, dict[str, Any]
        ] = {}  # uri -> {"record", "cid", "author", "indexedAt"}
        self.blobs: dict[str, tuple[bytes, str]] = {}
        self.notifications: list[dict[str, Any]] = []
        self.access: set[str] = set()
        self.refresh: set[str] = set()
        self.failures: list[tuple[str, int]] = []
        self.access_lifetime = 7200
        self.password_valid = True
        self._rkeys = itertools.count(1)

    def calls(self, nsid: str) -> list[Request]:
        return [r for r in self.requests if r.path == f"/xrpc/{nsid}"]

    # -- citizens ----------------------------------------------------------------------

    def _create(self, author: str, record: dict[str, Any]) -> str:
        rkey = f"3l{next(self._rkeys):011d}"
        uri = f"at://{author}/app.bsky.feed.post/{rkey}"
        data = json.dumps(record, sort_keys=True).encode()
        self.posts[uri] = {
            "record": record,
            "cid": cid(data),
            "author": author,
            "indexedAt": _now(),
        }
        return uri

    def citizen(self, handle: str, name: str) -> str:
        d = did(handle)
        self.profiles[d] = {"did": d, "handle": handle, "displayName": name}
        return d

    def reply(
        self,
        to_uri: str,
        text: str,
        *,
        handle: str = "jan.bsky.social",
        name: str = "Jan de Vries",
        image: bytes | None = None,
        alt: str = "",
    ) -> str:
        author = self.citizen(handle, name)
        parent = self.posts[to_uri]
        root = parent["record"].get("reply", {}).get("root") or {
            "uri": to_uri,
            "cid": parent["cid"],
        }
        record: dict[str, Any] = {
            "$type": "app.bsky.feed.post",
            "text": text,
            "createdAt": _now(),
            "reply": {"root": root, "parent": {"uri": to_uri, "cid": parent["cid"]}},
        }
        if image:
            ref = cid(image)
            self.blobs[ref] = (image, "image/png")
            record["embed"] = {
                "$type": "app.bsky.embed.images",
                "images": [{"alt": alt, "image": self._blob(ref, image, "image/png")}],
            }
        uri = self._create(author, record)
        if parent["author"] == self.did:
            self._notify("reply", uri, to_uri)
        return uri

    def quote(self, of_uri: str, text: str, *, handle: str, name: str) -> str:
        author = self.citizen(handle, name)
        record = {
            "$type": "app.bsky.feed.post",
            "text": text,
            "createdAt": _now(),
            "embed": {
                "$type": "app.bsky.embed.record",
                "record": {"uri": of_uri, "cid": self.posts[of_uri]["cid"]},
            },
        }
        uri = self._create(author, record)
        self._notify("quote", uri, of_uri)
        return uri

    def mention(self, text: str, *, handle: str, name: str) -> str:
        """A post that mentions the organisation (with a link in the text)."""
        author = self.citizen(handle, name)
        record = {"$type": "app.bsky.feed.post", "text": text, "createdAt": _now()}
        uri = self._create(author, record)
        self._notify("mention", uri, None)
        return uri

    def edit(self, uri: str, text: str) -> None:
        """What ``com.atproto.repo.putRecord`` does: the same uri, a new record and cid."""
        post = self.posts[uri]
        post["record"] = {**post["record"], "text": text}
        post["cid"] = cid(json.dumps(post["record"], sort_keys=True).encode())

    def delete(self, uri: str) -> None:
        del self.posts[uri]

    def revoke(self) -> None:
        """The app password is revoked: tokens and the password stop working."""
        self.access.clear()
        self.refresh.clear()
        self.password_valid = False

    def fail(self, nsid: str, status: int) -> None:
        self.failures.append((nsid, status))

    # -- views (app.bsky.feed.defs) ------------------------------------------------------

    def _blob(self, ref: str, data: bytes, mime: str) -> dict[str, Any]:
        return {"$type": "blob", "ref": {"$link": ref}, "mimeType": mime, "size": len(data)}

    def _notify(self, reason: str, uri: str, subject: str | None) -> None:
        post = self.posts[uri]
        self.notifications.insert(
            0,
            {
                "uri": uri,
                "cid": post["cid"],
                "author": self._author(post["author"]),
                "reason": reason,
                **({"reasonSubject": subject} if subject else {}),
                "record": post["record"],
                "isRead": False,
                "indexedAt": post["indexedAt"],
                "labels": [],
            },
        )

    def _author(self, d: str) -> dict[str, Any]:
        p = self.profiles[d]
        return {"did": d, "handle": p["handle"], "displayName": p["displayName"], "labels": []}

    def _view(self, uri: str) -> dict[str, Any]:
        post = self.posts[uri]
        view: dict[str, Any] = {
            "$type": "app.bsky.feed.defs#postView",
            "uri": uri,
            "cid": post["cid"],
            "author": self._author(post["author"]),
            "record": post["record"],
            "replyCount": sum(
                1
                for p in self.posts.values()
                if p["record"].get("reply", {}).get("parent", {}).get("uri") == uri
            ),
            "repostCount": 0,
            "likeCount": 0,
            "indexedAt": post["indexedAt"],
            "labels": [],
        }
        embed = post["record"].get("embed")
        if embed and embed["$type"] == "app.bsky.embed.images":
            author = post["author"]
            view["embed"] = {
                "$type": "app.bsky.embed.images#view",
                "images": [
                    {
                        "thumb": f"{self.url}/img/{author}/{i['image']['ref']['$link']}",
                        "fullsize": f"{self.url}/img/{author}/{i['image']['ref']['$link']}",
                        "alt": i["alt"],
                    }
                    for i in embed["images"]
                ],
            }
        return view

    def _thread(self, uri: str, depth: int) -> dict[str, Any]:
        node: dict[str, Any] = {
            "$type": "app.bsky.feed.defs#threadViewPost",
            "post": self._view(uri),
        }
        if depth > 0:
            node["replies"] = [
                self._thread(u, depth - 1)
                for u, p in self.posts.items()
                if p["record"].get("reply", {}).get("parent", {}).get("uri") == uri
            ]
        return node

    # -- answering ---------------------------------------------------------------------

    def _error(self, status: int, error: str | None = None, message: str | None = None) -> Response:
        e, m = ERRORS.get(status, ("InternalServerError", "Internal Server Error"))
        return Response(status, {"error": error or e, "message": message or m})

    def _session(self) -> dict[str, Any]:
        access = jwt(self.did, "com.atproto.appPass", self.access_lifetime)
        refresh = jwt(self.did, "com.atproto.refresh", 90 * 86400)
        self.access.add(access)
        self.refresh.add(refresh)
        return {
            "accessJwt": access,
            "refreshJwt": refresh,
            "handle": self.handle,
            "did": self.did,
            "active": True,
        }

    def _serve(self, request: Request) -> Response:
        if request.path.startswith("/img/"):
            ref = request.path.rsplit("/", 1)[-1]
            if ref not in self.blobs:
                return self._error(400, "BlobNotFound", "Blob not found")
            return Response(200, self.blobs[ref][0], content_type=self.blobs[ref][1])
        nsid = request.path.removeprefix("/xrpc/")
        for i, (name, status) in enumerate(self.failures):
            if name == nsid:
                del self.failures[i]
                return self._error(status)
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if nsid == "com.atproto.server.createSession":
            body = request.json()
            if (
                body.get("identifier") not in (self.handle, self.did)
                or body.get("password") != self.password
                or not self.password_valid
            ):
                return self._error(401, "AuthenticationRequired", "Invalid identifier or password")
            return Response(200, self._session())
        if nsid == "com.atproto.server.refreshSession":
            if token not in self.refresh:
                return self._error(400, "ExpiredToken", "Token has been revoked")
            self.refresh.discard(token)
            return Response(200, self._session())
        if nsid == "com.atproto.identity.resolveHandle":
            handle = request.arg("handle")
            found = [d for d, p in self.profiles.items() if p["handle"] == handle]
            return (
                Response(200, {"did": found[0]})
                if found
                else self._error(400, "InvalidRequest", "Unable to resolve handle")
            )
        if token not in self.access:
            return self._error(401, "InvalidToken", "Token could not be verified")
        if nsid == "app.bsky.actor.getProfile":
            actor = request.arg("actor")
            found = [d for d, p in self.profiles.items() if actor in (d, p["handle"])]
            if not found:
                return self._error(400, "InvalidRequest", "Profile not found")
            return Response(200, {**self._author(found[0]), "followersCount": 0, "postsCount": 0})
        if nsid == "com.atproto.repo.uploadBlob":
            ref = cid(request.body)
            mime = request.headers.get("content-type", "application/octet-stream")
            self.blobs[ref] = (request.body, mime)
            return Response(200, {"blob": self._blob(ref, request.body, mime)})
        if nsid == "com.atproto.repo.createRecord":
            body = request.json()
            if body.get("repo") != self.did or body.get("collection") != "app.bsky.feed.post":
                return self._error(400)
            uri = self._create(self.did, body["record"])
            return Response(
                200, {"uri": uri, "cid": self.posts[uri]["cid"], "validationStatus": "valid"}
            )
        if nsid == "app.bsky.feed.getPostThread":
            uri = request.arg("uri") or ""
            if uri not in self.posts:
                return self._error(400, "NotFound", f"Post not found: {uri}")
            return Response(200, {"thread": self._thread(uri, int(request.arg("depth") or 6))})
        if nsid == "app.bsky.notification.listNotifications":
            live = [n for n in self.notifications if n["uri"] in self.posts]
            return Response(200, {"notifications": live, "seenAt": _now()})
        return self._error(400, "MethodNotImplemented", f"Method Not Implemented: {nsid}")
