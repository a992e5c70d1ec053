"""The JSON API, mirroring the command line.

- ``POST /api/v1/check``: the fields of one ``krantentoets check --input`` line
  (``id``, ``text``, ``platform``, ``account``, ``author``, ``display_name``,
  ``bio``, ``reply_to``, ``images``) as JSON, with images as base64; or the same
  fields as ``multipart/form-data`` with images as uploaded files. Answers the
  CLI's JSONL record for the post (``Report.to_dict()``).
- ``POST /api/v1/triage``: ``{"id", "text"}`` in, ``{"id", "label", "signal",
  "advice", "reasons", "sentiment"}`` out, as ``krantentoets triage --format jsonl``.
- ``GET /api/v1/mentions?source=&since=&limit=&after=``: the stored mentions, as
  ``krantentoets monitor list --format jsonl`` (a ``mandataris`` token: only
  the mentions of the holder named like the token, MA-9).

An optional ``profile`` (body field or query parameter) picks the policy
profile, as ``--profile`` does. Errors are JSON ``{"error": "..."}`` in Dutch.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import UploadFile
from starlette.requests import ClientDisconnect

from krantentoets.check import check
from krantentoets.limits import InputLimitError, parse_json
from krantentoets.policy import PROFILE_IDS, Policy
from krantentoets.post import (
    MAX_TEXT_LENGTH,
    AccountKind,
    Platform,
    PostError,
    post_from_record,
)
from krantentoets.store.users import ApiToken
from krantentoets.web.deps import ApiError, require_token, state
from krantentoets.web.uploads import UploadError, decode_base64, saved_images

router = APIRouter(prefix="/api/v1")

CheckToken = Annotated[ApiToken, Depends(require_token("api.check"))]
TriageToken = Annotated[ApiToken, Depends(require_token("api.triage"))]
MentionsToken = Annotated[ApiToken, Depends(require_token("api.mentions"))]
#: Most mentions one ``GET /api/v1/mentions`` answers.
MAX_MENTIONS = 1000

#: Largest request without images (a post is at most 50,000 characters).
MAX_TEXT_BODY = 1024 * 1024


# -- documentation models (the responses are built by Report.to_dict()) ----------------


class CheckRequest(BaseModel):
    """One post, as one line of ``krantentoets check --input``."""

    id: str | int | None = Field(None, description="Je eigen kenmerk; komt terug in het antwoord.")
    text: str = Field(..., description="De tekst van het conceptbericht.")
    platform: Platform | None = Field(None, description="Bepaalt de lengtelimiet.")
    account: AccountKind | None = Field(None, description="Namens wie: standaard organisation.")
    author: str | None = Field(None, description="Je echte naam.")
    display_name: str | None = Field(None, description="De naam die het account toont.")
    bio: str | None = Field(None, description="De profieltekst van het account.")
    reply_to: str | None = Field(None, description="Het bericht waarop je reageert.")
    images: list[str] = Field(
        default_factory=list,
        description="Afbeeldingen als base64 (een data:image/...;base64,-voorvoegsel mag).",
    )
    profile: Literal["medewerkers", "mandatarissen"] | None = Field(
        None, description="Beleidsprofiel; standaard dat van het beleidsbestand."
    )


class FindingOut(BaseModel):
    rule: str
    name: str
    category: str
    severity: Literal["block", "warn", "info"]
    start: int | None
    end: int | None
    text: str | None
    guidelines: list[str]
    message: str
    suggestion: str
    trace: list[str]


class CheckResponse(BaseModel):
    id: str | None
    verdict: Literal["post", "doubt", "do-not-post"]
    verdict_label: str
    profile: str
    findings: list[FindingOut]


class TriageRequest(BaseModel):
    """One incoming post, as one line of ``krantentoets triage --input``."""

    model_config = ConfigDict(extra="forbid")

    id: str | int | None = Field(None, description="Je eigen kenmerk; komt terug in het antwoord.")
    text: str = Field(..., description="De tekst van het binnenkomende bericht.")
    profile: Literal["medewerkers", "mandatarissen"] | None = Field(
        None, description="Beleidsprofiel; standaard dat van het beleidsbestand."
    )


class SentimentOut(BaseModel):
    label: Literal["positive", "negative", "neutral"] = Field(
        ..., description="De toon: positief, negatief of neutraal."
    )
    score: float = Field(..., description="-1 (negatief) tot +1 (positief).")


class TriageResponse(BaseModel):
    id: str | None
    label: Literal["compliment", "criticism", "question", "claim", "abuse", "other"]
    signal: bool
    advice: str
    reasons: list[Any]
    sentiment: SentimentOut | None = None


class ErrorResponse(BaseModel):
    error: str = Field(..., description="Wat er mis is, in het Nederlands.")


ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "Geen of een onbekend token."},
    403: {"model": ErrorResponse, "description": "De rol van het token mag dit niet."},
    413: {"model": ErrorResponse, "description": "Het verzoek is te groot."},
    422: {"model": ErrorResponse, "description": "Ongeldige invoer."},
}


def _schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON Schema with every ``$ref`` resolved in place.

    The schema goes into ``openapi_extra`` as it is, where a ``#/$defs/...`` reference would
    point nowhere; inlining keeps the OpenAPI document self-contained.
    """
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})
    schema.pop("title", None)

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                target = dict(defs[ref.removeprefix("#/$defs/")])
                target.pop("title", None)
                return inline({**target, **{k: v for k, v in node.items() if k != "$ref"}})
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    return inline(schema)


def _multipart_schema() -> dict[str, Any]:
    props: dict[str, Any] = {
        k: v for k, v in _schema(CheckRequest)["properties"].items() if k != "images"
    }
    props["images"] = {
        "type": "array",
        "items": {"type": "string", "format": "binary"},
        "description": "Bijgevoegde afbeeldingen (JPEG, PNG, GIF of WebP).",
    }
    return {"type": "object", "properties": props, "required": ["text"]}


CHECK_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": _schema(CheckRequest),
                "example": {
                    "id": "concept-1",
                    "text": "Het grofvuil wordt op dinsdag opgehaald. Vragen? Bel 14 058.",
                    "platform": "facebook",
                    "account": "organisation",
                },
            },
            "multipart/form-data": {"schema": _multipart_schema()},
        },
    }
}


# -- request parsing ---------------------------------------------------------------------


async def _read_json(request: Request, limit: int) -> dict[str, Any]:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"het verzoek is te groot (hoogstens {limit // (1024 * 1024)} MB)")
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise ApiError(
                    413, f"het verzoek is te groot (hoogstens {limit // (1024 * 1024)} MB)"
                )
    except ClientDisconnect:
        raise ApiError(400, "de verbinding werd verbroken") from None
    try:
        data = parse_json(bytes(body))
    except InputLimitError as exc:
        raise ApiError(422, str(exc)) from None
    if not isinstance(data, dict):
        raise ApiError(422, "verwacht een JSON-object met minstens het veld 'text'")
    return data


def _profile(request: Request, data: dict[str, Any]) -> Policy:
    profile = data.pop("profile", None)
    if profile is None:
        profile = request.query_params.get("profile")
    if profile is not None and (not isinstance(profile, str) or profile not in PROFILE_IDS):
        raise ApiError(422, f"onbekend profiel '{profile}'; kies uit: {', '.join(PROFILE_IDS)}")
    return state(request).policy(profile)


def _image_limit(request: Request) -> int:
    config = state(request).config
    return MAX_TEXT_BODY + config.max_images * config.max_image_bytes * 4 // 3


async def _check_input(request: Request) -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
    """The post fields and images from a JSON or multipart body."""
    config = state(request).config
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await request.form(
            max_files=config.max_images, max_fields=20, max_part_size=MAX_TEXT_BODY
        )
        data: dict[str, Any] = {}
        images: list[tuple[str, bytes]] = []
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                if key != "images":
                    raise ApiError(422, f"onverwacht bestand in veld '{key}'; gebruik 'images'")
                content = await value.read(config.max_image_bytes + 1)
                images.append((value.filename or "", content))
            elif key == "images":
                images.append(("", decode_base64(value, len(images) + 1)))
            else:
                data[key] = value
        return data, images
    if content_type not in ("application/json", ""):
        raise ApiError(415, "stuur JSON (application/json) of een formulier (multipart/form-data)")
    data = await _read_json(request, _image_limit(request))
    raw_images = data.pop("images", None) or []
    if not isinstance(raw_images, list) or not all(isinstance(i, str) for i in raw_images):
        raise ApiError(422, "het veld 'images' moet een lijst van base64-teksten zijn")
    if len(raw_images) > config.max_images:
        raise ApiError(422, f"te veel afbeeldingen: hoogstens {config.max_images} per bericht")
    return data, [("", decode_base64(v, i)) for i, v in enumerate(raw_images, start=1)]


def _run_check(
    data: dict[str, Any],
    images: list[tuple[str, bytes]],
    policy: Policy,
    max_bytes: int,
    max_count: int,
) -> dict[str, Any]:
    """Build the post (images only from the upload, never paths from the caller) and check it."""
    with saved_images(images, max_bytes=max_bytes, max_count=max_count) as paths:
        post = post_from_record({**data, "images": None}, None, None)
        if paths:
            post = replace(post, images=paths)
        return check(post, policy).to_dict()


# -- endpoints ----------------------------------------------------------------------------


@router.post(
    "/check",
    tags=["controleren"],
    summary="Controleer een conceptbericht",
    responses={200: {"model": CheckResponse}, **ERRORS},
    openapi_extra=CHECK_BODY,
)
async def api_check(request: Request, token: CheckToken) -> JSONResponse:
    """Controleert één bericht tegen het beleid; antwoordt zoals `krantentoets check --format
    jsonl`: `verdict` is `post`, `doubt` of `do-not-post`, met een `finding` per bevinding."""
    try:
        data, images = await _check_input(request)
        policy = _profile(request, data)
        config = state(request).config
        args = (data, images, policy, config.max_image_bytes, config.max_images)
        # The check is CPU work (a long text, images): keep the event loop free for others.
        result = await run_in_threadpool(_run_check, *args)
    except (PostError, UploadError) as exc:
        raise ApiError(422, str(exc)) from None
    return JSONResponse(result)


def _triage_function() -> Any:
    try:
        from krantentoets.monitor.triage import triage
    except ImportError:
        return None
    return triage


def _triage_dict(result: Any, post_id: Any) -> dict[str, Any]:
    if hasattr(result, "to_dict"):
        out = dict(result.to_dict())
    elif isinstance(result, dict):
        out = dict(result)
    else:
        out = {k: getattr(result, k) for k in ("label", "signal", "advice", "reasons")}
    reasons = out.get("reasons") or []
    return {
        "id": None if post_id is None else str(post_id),
        "label": str(out.get("label")),
        "signal": bool(out.get("signal")),
        "advice": out.get("advice"),
        "reasons": [r if isinstance(r, str | dict) else str(r) for r in reasons],
        "sentiment": out.get("sentiment"),
    }


TRIAGE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": _schema(TriageRequest),
                "example": {"id": "bericht-1", "text": "Wat fijn dat de bibliotheek weer open is!"},
            }
        },
    }
}


@router.post(
    "/triage",
    tags=["monitoring"],
    summary="Beoordeel een binnenkomend bericht",
    responses={200: {"model": TriageResponse}, **ERRORS},
    openapi_extra=TRIAGE_BODY,
)
async def api_triage(request: Request, token: TriageToken) -> JSONResponse:
    """Label (compliment, kritiek, vraag, bewering, misbruik, overig), of Communicatie het moet
    zien (`signal`), het advies volgens MW-3, de redenen en de toon (`sentiment`: positief,
    negatief of neutraal, met een score van -1 tot +1); zoals `krantentoets triage`."""
    triage = _triage_function()
    if triage is None:
        raise ApiError(503, "de beoordeling van binnenkomende berichten is nog niet beschikbaar")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in ("application/json", ""):
        raise ApiError(415, "stuur JSON (application/json)")
    data = await _read_json(request, MAX_TEXT_BODY)
    try:
        body = TriageRequest.model_validate(data)
    except ValidationError as exc:
        raise ApiError(422, _validation_message(exc)) from None
    if not body.text.strip():
        raise ApiError(422, "het bericht is leeg: er is niets te beoordelen")
    if len(body.text) > MAX_TEXT_LENGTH:
        raise ApiError(
            422,
            f"het bericht is {len(body.text):,} tekens lang; het maximum is "
            f"{MAX_TEXT_LENGTH:,} tekens".replace(",", "."),
        )
    policy = _profile(request, {"profile": body.profile})
    result = await run_in_threadpool(triage, body.text, policy)
    return JSONResponse(_triage_dict(result, body.id))


def _validation_message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(x) for x in err.get("loc", ()))
        kind = str(err.get("type", ""))
        what = {
            "missing": "ontbreekt",
            "string_type": "moet tekst zijn",
            "extra_forbidden": "onbekend veld",
            "literal_error": "ongeldige waarde",
        }.get(kind, str(err.get("msg", "ongeldig")))
        parts.append(f"{loc or 'invoer'}: {what}")
    return "ongeldige invoer: " + "; ".join(parts)


@router.get("/mentions", tags=["monitoring"], summary="Opgeslagen vermeldingen")
def api_mentions(
    request: Request,
    token: MentionsToken,
    source: str | None = None,
    since: str | None = None,
    limit: int = 100,
    after: int = 0,
) -> JSONResponse:
    """Wat monitoring heeft opgeslagen (bron, id, adres, auteur, tekst, zichtbaarheid, tijd),
    zoals `krantentoets monitor list --format jsonl`. Een token met de rol `mandataris` ziet
    alleen de vermeldingen van de mandataris met de naam van het token (MA-9)."""
    from krantentoets.auth import Role
    from krantentoets.monitor.listing import list_mentions, parse_since

    if not 1 <= limit <= MAX_MENTIONS:
        raise ApiError(422, f"limit moet tussen 1 en {MAX_MENTIONS} liggen")
    when = None
    if since:
        try:
            when = parse_since(since)
        except ValueError:
            raise ApiError(422, f"since '{since}' is geen datum; gebruik JJJJ-MM-DD") from None
    watcher = token.name if token.role == Role.MANDATARIS.value else None
    rows = list(
        list_mentions(
            state(request).engine,
            source=source,
            since=when,
            watcher=watcher,
            limit=limit,
            after=after,
        )
    )
    # The next page: the same query with after = the last id (absent when this was the last).
    following = rows[-1]["id"] if len(rows) == limit else None
    return JSONResponse({"mentions": rows, "next_after": following})
