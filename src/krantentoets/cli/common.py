"""Input handling shared by the commands that read posts: TEXT, ``-`` and ``--input``.

Every problem becomes one Dutch line on standard error and exit status 2; in a
JSON Lines batch a bad line becomes ``{"line": N, "error": "..."}`` and the
batch goes on.
"""

from __future__ import annotations

import json
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from krantentoets.cli import EXIT_ERROR
from krantentoets.limits import MAX_JSON_BYTES, InputLimitError, parse_json

if TYPE_CHECKING:
    from krantentoets.policy import Policy


class InputError(ValueError):
    """Input that cannot be used; the message is Dutch and says where."""


def fail(message: str) -> NoReturn:
    """Print ``krantentoets: fout: message`` on stderr and exit with status 2."""
    click.echo(f"krantentoets: fout: {message}", err=True)
    sys.exit(EXIT_ERROR)


def decode_utf8(data: bytes, where: str) -> str:
    """Decode UTF-8 strictly; the error names the line, column and byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            f"{where}: geen geldige UTF-8 op regel {line}, kolom {col} "
            f"(byte {exc.start}: 0x{data[exc.start]:02x})"
        ) from None


def read_text_argument(text: str | None) -> str:
    """The post text from the TEXT argument, or from standard input for ``-``."""
    if text is None:
        fail("geef een tekst, '-' voor standaardinvoer, of --input BESTAND.jsonl")
    if text == "-":
        try:
            return decode_utf8(sys.stdin.buffer.read(), "standaardinvoer")
        except InputError as exc:
            fail(str(exc))
    return text


@dataclass(frozen=True, slots=True)
class Line:
    """One JSON Lines record: its 1-based line number and either data or an error."""

    number: int
    data: dict[str, Any] | None
    error: str | None = None


def read_jsonl(path: str) -> Iterator[Line]:
    """Yield each non-empty line of a JSON Lines file as data or as an error.

    ``-`` reads standard input. The file is read line by line, so a large batch
    does not have to fit in memory. Whatever a line holds (invalid UTF-8 or JSON,
    a 5,000-digit number, deep nesting, a lone surrogate, a line over the size
    limit) it becomes an error for that line only: the batch goes on.
    """
    if path != "-":
        check_regular_file(path)
    try:
        fh = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    except FileNotFoundError:
        fail(f"{path}: bestand niet gevonden")
    except OSError as exc:
        fail(f"{path}: niet te lezen ({exc.strerror})")
    name = "standaardinvoer" if path == "-" else path
    with fh:
        number = 0
        while True:
            raw = fh.readline(MAX_JSON_BYTES + 1)
            if not raw:
                break
            number += 1
            if len(raw) > MAX_JSON_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
                    raw = fh.readline(MAX_JSON_BYTES)
                yield Line(
                    number, None, f"de regel is te lang (hoogstens {MAX_JSON_BYTES:,} bytes)"
                )
                continue
            if not raw.strip():
                continue
            try:
                data = parse_json(decode_utf8(raw, f"{name} regel {number}"))
            except InputError as exc:
                yield Line(number, None, str(exc).replace(" op regel 1,", ","))
                continue
            except InputLimitError as exc:
                yield Line(number, None, str(exc))
                continue
            if not isinstance(data, dict):
                yield Line(
                    number, None, 'elke regel moet een JSON-object zijn: {"id": …, "text": …}'
                )
                continue
            yield Line(number, data)


def check_regular_file(path: str | Path, what: str = "bestand") -> None:
    """Fail unless ``path`` is a regular file (not a folder, device or pipe such as /dev/zero)."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        fail(f"{p}: {what} niet gevonden")
    except OSError as exc:
        fail(f"{p}: {what} niet te lezen ({exc.strerror})")
    if not stat.S_ISREG(st.st_mode):
        fail(f"{p}: dit is geen gewoon bestand (een map of apparaat kan niet als {what} dienen)")


def line_failed(number: int, exc: BaseException) -> dict[str, Any]:
    """The ``{"line", "error"}`` record for a line whose processing failed unexpectedly.

    Used by every batch command so that one line never ends the batch.
    """
    return {
        "line": number,
        "error": f"deze regel kon niet worden verwerkt ({exc.__class__.__name__}); "
        "de andere regels gaan door",
    }


def load_policy_or_fail(policy_path: str | None, profile: str | None) -> Policy:
    from krantentoets.policy import PolicyError, load_policy

    try:
        return load_policy(policy_path, profile)
    except PolicyError as exc:
        fail(str(exc))


def db_overrides(engine: Any) -> dict[str, Any]:
    """The settings changed in the web app, by key (``{}`` when the database has none)."""
    from sqlalchemy.exc import SQLAlchemyError

    from krantentoets.store import session_scope
    from krantentoets.store.settings import overrides

    try:
        with session_scope(engine) as session:
            return {key: row.value for key, row in overrides(session).items()}
    except SQLAlchemyError:
        return {}


def effective_policy_or_fail(policy_path: str | None, engine: Any) -> Policy:
    """The policy file with the settings changed in the web app over it: commands that
    use the database (monitor, archive) see the same settings as the app."""
    from krantentoets.policy import PolicyError
    from krantentoets.policy.effective import apply_overrides, file_data

    base = load_policy_or_fail(policy_path, None)
    changed = db_overrides(engine)
    if not changed:
        return base
    try:
        return apply_overrides(file_data(policy_path), changed, source=policy_path or "")
    except PolicyError as exc:
        fail(str(exc))


def write_json_line(obj: dict[str, Any]) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False))


PROFILE_OPTION = click.option(
    "--profile",
    metavar="medewerkers|mandatarissen",
    help="Profiel van de gedragscode (standaard: uit het beleidsbestand, anders medewerkers).",
)
POLICY_OPTION = click.option(
    "--policy",
    "policy_path",
    metavar="BESTAND.toml",
    envvar="KRANTENTOETS_POLICY",
    help="Beleidsbestand van de organisatie (maak er een met 'krantentoets init').",
)
INPUT_OPTION = click.option(
    "--input",
    "input_path",
    metavar="BESTAND.jsonl",
    help="Lees berichten uit een JSON Lines-bestand ('-' = standaardinvoer), één per regel.",
)


def format_option(default: str = "text") -> Any:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json", "jsonl"]),
        default=default,
        show_default=True,
        help="Uitvoer voor mensen (text) of voor programma's (json, jsonl).",
    )


@contextmanager
def engine_or_fail() -> Iterator[Any]:
    """The installation's database engine (``KRANTENTOETS_DATABASE_URL`` or the data folder),
    disposed of afterwards; an unusable or unreachable database is one Dutch error line."""
    from krantentoets.store import StoreError, open_engine

    try:
        engine = open_engine()
    except StoreError as exc:
        fail(str(exc))
    except Exception as exc:  # a database that cannot be reached
        fail(f"de database is niet bereikbaar: {exc.__class__.__name__}: {exc}".splitlines()[0])
    try:
        yield engine
    finally:
        engine.dispose()
