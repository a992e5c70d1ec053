"""Hostile or broken input stays bounded: deadline per poll, size cap, no internal hosts."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from fakes import FakeServer, Response
from fakes.social import add_feeds
from krantentoets.monitor.ingest import poll_sources
from krantentoets.platforms import BlockedAddress
from krantentoets.platforms.net import check_host
from krantentoets.policy import parse_policy

LOCAL = ["127.0.0.1"]


def policy(*sources: dict[str, Any], **monitor: Any) -> Any:
    return parse_policy(
        {
            "organisation": {"name": "Gemeente Dijkstad", "aliases": ["Dijkstad"]},
            "monitor": {"sources": list(sources), **monitor},
        },
        "test.toml",
    )


class EndlessFeed:
    """A server on 127.0.0.1 whose feed never ends: items keep coming until the client leaves."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/eindeloos.xml"

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.recv(65536)
                head = (
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                    b"Transfer-Encoding: chunked\r\n\r\n"
                )
                try:
                    conn.sendall(
                        head + self._chunk(b'<rss version="2.0"><channel><title>x</title>')
                    )
                    n = 0
                    while not self.stop.is_set():
                        n += 1
                        item = f"<item><title>Dijkstad {n}</title><guid>{n}</guid></item>"
                        conn.sendall(self._chunk(item.encode()))
                        self.stop.wait(0.001)
                except OSError:
                    continue  # the client gave up: what we wanted

    @staticmethod
    def _chunk(data: bytes) -> bytes:
        return f"{len(data):x}\r\n".encode() + data + b"\r\n"

    def __enter__(self) -> EndlessFeed:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.sock.close()
        self.thread.join(timeout=5)


@pytest.fixture
def server() -> Iterator[FakeServer]:
    with FakeServer() as srv:
        yield srv


def test_never_ending_feed_stops_at_the_deadline_and_the_next_source_is_polled(
    migrated_sqlite_engine: Any, server: FakeServer
) -> None:
    add_feeds(server)
    with EndlessFeed() as endless:
        reports = poll_sources(
            migrated_sqlite_engine,
            policy(
                {"kind": "rss", "name": "eindeloos", "url": endless.url},
                {"kind": "rss", "name": "omroep", "url": f"{server.url}/rss/nieuws.xml"},
                deadline=1,
                allow_private_hosts=LOCAL,
            ),
            triage=False,
        )
    endless_report, next_report = reports
    assert endless_report.failed and "tijdslimiet" in endless_report.errors[-1]
    assert endless_report.pages_left  # reported: the rest comes next time
    assert not next_report.failed and next_report.new > 0


def test_redirect_to_an_internal_address_is_refused(
    migrated_sqlite_engine: Any, server: FakeServer
) -> None:
    secret = Response(
        200, "<rss><channel><item><title>Dijkstad geheim</title></item></channel></rss>"
    )
    server.route("GET", "/geheim.xml", secret)
    port = server.url.rsplit(":", 1)[1]
    targets = {
        "/naar-metadata.xml": "http://169.254.169.254/latest/meta-data/",
        "/naar-localhost.xml": f"http://localhost:{port}/geheim.xml",
        "/naar-prive.xml": "http://10.0.0.8/intern.xml",
    }
    for path, target in targets.items():
        server.route("GET", path, Response(302, b"", {"Location": target}))
    reports = poll_sources(
        migrated_sqlite_engine,
        policy(
            *({"kind": "rss", "name": p, "url": server.url + p} for p in targets),
            allow_private_hosts=LOCAL,  # the fake server itself, by its IP, and nothing else
        ),
        triage=False,
    )
    for report in reports:
        assert report.failed and "intern adres" in report.errors[-1], report.errors
        assert report.new == 0
    assert server.requests_to("/geheim.xml") == []


def test_mastodon_redirect_to_an_internal_address_is_refused(
    migrated_sqlite_engine: Any, server: FakeServer
) -> None:
    server.route(
        "GET",
        "/api/v1/timelines/tag/dijkstad",
        Response(302, b"", {"Location": "http://169.254.169.254/latest/meta-data/"}),
    )
    (report,) = poll_sources(
        migrated_sqlite_engine,
        policy(
            {"kind": "mastodon", "instance": server.url, "hashtag": "dijkstad"},
            allow_private_hosts=LOCAL,
        ),
        triage=False,
    )
    assert report.failed and "intern adres" in report.errors[-1]


def test_internal_hosts_need_the_policy_allowance(
    migrated_sqlite_engine: Any, server: FakeServer
) -> None:
    add_feeds(server)
    (report,) = poll_sources(
        migrated_sqlite_engine,
        policy({"kind": "rss", "url": f"{server.url}/rss/nieuws.xml"}),
        triage=False,
    )
    assert report.failed and "allow_private_hosts" in report.errors[-1]
    assert server.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/",
        "http://[::1]/",
        "http://169.254.169.254/latest/",
        "http://metadata.google.internal/",
        "http://192.168.1.1/",
        "http://[::ffff:10.0.0.1]/",
        "http://0.0.0.0/",
    ],
)
def test_check_host_refuses_internal_addresses(url: str) -> None:
    with pytest.raises(BlockedAddress):
        check_host(url, frozenset())


def test_check_host_allows_a_named_host_and_public_addresses() -> None:
    check_host("http://127.0.0.1:8080/feed", frozenset({"127.0.0.1"}))
    check_host("https://93.184.215.14/feed", frozenset())


def test_an_answer_over_the_size_limit_is_refused(
    migrated_sqlite_engine: Any, server: FakeServer
) -> None:
    add_feeds(server)
    (report,) = poll_sources(
        migrated_sqlite_engine,
        policy(
            {"kind": "rss", "url": f"{server.url}/rss/nieuws.xml"},
            allow_private_hosts=LOCAL,
            max_response_mb=0.001,
        ),
        triage=False,
    )
    assert report.failed and "groter dan" in report.errors[-1]
