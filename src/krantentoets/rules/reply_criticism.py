"""Category ``reply-to-criticism`` (MW-3): think twice before answering criticism.

MW-3: in principle we do not respond to critical comments, because everyone is entitled to
an opinion and we do not want to end up in a back-and-forth. When facts are clearly
misrepresented, or the organisation or its staff are treated offensively, Communications
considers a reply. A question about policy deserves an employee's answer.

The draft's ``reply_to`` (the message it answers) is triaged with
:func:`krantentoets.monitor.triage.triage`:

- RC01 ``reply-to-criticism``: it is criticism or an opinion -> do not respond, or, if it
  misrepresents facts or treats staff offensively, let Communications decide;
- RC02 ``reply-to-claim-or-abuse``: it is a claim about the organisation or abuse -> that is
  Communications' call.

A reply to a question, a compliment or anything else gives no finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from krantentoets.post import Post
from krantentoets.report import Category, Severity
from krantentoets.rules.base import CheckContext, Example, Hit, Msg, Rule, RuleMeta

if TYPE_CHECKING:
    from krantentoets.monitor.triage import Triage

_QUESTION_EXAMPLE = Example(
    "De milieustraat is zaterdag open van 9.00 tot 16.00 uur. Meer info: "
    "https://www.leeuwarden.nl/afval",
    reply_to="Is de milieustraat zaterdag open?",
)


def _reply_triage(post: Post, ctx: CheckContext) -> Triage | None:
    if not post.reply_to or not post.reply_to.strip():
        return None
    reply_to = post.reply_to

    def compute() -> Triage:
        from krantentoets.monitor.triage import triage

        # the lexicon's tone: a check stays fast and small and never loads the sentence
        # encoder (about 3.5 s and 130 MB the first time), also when it checks a reply
        return triage(reply_to, ctx.policy, tone_model="lexicon")

    return ctx.memo("triage:reply_to", compute)


def _trace(result: Triage) -> tuple[str, ...]:
    top = ", ".join(f"{label} {p:.2f}" for label, p in result.scores[:2])
    return (f"reply_to triaged as {result.label}", top)


def _quoted(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


#: A reply that handles a report or complaint as service (webcare), not as a debate.
_SERVICE_REPLY = re.compile(
    r"\bbedankt\s+voor\s+(?:je|jouw|uw|de|het)\s+(?:melding|bericht|signaal|reactie|geduld|tip)"
    r"|\bdank\s+(?:je|u)\s+(?:wel\s+)?voor\s+(?:je|jouw|uw|de|het)\s+(?:melding|bericht|signaal)"
    r"|\b(?:we|wij)\s+(?:komen|gaan)\s+(?:er\s+)?(?:snel\s+|zo\s+snel\s+mogelijk\s+)?"
    r"(?:kijken|langs|naar\s+kijken)"
    r"|\b(?:doorgegeven|doorgezet|doorgestuurd)\s+(?:aan|naar)\b"
    r"|\b(?:we|wij)\s+pakken\s+(?:het|dit|dat)\s+op\b|\bmelding\s+(?:aangemaakt|gemaakt)\b"
    r"|\b(?:excuses|sorry)\s+voor\b|\bstuur\s+(?:ons|me|mij)\s+(?:een\s+)?(?:dm|pb|privébericht)",
    re.IGNORECASE,
)
#: A reply that argues with the critic: the back-and-forth MW-3 warns against.
_DISPUTE = re.compile(
    r"\bdat\s+klopt\s+(?:gewoon\s+|echt\s+|helemaal\s+)?niet\b|\bniet\s+waar\b|\bonzin\b"
    r"|\bniet\s+eerlijk\b|\bziet\s+(?:het|dat)\s+(?:gewoon\s+)?verkeerd\b"
    r"|\b(?:we|wij)\s+doen\s+(?:echt\s+|juist\s+|wel\s+)?(?:ons\s+best|heel\s+veel|genoeg)\b"
    r"|\bjuist\s+(?:wel|niet)\b|\bu\s+(?:heeft|hebt)\s+het\s+mis\b|\bje\s+hebt\s+het\s+mis\b",
    re.IGNORECASE,
)


class ReplyToCriticism(Rule):
    meta = RuleMeta(
        id="RC01",
        name="reply-to-criticism",
        title=Msg("Reactie op kritiek", "Reply to criticism"),
        category=Category.REPLY_TO_CRITICISM,
        severity=Severity.WARN,
        guidelines=("MW-3", "MA-3"),
        why=Msg(
            "In principe reageren we niet op kritiek: iedereen heeft recht op een mening, en een "
            "welles-nietesdiscussie helpt niemand. Alleen als feiten duidelijk onjuist worden "
            "weergegeven of medewerkers kwetsend worden bejegend, overweegt Communicatie een "
            "reactie.",
            "In principle we do not respond to criticism: everyone is entitled to an opinion, and "
            "a back-and-forth helps nobody. Only when facts are clearly misrepresented or staff "
            "are treated offensively does Communications consider a reply.",
        ),
        bad=Example(
            "Dat is niet eerlijk, we doen echt ons best om de wegen bij te houden.",
            reply_to="Waarom doet de gemeente nooit iets aan de gaten in de weg?? Belachelijk.",
        ),
        good=_QUESTION_EXAMPLE,
        known_problems="The reply_to is judged by the triage classifier, which can take a sharp "
        "question for criticism or miss irony; the finding is a warning, not a block. A reply "
        "that handles the complaint as service ('bedankt voor je melding', 'we komen kijken') "
        "without arguing ('dat klopt niet', 'we doen ons best') gets no finding.",
    )

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        result = _reply_triage(post, ctx)
        if result is None or result.label != "criticism":
            return
        if _SERVICE_REPLY.search(post.text) and not _DISPUTE.search(post.text):
            return  # answering a report or complaint as service is what MW-3 wants
        yield Hit(
            start=None,
            end=None,
            message=Msg(
                "Je reageert op kritiek of een mening ('{quote}'). In principe reageren we niet "
                "op kritiek: iedereen heeft recht op een mening.",
                "You are replying to criticism or an opinion ('{quote}'). In principle we do not "
                "respond to criticism: everyone is entitled to an opinion.",
            ).format(quote=_quoted(post.reply_to or "")),
            suggestion=Msg(
                "Reageer niet. Geeft het bericht de feiten duidelijk onjuist weer, of worden "
                "medewerkers kwetsend bejegend? Laat dan Communicatie beslissen of en hoe er "
                "gereageerd wordt.",
                "Do not respond. If the message clearly misrepresents the facts, or treats staff "
                "offensively, let Communications decide whether and how to respond.",
            ),
            trace=_trace(result),
        )


class ReplyToClaimOrAbuse(Rule):
    meta = RuleMeta(
        id="RC02",
        name="reply-to-claim-or-abuse",
        title=Msg("Reactie op een bewering of belediging", "Reply to a claim or abuse"),
        category=Category.REPLY_TO_CRITICISM,
        severity=Severity.WARN,
        guidelines=("MW-3", "MA-3"),
        why=Msg(
            "Of onjuiste feiten rechtgezet worden, of een kwetsend bericht een reactie krijgt, "
            "beslist Communicatie: zij kennen de feiten en de afspraken over wie reageert.",
            "Whether misrepresented facts are corrected, or an offensive message gets a reply, is "
            "Communications' call: they know the facts and who is to respond.",
        ),
        bad=Example(
            "Dat klopt niet, het budget van de bibliotheek blijft gewoon gelijk.",
            reply_to="De gemeente heeft het budget voor de bibliotheek gehalveerd",
        ),
        good=_QUESTION_EXAMPLE,
        known_problems="Abuse is recognised only when the offensive-language detector is "
        "installed; without it an insulting message is usually taken for criticism (RC01).",
    )

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        result = _reply_triage(post, ctx)
        if result is None or result.label not in ("claim", "abuse"):
            return
        if result.label == "claim":
            message = Msg(
                "Je reageert op een bewering over de organisatie ('{quote}'). Of de feiten "
                "rechtgezet moeten worden, beslist Communicatie.",
                "You are replying to a claim about the organisation ('{quote}'). Whether the facts "
                "need correcting is Communications' call.",
            )
        else:
            message = Msg(
                "Je reageert op een bericht dat de organisatie of medewerkers kwetsend bejegent "
                "('{quote}'). Of en hoe er gereageerd wordt, beslist Communicatie.",
                "You are replying to a message that treats the organisation or its staff "
                "offensively ('{quote}'). Whether and how to respond is Communications' call.",
            )
        yield Hit(
            start=None,
            end=None,
            message=message.format(quote=_quoted(post.reply_to or "")),
            suggestion=Msg(
                "Plaats nog niets: leg het bericht en je concept voor aan Communicatie. Zij "
                "beslissen of een reactie nodig is, en wie die geeft.",
                "Do not post yet: show the message and your draft to Communications. They decide "
                "whether a reply is needed, and who gives it.",
            ),
            trace=_trace(result),
        )


RULES: tuple[type[Rule], ...] = (ReplyToCriticism, ReplyToClaimOrAbuse)
