"""Anchors: the chain head, signed, written outside the database.

Someone with write access to the database can cut records off the end of the
chain, or change a record and re-seal everything after it (and the head): the
chain then verifies. An *anchor* written earlier to a place they cannot reach
reveals both: ``archive verify`` checks that the anchored record still carries
the anchored hash.

An anchor is a small JSON file ``krantentoets-anker-<seq>-<time>-<random>.json`` in the
folder the beheerder names (policy ``[archive] anchor_dir`` or the environment
variable ``KRANTENTOETS_ANCHOR_DIR``; ideally storage the database users
cannot write: another server, a WORM share). It holds the last sequence number
and hash, the time, and an Ed25519 signature (``cryptography``) made with the
installation's key, generated once and kept in the data folder
(``archive-anchor-key.pem``, mode 0600) like the secret key. Anchors are
written after every append batch and by ``krantentoets archive anchor``
(daily, from cron); when ``[archive.anchor_email]`` or
``[archive.anchor_webhook]`` is set the command line also sends the anchor to
the records officer, with the same senders as the monitoring digest.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from krantentoets.archive.canonical import canonical_json

ENV_ANCHOR_DIR = "KRANTENTOETS_ANCHOR_DIR"
KEY_FILE = "archive-anchor-key.pem"
PREFIX = "krantentoets-anker-"
ALGORITHM = "Ed25519"


class AnchorError(RuntimeError):
    """An anchor cannot be written, read or trusted. The message (Dutch) says why."""


@dataclass(frozen=True, slots=True)
class Anchor:
    seq: int
    hash: str
    at: str
    public_key: str  # raw Ed25519 public key, base64
    signature: str  # base64
    path: Path | None = None

    def signed_part(self) -> dict[str, Any]:
        return {
            "algorithm": ALGORITHM,
            "at": self.at,
            "hash": self.hash,
            "public_key": self.public_key,
            "seq": self.seq,
        }

    def to_json(self) -> str:
        return json.dumps({**self.signed_part(), "signature": self.signature}, indent=2) + "\n"

    def message(self) -> str:
        """The anchor as a short Dutch text (for e-mail and chat)."""
        return (
            f"Anker van het archief: record nr. {self.seq}, hash {self.hash}, "
            f"vastgelegd {self.at}. Handtekening ({ALGORITHM}): {self.signature}. "
            "Bewaar dit bericht: krantentoets archive verify --anchor "
            f"{self.seq}:{self.hash} toont later dat de keten sindsdien niet is herschreven."
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def load_or_create_key(data_dir: Path) -> Ed25519PrivateKey:
    """The installation's signing key, created on first use (race-free, mode 0600)."""
    path = data_dir / KEY_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        tmp = data_dir / f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError) as exc:
        raise AnchorError(f"{path}: geen geldige sleutel ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise AnchorError(f"{path}: geen Ed25519-sleutel")
    return key


def make_anchor(
    key: Ed25519PrivateKey, seq: int, digest: str, at: datetime | None = None
) -> Anchor:
    moment = (at or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    unsigned = Anchor(seq, digest, moment, _b64(_raw_public(key.public_key())), "")
    signature = key.sign(canonical_json(unsigned.signed_part()).encode("utf-8"))
    return Anchor(seq, digest, moment, unsigned.public_key, _b64(signature))


def write_anchor(folder: Path, anchor: Anchor) -> Path:
    """Write ``anchor`` into ``folder`` atomically; returns its path."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = anchor.at.replace("-", "").replace(":", "")
        path = folder / f"{PREFIX}{anchor.seq:012d}-{stamp}-{secrets.token_hex(3)}.json"
        tmp = folder / f".{path.name}.{secrets.token_hex(4)}"
        tmp.write_text(anchor.to_json(), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise AnchorError(f"anker niet te schrijven in {folder}: {exc.strerror or exc}") from None
    return path


def read_anchor(path: Path) -> Anchor:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Anchor(
            int(data["seq"]),
            str(data["hash"]),
            str(data["at"]),
            str(data["public_key"]),
            str(data["signature"]),
            path,
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AnchorError(f"{path}: geen leesbaar anker ({exc})") from None


def latest_anchor(folder: Path) -> Anchor | None:
    """The anchor with the highest sequence number (the newest among equals)."""
    if not folder.is_dir():
        return None
    names = sorted(p.name for p in folder.glob(f"{PREFIX}*.json"))
    return read_anchor(folder / names[-1]) if names else None


def check_signature(anchor: Anchor, key: Ed25519PublicKey) -> None:
    """Raise :class:`AnchorError` unless ``anchor`` was signed with ``key``."""
    if anchor.public_key != _b64(_raw_public(key)):
        raise AnchorError(
            f"{anchor.path}: het anker is niet ondertekend met de sleutel van deze installatie"
        )
    try:
        key.verify(
            base64.b64decode(anchor.signature),
            canonical_json(anchor.signed_part()).encode("utf-8"),
        )
    except (InvalidSignature, ValueError):
        raise AnchorError(f"{anchor.path}: de handtekening van het anker klopt niet") from None


@dataclass
class Anchoring:
    """Where anchors go for one installation, and whom they are sent to."""

    folder: Path
    data_dir: Path
    email: Any = None  # krantentoets.policy.model.MonitorEmail
    webhook: Any = None  # krantentoets.policy.model.MonitorWebhook
    now: Callable[[], datetime] | None = None

    @classmethod
    def from_settings(cls, archive_settings: Any, data_dir: Path) -> Anchoring | None:
        """From the policy's ``[archive]`` section; the environment variable wins."""
        folder = os.environ.get(ENV_ANCHOR_DIR, "").strip() or getattr(
            archive_settings, "anchor_dir", None
        )
        if not folder:
            return None
        return cls(
            Path(folder).expanduser(),
            data_dir,
            getattr(archive_settings, "anchor_email", None),
            getattr(archive_settings, "anchor_webhook", None),
        )

    def key(self) -> Ed25519PrivateKey:
        return load_or_create_key(self.data_dir)

    def write(self, seq: int, digest: str) -> Anchor:
        anchor = make_anchor(self.key(), seq, digest, self.now() if self.now else None)
        path = write_anchor(self.folder, anchor)
        return Anchor(anchor.seq, anchor.hash, anchor.at, anchor.public_key, anchor.signature, path)

    def latest(self) -> Anchor | None:
        """The latest anchor in the folder, its signature checked against this installation."""
        anchor = latest_anchor(self.folder)
        if anchor is not None:
            check_signature(anchor, self.key().public_key())
        return anchor
