"""The hash chain: sealing a record and verifying a stream of stored rows.

Storage hands rows to :func:`verify_rows` in chain order; nothing here touches a
database. A row whose content was destroyed (an approved destruction) keeps
its hash and its link; it is accepted only if a destruction record in the
chain lists it with that same hash.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from krantentoets.archive.canonical import GENESIS_HASH, canonical_json, link_hash, loads


class StoredRow(NamedTuple):
    """One row as storage holds it (``payload`` is ``None`` once destroyed)."""

    seq: int
    record_id: str
    type: str
    published_at: str
    payload: str | None
    prev_hash: str
    hash: str


def seal(payload: Mapping[str, Any], prev_hash: str, *, checked: bool = True) -> tuple[str, str]:
    """Canonical JSON of ``payload`` and its chain hash after ``prev_hash``.

    ``checked=False`` skips the walk that refuses floats, for payloads already
    validated (:func:`~krantentoets.archive.record.parse_input` does it).
    """
    canonical = canonical_json(payload, checked=checked)
    return canonical, link_hash(prev_hash, canonical)


@dataclass(frozen=True, slots=True)
class Problem:
    """The first place where the chain does not hold."""

    seq: int
    record_id: str
    reason_nl: str
    reason_en: str

    def message(self, language: str = "nl") -> str:
        reason = self.reason_en if language == "en" else self.reason_nl
        return f"record {self.record_id} (nr. {self.seq}): {reason}"


@dataclass(slots=True)
class VerifyResult:
    count: int = 0
    destroyed: int = 0
    head_hash: str = GENESIS_HASH
    last_seq: int = 0
    problem: Problem | None = None
    problems_found: int = 0
    extra: list[str] = field(default_factory=list)
    #: What the chain was checked against beyond its own head (Dutch), e.g. the latest anchor.
    anchor_note: str = ""

    @property
    def ok(self) -> bool:
        return self.problem is None


def _payload_mismatch(row: StoredRow, data: Any) -> str:
    if not isinstance(data, dict):
        return "inhoud"
    if data.get("seq") != row.seq:
        return "volgnummer"
    if data.get("id") != row.record_id:
        return "id"
    if data.get("type") != row.type:
        return "type"
    return "published_at"


def _diagnose(
    row: StoredRow, prev_seq: int, prev_hash: str, destroyed: Mapping[int, str]
) -> tuple[str, str] | None:
    """Why a row failed the fast check (``None``: a properly destroyed record)."""
    if row.seq != prev_seq + 1:
        return (
            f"verwacht volgnummer {prev_seq + 1}; record(s) ervoor ontbreken",
            f"expected sequence number {prev_seq + 1}; record(s) before it are missing",
        )
    if row.prev_hash != prev_hash:
        return (
            "de vorige hash klopt niet: een record ervoor is gewijzigd of verwijderd",
            "the previous hash does not match: a record before it was changed or removed",
        )
    if row.payload is None:
        if destroyed.get(row.seq) != row.hash:
            return (
                "de inhoud is verwijderd zonder goedgekeurde vernietiging",
                "the content was removed without an approved destruction",
            )
        return None
    return (
        "de inhoud komt niet overeen met de opgeslagen hash: het record is gewijzigd",
        "the content does not match the stored hash: the record was changed",
    )


def verify_rows(
    rows: Iterable[StoredRow],
    destroyed: Mapping[int, str] | None = None,
    *,
    expect_count: int | None = None,
    expect_head: str | None = None,
    anchors: Mapping[int, str] | None = None,
) -> VerifyResult:
    """Recompute the chain over ``rows`` (in ``seq`` order) and report the first problem.

    ``destroyed`` maps ``seq`` -> hash for every record that a destruction
    record lists. ``expect_count``/``expect_head`` come from the chain head
    and reveal records cut off the end. ``anchors`` maps ``seq`` -> a hash
    written down earlier (outside the database): the chain must still hold it.
    """
    destroyed = destroyed or {}
    anchors = dict(anchors or {})
    result = VerifyResult()
    prev_hash = GENESIS_HASH
    prev_seq = 0
    sha256 = hashlib.sha256
    for row in rows:
        # The common case inline (a million rows): unpack, hash, parse, compare.
        seq, record_id, rtype, published_at, payload, row_prev, digest = row
        problem: tuple[str, str] | None = None
        if (
            seq == prev_seq + 1
            and row_prev == prev_hash
            and payload is not None
            and sha256(f"{row_prev}\n{payload}".encode()).hexdigest() == digest
        ):
            try:
                data = loads(payload)
            except ValueError:
                data = None
            if not (
                isinstance(data, dict)
                and data.get("seq") == seq
                and data.get("id") == record_id
                and data.get("type") == rtype
                and data.get("published_at") == published_at
            ):
                which = _payload_mismatch(StoredRow(*row), data)
                problem = (
                    f"de kolom '{which}' wijkt af van de vastgelegde inhoud",
                    f"the column '{which}' differs from the sealed content",
                )
        else:
            problem = _diagnose(StoredRow(*row), prev_seq, prev_hash, destroyed)
            if problem is None:
                result.destroyed += 1
        if anchors and problem is None and anchors.pop(seq, digest) != digest:
            problem = (
                "de hash wijkt af van de eerder vastgelegde hash (anker)",
                "the hash differs from the one written down earlier (anchor)",
            )
        if problem is not None:
            result.problems_found += 1
            if result.problem is None:
                result.problem = Problem(seq, record_id, *problem)
        result.count += 1
        prev_hash = digest
        prev_seq = seq
    result.head_hash = prev_hash
    result.last_seq = prev_seq
    if result.problem is None and anchors:
        seq = min(anchors)
        result.problem = Problem(
            seq,
            "(anker)",
            f"het record met volgnummer {seq} uit het anker ontbreekt in de keten",
            f"the anchored record with sequence number {seq} is missing from the chain",
        )
    if result.problem is None:
        if expect_count is not None and expect_count != result.count:
            result.problem = Problem(
                prev_seq,
                "(einde)",
                f"de keten heeft {result.count} records, de kop verwacht er {expect_count}: "
                "records aan het eind ontbreken",
                f"the chain has {result.count} records, its head expects {expect_count}: "
                "records at the end are missing",
            )
        elif expect_head is not None and expect_head != prev_hash:
            result.problem = Problem(
                prev_seq,
                "(einde)",
                "de laatste hash wijkt af van de verwachte kop-hash",
                "the last hash differs from the expected head hash",
            )
    return result


def destroyed_from_payloads(payloads: Iterable[str | None]) -> dict[int, str]:
    """``seq -> hash`` of records listed by destruction records (their payload JSON)."""
    listed: dict[int, str] = {}
    for payload in payloads:
        if payload is None:
            continue
        try:
            data = loads(payload)
        except ValueError:
            continue
        for item in data.get("records", []) if isinstance(data, dict) else []:
            if isinstance(item, dict) and isinstance(item.get("seq"), int):
                listed[item["seq"]] = str(item.get("hash"))
    return listed
