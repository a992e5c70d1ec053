"""Canonical JSON and the hash chain link.

A record's hash covers exactly one byte string: the previous record's hash, a
newline, and the record's canonical JSON. Canonical JSON here is: keys sorted
by code point, no insignificant whitespace, UTF-8 without ``\\u`` escapes for
non-ASCII, and no floats (a float's text form differs between languages; times
are ISO 8601 strings and numbers are integers). That is the subset of RFC 8785
(JCS) that records use, so any JCS implementation reproduces the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

try:  # parsing only (verify, export): any correct parser gives the same values
    from orjson import loads as _fast_loads
except ImportError:  # pragma: no cover - orjson is a dependency; plain json still works
    _fast_loads = None


def loads(text: str) -> Any:
    """Parse JSON (orjson when installed: a million records verify several seconds faster)."""
    return _fast_loads(text) if _fast_loads is not None else json.loads(text)


#: The hash that the first record of a chain points back to.
GENESIS_HASH = "0" * 64

#: Algorithm name as written in exports and metadata.
HASH_ALGORITHM = "SHA-256"


class CanonicalError(ValueError):
    """A value cannot be written as canonical JSON (a float, NaN, a non-string key...)."""


def _check(value: Any, path: str = "$") -> None:
    if value is None or isinstance(value, bool | str):
        return
    if isinstance(value, int):
        return
    if isinstance(value, float):
        raise CanonicalError(f"{path}: floats are not allowed in archive records")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalError(f"{path}: object keys must be strings")
            _check(item, f"{path}.{key}")
        return
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            _check(item, f"{path}[{i}]")
        return
    raise CanonicalError(f"{path}: unsupported type {type(value).__name__}")


def canonical_json(value: Any, *, checked: bool = True) -> str:
    """``value`` as canonical JSON text (see module docstring)."""
    if checked:
        _check(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def link_hash(prev_hash: str, canonical: str) -> str:
    """SHA-256 (hex) of ``prev_hash + "\\n" + canonical`` (both as UTF-8)."""
    h = hashlib.sha256(prev_hash.encode("ascii"))
    h.update(b"\n")
    h.update(canonical.encode("utf-8"))
    return h.hexdigest()


def content_hash(canonical: str) -> str:
    """SHA-256 (hex) of one record's canonical JSON alone (its MDTO checksum)."""
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
