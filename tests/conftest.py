"""Shared fixtures: the real knowledge base and the shared specification beside the repo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from triggermap.kb.loader import KnowledgeBase, load_knowledge

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VIGNETTES = SHARED / "vignettes" / "public.yaml"
VOCABULARY = SHARED / "spec" / "vocabulary.yaml"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def vignettes() -> list[dict[str, Any]]:
    if not VIGNETTES.exists():
        pytest.skip("../shared/vignettes/public.yaml is not beside the repository")
    data: list[dict[str, Any]] = yaml.safe_load(VIGNETTES.read_text(encoding="utf-8"))
    return data
