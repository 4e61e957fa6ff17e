"""Benchmark the handout with pictures: the PDF (and HTML) of one case, in process and as a
`triggermap plan --format pdf` process.

Prints figures; never asserts. Target (issue 13): under 1 s to build the handout with its
pictures for one case. CPU time is printed beside wall time: on a shared machine the wall
time also counts the time other programs held the cores.

    .venv/bin/python bench/handout.py [--case pub-piri-1] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 1, 15)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vignettes", default=str(ROOT.parent / "shared/vignettes/public.yaml"))
    parser.add_argument("--case", default="pub-piri-1", help="a vignette id (many exercises)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    vignettes = yaml.safe_load(Path(args.vignettes).read_text(encoding="utf-8"))
    case = next(v["case"] for v in vignettes if v["id"] == args.case)
    _in_process(case, args.case, args.rounds)
    _as_process(case, args.case, args.rounds)


def _in_process(case: dict[str, object], name: str, rounds: int) -> None:
    start, cpu = time.perf_counter(), time.process_time()
    from triggermap.kb.loader import load_knowledge
    from triggermap.reasoning.case import parse_case
    from triggermap.render.plan_html import render_plan_html
    from triggermap.render.plan_pdf import render_plan_pdf
    from triggermap.services.plan import make_plan

    kb = load_knowledge()
    handout = make_plan(parse_case(case, kb), kb, today=TODAY).handout
    pdf = render_plan_pdf(handout)
    first, first_cpu = time.perf_counter() - start, time.process_time() - cpu
    pictures = len(handout.art)
    print(f"handout of {name}: {pictures} exercises with pictures, {len(pdf) // 1024} KiB PDF")
    print(
        f"  first PDF in a fresh process (imports, fonts, plan, pictures): {first * 1e3:.0f} ms "
        f"wall, {first_cpu * 1e3:.0f} ms CPU"
    )
    for label, render in (("PDF", render_plan_pdf), ("HTML", render_plan_html)):
        walls, cpus = [], []
        for _ in range(rounds):
            wall, cpu = time.perf_counter(), time.process_time()
            render(handout)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        print(
            f"  {label} again, {rounds} runs: median {statistics.median(walls) * 1e3:.0f} ms "
            f"wall, {statistics.median(cpus) * 1e3:.0f} ms CPU"
        )


def _as_process(case: dict[str, object], name: str, rounds: int) -> None:
    exe = Path(sys.executable).with_name("triggermap")
    with tempfile.TemporaryDirectory() as folder:
        source, output = Path(folder) / "case.json", Path(folder) / "plan.pdf"
        source.write_text(json.dumps(case), encoding="utf-8")
        walls = []
        for _ in range(rounds):
            start = time.perf_counter()
            subprocess.run(
                [
                    str(exe),
                    "plan",
                    "--input",
                    str(source),
                    "--format",
                    "pdf",
                    "-o",
                    str(output),
                    "--date",
                    TODAY.isoformat(),
                ],
                check=True,
                capture_output=True,
            )
            walls.append(time.perf_counter() - start)
    print(
        f"`triggermap plan --format pdf` as a process, {name}, {rounds} runs: median "
        f"{statistics.median(walls) * 1e3:.0f} ms, max {max(walls) * 1e3:.0f} ms"
    )


if __name__ == "__main__":
    main()
