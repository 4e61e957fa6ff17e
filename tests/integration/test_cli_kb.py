"""`triggermap kb`: check, list, show, source, search, and one message per broken file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml
from tests.shared import shared_path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "triggermap", *args], capture_output=True, text=True, timeout=60
    )


def test_check_passes_with_every_vocabulary_id() -> None:
    proc = run("kb", "check", "--vocabulary", str(shared_path("spec/vocabulary.yaml")))
    assert proc.returncode == 0, proc.stderr
    assert "knowledge base ok" in proc.stdout
    assert "every id of" in proc.stdout


@pytest.mark.parametrize(
    "kind",
    [
        "regions",
        "muscles",
        "structures",
        "symptoms",
        "history",
        "conditions",
        "tests",
        "triage-rules",
        "treatments",
        "sources",
    ],
)
def test_list_json_gives_objects_with_ids(kind: str) -> None:
    proc = run("kb", "list", kind, "--json")
    assert proc.returncode == 0, proc.stderr
    entries = json.loads(proc.stdout)
    assert entries and all("id" in e for e in entries)


def test_show_muscle_reads_like_a_reference_page() -> None:
    proc = run("kb", "show", "muscles", "gluteus_minimus")
    assert proc.returncode == 0, proc.stderr
    for heading in ("Anatomy", "Trigger points", "Palpation", "Self-care", "Sources"):
        assert heading in proc.stdout


def test_source_and_search() -> None:
    proc = run("kb", "source", "travell_simons_1992")
    assert proc.returncode == 0 and "Travell" in proc.stdout
    proc = run("kb", "search", "piriformis")
    assert proc.returncode == 0 and "piriformis" in proc.stdout
    proc = run("kb", "show", "muscles", "deltoid")
    assert proc.returncode == 2 and "no muscles entry 'deltoid'" in proc.stderr


def test_version_flag() -> None:
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("triggermap ")


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    source = Path(str(resources.files("triggermap") / "knowledge"))
    target = tmp_path / "knowledge"
    shutil.copytree(source, target)
    return target


def _edit(path: Path, change: object) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def _check(path: Path) -> list[str]:
    proc = run("kb", "check", "--path", str(path), "--vocabulary", "/dev/null")
    assert proc.returncode == 1
    return [ln for ln in proc.stderr.splitlines() if not ln.startswith("knowledge base")]


def _first_condition_file(root: Path) -> Path:
    return sorted((root / "conditions").glob("*.yaml"))[0]


def test_unknown_id_names_file_entry_field(knowledge_copy: Path) -> None:
    path = _first_condition_file(knowledge_copy)
    _edit(path, lambda d: d["regions"]["typical"].append("elbow"))
    lines = _check(knowledge_copy)
    assert len(lines) == 1
    assert lines[0].startswith(f"conditions/{path.name}: condition '")
    assert "field 'regions.typical[" in lines[0] and "'elbow'" in lines[0]


def test_probability_outside_range(knowledge_copy: Path) -> None:
    path = _first_condition_file(knowledge_copy)
    _edit(path, lambda d: d["pretest"].update(probability=1.5))
    lines = _check(knowledge_copy)
    assert len(lines) == 1
    assert "field 'pretest.probability'" in lines[0] and "1.5" in lines[0]


def test_likelihood_ratio_not_positive(knowledge_copy: Path) -> None:
    path = _first_condition_file(knowledge_copy)

    def change(d: dict) -> None:  # type: ignore[type-arg]
        d["findings"][0] = {
            "finding": d["findings"][0]["finding"],
            "lr_positive": 0,
            "source": "triggermap_estimate",
            "evidence": "expert_estimate",
            "note": "test",
        }

    _edit(path, change)
    lines = _check(knowledge_copy)
    assert len(lines) == 1
    assert "field 'findings[0].lr_positive'" in lines[0]


def test_number_without_source(knowledge_copy: Path) -> None:
    path = _first_condition_file(knowledge_copy)
    _edit(path, lambda d: d["pretest"].pop("source"))
    lines = _check(knowledge_copy)
    assert len(lines) == 1
    assert "field 'pretest.source'" in lines[0] and "missing" in lines[0].lower()


def test_unknown_source_key(knowledge_copy: Path) -> None:
    path = _first_condition_file(knowledge_copy)
    _edit(path, lambda d: d["pretest"].update(source="nobody_2099"))
    lines = _check(knowledge_copy)
    assert len(lines) == 1
    assert "field 'pretest.source': unknown source key 'nobody_2099'" in lines[0]


def test_duplicate_id(knowledge_copy: Path) -> None:
    path = knowledge_copy / "regions.yaml"
    _edit(path, lambda d: d.append(dict(d[0])))
    lines = _check(knowledge_copy)
    assert len(lines) == 1
    assert "regions.yaml: region '" in lines[0] and "duplicate id" in lines[0]


def test_check_fails_on_a_balance_item_without_screening(knowledge_copy: Path) -> None:
    path = knowledge_copy / "treatments" / "movement.yaml"

    def change(data: list[dict]) -> None:  # type: ignore[type-arg]
        item = next(t for t in data if t["id"] == "balance_single_leg_stance")
        item["precautions"] = [
            p for p in item["precautions"] if p["finding"] != "history:pregnancy"
        ]

    _edit(path, change)
    lines = _check(knowledge_copy)
    assert len(lines) == 1
    assert "treatment 'balance_single_leg_stance'" in lines[0]
    assert "no screening for pregnancy" in lines[0]
