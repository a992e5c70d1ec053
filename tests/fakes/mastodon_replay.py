"""A fake Mastodon on 127.0.0.1 that answers with REAL recorded Mastodon objects.

The objects come from ``../shared/data/platform_samples/mastodon/`` (Mastodon.py's
recorded interactions against real servers; MIT, see LICENSE-Mastodon.py.txt
there): ``statuses.json``, ``notifications.json``, ``contexts.json`` and the
cassette ``test_status_edit.yaml`` (a status's edit history). They are read at
test time, never copied into the repository. The server implements the rules
the real API applies that matter here:

- newest first, ``limit``/``max_id``/``since_id``/``min_id``, and a ``Link``
  header in Mastodon's own format (``<...?max_id=X>; rel="next", <...?min_id=Y>; rel="prev"``);
- ``/api/v2/search`` answers 401 to ``offset`` or ``resolve`` without a token
  (``Search queries pagination is not supported without authentication``);
- ``/api/v1/notifications`` needs a token.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fakes.server import FakeServer, Request, Response

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "platform_samples"
MASTODON = SAMPLES / "mastodon"
TOKEN = "replay-token"


def require_samples() -> Path:
    """The sample folder, or skip the test with the reason."""
    if not (MASTODON / "statuses.json").is_file():
        pytest.skip(f"recorded Mastodon responses not found at {MASTODON.resolve()}")
    return MASTODON


def statuses() -> list[dict[str, Any]]:
    data = json.loads((require_samples() / "statuses.json").read_text("utf-8"))
    return [{k: v for k, v in s.items() if not k.startswith("_")} for s in data]


def notifications() -> list[dict[str, Any]]:
    data = json.loads((require_samples() / "notifications.json").read_text("utf-8"))
    return [{k: v for k, v in n.items() if not k.startswith("_")} for n in data]


def contexts() -> dict[str, dict[str, Any]]:
    data = json.loads((require_samples() / "contexts.json").read_text("utf-8"))
    return {url.rstrip("/").split("/")[-2]: body for _src, url, body in data}


def edit_history() -> tuple[str, list[dict[str, Any]]]:
    """The status id and ``/history`` answer recorded in ``test_status_edit.yaml``."""
    import yaml

    cassette = yaml.safe_load(
        (require_samples() / "cassettes" / "test_status_edit.yaml").read_text("utf-8")
    )
    for interaction in cassette["interactions"]:
        uri = interaction["request"]["uri"]
        if uri.endswith("/history"):
            body = json.loads(interaction["response"]["body"]["string"])
            return uri.split("/")[-2], body
    raise AssertionError("no /history interaction in the cassette")


def _page(server: FakeServer, request: Request, rows: list[dict[str, Any]], path: str) -> Response:
    rows = sorted(rows, key=lambda r: int(r["id"]), reverse=True)
    limit = int(request.arg("limit") or 20)
    if request.arg("max_id"):
        rows = [r for r in rows if int(r["id"]) < int(request.arg("max_id") or 0)]
    if request.arg("since_id"):
        rows = [r for r in rows if int(r["id"]) > int(request.arg("since_id") or 0)]
    if request.arg("min_id"):
        rows = sorted(
            (r for r in rows if int(r["id"]) > int(request.arg("min_id") or 0)),
            key=lambda r: int(r["id"]),
        )[:limit][::-1]
    page = rows[:limit]
    headers = {}
    if page:
        base = f"{server.url}{path}?limit={limit}"
        headers["Link"] = (
            f'<{base}&max_id={page[-1]["id"]}>; rel="next", '
            f'<{base}&min_id={page[0]["id"]}>; rel="prev"'
        )
    return Response(200, page, headers)


def _authorised(request: Request) -> bool:
    return request.headers.get("authorization") == f"Bearer {TOKEN}"


def add_mastodon_replay(
    server: FakeServer,
    *,
    tag: str = "dijkstad",
    rows: list[dict[str, Any]] | None = None,
    refuse_after: int | None = None,
    extra_notifications: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Routes over the recorded objects; returns the statuses the tag timeline serves.

    ``refuse_after``: the tag timeline answers 401 to every page after that many.
    """
    timeline = rows if rows is not None else statuses()
    served = {"n": 0}
    tag_path = f"/api/v1/timelines/tag/{tag}"

    def tag_timeline(request: Request) -> Response:
        served["n"] += 1
        if refuse_after is not None and served["n"] > refuse_after:
            return Response(401, {"error": "This method requires an authenticated user"})
        return _page(server, request, timeline, tag_path)

    def search(request: Request) -> Response:
        if not _authorised(request):
            if request.arg("offset") is not None:
                return Response(
                    401,
                    {"error": "Search queries pagination is not supported without authentication"},
                )
            if request.arg("resolve") in ("1", "true", "True"):
                return Response(
                    401,
                    {
                        "error": "Search queries that resolve remote resources are not "
                        "supported without authentication"
                    },
                )
        query = (request.arg("q") or "").casefold()
        hits = [s for s in timeline if query in (s.get("content") or "").casefold()]
        page = _page(server, request, hits, "/api/v2/search").body
        return Response(200, {"accounts": [], "hashtags": [], "statuses": page})

    def notes(request: Request) -> Response:
        if not _authorised(request):
            return Response(401, {"error": "The access token is invalid"})
        rows = notifications() + list(extra_notifications or [])
        kinds = request.query.get("types[]") or request.query.get("types")
        if kinds:
            rows = [n for n in rows if n["type"] in kinds]
        return _page(server, request, rows, "/api/v1/notifications")

    known_contexts = contexts()
    history_id, history = edit_history()
    by_id = {str(s["id"]): s for s in statuses()}

    def status_detail(request: Request) -> Response:
        parts = request.path.rstrip("/").split("/")
        status_id, what = parts[4], parts[5] if len(parts) > 5 else ""
        if what == "context":
            return Response(
                200, known_contexts.get(status_id, {"ancestors": [], "descendants": []})
            )
        if what == "history":
            if status_id == history_id:
                return Response(200, history)
            return Response(200, [by_id[status_id]] if status_id in by_id else [])
        if status_id in by_id:
            return Response(200, by_id[status_id])
        return Response(404, {"error": "Record not found"})

    server.route("GET", tag_path, tag_timeline)
    server.route("GET", "/api/v2/search", search)
    server.route("GET", "/api/v1/notifications", notes)
    server.route("GET", "/api/v1/statuses/*", status_detail)
    return timeline
