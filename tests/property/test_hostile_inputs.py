"""Issue 8, done when: hostile input on every input path is refused the same careful way.

More than 2,000 generated inputs (see `tests/hostile.py`) go to every way in: a case on stdin
and in a file (assess, plan, session), an import file, each records command's options (person
by id or label, diary add/edit/delete, PEG, progress --as-of, plan and session --date, export,
show, delete), the knowledge commands' arguments (kb list/show/source/illustration, schema),
output paths and --db. Every one must give exit 2, exactly one line on stderr naming the field,
nothing on stdout, no internal error, and leave the database and the folder exactly as they
were.

The commands run in-process through `triggermap.cli.app.main` (fast); a few real processes at
the end check the same for what only a process sees (bytes on stdin and in argv).
"""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from tests import hostile as h

from triggermap.cli.app import main
from triggermap.kb.loader import load_knowledge
from triggermap.services.knowledge import entry_kinds
from triggermap.store.opening import close_stores
from triggermap.store.snapshot_parse import Vocabulary, parse_snapshot

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-case.json"
KB = load_knowledge()
REGIONS, SYMPTOMS, HISTORY = set(KB.regions), set(KB.symptoms), set(KB.history)
SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
ONE_ERROR = re.compile(r"triggermap: error: [^\n]+\n")
PERSON = "<person>"  # replaced by the world's person id
ENTRY = "<entry>"  # replaced by the id of one of the world's diary entries
FOLDER = "<folder>"  # replaced by the world's folder


@dataclass
class Ran:
    code: int
    out: str
    err: str


class World:
    """A database with one person and records of every kind, and files around it (a plain
    class: Hypothesis shows its short repr with a failing example, not the whole export)."""

    def __init__(self, folder: Path, person: str, entry: str, export: dict[str, Any]) -> None:
        self.folder = folder
        self.db = folder / "records.db"
        self.person = person
        self.entry = entry  # one of the person's diary entries
        self.export = export  # a valid document for a new person: only a broken one is refused
        self.case_file = folder / "stdin-case.json"
        self.existing = folder / "existing.json"  # a file that -o must not overwrite
        self.link = folder / "link.json"  # a symbolic link to a file that must never be made

    def __repr__(self) -> str:
        return f"World({str(self.folder)!r})"

    def placed(self, part: str) -> str:
        """A command's argument with the world's person, entry and folder put in."""
        for mark, value in ((PERSON, self.person), (ENTRY, self.entry), (FOLDER, str(self.folder))):
            part = part.replace(mark, value)
        return part


def run(args: list[str], stdin: bytes = b"") -> Ran:
    """`triggermap ARGS` in this process, with its own stdin, stdout and stderr."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    saved = sys.argv, sys.stdin, sys.stdout, sys.stderr
    sys.argv = ["triggermap", *args]
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    code: Any = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    finally:
        sys.argv, sys.stdin, sys.stdout, sys.stderr = saved
    texts = []
    for stream in (out, err):
        stream.flush()
        assert isinstance(stream.buffer, io.BytesIO)
        texts.append(stream.buffer.getvalue().decode("utf-8", "backslashreplace"))
    return Ran(code if isinstance(code, int) else 1, texts[0], texts[1])


def dump(world: World) -> tuple[list[str], list[str]]:
    """The whole database as SQL, and every file in the folder with its size."""
    with sqlite3.connect(f"{world.db.as_uri()}?mode=ro", uri=True) as connection:
        rows = list(connection.iterdump())
    files = sorted(
        f"{p.relative_to(world.folder)} {p.lstat().st_size}"
        for p in world.folder.rglob("*")
        if not p.name.startswith("records.db") and p.name != "stdin-case.json"
    )
    return rows, files


def refused(world: World, args: list[str], field: str, stdin: bytes = b"") -> None:
    """The one promise: exit 2, one line naming `field`, nothing on stdout, nothing changed."""
    before = dump(world)
    ran = run(args, stdin)
    assert ran.code == 2, (args, ran.err, ran.out[:300])
    assert ran.out == "", (args, ran.out[:300])
    assert ONE_ERROR.fullmatch(ran.err), (args, ran.err[:800])
    assert field in ran.err, (field, ran.err)
    assert dump(world) == before, (args, ran.err)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "records.db"
    made = _records(db)
    entry = json.loads(run(["diary", "list", "--person", LABEL, "--json", "--db", str(db)]).out)
    for name in ("existing.json", "existing.png", "existing.svg"):
        (folder / name).write_text("keep me\n")
    (folder / "notes.txt").write_text("not a database\n")
    for name in ("link.json", "link.png", "link.svg"):
        (folder / name).symlink_to(folder / f"never-made-{name}")
    (folder / "a-folder").mkdir()
    export = _fresh_export(db, made)
    (folder / "valid-export.json").write_text(json.dumps(export))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRIGGERMAP_DATABASE_URL", f"sqlite:///{db}")
        _built_once(patch)
        yield World(folder, made, entry[0]["id"], export)
    close_stores()


def _built_once(patch: pytest.MonkeyPatch) -> None:
    """Speed for thousands of runs in one process: the knowledge base loaded once, and the
    command tree Typer builds from the app on every call built once (the same objects)."""
    import typer.main

    from triggermap.cli import app as cli_app

    command = typer.main.get_command(cli_app.app)
    patch.setattr("triggermap.kb.loader.load_knowledge", lambda *_, **__: KB)
    patch.setattr(cli_app, "app", lambda **options: command.main(**options))


LABEL = "P-1"  # the world's person, named by label or by id


def _records(db: Path) -> str:
    person = run(["person", "add", LABEL, "--birth-year", "1970", "--db", str(db)]).out.strip()
    for args in (
        ["diary", "add", "--person", person, "--pain", "5", "--regions", "mid_buttock"],
        ["diary", "add", "--person", person, "--pain", "4", "--note", "sat a lot"],
        ["peg", "--person", person, "--pain", "5", "--enjoyment", "4", "--activity", "3"],
        ["assess", "-i", str(DEMO), "--save", "--person", person, "-f", "json"],
        ["plan", "-i", str(DEMO), "--save", "--person", LABEL, "-f", "json"],
    ):
        assert run([*args, "--db", str(db)]).code == 0, args
    return person


def _fresh_export(db: Path, person: str) -> dict[str, Any]:
    """The person's export with new ids: a document that would import (checked here)."""
    document = json.loads(run(["export", "--person", person, "--db", str(db)]).out)
    document["person"]["id"] = uuid.uuid4().hex[:12]
    for part in ("assessments", "care_plans", "diary", "peg", "sessions"):
        for item in document[part]:
            item["id"] = uuid.uuid4().hex
    document["sessions"] = [
        {
            "id": uuid.uuid4().hex,
            "started_at": "2026-01-02T10:00:00+00:00",
            "recorded_at": "2026-01-02T10:30:00+00:00",
            "plan_version": 1,
            "items_done": ["superficial_heat"],
            "pain_after": 3,
            "note": None,
        }
    ]
    vocabulary = Vocabulary(KB.regions, KB.symptoms, KB.exam.sexes)
    parse_snapshot(document, vocabulary, now=datetime.now(UTC), tz=UTC)
    return document


# ---------------------------------------------------------------- a case, broken one way


CASE = json.loads(DEMO.read_text(encoding="utf-8"))


def _not_none(value: Any) -> bool:
    return value is not None


CASE_FIELDS: list[tuple[tuple[Any, ...], st.SearchStrategy[Any]]] = [
    (("age",), h.whole_outside(0, 120)),
    (("pain", "intensity"), h.whole_outside(0, 10)),
    (("duration_weeks",), h.number_outside(1e15)),
    (("sex",), h.not_one_of(KB.exam.sexes)),
    (("onset",), h.not_one_of(KB.exam.onsets)),
    (("side",), h.not_one_of(KB.exam.sides)),
    (("symptoms",), h.bad_id_list(SYMPTOMS)),
    (("absent",), h.bad_id_list(SYMPTOMS)),
    (("unsure",), h.bad_id_list(SYMPTOMS)),
    (("history",), h.bad_id_list(HISTORY)),
    (("pain", "regions"), h.bad_id_list(REGIONS)),
    (("exam", "tests", "fair"), h.not_one_of(("positive", "negative"))),
    (("exam", "rom", "hip_internal_rotation", "active"), h.number_outside(180)),
    (("exam", "rom", "hip_internal_rotation", "passive"), h.number_outside(180)),
    (("exam", "rom", "hip_internal_rotation", "painful"), h.NOT_BOOL.filter(_not_none)),
    (("exam", "neuro", "motor_deficit"), h.NOT_BOOL),
    (("exam", "palpation", "piriformis", "taut_band"), h.NOT_BOOL),
    (("id",), h.NOT_TEXT),
    (("exam",), h.NOT_TEXT.filter(lambda v: not isinstance(v, dict))),
    (("pain",), h.NOT_TEXT.filter(lambda v: not isinstance(v, dict))),
]  # fmt: skip
CASE_OBJECTS: list[tuple[Any, ...]] = [
    (),
    ("pain",),
    ("exam",),
    ("exam", "rom", "hip_internal_rotation"),
    ("exam", "palpation"),
]


@st.composite
def broken_case(draw: Any) -> tuple[bytes, str]:
    """(the case's bytes, the field its error must name)."""
    how = draw(st.sampled_from(["value", "unknown key", "duplicated key", "text"]))
    if how == "value":
        path, values = draw(st.sampled_from(CASE_FIELDS))
        text = h.dumps(h.set_at(CASE, path, draw(values)))
        return text.encode("utf-8"), h.field_words(h.path_name(path))
    if how == "unknown key":
        where = draw(st.sampled_from(CASE_OBJECTS))
        key = draw(h.WEIRD_TEXT.filter(lambda k: _unknown_key(where, k)))
        obj = dict(_at(CASE, where), **{key: 1})
        text = json.dumps(h.set_at(CASE, where, obj))  # ASCII: a key may hold a surrogate
        return text.encode("ascii"), h.field_words(h.path_name((*where, key)))
    if how == "duplicated key":
        key = draw(st.sampled_from(sorted(CASE)))
        text = h.dumps(CASE)
        doubled = "{" + f"{json.dumps(key)}: {json.dumps(draw(h.NOT_TEXT))}, " + text[1:]
        return doubled.encode("utf-8"), key
    _, breakage = draw(h.text_breakage())
    return breakage(h.dumps(CASE)).encode("utf-8"), "input"


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _unknown_key(where: tuple[Any, ...], key: str) -> bool:
    if where == ("exam", "palpation"):  # a key there is a muscle id
        return key not in KB.muscles
    return key not in _at(CASE, where) and key not in {
        "regions", "intensity", "palpation", "tests", "rom", "neuro", "active", "passive",
        "painful", "unsure", "preferences",
    }  # fmt: skip


CASE_COMMANDS = [
    ["assess", "-i", "-", "-f", "json"],
    ["assess", "-i", "FILE", "-f", "json"],
    ["assess", "-i", "-"],
    ["plan", "-i", "-", "-f", "json"],
    ["plan", "-i", "FILE"],
    ["session", "-i", "-", "--fast"],
]


@settings(SETTINGS, max_examples=700)
@given(broken=broken_case(), command=st.sampled_from(CASE_COMMANDS))
def test_a_broken_case_is_refused_on_every_path(
    world: World, broken: tuple[bytes, str], command: list[str]
) -> None:
    data, field = broken
    if "FILE" in command:
        world.case_file.write_bytes(data)
        command = [str(world.case_file) if part == "FILE" else part for part in command]
        refused(world, command, field)
    else:
        refused(world, command, field, stdin=data)


# ---------------------------------------------------------------- an import file, broken one way


BAD_VERSION = st.one_of(
    st.sampled_from([0, -1, 2**31, 2**63, 2**64, True, 2.0, "1", None, [1]]),
    h.HUGE_INTEGERS,
)
IMPORT_FIELDS: list[tuple[tuple[Any, ...], st.SearchStrategy[Any]]] = [
    (("version",), st.one_of(st.sampled_from([True, 2.0, "2", None, 0, 3]), h.HUGE_INTEGERS)),
    (("format",), h.TEXT.filter(lambda t: t != "triggermap.person")),
    (("person", "id"), h.TEXT.filter(lambda t: not re.fullmatch(r"[A-Za-z0-9_-]{1,32}", t))),
    (("person", "label"), h.BAD_LABEL | h.NOT_TEXT),
    (("person", "birth_year"), h.whole_outside(1900, h.TODAY.year)),
    (("person", "sex"), h.not_one_of(h.SEXES)),
    (("person", "created_at"), h.BROKEN_TIMES),
    (("assessments", 0, "created_at"), h.BROKEN_TIMES),
    (("assessments", 0, "id"), h.NOT_TEXT | st.just("x" * 33) | st.just("a b")),
    (("assessments", 0, "knowledge_version"), h.BAD_LABEL | h.NOT_TEXT | st.just("k" * 65)),
    (("assessments", 0, "case"), h.NOT_TEXT.filter(lambda v: not isinstance(v, dict))),
    (("care_plans", 0, "version"), BAD_VERSION),
    (("care_plans", 0, "created_at"), h.BROKEN_TIMES),
    (("diary", 0, "day"), h.bad_day(datetime(1970, 1, 1).date()) | h.NOT_TEXT),
    (("diary", 0, "pain"), h.whole_outside(0, 10)),
    (("diary", 0, "regions"), h.bad_id_list(REGIONS)),
    (("diary", 1, "note"), h.BAD_NOTE | h.NOT_TEXT),
    (("diary", 0, "self_care"), h.NOT_BOOL),
    (("diary", 1, "recorded_at"), h.BROKEN_TIMES),
    (("peg", 0, "enjoyment"), h.whole_outside(0, 10)),
    (("peg", 0, "day"), h.bad_day(datetime(1970, 1, 1).date())),
    (("peg", 0, "score"), st.one_of(st.integers(5, 10), st.text(max_size=3), st.just(None))),
    (("sessions", 0, "plan_version"), BAD_VERSION.filter(lambda v: v is not None)),
    (("sessions", 0, "items_done"), st.one_of(h.NOT_TEXT, st.lists(h.CONTROL_TEXT, min_size=1))),
    (("sessions", 0, "started_at"), h.BROKEN_TIMES),
    (("sessions", 0, "pain_after"), h.whole_outside(0, 10)),
]
IMPORT_OBJECTS: list[tuple[Any, ...]] = [(), ("person",), ("diary", 0), ("peg", 0)]
PERSON_KEYS = ("id", "label", "birth_year", "sex", "created_at")
Breakage = tuple[str, Any, Any]  # (how, where, what), applied to the world's export


@st.composite
def export_breakage(draw: Any) -> Breakage:
    how = draw(st.sampled_from(["value", "value", "unknown key", "duplicated key", "text"]))
    if how == "value":
        path, values = draw(st.sampled_from(IMPORT_FIELDS))
        return how, path, draw(values)
    if how == "unknown key":
        return how, draw(st.sampled_from(IMPORT_OBJECTS)), draw(h.WEIRD_TEXT)
    if how == "duplicated key":
        return how, ("person",), draw(st.sampled_from(PERSON_KEYS))
    return how, (), draw(h.text_breakage())


def broken_export(document: dict[str, Any], breakage: Breakage) -> tuple[bytes, str] | None:
    """(the file's bytes, the field its error must name); None when the breakage is no break."""
    how, where, what = breakage
    if how == "value":
        text = h.dumps(h.set_at(document, where, what))
        return text.encode("ascii"), h.field_words(h.path_name(where))
    if how == "unknown key":
        if what in _at(document, where):
            return None
        text = h.dumps(h.set_at(document, where, dict(_at(document, where), **{what: 1})))
        return text.encode("ascii"), h.field_words(h.path_name((*where, what)))
    if how == "duplicated key":
        text = h.dumps(document).replace('"person": {', '"person": {' + f'"{what}": 1, ', 1)
        return text.encode("ascii"), f"person.{what}"
    name, breaking = what
    field = "FILE" if name == "empty" else "import"  # an empty file is the argument's fault
    return breaking(h.dumps(document)).encode("utf-8"), field


@settings(SETTINGS, max_examples=600)
@given(breakage=export_breakage(), from_stdin=st.booleans())
def test_a_broken_import_file_is_refused(
    world: World, breakage: Breakage, from_stdin: bool
) -> None:
    broken = broken_export(world.export, breakage)
    assume(broken is not None)
    assert broken is not None
    text, field = broken
    if from_stdin:
        refused(world, ["import", "-"], field, stdin=text)
        return
    world.case_file.write_bytes(text)
    refused(world, ["import", str(world.case_file)], field)


# ---------------------------------------------------------------- records commands' options


NOT_A_PERSON = h.BAD_PERSON_ID.filter(lambda t: t != LABEL)
NOT_AN_ENTRY = h.BAD_PERSON_ID
NOT_A_KIND = h.TEXT.filter(lambda t: t.replace("_", "-") not in entry_kinds())
TAKEN_LABEL = st.sampled_from([LABEL, PERSON, f" {LABEL} "])  # a label, or an id, in use
BAD_HANDOUT_TEXT = st.one_of(
    st.sampled_from([" ", "\t", "n" * 601]),
    st.builds(
        h.inserted,
        st.text(max_size=20),
        st.sampled_from(["\x00", "\x01", "\x1b", "\x7f", "\udcff"]),
        st.integers(0, 20),
    ),
)  # the words a clinician prints on a handout: spaces run together, so no line breaks here
OPTIONS: list[tuple[list[str], str, st.SearchStrategy[str]]] = [
    (["person", "add", "--", "{}"], "label", h.BAD_LABEL),
    (["person", "add", "--", "{}"], "label", TAKEN_LABEL),
    (["person", "add", "P-2", "--birth-year={}"], "birth-year", h.BAD_BIRTH_YEAR),
    (["person", "add", "P-2", "--sex={}"], "sex", h.BAD_SEX),
    (["person", "show", "--", "{}"], "person", NOT_A_PERSON),
    (["person", "delete", "--yes", "--", "{}"], "person", NOT_A_PERSON),
    (["diary", "add", f"--person={PERSON}", "--pain={}"], "pain", h.BAD_SCORE),
    (["diary", "add", f"--person={PERSON}", "--pain=3", "--date={}"], "date", h.bad_day()),
    (["diary", "add", f"--person={PERSON}", "--pain=3", "--regions={}"], "regions",
     h.bad_ids(REGIONS)),
    (["diary", "add", f"--person={PERSON}", "--pain=3", "--symptoms={}"], "symptoms",
     h.bad_ids(SYMPTOMS)),
    (["diary", "add", f"--person={PERSON}", "--pain=3", "--note={}"], "note", h.BAD_NOTE),
    (["diary", "add", "--person={}", "--pain=3"], "person", NOT_A_PERSON),
    (["diary", "list", "--person={}"], "person", NOT_A_PERSON),
    (["peg", f"--person={PERSON}", "--pain={}", "--enjoyment=1", "--activity=1"], "pain",
     h.BAD_SCORE),
    (["peg", f"--person={PERSON}", "--pain=1", "--enjoyment={}", "--activity=1"], "enjoyment",
     h.BAD_SCORE),
    (["peg", f"--person={PERSON}", "--pain=1", "--enjoyment=1", "--activity={}"], "activity",
     h.BAD_SCORE),
    (["peg", f"--person={PERSON}", "--pain=1", "--enjoyment=1", "--activity=1", "--date={}"],
     "date", h.bad_day()),
    (["progress", f"--person={PERSON}", "--as-of={}"], "--as-of", h.bad_day()),
    (["progress", "--person={}"], "person", NOT_A_PERSON),
    (["plan", "-i", str(DEMO), "--date={}"], "--date", h.bad_day()),
    (["session", "-i", str(DEMO), "--fast", "--date={}"], "--date", h.bad_day()),
    (["export", "--person={}"], "person", NOT_A_PERSON),
    (["plan", "-i", str(DEMO), "--person={}"], "person", NOT_A_PERSON),
    (["plan", "-i", str(DEMO), "--clinician={}"], "--clinician", BAD_HANDOUT_TEXT),
    (["plan", "-i", str(DEMO), "--note={}"], "--note", BAD_HANDOUT_TEXT),
    (["session", "-i", str(DEMO), "--fast", "--person={}"], "person", NOT_A_PERSON),
    (["assess", "-i", str(DEMO), "--save", "--person={}"], "person", NOT_A_PERSON),
    (["diary", "edit", ENTRY, "--pain={}"], "pain", h.BAD_SCORE),
    (["diary", "edit", ENTRY, "--date={}"], "date", h.bad_day()),
    (["diary", "edit", ENTRY, "--regions={}"], "regions", h.bad_ids(REGIONS)),
    (["diary", "edit", ENTRY, "--symptoms={}"], "symptoms", h.bad_ids(SYMPTOMS)),
    (["diary", "edit", ENTRY, "--note={}"], "note", h.BAD_NOTE),
    (["diary", "edit", "--pain=3", "--", "{}"], "entry", NOT_AN_ENTRY),
    (["diary", "delete", "--", "{}"], "entry", NOT_AN_ENTRY),
    (["plan", "--person={}"], "person", NOT_A_PERSON),
    (["plan", f"--person={LABEL}", "--date={}"], "--date", h.bad_day()),
    (["kb", "show", "muscles", "--", "{}"], "ID", h.TEXT.filter(lambda t: t not in KB.muscles)),
    (["kb", "show", "--", "{}", "piriformis"], "KIND", NOT_A_KIND),
    (["kb", "list", "--", "{}"], "KIND", NOT_A_KIND),
    (["kb", "source", "--", "{}"], "KEY", h.TEXT.filter(lambda t: t not in KB.sources)),
    (["kb", "illustration", "-o", f"{FOLDER}/new.svg", "--", "{}"], "ID", h.TEXT),
    (["kb", "illustration", "-o", f"{FOLDER}/new.svg", "--side={}", "activation_glute_squeeze"],
     "--side", h.TEXT.filter(lambda t: t not in ("left", "right"))),
    (["schema", "--", "{}"], "FORMAT", h.TEXT.filter(lambda t: t not in ("case", "assessment",
                                                                        "plan"))),
]  # fmt: skip
"""(arguments with `{}` where the hostile value goes, the field, hostile values) for each
option of each records command, the others valid."""


@st.composite
def broken_option(draw: Any) -> tuple[list[str], str]:
    template, field, values = draw(st.sampled_from(OPTIONS))
    value = draw(values)
    return [part.replace("{}", value) for part in template], field


@settings(SETTINGS, max_examples=900)
@given(broken=broken_option())
def test_a_broken_option_is_refused(world: World, broken: tuple[list[str], str]) -> None:
    args, field = broken
    refused(world, [world.placed(part) for part in args], field)


PLACES = ["existing.json", "link.json", "a-folder", "no/x.json"]
OUTPUTS = [
    (["export", f"--person={LABEL}", "-o"], "--output"),
    (["kb", "illustration", "activation_glute_squeeze", "-o"], "--output"),
    (["plan", "-i", str(DEMO), "-f", "html", "-o"], "--output"),
    (["plan", "-i", str(DEMO), "-f", "pdf", "-o"], "--output"),
    (["assess", "-i", str(DEMO), "--save-case"], "--save-case"),
    (["progress", f"--person={PERSON}", "--chart"], "--chart"),
]


@pytest.mark.parametrize("place", [*PLACES, "chart.pdf"])
@pytest.mark.parametrize(("command", "field"), OUTPUTS)
def test_an_output_that_would_overwrite_follow_a_link_or_go_nowhere_is_refused(
    world: World, command: list[str], field: str, place: str
) -> None:
    if place == "chart.pdf" and field != "--chart":
        return  # only a chart's name has a required ending
    if field == "--chart":
        place = place.replace(".json", ".png")
    if "illustration" in command:
        place = place.replace(".json", ".svg")
    args = [world.placed(part) for part in command]
    refused(world, [*args, str(world.folder / place)], field)
    assert (world.folder / "existing.json").read_text() == "keep me\n"


DATABASE_COMMANDS = [
    ["person", "list"],
    ["person", "add", "P-3"],
    ["person", "show", LABEL],
    ["progress", f"--person={PERSON}"],
    ["progress", f"--person={LABEL}"],
    ["diary", "edit", ENTRY, "--pain=3"],
    ["diary", "delete", ENTRY],
    ["diary", "add", f"--person={PERSON}", "--pain=3"],
    ["export", f"--person={PERSON}"],
    ["import", f"{FOLDER}/valid-export.json"],
]
BAD_PORTS = h.TEXT.filter(lambda t: not re.fullmatch(r"[0-9]{1,5}", t) or not 0 < int(t) < 65536)
BAD_DATABASES = st.one_of(
    st.sampled_from([
        "postgresql://u@localhost:99999999/x", "postgresql://u@localhost:abc/x",
        "postgresql://u@[::1/x", "mysql://u@localhost/x", "sqlite://", "sqlite:///:memory:",
        "://", "sqlite:///a\x00b.db", f"{FOLDER}/\udcff.db", FOLDER, f"{FOLDER}/notes.txt",
        f"sqlite:///{FOLDER}/a-folder", f"sqlite:///{FOLDER}/records.db?timeout=soon",
        "postgresql://u@127.0.0.1:1/x",
    ]),
    BAD_PORTS.map(lambda port: f"postgresql://u@localhost:{port}/x"),
)  # fmt: skip


@settings(SETTINGS, max_examples=150)
@given(command=st.sampled_from(DATABASE_COMMANDS), db=BAD_DATABASES)
def test_a_database_that_cannot_be_used_is_refused(
    world: World, command: list[str], db: str
) -> None:
    args = [world.placed(part) for part in command]
    before = dump(world)
    ran = run([*args, "--db", world.placed(db)])
    assert ran.code == 2 and ran.out == "" and ONE_ERROR.fullmatch(ran.err), (db, ran.err)
    assert "--db" in ran.err or "database" in ran.err, ran.err
    assert dump(world) == before


# ---------------------------------------------------------------- real processes


def process(*args: str | bytes, stdin: bytes = b"", db: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "TRIGGERMAP_DATABASE_URL": f"sqlite:///{db}"}
    return subprocess.run(
        [sys.executable, "-m", "triggermap", *args], input=stdin, capture_output=True, env=env
    )


def test_real_processes_refuse_the_same_way(world: World) -> None:
    """What only a process sees: raw bytes on stdin and in argv."""
    world.case_file.write_bytes(b'{"id": "\xff"}')
    cases: list[tuple[tuple[str | bytes, ...], bytes, bytes]] = [
        (("assess", "-i", "-", "-f", "json"), b'{"id": "\xff"}', b"--input: not valid UTF-8"),
        (("assess", "-i", str(world.case_file)), b"", b"--input: not valid UTF-8"),
        (("assess", "-i", "-"), b'{"symptoms": ["saddle_anaesthesia"], "symptoms": []}',
         b"input: 'symptoms': this key appears twice in one object"),
        (("person", "add", b"P-\xff"), b"", b"label: 'P-\\udcff' holds bytes that are not UTF-8"),
        (("person", "add", "P-4", "--birth-year", "\u00b2"), b"",
         b"birth-year: '\xc2\xb2' is not a whole number"),
        (("diary", "add", "--person", world.person, "--pain", "1_0"), b"",
         b"pain: '1_0' is not a whole number"),
        (("diary", "add", "--person", world.person, "--pain", "3", "--date", "0001-01-01"), b"",
         b"date: 0001-01-01 is before 1900-01-01"),
        (("import", "-"), json.dumps({**world.export, "version": True}).encode(),
         b"version: true is not a version this triggermap reads"),
        (("person", "list", "--db", "postgresql://u@localhost:99999999/x"), b"",
         b"--db: port 99999999 is not in 1..65535"),
        (("export", "--person", world.person, "-o", str(world.link)), b"",
         b"is a symbolic link"),
        (("diary", "edit", world.entry, "--pain", "\u00b2"), b"",
         b"pain: '\xc2\xb2' is not a whole number"),
        (("progress", "--person", b"P-\xff"), b"",
         b"person: no person with id or label 'P-\\udcff'"),
        (("schema", b"\xff"), b"", b"FORMAT: '\\udcff' is not one of case, assessment, plan"),
    ]  # fmt: skip
    before = dump(world)
    for args, stdin, words in cases:
        done = process(*args, stdin=stdin, db=world.db)
        assert done.returncode == 2 and done.stdout == b"", (args, done.stderr)
        assert done.stderr.count(b"\n") == 1 and words in done.stderr, (args, done.stderr)
    assert dump(world) == before
