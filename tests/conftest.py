"""Shared fixtures: the real knowledge base and the shared specification beside the repo."""

from __future__ import annotations

from typing import Any

import pytest

from triggermap.kb.loader import KnowledgeBase, load_knowledge


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def vignettes() -> list[dict[str, Any]]:
    from tests.shared import public_vignettes

    return public_vignettes()
