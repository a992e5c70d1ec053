"""The FastAPI application: :func:`create_app` builds it, routes come from :data:`ROUTERS`.

Pages are rendered on the server (Jinja2, Dutch, WCAG 2.1 AA); a little plain
JavaScript adds the live character counter. Everything a page loads is served
by the app itself, the API documentation included.
"""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.engine import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from krantentoets import __version__
from krantentoets.store import make_engine, require_current
from krantentoets.web.config import WebConfig, config_from_env
from krantentoets.web.deps import (
    ApiError,
    AppState,
    CsrfFailed,
    LoginRequired,
    PageForbidden,
    SetupRequired,
    identify,
    redirect_to_login,
    render,
)
from krantentoets.web.limits import BodyLimit, RateLimiter, body_limits
from krantentoets.web.present import zone_text
from krantentoets.web.proxy import TrustedProxyMiddleware
from krantentoets.web.security import Cookies, SecurityHeaders

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

#: Route modules, each exposing ``router``. A new page adds its module here.
ROUTERS: tuple[str, ...] = (
    "krantentoets.web.routes.account",
    "krantentoets.web.routes.check",
    "krantentoets.web.routes.inbox",
    "krantentoets.web.routes.workflow",
    "krantentoets.web.routes.archive",
    "krantentoets.web.routes.admin",
    "krantentoets.web.routes.settings",
    "krantentoets.web.routes.signal",
    "krantentoets.web.routes.api",
    "krantentoets.web.routes.docs",
)

API_DESCRIPTION = """\
De JSON-API van krantentoets volgt de opdrachtregel: `POST /api/v1/check` neemt dezelfde
velden als een regel van `krantentoets check --input` en geeft hetzelfde JSON-antwoord;
`POST /api/v1/triage` doet hetzelfde voor `krantentoets triage`.

Stuur een token mee: `Authorization: Bearer <token>`. Een beheerder maakt er een in de
webapp (Gebruikers, onder API-tokens) of met
`krantentoets token create --role medewerker --name NAAM`.
"""


def _static_version() -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(STATIC.rglob("*")):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def create_app(
    database_url: str | None = None,
    *,
    config: WebConfig | None = None,
    engine: Engine | None = None,
    check_migrated: bool = True,
) -> FastAPI:
    """Build the app on ``database_url`` (default: the environment, see ``web.config``).

    Raises :class:`krantentoets.store.NotMigratedError` when the database is
    not at the current schema (``krantentoets db upgrade`` first), and
    :class:`krantentoets.policy.PolicyError` for a bad policy file.
    """
    config = config or config_from_env(database_url)
    if engine is None:
        engine = make_engine(config.database_url or database_url)
    if check_migrated:
        require_current(engine)

    app = FastAPI(
        title="krantentoets",
        version=__version__,
        description=API_DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    templates = Jinja2Templates(directory=str(TEMPLATES))
    templates.env.globals["static_url"] = lambda name: f"/static/{name}?v={st.static_version}"
    templates.env.filters["getal"] = lambda n: f"{n:,}".replace(",", ".")  # 63.206
    templates.env.globals["zone_text"] = zone_text  # "Nederlandse tijd"
    st = AppState(
        config=config,
        engine=engine,
        cookies=Cookies(config),
        templates=templates,
        static_version=_static_version(),
        rate_limiter=RateLimiter(config.api_rate),
    )
    st.policy()  # a bad policy file stops the start, not the first request
    app.state.kt = st

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    for module_name in ROUTERS:
        app.include_router(importlib.import_module(module_name).router)
    _install_error_handlers(app)
    app.add_middleware(BodyLimit, limits=body_limits(config))
    app.add_middleware(SecurityHeaders)
    app.add_middleware(TrustedProxyMiddleware, trusted=config.trusted_proxies)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return JSONResponse({"error": exc.message}, status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors()[:3]:
            loc = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
            parts.append(f"{loc or 'invoer'}: {_dutch_validation(err)}")
        message = "ongeldige invoer: " + "; ".join(parts)
        if _is_api(request):
            return JSONResponse({"error": message}, status_code=422)
        return render(request, "error.html", {"title": "Ongeldige invoer", "detail": message}, 422)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse(redirect_to_login(exc.next_url), status_code=303)

    @app.exception_handler(SetupRequired)
    async def setup_required(request: Request, exc: SetupRequired) -> Response:
        return RedirectResponse("/eerste-gebruik", status_code=303)

    @app.exception_handler(PageForbidden)
    async def forbidden(request: Request, exc: PageForbidden) -> Response:
        return render(
            request,
            "error.html",
            {
                "title": "Geen toegang",
                "detail": "Je rol geeft geen toegang tot deze pagina. Denk je dat je die wel "
                "nodig hebt? Vraag het aan de beheerder van krantentoets.",
            },
            403,
        )

    @app.exception_handler(CsrfFailed)
    async def csrf_failed(request: Request, exc: CsrfFailed) -> Response:
        return render(
            request,
            "error.html",
            {
                "title": "Formulier verlopen",
                "detail": "Het formulier kon niet veilig worden verwerkt: het is verlopen of "
                "komt niet van deze pagina. Ga terug, laad de pagina opnieuw en probeer het "
                "nog eens.",
            },
            400,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        text = {
            404: "Deze pagina bestaat niet.",
            405: "Deze actie kan hier niet.",
            413: "Het verzoek is te groot.",
        }.get(exc.status_code, "Er ging iets mis.")
        if _is_api(request):
            return JSONResponse({"error": text}, status_code=exc.status_code)
        identify(request)  # the menu stays on an error page
        title = "Niet gevonden" if exc.status_code == 404 else "Fout"
        return render(request, "error.html", {"title": title, "detail": text}, exc.status_code)


def _dutch_validation(err: dict[str, object]) -> str:
    kind = str(err.get("type", ""))
    return {
        "missing": "ontbreekt",
        "string_type": "moet tekst zijn",
        "json_invalid": "geen geldige JSON",
        "model_attributes_type": "verwacht een JSON-object",
        "dict_type": "verwacht een JSON-object",
        "list_type": "verwacht een lijst",
        "extra_forbidden": "onbekend veld",
    }.get(kind, str(err.get("msg", "ongeldig")))


def app_from_env() -> FastAPI:
    """Factory for uvicorn (``krantentoets serve`` runs it in every worker)."""
    return create_app()
