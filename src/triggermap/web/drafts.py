"""Drafts: what a form post made, kept in this process for the page the browser is sent to.

Every form post that succeeds answers `303 See Other` to a page it can GET (Post/Redirect/Get):
Back never asks to send a form again, and Reload never saves twice. What that page shows (an
assessed case, the answers of an intake page, what a save did) waits here under a random id,
in memory only: nothing is written to disk unless the person saves, a draft is forgotten after
`TTL_SECONDS` and the oldest go first beyond `MAX_DRAFTS`. A forgotten draft's address sends
the person back to the start.

A draft never changes, so neither does a page drawn from it: the page's bytes can be kept with
the draft (`keep_page`, `page`) and a reload served from them. A page is kept under the draft's
id and a view naming the page and everything else it shows (the session's CSRF token), so one
session's page is never served to another; the pages of at most `MAX_PAGES` drafts are kept
(the least recently used go first), and a page goes when its draft does.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi.responses import RedirectResponse

if TYPE_CHECKING:
    from triggermap.reasoning.case import Case
    from triggermap.services.assess import SavedAssessments

MAX_DRAFTS = 500
MAX_PAGES = 64  # drafts whose pages are kept (a results page is 40-60 KB)
VIEWS_PER_DRAFT = 4  # pages kept per draft (one per page and session that asked)
TTL_SECONDS = 2 * 60 * 60.0
ID_BYTES = 16


@dataclass(frozen=True)
class Draft:
    """One draft: a case to show (results, plan, session), the answers of a form as posted
    (intake pages, the exam), or what a save did; with the person it is for, if any."""

    kind: str  # "case", "intake", "exam", "saved", "once"
    case: Case | None = None
    items: tuple[tuple[str, str], ...] = ()
    person: str = ""
    saved: SavedAssessments | None = None
    extra: str = ""  # the intake's page, or the place the draft was made from


class Drafts:
    """A small, bounded, expiring store of drafts keyed by random ids (one per app)."""

    def __init__(
        self,
        *,
        limit: int = MAX_DRAFTS,
        ttl: float = TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        page_limit: int = MAX_PAGES,
    ) -> None:
        self._limit, self._ttl, self._clock = limit, ttl, clock
        self._page_limit = page_limit
        self._drafts: OrderedDict[str, tuple[float, Draft]] = OrderedDict()
        self._pages: OrderedDict[str, dict[str, bytes]] = OrderedDict()  # draft id -> view -> page
        self._lock = threading.Lock()

    def put(self, draft: Draft, *, key: str = "") -> str:
        """Keep a draft; its id (new and random unless `key` is given)."""
        key = key or secrets.token_urlsafe(ID_BYTES)
        with self._lock:
            self._forget_old()
            self._drafts[key] = (self._clock(), draft)
            self._pages.pop(key, None)  # a draft put again under its key: its pages are not its
            while len(self._drafts) > self._limit:
                self._pages.pop(self._drafts.popitem(last=False)[0], None)
        return key

    def get(self, key: str, kind: str) -> Draft | None:
        """The draft of this kind under `key`; None when unknown, of another kind or expired."""
        with self._lock:
            self._forget_old()
            found = self._drafts.get(key)
        if found is None or found[1].kind != kind:
            return None
        return found[1]

    def page(self, key: str, view: str) -> bytes | None:
        """The page kept for the draft under `key` and `view` (`keep_page`); None when none is
        kept or the draft is gone."""
        with self._lock:
            self._forget_old()
            views = self._pages.get(key)
            if views is None:
                return None
            self._pages.move_to_end(key)
            return views.get(view)

    def keep_page(self, key: str, view: str, page: bytes) -> None:
        """Keep `page`, drawn from the draft under `key` alone, for `view`: a name for the page
        and for everything else it shows that is not the draft's (such as the session's CSRF
        token). Nothing is kept for a draft that is gone."""
        with self._lock:
            if key not in self._drafts:
                return
            views = self._pages.setdefault(key, {})
            if view not in views and len(views) >= VIEWS_PER_DRAFT:
                views.clear()
            views[view] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self._page_limit:
                self._pages.popitem(last=False)

    def case_of(self, key: str) -> tuple[Case, Draft] | None:
        """The case of the "case" draft under `key` and the draft; None when it is gone (the
        pages then send the browser to `GONE`)."""
        draft = self.get(key, "case")
        if draft is None or draft.case is None:
            return None
        return draft.case, draft

    def done_before(self, once: str) -> str | None:
        """The address a one-time action (`once`: a form's id, a draft and its person) answered
        the first time, or None: a form posted twice (a double click, Back and send again) is
        answered as the first time, never done twice."""
        found = self.get(f"once:{once}", "once")
        return found.extra if found is not None else None

    def mark_done(self, once: str, address: str) -> None:
        """Remember the address a one-time action answered (see `done_before`)."""
        self.put(Draft("once", extra=address), key=f"once:{once}")

    def __len__(self) -> int:
        return len(self._drafts)

    def pages_kept(self) -> int:
        """How many pages are kept (all drafts, all views)."""
        with self._lock:
            self._forget_old()
            return sum(len(views) for views in self._pages.values())

    def _forget_old(self) -> None:
        oldest = self._clock() - self._ttl
        while self._drafts:
            key, (made, _) = next(iter(self._drafts.items()))
            if made >= oldest:
                break
            del self._drafts[key]
            self._pages.pop(key, None)


GONE = "/intake?gone=1"  # where a page whose draft expired or never was sends the browser


def see_other(address: str) -> RedirectResponse:
    """`303 See Other`: the browser GETs `address` (a post is never sent twice)."""
    return RedirectResponse(address, status_code=303)
