"""The drafts a form post leaves for the page it redirects to: random ids, a bound on how many,
and a time after which a draft is forgotten (its address then goes back to the start)."""

from __future__ import annotations

from triggermap.web.drafts import Draft, Drafts


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_draft_is_found_by_its_id_and_kind_only() -> None:
    drafts = Drafts()
    key = drafts.put(Draft("intake", items=(("side", "left"),), extra="where"))
    assert len(key) >= 20 and key != drafts.put(Draft("intake"))
    found = drafts.get(key, "intake")
    assert found is not None and found.items == (("side", "left"),)
    assert drafts.get(key, "case") is None  # a results address never shows an intake page
    assert drafts.get("no-such-id", "intake") is None


def test_a_draft_is_forgotten_after_its_time() -> None:
    clock = Clock()
    drafts = Drafts(ttl=60, clock=clock)
    key = drafts.put(Draft("case"))
    clock.now = 59
    assert drafts.get(key, "case") is not None
    clock.now = 61
    assert drafts.get(key, "case") is None
    assert len(drafts) == 0  # nothing kept past its time


def test_the_oldest_drafts_go_first_beyond_the_limit() -> None:
    drafts = Drafts(limit=3)
    keys = [drafts.put(Draft("case", person=str(n))) for n in range(5)]
    assert len(drafts) == 3
    assert [drafts.get(k, "case") is not None for k in keys] == [False, False, True, True, True]


def test_a_one_time_action_answers_as_the_first_time_until_it_expires() -> None:
    now = [0.0]
    drafts = Drafts(ttl=10.0, clock=lambda: now[0])
    assert drafts.done_before("exam:abc") is None
    drafts.mark_done("exam:abc", "/saved/first")
    assert drafts.done_before("exam:abc") == "/saved/first"
    assert drafts.done_before("exam:other") is None
    assert drafts.get("once:exam:abc", "saved") is None  # never shown as a saved page
    now[0] = 11.0
    assert drafts.done_before("exam:abc") is None
