"""Tests that read ../shared cannot pass without it: a missing file is a clear failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import shared


def test_a_missing_shared_file_fails_and_says_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shared, "SHARED", tmp_path / "shared")
    with pytest.raises(pytest.fail.Exception, match=r"vignettes/public.yaml is missing: .*"):
        shared.public_vignettes()


def test_the_public_vignettes_are_read_and_not_empty() -> None:
    assert len(shared.public_vignettes()) >= 20
