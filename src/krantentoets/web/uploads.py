"""Attached images from the check page and the API: validated, written to a temporary folder.

The checker reads images from paths (``Post.images``); an upload is written to
a private temporary folder that is removed when the check is done. Only JPEG,
PNG, GIF and WebP are accepted, recognised by their first bytes rather than by
name or declared type; size and number are limited.
"""

from __future__ import annotations

import base64
import binascii
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class UploadError(ValueError):
    """An upload that cannot be used; the message is Dutch."""


def sniff(data: bytes) -> str | None:
    """The file suffix for image bytes, or ``None`` when they are no supported image."""
    if data.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return ".gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    return None


def decode_base64(value: str, index: int) -> bytes:
    """Decode a base64 image (a ``data:image/...;base64,`` prefix is allowed)."""
    if value.startswith("data:"):
        _, _, value = value.partition(",")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise UploadError(f"afbeelding {index}: geen geldige base64") from None


@contextmanager
def saved_images(
    images: list[tuple[str, bytes]], *, max_bytes: int, max_count: int
) -> Iterator[tuple[Path, ...]]:
    """Write ``(name, bytes)`` images to a temporary folder; yield their paths; clean up."""
    if len(images) > max_count:
        raise UploadError(f"te veel afbeeldingen: hoogstens {max_count} per bericht")
    for index, (name, data) in enumerate(images, start=1):
        label = name or f"afbeelding {index}"
        if not data:
            raise UploadError(f"{label}: het bestand is leeg")
        if len(data) > max_bytes:
            raise UploadError(
                f"{label}: het bestand is te groot (hoogstens {max_bytes // (1024 * 1024)} MB)"
            )
        if sniff(data) is None:
            raise UploadError(f"{label}: dit is geen JPEG-, PNG-, GIF- of WebP-afbeelding")
    if not images:
        yield ()
        return
    folder = Path(tempfile.mkdtemp(prefix="krantentoets-upload-"))
    try:
        paths = []
        for index, (_, data) in enumerate(images, start=1):
            path = folder / f"afbeelding-{index}{sniff(data)}"
            path.write_bytes(data)
            paths.append(path)
        yield tuple(paths)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
