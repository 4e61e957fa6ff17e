"""Benchmark the engine: in-process time per case, and `triggermap assess` as a process.

Prints figures; never asserts. Targets (issue 3): p99 under 1 ms in process on this 2-core
machine; under 0.5 s wall time for the command on one case.

    .venv/bin/python bench/engine.py [--vignettes ../shared/vignettes/public.yaml]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from triggermap.kb.loader import load_knowledge
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.engine import assess

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vignettes", default=str(ROOT.parent / "shared/vignettes/public.yaml"))
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    kb = load_knowledge()
    vignettes = yaml.safe_load(Path(args.vignettes).read_text(encoding="utf-8"))
    cases = [parse_case(v["case"], kb) for v in vignettes]
    for case in cases * 5:  # warm-up
        assess(case, kb)
    times = []
    for _ in range(args.rounds):
        for case in cases:
            start = time.perf_counter()
            assess(case, kb)
            times.append(time.perf_counter() - start)
    times.sort()
    p99 = times[int(len(times) * 0.99) - 1]
    print(f"engine, in process: {len(times)} assessments of {len(cases)} vignettes")
    print(
        f"  median {statistics.median(times) * 1e3:.3f} ms   p99 {p99 * 1e3:.3f} ms   "
        f"max {times[-1] * 1e3:.3f} ms"
    )
    _bench_process(vignettes[0]["case"])


def _bench_process(case: dict[str, object]) -> None:
    exe = Path(sys.executable).with_name("triggermap")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(case, handle)
    walls = []
    for _ in range(10):
        start = time.perf_counter()
        subprocess.run(
            [str(exe), "assess", "--input", handle.name, "--format", "json"],
            check=True,
            capture_output=True,
        )
        walls.append(time.perf_counter() - start)
    print(
        f"`triggermap assess` as a process, one case, 10 runs: median "
        f"{statistics.median(walls) * 1e3:.0f} ms, max {max(walls) * 1e3:.0f} ms"
    )


if __name__ == "__main__":
    main()
