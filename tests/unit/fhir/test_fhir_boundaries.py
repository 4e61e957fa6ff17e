"""FHIR and CDS Hooks are adapters: the core never imports them, and building resources
imports neither fhir.resources nor fhirpathpy (only validation does)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[3] / "src" / "triggermap"
CORE = ("kb", "reasoning", "careplan", "progress", "store", "services")


def test_the_core_never_imports_the_fhir_or_cds_adapters() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for package in CORE
        for path in (SRC / package).rglob("*.py")
        if "triggermap.fhir" in path.read_text(encoding="utf-8")
        or "triggermap.cds" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_building_a_bundle_imports_no_fhir_library() -> None:
    code = (
        "import sys, triggermap.fhir.bundle, triggermap.fhir.records;"
        "print(sorted(m for m in sys.modules if m.startswith(('fhir', 'fhirpathpy', 'jwt'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
