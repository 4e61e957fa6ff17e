"""A care plan handout as a document in any of the formats `plan` writes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triggermap.careplan.handout import Handout

FORMATS = ("text", "json", "markdown", "html", "pdf")
TEXT_FORMATS = FORMATS[:-1]


def render_plan_document(handout: Handout, output_format: str, *, large_print: bool = False) -> str:
    """The plan as text in one of the text formats (terminal text without colour codes)."""
    if output_format == "json":
        return (
            json.dumps(handout.plan.to_json(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        )
    if output_format == "markdown":
        from triggermap.render.plan_markdown import render_plan_markdown

        return render_plan_markdown(handout)
    if output_format == "html":
        from triggermap.render.plan_html import render_plan_html

        return render_plan_html(handout, large_print=large_print)
    from triggermap.render.plan_text import render_plan_text

    return "".join(line.rstrip() + "\n" for line in render_plan_text(handout, 100).splitlines())
