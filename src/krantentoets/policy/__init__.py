"""The active policy: the organisation's settings, its profile and the rules it runs.

:func:`load_policy` reads a TOML policy file (or none: the built-in defaults),
validates it and resolves it into a :class:`Policy` that the checker uses as
is. All validation happens here, once; the checker itself never sees a raw
setting.
"""

from __future__ import annotations

import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from krantentoets.detect.phrases import KeywordIndex
from krantentoets.limits import MAX_POLICY_BYTES
from krantentoets.policy.model import PROFILE_IDS, PolicySettings
from krantentoets.policy.profile import Guideline, Profile, builtin_profile
from krantentoets.report import Category, Severity
from krantentoets.rules.base import Hit, Rule, keyword_index
from krantentoets.rules.registry import Registry, UnknownRuleError, builtin_registry

__all__ = ["PROFILE_IDS", "Policy", "PolicyError", "load_policy"]

BUILTIN_SOURCE = "<ingebouwd>"


class PolicyError(ValueError):
    """The policy file cannot be used. The message (Dutch) names file, key and allowed values."""


@dataclass(frozen=True)
class Policy:
    """A validated, resolved policy: what the checker needs and nothing raw."""

    settings: PolicySettings
    profile: Profile
    registry: Registry
    source: str = BUILTIN_SOURCE
    active_rules: tuple[Rule, ...] = field(init=False)
    _severity: Mapping[str, Severity] = field(init=False, repr=False)
    #: What each category cites and quotes, and each guideline's text: resolved once per
    #: policy (the organisation's name is filled in), not once per finding.
    _citations: dict[Category, tuple[tuple[str, ...], tuple[str, ...]]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _guideline_texts: dict[str, str] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _keyword_index: list[KeywordIndex] = field(
        init=False, repr=False, compare=False, default_factory=list
    )

    def __post_init__(self) -> None:
        s = self.settings
        active: list[Rule] = []
        severity: dict[str, Severity] = {}
        for rule in self.registry:
            m = rule.meta
            enabled = s.rules.get(m.category.value, True)
            for key in (m.id, m.name):
                if key in s.rules:
                    enabled = s.rules[key]
            if enabled:
                active.append(rule)
            sev = self.profile.severity.get(m.category, m.severity)
            sev = s.severity.get(m.category.value, sev)
            for key in (m.id, m.name):
                sev = s.severity.get(key, sev)
            severity[m.id] = sev
        object.__setattr__(self, "active_rules", tuple(active))
        object.__setattr__(self, "_severity", severity)

    # -- convenience views ------------------------------------------------
    @property
    def language(self) -> str:
        return self.settings.language

    @property
    def organisation(self) -> str:
        return self.settings.organisation.name

    def severity(self, rule: Rule, hit: Hit | None = None) -> Severity:
        """The rule's severity under this policy; a hit may only lower it."""
        sev = self._severity[rule.meta.id]
        if hit is not None and hit.severity is not None and hit.severity.rank < sev.rank:
            return hit.severity
        return sev

    @property
    def keyword_index(self) -> KeywordIndex:
        """Every rule's keyword lists in one automaton, built on first use."""
        if not self._keyword_index:
            self._keyword_index.append(keyword_index(self))
        return self._keyword_index[0]

    def cite(self, category: Category) -> tuple[str, ...]:
        return self.profile.cite[category]

    def guideline(self, gid: str) -> Guideline:
        return self.profile.guideline(gid, self.organisation)

    def citation(self, category: Category) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The guideline ids a finding of ``category`` cites, and what it quotes from each."""
        found = self._citations.get(category)
        if found is None:
            cited = self.cite(category)
            found = (cited, tuple(self.quote(category, gid) for gid in cited))
            self._citations[category] = found
        return found

    def guideline_text(self, gid: str) -> str:
        """The text of guideline ``gid`` with the organisation's name filled in."""
        text = self._guideline_texts.get(gid)
        if text is None:
            text = self._guideline_texts[gid] = self.guideline(gid).text
        return text

    def quote(self, category: Category, gid: str) -> str:
        """The sentences of guideline ``gid`` that a finding of ``category`` quotes."""
        return self.profile.quote(category, gid, self.organisation)

    def with_profile(self, profile_id: str) -> Policy:
        settings = self.settings.model_copy(update={"profile": profile_id})
        return Policy(settings, builtin_profile(profile_id), self.registry, self.source)


def default_policy(profile: str = "medewerkers") -> Policy:
    """The built-in policy for a profile, without an organisation file."""
    return _resolve(PolicySettings(profile=profile), BUILTIN_SOURCE)  # type: ignore[arg-type]


def load_policy(path: str | Path | None = None, profile: str | None = None) -> Policy:
    """Load and validate a policy file; ``profile`` overrides the file's profile.

    Raises :class:`PolicyError` with a one-line Dutch message on any problem.
    """
    if profile is not None and profile not in PROFILE_IDS:
        raise PolicyError(f"onbekend profiel '{profile}'; kies uit: {', '.join(PROFILE_IDS)}")
    if path is None:
        return default_policy(profile or "medewerkers")
    p = Path(path)
    try:
        if not stat.S_ISREG(p.stat().st_mode):
            raise PolicyError(
                f"{p}: geen gewoon bestand (een map of apparaat kan geen beleidsbestand zijn)"
            )
        with p.open("rb") as fh:
            raw = fh.read(MAX_POLICY_BYTES + 1)
        if len(raw) > MAX_POLICY_BYTES:
            raise PolicyError(
                f"{p}: het beleidsbestand is groter dan {MAX_POLICY_BYTES // (1024 * 1024)} MB"
            )
    except FileNotFoundError:
        raise PolicyError(f"{p}: beleidsbestand niet gevonden") from None
    except OSError as exc:
        raise PolicyError(f"{p}: beleidsbestand niet te lezen ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PolicyError(f"{p}: geen geldige UTF-8 op byte {exc.start}") from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{p}: geen geldige TOML: {exc}") from None
    return parse_policy(data, str(p), profile)


def parse_policy(data: dict[str, Any], source: str, profile: str | None = None) -> Policy:
    """Validate already-parsed policy data (``source`` names it in errors)."""
    if profile is not None:
        data = {**data, "profile": profile}
    try:
        settings = PolicySettings.model_validate(data)
    except ValidationError as exc:
        raise PolicyError(_describe(exc, source)) from None
    return _resolve(settings, source)


def _resolve(settings: PolicySettings, source: str) -> Policy:
    registry = builtin_registry()
    categories = {c.value for c in Category}
    for section in ("rules", "severity"):
        for key in getattr(settings, section):
            if key in categories:
                continue
            try:
                registry.resolve(key)
            except UnknownRuleError:
                allowed = ", ".join(sorted(categories)) + "; of een regel-id (krantentoets rules)"
                raise PolicyError(
                    f"{source}: [{section}] onbekende regel of categorie '{key}'; "
                    f"toegestaan: {allowed}"
                ) from None
    return Policy(settings, builtin_profile(settings.profile), registry, source)


# -- error messages ------------------------------------------------------------


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside an annotation such as ``list[X]``, ``X | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The allowed keys at ``loc`` (the location of an unknown key)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):  # an index into a list of tables
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = _model_in(fields[part].annotation)
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _describe(exc: ValidationError, source: str) -> str:
    err = exc.errors()[0]
    loc = tuple(err["loc"])
    # Tables in an array count from 1 for readers: monitor.sources[1].url
    key = "".join(f"[{x + 1}]" if isinstance(x, int) else f".{x}" for x in loc).lstrip(".")
    key = key or "(bestand)"
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        allowed = ", ".join(_field_names(PolicySettings, loc))
        return f"{source}: onbekende sleutel '{key}'; toegestaan: {allowed}"
    if kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        expected = expected.replace(" or ", ", ")
        return f"{source}: ongeldige waarde {value!r} voor '{key}'; toegestaan: {expected}"
    if kind.endswith("_type") or kind == "model_type":
        wanted = {
            "string_type": "tekst tussen aanhalingstekens",
            "bool_type": "true of false",
            "list_type": 'een lijst, bijvoorbeeld ["a", "b"]',
            "dict_type": "een tabel",
            "model_type": "een tabel",
        }.get(kind, kind)
        return f"{source}: '{key}' heeft een ongeldige waarde {value!r}; verwacht: {wanted}"
    return f"{source}: '{key}': {err['msg']}"
