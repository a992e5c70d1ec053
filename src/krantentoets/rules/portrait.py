"""Category ``portrait`` (MA-5, MA-6): faces in attached photos need consent.

MA-5: "Hou rekening met de wettelijk vastgelegde auteurs- en portretrecht." MA-6:
"Deel geen informatie en foto's van individuen zonder toestemming."

Faces are found with OpenCV's Haar cascades (:mod:`krantentoets.detect.faces`);
OpenCV is imported only when a post has images. A photo that cannot be read is
reported too: then nobody checked it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from krantentoets.post import AccountKind, Post
from krantentoets.report import Category, Severity
from krantentoets.rules.base import CheckContext, Example, Hit, Msg, Rule, RuleMeta


@dataclass(frozen=True, slots=True)
class ImageExample(Example):
    """A rule example with attached images (paths)."""

    images: tuple[str, ...] = ()

    def post(self) -> Post:
        return replace(Example.post(self), images=tuple(Path(p) for p in self.images))


def example_image() -> str:
    """Path of the example photo shipped with the package (one face; public domain)."""
    return str(resources.files("krantentoets") / "data" / "images" / "voorbeeld-portret.jpg")


def _faces_memo(post: Post, ctx: CheckContext) -> dict[Path, object]:
    """Per image: a tuple of faces, or the ImageUnreadable error (shared by the two rules)."""

    def compute() -> dict[Path, object]:
        from krantentoets.detect.faces import ImageUnreadable, detect_faces

        result: dict[Path, object] = {}
        for image in post.images:
            path = Path(image)
            try:
                result[path] = detect_faces(path)
            except ImageUnreadable as exc:
                result[path] = exc
        return result

    return ctx.memo("portrait.faces", compute)


class FacesInImage(Rule):
    meta = RuleMeta(
        id="PO01",
        name="faces-in-image",
        title=Msg("Herkenbare personen op de foto", "Recognisable people in the photo"),
        category=Category.PORTRAIT,
        severity=Severity.WARN,
        guidelines=("MW-1", "MA-5", "MA-6"),
        why=Msg(
            "Wie herkenbaar op een foto staat, heeft portretrecht. Deel geen foto's van mensen "
            "zonder hun toestemming, zeker niet van kinderen, inwoners of collega's in een "
            "kwetsbare situatie.",
            "People who are recognisable in a photo have portrait rights. Do not share photos "
            "of people without their consent, certainly not of children, residents or "
            "colleagues in a vulnerable situation.",
        ),
        bad=ImageExample(
            "Mooie avond met bewoners over de plannen voor het Zaailand.",
            account=AccountKind.PERSONAL,
            images=(example_image(),),
        ),
        good=ImageExample(
            "Mooie avond met bewoners over de plannen voor het Zaailand. Foto's volgen.",
            account=AccountKind.PERSONAL,
        ),
        known_problems="OpenCV Haar cascades: small, tilted, partly hidden or dark faces are "
        "missed, and a face-like pattern is now and then taken for a face. The finding says "
        "how many faces were seen, never who.",
        uses_images=True,
    )

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        if not post.images:
            return
        for path, faces in _faces_memo(post, ctx).items():
            if not isinstance(faces, tuple) or not faces:
                continue
            n = len(faces)
            views = sorted({f.view for f in faces})
            yield Hit(
                start=None,
                end=None,
                message=Msg(
                    "Op de foto '{name}' zie ik {n_nl}. Wie herkenbaar in beeld is, heeft "
                    "portretrecht.",
                    "In the photo '{name}' I see {n_en}. Whoever is recognisable has portrait "
                    "rights.",
                ).format(
                    name=path.name,
                    n_nl="1 gezicht" if n == 1 else f"{n} gezichten",
                    n_en="1 face" if n == 1 else f"{n} faces",
                ),
                suggestion=Msg(
                    "Vraag de mensen op de foto om toestemming voor je hem plaatst (bij kinderen: "
                    "hun ouders), of kies een foto waarop niemand herkenbaar is.",
                    "Ask the people in the photo for consent before you post it (for children: "
                    "their parents), or choose a photo in which nobody is recognisable.",
                ),
                trace=(f"{path.name}: {n} face(s) ({', '.join(views)})", "OpenCV Haar cascades"),
            )


class ImageUnreadableRule(Rule):
    meta = RuleMeta(
        id="PO02",
        name="image-unreadable",
        title=Msg("Afbeelding niet te controleren", "Image could not be checked"),
        category=Category.PORTRAIT,
        severity=Severity.WARN,
        guidelines=("MW-1", "MA-5", "MA-6"),
        why=Msg(
            "Een bijlage die niet te openen is, kan niet gecontroleerd worden op herkenbare "
            "personen. Bij twijfel: niet plaatsen.",
            "An attachment that cannot be opened cannot be checked for recognisable people. "
            "When in doubt, do not post.",
        ),
        bad=ImageExample(
            "Foto's van de opening van het nieuwe stadskantoor!",
            images=("ontbrekende-foto-opening.jpg",),
        ),
        good=ImageExample("Foto's van de opening van het nieuwe stadskantoor volgen morgen!"),
        known_problems="Reads what OpenCV reads (JPEG, PNG, WebP, BMP, TIFF, ...); HEIC photos "
        "from phones and animated GIFs cannot be checked.",
        uses_images=True,
    )

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        if not post.images:
            return
        for path, faces in _faces_memo(post, ctx).items():
            if isinstance(faces, tuple):
                continue
            reason = getattr(faces, "reason", "onbekende fout")
            yield Hit(
                start=None,
                end=None,
                message=Msg(
                    "De afbeelding '{name}' kon ik niet controleren: {reason}.",
                    "I could not check the image '{name}' ({reason}).",
                ).format(name=path.name, reason=reason),
                suggestion=Msg(
                    "Controleer zelf of er herkenbare personen op staan en of je toestemming "
                    "hebt, of voeg de foto opnieuw toe als JPEG of PNG.",
                    "Check yourself whether recognisable people are in it and whether you have "
                    "consent, or attach the photo again as JPEG or PNG.",
                ),
                trace=(f"{path.name}: unreadable", reason),
            )


RULES: tuple[type[Rule], ...] = (FacesInImage, ImageUnreadableRule)
