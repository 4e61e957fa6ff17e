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
from typing import TYPE_CHECKING, Any, NamedTuple, cast

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

    def entry_vocabulary(self) -> EntryVocabulary:
        """The region and symptom ids a diary entry may use, and the red-flag symptoms: from
        the knowledge base, or, while the packaged one has not been loaded (`lazy_knowledge`),
        from the compiled engine's cache, which holds the same ids without the validated
        knowledge base and its schema (a diary entry with no red flag then never loads it)."""
        kb = self.kb
        if isinstance(kb, PackagedKnowledge) and not kb.is_loaded():
            from triggermap.services.engine_cache import cached_program

            program = cached_program()
            if program is not None:
                v = program.vocabulary
                return EntryVocabulary(v.regions, v.symptoms, program.red_flags)
        from triggermap.person.triage import red_flag_ids

        return EntryVocabulary(frozenset(kb.regions), frozenset(kb.symptoms), red_flag_ids(kb))


class EntryVocabulary(NamedTuple):
    regions: frozenset[str]
    symptoms: frozenset[str]
    red_flags: frozenset[str]


class PackagedKnowledge:
    """The packaged knowledge base, loaded (from its validated cache) on first use: a stand-in
    that `build_application(lazy_knowledge=True)` gives a command that may not need it."""

    def __init__(self) -> None:
        self._kb: KnowledgeBase | None = None

    def is_loaded(self) -> bool:
        return self._kb is not None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_kb":
            raise AttributeError(name)
        if self._kb is None:
            from triggermap.kb.loader import load_knowledge

            self._kb = load_knowledge()
        return getattr(self._kb, name)


def build_application(
    *,
    db_url: str | None = None,
    kb: KnowledgeBase | None = None,
    store: RecordStore | None = None,
    clock: Clock | None = None,
    tz: tzinfo | None = None,
    lazy_knowledge: bool = False,
) -> Application:
    """The application with what is given and the defaults for the rest: the packaged
    knowledge base, the database at `db_url` (opened on first use; None means
    TRIGGERMAP_DATABASE_URL, else the local SQLite file), the system clock and time zone.
    `lazy_knowledge`: the packaged knowledge base is loaded when first used, not here."""
    from triggermap.reasoning.engine_sources import add_engine_source
    from triggermap.services.clock import SystemClock, SystemZone
    from triggermap.services.engine_cache import engine_for

    add_engine_source(engine_for)  # the compiled engine from its disk cache, not compiled again

    if kb is None and lazy_knowledge:
        kb = cast("KnowledgeBase", PackagedKnowledge())  # loaded on first use
    elif kb is None:
        from triggermap.kb.loader import load_knowledge

        kb = load_knowledge()
    zone = tz or SystemZone()
    if store is None:
        from triggermap.store.record_store import SqlRecordStore

        store = SqlRecordStore(db_url=db_url, kb=kb, tz=zone)
    return Application(kb=kb, store=store, clock=clock or SystemClock(), tz=zone)
