"""Benchmark of the pre-publication check on real posts (issues 1 and 18). Not a test.

Corpus: the 4,711 real published tweets in ``../shared/data/real_posts_party_dev/`` (read at
run time, never copied into the repository), checked as X posts; the templated corpus of
``bench/corpus.py`` (short posts the team wrote) is measured as a second line.

Measures, each in a fresh process pinned to ONE core, with every text rule on (images excluded):

- in-process throughput over one pass of the corpus, every post new to the process
  (target >= 3,000 posts/s), and the latency of each post in that pass (p99 <= 5 ms);
- cold start of ``krantentoets check "…"`` (target <= 0.8 s);
- peak resident memory (target <= 150 MB): of the batch process, and of each CLI process on
  its own (``os.wait4`` gives the rusage of exactly that child; ``RUSAGE_CHILDREN`` would
  include every earlier child);
- the CLI on the whole corpus: ``krantentoets check --input posts.jsonl --format jsonl``,
  posts/s including start-up and JSON output.

``--repeat N`` runs every measurement N times in fresh processes and prints the median and
the range, because a shared machine is noisy. Throughput and per-post latency are given in
the process's own CPU time (what the check costs, whatever the neighbours do; the targets are
read from it) and in wall-clock time beside it (which on a busy machine includes the time the
process waited for the core). ``--write-output PATH`` keeps the CLI's JSONL
output of the whole real corpus; ``--compare REF.jsonl`` compares it line by line with a saved
reference and exits 1 when any line differs (speed work must not change any output).
``--baseline SRC`` measures another source tree (say ``git archive`` of an older commit, its
``src/``) interleaved with this one, prints both columns, and compares the two trees' output.

    python bench/check_throughput.py [--repeat 3] [--corpus real|templated|both] [--n 10000]
        [--cold-runs 3] [--baseline OLD/src] [--write-output OUT.jsonl] [--compare REF.jsonl]
        [--json out.json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import CorpusMissing, make_posts, real_posts

TARGET_POSTS_PER_S = 3_000
TARGET_P99_MS = 5.0
TARGET_COLD_S = 0.8
TARGET_RSS_MB = 150
COLD_TEXT = "Hoi Anja, het grofvuil wordt donderdag opgehaald. Bel me gerust op 06-12345678."


def pin_one_core() -> None:
    """Pin this process (and the children it starts) to one core."""
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def pinned() -> bool:
    try:
        return len(os.sched_getaffinity(0)) == 1
    except (AttributeError, OSError):
        return False


def corpus_texts(name: str, n: int) -> list[tuple[str, str]]:
    if name == "real":
        return real_posts()
    return [(str(i), t) for i, t in enumerate(make_posts(n))]


# -- the in-process batch (runs in a child) ------------------------------------------------------


def batch(name: str, n: int) -> dict[str, Any]:
    """One pass over the corpus: total throughput and each post's latency in that pass."""
    from krantentoets.check import check
    from krantentoets.policy import default_policy
    from krantentoets.post import Post

    policy = default_policy()
    posts = [Post(t, platform="x", id=i) for i, t in corpus_texts(name, n)]
    for rule in policy.active_rules:  # load every text rule's lazy resources outside the timing
        for example in (rule.meta.bad, rule.meta.good):
            post = example.post()
            if not post.images:  # images are excluded (their face detector alone is ~50 MB)
                check(post, policy)
    wall, cpu = time.perf_counter, time.thread_time
    lat: list[float] = []
    lat_wall: list[float] = []
    verdicts: dict[str, int] = {}
    start, start_cpu = wall(), cpu()
    for p in posts:
        t0, c0 = wall(), cpu()
        v = check(p, policy).verdict.value
        lat.append(cpu() - c0)
        lat_wall.append(wall() - t0)
        verdicts[v] = verdicts.get(v, 0) + 1
    elapsed, elapsed_cpu = wall() - start, cpu() - start_cpu
    lat.sort()
    lat_wall.sort()

    def p99(values: list[float]) -> float:
        return values[max(0, round(len(values) * 0.99) - 1)] * 1000

    return {
        "corpus": name,
        "posts": len(posts),
        "seconds": elapsed,
        "cpu_seconds": elapsed_cpu,
        "posts_per_s": len(posts) / elapsed,
        "posts_per_cpu_s": len(posts) / elapsed_cpu,
        "p50_ms": statistics.median(lat) * 1000,
        "p99_ms": p99(lat),
        "max_ms": lat[-1] * 1000,
        "wall_p50_ms": statistics.median(lat_wall) * 1000,
        "wall_p99_ms": p99(lat_wall),
        "verdicts": verdicts,
        "rules": len(policy.active_rules),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "pinned": pinned(),
    }


# -- fresh processes, measured one by one -------------------------------------------------------


def run_measured(
    cmd: list[str], stdout: Any, env: dict[str, str]
) -> tuple[float, float, float, int, str]:
    """Run ``cmd`` pinned to one core: (wall seconds, its own CPU seconds, its own peak RSS
    in MB, exit status, stderr)."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=err, env=env, preexec_fn=pin_one_core)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return (
            wall,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024,
            proc.returncode,
            err.read().decode(errors="replace"),
        )


def krantentoets_exe() -> str:
    return shutil.which("krantentoets", path=str(Path(sys.executable).parent)) or str(
        Path(sys.executable).parent / "krantentoets"
    )


def cold_start(runs: int, env: dict[str, str]) -> dict[str, Any]:
    times, cpus, rss = [], [], []
    for _ in range(runs):
        wall, cpu, peak, code, err = run_measured(
            [krantentoets_exe(), "check", "--platform", "facebook", COLD_TEXT],
            subprocess.DEVNULL,
            env,
        )
        if code not in (0, 1):
            raise SystemExit(f"CLI failed (exit {code}): {err}")
        times.append(wall)
        cpus.append(cpu)
        rss.append(peak)
    return {"runs": runs, "seconds": times, "cpu_seconds": cpus, "peak_rss_mb": rss}


def cli_batch(posts: list[tuple[str, str]], output: Path, env: dict[str, str]) -> dict[str, Any]:
    """``krantentoets check --input`` over the corpus, its JSONL written to ``output``."""
    with tempfile.TemporaryDirectory(prefix="krantentoets-bench-") as folder:
        src = Path(folder) / "posts.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for i, t in posts:
                fh.write(json.dumps({"id": i, "text": t, "platform": "x"}, ensure_ascii=False))
                fh.write("\n")
        with output.open("wb") as out:
            wall, cpu, peak, code, err = run_measured(
                [krantentoets_exe(), "check", "--input", str(src), "--format", "jsonl"], out, env
            )
    if code not in (0, 1):
        raise SystemExit(f"CLI batch failed (exit {code}): {err[-2000:]}")
    return {
        "posts": len(posts),
        "posts_per_s": len(posts) / wall,
        "posts_per_cpu_s": len(posts) / cpu,
        "rss": peak,
    }


def _differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """Which keys differ; within findings of the same rules, which keys of which finding."""
    keys = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    fa, fb = a.get("findings") or [], b.get("findings") or []
    if keys == ["findings"] and [f["rule"] for f in fa] == [f["rule"] for f in fb]:
        return [
            f"findings[{x['rule']}].{k}"
            for x, y in zip(fa, fb, strict=True)
            for k in sorted(x.keys() | y.keys())
            if x.get(k) != y.get(k)
        ]
    return keys


def compare(output: Path, reference: Path) -> dict[str, Any]:
    """Line-by-line comparison of two JSONL outputs (parsed, so key order does not count)."""
    ours = output.read_text(encoding="utf-8").splitlines()
    ref = reference.read_text(encoding="utf-8").splitlines()
    differing = []
    for n, (a, b) in enumerate(zip(ours, ref, strict=False), start=1):
        da, db = json.loads(a), json.loads(b)
        if da != db:
            differing.append({"line": n, "id": da.get("id"), "fields": _differences(da, db)})
    return {
        "reference": str(reference),
        "lines": len(ours),
        "reference_lines": len(ref),
        "differing": len(differing) + abs(len(ours) - len(ref)),
        "by_field": dict(Counter(f for d in differing for f in d["fields"]).most_common()),
        "first": differing[:10],
    }


# -- one round of every measure, for one source tree ---------------------------------------------


def tree_env(src: Path | None) -> dict[str, str]:
    """The environment that makes children import krantentoets from ``src`` (None: this one)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KRANTENTOETS_")}
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    return env


def child(corpus: str, n: int, env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", corpus, "--n", str(n)],
        capture_output=True,
        text=True,
        env=env,
    )
    if out.returncode != 0:
        raise SystemExit(f"benchmark child failed: {out.stderr[-2000:]}")
    return dict(json.loads(out.stdout))


def one_round(
    corpora: list[str],
    n: int,
    cold_runs: int,
    real: list[tuple[str, str]],
    output: Path,
    env: dict[str, str],
    into: dict[str, Any],
) -> None:
    for c in corpora:
        into["batch"].setdefault(c, []).append(child(c, n, env))
    cs = cold_start(cold_runs, env)
    into["cold_start"]["seconds"] += cs["seconds"]
    into["cold_start"]["cpu_seconds"] += cs["cpu_seconds"]
    into["cold_start"]["peak_rss_mb"] += cs["peak_rss_mb"]
    if real:
        r = cli_batch(real, output, env)
        into["cli_batch"]["posts_per_s"].append(r["posts_per_s"])
        into["cli_batch"]["posts_per_cpu_s"].append(r["posts_per_cpu_s"])
        into["cli_batch"]["peak_rss_mb"].append(r["rss"])


def empty_results() -> dict[str, Any]:
    return {
        "batch": {},
        "cold_start": {"seconds": [], "cpu_seconds": [], "peak_rss_mb": []},
        "cli_batch": {"posts_per_s": [], "posts_per_cpu_s": [], "peak_rss_mb": []},
    }


# -- report -------------------------------------------------------------------------------------


def spread(values: list[float], fmt: str) -> str:
    med = statistics.median(values)
    if len(values) == 1:
        return format(med, fmt)
    return f"{format(med, fmt)} ({format(min(values), fmt)}-{format(max(values), fmt)})"


def rows_of(res: dict[str, Any], real_n: int) -> list[tuple[str, list[float], str, str, Any]]:
    """(measure, values, "number-format unit", target text, test of the values or None)."""
    med = statistics.median
    out: list[tuple[str, list[float], str, str, Any]] = []
    for c, bs in res["batch"].items():
        label = "real posts" if c == "real" else "templated"
        primary = c == "real"
        out += [
            (
                f"{label}: posts per CPU-second",
                [b["posts_per_cpu_s"] for b in bs],
                ",.0f posts/s",
                f">= {TARGET_POSTS_PER_S:,}" if primary else "",
                (lambda v: med(v) >= TARGET_POSTS_PER_S) if primary else None,
            ),
            (
                f"{label}: posts per wall-second",
                [b["posts_per_s"] for b in bs],
                ",.0f posts/s",
                "",
                None,
            ),
            (f"{label}: CPU p50 per post", [b["p50_ms"] for b in bs], ".2f ms", "", None),
            (
                f"{label}: CPU p99 per post",
                [b["p99_ms"] for b in bs],
                ".2f ms",
                f"<= {TARGET_P99_MS:g} ms" if primary else "",
                (lambda v: med(v) <= TARGET_P99_MS) if primary else None,
            ),
            (f"{label}: wall p99 per post", [b["wall_p99_ms"] for b in bs], ".2f ms", "", None),
            (
                f"{label}: peak RSS, batch",
                [b["peak_rss_mb"] for b in bs],
                ".0f MB",
                f"<= {TARGET_RSS_MB} MB" if primary else "",
                (lambda v: max(v) <= TARGET_RSS_MB) if primary else None,
            ),
        ]
    cold = res["cold_start"]
    out += [
        (
            "CLI cold start, wall",
            cold["seconds"],
            ".2f s",
            f"<= {TARGET_COLD_S:g} s",
            lambda v: med(v) <= TARGET_COLD_S,
        ),
        ("CLI cold start, CPU", cold["cpu_seconds"], ".2f s", "", None),
        (
            "CLI peak RSS, one post",
            cold["peak_rss_mb"],
            ".0f MB",
            f"<= {TARGET_RSS_MB} MB",
            lambda v: max(v) <= TARGET_RSS_MB,
        ),
    ]
    cli = res["cli_batch"]
    if cli["posts_per_s"]:
        out += [
            ("CLI --input, per CPU-second", cli["posts_per_cpu_s"], ",.0f posts/s", "", None),
            ("CLI --input, per wall-second", cli["posts_per_s"], ",.0f posts/s", "", None),
            (
                "CLI peak RSS, --input",
                cli["peak_rss_mb"],
                ".0f MB",
                f"<= {TARGET_RSS_MB} MB",
                lambda v: max(v) <= TARGET_RSS_MB,
            ),
        ]
    return out


def cell(values: list[float], fmt: str) -> str:
    number, _, unit = fmt.partition(" ")
    return f"{spread(values, number)} {unit}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", choices=("real", "templated", "both"), default="both")
    ap.add_argument("--n", type=int, default=10_000, help="posts in the templated corpus")
    ap.add_argument("--repeat", type=int, default=3, help="fresh-process runs of each measure")
    ap.add_argument("--cold-runs", type=int, default=3, help="cold starts per repeat")
    ap.add_argument(
        "--baseline",
        type=Path,
        metavar="SRC",
        help="also measure the krantentoets package in SRC (e.g. an exported older commit's "
        "src/), interleaved with this one, and print both columns",
    )
    ap.add_argument("--write-output", type=Path, help="keep the CLI's JSONL of the real corpus")
    ap.add_argument("--compare", type=Path, help="compare that JSONL with a saved reference")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--child", choices=("real", "templated"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:  # the batch in its own process, so its peak memory is its own
        pin_one_core()
        print(json.dumps(batch(args.child, args.n)))
        return 0

    corpora = ["real", "templated"] if args.corpus == "both" else [args.corpus]
    try:
        want_real = "real" in corpora or args.compare or args.write_output
        real = real_posts() if want_real else []
    except CorpusMissing as exc:
        raise SystemExit(str(exc)) from None
    trees: dict[str, Path | None] = {"this tree": None}
    if args.baseline:
        if not (args.baseline / "krantentoets" / "check.py").is_file():
            raise SystemExit(f"{args.baseline}: no krantentoets package in it")
        trees = {"baseline": args.baseline.resolve(), "this tree": None}
    results = {name: empty_results() for name in trees}
    with tempfile.TemporaryDirectory(prefix="krantentoets-bench-") as folder:
        output = args.write_output or Path(folder) / "output.jsonl"
        scratch = Path(folder) / "baseline.jsonl"
        for _ in range(max(1, args.repeat)):  # interleaved, so noise spreads over all measures
            for name, src in trees.items():
                out = output if src is None else scratch
                one_round(corpora, args.n, args.cold_runs, real, out, tree_env(src), results[name])
        compared = compare(output, args.compare) if args.compare else None
        against_baseline = compare(output, scratch) if args.baseline and real else None

    first = next(iter(results["this tree"]["batch"].values()))[0]
    print(
        f"krantentoets check benchmark: {first['rules']} rules (images excluded), "
        f"{'each process pinned to one core' if first['pinned'] else 'NOT pinned'}, "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M')}, load average "
        f"{os.getloadavg()[0]:.2f}"
    )
    for c, bs in results["this tree"]["batch"].items():
        print(f"{c}: {bs[0]['posts']:,} posts as X posts; verdicts {bs[0]['verdicts']}")
    print(f"median of {max(1, args.repeat)} fresh-process runs (min-max in brackets)")
    columns = list(trees)
    table = {name: rows_of(results[name], len(real)) for name in columns}
    head = f"{'measure':<28}" + "".join(f"{name:>30}" for name in columns)
    print(f"{head}  {'target':<12} ok")
    for i, (measure, _, fmt, target, ok) in enumerate(table["this tree"]):
        cells = "".join(f"{cell(table[name][i][1], fmt):>30}" for name in columns)
        values = table["this tree"][i][1]
        mark = "" if ok is None else "yes" if ok(values) else "NO"
        print(f"{measure:<28}{cells}  {target:<12} {mark}")
    status = 0
    for name, cmp in (("baseline's output", against_baseline), (None, compared)):
        if cmp is None:
            continue
        same = cmp["differing"] == 0
        print(
            f"CLI output vs {name or cmp['reference']}: {cmp['lines']:,} lines, "
            + ("identical" if same else f"{cmp['differing']} differ")
        )
        for field_name, n in cmp["by_field"].items():
            print(f"  {field_name}: {n} lines")
        for d in cmp["first"][:5]:
            print(f"  e.g. line {d['line']} (id {d['id']}): {', '.join(d['fields'])}")
        status = status or (0 if same else 1)
    if args.write_output:
        print(f"CLI output written to {args.write_output}")
    if args.json:
        figures = {"trees": {k: str(v) if v else "." for k, v in trees.items()}, **results}
        if compared is not None:
            figures["compare"] = compared
        if against_baseline is not None:
            figures["compare_baseline"] = against_baseline
        args.json.write_text(json.dumps(figures, indent=2))
    return status


if __name__ == "__main__":
    sys.exit(main())
