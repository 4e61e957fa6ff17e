"""Use cases: read cases (one or a list) from JSON text, assess each; assess and save for a
person in one transaction, saying which red flags their records held that it cleared or left
open.

A batch (`read_case_batch`) is checked whole first: every case is parsed (so a bad one is
refused before any result is written, and the count is known). A list of up to `KEEP_PARSED`
cases keeps them (a few MB at most, and not parsing twice saves a tenth of the time per case);
a longer one is read a second time, each case parsed again as it is assessed, so memory stays
flat however long the list is (only the text is kept). Results are never held whole:
`assess_cases` yields each as it is ready.

`fast_case_batch` and `assess_json` do the same on the cached compiled engine
(`services.engine_cache`): checked against its vocabulary, encoded by orjson in chunks, with
no knowledge base to validate and no schema imported (`triggermap assess --format json`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from triggermap.errors import CaseError, InputError
from triggermap.reasoning.case import Case, CaseVocabulary, parse_case
from triggermap.strict_json import read_json_items

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.person.records import Person
    from triggermap.person.triage import PersonTriage
    from triggermap.reasoning.assessment import Assessment
    from triggermap.services.application import Application
    from triggermap.services.ports import Records


def parse_one_case(text: str, kb: KnowledgeBase) -> Case:
    """Parse JSON text holding exactly one case (the errors of `parse_case`, one line each)."""
    cases, is_list = read_cases(text, kb)
    if is_list:
        raise CaseError("input: expected one case (a JSON object), got a list")
    return cases[0]


KEEP_PARSED = 5000  # the longest list whose parsed cases are kept between check and assessment


@dataclass(frozen=True)
class CaseBatch:
    """Checked cases from one JSON text: one case, or a list of `count` cases."""

    text: str
    kb: KnowledgeBase | CaseVocabulary
    is_list: bool
    count: int
    cases: tuple[Case, ...] | None = None  # the checked cases, when the list is short

    def __iter__(self) -> Iterator[Case]:
        """The cases: those the check kept, else each parsed again as it is asked for."""
        if self.cases is not None:
            return iter(self.cases)
        _, items = read_json_items(self.text, "input")
        return _parse_items(items, self.kb)


def read_case_batch(text: str, kb: KnowledgeBase | CaseVocabulary) -> CaseBatch:
    """Check every case in JSON text holding one case or a list of cases; the first bad one
    raises `CaseError` or `InputError` naming it (`[3].pain.intensity: ...`)."""
    is_list, items = read_json_items(text, "input")
    kept: list[Case] | None = []
    count = 0
    for case in _parse_items(items, kb):
        count += 1
        if kept is not None:
            kept.append(case)
            if count > KEEP_PARSED:
                kept = None  # a long list: parsed again as it is assessed
    return CaseBatch(text, kb, is_list, count, None if kept is None else tuple(kept))


def read_cases(text: str, kb: KnowledgeBase | CaseVocabulary) -> tuple[list[Case], bool]:
    """Parse JSON text holding one case or a list of cases; (cases, was_a_list)."""
    is_list, items = read_json_items(text, "input")
    return list(_parse_items(items, kb)), is_list


def _parse_items(
    items: Iterator[tuple[str, Any]], kb: KnowledgeBase | CaseVocabulary
) -> Iterator[Case]:
    for prefix, item in items:
        yield parse_case(item, kb, where=f"{prefix}." if prefix else "")


def fast_case_batch(text: str) -> CaseBatch:
    """`read_case_batch` against the cached compiled engine's vocabulary (no knowledge base
    loaded or validated)."""
    from triggermap.services.engine_cache import load_engine

    return read_case_batch(text, load_engine().p.vocabulary)


def assess_json(batch: CaseBatch) -> Iterator[bytes]:
    """The batch's assessments as contract JSON bytes (one object, or a list written a chunk
    at a time), on the cached compiled engine."""
    from triggermap.services.assessment_json import assessment_bytes, assessment_list_bytes
    from triggermap.services.engine_cache import load_engine

    assess = load_engine().assess
    if batch.is_list:
        return _rarely_collected(assessment_list_bytes(assess(case) for case in batch))
    return iter([assessment_bytes(assess(next(iter(batch)))) + b"\n"])


YOUNG_OBJECTS = 100_000  # the cyclic collector's first threshold while a list is assessed


def _rarely_collected(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """`chunks`, with the cyclic garbage collector run rarely while they are made.

    An assessment builds a few hundred container objects and frees them by reference counting
    (nothing it builds refers back to itself), but at the default threshold (700 new objects)
    the collector scans the live ones every case or two, about a tenth of the time per case.
    It still runs, every `YOUNG_OBJECTS` new objects; the thresholds are restored after."""
    import gc

    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], YOUNG_OBJECTS), *thresholds[1:])
    try:
        yield from chunks
    finally:
        gc.set_threshold(*thresholds)


@dataclass(frozen=True)
class SavedAssessments:
    """What `assess_and_save` stored, and what it did to the red flags the records hold."""

    person: Person
    ids: tuple[str, ...]  # the saved assessments, in the order given
    cleared: tuple[str, ...]  # red flags held before that the last case answered "no"
    still_open: tuple[str, ...]  # red flags held that the last case did not ask about
    triage: PersonTriage | None  # the person's triage from their records as they now stand


def assess_cases(app: Application, *, cases: Iterable[Case]) -> Iterator[Assessment]:
    """Each case's assessment, as soon as it is ready (a batch is never held whole)."""
    from triggermap.reasoning.engine import assess

    for case in cases:
        yield assess(case, app.kb)


def assess_and_save(
    app: Application, *, person: str, cases: Sequence[Case], results: Sequence[Assessment]
) -> SavedAssessments:
    """Store each case with its assessment for the person, in one transaction; say which red
    flags the records held before that the last case cleared or left open, and the person's
    triage as their records now stand."""
    from triggermap.person.records import SavedAssessment
    from triggermap.person.triage import held_red_flags, records_today, triage_of
    from triggermap.services.ids import new_record_id
    from triggermap.store.saved import answers_of

    if not cases:
        raise InputError("input: an empty list: there is no case to save")
    today, now = app.today(), app.now()

    def held(records: Records, person_id: str) -> tuple[frozenset[str], Any]:
        view = records_today(records.person_records(person_id), app.kb, today=today, tz=app.tz)
        return held_red_flags(view, app.kb), view

    def work(records: Records) -> SavedAssessments:
        found = records.find_person(person)
        before, _ = held(records, found.id)
        ids = []
        for case, result in zip(cases, results, strict=True):
            saved = SavedAssessment(
                id=new_record_id(),
                created_at=now,
                knowledge_version=app.kb.version,
                case=case,
                result=result,
                answers=answers_of(case.to_json(), now),
                triage=result.triage,
            )
            records.add_assessment(found.id, saved)
            ids.append(saved.id)
        after, view = held(records, found.id)
        last = cases[-1]
        return SavedAssessments(
            person=found,
            ids=tuple(ids),
            cleared=tuple(sorted(before - after)),
            still_open=tuple(sorted(after - set(last.symptoms) - set(last.unsure))),
            triage=triage_of(view, app.kb, tz=app.tz),
        )

    return app.store.write(work)
