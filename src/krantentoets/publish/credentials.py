"""Account credentials, encrypted with a key derived from the installation's secret.

The installation's secret (``KRANTENTOETS_SECRET_KEY`` or the generated key in
the data folder, the one that signs the web sessions) never encrypts anything
itself: HKDF-SHA256 derives a separate 32-byte key for credentials, used with
Fernet (AES-128-CBC + HMAC-SHA256, authenticated). A changed secret makes
stored credentials unreadable: the account must then be connected again, and
the message says so. Credentials are a JSON object per platform (access token,
refresh token, app password, session), never logged and never shown again.

An account may instead name an environment variable (``credentials_env``) that
holds the same JSON object; then nothing secret is stored in the database.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

__all__ = ["CredentialError", "Vault", "installation_vault"]

_INFO = b"krantentoets publish account credentials v1"
_SALT = b"krantentoets"


class CredentialError(RuntimeError):
    """Credentials cannot be read or stored. The message (Dutch) says what to do."""


class Vault:
    """Encrypts and decrypts credential objects with a key derived from ``secret``."""

    def __init__(self, secret: str) -> None:
        if not secret:
            raise CredentialError("geen geheime sleutel: stel KRANTENTOETS_SECRET_KEY in")
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=_INFO).derive(
            secret.encode("utf-8")
        )
        self._fernet = Fernet(base64.urlsafe_b64encode(key))

    def seal(self, credentials: dict[str, Any]) -> str:
        return self._fernet.encrypt(json.dumps(credentials, sort_keys=True).encode()).decode()

    def open(self, token: str) -> dict[str, Any]:
        try:
            data = json.loads(self._fernet.decrypt(token.encode()))
        except (InvalidToken, ValueError):
            raise CredentialError(
                "de opgeslagen inloggegevens zijn niet te lezen (is de geheime sleutel van "
                "deze installatie veranderd?); koppel het account opnieuw"
            ) from None
        if not isinstance(data, dict):
            raise CredentialError("de opgeslagen inloggegevens zijn onbruikbaar; koppel opnieuw")
        return data


def from_environment(name: str) -> dict[str, Any]:
    """The credentials in environment variable ``name``: JSON, or a bare access token."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        raise CredentialError(f"omgevingsvariabele {name} is leeg of ontbreekt")
    if raw.startswith("{"):
        try:
            data = json.loads(raw)
        except ValueError:
            raise CredentialError(f"omgevingsvariabele {name} bevat geen geldige JSON") from None
        if isinstance(data, dict):
            return data
        raise CredentialError(f"omgevingsvariabele {name} moet een JSON-object zijn")
    return {"access_token": raw}


def installation_vault() -> Vault:
    """The vault of this installation (the same secret as the web app's)."""
    from krantentoets.store import data_dir
    from krantentoets.web.config import load_secret_key

    return Vault(load_secret_key(data_dir()))
