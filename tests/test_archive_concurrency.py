"""The archive under stress: a writer killed mid-batch, and two writers at once.

Both run the real ``krantentoets archive add`` in subprocesses, on SQLite and
on PostgreSQL (skipped with the reason when no server answers).
"""

from __future__ import annotations

import itertools
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from krantentoets.archive.service import Archive
from krantentoets.store import make_engine, upgrade

CLI = [sys.executable, "-c", "from krantentoets.cli import main; main()"]


def _write(path: Path, prefix: str, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(
                json.dumps(
                    {
                        "id": f"{prefix}-{i}",
                        "platform": "x",
                        "account": "@gemeente",
                        "author": "webcare",
                        "text": f"Antwoord {i}: de brug is vanaf maandag weer open.",
                        "published_at": f"2025-06-01T{i // 3600 % 24:02d}:"
                        f"{i // 60 % 60:02d}:{i % 60:02d}Z",
                    }
                )
                + "\n"
            )


def _ids(archive: Archive) -> list[str]:
    return [r["id"] for r in archive.records()]


def test_killed_bulk_add_leaves_a_valid_chain_and_loses_nothing_committed(
    db_url: str, tmp_path: Path
) -> None:
    upgrade(db_url)
    src = tmp_path / "bulk.jsonl"
    n, batch = 20_000, 500
    _write(src, "k", n)
    proc = subprocess.Popen(
        [
            *CLI,
            "archive",
            "add",
            "--input",
            str(src),
            "--progress",
            "--batch-size",
            str(batch),
            "--database-url",
            db_url,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    committed = 0
    assert proc.stderr is not None
    deadline = time.monotonic() + 120
    for line in proc.stderr:
        m = re.match(r"vastgelegd: (\d+) records", line)
        if m:
            committed = int(m.group(1))
        if committed >= 3 * batch or time.monotonic() > deadline:
            break
    proc.send_signal(signal.SIGKILL)  # no clean-up: mid-transaction if it was in one
    proc.wait(timeout=30)
    assert committed >= 3 * batch, "the writer never reported a commit"
    engine = make_engine(db_url)
    archive = Archive(engine)
    result = archive.verify()
    assert result.ok, result.problem
    ids = _ids(archive)
    assert len(ids) >= committed  # nothing that was reported committed is lost
    assert len(ids) < n, "the writer finished before it was killed; make the input larger"
    assert len(ids) % batch == 0  # a batch is all or nothing
    assert ids == [f"k-{i}" for i in range(len(ids))]  # a prefix of the input, in order
    # Running the same file again adds the rest; what was archived is refused, not doubled.
    done = subprocess.run(
        [
            *CLI,
            "archive",
            "add",
            "--input",
            str(src),
            "--batch-size",
            "5000",
            "--database-url",
            db_url,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2 and done.stdout.count('"error"') == len(ids)
    assert archive.verify().ok and len(_ids(archive)) == n
    engine.dispose()


def test_two_concurrent_writers_keep_one_valid_chain(db_url: str, tmp_path: Path) -> None:
    """Two writers, both running, take turns deterministically: the test feeds one batch to
    one writer, waits until that writer reports the batch committed, then feeds the other.
    Both processes stay open the whole time, so each append must work against a chain the
    other has moved on; the interleaving does not depend on timing."""
    upgrade(db_url)
    n, batch = 400, 20
    lines = {}
    for prefix in ("a", "b"):
        path = tmp_path / f"{prefix}.jsonl"
        _write(path, prefix, n)
        lines[prefix] = path.read_text("utf-8").splitlines(keepends=True)
    procs = {
        prefix: subprocess.Popen(
            [
                *CLI,
                "archive",
                "add",
                "--input",
                "-",
                "--progress",
                "--batch-size",
                str(batch),
                "--database-url",
                db_url,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        for prefix in lines
    }
    progress: dict[str, queue.Queue[str]] = {p: queue.Queue() for p in procs}

    def pump(prefix: str) -> None:  # read each writer's stderr without blocking the test
        stream = procs[prefix].stderr
        assert stream is not None
        for line in stream:
            progress[prefix].put(line)
        progress[prefix].put("")

    readers = [threading.Thread(target=pump, args=(p,), daemon=True) for p in procs]
    for reader in readers:
        reader.start()

    def committed(prefix: str, expected: int) -> None:
        while True:
            line = progress[prefix].get(timeout=120)  # only a hung writer ever waits this long
            assert line, f"writer {prefix} stopped before committing {expected} records"
            m = re.match(r"vastgelegd: (\d+) records", line)
            if m and int(m.group(1)) >= expected:
                return

    for start in range(0, n, batch):
        for prefix, proc in procs.items():
            assert proc.stdin is not None
            proc.stdin.write("".join(lines[prefix][start : start + batch]))
            proc.stdin.flush()
            committed(prefix, start + batch)
    outs = {}
    for prefix, proc in procs.items():
        assert proc.stdin is not None
        proc.stdin.close()
        outs[prefix] = (proc.stdout.read() if proc.stdout else "", proc.wait(timeout=120))
    assert all(code == 0 for _, code in outs.values()), outs
    engine = make_engine(db_url)
    archive = Archive(engine)
    result = archive.verify()
    assert result.ok, result.problem
    ids = _ids(archive)
    assert len(ids) == 2 * n
    switches = sum(1 for x, y in itertools.pairwise(ids) if x[0] != y[0])
    assert switches == 2 * (n // batch) - 1, f"the writers did not take turns ({switches})"
    for prefix in ("a", "b"):  # each writer's records keep their own order
        assert [i for i in ids if i.startswith(prefix + "-")] == [f"{prefix}-{i}" for i in range(n)]
    engine.dispose()
