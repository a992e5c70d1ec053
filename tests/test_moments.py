"""The moments in shared/USERS.md that must feel right, end to end through check()."""

from __future__ import annotations

from pathlib import Path

from krantentoets.check import check
from krantentoets.policy import load_policy
from krantentoets.post import Post
from krantentoets.report import Category, Severity, Verdict

DATA = Path(__file__).resolve().parent / "data"
LEEUWARDEN = load_policy(DATA / "leeuwarden.toml")


def test_moment_1_a_reply_to_a_citizen() -> None:
    question = "Wanneer wordt het grofvuil opgehaald in Huizum?"
    draft = "Hoi! Het grofvuil komt op afspraak. Vragen? Bel me gerust op 06-12345678."
    report = check(Post(draft, platform="facebook", reply_to=question), LEEUWARDEN)
    assert report.verdict is Verdict.DO_NOT_POST
    [f] = report.findings
    assert (f.rule, f.span.text, f.guidelines) == ("PD01", "06-12345678", ("MW-4",))
    assert "14 058" in f.suggestion  # the general number from the policy's allowlist
    fixed = draft.replace("Bel me gerust op 06-12345678", "Bel 14 058")
    assert check(Post(fixed, platform="facebook", reply_to=question), LEEUWARDEN).findings == ()


def test_moment_3_an_incident_needs_alignment() -> None:
    draft = "Er is brand in de wijk Heechterp. Blijf binnen en sluit ramen en deuren."
    report = check(
        Post(
            draft,
            platform="facebook",
            account="in-function",
            bio="Medewerker wijkzaken gemeente Leeuwarden",
        ),
        LEEUWARDEN,
    )
    assert report.verdict is Verdict.DOUBT
    [f] = report.findings
    assert f.category is Category.SPOKESPERSON
    assert "leidinggevende" in f.suggestion and "Communicatie" in f.suggestion


def test_moment_4_an_aldermans_evening_post() -> None:
    draft = (
        "Vanavond heeft de raad eindelijk ingestemd met het nieuwe zwembad! Jammer dat die "
        "zeurpiet De Boer weer eens alleen maar kon dwarsliggen. Dank aan alle bewoners die kwamen."
    )
    post = Post(
        draft, platform="facebook", account="personal", images=(DATA / "images" / "two_faces.jpg",)
    )
    report = check(post, LEEUWARDEN.with_profile("mandatarissen"))
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule["RO03"].category is Category.ROLE  # make the role clear (MA-1)
    assert by_rule["PO01"].guidelines == ("MA-5", "MA-6")  # faces: consent, portrait right
    assert by_rule["OF01"].span.text == "zeurpiet"  # the sharp word about a colleague
    assert by_rule["OF01"].severity is Severity.BLOCK
    assert report.verdict is Verdict.DO_NOT_POST
    assert report.findings[0].rule == "OF01"  # what stops the post comes first
