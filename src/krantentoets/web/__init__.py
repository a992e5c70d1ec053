"""The web application and HTTP API (FastAPI): ``create_app()`` builds it.

Imported only by ``krantentoets serve``/``demo`` and the tests, so the command
line stays fast for everything else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(*args: Any, **kwargs: Any) -> FastAPI:
    from krantentoets.web.app import create_app as _create_app

    return _create_app(*args, **kwargs)
