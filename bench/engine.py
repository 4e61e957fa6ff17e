"""Benchmark the engine against every speed target of issue 11, and print each.

Prints figures, with the target beside each; never asserts (the machine's load varies: the
one-minute load average is printed first, and every figure is the best of a few rounds).

- in process: median and p99 per case of `assess` on the public vignettes (target 0.1 ms), and
  the readable form (`assess_readable`) for comparison, in wall-clock time (each assessment
  timed alone) and in CPU time (the median over the vignettes of each one's best CPU time per
  assessment: what the engine costs, which other processes on a shared machine move least);
- `triggermap assess` on 2,000 cases as one process: per case beyond the first (the process
  run on 2,000 cases minus the run on one, divided by 1,999; target 0.3 ms), in wall-clock and
  in CPU time;
- one case as a process: wall time of `triggermap assess --input FILE --format json` (target
  150 ms), and the import time of that path (`python -X importtime`);
- which heavy modules each path imports (matplotlib and reportlab only for a chart or a PDF;
  typer, pydantic and the knowledge-base schema not on the one-case JSON path);
- every records command (`diary add`, `progress`, `plan --person`) as a process on the
  1M-entry database of bench/storage.py (target 200 ms each), built here (about a minute) or
  given with --records-db FILE (a database bench/storage.py kept with --db FILE --keep).

    .venv/bin/python bench/engine.py [--vignettes FILE] [--rounds N] [--batch 2000]
                                     [--records-db FILE] [--people 10000] [--from-source]
                                     [--engine-only]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from triggermap.kb.loader import load_knowledge
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.engine import assess, assess_readable

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).with_name("triggermap")
HEAVY = ("matplotlib", "reportlab", "rich", "typer", "pydantic", "triggermap.kb.schema", "yaml")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vignettes", default=str(ROOT.parent / "shared/vignettes/public.yaml"))
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--records-db", type=Path, help="bench/storage.py's database, kept")
    parser.add_argument("--people", type=int, default=10_000, help="when building it here")
    parser.add_argument(
        "--from-source",
        action="store_true",
        help="with PYTHONDONTWRITEBYTECODE set, leave the package's bytecode uncompiled",
    )
    parser.add_argument(
        "--engine-only",
        action="store_true",
        help="the engine's figures only (in process, a list, one case): no records commands",
    )
    args = parser.parse_args()
    print(f"load average (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    if os.environ.get("PYTHONDONTWRITEBYTECODE") and args.from_source:
        print(
            "note: PYTHONDONTWRITEBYTECODE is set and --from-source given, so every process "
            "compiles the package's modules from source (an installed package has them compiled)"
        )
    elif os.environ.get("PYTHONDONTWRITEBYTECODE"):
        import compileall

        import triggermap

        compileall.compile_dir(Path(triggermap.__file__).parent, quiet=1)
        print(
            "note: PYTHONDONTWRITEBYTECODE is set (no process writes bytecode), so the package's "
            "bytecode was compiled first, as an installed package has it (--from-source: without)"
        )
    vignettes = yaml.safe_load(Path(args.vignettes).read_text(encoding="utf-8"))
    raw = [v["case"] for v in vignettes]
    in_process(raw, args.rounds)
    with tempfile.TemporaryDirectory() as folder:
        one = Path(folder) / "one.json"
        one.write_text(json.dumps(raw[0]), encoding="utf-8")
        many = Path(folder) / "many.json"
        many.write_text(json.dumps(batch(raw, args.batch)), encoding="utf-8")
        per_case_batch(one, many, args.batch)
        one_case_process(one)
        if args.engine_only:
            return
        imports(one, folder)
        records_commands(one, folder, args.records_db, args.people)


def in_process(raw: list[dict[str, Any]], rounds: int) -> None:
    """Two figures per engine. Wall clock: every assessment timed alone, the median of all
    (what the target was first stated in; a busy machine's other processes land in it). CPU
    time: each vignette assessed `REPEAT` times in a row on the process's CPU clock, the least
    of several such rounds taken as that vignette's time, then the median over the vignettes
    (what the engine costs, which the shared machine's load moves least)."""
    kb = load_knowledge()
    cases = [parse_case(c, kb) for c in raw]
    for case in cases * 5:  # warm-up (and the compiled engine built or read from its cache)
        assess(case, kb)
        assess_readable(case, kb)
    for name, fn, n in (("compiled", assess, rounds), ("readable", assess_readable, rounds // 10)):
        times = []
        for _ in range(max(n, 1)):
            for case in cases:
                start = time.perf_counter()
                fn(case, kb)
                times.append(time.perf_counter() - start)
        times.sort()
        p99 = times[int(len(times) * 0.99) - 1]
        cpu = _cpu_median(fn, cases, kb, max(n // 20, 3))
        target = "   (target: median <= 0.1 ms)" if name == "compiled" else ""
        print(
            f"in process, {name}: {len(times)} assessments of {len(cases)} vignettes: median "
            f"{statistics.median(times) * 1e3:.3f} ms, p99 {p99 * 1e3:.3f} ms wall clock; "
            f"CPU time median {cpu * 1e3:.3f} ms{target}"
        )


REPEAT = 10  # assessments of one vignette timed together on the CPU clock


def _cpu_median(fn: Any, cases: list[Any], kb: Any, rounds: int) -> float:
    """The median over the vignettes of each one's least CPU time per assessment over `rounds`
    rounds (a round assesses each vignette `REPEAT` times in a row)."""
    best = [float("inf")] * len(cases)
    clock = time.process_time
    for _ in range(rounds):
        for i, case in enumerate(cases):
            start = clock()
            for _ in range(REPEAT):
                fn(case, kb)
            best[i] = min(best[i], (clock() - start) / REPEAT)
    return statistics.median(best)


def batch(raw: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """n cases: the vignettes, varied (age, intensity, one region dropped) so none repeats."""
    rng = random.Random(11)
    out = []
    for i in range(n):
        case = json.loads(json.dumps(raw[i % len(raw)]))
        if isinstance(case.get("age"), int):
            case["age"] = max(18, min(90, case["age"] + rng.randint(-5, 5)))
        pain = case.get("pain") or {}
        if isinstance(pain.get("intensity"), int):
            pain["intensity"] = max(0, min(10, pain["intensity"] + rng.randint(-1, 1)))
        regions = pain.get("regions") or []
        if len(regions) > 1 and rng.random() < 0.3:
            regions.pop(rng.randrange(len(regions)))
        out.append(case)
    return out


def _run(path: Path) -> float:
    return _run_timed(path)[0]


def _run_timed(path: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of `triggermap assess --input PATH --format json`
    as a process."""
    before = _children_cpu()
    start = time.perf_counter()
    subprocess.run(
        [str(EXE), "assess", "--input", str(path), "--format", "json"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start, _children_cpu() - before


def per_case_batch(one: Path, many: Path, n: int) -> None:
    """Per case beyond the first: (the run on n cases - the run on one) / (n - 1), each the
    best of a few runs, in wall time (the target) and in CPU time (what load moves least)."""
    _run(one)  # warm the engine cache
    singles = [_run_timed(one) for _ in range(5)]
    wholes = [_run_timed(many) for _ in range(3)]
    whole = min(w for w, _ in wholes)
    per = (whole - min(w for w, _ in singles)) / (n - 1)
    cpu = (min(c for _, c in wholes) - min(c for _, c in singles)) / (n - 1)
    print(
        f"`triggermap assess` on {n} cases: {whole * 1e3:.0f} ms; {per * 1e3:.3f} ms per case "
        f"beyond the first, wall clock   (target: <= 0.3 ms); CPU time {cpu * 1e3:.3f} ms"
    )


def one_case_process(one: Path) -> None:
    walls = sorted(_run(one) for _ in range(15))
    print(
        f"`triggermap assess` on one case as a process, 15 runs: median "
        f"{statistics.median(walls) * 1e3:.0f} ms, best {walls[0] * 1e3:.0f} ms   "
        f"(target: <= 150 ms)"
    )
    code = (
        "import sys; sys.argv=['triggermap','assess','--input',sys.argv[1],'--format','json'];"
        "from triggermap.cli.entry import main; main()"
    )
    totals = []
    for _ in range(5):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code, str(one)],
            check=True,
            capture_output=True,
            text=True,
        )
        totals.append(_import_total(done.stderr))
    best = min(totals) / 1e3
    print(f"  its imports (python -X importtime, cumulative of top-level modules): {best:.0f} ms")


def _import_total(stderr: str) -> int:
    """Sum of the cumulative import times (us) of the top-level imports."""
    total = 0
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = line.split("|")
        name = parts[2]
        if name.startswith(" ") and not name.startswith("  "):  # one space: a top-level import
            try:
                total += int(parts[1])
            except ValueError:
                continue
    return total


def imports(one: Path, folder: str) -> None:
    """Which heavy modules each command imports, and the records commands' wall times on a
    small SQLite diary (bench/storage.py times `progress` on its 1M-entry database)."""
    env = {**os.environ, "TRIGGERMAP_DATABASE_URL": f"sqlite:///{Path(folder) / 'records.db'}"}
    added = subprocess.run(
        [str(EXE), "person", "add", "P-BENCH"], env=env, capture_output=True, text=True
    )
    person = added.stdout.strip().split()[-1] if added.stdout.strip() else "unknown"
    out = str(Path(folder) / "out")
    paths = {
        "assess --format json": ["assess", "--input", str(one), "--format", "json"],
        "assess (text)": ["assess", "--input", str(one)],
        "plan --format text": ["plan", "--input", str(one), "--format", "text"],
        "plan --format pdf": [
            *("plan", "--input", str(one), "--format", "pdf", "-o", out + ".pdf", "--force")
        ],
        "person list": ["person", "list"],
        "progress": ["progress", "--person", person],
        "progress --chart": ["progress", "--person", person, "--chart", out + ".png", "--force"],
    }
    code = (
        "import sys; sys.argv=['triggermap', *sys.argv[1:]]\n"
        "try:\n from triggermap.cli.entry import main; main()\n"
        "except SystemExit: pass\n"
        f"print('\\n' + ' '.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)"
    )
    print("per command: heavy modules imported; wall time as a process (best of 3)")
    for label, argv in paths.items():
        done = subprocess.run(
            [sys.executable, "-c", code, *argv], env=env, capture_output=True, text=True
        )
        lines = done.stderr.strip().splitlines()
        loaded = lines[-1].strip() if lines else ""
        walls = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([str(EXE), *argv], env=env, capture_output=True, check=False)
            walls.append(time.perf_counter() - start)
        print(f"  {label:<22} {min(walls) * 1e3:5.0f} ms   {loaded or '-'}")


def records_commands(one: Path, folder: str, db: Path | None, people: int) -> None:
    """`diary add`, `progress` and `plan --person` as processes on the 1M-entry database."""
    if db is None:
        db = Path(folder) / "records-1m.db"
        print(f"building bench/storage.py's database ({people:,} people) ...", flush=True)
        sys.path.insert(0, str(ROOT / "bench"))
        from storage import fill  # type: ignore[import-not-found]

        from triggermap.store.opening import close_stores, open_store

        fill(open_store(f"sqlite:///{db}"), people, 100)
        close_stores()
    url = f"sqlite:///{db}"
    person = "P-00000"  # the person bench/storage.py gives five years of daily entries
    subprocess.run(
        [str(EXE), "assess", "-i", str(one), "--save", "--person", person, "--db", url],
        check=True,
        capture_output=True,
    )
    commands = {
        "diary add": ["diary", "add", "--person", person, "--pain", "4", "--db", url],
        "progress": ["progress", "--person", person, "--db", url],
        "plan --person": ["plan", "--person", person, "--db", url],
    }
    print(
        f"records commands as a process on {db.name} ({db.stat().st_size / 1e6:.0f} MB), "
        "best and median of 5   (target: <= 200 ms each; CPU time: what a shared machine's "
        "load moves least)"
    )
    for label, argv in commands.items():
        walls, cpus = [], []
        for _ in range(5):
            before = _children_cpu()
            start = time.perf_counter()
            subprocess.run([str(EXE), *argv], check=True, capture_output=True)
            walls.append(time.perf_counter() - start)
            cpus.append(_children_cpu() - before)
        print(
            f"  {label:<14} best {min(walls) * 1e3:4.0f} ms, median "
            f"{statistics.median(walls) * 1e3:4.0f} ms; CPU time best {min(cpus) * 1e3:4.0f} ms"
        )


def _children_cpu() -> float:
    """User + system CPU seconds of the finished child processes so far."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
