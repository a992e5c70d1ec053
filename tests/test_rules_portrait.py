"""Rule family ``portrait``: faces in attached photos (PO01) and unreadable images (PO02)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from krantentoets.check import check
from krantentoets.policy import default_policy
from krantentoets.post import AccountKind, Post
from krantentoets.report import Category, Verdict
from krantentoets.rules.base import CheckContext
from krantentoets.rules.portrait import (
    FacesInImage,
    ImageExample,
    ImageUnreadableRule,
    example_image,
)

IMAGES = Path(__file__).resolve().parent / "data" / "images"


def hits(rule, *images: Path | str, text: str = "Mooie avond in de wijk.") -> list:
    post = Post(text, account=AccountKind.PERSONAL, images=tuple(Path(p) for p in images))
    return list(rule().check(post, CheckContext(default_policy())))


def test_frontal_face_is_counted() -> None:
    (hit,) = hits(FacesInImage, example_image())
    assert hit.start is None
    assert "1 gezicht" in hit.message.nl and "1 face" in hit.message.en
    assert "toestemming" in hit.suggestion.nl


def test_two_faces_in_one_photo() -> None:
    (hit,) = hits(FacesInImage, IMAGES / "two_faces.jpg")
    assert "2 gezichten" in hit.message.nl
    assert "frontal" in hit.trace[0] and "profile" in hit.trace[0]


def test_profile_face_is_found() -> None:
    (hit,) = hits(FacesInImage, IMAGES / "profile_face.jpg")
    assert "1 gezicht" in hit.message.nl


def test_photo_without_people_gives_nothing() -> None:
    assert hits(FacesInImage, IMAGES / "no_face.jpg") == []
    assert hits(ImageUnreadableRule, IMAGES / "no_face.jpg") == []


def test_one_finding_per_photo_with_faces() -> None:
    found = hits(FacesInImage, example_image(), IMAGES / "no_face.jpg", IMAGES / "two_faces.jpg")
    assert len(found) == 2


def test_no_images_no_findings() -> None:
    assert hits(FacesInImage) == [] and hits(ImageUnreadableRule) == []


@pytest.mark.parametrize("kind", ["missing", "empty", "garbage", "directory", "text"])
def test_unreadable_image_is_a_finding_not_a_crash(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "foto.jpg"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "garbage":
        path.write_bytes(b"\xff\xd8\xff\xe0 this is not really a jpeg" * 10)
    elif kind == "directory":
        path.mkdir()
    elif kind == "text":
        path.write_text("hallo", encoding="utf-8")
    (hit,) = hits(ImageUnreadableRule, path)
    assert "foto.jpg" in hit.message.nl
    assert hits(FacesInImage, path) == []


def test_check_with_photo_of_people_gives_doubt_citing_portrait_guidelines() -> None:
    post = Post("Mooie avond met bewoners.", account="personal", images=(Path(example_image()),))
    report = check(post, default_policy("mandatarissen"))
    (f,) = [f for f in report.findings if f.category is Category.PORTRAIT]
    assert f.rule == "PO01" and f.guidelines == ("MA-5", "MA-6")
    assert report.verdict is Verdict.DOUBT


def test_rules_are_marked_as_image_rules_and_examples_carry_images() -> None:
    for rule in (FacesInImage, ImageUnreadableRule):
        assert rule.meta.uses_images
    assert isinstance(FacesInImage.meta.bad, ImageExample)
    assert FacesInImage.meta.bad.post().images == (Path(example_image()),)


def test_text_check_does_not_import_opencv() -> None:
    code = (
        "import sys\n"
        "from krantentoets.check import check\n"
        "from krantentoets.post import Post\n"
        "check(Post('Er is brand in Heechterp, ik heb gehoord dat het ernstig is.'))\n"
        "assert 'cv2' not in sys.modules, 'cv2 imported by a text-only check'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
