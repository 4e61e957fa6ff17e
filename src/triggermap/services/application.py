"""The one factory that wires the application: knowledge base, record store, clock, time zone.

Every use case in `services/` takes an `Application` as its first argument and keywords for the
rest; nothing in the services reads a module global, the system clock or the local time zone
itself. A front end (the CLI, the web app, the API) builds one per command or per process:

    app = build_application(db_url=None)            # the defaults a person at a terminal needs
    app = build_application(kb=kb, store=..., clock=FixedClock(moment), tz=ZoneInfo("UTC"))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from triggermap.progress.entries import local_day

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.services.ports import Clock, RecordStore


@dataclass(frozen=True)
class Application:
    kb: KnowledgeBase
    store: RecordStore
    clock: Clock
    tz: tzinfo  # the person's time zone: diary days and "today" are days there

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        """Today's date in the person's time zone."""
        return local_day(self.clock.now(), self.tz)


def build_application(
    *,
    db_url: str | None = None,
    kb: KnowledgeBase | None = None,
    store: RecordStore | None = None,
    clock: Clock | None = None,
    tz: tzinfo | None = None,
) -> Application:
    """The application with what is given and the defaults for the rest: the packaged
    knowledge base, the database at `db_url` (opened on first use; None means
    TRIGGERMAP_DATABASE_URL, else the local SQLite file), the system clock and time zone."""
    from triggermap.reasoning.engine_sources import add_engine_source
    from triggermap.services.clock import SystemClock, SystemZone
    from triggermap.services.engine_cache import engine_for

    add_engine_source(engine_for)  # the compiled engine from its disk cache, not compiled again

    if kb is None:
        from triggermap.kb.loader import load_knowledge

        kb = load_knowledge()
    zone = tz or SystemZone()
    if store is None:
        from triggermap.store.record_store import SqlRecordStore

        store = SqlRecordStore(db_url=db_url, kb=kb, tz=zone)
    return Application(kb=kb, store=store, clock=clock or SystemClock(), tz=zone)
