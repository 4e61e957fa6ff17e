"""An assessment as contract JSON bytes, fast: the same bytes as `json_bytes(a.to_json())`.

orjson writes nested dicts quickly, but an assessment is about 47 kB of indented JSON, most of
it values the compiled engine shares between cases (each condition's and muscle's evidence
items with their notes, the triage reasons, the imaging advice), and building the nested dicts
first costs as much as encoding them. So this module writes the bytes itself, from pieces that
orjson encoded:
- every shared value (a frozen evidence item, triage reason, imaging advice) is encoded once,
  already indented for where it sits, and reused while it lives;
- every string and number is orjson's own encoding of it (kept in a table: the same value is
  written the same way), so no number is ever formatted differently from orjson;
- the records built for one case (the assessment, its triage, each condition, muscle, next test
  and must-be-ruled-out entry) are written field by field in the contract's order, with the
  indentation orjson's `OPT_INDENT_2` gives them.
Only `triggermap assess --format json` uses it; the test suite holds its bytes equal to
`json_bytes(assessment.to_json())` on every scenario and on random cases, alone and in a list.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from triggermap.reasoning.assessment import Assessment

_INDENT = orjson.OPT_INDENT_2
_LIMIT = 20_000  # values kept per table; beyond, the table starts over (results stay right)
_dumps = orjson.dumps


class _Leaves:
    """Shared frozen values (evidence items, triage reasons, imaging) encoded for one nesting
    level, keyed by `id(value)` with every value held while it is a key: an id is unique among
    the objects alive at once, so a live object whose id is a key is that very value. Each is
    kept as written as the first item of a list (after its `[`) and as any later item (after
    a `,`)."""

    __slots__ = ("indent", "ready", "seen")

    def __init__(self, level: int) -> None:
        self.indent = b"\n" + b"  " * level
        self.seen: list[Any] = []
        self.ready: dict[int, tuple[bytes, bytes]] = {}

    def encode(self, value: Any) -> tuple[bytes, bytes]:
        if len(self.ready) >= _LIMIT:
            self.ready.clear()
            self.seen.clear()
        text = self.indent + _dumps(value.to_json(), option=_INDENT).replace(b"\n", self.indent)
        pair = self.ready[id(value)] = (b"[" + text, b"," + text)
        self.seen.append(value)
        return pair


_leaves = cache(_Leaves)  # one per nesting level, shared by every writer at that level


_STRINGS: dict[str, bytes] = {}
_FLOATS: dict[float, bytes] = {}


def _string(text: str) -> bytes:
    found = _STRINGS.get(text)
    if found is None:
        found = _dumps(text)
        if type(text) is str:  # a str subclass is written, never kept
            if len(_STRINGS) >= _LIMIT:
                _STRINGS.clear()
            _STRINGS[text] = found
    return found


def _number(value: Any) -> bytes:
    """orjson's encoding of a number (floats kept in a table; 0.0 never, as -0.0 equals it, and
    nothing but a float, as 1 and True equal 1.0)."""
    if type(value) is float and value != 0.0:
        found = _FLOATS.get(value)
        if found is None:
            found = _dumps(value)
            if len(_FLOATS) >= _LIMIT:
                _FLOATS.clear()
            _FLOATS[value] = found
        return found
    return _dumps(value)


def _value(value: Any) -> bytes:
    """orjson's encoding of a string, number, boolean or null."""
    if type(value) is str:
        return _string(value)
    if value is None or value is True or value is False:
        return _dumps(value)
    return _number(value)


class _Writer:
    """Writes assessments whose document starts at nesting level `depth` (0: the document
    itself; 1: an item of a list), as pieces appended to a list that is joined once (an
    assessment is large: each byte is copied once)."""

    def __init__(self, depth: int) -> None:
        self.nl = [b"\n" + b"  " * (depth + k) for k in range(8)]
        self.reasons = _leaves(depth + 3)  # the document, triage, its reasons, a reason
        self.items = _leaves(depth + 4)  # the document, a list, its record, its evidence
        self.imaging = _leaves(depth + 1)
        self.heads: dict[tuple[Any, ...], bytes] = {}  # a record's fields that never vary
        self.lists: dict[tuple[Any, ...], bytes] = {}  # lists of strings
        self.whys: dict[tuple[Any, ...], bytes] = {}  # reasons to rule a condition out
        self.priors: dict[str, tuple[float, str, bytes]] = {}  # by population
        n0, n1, n2, n3, n4, n5 = self.nl[:6]
        # the document's fixed pieces: what comes before and after each value
        self.k = {
            "version": n1 + b'"knowledge_version": ',
            "triage": b"," + n1 + b'"triage": {' + n2 + b'"level": ',
            "summary": b"," + n2 + b'"summary": ',
            "reasons": b"," + n2 + b'"reasons": ',
            "reasons_end": n2 + b"]",
            "complete_true": b"," + n2 + b'"screening_complete": true,' + n2 + b'"unanswered": ',
            "complete_false": b"," + n2 + b'"screening_complete": false,' + n2 + b'"unanswered": ',
            "muscles": n1 + b"}," + n1 + b'"muscles": ',
            "first_record": b"[" + n2 + b"{",
            "next_record": b"," + n2 + b"{",
            "record_end": n3 + b"]",
            "list_end": n1 + b"],",
            "m_end": n3 + b"]" + n2 + b"}",
            "m_explains": b"," + n3 + b'"explains": ',
            "m_evidence": b"," + n3 + b'"evidence": ',
            "combination_null": n1 + b'"combination": null,',
            "combination": n1 + b'"combination": {' + n2 + b'"muscles": ',
            "c_explains": b"," + n2 + b'"explains": ',
            "unexplained": n1 + b'"unexplained": ',
            "conditions": b"," + n1 + b'"conditions": ',
            "serious": b"," + n3 + b'"serious": true' + n2 + b"}",
            "benign": b"," + n3 + b'"serious": false' + n2 + b"}",
            "none_of_these": n1 + b'"none_of_these": ',
            "must_exclude": b"," + n1 + b'"must_exclude": ',
            "pretest": b"," + n3 + b'"pretest": ',
            "x_reasons": b"," + n3 + b'"reasons": ',
            "findings": b"," + n5 + b'"findings": ',
            "rule": b"," + n5 + b'"rule": ',
            "level": b"," + n5 + b'"level": ',
            "imaging": n1 + b'"imaging": ',
            "next_tests": b"," + n1 + b'"next_tests": ',
            "gain": b"," + n3 + b'"expected_information": ',
            "disclaimer": b"," + n1 + b'"disclaimer": ',
        }
        del n0, n4

    # ------------------------------------------------------------ pieces

    def strings(self, values: list[str], level: int) -> bytes:
        """A list of strings whose `[` sits at nesting `level`."""
        if not values:
            return b"[]"
        key = (level, *values)
        found = self.lists.get(key)
        if found is None:
            inner = (b"," + self.nl[level + 1]).join([_string(v) for v in values])
            found = b"[" + self.nl[level + 1] + inner + self.nl[level] + b"]"
            if len(self.lists) >= _LIMIT:
                self.lists.clear()
            self.lists[key] = found
        return found

    def head(self, key: tuple[Any, ...], names: tuple[str, ...], start: bytes) -> bytes:
        """`start`, then the named fields of a record at `level` with their values (`key`
        holds a tag for the record type and `start`, then the values), then the name of the
        field that follows."""
        found = self.heads.get(key)
        if found is None:
            nl = self.nl[3]  # every such record is an item of a list in the document
            parts = [
                nl + _string(name) + b": " + _value(value)
                for name, value in zip(names, key[1:], strict=False)
            ]
            found = start + b",".join(parts) + b"," + nl + _string(names[-1]) + b": "
            if len(self.heads) >= _LIMIT:
                self.heads.clear()
            self.heads[key] = found
        return found

    def why(self, key: tuple[Any, ...], findings: list[str]) -> bytes:
        """One reason of a must-be-ruled-out entry (kind, rule, level, then its findings), its
        `{` at level 4 on a line of its own, kept."""
        kind, rule, level = key[:3]
        n4, n5 = self.nl[4], self.nl[5]
        found = (
            n4 + b"{" + n5 + b'"kind": ' + _value(kind)
            + b"," + n5 + b'"findings": ' + self.strings(findings, 5)
            + b"," + n5 + b'"rule": ' + _value(rule)
            + b"," + n5 + b'"level": ' + _value(level) + n4 + b"}"
        )  # fmt: skip
        if len(self.whys) >= _LIMIT:
            self.whys.clear()
        self.whys[key] = found
        return found

    # ------------------------------------------------------------ the document

    def write(self, a: Assessment, out: list[bytes]) -> None:
        nl = self.nl
        n1, n2, n3 = nl[1], nl[2], nl[3]
        k = self.k
        add, extend = out.append, out.extend
        heads, head, strings = self.heads.get, self.head, self.strings
        add(b"{" if a.id is None else b"{" + n1 + b'"id": ' + _value(a.id) + b",")
        add(k["version"] + _value(a.knowledge_version) + k["triage"] + _value(a.triage.level))
        t = a.triage
        add(k["summary"] + _value(t.summary) + k["reasons"])
        if t.reasons:
            ready, encode = self.reasons.ready.get, self.reasons.encode
            add((ready(id(t.reasons[0])) or encode(t.reasons[0]))[0])
            for r in t.reasons[1:]:
                add((ready(id(r)) or encode(r))[1])
            add(k["reasons_end"])
        else:
            add(b"[]")
        add(k["complete_true"] if t.screening_complete is True else k["complete_false"])
        add(strings(t.unanswered, 2) + k["muscles"])
        ready, encode = self.items.ready.get, self.items.encode
        if a.muscles:
            tag, start = "m[", k["first_record"]
            explains, evidence, end = k["m_explains"], k["m_evidence"], k["m_end"]
            for m in a.muscles:
                key: tuple[Any, ...] = (tag, m.id, m.name)
                add(heads(key) or head(key, MUSCLE, start))
                add(_number(m.score) + explains + strings(m.explains, 3) + evidence)
                shared: list[Any] = m.evidence
                if shared:
                    add((ready(id(shared[0])) or encode(shared[0]))[0])
                    if len(shared) > 1:
                        extend([(ready(id(e)) or encode(e))[1] for e in shared[1:]])
                    add(end)
                else:
                    add(b"[]" + n2 + b"}")
                tag, start = "m,", k["next_record"]
            add(k["list_end"])
        else:
            add(b"[],")
        c = a.combination
        if c is None:
            add(k["combination_null"])
        else:
            add(k["combination"] + strings(c.muscles, 2) + k["c_explains"])
            add(strings(c.explains, 2) + n1 + b"},")
        add(k["unexplained"] + strings(a.unexplained, 1) + k["conditions"])
        if a.conditions:
            priors, floats = self.priors.get, _FLOATS.get
            tag, start = "c[", k["first_record"]
            end, serious, benign = k["record_end"], k["serious"], k["benign"]
            for d in a.conditions:
                key = (tag, d.id, d.name)
                add(heads(key) or head(key, CONDITION, start))
                q = d.probability
                add((floats(q) if type(q) is float else None) or _number(q))
                # the prior's fields, by population (a condition's priors differ in it); the
                # others checked (an int 1 would equal a float 1.0: floats only)
                pretest = d.pretest
                prior = priors(d.pretest_population)
                if (
                    prior is not None
                    and prior[0] == pretest
                    and type(pretest) is float
                    and prior[1] == d.pretest_source
                ):
                    add(prior[2])
                else:
                    key = ("p", pretest, d.pretest_source, d.pretest_population)
                    fields = head(key, PRETEST, b",")
                    if type(pretest) is float:
                        if len(self.priors) >= _LIMIT:
                            self.priors.clear()
                        self.priors[d.pretest_population] = (pretest, d.pretest_source, fields)
                    add(fields)
                shared = d.evidence
                if shared:
                    add((ready(id(shared[0])) or encode(shared[0]))[0])
                    if len(shared) > 1:
                        extend([(ready(id(e)) or encode(e))[1] for e in shared[1:]])
                    add(end)
                else:
                    add(b"[]")
                add(serious if d.serious is True else benign)
                tag, start = "c,", k["next_record"]
            add(k["list_end"])
        else:
            add(b"[],")
        add(k["none_of_these"] + _number(a.none_of_these) + k["must_exclude"])
        if a.must_exclude:
            whys = self.whys.get
            tag, start = "x[", k["first_record"]
            for x in a.must_exclude:
                key = (tag, x.id, x.name)
                add(heads(key) or head(key, CONDITION, start))
                add(_number(x.probability) + k["pretest"] + _number(x.pretest) + k["x_reasons"])
                inner = b"["
                for why in x.reasons:
                    reason = (why.kind, why.rule, why.level, *why.findings)
                    found = whys(reason)
                    if found is None:
                        found = self.why(reason, why.findings)
                    add(inner)
                    add(found)
                    inner = b","
                add(b"[]" + n2 + b"}" if inner == b"[" else n3 + b"]" + n2 + b"}")
                tag, start = "x,", k["next_record"]
            add(k["list_end"])
        else:
            add(b"[],")
        table = self.imaging
        imaging = table.ready.get(id(a.imaging)) or table.encode(a.imaging)
        add(k["imaging"] + imaging[1][1 + len(table.indent) :] + k["next_tests"])
        if a.next_tests:
            tag, start = "n[", k["first_record"]
            gain = k["gain"]
            for n in a.next_tests:
                key = (tag, n.id, n.name)
                add(heads(key) or head(key, NEXT_TEST, start))
                add(_string(n.why) + gain + _number(n.expected_information) + n2 + b"}")
                tag, start = "n,", k["next_record"]
            add(n1 + b"]")
        else:
            add(b"[]")
        add(k["disclaimer"] + _value(a.disclaimer) + nl[0] + b"}")


MUSCLE = ("id", "name", "score")
CONDITION = ("id", "name", "probability")
PRETEST = ("pretest", "pretest_source", "pretest_population", "evidence")
NEXT_TEST = ("id", "name", "why")

_writer = cache(_Writer)  # one per depth (an assessment alone, or in a list)


def assessment_bytes(a: Assessment, depth: int = 0) -> bytes:
    """The bytes of `orjson.dumps(a.to_json(), option=OPT_INDENT_2)` with every line after the
    first indented by `depth` levels (depth 1: an item of a list), without a final newline."""
    out: list[bytes] = []
    _writer(depth).write(a, out)
    return b"".join(out)


def assessment_list_bytes(items: Iterable[Assessment], chunk: int = 4) -> Iterator[bytes]:
    """The bytes of `json_bytes([a.to_json() for a in items])`, a chunk of items at a time (a
    long list is written as it is computed, and never held whole). A chunk is small (an
    assessment is about 47 kB): a buffer of a few hundred kB is reused from the heap, where one
    of megabytes is mapped afresh each time and costs a page fault per 4 kB written."""
    write = _writer(1).write
    out: list[bytes] = []
    add = out.append
    count = 0
    for a in items:
        add(b",\n  " if count else b"[\n  ")
        write(a, out)
        count += 1
        if count % chunk == 0:
            yield b"".join(out)
            out.clear()
    out.append(b"\n]\n" if count else b"[]\n")
    yield b"".join(out)
