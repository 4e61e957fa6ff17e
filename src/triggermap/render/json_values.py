"""Typed values as JSON: dataclasses, tuples, dates and times (ISO 8601), for `--json` output."""

from __future__ import annotations

from triggermap.progress.report_json import plain

__all__ = ["plain"]
