"""A tiny HTTP server on 127.0.0.1 for tests: routes to handlers, records every request."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

RECORDED = Path(__file__).resolve().parent / "recorded"


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up early (a timeout, a closed keep-alive) is no error of the code
    under test: the default handler prints a traceback to ``sys.stderr``, which a test that
    captures the CLI's stderr would then read as the CLI's own traceback."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def recorded(name: str) -> bytes:
    """The bytes of a recorded response in ``tests/fakes/recorded``."""
    return (RECORDED / name).read_bytes()


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def arg(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Response:
    status: int = 200
    body: bytes | str | Any = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"

    def encoded(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode("utf-8")
        return json.dumps(self.body).encode("utf-8")


Handler = Callable[[Request], Response]


class FakeServer:
    """``with FakeServer() as srv: srv.route("GET", "/x", handler); srv.url + "/x"``."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Handler] = {}
        self.requests: list[Request] = []
        #: Answers every request no route matches (a fake API with path parameters).
        self.fallback: Handler | None = None
        outer = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(
                    method=self.command,
                    path=parts.path,
                    query=parse_qs(parts.query, keep_blank_values=True),
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=self.rfile.read(length) if length else b"",
                )
                outer.requests.append(request)
                handler = outer.routes.get((self.command, parts.path))
                if handler is None:  # "/prefix/*" routes: the longest matching prefix
                    for (method, path), candidate in sorted(
                        outer.routes.items(), key=lambda kv: -len(kv[0][1])
                    ):
                        if (
                            method == self.command
                            and path.endswith("/*")
                            and parts.path.startswith(path[:-1])
                        ):
                            handler = candidate
                            break
                if handler is None:
                    handler = outer.fallback
                if handler is None:
                    response = Response(404, {"error": "NotFound"})
                else:
                    try:
                        response = handler(request)
                    except Exception as exc:  # surface handler bugs as 500s
                        response = Response(500, {"error": repr(exc)})
                body = response.encoded()
                self.send_response(response.status)
                self.send_header("Content-Type", response.content_type)
                self.send_header("Content-Length", str(len(body)))
                for key, value in response.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_PATCH = _serve

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = _QuietServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def route(self, method: str, path: str, handler: Handler | Response) -> None:
        if isinstance(handler, Response):
            fixed = handler
            self.routes[(method, path)] = lambda _req: fixed
        else:
            self.routes[(method, path)] = handler

    def requests_to(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def __enter__(self) -> FakeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class FakeAPI:
    """A stateful fake API: a :class:`FakeServer` whose every request goes to :meth:`_serve`.

    ``with SomeFake() as fake: fake.url``; subclasses answer in ``_serve``.
    """

    def __init__(self) -> None:
        self.server = FakeServer()
        self.server.fallback = self._serve

    def __enter__(self) -> Any:
        self.server.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.__exit__(*exc)

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def requests(self) -> list[Request]:
        return self.server.requests

    def _serve(self, request: Request) -> Response:  # pragma: no cover - overridden
        raise NotImplementedError
