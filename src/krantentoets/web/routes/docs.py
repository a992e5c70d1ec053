"""The API documentation at ``/api/docs``: Swagger UI, served by the app itself.

The Swagger UI files come from the ``swagger-ui-py`` package (Apache-2.0
licence, shipped in its ``static`` folder); nothing is loaded from a CDN.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse

router = APIRouter(prefix="/api/docs", include_in_schema=False)

#: The only Swagger UI files we serve.
ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "favicon-32x32.png": "image/png",
}


@cache
def swagger_static() -> Path | None:
    try:
        import swagger_ui
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    folder = Path(swagger_ui.__file__).resolve().parent / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


@router.get("")
def docs(request: Request) -> HTMLResponse:
    st = request.app.state.kt
    if swagger_static() is None:
        return HTMLResponse(
            '<!doctype html><html lang="nl"><meta charset="utf-8"><title>API</title>'
            "<p>De API-documentatie is niet beschikbaar. De beschrijving staat in "
            '<a href="/api/openapi.json">/api/openapi.json</a>.</p></html>'
        )
    return st.templates.TemplateResponse(
        request, "api_docs.html", {"static_version": st.static_version}
    )


@router.get("/{name}")
def asset(name: str) -> FileResponse:
    folder = swagger_static()
    if folder is None or name not in ASSETS:
        raise HTTPException(404)
    return FileResponse(
        folder / name, media_type=ASSETS[name], headers={"Cache-Control": "max-age=86400"}
    )
