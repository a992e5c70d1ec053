"""Stored archive records: an append-only, hash-chained table (revision 0003).

Tables:

- ``archive_records``: one row per record, in chain order (``seq`` 1, 2, 3, ...).
  ``payload`` is the record's canonical JSON; ``hash`` is SHA-256 over the
  previous row's hash and that payload. ``record_id``, ``type`` and
  ``published_at`` are copies of payload fields for indexes; the verification
  checks that they agree with the payload. ``published_at`` and
  ``archived_at`` are the exact sealed text (``YYYY-MM-DDTHH:MM:SSZ``), not a
  datetime column, so what is compared is what was hashed. ``search_text`` is
  what full-text search sees (the text, the message it answers, the thread);
  it is an index, not sealed: what a search shows comes from the payload.
  Triggers (created by the migration, on SQLite and PostgreSQL) refuse UPDATE
  and DELETE; the only change allowed is erasing the content of a record that
  an approved destruction lists (``archive_destruction_items``).
- ``archive_chain_head``: one row with the last ``seq`` and hash. Every append
  locks it (SQLite ``BEGIN IMMEDIATE``, PostgreSQL ``SELECT ... FOR UPDATE``),
  so concurrent writers take turns and the chain has one line. It also
  reveals records cut off the end of the chain.
- ``archive_destruction_items``: which ``seq`` an approved destruction covers.

Full-text search: SQLite FTS5 table ``archive_fts`` (external content, filled
by a trigger); PostgreSQL a generated ``search_vector`` column
(``to_tsvector('dutch', search_text)``) with a GIN index. Both are created by
the migration, not by the models.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import BigInteger, Index, Integer, String, Text, bindparam, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Mapped, mapped_column

from krantentoets.store.base import Base

__all__ = [
    "FTS_TABLES",
    "AppendOnlyError",
    "ArchiveChainHead",
    "ArchiveDestructionItem",
    "ArchiveRecord",
    "chain_lock",
    "include_name",
]

#: SQLite FTS5 table and its shadow tables: made by the migration, not by the models.
FTS_TABLES = frozenset(
    {
        "archive_fts",
        "archive_fts_data",
        "archive_fts_idx",
        "archive_fts_docsize",
        "archive_fts_config",
    }
)

#: Rows fetched per round trip when streaming (verify, export).
STREAM_BATCH = 5_000


#: PostgreSQL full-text column (generated, ``tsvector``) and its GIN index: made by the migration.
SEARCH_VECTOR = "search_vector"
SEARCH_INDEX = "ix_archive_records_search"


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic ``include_name`` hook: leave the full-text structures out of schema comparison."""
    if type_ == "table":
        return name not in FTS_TABLES
    if type_ == "column":
        return not (name == SEARCH_VECTOR and parent_names.get("table_name") == "archive_records")
    return not (type_ == "index" and name == SEARCH_INDEX)


SEQ_TYPE = BigInteger().with_variant(Integer(), "sqlite")


class AppendOnlyError(RuntimeError):
    """The database refused to change or delete an archive record."""


class ArchiveRecord(Base):
    """One sealed record of the archive (see module docstring)."""

    __tablename__ = "archive_records"

    #: INTEGER on SQLite, so ``seq`` is the rowid (and the FTS5 content rowid).
    seq: Mapped[int] = mapped_column(SEQ_TYPE, primary_key=True, autoincrement=False)
    record_id: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(20))
    published_at: Mapped[str] = mapped_column(String(20))
    archived_at: Mapped[str] = mapped_column(String(20))
    search_text: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)

    __table_args__ = (
        Index("ix_archive_records_published_at", "published_at"),
        Index("ix_archive_records_type_published_at", "type", "published_at"),
    )


class ArchiveChainHead(Base):
    """The single row (``id`` 1) holding the end of the chain."""

    __tablename__ = "archive_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))


class ArchiveDestructionItem(Base):
    """A record whose content an approved destruction (record ``destruction_seq``) removed."""

    __tablename__ = "archive_destruction_items"

    record_seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    destruction_seq: Mapped[int] = mapped_column(BigInteger)


RECORDS = ArchiveRecord.__table__
HEAD = ArchiveChainHead.__table__
DESTRUCTION_ITEMS = ArchiveDestructionItem.__table__

ROW_COLUMNS = (
    "seq",
    "record_id",
    "type",
    "published_at",
    "payload",
    "prev_hash",
    "hash",
)


# -- locking -----------------------------------------------------------------------


@contextmanager
def chain_lock(engine: Engine) -> Iterator[tuple[Connection, int, str]]:
    """A transaction holding the chain's write lock: yields (connection, last_seq, last_hash).

    Commits when the block ends, rolls back on an exception. Only one
    writer at a time holds it, across processes, on both databases.
    """
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                row = conn.execute(select(HEAD.c.last_seq, HEAD.c.last_hash)).one()
                yield conn, int(row.last_seq), str(row.last_hash)
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
            conn.exec_driver_sql("COMMIT")
            return
        with conn.begin():
            row = conn.execute(
                select(HEAD.c.last_seq, HEAD.c.last_hash).where(HEAD.c.id == 1).with_for_update()
            ).one()
            yield conn, int(row.last_seq), str(row.last_hash)


def lock_in(conn: Connection) -> tuple[int, str]:
    """Take the chain's write lock inside a transaction the caller already has open.

    A no-op UPDATE of the head row: a row lock on PostgreSQL, the write lock on
    SQLite. Returns (last_seq, last_hash); the caller's commit releases it.
    """
    conn.execute(HEAD.update().where(HEAD.c.id == 1).values(last_seq=HEAD.c.last_seq))
    row = conn.execute(select(HEAD.c.last_seq, HEAD.c.last_hash).where(HEAD.c.id == 1)).one()
    return int(row.last_seq), str(row.last_hash)


def existing_ids(conn: Connection, ids: Sequence[str]) -> set[str]:
    """Which of ``ids`` are already in the archive."""
    found: set[str] = set()
    stmt = select(RECORDS.c.record_id).where(
        RECORDS.c.record_id.in_(bindparam("ids", expanding=True))
    )
    for i in range(0, len(ids), 500):
        found.update(conn.execute(stmt, {"ids": list(ids[i : i + 500])}).scalars())
    return found


def insert_rows(
    conn: Connection, rows: list[dict[str, Any]], last_seq: int, last_hash: str
) -> None:
    """Insert sealed rows and move the chain head (inside :func:`chain_lock`)."""
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        # The DBAPI directly: per-row parameter handling in Core costs more than SQLite itself.
        cols = list(rows[0])
        sql = (
            f"INSERT INTO archive_records ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        )
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(sql, [tuple(r[c] for c in cols) for r in rows])
        finally:
            cursor.close()
    else:
        conn.execute(RECORDS.insert(), rows)
    conn.execute(HEAD.update().where(HEAD.c.id == 1).values(last_seq=last_seq, last_hash=last_hash))


def refresh_statistics(engine: Engine) -> None:
    """After a bulk load on PostgreSQL: ANALYZE, so searches get the right plan at once.

    Without statistics the planner guesses how many rows a search matches and
    may read tens of thousands of rows for twenty results (seen: p95 of 450 ms
    at a million records right after loading; 1.5 ms after ANALYZE).
    Autovacuum would get there too, later. SQLite needs nothing.
    """
    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "ANALYZE archive_records"
        )


# -- reading -----------------------------------------------------------------------


def head(engine: Engine) -> tuple[int, str]:
    with engine.connect() as conn:
        row = conn.execute(select(HEAD.c.last_seq, HEAD.c.last_hash)).one()
        return int(row.last_seq), str(row.last_hash)


def stream_rows(
    engine: Engine,
    *,
    columns: Sequence[str] = ROW_COLUMNS,
    published_from: str | None = None,
    published_to: str | None = None,
    types: Sequence[str] | None = None,
    upto_seq: int | None = None,
    from_seq: int | None = None,
) -> Iterator[tuple[Any, ...]]:
    """Rows in chain order, a batch at a time, as plain tuples.

    Goes to the DBAPI cursor directly (a server-side cursor on PostgreSQL):
    for a million rows, SQLAlchemy's per-row processing would cost more than
    the database. Column names come from :data:`ROW_COLUMNS`-style constants only.
    """
    for c in columns:
        if c not in RECORDS.c:
            raise ValueError(f"unknown column {c}")
    where, params = [], []
    if upto_seq is not None:
        where.append("seq <= {}")
        params.append(upto_seq)
    if from_seq is not None:
        where.append("seq >= {}")
        params.append(from_seq)
    if published_from:
        where.append("published_at >= {}")
        params.append(published_from)
    if published_to:
        where.append("published_at <= {}")
        params.append(published_to)
    if types:
        where.append("type IN (" + ", ".join("{}" for _ in types) + ")")
        params.extend(types)
    sql = f"SELECT {', '.join(columns)} FROM archive_records"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY seq"
    with engine.connect() as conn:
        dbapi = conn.connection.dbapi_connection
        assert dbapi is not None
        if conn.dialect.name == "sqlite":
            cursor = dbapi.cursor()
            mark = "?"
        else:
            cursor = dbapi.cursor(name=f"archive_stream_{id(conn)}")
            mark = "%s"
        try:
            cursor.execute(sql.format(*([mark] * len(params))), params)
            while batch := cursor.fetchmany(STREAM_BATCH):
                yield from batch
        finally:
            cursor.close()
            if conn.dialect.name != "sqlite":
                dbapi.rollback()


def payloads_of_type(engine: Engine, record_type: str) -> list[tuple[int, str | None]]:
    with engine.connect() as conn:
        return [
            (int(r.seq), r.payload)
            for r in conn.execute(
                select(RECORDS.c.seq, RECORDS.c.payload)
                .where(RECORDS.c.type == record_type)
                .order_by(RECORDS.c.seq)
            )
        ]


def get_payloads(engine: Engine, record_ids: Sequence[str]) -> dict[str, tuple[str | None, str]]:
    """``record_id -> (payload, hash)`` for the given ids."""
    stmt = select(RECORDS.c.record_id, RECORDS.c.payload, RECORDS.c.hash).where(
        RECORDS.c.record_id.in_(bindparam("ids", expanding=True))
    )
    out: dict[str, tuple[str | None, str]] = {}
    with engine.connect() as conn:
        for i in range(0, len(record_ids), 500):
            for r in conn.execute(stmt, {"ids": list(record_ids[i : i + 500])}):
                out[r.record_id] = (r.payload, r.hash)
    return out


# -- full-text search --------------------------------------------------------------

_WORD_RE = re.compile(r'"([^"]+)"|(\S+)')
_TOKEN_RE = re.compile(r"[\w]+\*?", re.UNICODE)


def _query_terms(query: str) -> list[tuple[list[str], bool]]:
    """(words, prefix) per term: a "phrase" is several words, ``word*`` a prefix."""
    terms: list[tuple[list[str], bool]] = []
    for phrase, word in _WORD_RE.findall(query):
        if phrase:
            tokens = re.findall(r"\w+", phrase)
            if tokens:
                terms.append((tokens, False))
            continue
        for tok in _TOKEN_RE.findall(word):
            prefix = tok.endswith("*")
            tok = tok.rstrip("*")
            if tok:
                terms.append(([tok], prefix))
    return terms


def tsquery(query: str) -> str:
    """A user's query as a PostgreSQL ``to_tsquery`` text: every term must occur."""
    parts = []
    for words, prefix in _query_terms(query):
        quoted = " <-> ".join(f"'{w}'" for w in words)
        parts.append(quoted + (":*" if prefix else ""))
    return " & ".join(parts)


def fts5_query(query: str) -> str:
    """A user's query as a safe FTS5 expression: every word (or "phrase") must occur.

    A trailing ``*`` on a word searches for words starting with it.
    """
    return " ".join(
        '"' + " ".join(words) + '"' + ("*" if prefix else "")
        for words, prefix in _query_terms(query)
    )


def search(
    engine: Engine,
    query: str,
    *,
    limit: int = 20,
    published_from: str | None = None,
    published_to: str | None = None,
) -> list[tuple[Any, ...]]:
    """Records matching ``query``, newest first: (seq, record_id, type, published_at, payload)."""
    cols = "r.seq, r.record_id, r.type, r.published_at, r.payload"
    where = []
    params: dict[str, Any] = {"limit": limit}
    if published_from:
        where.append("r.published_at >= :pfrom")
        params["pfrom"] = published_from
    if published_to:
        where.append("r.published_at <= :pto")
        params["pto"] = published_to
    extra = "".join(f" AND {w}" for w in where)
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            expr = fts5_query(query)
            if not expr:
                return []
            params["q"] = expr
            sql = (
                f"SELECT {cols} FROM archive_fts f JOIN archive_records r ON r.seq = f.rowid "
                f"WHERE archive_fts MATCH :q{extra} ORDER BY f.rowid DESC LIMIT :limit"
            )
        else:
            expr = tsquery(query)
            if not expr:
                return []
            params["q"] = expr
            sql = (
                f"SELECT {cols} FROM archive_records r WHERE r.search_vector @@ "
                f"to_tsquery('dutch', :q){extra} ORDER BY r.seq DESC LIMIT :limit"
            )
        return [tuple(r) for r in conn.execute(text(sql), params)]


# -- destruction -------------------------------------------------------------------


def erase(conn: Connection, destruction_seq: int, seqs: Iterable[int]) -> int:
    """Record which rows a destruction covers and erase their content (inside the lock)."""
    seqs = list(seqs)
    if not seqs:
        return 0
    conn.execute(
        DESTRUCTION_ITEMS.insert(),
        [{"record_seq": s, "destruction_seq": destruction_seq} for s in seqs],
    )
    stmt = (
        RECORDS.update()
        .where(RECORDS.c.seq.in_(bindparam("seqs", expanding=True)))
        .values(payload=None, search_text=None)
    )
    for i in range(0, len(seqs), 500):
        conn.execute(stmt, {"seqs": seqs[i : i + 500]})
    return len(seqs)


def hashes_of(conn: Connection, seqs: Sequence[int]) -> dict[int, str]:
    stmt = select(RECORDS.c.seq, RECORDS.c.hash).where(
        RECORDS.c.seq.in_(bindparam("seqs", expanding=True))
    )
    out: dict[int, str] = {}
    for i in range(0, len(seqs), 500):
        out.update(
            (int(r.seq), r.hash) for r in conn.execute(stmt, {"seqs": list(seqs[i : i + 500])})
        )
    return out


def destroyed_seqs(engine: Engine) -> set[int]:
    with engine.connect() as conn:
        return set(conn.execute(select(DESTRUCTION_ITEMS.c.record_seq)).scalars())


def expired_candidates(
    engine: Engine, record_type: str, published_before: str
) -> Iterator[tuple[int, str, str, str]]:
    """(seq, record_id, published_at, hash) of records of a type published up to a time."""
    stmt = (
        select(RECORDS.c.seq, RECORDS.c.record_id, RECORDS.c.published_at, RECORDS.c.hash)
        .where(RECORDS.c.type == record_type)
        .where(RECORDS.c.published_at <= published_before)
        .where(RECORDS.c.payload.is_not(None))
        .order_by(RECORDS.c.seq)
    )
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=STREAM_BATCH).execute(stmt)
        for partition in result.partitions():
            for r in partition:
                yield int(r.seq), r.record_id, r.published_at, r.hash
