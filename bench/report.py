"""Run the benchmarks that exist and write docs/benchmarks.md.

Each section names the machine, the date, the exact command and prints the
benchmark's own table as it came out, including the ratio against each peer
measured in the same run (where the benchmark has a peer). Nothing is copied
from an earlier run: a benchmark that fails is reported as failed.

    python bench/report.py [--only NAME ...] [--archive-n 1000000] [--output docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent


@dataclass(frozen=True)
class Bench:
    name: str
    script: str
    title: str
    args: tuple[str, ...] = ()


def benches(archive_n: int) -> list[Bench]:
    return [
        Bench(
            "check",
            "check_throughput.py",
            "Pre-publication check: throughput, latency, cold start, memory",
        ),
        Bench("pii", "pii_peers.py", "Personal data: krantentoets vs Presidio vs deduce"),
        Bench("offensive", "offensive_hatecheck.py", "Offensive language on HateCheck-NL (dev)"),
        Bench(
            "offensive-groups",
            "offensive_other_groups.py",
            "Offensive language: dev templates filled with groups outside the dev data",
        ),
        Bench(
            "real-posts",
            "real_posts.py",
            "Every check on real published posts against blind labels (tune and holdout)",
        ),
        Bench("triage", "triage.py", "Triage quality and throughput"),
        Bench("ingest", "ingest.py", "Monitoring: ingest + triage + store throughput"),
        Bench("api", "api_load.py", "HTTP API load: POST /api/v1/check"),
        Bench("archive", "archive_scale.py", "Archive at scale", ("--n", str(archive_n))),
    ]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}, "
        f"{platform.python_implementation()} {platform.python_version()}"
    )


def run(b: Bench, out_dir: Path) -> dict:
    script = BENCH / b.script
    if not script.exists():
        return {"status": "absent"}
    json_path = out_dir / f"{b.name}.json"
    cmd = [sys.executable, str(script), *b.args, "--json", str(json_path)]
    shown = " ".join(["python", f"bench/{b.script}", *b.args])
    print(f"running {shown} ...", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    elapsed = time.perf_counter() - t0
    result = {
        "status": "ok" if proc.returncode == 0 else f"failed (exit {proc.returncode})",
        "command": shown,
        "seconds": round(elapsed, 1),
        "stdout": proc.stdout.strip(),
        "stderr_tail": "\n".join(proc.stderr.strip().splitlines()[-15:]),
    }
    if json_path.exists():
        with contextlib.suppress(json.JSONDecodeError):
            result["json"] = json.loads(json_path.read_text())
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--only",
        nargs="*",
        help="names: check pii offensive offensive-groups triage ingest api archive",
    )
    ap.add_argument("--archive-n", type=int, default=1_000_000)
    ap.add_argument("--output", type=Path, default=REPO / "docs" / "benchmarks.md")
    args = ap.parse_args()
    out_dir = REPO / "bench" / "out"
    out_dir.mkdir(exist_ok=True)
    selected = [b for b in benches(args.archive_n) if not args.only or b.name in args.only]
    date = time.strftime("%Y-%m-%d %H:%M %Z")
    lines = [
        "# Benchmarks",
        "",
        "<!-- Written by `python bench/report.py`; rerun it rather than editing by hand. -->",
        "",
        f"Machine: {machine()}.  ",
        f"Date: {date}.",
        "",
        "Every figure below comes from the run on this date; each benchmark prints its own",
        "targets and, where a peer exists, the peer measured in the same run and the ratio.",
    ]
    for b in selected:
        r = run(b, out_dir)
        lines += ["", f"## {b.title}", ""]
        if r["status"] == "absent":
            lines.append(f"`bench/{b.script}` does not exist yet.")
            continue
        lines += [f"Command: `{r['command']}` ({r['seconds']} s). Status: {r['status']}.", ""]
        lines += ["```", r["stdout"] or "(no output)", "```"]
        if r["status"] != "ok" and r["stderr_tail"]:
            lines += ["", "Error output (last lines):", "", "```", r["stderr_tail"], "```"]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written: {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
