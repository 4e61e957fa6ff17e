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


def test_a_page_is_kept_with_its_draft_for_its_view_only() -> None:
    drafts = Drafts()
    key = drafts.put(Draft("case"))
    assert drafts.page(key, "results:a") is None
    drafts.keep_page(key, "results:a", b"<p>for a</p>")
    assert drafts.page(key, "results:a") == b"<p>for a</p>"
    assert drafts.page(key, "results:b") is None  # another session's token: drawn anew
    drafts.keep_page("no-such-draft", "results:a", b"<p>stray</p>")
    assert drafts.page("no-such-draft", "results:a") is None and drafts.pages_kept() == 1


def test_a_kept_page_goes_when_its_draft_expires_or_is_replaced() -> None:
    clock = Clock()
    drafts = Drafts(ttl=60, clock=clock)
    key = drafts.put(Draft("case"))
    clock.now = 30
    drafts.keep_page(key, "results:a", b"page")
    clock.now = 59
    assert drafts.page(key, "results:a") == b"page"
    clock.now = 61  # the draft's time counts from the draft, not from its page
    assert drafts.page(key, "results:a") is None and drafts.pages_kept() == 0
    again = drafts.put(Draft("case"))
    drafts.keep_page(again, "results:a", b"old")
    drafts.put(Draft("case", person="someone else"), key=again)
    assert drafts.page(again, "results:a") is None  # not the page of the draft now there


def test_kept_pages_are_bounded_and_go_with_drafts_beyond_the_limit() -> None:
    drafts = Drafts(limit=3, page_limit=2)
    keys = [drafts.put(Draft("case", person=str(n))) for n in range(3)]
    for key in keys:
        drafts.keep_page(key, "v", key.encode())
    assert [drafts.page(k, "v") is not None for k in keys] == [False, True, True]
    assert drafts.page(keys[1], "v") == keys[1].encode()  # used: now the newest
    drafts.keep_page(keys[0], "v", b"again")
    assert [drafts.page(k, "v") is not None for k in keys] == [True, True, False]
    for n in range(5):
        drafts.keep_page(keys[0], f"view {n}", b"x")
    assert drafts.pages_kept() <= 1 + 4  # a few views a draft at most
    drafts.put(Draft("case"))
    drafts.put(Draft("case"))
    drafts.put(Draft("case"))  # every earlier draft is gone, and its pages with it
    assert drafts.pages_kept() == 0
