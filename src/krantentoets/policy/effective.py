"""The effective policy: the policy file (TOML) with the settings changed in the app laid over it.

The policy file bootstraps an installation; what an organisation changes over
time (its name, topics, contacts, sources, ...) is changed in the app and kept
in the database as *overrides*, one per setting key. A key is ``section.field``
for a field of a section (``spokesperson.topics``) and the field name for a
top-level setting (``profile``, ``rules``). :func:`apply_overrides` lays them
over the file's data and validates the result with the same model as the file
(:class:`~krantentoets.policy.model.PolicySettings`): a value the file would
refuse, the app refuses too, with the same message.

:func:`to_toml` writes the effective policy back as a policy file
(``krantentoets policy export``); :func:`diff_keys` says which keys of an
imported file differ from the bootstrap file (``krantentoets policy import``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from krantentoets.policy import Policy, PolicyError, parse_policy
from krantentoets.policy.model import PolicySettings, Section

__all__ = [
    "SETTINGS",
    "Setting",
    "all_keys",
    "apply_overrides",
    "diff_keys",
    "file_data",
    "get_value",
    "to_toml",
]

APP_SOURCE = "instellingen in de app"


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting the app lets people change.

    ``kind``: ``text`` (one line), ``lines`` (a list, one item a line) or
    ``toml`` (a table or a list of tables, written as in the policy file).
    ``roles``: who may change it (the beheerder may change everything).
    """

    key: str
    label: str
    hint: str
    kind: str = "text"
    roles: tuple[str, ...] = ("beheerder",)
    group: str = "Organisatie"


COMMS = ("beheerder", "communicatie")

#: What the settings page offers, in page order.
SETTINGS: tuple[Setting, ...] = (
    Setting(
        "organisation.name",
        "Naam van de organisatie",
        "Zoals in de kop van elke pagina en in de richtlijnen, bijvoorbeeld 'gemeente Leeuwarden'.",
    ),
    Setting(
        "organisation.website", "Website", "Het adres van de website, zoals https://www.example.nl."
    ),
    Setting(
        "organisation.timezone",
        "Tijdzone",
        "Waarin de app tijden toont, zoals Europe/Amsterdam of Europe/Brussels.",
    ),
    Setting(
        "organisation.communications",
        "Naam van het team Communicatie",
        "Zo noemt de controle het team in zijn adviezen.",
        roles=COMMS,
    ),
    Setting(
        "organisation.aliases",
        "Andere namen van de organisatie",
        "Eén per regel. De inbox herkent berichten over de organisatie ook aan deze namen.",
        "lines",
        COMMS,
    ),
    Setting(
        "allowlist.phones",
        "Openbare telefoonnummers van de organisatie",
        "Eén per regel. Deze nummers ziet de controle nooit als privégegevens (zoals 14 058).",
        "lines",
        COMMS,
        "Contactgegevens",
    ),
    Setting(
        "allowlist.emails",
        "Openbare e-mailadressen van de organisatie",
        "Eén per regel, zoals info@example.nl.",
        "lines",
        COMMS,
        "Contactgegevens",
    ),
    Setting(
        "allowlist.addresses",
        "Openbare adressen van de organisatie",
        "Eén per regel, zoals het adres van het stadskantoor.",
        "lines",
        COMMS,
        "Contactgegevens",
    ),
    Setting(
        "spokesperson.topics",
        "Woordvoeringsonderwerpen",
        "Eén per regel. Gaat een concept hierover, dan vraagt de controle eerst af te stemmen "
        "(bovenop de ingebouwde onderwerpen zoals incidenten en rechtszaken).",
        "lines",
        COMMS,
        "Woordvoering",
    ),
    Setting(
        "spokesperson.align_with",
        "Met wie stem je af",
        "Zo staat het in het advies, bijvoorbeeld 'je leidinggevende en de afdeling Communicatie'.",
        roles=COMMS,
        group="Woordvoering",
    ),
    Setting(
        "confidential.terms",
        "Vertrouwelijke dossiers",
        "Eén per regel: namen van dossiers waarover nog niets naar buiten mag.",
        "lines",
        COMMS,
        "Woordvoering",
    ),
    Setting(
        "archive.office_holders",
        "Eigen bestuurders en ambtsdragers",
        "Eén naam per regel: wethouders, raadsleden, de burgemeester. Hun namen blijven "
        "leesbaar in een Woo-export; namen van inwoners worden weggelakt.",
        "lines",
        COMMS,
        "Archief",
    ),
    Setting(
        "archive.retention_years",
        "Bewaartermijnen",
        'Per soort record het aantal jaren, of "permanent". Voorbeeld: post = 10',
        "toml",
        group="Archief",
    ),
    Setting(
        "monitor.sources",
        "Bronnen voor de inbox",
        "Waar de inbox naar luistert: nieuwsfeeds, Mastodon, Bluesky of een export. "
        'Per bron een blok [[sources]] met kind = "rss" en url = "...", zoals in het '
        "beleidsbestand (zie docs/monitoring.md).",
        "toml",
        group="Inbox",
    ),
    Setting(
        "monitor.email",
        "Overzicht per e-mail",
        'Een blok [email] met host, sender en recipients = ["..."]. Leeg: geen e-mail.',
        "toml",
        group="Inbox",
    ),
    Setting(
        "monitor.webhook",
        "Overzicht in een chatkanaal",
        'Een blok [webhook] met url_env = "NAAM_VAN_VARIABELE" (of url) en flavour. Leeg: geen.',
        "toml",
        group="Inbox",
    ),
)

BY_KEY = {s.key: s for s in SETTINGS}


def _is_section(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Section)


def all_keys() -> list[str]:
    """Every key an override may have: ``section.field`` or a top-level field."""
    keys = []
    for name, info in PolicySettings.model_fields.items():
        if _is_section(info.annotation):
            keys += [f"{name}.{f}" for f in info.annotation.model_fields]  # type: ignore[union-attr]
        else:
            keys.append(name)
    return keys


def get_value(data: Mapping[str, Any], key: str) -> Any:
    """The value at ``key`` in raw policy data, or ``None`` when absent."""
    current: Any = data
    for part in key.split("."):
        if not isinstance(current, Mapping) or part not in current:
            return None
        current = current[part]
    return current


def _set(data: dict[str, Any], key: str, value: Any) -> None:
    parts = key.split(".")
    current = data
    for part in parts[:-1]:
        current = current.setdefault(part, {})
    if value is None:
        current.pop(parts[-1], None)
    else:
        current[parts[-1]] = value


def file_data(path: str | Path | None) -> dict[str, Any]:
    """The policy file's raw data (``{}`` without a file); errors as :class:`PolicyError`."""
    if path is None:
        return {}
    p = Path(path)
    try:
        return tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PolicyError(f"{p}: beleidsbestand niet gevonden") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PolicyError(f"{p}: niet te lezen: {exc}") from None


def apply_overrides(
    base: Mapping[str, Any],
    overrides: Mapping[str, Any],
    *,
    source: str,
    profile: str | None = None,
) -> Policy:
    """The validated policy: ``base`` (the file's data) with ``overrides`` laid over it."""
    data = _deep_copy(base)
    for key, value in overrides.items():
        _set(data, key, value)
    if overrides:
        source = f"{source} + {APP_SOURCE}" if source else APP_SOURCE
    return parse_policy(data, source or APP_SOURCE, profile)


def _deep_copy(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _deep_copy(v) if isinstance(v, Mapping) else v for k, v in data.items()}


def _dump(settings: PolicySettings) -> dict[str, Any]:
    return settings.model_dump(mode="json", exclude_none=True)


def diff_keys(new: PolicySettings, base: PolicySettings) -> dict[str, Any]:
    """Keys whose value in ``new`` differs from ``base``, with ``new``'s value (JSON data)."""
    a, b = _dump(new), _dump(base)
    return {key: get_value(a, key) for key in all_keys() if get_value(a, key) != get_value(b, key)}


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        out = {k: _drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in ({}, None)}
    return value


def to_toml(settings: PolicySettings, header: str = "") -> str:
    """The settings as a policy file: what differs from the built-in defaults."""
    import tomli_w

    data = _drop_empty(settings.model_dump(mode="json", exclude_none=True, exclude_defaults=True))
    text = tomli_w.dumps(data)
    if header:
        text = "".join(f"# {line}\n".replace("# \n", "#\n") for line in header.splitlines()) + (
            "\n" + text
        )
    return text


# -- the settings page's form values ------------------------------------------------


def to_form(setting: Setting, value: Any) -> str:
    """A value as the page's field shows it."""
    if value is None:
        return ""
    if setting.kind == "lines":
        return "\n".join(str(v) for v in value)
    if setting.kind == "toml":
        import tomli_w

        name = setting.key.rsplit(".", 1)[1]
        return tomli_w.dumps({name: value}) if value not in ({}, []) else ""
    return str(value)


def from_form(setting: Setting, text: str) -> Any:
    """A field's text as a policy value (``None``: no value). Raises :class:`PolicyError`."""
    text = text.replace("\r\n", "\n").strip()
    if setting.kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if setting.kind == "toml":
        if not text:
            return None
        name = setting.key.rsplit(".", 1)[1]
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise PolicyError(f"{setting.label}: geen geldige TOML: {exc}") from None
        if set(data) != {name}:
            raise PolicyError(
                f"{setting.label}: verwacht alleen '{name}' (bijvoorbeeld een blok [{name}] "
                f"of [[{name}]]), niet: {', '.join(sorted(data)) or 'niets'}"
            )
        return data[name]
    return text or None
