"""Faces in an image file, with OpenCV's Haar cascades (frontal and profile).

OpenCV is imported and the cascades are loaded only when an image is checked,
once per process, so a text-only check never pays for them. Images are read
from bytes (``cv2.imdecode``), so any path works, and scaled down so that the
longer side is at most :data:`WORK_SIDE` pixels: Haar cascades are slow on
large photos and gain little from the extra detail.

Haar cascades are a classic, light detector: they find most upright faces that
look at the camera or to the side, and miss small, tilted or partly hidden
faces. Good enough to remind someone to ask for consent; not a count to rely on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

#: Longer side (pixels) images are scaled down to before detection.
WORK_SIDE = 640
#: Larger files are not read at all.
MAX_FILE_BYTES = 30 * 1024 * 1024
#: Smallest face, as a fraction of the image's shorter side (and never below 24 px).
MIN_FACE_FRACTION = 1 / 16
#: Haar parameters: scale step and how many overlapping detections confirm a face.
SCALE_FACTOR = 1.1
MIN_NEIGHBOURS = 5


class ImageUnreadable(Exception):
    """The image cannot be read. ``reason`` is a short Dutch explanation for the user."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Face:
    """A face box in the original image's pixels; ``view`` is ``frontal`` or ``profile``."""

    x: int
    y: int
    w: int
    h: int
    view: str

    def contains_centre_of(self, other: Face) -> bool:
        cx, cy = other.x + other.w / 2, other.y + other.h / 2
        return self.x <= cx <= self.x + self.w and self.y <= cy <= self.y + self.h

    def overlaps(self, other: Face) -> bool:
        """True when the boxes are most likely the same face.

        They are when the overlap covers at least 30% of the smaller box, or when
        one box holds the other's centre (a frontal and a profile box of one face).
        """
        ix = max(0, min(self.x + self.w, other.x + other.w) - max(self.x, other.x))
        iy = max(0, min(self.y + self.h, other.y + other.h) - max(self.y, other.y))
        smaller = min(self.w * self.h, other.w * other.h)
        if smaller > 0 and ix * iy / smaller >= 0.3:
            return True
        return self.contains_centre_of(other) or other.contains_centre_of(self)


@cache
def _cascades() -> tuple[Any, Any]:
    import cv2

    base = Path(cv2.data.haarcascades)
    # alt2 rather than default: as sensitive on real faces, far fewer false faces
    # on textures (coins, cells, the moon) in our tests
    frontal = cv2.CascadeClassifier(str(base / "haarcascade_frontalface_alt2.xml"))
    profile = cv2.CascadeClassifier(str(base / "haarcascade_profileface.xml"))
    if frontal.empty() or profile.empty():  # pragma: no cover - broken OpenCV install
        raise RuntimeError(f"OpenCV face cascades not found in {base}")
    return frontal, profile


def read_gray(path: str | Path) -> Any:
    """The image at ``path`` as a grey-scale array; raises :class:`ImageUnreadable`."""
    import cv2
    import numpy as np

    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise ImageUnreadable(p, "het bestand bestaat niet") from None
    except OSError as exc:
        raise ImageUnreadable(p, f"het bestand is niet te openen ({exc.strerror})") from None
    if not p.is_file():
        raise ImageUnreadable(p, "dit is geen bestand")
    if size == 0:
        raise ImageUnreadable(p, "het bestand is leeg")
    if size > MAX_FILE_BYTES:
        raise ImageUnreadable(p, f"het bestand is groter dan {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        data = np.fromfile(p, dtype=np.uint8)
    except OSError as exc:
        raise ImageUnreadable(p, f"het bestand is niet te lezen ({exc.strerror})") from None
    try:
        image = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
    except cv2.error:
        image = None
    if image is None or image.size == 0:
        raise ImageUnreadable(p, "dit is geen afbeelding die ik kan lezen (JPEG, PNG, WebP, ...)")
    return image


def detect_faces_in(gray: Any) -> tuple[Face, ...]:
    """Faces in a grey-scale image array, in the array's pixels."""
    import cv2

    h, w = gray.shape[:2]
    scale = min(1.0, WORK_SIDE / max(h, w))
    work = gray
    if scale < 1.0:
        work = cv2.resize(gray, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    work = cv2.equalizeHist(work)
    wh, ww = work.shape[:2]
    side = max(24, round(min(wh, ww) * MIN_FACE_FRACTION))
    min_size = (side, side)
    frontal, profile = _cascades()

    def run(cascade: Any, image: Any) -> list[tuple[int, int, int, int]]:
        boxes = cascade.detectMultiScale(
            image, scaleFactor=SCALE_FACTOR, minNeighbors=MIN_NEIGHBOURS, minSize=min_size
        )
        return [tuple(int(v) for v in b) for b in boxes]  # type: ignore[misc]

    candidates = [Face(x, y, bw, bh, "frontal") for x, y, bw, bh in run(frontal, work)]
    # The profile cascade finds faces turned one way; mirror the image for the other way.
    profiles = run(profile, work)
    profiles += [(ww - x - bw, y, bw, bh) for x, y, bw, bh in run(profile, cv2.flip(work, 1))]
    candidates += [Face(x, y, bw, bh, "profile") for x, y, bw, bh in profiles]
    found: list[Face] = []
    for face in candidates:  # frontal first: a face seen both ways counts as frontal
        if not any(face.overlaps(f) for f in found):
            found.append(face)
    inv = 1.0 / scale
    return tuple(
        Face(round(f.x * inv), round(f.y * inv), round(f.w * inv), round(f.h * inv), f.view)
        for f in sorted(found, key=lambda f: (f.x, f.y))
    )


def detect_faces(path: str | Path) -> tuple[Face, ...]:
    """Faces in the image file at ``path``; raises :class:`ImageUnreadable`.

    Results are cached per file version (path, size, modification time): a draft
    is often checked again after an edit to its text, with the same photo.
    """
    p = Path(path)
    try:
        st = p.stat()
    except OSError:
        return detect_faces_in(read_gray(p))  # read_gray raises the right error
    return _detect_cached(str(p.resolve()), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=64)
def _detect_cached(path: str, size: int, mtime_ns: int) -> tuple[Face, ...]:
    return detect_faces_in(read_gray(path))
