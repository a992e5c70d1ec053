"""Standard output for commands that write one record per post, without a flush per line.

``click.echo`` flushes after every call: one system call per line of a JSON Lines batch.
:class:`Output` leaves the buffering to the stream and flushes once at the end, or after
every record when standard output is a terminal (a person then sees each result as soon as
it is ready). JSON is encoded with orjson: UTF-8 without escapes, like
``json.dumps(..., ensure_ascii=False)``, in compact form (no space after ``:`` and ``,``).
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

import orjson


class Output:
    """Write records to ``stream`` (standard output by default); call :meth:`flush` at the end."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._text = stream if stream is not None else sys.stdout
        #: The byte stream under the text stream, when it has one (JSON goes there directly).
        self._bytes = getattr(self._text, "buffer", None)
        try:
            self._interactive = self._text.isatty()
        except (AttributeError, ValueError):
            self._interactive = False
        self._text_pending = False

    def json(self, record: dict[str, Any]) -> None:
        """One JSON Lines record."""
        try:
            line = orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)
        except orjson.JSONEncodeError:
            # A lone surrogate (from a \ud800 escape in the input) is not valid UTF-8;
            # json.dumps escapes it and the line stays valid JSON.
            line = (json.dumps(record) + "\n").encode("ascii")
        if self._bytes is None:
            self._text.write(line.decode("utf-8"))
        else:
            if self._text_pending:  # keep the order of text written before
                self._text.flush()
                self._text_pending = False
            self._bytes.write(line)
        if self._interactive:
            self.flush()

    def text(self, message: str) -> None:
        """One block of text, followed by a newline."""
        self._text.write(message + "\n")
        self._text_pending = True
        if self._interactive:
            self.flush()

    def flush(self) -> None:
        self._text.flush()
        self._text_pending = False
        if self._bytes is not None:
            self._bytes.flush()
