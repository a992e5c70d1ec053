"""Settings of the web app, read once from the environment (or given by tests).

Environment variables:

- ``KRANTENTOETS_DATABASE_URL`` / ``KRANTENTOETS_DATA_DIR``: see :mod:`krantentoets.store`.
- ``KRANTENTOETS_SECRET_KEY``: signs session cookies. When unset, a random key
  is generated on first start and kept in ``<data dir>/secret_key`` (mode 0600),
  so every worker and every restart uses the same one.
- ``KRANTENTOETS_SECURE_COOKIES``: ``auto`` (default: Secure when the request came
  over https, also behind a proxy that sets ``X-Forwarded-Proto``), ``1`` or ``0``.
- ``KRANTENTOETS_POLICY``: the organisation's policy file (TOML); default: built-in.
- ``KRANTENTOETS_DEMO``: ``1`` shows the demo banner and the demo accounts on the
  login page (set by ``krantentoets demo``).
- ``KRANTENTOETS_TRUSTED_PROXIES``: reverse proxies whose ``X-Forwarded-For`` and
  ``X-Forwarded-Proto`` are believed (see :mod:`krantentoets.web.proxy`); empty by default.
- ``KRANTENTOETS_API_RATE``: API requests per second per token and worker (default 50,
  bursts up to twice that; ``0`` switches the limit off).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from krantentoets.web.proxy import Network, ProxySettingError, trusted_proxies_from_env

ENV_SECRET_KEY = "KRANTENTOETS_SECRET_KEY"
ENV_SECURE_COOKIES = "KRANTENTOETS_SECURE_COOKIES"
ENV_POLICY = "KRANTENTOETS_POLICY"
ENV_DEMO = "KRANTENTOETS_DEMO"
ENV_API_RATE = "KRANTENTOETS_API_RATE"
SECRET_KEY_FILE = "secret_key"
#: Smallest secret we accept from the environment (bytes of text).
MIN_SECRET_LENGTH = 32

SecureCookies = Literal["auto", "always", "never"]


class ConfigError(RuntimeError):
    """A setting is unusable; the message (Dutch) names the variable."""


@dataclass(frozen=True)
class WebConfig:
    database_url: str | None = None
    secret_key: str = ""
    secure_cookies: SecureCookies = "auto"
    policy_path: str | None = None
    demo: bool = False
    #: Largest upload (bytes) per image on the check page and API.
    max_image_bytes: int = 10 * 1024 * 1024
    max_images: int = 4
    #: Reverse proxies whose forwarding headers are believed (none by default).
    trusted_proxies: tuple[Network, ...] = ()
    #: API requests per second per token in each worker; 0 = no limit.
    api_rate: float = 50.0


def load_secret_key(data_dir: Path) -> str:
    """``KRANTENTOETS_SECRET_KEY``, else the key in ``data_dir``, created on first start.

    Creation is race-free across workers: the key is written to a temporary
    file and hard-linked into place; whoever loses the race reads the winner's.
    """
    env = os.environ.get(ENV_SECRET_KEY, "").strip()
    if env:
        if len(env) < MIN_SECRET_LENGTH:
            raise ConfigError(
                f"{ENV_SECRET_KEY} is te kort: gebruik minstens {MIN_SECRET_LENGTH} tekens "
                "(bijvoorbeeld: python -c 'import secrets; print(secrets.token_urlsafe(48))')"
            )
        return env
    path = data_dir / SECRET_KEY_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        tmp = data_dir / f".{SECRET_KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    key = path.read_text(encoding="utf-8").strip()
    if len(key) < MIN_SECRET_LENGTH:
        raise ConfigError(f"{path}: de geheime sleutel is te kort of leeg; verwijder het bestand")
    return key


def _secure_cookies() -> SecureCookies:
    raw = os.environ.get(ENV_SECURE_COOKIES, "auto").strip().lower()
    if raw in ("auto", ""):
        return "auto"
    if raw in ("1", "true", "ja", "yes", "always"):
        return "always"
    if raw in ("0", "false", "nee", "no", "never"):
        return "never"
    raise ConfigError(f"{ENV_SECURE_COOKIES}: ongeldige waarde '{raw}'; kies uit: auto, 1, 0")


def config_from_env(database_url: str | None = None) -> WebConfig:
    """The configuration from the environment (``database_url`` overrides the variable)."""
    from krantentoets.store import data_dir

    try:
        trusted = trusted_proxies_from_env()
    except ProxySettingError as exc:
        raise ConfigError(str(exc)) from None
    return WebConfig(
        database_url=database_url,
        trusted_proxies=trusted,
        api_rate=_api_rate(),
        secret_key=load_secret_key(data_dir()),
        secure_cookies=_secure_cookies(),
        policy_path=os.environ.get(ENV_POLICY) or None,
        demo=os.environ.get(ENV_DEMO, "") == "1",
    )


def _api_rate() -> float:
    raw = os.environ.get(ENV_API_RATE, "").strip()
    if not raw:
        return WebConfig.api_rate
    try:
        rate = float(raw)
    except ValueError:
        rate = -1.0
    if not 0 <= rate <= 100_000:
        raise ConfigError(
            f"{ENV_API_RATE}: ongeldige waarde '{raw}'; geef een aantal verzoeken per seconde "
            "(0 = geen limiet)"
        )
    return rate
