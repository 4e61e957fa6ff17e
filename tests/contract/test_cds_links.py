"""The card's "Open this case in triggermap" link carries the case the card was made from,
quoted exactly as `urllib` quotes."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from tests.contract.conftest import PUBLIC_URL, SERVICE, chart_for, hook_request, vignette_case

from triggermap.cds.cards import url_quoted
from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.case import parse_case

Check = Callable[[Any, str], None]


@given(st.text() | st.text(st.characters(max_codepoint=127)))
def test_a_link_is_quoted_as_urllib_quotes_it(text: str) -> None:
    assert url_quoted(text) == quote(text, safe="")


def test_the_open_link_carries_the_case(
    client: TestClient, kb: KnowledgeBase, vignettes: list[dict[str, Any]]
) -> None:
    case = {**vignette_case(vignettes, "pub-piri-1"), "id": "piri #2: 50% / a&b? ü"}
    body = client.post(SERVICE, json=hook_request(chart_for(case, kb))).json()
    (card,) = body["cards"]
    opened = next(link for link in card["links"] if link["label"].startswith("Open this case"))
    assert opened["url"].startswith(f"{PUBLIC_URL}/cases/open?case=")
    (sent,) = parse_qs(urlsplit(opened["url"]).query)["case"]
    read, given = parse_case(json.loads(sent), kb), parse_case(case, kb)
    assert read.id == case["id"]
    assert (read.symptoms, read.absent, read.pain) == (given.symptoms, given.absent, given.pain)
