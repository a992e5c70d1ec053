"""Benchmark of the pre-publication check (issue: the foundation). Not a test.

Measures, on one core, with every text rule on (images excluded):
- batch throughput over N realistic Dutch posts of at most 280 characters (target >= 2,000/s);
- single-post latency p50/p99 (target p99 <= 10 ms);
- CLI cold start of ``krantentoets check "…"`` (target <= 1.5 s);
- peak resident memory of a process that runs the batch (target <= 300 MB).

    python bench/check_throughput.py [--n 10000] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_posts


def pin_one_core() -> str:
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        return "pinned to one core"
    except (AttributeError, OSError):
        return "not pinned"


def batch(n: int) -> dict:
    from krantentoets.check import check
    from krantentoets.policy import default_policy
    from krantentoets.post import Post

    policy = default_policy()
    posts = [Post(t, platform="x") for t in make_posts(n)]
    check(posts[0], policy)  # load lazy resources outside the timing
    start = time.perf_counter()
    verdicts: dict[str, int] = {}
    for p in posts:
        v = check(p, policy).verdict.value
        verdicts[v] = verdicts.get(v, 0) + 1
    elapsed = time.perf_counter() - start
    lat = []
    for p in posts[:2000]:
        t0 = time.perf_counter()
        check(p, policy)
        lat.append((time.perf_counter() - t0) * 1000)
    lat.sort()
    return {
        "posts": n,
        "seconds": round(elapsed, 3),
        "posts_per_s": round(n / elapsed, 1),
        "p50_ms": round(statistics.median(lat), 3),
        "p99_ms": round(lat[int(len(lat) * 0.99) - 1], 3),
        "verdicts": verdicts,
        "rules": len(policy.active_rules),
    }


def cold_start(runs: int) -> dict:
    exe = shutil.which("krantentoets") or str(Path(sys.executable).parent / "krantentoets")
    text = "Hoi Anja, het grofvuil wordt donderdag opgehaald. Bel me gerust op 06-12345678."
    times = []
    rss = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(
            [exe, "check", "--platform", "facebook", text], capture_output=True, text=True
        )
        times.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        rss.append(after.ru_maxrss / 1024)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"CLI failed: {proc.stderr}")
        del before
    return {
        "runs": runs,
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
        "cli_peak_rss_mb": round(max(rss), 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--cold-runs", type=int, default=5)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:  # the batch in its own process, so its peak memory is its own
        pin_one_core()
        result = batch(args.n)
        result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        print(json.dumps(result))
        return
    out = subprocess.run(
        [sys.executable, __file__, "--child", "--n", str(args.n)],
        capture_output=True,
        text=True,
        check=True,
    )
    b = json.loads(out.stdout)
    c = cold_start(args.cold_runs)
    rows = [
        (
            "batch throughput (1 core)",
            f"{b['posts_per_s']:,.0f} posts/s",
            ">= 2,000 posts/s",
            b["posts_per_s"] >= 2000,
        ),
        ("latency p50", f"{b['p50_ms']:.2f} ms", "", True),
        ("latency p99", f"{b['p99_ms']:.2f} ms", "<= 10 ms", b["p99_ms"] <= 10),
        ("CLI cold start (median)", f"{c['median_s']:.2f} s", "<= 1.5 s", c["median_s"] <= 1.5),
        ("CLI cold start (max)", f"{c['max_s']:.2f} s", "", True),
        (
            "peak RSS, batch process",
            f"{b['peak_rss_mb']:.0f} MB",
            "<= 300 MB",
            b["peak_rss_mb"] <= 300,
        ),
        (
            "peak RSS, CLI",
            f"{c['cli_peak_rss_mb']:.0f} MB",
            "<= 300 MB",
            c["cli_peak_rss_mb"] <= 300,
        ),
    ]
    print(
        f"krantentoets check benchmark: {b['posts']:,} posts, {b['rules']} rules, "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}"
    )
    print(f"verdicts: {b['verdicts']}")
    print(f"{'measure':<28} {'value':>16}  {'target':<18} ok")
    for name, value, target, ok in rows:
        print(f"{name:<28} {value:>16}  {target:<18} {'yes' if ok else 'NO'}")
    if args.json:
        args.json.write_text(json.dumps({"batch": b, "cold_start": c}, indent=2))


if __name__ == "__main__":
    main()
