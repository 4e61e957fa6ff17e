"""Load the knowledge base from YAML, validate it, and compute its version.

Layout of `triggermap/knowledge/` (or any directory given to `load_knowledge`):

    manifest.yaml                name, version, changelog
    exam.yaml                    fixed exam vocabularies (neuro, movements, palpation findings ...)
    model.yaml                   the numbers of the reasoning model itself (schema.ModelParameters)
    thresholds.yaml              cited numbers of the care plan and progress rules
    KIND.yaml                    one list of entries of KIND (regions, symptoms, history ...)
    KIND/*.yaml                  or a folder: each file one entry (a mapping) or a list

KIND is one of schema.KIND_MODELS: regions muscles structures symptoms history features
conditions tests triage_rules imaging_rules treatments sources illustrations codes.

Every problem is reported as one line: `FILE: KIND 'ID': field 'PATH': what is wrong`.
`knowledge_version` is the manifest version plus a content hash of every file, so two
different knowledge bases never share a version.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from pydantic import BaseModel, ValidationError

from triggermap.errors import InputError, KnowledgeError, show_path
from triggermap.kb import schema
from triggermap.kb.files import cache_folder, content_hash, knowledge_files, knowledge_root
from triggermap.kb.schema import (
    Condition,
    Feature,
    HistoryItem,
    Illustration,
    ImagingRule,
    Manifest,
    ModelParameters,
    Muscle,
    NamedCode,
    Region,
    Source,
    Structure,
    Symptom,
    Test,
    Thresholds,
    Treatment,
    TriageRule,
)

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

LIST_FILES = {
    "regions.yaml": "regions",
    "symptoms.yaml": "symptoms",
    "history.yaml": "history",
    "features.yaml": "features",
    "structures.yaml": "structures",
    "triage_rules.yaml": "triage_rules",
    "imaging_rules.yaml": "imaging_rules",
    "codes.yaml": "codes",
}
CACHE_FORMAT = 3
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class ExamVocabulary:
    neuro: tuple[str, ...]
    movements: tuple[str, ...]
    palpation_findings: tuple[str, ...]
    sexes: tuple[str, ...]
    onsets: tuple[str, ...]
    sides: tuple[str, ...]


@dataclass(frozen=True)
class KnowledgeBase:
    """The validated knowledge base: one mapping id -> entry per kind."""

    manifest: Manifest
    version: str
    exam: ExamVocabulary
    model: ModelParameters
    thresholds: Thresholds
    regions: dict[str, Region]
    muscles: dict[str, Muscle]
    structures: dict[str, Structure]
    symptoms: dict[str, Symptom]
    history: dict[str, HistoryItem]
    features: dict[str, Feature]
    conditions: dict[str, Condition]
    tests: dict[str, Test]
    triage_rules: dict[str, TriageRule]
    imaging_rules: dict[str, ImagingRule]
    treatments: dict[str, Treatment]
    sources: dict[str, Source]
    illustrations: dict[str, Illustration]
    codes: dict[str, NamedCode]
    origins: dict[tuple[str, str], str] = field(default_factory=dict)

    def kind(self, name: str) -> dict[str, Any]:
        """Entries of one kind by its name (`triage-rules` and `triage_rules` both work)."""
        return cast(dict[str, Any], getattr(self, name.replace("-", "_")))

    def counts(self) -> dict[str, int]:
        return {name: len(self.kind(name)) for name in schema.KIND_MODELS}


def load_knowledge(root: Path | None = None, *, use_cache: bool = True) -> KnowledgeBase:
    """Load and validate; raise KnowledgeError listing every problem, one line each."""
    if root is not None and not root.is_dir():
        raise InputError(f"--path: {show_path(root)} is not a knowledge directory")
    base: Traversable = root if root is not None else knowledge_root()
    files = knowledge_files(base)
    digest = content_hash(files)
    if use_cache:
        cached = _read_cache(digest)
        if cached is not None:
            return cached
    kb = _build(files, digest)
    if use_cache:
        _write_cache(digest, kb)
    return kb


# ---------------------------------------------------------------- building


def _build(files: list[tuple[str, bytes]], digest: str) -> KnowledgeBase:
    problems: list[str] = []
    entries: dict[str, dict[str, Any]] = {kind: {} for kind in schema.KIND_MODELS}
    origins: dict[tuple[str, str], str] = {}
    manifest: Manifest | None = None
    exam: ExamVocabulary | None = None
    model: ModelParameters | None = None
    thresholds: Thresholds | None = None
    import yaml  # here: a knowledge base read from its cache needs no YAML parser

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when built
    for name, data in files:
        try:
            document = yaml.load(data, Loader=loader)
        except yaml.YAMLError as exc:
            problems.append(f"{name}: not valid YAML: {_one_line(str(exc))}")
            continue
        if name == "manifest.yaml":
            manifest = _validate_single(Manifest, document, name, "manifest", problems)
        elif name == "exam.yaml":
            exam = _exam_vocabulary(document, name, problems)
        elif name == "model.yaml":
            model = _validate_single(ModelParameters, document, name, "model", problems)
        elif name == "thresholds.yaml":
            thresholds = _validate_single(Thresholds, document, name, "thresholds", problems)
        else:
            kind = _kind_of(name)
            if kind is None:
                problems.append(f"{name}: unknown knowledge file (no kind is stored here)")
                continue
            _add_entries(kind, name, document, entries, origins, problems)
    if manifest is None:
        problems.append("manifest.yaml: missing or invalid")
    if exam is None:
        problems.append("exam.yaml: missing or invalid")
    if model is None and not any(p.startswith("model.yaml") for p in problems):
        problems.append("model.yaml: missing")
    if thresholds is None and not any(p.startswith("thresholds.yaml") for p in problems):
        problems.append("thresholds.yaml: missing")
    if problems or manifest is None or exam is None or model is None or thresholds is None:
        raise KnowledgeError(problems)
    kb = KnowledgeBase(
        manifest=manifest,
        version=f"{manifest.version}+{digest[:12]}",
        exam=exam,
        model=model,
        thresholds=thresholds,
        origins=origins,
        **entries,
    )
    from triggermap.kb.integrity import check_integrity

    problems = check_integrity(kb)
    if problems:
        raise KnowledgeError(problems)
    return kb


def _kind_of(name: str) -> str | None:
    if "/" in name:
        return name.split("/", 1)[0]
    return LIST_FILES.get(
        name,
        name.removesuffix(".yaml") if name.removesuffix(".yaml") in schema.KIND_MODELS else None,
    )


def _add_entries(
    kind: str,
    name: str,
    document: Any,
    entries: dict[str, dict[str, Any]],
    origins: dict[tuple[str, str], str],
    problems: list[str],
) -> None:
    raw_entries = [document] if isinstance(document, dict) else document
    if not isinstance(raw_entries, list):
        problems.append(f"{name}: expected a list of entries or one entry, got {document!r:.60}")
        return
    model = schema.KIND_MODELS[kind]
    for index, raw in enumerate(raw_entries):
        label = _entry_label(kind, raw, index)
        entry = _validate_single(model, raw, name, label, problems)
        if entry is None:
            continue
        entry_id = cast(str, entry.id)  # type: ignore[attr-defined]
        if entry_id in entries[kind]:
            first = origins[(kind, entry_id)]
            problems.append(f"{name}: {label}: field 'id': duplicate id (first defined in {first})")
            continue
        entries[kind][entry_id] = entry
        origins[(kind, entry_id)] = name


def _entry_label(kind: str, raw: Any, index: int) -> str:
    singular = {"history": "history item", "triage_rules": "triage rule"}.get(kind, kind[:-1])
    singular = singular.replace("_", " ")
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return f"{singular} '{raw['id']}'"
    return f"{singular} #{index + 1}"


def _validate_single(
    model: type[M], raw: Any, name: str, label: str, problems: list[str]
) -> M | None:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems.append(f"{name}: {label}: {_describe(exc)}")
        return None


def _describe(exc: ValidationError) -> str:
    """The first error of a validation failure as `field 'a.b[2].c': message (got X)`."""
    error = _most_specific(exc.errors())
    path = _format_loc(error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "missing":
        last = str(error["loc"][-1]) if error["loc"] else ""
        message = (
            "missing: every number must cite a source key"
            if last == "source"
            else "missing (required)"
        )
    value = error.get("input")
    shown = ""
    if isinstance(value, str | int | float | bool) and error["type"] != "missing":
        shown = f" (got {value!r})"
    where = f"field '{path}'" if path else "entry"
    return f"{where}: {message}{shown}"


def _most_specific(errors: list[Any]) -> Any:
    """Prefer an error outside the expression unions (they report every branch)."""
    plain = [
        e
        for e in errors
        if not any(str(p) in {"AllExpr", "AnyExpr", "AtLeastExpr"} for p in e["loc"])
    ]
    return (plain or errors)[0]


def _format_loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif str(part) in {"str", "AllExpr", "AnyExpr", "AtLeastExpr"}:
            continue
        else:
            out += ("." if out else "") + str(part)
    return out


def _exam_vocabulary(document: Any, name: str, problems: list[str]) -> ExamVocabulary | None:
    keys = ("neuro", "movements", "palpation_findings", "sexes", "onsets", "sides")
    if not isinstance(document, dict):
        problems.append(f"{name}: expected a mapping of lists")
        return None
    missing = [k for k in keys if not isinstance(document.get(k), list)]
    if missing:
        problems.append(f"{name}: field '{missing[0]}': missing or not a list")
        return None
    return ExamVocabulary(**{k: tuple(str(v) for v in document[k]) for k in keys})


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- cache


def _cache_path(digest: str) -> Path:
    """Keyed by the knowledge content and by the code that validates it, so a change to the
    schema, the checks or pydantic never serves a knowledge base validated by older rules."""
    folder = cache_folder()
    key = hashlib.sha256(f"{digest}:{_code_fingerprint()}".encode()).hexdigest()[:24]
    return folder / f"kb-{CACHE_FORMAT}-{key}.pickle"


def _code_fingerprint() -> str:
    import pydantic

    from triggermap import __version__

    h = hashlib.sha256(f"{__version__}:{pydantic.VERSION}".encode())
    here = Path(__file__).parent  # the kb package's folder (importlib.resources costs ~8 ms)
    for module in sorted(here.iterdir(), key=lambda m: m.name):
        if module.name.endswith(".py"):
            h.update(module.name.encode() + module.read_bytes())
    return h.hexdigest()


def _read_cache(digest: str) -> KnowledgeBase | None:
    try:
        with _cache_path(digest).open("rb") as handle:
            kb = pickle.load(handle)
    except Exception:  # any unreadable cache is rebuilt, never an error for the user
        return None
    return kb if isinstance(kb, KnowledgeBase) else None


def _write_cache(digest: str, kb: KnowledgeBase) -> None:
    """The cache, like every file triggermap writes, is private (`private_files`): its folder
    0700, the file 0600, written whole and never through a link."""
    from triggermap.private_files import private_file, private_folder

    path = _cache_path(digest)
    try:
        private_folder(path.parent)
        with private_file(path, "cache", force=True) as handle:
            pickle.dump(kb, handle, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, InputError):
        pass  # a cache that cannot be written only costs time
