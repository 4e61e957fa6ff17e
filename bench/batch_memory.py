"""Benchmark a large batch: peak memory and time of `triggermap assess` on 10,000 cases.

Prints figures; never asserts. Target (issue 8): under 200 MB peak resident memory for a
10,000-case list, in JSON and in text, because a list streams (each case checked, then each
parsed, assessed and written as it is ready).

    .venv/bin/python bench/batch_memory.py [--cases 10000] [--formats json text]
                                           [--exe PATH/TO/triggermap]  (another version)
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
VIGNETTES = ROOT.parent / "shared/vignettes/public.yaml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--exe", default=str(Path(sys.executable).with_name("triggermap")))
    parser.add_argument("--formats", nargs="+", default=["json", "text"])
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    with tempfile.TemporaryDirectory() as folder:
        batch = Path(folder) / "batch.json"
        batch.write_text(json.dumps(_cases(args.cases)), encoding="utf-8")
        size_mb = batch.stat().st_size / 1e6
        print(f"`triggermap assess` on a list of {args.cases:,} cases ({size_mb:.1f} MB of JSON)")
        for output_format in args.formats:
            peak_mb, seconds = _measure([args.exe, "assess", "-i", str(batch), "-f", output_format])
            print(f"  --format {output_format:<4}  peak RSS {peak_mb:6.0f} MB   {seconds:5.1f} s")


def _cases(count: int) -> list[dict[str, Any]]:
    """`count` cases: the public vignettes (or the demo case) over and over, numbered."""
    if VIGNETTES.exists():
        bases = [v["case"] for v in yaml.safe_load(VIGNETTES.read_text(encoding="utf-8"))]
    else:
        bases = [json.loads((ROOT / "examples/demo-case.json").read_text(encoding="utf-8"))]
    return [{**bases[i % len(bases)], "id": f"batch-{i:05d}"} for i in range(count)]


def _measure(command: list[str]) -> tuple[float, float]:
    """(peak resident MB, wall seconds) of the command, measured in a fresh child process."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--child", *command],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.strip()) / 1024, time.perf_counter() - start


def _child(command: list[str]) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # kB on Linux


if __name__ == "__main__":
    main()
