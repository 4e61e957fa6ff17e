"""Benchmark the handout with pictures: the PDF (and HTML) of one case, in a fresh process
(the cost a person meets once per handout), again in a warm process, and as a
`triggermap plan --format pdf` process.

Prints figures; never asserts. Target (issue 13): under 1 s to build the handout with its
pictures for one case. CPU time is printed beside wall time: on a shared machine the wall
time also counts the time other programs held the cores.

The fresh processes use a cache folder of their own: the first one starts empty (it compiles
the code, builds the knowledge-base cache and draws every picture), the later ones find all
three cached, as an installed triggermap does (its bytecode is written at install time, even
where PYTHONDONTWRITEBYTECODE is set for development).

    .venv/bin/python bench/handout.py [--case pub-piri-1] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
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
STAGES = ("imports", "knowledge", "plan", "fonts", "pictures", "pdf")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vignettes", default=str(ROOT.parent / "shared/vignettes/public.yaml"))
    parser.add_argument("--case", default="pub-piri-1", help="a vignette id (many exercises)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", help=argparse.SUPPRESS)  # a case file: time one fresh PDF
    args = parser.parse_args()
    if args.child:
        _child(Path(args.child))
        return
    vignettes = yaml.safe_load(Path(args.vignettes).read_text(encoding="utf-8"))
    case = next(v["case"] for v in vignettes if v["id"] == args.case)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "case.json"
        source.write_text(json.dumps(case), encoding="utf-8")
        _fresh_processes(source, args.case, args.rounds, Path(folder) / "cache")
        _as_process(source, args.case, args.rounds, Path(folder) / "cache")
    _in_process(case, args.rounds)


def _child(source: Path) -> None:
    """One handout in this (fresh) process; prints the CPU seconds of each stage as JSON."""
    clock, marks = time.process_time(), {}

    def mark(stage: str) -> None:
        nonlocal clock
        now = time.process_time()
        marks[stage], clock = now - clock, now

    import reportlab.platypus  # noqa: F401  (imported by the PDF renderer; timed as an import)

    from triggermap.kb.loader import load_knowledge
    from triggermap.reasoning.case import parse_case
    from triggermap.render import plan_pdf
    from triggermap.render.pictures.cache import drawn_picture
    from triggermap.services.plan import make_plan

    mark("imports")
    kb = load_knowledge()
    mark("knowledge")
    handout = make_plan(parse_case(json.loads(source.read_text()), kb), kb, today=TODAY)
    mark("plan")
    plan_pdf._register_fonts()
    mark("fonts")
    side = handout.handout.picture_side
    for art in handout.handout.art.values():
        drawn_picture(art.illustration, muscles=art.muscles, side=side)
    mark("pictures")
    pdf = plan_pdf.render_plan_pdf(handout.handout)
    mark("pdf")
    print(json.dumps({**marks, "pictures_n": len(handout.handout.art), "kib": len(pdf) // 1024}))


def _environment(cache: Path) -> dict[str, str]:
    """A cache folder of the run's own, and bytecode kept beside it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "TRIGGERMAP_CACHE_DIR": str(cache), "PYTHONPYCACHEPREFIX": str(cache / "pyc")}


def _fresh_processes(source: Path, name: str, rounds: int, cache: Path) -> None:
    env = _environment(cache)
    runs = []
    for _ in range(rounds + 1):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", str(source)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        runs.append(json.loads(proc.stdout))
    first, warm = runs[0], runs[1:]
    print(
        f"handout of {name}: {first['pictures_n']} exercises with pictures, {first['kib']} KiB PDF"
    )
    print("  CPU ms per stage of one handout in a fresh process (imports .. PDF built):")
    print("    " + " ".join(f"{s:>9}" for s in (*STAGES, "total")))
    for label, stats in (("cold", [first]), (f"warm x{len(warm)}", warm)):
        medians = [statistics.median(r[s] for r in stats) * 1e3 for s in STAGES]
        cells = " ".join(f"{m:9.0f}" for m in (*medians, sum(medians)))
        print(f"    {cells}   {label}")
    print("    (cold: empty cache folder: code compiled, knowledge base and pictures built anew)")


def _in_process(case: dict[str, object], rounds: int) -> None:
    from triggermap.kb.loader import load_knowledge
    from triggermap.reasoning.case import parse_case
    from triggermap.render.plan_html import render_plan_html
    from triggermap.render.plan_pdf import render_plan_pdf
    from triggermap.services.plan import make_plan

    kb = load_knowledge()
    handout = make_plan(parse_case(case, kb), kb, today=TODAY).handout
    render_plan_pdf(handout)
    for label, render in (("PDF", render_plan_pdf), ("HTML", render_plan_html)):
        walls, cpus = [], []
        for _ in range(rounds):
            wall, cpu = time.perf_counter(), time.process_time()
            render(handout)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        print(
            f"  {label} again in a warm process, {rounds} runs: median "
            f"{statistics.median(walls) * 1e3:.0f} ms wall, "
            f"{statistics.median(cpus) * 1e3:.0f} ms CPU"
        )


def _as_process(source: Path, name: str, rounds: int, cache: Path) -> None:
    exe = Path(sys.executable).with_name("triggermap")
    output = source.with_name("plan.pdf")
    env = _environment(cache)
    command = [str(exe), "plan", "--input", str(source), "--format", "pdf", "-o", str(output)]
    command.append("--force")  # each round writes the same file again
    walls, cpus = [], []
    for _ in range(rounds):
        start, cpu = time.perf_counter(), _children_cpu()
        subprocess.run(
            [*command, "--date", TODAY.isoformat()], check=True, capture_output=True, env=env
        )
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu)
    print(
        f"`triggermap plan --format pdf` as a process, {name}, {rounds} runs: median "
        f"{statistics.median(walls) * 1e3:.0f} ms wall, {statistics.median(cpus) * 1e3:.0f} ms "
        f"CPU, max {max(walls) * 1e3:.0f} ms wall"
    )


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


if __name__ == "__main__":
    main()
