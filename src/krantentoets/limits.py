"""Limits on untrusted input, shared by the command line and the web app.

Every request body and every JSON Lines line passes through :func:`parse_json` before any
other code sees it, so a hostile or unlucky input ends as one clear Dutch error for that
input alone: never an internal error, never a whole batch lost. The numbers are the
documented limits (``docs/security.md``).
"""

from __future__ import annotations

import json
import re
from typing import Any

#: Deepest nesting of JSON objects and arrays accepted (a post is at most two levels deep).
MAX_JSON_DEPTH = 32
#: Most items (object keys plus array elements, counted over the whole document).
MAX_JSON_ITEMS = 10_000
#: Largest body of an API request without images, and of one JSON Lines line.
MAX_JSON_BYTES = 1024 * 1024
#: Largest policy file (a policy with thousands of topics is still far below this).
MAX_POLICY_BYTES = 2 * 1024 * 1024

_SURROGATE = re.compile("[\ud800-\udfff]")


class InputLimitError(ValueError):
    """Input refused by a limit or as malformed; the message is Dutch and says why."""


def parse_json(data: bytes | str) -> Any:
    """Parse JSON and refuse what later code cannot handle safely.

    Refused, each with a Dutch message: invalid JSON, numbers with more digits than Python
    converts, nesting deeper than :data:`MAX_JSON_DEPTH`, more than :data:`MAX_JSON_ITEMS`
    items, and lone UTF-16 surrogates (``"\\ud800"``), which cannot be written as UTF-8.
    """
    try:
        value = json.loads(data)
    except json.JSONDecodeError as exc:
        raise InputLimitError(f"geen geldige JSON ({exc.msg}, kolom {exc.colno})") from None
    except RecursionError:
        raise InputLimitError(
            f"de JSON is te diep genest (hoogstens {MAX_JSON_DEPTH} niveaus)"
        ) from None
    except ValueError as exc:  # e.g. an integer with more than 4,300 digits
        raise InputLimitError(f"geen bruikbare JSON: {exc}") from None
    check_json_value(value)
    return value


def check_json_value(value: Any) -> None:
    """Depth, size and text checks of :func:`parse_json`, for already-parsed data."""
    items = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, str):
            if not node.isascii() and _SURROGATE.search(node):
                raise InputLimitError(
                    "de tekst bevat een ongeldig teken (een losse UTF-16-surrogaat)"
                )
            continue
        if isinstance(node, dict):
            children: Any = [*node.keys(), *node.values()]
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > MAX_JSON_DEPTH:
            raise InputLimitError(f"de JSON is te diep genest (hoogstens {MAX_JSON_DEPTH} niveaus)")
        items += len(node)
        if items > MAX_JSON_ITEMS:
            raise InputLimitError(f"de JSON heeft te veel onderdelen (hoogstens {MAX_JSON_ITEMS})")
        stack.extend((child, depth + 1) for child in children)


def check_text(text: str) -> None:
    """Refuse a text with a lone surrogate (from a terminal or a library, not only JSON)."""
    if not text.isascii() and _SURROGATE.search(text):
        raise InputLimitError("de tekst bevat een ongeldig teken (een losse UTF-16-surrogaat)")
