"""The face detector (OpenCV Haar cascades) on small public-domain / CC0 photos."""

from __future__ import annotations

from pathlib import Path

import pytest

from krantentoets.detect.faces import Face, ImageUnreadable, detect_faces, read_gray
from krantentoets.rules.portrait import example_image

IMAGES = Path(__file__).resolve().parent / "data" / "images"


def test_frontal_face_box_is_on_the_face() -> None:
    (face,) = detect_faces(example_image())
    assert face.view == "frontal"
    # the astronaut's face is in the upper middle of the 256x256 photo
    assert 60 < face.x + face.w / 2 < 150 and 30 < face.y + face.h / 2 < 90


def test_mirrored_profile_boxes_are_in_original_coordinates() -> None:
    faces = detect_faces(IMAGES / "two_faces.jpg")
    assert [f.view for f in faces] == ["frontal", "profile"]
    # the second photo (the profile) is the right half of the 512-pixel-wide image
    assert faces[1].x > 256


def test_no_face() -> None:
    assert detect_faces(IMAGES / "no_face.jpg") == ()


def test_large_images_are_scaled_and_boxes_scaled_back(tmp_path: Path) -> None:
    import cv2

    big = cv2.resize(cv2.imread(example_image()), (800, 800), interpolation=cv2.INTER_CUBIC)
    path = tmp_path / "groot.png"
    cv2.imwrite(str(path), big)
    (face,) = detect_faces(path)
    assert 190 < face.x + face.w / 2 < 470


def test_overlap() -> None:
    a = Face(0, 0, 10, 10, "frontal")
    assert a.overlaps(Face(2, 2, 10, 10, "profile"))
    assert not a.overlaps(Face(20, 0, 10, 10, "profile"))


def test_unreadable(tmp_path: Path) -> None:
    with pytest.raises(ImageUnreadable, match="bestaat niet"):
        read_gray(tmp_path / "nope.jpg")
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG not an image")
    with pytest.raises(ImageUnreadable) as info:
        detect_faces(bad)
    assert info.value.reason and info.value.path == bad
