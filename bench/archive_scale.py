"""Archive at scale: append rate, verify time, search latency, export memory.

    python bench/archive_scale.py [--n 1000000] [--database-url URL] [--json PATH]

Targets (SQLite): append >= 5,000 records/s, verify <= 20 s, search p95 <= 100 ms,
export memory constant (the same peak for a tenth of the archive and for all of it).
Without ``--database-url`` a fresh SQLite file in a temporary folder is used.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TARGETS = {"append_per_s": 5_000, "verify_s": 20.0, "search_p95_ms": 100.0}

WORDS = (  # noqa: SIM905 - one readable line of words
    "zwembad afval grofvuil brug parkeren vergunning subsidie wijk school sportpark "
    "evenement bouw weg riool fiets bus station markt bibliotheek speeltuin groen boom "
    "kermis festival raad wethouder burgemeester paspoort rijbewijs belasting huur "
    "woning jeugd zorg energie warmte water storm brand politie veiligheid"
).split()
FILLER = (  # noqa: SIM905
    "de het een en van op in voor met is wordt gaat vanaf tot naar bij om over ook "
    "niet wel we je u graag morgen vandaag maandag zaterdag open dicht informatie"
).split()

_EXPORT_PROBE = """
import resource, sys
from pathlib import Path
from krantentoets.archive.service import Archive
from krantentoets.store import make_engine
engine = make_engine(sys.argv[1])
n = Archive(engine).export(sys.argv[2], Path(sys.argv[3]),
                           published_to=sys.argv[4] if sys.argv[4] != "-" else None)
print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _text(rng: random.Random, words: int) -> str:
    out = []
    for _ in range(words):
        out.append(rng.choice(WORDS) if rng.random() < 0.3 else rng.choice(FILLER))
    return " ".join(out).capitalize() + "."


def records(n: int, seed: int = 7) -> Iterator[tuple[int, dict[str, Any]]]:
    rng = random.Random(seed)
    start = 1_451_606_400  # 2016-01-01
    span = 10 * 365 * 86_400
    for i in range(n):
        t = start + i * span // n
        published = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
        payload: dict[str, Any] = {
            "id": f"rec-{i:08d}",
            "type": "post",
            "platform": rng.choice(("facebook", "x", "instagram", "linkedin")),
            "account": "gemeente",
            "author": f"medewerker{rng.randrange(40)}",
            "role": "medewerker",
            "text": _text(rng, rng.randrange(12, 45)),
            "published_at": published,
            "url": f"https://social.example/gemeente/{i}",
        }
        if rng.random() < 0.7:
            payload["in_reply_to"] = {
                "author": f"inwoner{rng.randrange(100_000)}",
                "text": _text(rng, rng.randrange(8, 40)),
            }
        yield i, payload


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--database-url")
    ap.add_argument("--batch", type=int, default=5_000)
    ap.add_argument("--searches", type=int, default=300)
    ap.add_argument("--json", dest="json_path")
    ap.add_argument("--skip-export", action="store_true")
    args = ap.parse_args(argv)

    from krantentoets.archive.service import Archive
    from krantentoets.store import make_engine, upgrade

    tmp = tempfile.TemporaryDirectory(prefix="kt-archive-bench-")
    url = args.database_url or f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    archive = Archive(engine)
    out: dict[str, Any] = {"n": args.n, "backend": engine.dialect.name, "batch": args.batch}

    t0 = time.perf_counter()
    result = archive.append(records(args.n), batch_size=args.batch)
    append_s = time.perf_counter() - t0
    assert result.appended == args.n, result.rejected[:3]
    out["append_s"] = round(append_s, 2)
    out["append_per_s"] = round(args.n / append_s)
    print(f"append: {args.n:,} records in {append_s:.1f} s = {args.n / append_s:,.0f}/s")

    t0 = time.perf_counter()
    check = archive.verify()
    out["verify_s"] = round(time.perf_counter() - t0, 2)
    assert check.ok and check.count == args.n, check.problem
    print(f"verify: {check.count:,} records in {out['verify_s']:.1f} s (ok)")

    rng = random.Random(11)
    latencies, hits = [], 0
    for i in range(args.searches):
        kind = i % 3
        if kind == 0:
            query = rng.choice(WORDS)
        elif kind == 1:
            query = f"{rng.choice(WORDS)} {rng.choice(WORDS)}"
        else:
            query = rng.choice(WORDS)[:4] + "*"
        t0 = time.perf_counter()
        found = archive.search(query, limit=20)
        latencies.append((time.perf_counter() - t0) * 1000)
        hits += len(found)
    out["search_p50_ms"] = round(_pct(latencies, 50), 2)
    out["search_p95_ms"] = round(_pct(latencies, 95), 2)
    out["search_max_ms"] = round(max(latencies), 2)
    out["search_queries"] = args.searches
    out["search_avg_hits"] = round(hits / args.searches, 1)
    print(
        f"search: p50 {out['search_p50_ms']} ms, p95 {out['search_p95_ms']} ms, "
        f"max {out['search_max_ms']} ms over {args.searches} queries"
    )

    if not args.skip_export:
        tenth = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1_451_606_400 + 365 * 86_400))
        for label, fmt, upto in (
            ("tenth", "jsonl", tenth),
            ("all", "jsonl", "-"),
            ("all", "html", "-"),
        ):
            target = Path(tmp.name) / f"export-{label}.{fmt}"
            t0 = time.perf_counter()
            probe = subprocess.run(
                [sys.executable, "-c", _EXPORT_PROBE, url, fmt, str(target), upto],
                capture_output=True,
                text=True,
                check=True,
            )
            seconds = time.perf_counter() - t0
            count, rss_kb = (int(x) for x in probe.stdout.split())
            size = target.stat().st_size
            target.unlink()
            key = f"export_{fmt}_{label}"
            out[key] = {
                "records": count,
                "seconds": round(seconds, 1),
                "peak_rss_mb": round(rss_kb / 1024, 1),
                "file_mb": round(size / 1e6, 1),
            }
            print(
                f"export {fmt} ({label}): {count:,} records, {seconds:.1f} s, "
                f"peak RSS {rss_kb / 1024:.0f} MB, file {size / 1e6:.0f} MB"
            )

    if engine.dialect.name == "sqlite":
        db_file = Path(engine.url.database or "")
        if db_file.exists():
            out["database_mb"] = round(db_file.stat().st_size / 1e6, 1)
    out["targets"] = TARGETS
    out["met"] = {
        "append": out["append_per_s"] >= TARGETS["append_per_s"],
        "verify": out["verify_s"] <= TARGETS["verify_s"],
        "search": out["search_p95_ms"] <= TARGETS["search_p95_ms"],
    }
    print("targets met:", out["met"])
    engine.dispose()
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
