"""The compiled engine kept on disk, so a new process assesses a case without rebuilding it.

`load_engine()` hashes the knowledge files (their bytes, not parsed), looks for a cache entry
keyed by that hash, the code that compiles and runs the engine, and the Python version, and
loads the program (pickle) and the generated code (marshal) from it. On a miss it loads and
validates the knowledge base, compiles it and writes the entry. Loading from the cache imports
neither the schema nor a YAML parser. An unreadable or stale entry is rebuilt, never an error;
the cache directory is the knowledge base's (`TRIGGERMAP_CACHE_DIR`, else the user cache).
It lives with the use cases, not in the pure core: reading and writing a file is a side effect.
"""

from __future__ import annotations

import hashlib
import marshal
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triggermap.kb.files import cache_folder, content_hash, knowledge_files

if TYPE_CHECKING:
    from triggermap.reasoning.compiled import CompiledEngine
    from triggermap.reasoning.program import Program

CACHE_FORMAT = 1
# The modules whose code decides what the compiled engine computes.
ENGINE_MODULES = (
    "reasoning/assessment.py",
    "reasoning/case.py",
    "reasoning/clusters.py",
    "reasoning/codegen.py",
    "reasoning/compiled.py",
    "reasoning/compiler.py",
    "reasoning/differential.py",
    "reasoning/findings.py",
    "reasoning/must_exclude.py",
    "reasoning/next_tests.py",
    "reasoning/program.py",
    "reasoning/referral.py",
    "reasoning/regional.py",
    "reasoning/triage.py",
    "kb/schema.py",
    "kb/loader.py",
    "kb/integrity.py",
    "kb/files.py",
    "kb/levels.py",
)

_LOADED: dict[str, CompiledEngine] = {}


def load_engine() -> CompiledEngine:
    """The compiled engine of the shipped knowledge base, from the cache when it is current."""
    digest = content_hash(knowledge_files())
    engine = _LOADED.get(digest)
    if engine is None:
        engine = _read(digest) or _build(digest)
        _LOADED[digest] = engine
    return engine


def engine_for(version: str) -> CompiledEngine | None:
    """The cached engine when `version` is the shipped knowledge base's (its version ends in
    the files' content hash), else None; a source for `reasoning.compiled.compiled_engine`."""
    digest = content_hash(knowledge_files())
    if not version.endswith(f"+{digest[:12]}"):
        return None
    engine = _LOADED.get(digest)
    if engine is None:
        engine = _LOADED[digest] = _read(digest) or _build(digest)
    return engine if engine.p.version == version else None


def cache_path(digest: str) -> Path:
    folder = cache_folder()
    key = hashlib.sha256(f"{digest}:{_code_fingerprint()}".encode()).hexdigest()[:24]
    return folder / f"engine-{CACHE_FORMAT}-{key}.pickle"


def _code_fingerprint() -> str:
    from triggermap import __version__

    h = hashlib.sha256(f"{__version__}:{sys.implementation.cache_tag}".encode())
    base = Path(__file__).resolve().parents[1]  # the package folder
    for name in ENGINE_MODULES:
        h.update(name.encode() + (base / name).read_bytes())
    return h.hexdigest()


def _read(digest: str) -> CompiledEngine | None:
    from triggermap.reasoning.compiled import CompiledEngine

    try:
        with cache_path(digest).open("rb") as handle:
            program, constants, code = pickle.load(handle)
        return CompiledEngine(program, (marshal.loads(code), constants))
    except Exception:  # any unreadable entry is rebuilt, never an error for the user
        return None


def _build(digest: str) -> CompiledEngine:
    from triggermap.kb.loader import load_knowledge
    from triggermap.reasoning.compiled import CompiledEngine, compile_code
    from triggermap.reasoning.compiler import compile_program

    kb = load_knowledge()
    program = compile_program(kb)
    code, constants = compile_code(program)
    _write(digest, program, constants, marshal.dumps(code))
    return CompiledEngine(program, (code, constants))


def _write(digest: str, program: Program, constants: dict[str, Any], code: bytes) -> None:
    """Private like every file triggermap writes (`private_files`: the folder 0700, the file
    0600, written whole and never through a link)."""
    from triggermap.errors import InputError
    from triggermap.private_files import private_file, private_folder

    path = cache_path(digest)
    try:
        private_folder(path.parent)
        with private_file(path, "cache", force=True) as handle:
            pickle.dump((program, constants, code), handle, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, InputError):
        pass  # a cache that cannot be written only costs time


def cached_program() -> Program | None:
    """The shipped knowledge base's compiled program when its cache entry is there and current
    (never built here: None, and the caller uses the knowledge base itself)."""
    from triggermap.reasoning.program import Program

    digest = content_hash(knowledge_files())
    engine = _LOADED.get(digest)
    if engine is not None:
        return engine.p
    try:
        with cache_path(digest).open("rb") as handle:
            program = pickle.load(handle)[0]
    except Exception:  # an unreadable entry: the knowledge base itself answers
        return None
    return program if isinstance(program, Program) else None
