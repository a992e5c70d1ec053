"""Local fakes for LinkedIn Pages, Facebook Pages and X, shaped from their API documentation.

No recordings of these APIs are available to us, so each fake follows the
documented request and response shapes and error bodies:

- Facebook Graph API v21.0: ``/{page}/feed``, ``/{page}/photos``, ``/{id}/comments``,
  ``/{id}``; errors ``{"error": {"message", "type", "code", "fbtrace_id"}}`` (an
  invalid token is ``OAuthException`` code 190 with HTTP 400 or 401).
- LinkedIn REST (``LinkedIn-Version`` header required): ``/rest/images?action=initializeUpload``,
  ``/rest/posts`` (201 + ``x-restli-id``), ``/rest/socialActions/{urn}/comments``;
  errors ``{"status", "serviceErrorCode", "code", "message"}``.
- X API v2: ``/2/media/upload``, ``/2/media/metadata``, ``/2/tweets``,
  ``/2/tweets/search/recent``, ``/2/tweets/{id}/quote_tweets``, ``/2/tweets/{id}``,
  ``/2/users/me``, ``/2/oauth2/token``; errors are problem JSON
  ``{"title", "detail", "type", "status"}``; a deleted tweet is a 200 with ``errors``.

Each fake has the same test helpers: ``creds``, ``handle``, ``reply``, ``edit``,
``delete``, ``fail``, ``posted``.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qs, unquote

from fakes.server import FakeAPI, Request, Response


def _now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _multipart(request: Request) -> dict[str, tuple[bytes, str]]:
    msg = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode() + request.body
    )
    out = {}
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        out[name] = (part.get_payload(decode=True) or b"", part.get_content_type())
    return out


class _Fake(FakeAPI):
    handle = ""

    def __init__(self) -> None:
        super().__init__()
        self.failures: list[tuple[str, int]] = []
        self.token = "tok-1"
        self.tokens = {self.token}
        self.images: dict[str, tuple[bytes, str]] = {}
        self._ids = itertools.count(1001)

    def fail(self, path_prefix: str, status: int) -> None:
        self.failures.append((path_prefix, status))

    def revoke(self) -> None:
        self.tokens.clear()

    def _serve(self, request: Request) -> Response:
        if request.path.startswith("/img/"):
            data, mime = self.images[request.path.rsplit("/", 1)[-1]]
            return Response(200, data, content_type=mime)
        for i, (prefix, status) in enumerate(self.failures):
            if request.path.startswith(prefix):
                del self.failures[i]
                return self.error(status)
        auth = request.headers.get("authorization", "").removeprefix("Bearer ")
        token = auth or (request.arg("access_token") or "")
        if token not in self.tokens and not self.open_path(request.path):
            return self.error(401)
        return self.serve(request)

    def open_path(self, path: str) -> bool:
        return False

    def error(self, status: int) -> Response:  # pragma: no cover - overridden
        raise NotImplementedError

    def serve(self, request: Request) -> Response:  # pragma: no cover - overridden
        raise NotImplementedError


class FakeFacebook(_Fake):
    handle = "104000000000001"

    def __init__(self) -> None:
        super().__init__()
        self.objects: dict[str, dict[str, Any]] = {}
        self.creds = {"access_token": self.token}

    def error(self, status: int) -> Response:
        body = {
            401: (
                "Error validating access token: The session has been invalidated.",
                "OAuthException",
                190,
            ),
            403: ("(#200) Permissions error", "OAuthException", 200),
            429: ("(#32) Page request limit reached", "OAuthException", 32),
            500: (
                "An unexpected error has occurred. Please retry your request later.",
                "OAuthException",
                2,
            ),
            404: (
                "Unsupported get request. Object with ID does not exist",
                "GraphMethodException",
                100,
            ),
        }.get(status, ("Invalid parameter", "OAuthException", 100))
        code = 400 if status == 404 else status
        return Response(
            code,
            {
                "error": {
                    "message": body[0],
                    "type": body[1],
                    "code": body[2],
                    "fbtrace_id": "AbCdEf",
                }
            },
        )

    def _new(self, kind: str, **fields: Any) -> str:
        oid = f"{self.handle}_{next(self._ids)}" if kind == "post" else str(next(self._ids))
        self.objects[oid] = {"id": oid, "kind": kind, "created_time": _now_iso(), **fields}
        return oid

    def reply(self, to_id: str, text: str, *, image: bytes | None = None, alt: str = "") -> str:
        media = None
        if image:
            key = str(next(self._ids))
            self.images[key] = (image, "image/png")
            media = {"media": {"image": {"src": f"{self.url}/img/{key}"}}, "description": alt}
        parent = to_id if self.objects[to_id]["kind"] == "comment" else None
        return self._new(
            "comment",
            message=text,
            on=to_id if parent is None else self.objects[to_id]["on"],
            parent=parent,
            attachment=media,
            author={"id": "7001", "name": "Jan de Vries"},
        )

    def edit(self, oid: str, text: str) -> None:
        self.objects[oid]["message"] = text

    def delete(self, oid: str) -> None:
        del self.objects[oid]

    def posted(self, oid: str) -> dict[str, Any]:
        return self.objects[oid]

    def _comment(self, c: dict[str, Any]) -> dict[str, Any]:
        out = {
            "id": c["id"],
            "from": c["author"],
            "message": c["message"],
            "created_time": c["created_time"],
            "permalink_url": f"https://www.facebook.com/{c['on']}?comment_id={c['id']}",
        }
        if c.get("parent"):
            out["parent"] = {"id": c["parent"]}
        if c.get("attachment"):
            out["attachment"] = c["attachment"]
        return out

    def serve(self, request: Request) -> Response:
        parts = request.path.strip("/").split("/")[1:]  # drop the version
        form = (
            parse_qs(request.body.decode("latin-1"))
            if request.method == "POST"
            and "multipart" not in request.headers.get("content-type", "")
            else {}
        )
        if request.method == "POST" and parts == [self.handle, "photos"]:
            files = _multipart(request)
            data = files["source"][0]
            alt = files.get("alt_text_custom", (b"", ""))[0].decode()
            return Response(200, {"id": self._new("photo", data=data, alt=alt)})
        if request.method == "POST" and parts == [self.handle, "feed"]:
            media = [
                json.loads(v[0])["media_fbid"]
                for k, v in sorted(form.items())
                if k.startswith("attached_media")
            ]
            return Response(
                200, {"id": self._new("post", message=form["message"][0], photos=media)}
            )
        if request.method == "POST" and len(parts) == 2 and parts[1] == "comments":
            target = self.objects.get(parts[0])
            if target is None:
                return self.error(404)
            on = parts[0] if target["kind"] == "post" else target["on"]
            oid = self._new(
                "comment",
                message=form["message"][0],
                on=on,
                author={"id": self.handle, "name": "Gemeente"},
                parent=parts[0] if target["kind"] == "comment" else None,
            )
            return Response(200, {"id": oid})
        if request.method == "GET" and len(parts) == 2 and parts[1] == "comments":
            if parts[0] not in self.objects:
                return self.error(404)
            data = [
                self._comment(c)
                for c in self.objects.values()
                if c["kind"] == "comment" and c["on"] == parts[0]
            ]
            return Response(
                200, {"data": data, "paging": {"cursors": {"before": "QVFI", "after": "QVFJ"}}}
            )
        if request.method == "GET" and len(parts) == 1:
            obj = self.objects.get(parts[0])
            if parts[0] == self.handle:
                return Response(200, {"id": self.handle, "name": "Gemeente Dijkstad"})
            if obj is None:
                return self.error(404)
            if obj["kind"] == "comment":
                return Response(200, self._comment(obj))
            return Response(
                200,
                {
                    "id": obj["id"],
                    "created_time": obj["created_time"],
                    "permalink_url": f"https://www.facebook.com/{obj['id']}",
                },
            )
        return self.error(400)


class FakeLinkedIn(_Fake):
    handle = "2414183"

    def __init__(self) -> None:
        super().__init__()
        self.posts: dict[str, dict[str, Any]] = {}
        self.comments: dict[str, dict[str, Any]] = {}
        self.creds = {"access_token": self.token}

    def error(self, status: int) -> Response:
        code, msg = {
            401: ("INVALID_ACCESS_TOKEN", "Invalid access token"),
            403: (
                "ACCESS_DENIED",
                "Not enough permissions to access: partnerApiPostsExternal.CREATE",
            ),
            404: ("NOT_FOUND", "Not Found"),
            429: (
                "TOO_MANY_REQUESTS",
                "Resource level throttle APPLICATION DAY limit for calls to this resource "
                "is reached.",
            ),
            500: ("INTERNAL_SERVER_ERROR", "Internal Server Error"),
        }.get(status, ("BAD_REQUEST", "Bad request"))
        return Response(
            status, {"status": status, "serviceErrorCode": 100, "code": code, "message": msg}
        )

    def open_path(self, path: str) -> bool:
        return path.startswith("/upload/")

    def reply(self, to_urn: str, text: str, *, image: bytes | None = None, alt: str = "") -> str:
        cid = str(next(self._ids))
        obj = to_urn if to_urn in self.posts else self.comments[to_urn]["object"]
        urn = f"urn:li:comment:({obj},{cid})"
        content = []
        if image:
            self.images[cid] = (image, "image/png")
            content = [{"type": "IMAGE", "url": f"{self.url}/img/{cid}"}]
        now = int(datetime.now(UTC).timestamp() * 1000)
        self.comments[urn] = {
            "id": cid,
            "commentUrn": urn,
            "object": obj,
            "actor": "urn:li:person:jA9x0",
            "message": {"text": text},
            "created": {"time": now, "actor": "urn:li:person:jA9x0"},
            "content": content,
            **({"parentComment": to_urn} if to_urn in self.comments else {}),
        }
        return urn

    def edit(self, urn: str, text: str) -> None:
        c = self.comments[urn]
        c["message"] = {"text": text}
        c["lastModified"] = {"time": int(datetime.now(UTC).timestamp() * 1000)}

    def delete(self, urn: str) -> None:
        del self.comments[urn]

    def posted(self, urn: str) -> dict[str, Any]:
        return self.posts[urn]

    def serve(self, request: Request) -> Response:
        if request.method == "PUT" and request.path.startswith("/upload/"):
            self.images[request.path.rsplit("/", 1)[-1]] = (request.body, "image/png")
            return Response(201, b"")
        if request.headers.get("linkedin-version") is None:
            return self.error(400)
        path = unquote(request.path)
        if request.method == "GET" and path.startswith("/rest/organizations/"):
            return Response(200, {"id": int(self.handle), "localizedName": "Gemeente Dijkstad"})
        if request.method == "POST" and path == "/rest/images":
            key = str(next(self._ids))
            return Response(
                200,
                {
                    "value": {
                        "uploadUrlExpiresAt": 1,
                        "uploadUrl": f"{self.url}/upload/{key}",
                        "image": f"urn:li:image:{key}",
                    }
                },
            )
        if request.method == "GET" and path.startswith("/rest/posts/"):
            urn = path.removeprefix("/rest/posts/")
            return (
                Response(200, {"id": urn, **self.posts[urn]})
                if urn in self.posts
                else self.error(404)
            )
        if request.method == "POST" and path == "/rest/posts":
            body = request.json()
            if body.get("author") != f"urn:li:organization:{self.handle}":
                return self.error(403)
            urn = f"urn:li:share:{next(self._ids)}"
            self.posts[urn] = body
            return Response(201, b"", headers={"x-restli-id": urn})
        if path.startswith("/rest/socialActions/") and "/comments" in path:
            obj, _, rest = path.removeprefix("/rest/socialActions/").partition("/comments")
            if request.method == "POST":
                body = request.json()
                self.reply(obj, body["message"]["text"])
                urn = list(self.comments)[-1]
                self.comments[urn]["actor"] = body["actor"]
                return Response(201, self.comments[urn])
            if rest:  # one comment
                found = [
                    c
                    for c in self.comments.values()
                    if c["object"] == obj and c["id"] == rest.strip("/")
                ]
                return Response(200, found[0]) if found else self.error(404)
            if obj not in self.posts and obj not in self.comments:
                return self.error(404)
            elements = []
            for c in self.comments.values():
                top = c["object"] == obj and "parentComment" not in c
                nested = c.get("parentComment") == obj
                if top or nested:
                    replies = sum(
                        1
                        for d in self.comments.values()
                        if d.get("parentComment") == c["commentUrn"]
                    )
                    elements.append({**c, "commentsSummary": {"aggregatedTotalComments": replies}})
            return Response(
                200,
                {
                    "paging": {"start": 0, "count": 100, "total": len(elements)},
                    "elements": elements,
                },
            )
        return self.error(404)


class FakeX(_Fake):
    handle = "@GemeenteDijkstad"

    def __init__(self) -> None:
        super().__init__()
        self.tweets: dict[str, dict[str, Any]] = {}
        self.gone: set[str] = set()
        self.media: dict[str, dict[str, Any]] = {}
        self.users = {
            "1500": {"id": "1500", "name": "Gemeente Dijkstad", "username": "GemeenteDijkstad"}
        }
        self.refresh_tokens = {"ref-1"}
        self.creds = {"access_token": self.token, "refresh_token": "ref-1", "client_id": "cid"}

    def open_path(self, path: str) -> bool:
        return path == "/2/oauth2/token"

    def error(self, status: int) -> Response:
        title = {
            401: "Unauthorized",
            403: "Forbidden",
            429: "Too Many Requests",
            500: "Internal Server Error",
        }.get(status, "Invalid Request")
        return Response(
            status, {"title": title, "detail": title, "type": "about:blank", "status": status}
        )

    def _tweet(
        self,
        author: str,
        text: str,
        *,
        reply_to: str | None = None,
        quote: str | None = None,
        media: list[str] | None = None,
    ) -> str:
        tid = str(1_800_000_000_000_000_000 + next(self._ids))
        refs = []
        if reply_to:
            refs.append({"type": "replied_to", "id": reply_to})
        if quote:
            refs.append({"type": "quoted", "id": quote})
        conv = self.tweets[reply_to]["conversation_id"] if reply_to else tid
        self.tweets[tid] = {
            "id": tid,
            "text": text,
            "author_id": author,
            "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "conversation_id": conv,
            "edit_history_tweet_ids": [tid],
            **({"referenced_tweets": refs} if refs else {}),
            **({"attachments": {"media_keys": media}} if media else {}),
        }
        return tid

    def reply(self, to_id: str, text: str, *, image: bytes | None = None, alt: str = "") -> str:
        self.users["2600"] = {"id": "2600", "name": "Jan de Vries", "username": "jandevries"}
        keys = None
        if image:
            key = f"3_{next(self._ids)}"
            self.images[key] = (image, "image/png")
            self.media[key] = {
                "media_key": key,
                "type": "photo",
                "url": f"{self.url}/img/{key}",
                "alt_text": alt,
            }
            keys = [key]
        return self._tweet("2600", text, reply_to=to_id, media=keys)

    def edit(self, tid: str, text: str) -> None:
        """An edit is a new tweet; the history keeps the original id first."""
        old = self.tweets.pop(tid)
        self.gone.add(tid)
        new_id = str(int(max(self.tweets, default=tid)) + 1000)
        self.tweets[new_id] = {
            **old,
            "id": new_id,
            "text": text,
            "edit_history_tweet_ids": [*old["edit_history_tweet_ids"], new_id],
        }
        self.edited = {tid: new_id}

    def delete(self, tid: str) -> None:
        for key, t in list(self.tweets.items()):
            if t["edit_history_tweet_ids"][0] == tid:
                del self.tweets[key]
                self.gone.add(key)
        self.gone.add(tid)

    def posted(self, tid: str) -> dict[str, Any]:
        return self.tweets[tid]

    def _page(self, tweets: list[dict[str, Any]]) -> dict[str, Any]:
        users = {t["author_id"] for t in tweets}
        keys = {k for t in tweets for k in (t.get("attachments") or {}).get("media_keys", [])}
        page: dict[str, Any] = {"data": tweets, "meta": {"result_count": len(tweets)}}
        if tweets:
            page["includes"] = {
                "users": [self.users[u] for u in users],
                "media": [self.media[k] for k in keys],
            }
        return page

    def serve(self, request: Request) -> Response:
        path = request.path
        if path == "/2/oauth2/token":
            form = parse_qs(request.body.decode())
            if form.get("refresh_token", [""])[0] not in self.refresh_tokens:
                return Response(
                    400,
                    {
                        "error": "invalid_request",
                        "error_description": "Value passed for the token was invalid.",
                    },
                )
            self.refresh_tokens.clear()
            new_access, new_refresh = f"tok-{next(self._ids)}", f"ref-{next(self._ids)}"
            self.tokens.add(new_access)
            self.refresh_tokens.add(new_refresh)
            return Response(
                200,
                {
                    "token_type": "bearer",
                    "expires_in": 7200,
                    "access_token": new_access,
                    "scope": "tweet.write",
                    "refresh_token": new_refresh,
                },
            )
        if path == "/2/users/me":
            return Response(200, {"data": self.users["1500"]})
        if path == "/2/media/upload":
            files = _multipart(request)
            key = f"3_{next(self._ids)}"
            mid = key.split("_")[1]
            self.images[key] = files["media"]
            self.media[key] = {"media_key": key, "type": "photo", "url": f"{self.url}/img/{key}"}
            return Response(
                200, {"data": {"id": mid, "media_key": key, "size": len(files["media"][0])}}
            )
        if path == "/2/media/metadata":
            body = request.json()
            self.media[f"3_{body['id']}"]["alt_text"] = body["metadata"]["alt_text"]["text"]
            return Response(200, {"data": {"associated_metadata": True}})
        if path == "/2/tweets" and request.method == "POST":
            body = request.json()
            reply = (body.get("reply") or {}).get("in_reply_to_tweet_id")
            if reply and reply not in self.tweets:
                return Response(
                    400,
                    {
                        "title": "Invalid Request",
                        "detail": "reply target not found",
                        "type": "about:blank",
                        "status": 400,
                    },
                )
            keys = [f"3_{m}" for m in (body.get("media") or {}).get("media_ids", [])]
            tid = self._tweet("1500", body["text"], reply_to=reply, media=keys or None)
            return Response(
                201, {"data": {"id": tid, "text": body["text"], "edit_history_tweet_ids": [tid]}}
            )
        if path == "/2/tweets/search/recent":
            conv = (request.arg("query") or "").removeprefix("conversation_id:")
            return Response(
                200,
                self._page(
                    [
                        t
                        for t in self.tweets.values()
                        if t["conversation_id"] == conv and t["id"] != conv
                    ]
                ),
            )
        if path.startswith("/2/tweets/") and path.endswith("/quote_tweets"):
            tid = path.split("/")[3]
            quotes = [
                t
                for t in self.tweets.values()
                if any(
                    r["type"] == "quoted" and r["id"] == tid for r in t.get("referenced_tweets", [])
                )
            ]
            return Response(200, self._page(quotes))
        if path.startswith("/2/tweets/"):
            tid = path.split("/")[3]
            current = [t for t in self.tweets.values() if tid in t["edit_history_tweet_ids"]]
            if not current:
                return Response(
                    200,
                    {
                        "errors": [
                            {
                                "value": tid,
                                "detail": f"Could not find tweet with id: [{tid}].",
                                "title": "Not Found Error",
                                "resource_type": "tweet",
                                "type": "https://api.twitter.com/2/problems/resource-not-found",
                            }
                        ]
                    },
                )
            page = self._page(current[:1])
            return Response(200, {**page, "data": current[0]})
        return self.error(400)
