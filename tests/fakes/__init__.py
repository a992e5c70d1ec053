"""Local fake servers for tests: HTTP on 127.0.0.1 with recorded responses, and SMTP.

Nothing here reaches the outside network. Recorded responses live in
``recorded/``; they follow the real APIs' shapes (Mastodon REST, Bluesky XRPC,
RSS 2.0/Atom, Coosto/OBI4wan-style exports) with made-up Dutch posts about a
made-up municipality, "Gemeente Dijkstad".
"""

from fakes.server import FakeServer, Request, Response, recorded

__all__ = ["FakeServer", "Request", "Response", "recorded"]
