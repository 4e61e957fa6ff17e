"""Where a compiled engine may already be, asked by knowledge version before one is compiled
(`reasoning.compiled.compiled_engine`): the use cases register their disk cache here
(`services.engine_cache.engine_for`; the core itself reads no file). An engine a source gives
for another version is not used. A module of its own, so registering imports nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triggermap.reasoning.compiled import CompiledEngine

ENGINE_SOURCES: list[Callable[[str], CompiledEngine | None]] = []


def add_engine_source(source: Callable[[str], CompiledEngine | None]) -> None:
    if source not in ENGINE_SOURCES:
        ENGINE_SOURCES.append(source)
