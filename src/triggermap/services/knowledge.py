"""Use cases over the knowledge base itself: the formats it defines, its vocabularies, search.

Every front end shows the same lists and the same formats: the CLI's `kb` and `schema`
commands, the web app's browser and the API's documents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.search import Hit
    from triggermap.services.application import Application

SCHEMAS = ("case", "assessment", "plan")
# The examination's fixed vocabularies (spec/vocabulary.yaml), listed beside the entry kinds.
VOCABULARIES = ("palpation_findings", "movements", "neuro", "sexes", "onsets", "sides")


def format_schema(app: Application, *, name: str) -> dict[str, Any]:
    """The JSON Schema of a format: `case` (input), `assessment` or `plan` (output)."""
    from triggermap.errors import InputError, did_you_mean, show_text

    if name == "case":
        from triggermap.reasoning.case_schema import case_json_schema

        return case_json_schema(app.kb)
    if name == "assessment":
        from triggermap.reasoning.assessment import assessment_json_schema

        return {"$schema": _DRAFT, **assessment_json_schema()}
    if name == "plan":
        from triggermap.careplan.model import plan_json_schema

        return {"$schema": _DRAFT, **plan_json_schema()}
    near = did_you_mean(name, SCHEMAS) or ""
    raise InputError(f"FORMAT: {show_text(name)} is not one of {', '.join(SCHEMAS)}{near}")


_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def vocabulary(kb: KnowledgeBase, name: str) -> tuple[str, ...]:
    """One of the examination's fixed vocabularies (`VOCABULARIES`)."""
    values: tuple[str, ...] = getattr(kb.exam, name)
    return values


def search(app: Application, *, text: str) -> list[Hit]:
    from triggermap.kb.search import search_knowledge

    return search_knowledge(app.kb, text)


def entry_kinds() -> tuple[str, ...]:
    """The kinds of entry `kb list` and `kb show` take (ids as written on a command line)."""
    from triggermap.kb.kinds import KINDS  # the names alone: no validation models imported

    return tuple(k.replace("_", "-") for k in (*KINDS, *VOCABULARIES))


def load_knowledge_base(path: str | None = None, *, validate: bool = False) -> KnowledgeBase:
    """The packaged knowledge base (or the one in `path`); `validate` checks it afresh."""
    from pathlib import Path

    from triggermap.kb.loader import load_knowledge

    root = None if path is None else Path(path)
    return load_knowledge(root, use_cache=not validate and root is None)


def vocabulary_problems(kb: KnowledgeBase, vocabulary_path: str) -> list[str]:
    """Every id of a spec vocabulary.yaml that the knowledge base lacks, one line each."""
    from pathlib import Path

    from triggermap.kb.coverage import vocabulary_problems as problems

    return problems(kb, Path(vocabulary_path))


def list_entries(kb: KnowledgeBase, kind: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(id, one-line title, JSON) of every entry of a kind, or of an exam vocabulary."""
    from triggermap.kb.schema import dump, entry_title

    name = _kind(kind)
    if name in VOCABULARIES:
        return [
            (v, v.replace("_", " "), {"id": v, "label": v.replace("_", " ")})
            for v in vocabulary(kb, name)
        ]
    return [(i, entry_title(e), dump(e)) for i, e in kb.kind(name).items()]


def entry_json(kb: KnowledgeBase, kind: str, entry_id: str) -> dict[str, Any]:
    """One entry as JSON; `NotFoundError` naming the nearest ids when there is none."""
    from triggermap.errors import NotFoundError, did_you_mean, show_text
    from triggermap.kb.schema import dump

    entries = kb.kind(_entry_kind(kind))
    if entry_id not in entries:
        near = did_you_mean(entry_id, entries) or f" (try `triggermap kb list {kind}`)"
        raise NotFoundError(f"ID: no {kind} entry {show_text(entry_id)}{near}")
    return dump(entries[entry_id])


def source_of(kb: KnowledgeBase, key: str) -> str:
    """The citation key, checked (`NotFoundError` naming the nearest keys)."""
    from triggermap.errors import NotFoundError, did_you_mean, show_text

    if key not in kb.sources:
        near = did_you_mean(key, kb.sources) or " (try `triggermap kb list sources`)"
        raise NotFoundError(f"KEY: no source {show_text(key)}{near}")
    return key


def _kind(kind: str) -> str:
    from triggermap.errors import InputError, did_you_mean, show_text

    if kind.replace("_", "-") not in entry_kinds():
        near = did_you_mean(kind.replace("_", "-"), entry_kinds())
        raise InputError(
            f"KIND: unknown kind {show_text(kind)}{near}; choose one of {', '.join(entry_kinds())}"
        )
    return kind.replace("-", "_")


def _entry_kind(kind: str) -> str:
    """A kind with pages (not a vocabulary)."""
    from triggermap.errors import InputError, show_text

    name = _kind(kind)
    if name in VOCABULARIES:
        raise InputError(
            f"KIND: {show_text(kind)} is a list of ids; see `triggermap kb list {kind}`"
        )
    return name
