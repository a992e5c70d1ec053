"""The Woo review: what to redact in each record, on which ground, and the decision per document.

Three steps, each a pure function, so the detector can be swapped without
touching the rest:

1. :func:`items_for` asks the :class:`~krantentoets.archive.redaction.Redactor`
   (which asks the shared detector) for every span of personal data in a
   record, and turns each into an :class:`Item` with a proposed value: the
   ground for its kind (``data/woo/grounds.toml``) or :data:`KEEP` with the
   reason (an office holder, the organisation's own account).
2. The records officer decides (web review screen or ``archive woo decide``);
   decisions are stored per request (:mod:`krantentoets.store.woo`).
3. :func:`decide` applies the values to the record and gives the
   :class:`Document` that every writer of the export (JSONL, HTML, PDF, MDTO,
   inventory list) renders.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from krantentoets.archive.grounds import KEEP, Openness, default_ground, ground, label
from krantentoets.archive.redaction import (
    HANDLE,
    NAME,
    Redacted,
    Redaction,
    Redactor,
    apply,
    marker,
)

#: Category of a whole approval comment (internal deliberation, art. 5.2 Woo).
COMMENT = "approval-comment"
#: Decision keys for the document as a whole.
DOCUMENT = "document"
DOCUMENT_GROUND = "document.ground"


@dataclass(frozen=True, slots=True)
class Item:
    """One thing the records officer decides on in one record."""

    key: str  # "text:5:19" (a span), "author" (a whole field)
    field: str
    category: str
    original: str  # as archived: shown on the review screen only, never exported
    default: str  # a ground code, or KEEP
    reason: str = ""  # why the default (Dutch)
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Document:
    """A record as it is handed over, after the decisions."""

    number: int
    rec: dict[str, Any]
    openness: Openness
    document_ground: str | None
    out: dict[str, Any]  # the JSONL object (redacted)
    texts: dict[str, Any] = field(default_factory=dict)  # field -> str or Redacted
    redactions: list[dict[str, Any]] = field(default_factory=list)

    def shown(self, fld: str, value: str | None) -> str:
        """A whole field for a PDF: a redacted one carries its ground (``[naam] 5.1.2e``)."""
        ground_code = next((r["ground"] for r in self.redactions if r["field"] == fld), None)
        text = value or ""
        return f"{text} {ground_code}" if ground_code and text else text

    @property
    def grounds(self) -> list[str]:
        codes = {r["ground"] for r in self.redactions}
        if self.document_ground:
            codes.add(self.document_ground)
        return sorted(codes)


def check_summary(check: Any) -> dict[str, Any]:
    """The verdict and rule ids of a stored check report; never fails on a malformed one."""
    if not isinstance(check, Mapping):
        return {}
    findings = check.get("findings")
    rules = sorted(
        {
            str(f.get("rule"))
            for f in (findings if isinstance(findings, list) else [])
            if isinstance(f, Mapping) and isinstance(f.get("rule"), str)
        }
    )
    verdict = check.get("verdict")
    out: dict[str, Any] = {}
    if isinstance(verdict, str):
        out["verdict"] = verdict
    if rules:
        out["rules"] = rules
    return out


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _names(rec: dict[str, Any]) -> list[str]:
    names = [_str(rec.get("author")), _str(_dict(rec.get("in_reply_to")).get("author"))]
    names += [_str(_dict(m).get("author")) for m in _list(rec.get("thread"))]
    return [n for n in names if n]


def _text_fields(rec: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    if _str(rec.get("text")):
        out.append(("text", rec["text"]))
    reply = _dict(rec.get("in_reply_to"))
    if _str(reply.get("text")):
        out.append(("in_reply_to.text", reply["text"]))
    for i, msg in enumerate(_list(rec.get("thread"))):
        if _str(_dict(msg).get("text")):
            out.append((f"thread.{i}.text", msg["text"]))
    for i, a in enumerate(_list(rec.get("approvals"))):
        if _str(_dict(a).get("comment")):
            out.append((f"approvals.{i}.comment", a["comment"]))
    return out


def _name_item(redactor: Redactor, key: str, name: str | None, *, strict: bool) -> Item | None:
    if not name:
        return None
    if redactor.is_office_holder(name):
        return Item(key, key, NAME, name, KEEP, "ambtsdrager")
    if not strict and redactor.redact_name(name, strict=False) == name:
        return None  # a team's name ("Team Webcare"), not a person's
    return Item(key, key, NAME, name, default_ground(NAME), "naam van een persoon")


def items_for(rec: dict[str, Any], redactor: Redactor) -> list[Item]:
    """Everything to decide on in ``rec``, each with its proposed value."""
    if rec.get("destroyed"):
        return []
    items: list[Item] = []
    author = _name_item(redactor, "author", _str(rec.get("author")), strict=False)
    if author:
        items.append(author)
    account = _str(rec.get("account"))
    if account:
        if redactor.keeps_account(account) or redactor.is_office_holder(_str(rec.get("author"))):
            items.append(Item("account", "account", HANDLE, account, KEEP, "eigen account"))
        else:
            items.append(
                Item("account", "account", HANDLE, account, default_ground(HANDLE), "account")
            )
    reply = _dict(rec.get("in_reply_to"))
    people = [("in_reply_to.author", _str(reply.get("author")))]
    people += [
        (f"thread.{i}.author", _str(_dict(m).get("author")))
        for i, m in enumerate(_list(rec.get("thread")))
    ]
    for i, a in enumerate(_list(rec.get("approvals"))):
        people += [
            (f"approvals.{i}.by", _str(_dict(a).get("by"))),
            (f"approvals.{i}.responder", _str(_dict(a).get("responder"))),
        ]
    for key, name in people:
        item = _name_item(redactor, key, name, strict=True)
        if item:
            items.append(item)
    names = _names(rec)
    for fld, text in _text_fields(rec):
        if fld.startswith("approvals."):
            items.append(
                Item(fld, fld, COMMENT, text, default_ground(COMMENT), "opmerking in intern beraad")
            )
        for span, reason in redactor.proposals(text, names):
            items.append(
                Item(
                    f"{fld}:{span.start}:{span.end}:{span.category}",
                    fld,
                    span.category,
                    text[span.start : span.end],
                    KEEP if reason else default_ground(span.category),
                    reason or "; ".join(span.trace[:2]),
                    span.start,
                    span.end,
                )
            )
    return items


def items_from_decisions(rec: dict[str, Any], decided: Mapping[str, str]) -> list[Item]:
    """The items of ``rec`` rebuilt from stored decisions alone (a settled request).

    A settled request is exported from what was decided, not from what the
    detector finds today, so the same package comes out after the detector
    has changed.
    """
    items = []
    for key, value in decided.items():
        if key in (DOCUMENT, DOCUMENT_GROUND):
            continue
        parts = key.split(":")
        if len(parts) == 4 and parts[1].isdigit() and parts[2].isdigit():
            fld, start, end, category = parts[0], int(parts[1]), int(parts[2]), parts[3]
            items.append(Item(key, fld, category, "", value, "vastgesteld", start, end))
        elif key.endswith(".comment"):
            items.append(Item(key, key, COMMENT, "", value, "vastgesteld"))
        else:
            category = HANDLE if key == "account" else NAME
            items.append(Item(key, key, category, "", value, "vastgesteld"))
    return items


def _valid(value: str | None, default: str) -> str:
    if value is None:
        return default
    if value == KEEP:
        return value
    ground(value)  # KeyError names the allowed codes
    return value


class _Applier:
    def __init__(self, items: list[Item], decisions: Mapping[str, str]) -> None:
        self.values = {it.key: _valid(decisions.get(it.key), it.default) for it in items}
        self.items = items
        self.redactions: list[dict[str, Any]] = []

    def whole(self, fld: str, value: str | None) -> str | None:
        """A name field: the value, or its marker when it is redacted."""
        item = next((it for it in self.items if it.key == fld), None)
        if item is None or value is None or self.values[fld] == KEEP:
            return value
        value_ground = self.values[fld]
        self.redactions.append({"field": fld, "category": item.category, "ground": value_ground})
        return marker(item.category)

    def kept(self, fld: str) -> bool:
        return self.values.get(fld, KEEP) == KEEP

    def text(self, fld: str, text: str) -> Redacted:
        whole = self.values.get(fld)
        if whole is not None and whole != KEEP:  # the whole comment
            self.redactions.append({"field": fld, "category": COMMENT, "ground": whole})
            red = Redaction(0, len(text), COMMENT, ground=whole)
            return apply(text, [red])
        spans = [
            Redaction(it.start or 0, it.end or 0, it.category, ground=self.values[it.key])
            for it in self.items
            if it.field == fld and it.start is not None and self.values[it.key] != KEEP
        ]
        red = apply(text, spans)
        self.redactions += [dict(r.to_dict(ground=True), field=fld) for r in red.redactions]
        return red


def _message(ap: _Applier, msg: dict[str, Any], prefix: str) -> tuple[dict[str, Any], Any, Any]:
    out = {k: v for k, v in msg.items() if k in ("published_at",)}
    author = ap.whole(f"{prefix}.author", _str(msg.get("author")))
    if author is not None:
        out["author"] = author
    body = ap.text(f"{prefix}.text", msg["text"]) if _str(msg.get("text")) else None
    if body is not None:
        out["text"] = body.text
    if _str(msg.get("url")) and ap.kept(f"{prefix}.author"):
        out["url"] = msg["url"]
    return out, author, body


def decide(
    rec: dict[str, Any], number: int, items: list[Item], decisions: Mapping[str, str]
) -> Document:
    """Apply the decisions (item key -> ground or KEEP; ``document``) to one record."""
    ap = _Applier(items, decisions)
    out: dict[str, Any] = {
        k: rec[k]
        for k in ("seq", "id", "type", "published_at", "platform", "role", "corrects")
        if isinstance(rec.get(k), str | int)
    }
    out["document"] = number
    texts: dict[str, Any] = {}
    author = ap.whole("author", _str(rec.get("author")))
    if author is not None:
        out["author"] = texts["author"] = author
    account = ap.whole("account", _str(rec.get("account")))
    if account is not None:
        out["account"] = texts["account"] = account
    if _str(rec.get("url")) and ap.kept("account"):
        out["url"] = rec["url"]
    if rec.get("destroyed"):
        out["destroyed"] = True
    if _str(rec.get("text")):
        red = ap.text("text", rec["text"])
        out["text"] = red.text
        texts["text"] = red
    reply = _dict(rec.get("in_reply_to"))
    if reply:
        m_out, m_author, m_body = _message(ap, reply, "in_reply_to")
        out["in_reply_to"] = m_out
        texts["in_reply_to.author"], texts["in_reply_to.text"] = m_author, m_body
    thread = [_dict(m) for m in _list(rec.get("thread"))]
    if thread:
        out["thread"] = []
        for i, msg in enumerate(thread):
            m_out, m_author, m_body = _message(ap, msg, f"thread.{i}")
            out["thread"].append(m_out)
            texts[f"thread.{i}.author"], texts[f"thread.{i}.text"] = m_author, m_body
    summary = check_summary(rec.get("check"))
    if summary:
        out["check"] = summary
    approvals = []
    for i, a in enumerate(_dict(x) for x in _list(rec.get("approvals"))):
        item: dict[str, Any] = {k: a[k] for k in ("role", "decision", "at") if _str(a.get(k))}
        if "decision" in item:  # published in Dutch: "goedgekeurd", not "approve"
            item["decision"] = label(item["decision"])
        item["by"] = ap.whole(f"approvals.{i}.by", _str(a.get("by")))
        if _str(a.get("responder")):
            item["responder"] = ap.whole(f"approvals.{i}.responder", a["responder"])
        if _str(a.get("comment")):
            red = ap.text(f"approvals.{i}.comment", a["comment"])
            item["comment"] = red.text
            texts[f"approvals.{i}.comment"] = red
        approvals.append(item)
    if approvals:
        out["approvals"] = texts["approvals"] = approvals
    chosen = decisions.get(DOCUMENT)
    doc_ground = None
    if chosen == Openness.CLOSED.value:
        openness = Openness.CLOSED
        doc_ground = _valid(decisions.get(DOCUMENT_GROUND), "5.1.2e")
        if doc_ground == KEEP:
            doc_ground = "5.1.2e"
    else:
        openness = Openness.PARTLY if ap.redactions else Openness.PUBLIC
    out["decision"] = openness.value
    out["redactions"] = ap.redactions
    if openness is Openness.CLOSED:
        keys = ("seq", "id", "type", "published_at", "platform", "document")
        out = {k: out[k] for k in keys if k in out}
        out["decision"] = openness.value
        out["ground"] = doc_ground
        return Document(number, rec, openness, doc_ground, out)
    return Document(number, rec, openness, doc_ground, out, texts, ap.redactions)
