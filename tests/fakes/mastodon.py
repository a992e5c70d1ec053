"""A local Mastodon server that answers as the real API does, built from recorded cassettes.

``../shared/data/platform_samples/mastodon/cassettes`` holds real interactions
recorded by Mastodon.py's test suite against a Mastodon 4.5 server (MIT). Every
response this fake gives is a *recorded* response: the recorded status code,
headers (rate-limit headers included) and JSON body, with only the fields that
carry state (ids, text, author, reply target, media, edit time, URLs) replaced
by this server's own state. So a status has exactly the keys, types and nesting
a real server sends, an unknown status gets the recorded 404 body, a bad token
the recorded 401 body.

State changes that citizens make on the platform (a reply, a quote, an edit, a
deletion) are helper methods; failures are injected with :meth:`fail`.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import yaml

from fakes.server import FakeAPI, Request, Response

CASSETTES = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "data"
    / "platform_samples"
    / "mastodon"
    / "cassettes"
)
_ID = re.compile(r"/\d{6,}(?=/|$)")
_SKIP_HEADERS = {
    "content-length",
    "content-type",
    "transfer-encoding",
    "content-encoding",
    "date",
    "server",
}
_STATUS_TEXT = {401: "Unauthorized", 403: "Forbidden", 429: "Too Many Requests"}


@dataclass(frozen=True)
class Recorded:
    status: int
    headers: dict[str, str]
    body: Any


def _template(path: str) -> str:
    return _ID.sub("/{id}", urlsplit(path).path)


@cache
def recorded(cassette: str, method: str, path: str, status: int = 200) -> Recorded:
    """The first recorded response to ``method path`` (ids as ``{id}``) with ``status``."""
    data = yaml.safe_load((CASSETTES / cassette).read_text(encoding="utf-8"))
    for item in data["interactions"]:
        req, resp = item["request"], item["response"]
        if req["method"] != method or _template(urlsplit(req["uri"]).path) != path:
            continue
        if resp["status"]["code"] != status:
            continue
        body = resp["body"]["string"]
        if isinstance(body, bytes):
            body = body.decode("utf-8")
        headers = {k: v[0] for k, v in resp["headers"].items() if k.lower() not in _SKIP_HEADERS}
        return Recorded(status, headers, json.loads(body) if body else None)
    raise LookupError(f"{cassette}: no recorded {status} for {method} {path}")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + "000Z"


class FakeMastodon(FakeAPI):
    """``with FakeMastodon() as m: m.url``; the organisation's token is ``m.token``."""

    def __init__(self, handle: str = "gemeente_dijkstad") -> None:
        super().__init__()
        self.token = "org-token-1"
        self.valid_tokens = {self.token}
        self.statuses: dict[str, dict[str, Any]] = {}
        self.deleted: set[str] = set()
        self.history: dict[str, list[dict[str, Any]]] = {}
        self.media: dict[str, dict[str, Any]] = {}
        self.media_bytes: dict[str, bytes] = {}
        self.failures: list[tuple[str, str, int, int]] = []  # method, path prefix, status, times
        self.apps: dict[str, str] = {}
        self.notifications: list[tuple[dict[str, Any], str]] = []
        self.codes: dict[str, str] = {}
        self._ids = itertools.count(117100000000000001)
        self.org = self._account(handle, "Gemeente Dijkstad")
        self.accounts: dict[str, dict[str, Any]] = {handle: self.org}

    # -- building recorded shapes ----------------------------------------------------

    def _next_id(self) -> str:
        return str(next(self._ids))

    def _account(self, username: str, display_name: str) -> dict[str, Any]:
        acc = copy.deepcopy(
            recorded(
                "test_verify_credentials.yaml", "GET", "/api/v1/accounts/verify_credentials"
            ).body
        )
        acc.pop("source", None)
        acc.pop("role", None)
        acc_id = self._next_id()
        base = "{base}"
        acc.update(
            id=acc_id,
            username=username,
            acct=username,
            display_name=display_name,
            url=f"{base}/@{username}",
            uri=f"{base}/ap/users/{acc_id}",
        )
        return acc

    def citizen(self, username: str, display_name: str) -> dict[str, Any]:
        if username not in self.accounts:
            self.accounts[username] = self._account(username, display_name)
        return self.accounts[username]

    def _fill(self, obj: Any) -> Any:
        """Replace the ``{base}`` placeholder by this server's URL, everywhere."""
        text = json.dumps(obj).replace("{base}", self.url)
        return json.loads(text)

    def _status(
        self,
        account: dict[str, Any],
        text: str,
        *,
        in_reply_to: str | None = None,
        media_ids: list[str] | None = None,
        quote_of: str | None = None,
    ) -> dict[str, Any]:
        st = copy.deepcopy(recorded("test_status_reply.yaml", "POST", "/api/v1/statuses").body)
        sid = self._next_id()
        parent = self.statuses.get(in_reply_to or "")
        st.update(
            id=sid,
            created_at=_now(),
            in_reply_to_id=in_reply_to,
            in_reply_to_account_id=parent["account"]["id"] if parent else None,
            language="nl",
            uri=f"{{base}}/ap/users/{account['id']}/statuses/{sid}",
            url=f"{{base}}/@{account['username']}/{sid}",
            content="".join(f"<p>{line}</p>" for line in text.split("\n\n")),
            account=copy.deepcopy(account),
            media_attachments=[self.media[m] for m in media_ids or ()],
            edited_at=None,
        )
        if quote_of:
            st["quote"] = {"state": "accepted", "quoted_status": None}
            st["_quote_of"] = quote_of
        self.statuses[sid] = st
        self.history[sid] = [self._edit_entry(st)]
        if parent:
            parent["replies_count"] += 1
        return st

    @staticmethod
    def _edit_entry(st: dict[str, Any]) -> dict[str, Any]:
        return {
            k: copy.deepcopy(st[k])
            for k in ("content", "spoiler_text", "sensitive", "created_at", "account")
        } | {"media_attachments": copy.deepcopy(st["media_attachments"]), "emojis": []}

    def _upload(self, data: bytes, description: str | None, mime: str) -> dict[str, Any]:
        media = copy.deepcopy(recorded("test_media_post_file.yaml", "POST", "/api/v2/media").body)
        mid = self._next_id()
        ext = "png" if mime == "image/png" else "jpg"
        media.update(
            id=mid,
            url=f"{{base}}/system/media_attachments/{mid}/original.{ext}",
            preview_url=f"{{base}}/system/media_attachments/{mid}/small.{ext}",
            description=description,
        )
        self.media[mid] = media
        self.media_bytes[mid] = data
        return media

    # -- what citizens do on the platform ---------------------------------------------

    def reply(
        self,
        to_id: str,
        text: str,
        *,
        username: str = "jan_inwoner",
        display_name: str = "Jan de Vries",
        image: bytes | None = None,
        alt: str | None = None,
    ) -> str:
        media = [self._upload(image, alt, "image/png")["id"]] if image else None
        acc = self.citizen(username, display_name)
        return self._status(acc, text, in_reply_to=to_id, media_ids=media)["id"]

    def quote(self, of_id: str, text: str, *, username: str, display_name: str) -> str:
        acc = self.citizen(username, display_name)
        return self._status(acc, text, quote_of=of_id)["id"]

    def mention(self, text: str, *, username: str, display_name: str) -> str:
        """A citizen's post mentioning the organisation (it notifies the organisation)."""
        acc = self.citizen(username, display_name)
        sid = self._status(acc, text)["id"]
        note = copy.deepcopy(
            recorded("test_notifications.yaml", "GET", "/api/v1/notifications").body[0]
        )
        note.update(id=str(len(self.notifications) + 1), type="mention", account=acc)
        note["group_key"] = f"ungrouped-{note['id']}"
        self.notifications.insert(0, (note, sid))
        return sid

    def edit(self, status_id: str, text: str) -> None:
        st = self.statuses[status_id]
        st["content"] = "".join(f"<p>{line}</p>" for line in text.split("\n\n"))
        st["edited_at"] = _now()
        self.history[status_id].append(self._edit_entry(st) | {"created_at": st["edited_at"]})

    def delete(self, status_id: str) -> None:
        self.statuses.pop(status_id)
        self.deleted.add(status_id)

    def revoke(self, token: str | None = None) -> None:
        self.valid_tokens.discard(token or self.token)

    def fail(self, method: str, path_prefix: str, status: int, times: int = 1) -> None:
        """The next ``times`` requests ``method path_prefix...`` answer ``status``."""
        self.failures.append((method, path_prefix, status, times))

    # -- answering -----------------------------------------------------------------

    def _recorded(
        self, rec: Recorded, body: Any | None = None, status: int | None = None
    ) -> Response:
        return Response(
            status or rec.status,
            self._fill(rec.body if body is None else body),
            headers=dict(rec.headers),
            content_type="application/json; charset=utf-8",
        )

    def _error(self, status: int) -> Response:
        if status == 401:
            rec = recorded(
                "test_unauthed_home_tl_throws.yaml", "GET", "/api/v1/timelines/home", 401
            )
            return self._recorded(rec)
        if status == 404:
            return self._recorded(
                recorded("test_status_missing.yaml", "GET", "/api/v1/statuses/0", 404)
            )
        if status == 422:
            rec = recorded("test_status_delete_media.yaml", "POST", "/api/v1/statuses", 422)
            return self._recorded(rec)
        # Not recorded: the documented error entity {"error": ...} with recorded headers.
        rec = recorded("test_status_reply.yaml", "POST", "/api/v1/statuses")
        headers = dict(rec.headers)
        if status == 429:
            headers["x-ratelimit-remaining"] = "0"
        reason = _STATUS_TEXT.get(status, "We're sorry, but something went wrong on our end.")
        if status == 403:
            reason = "This action is not allowed"
        return Response(status, {"error": reason}, headers=headers)

    def _injected(self, request: Request) -> Response | None:
        for i, (method, prefix, status, times) in enumerate(self.failures):
            if request.method == method and request.path.startswith(prefix):
                if times <= 1:
                    del self.failures[i]
                else:
                    self.failures[i] = (method, prefix, status, times - 1)
                return self._error(status)
        return None

    def _form(self, request: Request) -> dict[str, list[str]]:
        ctype = request.headers.get("content-type", "")
        if ctype.startswith("application/json"):
            data = request.json()
            return {k: v if isinstance(v, list) else [v] for k, v in data.items() if v is not None}
        return parse_qs(request.body.decode("utf-8"), keep_blank_values=True)

    def _multipart(self, request: Request) -> tuple[bytes, dict[str, str], str]:
        ctype = request.headers["content-type"]
        msg = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {ctype}\r\n\r\n".encode() + request.body
        )
        data, fields, mime = b"", {}, "image/jpeg"
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if name == "file":
                data = part.get_payload(decode=True) or b""
                mime = part.get_content_type()
            elif name:
                fields[name] = part.get_content()
        return data, fields, mime

    def _serve(self, request: Request) -> Response:
        if request.method == "GET" and request.path.startswith("/system/media_attachments/"):
            mid = request.path.split("/")[3]
            if mid not in self.media_bytes:
                return self._error(404)
            return Response(200, self.media_bytes[mid], content_type="image/png")
        instance = request.path.rstrip("/")
        if request.method == "GET" and instance in ("/api/v1/instance", "/api/v2/instance"):
            cassette = (
                "test_instance_v1.yaml"
                if instance.endswith("v1/instance")
                else "test_media_post_multiple.yaml"
            )
            return self._recorded(recorded(cassette, "GET", instance + "/"))
        if request.path.startswith("/oauth/") or request.path == "/api/v1/apps":
            return self._oauth(request)
        injected = self._injected(request)
        if injected is not None:
            return injected
        auth = request.headers.get("authorization", "")
        if auth.removeprefix("Bearer ") not in self.valid_tokens:
            return self._error(401)
        path = _template(request.path)
        ids = re.findall(r"/(\d{6,})(?=/|$)", request.path)
        sid = ids[0] if ids else ""
        key = (request.method, path)
        if key == ("GET", "/api/v1/accounts/verify_credentials"):
            rec = recorded("test_verify_credentials.yaml", "GET", path)
            return self._recorded(rec, self.org)
        if key == ("POST", "/api/v2/media"):
            data, fields, mime = self._multipart(request)
            media = self._upload(data, fields.get("description"), mime)
            return self._recorded(recorded("test_media_post_file.yaml", "POST", path), media)
        if key == ("POST", "/api/v1/statuses"):
            form = self._form(request)
            text = (form.get("status") or [""])[0]
            reply_to = (form.get("in_reply_to_id") or [None])[0]
            media_ids = form.get("media_ids[]") or form.get("media_ids") or []
            if (reply_to and reply_to not in self.statuses) or any(
                m not in self.media for m in media_ids
            ):
                return self._error(422)
            st = self._status(self.org, text, in_reply_to=reply_to, media_ids=media_ids)
            return self._recorded(
                recorded("test_status_reply.yaml", "POST", path), self._public(st)
            )
        if sid and sid not in self.statuses:
            return self._error(404)
        if key == ("GET", "/api/v1/statuses/{id}"):
            rec = recorded("test_status_edit.yaml", "GET", path)
            return self._recorded(rec, self._public(self.statuses[sid]))
        if key == ("GET", "/api/v1/statuses/{id}/context"):
            rec = recorded("test_status_context.yaml", "GET", path)
            return self._recorded(rec, {"ancestors": [], "descendants": self._descendants(sid)})
        if key == ("GET", "/api/v1/statuses/{id}/quotes"):
            rec = recorded("test_status_quotes.yaml", "GET", path)
            quotes = [self._public(s) for s in self.statuses.values() if s.get("_quote_of") == sid]
            return self._recorded(rec, quotes)
        if key == ("GET", "/api/v1/statuses/{id}/history"):
            rec = recorded("test_status_edit.yaml", "GET", path)
            return self._recorded(rec, self.history[sid])
        if key == ("DELETE", "/api/v1/statuses/{id}"):
            st = self.statuses[sid]
            self.delete(sid)
            return self._recorded(
                recorded("test_status_reply.yaml", "DELETE", path), self._public(st)
            )
        if key == ("GET", "/api/v1/notifications"):
            types = request.query.get("types[]") or request.query.get("types") or []
            notes = [
                {**n, "status": self._public(self.statuses[sid])}
                for n, sid in self.notifications
                if sid in self.statuses and (not types or n["type"] in types)
            ]
            rec = recorded("test_notifications.yaml", "GET", path)
            return self._recorded(rec, notes)
        if key == ("GET", "/api/v2/search"):
            q = request.arg("q") or ""
            hits = [self._public(s) for s in self.statuses.values() if self._fill(s)["url"] == q]
            rec = recorded("test_search.yaml", "GET", path)
            return self._recorded(rec, {"accounts": [], "statuses": hits, "hashtags": []})
        return self._error(404)

    def _public(self, st: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in st.items() if not k.startswith("_")}
        if st.get("_quote_of") in self.statuses:
            out["quote"] = {
                "state": "accepted",
                "quoted_status": self._public(self.statuses[st["_quote_of"]]),
            }
        return out

    def _descendants(self, sid: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for st in self.statuses.values():
            if st.get("in_reply_to_id") == sid:
                out.append(self._public(st))
                out.extend(self._descendants(st["id"]))
        return out

    def _oauth(self, request: Request) -> Response:
        if request.path == "/api/v1/apps":
            form = self._form(request)
            rec = recorded("test_app_account_create.yaml", "POST", "/api/v1/apps")
            body = copy.deepcopy(rec.body)
            body.update(
                client_id=f"client-{len(self.apps) + 1}",
                client_secret=f"secret-{len(self.apps) + 1}",
                redirect_uri=(form.get("redirect_uris") or [""])[0],
            )
            self.apps[body["client_id"]] = body["client_secret"]
            return self._recorded(rec, body)
        if request.path == "/oauth/token":
            form = self._form(request)
            code = (form.get("code") or [""])[0]
            client = (form.get("client_id") or [""])[0]
            if (
                code not in self.codes
                or self.apps.get(client) != (form.get("client_secret") or [""])[0]
            ):
                return Response(400, {"error": "invalid_grant"})
            token = self.codes.pop(code)
            self.valid_tokens.add(token)
            rec = recorded("test_app_account_create.yaml", "POST", "/oauth/token")
            body = copy.deepcopy(rec.body)
            body["access_token"] = token
            return self._recorded(rec, body)
        return self._error(404)

    def authorise(self, code: str = "code-1", token: str = "org-token-2") -> str:
        """The account owner logs in and allows the app: the server issues ``code``."""
        self.codes[code] = token
        return code
