"""The validated knowledge base every command reads from its cache (`kb.loader`) is keyed by
the knowledge files' content: a changed number gives a new knowledge version and the new
number, never the cached one; the cache is private (folder 0700, file 0600)."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from triggermap.kb.files import knowledge_root
from triggermap.kb.loader import load_knowledge


@pytest.fixture
def knowledge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRIGGERMAP_CACHE_DIR", str(tmp_path / "cache"))
    copy = tmp_path / "knowledge"
    shutil.copytree(str(knowledge_root()), copy)
    return copy


def test_a_changed_number_is_never_served_from_the_cache(knowledge: Path) -> None:
    first = load_knowledge(knowledge)
    assert load_knowledge(knowledge).version == first.version  # read back from the cache
    weeks = first.thresholds.progress.not_better_weeks.value
    path = knowledge / "thresholds.yaml"
    text = path.read_text(encoding="utf-8")
    old = f"not_better_weeks:\n    value: {weeks}\n"
    assert old in text
    path.write_text(text.replace(old, f"not_better_weeks:\n    value: {weeks + 1}\n"), "utf-8")
    changed = load_knowledge(knowledge)
    assert changed.version != first.version
    assert changed.thresholds.progress.not_better_weeks.value == weeks + 1
    path.write_text(text, encoding="utf-8")  # back as it was: the first version again
    assert load_knowledge(knowledge).version == first.version


def test_the_cache_is_private(knowledge: Path, tmp_path: Path) -> None:
    load_knowledge(knowledge)
    folder = tmp_path / "cache"
    files = list(folder.glob("kb-*.pickle"))
    assert files, "no cache written"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
