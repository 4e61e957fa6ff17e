"""The shared specification beside the repository (`../shared`, as CI lays it out).

Tests that read it fail with one clear message when it is missing, instead of collecting no
cases and passing without having checked anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(relative: str) -> Path:
    """The file at `relative` in ../shared, or a test failure that says what is missing."""
    path = SHARED / relative
    if not path.is_file():
        pytest.fail(
            f"{path} is missing: this test reads the shared specification, which must sit "
            f"beside the repository as ../shared (CI lays it there); without it nothing would "
            f"be checked",
            pytrace=False,
        )
    return path


def public_vignettes() -> list[dict[str, Any]]:
    """The public vignettes (../shared/vignettes/public.yaml); never an empty list."""
    path = shared_path("vignettes/public.yaml")
    data: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not data:
        pytest.fail(f"{path} holds no vignettes", pytrace=False)
    return data
