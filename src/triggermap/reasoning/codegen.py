"""Generate the compiled engine: the knowledge base as one straight-line Python function.

`generate(program)` writes the source of `assess_case(case)`: every finding the knowledge base
reads becomes a local variable computed once (three-valued: True, False, None), every rule,
feature and cluster an inline expression over them, and every condition's evidence a run of
`if` statements that append prebuilt evidence items and add precomputed log ratios. Nothing is
looked up by name while a case runs and no object is built that does not vary with the case.
The source is plain Python (`triggermap kb compiled` prints it); `reasoning.compiled` compiles
it once per knowledge version and caches the code on disk.

Three modes of the facts, as in the readable form (`reasoning.findings.CaseFacts`):
- `p` plain: "not sure" is unknown (the differential, the muscles);
- `r` red flag: a red-flag symptom answered "not sure" counts as present (triage);
- `i` informed: `r` with the differential known (rules and imaging that read posteriors).
A finding that reads no red-flag symptom has one variable for `p` and `r`; one that reads no
posterior has one variable for `r` and `i`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from triggermap.reasoning.program import ClusterSpec, ConditionSpec, Program, Spec


class Generator:
    def __init__(self, program: Program) -> None:
        self.p = program
        self.lines: list[str] = []
        self.indent = 1
        self.names: dict[tuple[str, str], str] = {}
        self.consts: dict[str, Any] = {}
        self._const_ids: dict[int, str] = {}
        self._counter = 0
        self._rf: dict[str, bool] = {}
        self._post: dict[str, bool] = {}
        self._exprs: dict[tuple[Spec, str], str] = {}
        self._counts: dict[tuple[Any, int, str], tuple[str, str]] = {}

    # ------------------------------------------------------------ emission helpers

    def emit(self, line: str) -> None:
        self.lines.append("    " * self.indent + line)

    def temp(self) -> str:
        self._counter += 1
        return f"v{self._counter}"

    def const(self, value: Any) -> str:
        """A name for a constant the generated code reads (shared objects are not copied)."""
        key = id(value)
        name = self._const_ids.get(key)
        if name is None:
            name = f"K{len(self.consts)}"
            self.consts[name] = value
            self._const_ids[key] = name
        return name

    # ------------------------------------------------------------ dependencies

    def reads_red_flag(self, atom: str) -> bool:
        if atom not in self._rf:
            self._rf[atom] = False  # cycles are rejected by kb check
            self._rf[atom] = self._depends(atom, self._red_flag_leaf, self.reads_red_flag)
        return self._rf[atom]

    def reads_posteriors(self, atom: str) -> bool:
        if atom not in self._post:
            self._post[atom] = False
            self._post[atom] = self._depends(atom, self._posterior_leaf, self.reads_posteriors)
        return self._post[atom]

    def _red_flag_leaf(self, atom: str) -> bool:
        prefix, _, target = atom.partition(":")
        return prefix == "symptom" and target in self.p.red_flags

    def _posterior_leaf(self, atom: str) -> bool:
        prefix, _, target = atom.partition(":")
        return prefix == "feature" and self.p.features[target][0] in ("leading", "probability")

    def _depends(self, atom: str, leaf: Any, recurse: Any) -> bool:
        if leaf(atom):
            return True
        return any(recurse(a) for a in self._children(atom))

    def _children(self, atom: str) -> list[str]:
        prefix, _, target = atom.partition(":")
        if prefix == "feature":
            spec = self.p.features[target]
            return spec_atoms(spec[1]) if spec[0] == "when" else []
        if prefix == "test":
            rule = self.p.tests[target][0]
            return [] if rule is None else spec_atoms(rule)
        return []

    def mode_of(self, atom: str, mode: str) -> str:
        if mode == "i" and not self.reads_posteriors(atom):
            mode = "r"
        if mode == "r" and not self.reads_red_flag(atom):
            mode = "p"
        return mode

    # ------------------------------------------------------------ atoms and expressions

    def value(self, atom: str, mode: str) -> str:
        """The variable holding an atom's value in a mode, emitting it on first use."""
        mode = self.mode_of(atom, mode)
        key = (atom, mode)
        name = self.names.get(key)
        if name is None:
            assert self.indent == 1, f"{atom} first evaluated inside a block"
            code = self._atom_code(atom, mode)
            name = self.temp()
            self.emit(f"{name} = {code}")
            self.names[key] = name
        return name

    def _atom_code(self, atom: str, mode: str) -> str:
        prefix, _, target = atom.partition(":")
        head, _, tail = target.partition(".")
        if prefix == "symptom":
            if mode == "p" or head not in self.p.red_flags:
                return f"SYMPTOMS({head!r})"
            return f"RED_FLAGS({head!r})"
        if prefix == "history":
            return f"(True if {head!r} in HISTORY else None)"
        if prefix == "region":
            return f"(True if {head!r} in REGIONS else (False if REGIONS else None))"
        if prefix == "neuro":
            return f"NEURO.get({head!r})"
        if prefix == "palpation":
            return f"PALPATION.get({head!r}, EMPTY).get({tail!r})"
        if prefix == "test":
            return self._test_code(head, mode)
        return self._feature_code(head, mode)

    def _test_code(self, test_id: str, mode: str) -> str:
        rule, missing = self.p.tests[test_id]
        recorded = self.temp()
        self.emit(f"{recorded} = TESTS.get({test_id!r})")
        if rule is None:
            return f"(None if {recorded} is None else {recorded} == 'positive')"
        if rule[0] == "at_least":
            k = rule[1]
            low, high = self.count(rule[2], missing, mode)
            derived = f"(True if {low} >= {k} else (False if {high} < {k} else None))"
        else:
            derived = self.expr(rule, mode)
        return f"({derived} if {recorded} is None else {recorded} == 'positive')"

    def _feature_code(self, feature_id: str, mode: str) -> str:
        spec = self.p.features[feature_id]
        kind = spec[0]
        if kind == "compare":
            return self._compare_code(spec[1], spec[2], spec[3])
        if kind == "regions_any":
            regions = self.const(spec[1])
            return f"((not REGIONS.isdisjoint({regions})) if REGIONS else None)"
        if kind == "when":
            return self.expr(spec[1], mode)
        if kind == "palpation":
            return f"palpation_criteria(PALPATION, {spec[1]!r}, {spec[2]})"
        if mode != "i":
            return "None"
        if kind == "leading":  # the list is sorted by probability, ties by id: its first
            below = "" if spec[3] is None else f" and LEADER.probability < {spec[3]!r}"
            return (
                f"(LEADER.id not in {self.const(spec[1])} "
                f"and LEADER.probability >= {spec[2]!r}{below})"
            )
        return f"(POSTERIORS.get({spec[1]!r}, 0.0) >= {spec[2]!r})"

    def _compare_code(self, field: str, op: str, target: Any) -> str:
        value = self.temp()
        if field == "pain.intensity":
            self.emit(f"{value} = case.pain.intensity")
        elif field.startswith("rom."):
            _, movement, measure = field.split(".")
            record = self.temp()
            self.emit(f"{record} = ROM.get({movement!r})")
            if measure == "least":
                self.emit(
                    f"{value} = None if {record} is None "
                    f"else least({record}.active, {record}.passive)"
                )
            else:
                self.emit(f"{value} = None if {record} is None else {record}.{measure}")
        else:
            value = f"FIELD_{field}"
        if op == "missing":
            return f"({value} is None)"
        if op == "in":
            test = f"({value} in {self.const(tuple(target or ()))})"
        else:
            symbol = {"eq": "==", "ne": "!=", "gt": ">", "ge": ">=", "lt": "<", "le": "<="}[op]
            test = f"bool({value} {symbol} {target!r})"
        return f"(None if {value} is None else {test})"

    def expr(self, spec: Spec, mode: str) -> str:
        """The variable holding an expression's value; computed once when at the top level."""
        kind = spec[0]
        if kind == "atom":
            return self.value(spec[1], mode)
        mode = self.spec_mode(spec, mode)
        known = self._exprs.get((spec, mode))
        if known is not None:
            return known
        name = self._compound(spec, mode)
        if self.indent == 1:
            self._exprs[(spec, mode)] = name
        return name

    def spec_mode(self, spec: Spec, mode: str) -> str:
        """The cheapest mode that gives an expression the same value (see `mode_of`)."""
        atoms = spec_atoms(spec)
        if mode == "i" and not any(self.reads_posteriors(a) for a in atoms):
            mode = "r"
        if mode == "r" and not any(self.reads_red_flag(a) for a in atoms):
            mode = "p"
        return mode

    def _compound(self, spec: Spec, mode: str) -> str:
        kind = spec[0]
        if kind == "at_least":
            k = spec[1]
            low, high = self.count(spec[2], 0, mode)
            name = self.temp()
            self.emit(f"{name} = True if {low} >= {k} else (False if {high} < {k} else None)")
            return name
        parts = [self.expr(c, mode) for c in spec[1]]
        if len(parts) == 1:
            return parts[0]
        name = self.temp()
        if kind == "all":
            false = " or ".join(f"{p} is False" for p in parts)
            true = " and ".join(f"{p} is True" for p in parts)
            self.emit(f"{name} = False if ({false}) else (True if ({true}) else None)")
        else:
            true = " or ".join(f"{p} is True" for p in parts)
            false = " and ".join(f"{p} is False" for p in parts)
            self.emit(f"{name} = True if ({true}) else (False if ({false}) else None)")
        return name

    def count(self, items: tuple[Spec, ...], missing: int, mode: str) -> tuple[str, str]:
        """(variables for) how many items are certainly true, and how many could be."""
        mode = self.spec_mode(("all", items), mode)
        known = self._counts.get((items, missing, mode))
        if known is not None:
            return known
        parts = [self.expr(i, mode) for i in items]
        low, high = self.temp(), self.temp()
        if self.indent == 1:
            self._counts[(items, missing, mode)] = (low, high)
        self.emit(f"{low} = " + " + ".join(f"({p} is True)" for p in parts))
        not_false = " + ".join(f"({p} is not False)" for p in parts)
        self.emit(f"{high} = {not_false} + {missing}")
        return low, high

    def firing(self, spec: Spec, mode: str, out: str) -> None:
        """Append to list `out` the atoms that make a true expression true (readable form:
        `CaseFacts.firing_atoms`); emitted where `spec` is known to be true."""
        kind = spec[0]
        if kind == "atom":
            atom = spec[1]
            prefix, _, target = atom.partition(":")
            feature = self.p.features.get(target) if prefix == "feature" else None
            if feature is not None and feature[0] == "when" and feature[1][0] == "any":
                self.firing(feature[1], mode, out)
            else:
                self.emit(f"if {atom!r} not in {out}: {out}.append({atom!r})")
            return
        children = spec[2] if kind == "at_least" else spec[1]
        for child in children:
            name = self.expr(child, mode)  # its atoms are already evaluated at the top level
            self.emit(f"if {name} is True:")
            self.indent += 1
            self.firing(child, mode, out)
            self.indent -= 1

    # ------------------------------------------------------------ the whole function

    def generate(self) -> str:
        head = [
            "def assess_case(case):",
            "    PRESENT = frozenset(case.symptoms)",
            "    ABSENT = frozenset(case.absent)",
            "    UNSURE = frozenset(case.unsure)",
            # a symptom's answer: True (present), False (absent) or None (unknown, not sure)
            "    SYMPTOMS = {**dict.fromkeys(case.absent, False), "
            "**dict.fromkeys(case.symptoms, True)}",
            # for triage: a red-flag symptom answered 'not sure' counts as present (only red
            # flags are read from it)
            "    RED_FLAGS = {**SYMPTOMS, **dict.fromkeys(case.unsure, True)}.get "
            "if UNSURE else SYMPTOMS.get",
            "    SYMPTOMS = SYMPTOMS.get",
            "    HISTORY = frozenset(case.history)",
            "    REGIONS = frozenset(case.pain.regions)",
            "    exam = case.exam",
            "    TESTS = exam.tests",
            "    NEURO = exam.neuro",
            "    PALPATION = exam.palpation",
            "    ROM = exam.rom",
            "    ANCHORED = False",
            "    POSTERIORS = None",
            "    FIELD_age = case.age",
            "    FIELD_duration_weeks = case.duration_weeks",
            "    FIELD_onset = None if case.onset == 'unknown' else case.onset",
            "    FIELD_side = None if case.side == 'unknown' else case.side",
            "    FIELD_sex = None if case.sex == 'unknown' else case.sex",
        ]
        self._triage_first_pass()
        self._differential()
        self._triage_second_pass()
        self._imaging()
        self.emit(
            "muscles, combination, unexplained = "
            "muscle_part(case, PRESENT, ABSENT, HISTORY, REGIONS)"
        )
        self.emit(
            "return finish(case, TRIAGE_REASONS, PRESENT | ABSENT | UNSURE, UNSURE, muscles, "
            "combination, unexplained, conditions, POSTERIORS, none_of_these, imaging, SETTLED)"
        )
        return "\n".join([*head, *self.lines]) + "\n"

    def _triage_first_pass(self) -> None:
        self.emit("# triage, red-flag pass")
        self.emit("FIRED = {}")
        for rule in self.p.rules:
            if rule.reads_differential:
                continue
            name = self.expr(rule.when, "r")
            self.emit(f"if {name} is True:")
            self.indent += 1
            self.emit("f = []")
            self.firing(rule.when, "r", "f")
            self.emit(f"FIRED[{rule.id!r}] = f")
            self.indent -= 1

    def _differential(self) -> None:
        self.emit("# differential (plain facts)")
        self._drawing()
        self.emit("ON_FACTS = {}")
        wanted = {r for c in self.p.conditions if c.suspected for r in c.suspected.rules}
        for rule in self.p.rules:
            if rule.id in wanted:
                name = self.expr(rule.when, "p")
                self.emit(
                    f"if {name} is True and {rule.id!r} in FIRED: "
                    f"ON_FACTS[{rule.id!r}] = FIRED[{rule.id!r}]"
                )
        self.emit("SETTLED = {}")
        self.emit("scored = []")
        for c in self.p.conditions:
            self._condition(c)
        self.emit("conditions, none_of_these, POSTERIORS = normalise(scored, ANCHORED)")
        self.emit("LEADER = conditions[0]")

    def _drawing(self) -> None:
        """DRAWN: the drawing as the conditions read it; UNKNOWN: regions whose pain is unknown
        (readable form: `regional.drawn_regions`)."""
        states = [self.value(finding, "p") for finding, _, _ in self.p.implied]
        self.emit("DRAWN = REGIONS")
        self.emit("UNKNOWN = EMPTYSET")
        for (_, region, reach), state in zip(self.p.implied, states, strict=True):
            self.emit(f"if REGIONS and {state} is True:")
            self.indent += 1
            self.emit(f"DRAWN = DRAWN | {self.const(frozenset([region]))}")
            self.emit(
                f"if REGIONS.isdisjoint({self.const(reach)}): "
                f"UNKNOWN = UNKNOWN | {self.const(reach)}"
            )
            self.indent -= 1
        self.emit("UNKNOWN = UNKNOWN - DRAWN")
        self.emit("REGIONAL = regional(DRAWN, UNKNOWN)")

    def _condition(self, c: ConditionSpec) -> None:
        self.emit(f"# {c.id}")
        groups = [self.expr(g.when, "p") for g in c.subgroups if g.when is not None]
        self._prepare_clusters(c)
        self.emit(f"prior = {self.const(c.general)}")
        if c.suspected is not None or c.subgroups:
            self.emit("cond = EMPTYSET")
        branch = "if"
        if c.suspected is not None:
            rules = " or ".join(f"{r!r} in ON_FACTS" for r in c.suspected.rules)
            self.emit(f"if {rules}:")
            self.indent += 1
            self.emit(f"prior = {self.const(c.suspected)}")
            self.emit("ANCHORED = True")
            self.emit(
                "cond = frozenset().union(*(ON_FACTS[r] for r in "
                f"{c.suspected.rules!r} if r in ON_FACTS))"
            )
            self.indent -= 1
            branch = "elif"
        for group, name in zip(c.subgroups, groups, strict=True):
            self.emit(f"{branch} {name} is True:")
            self.indent += 1
            self.emit(f"prior = {self.const(group)}")
            self.emit(f"cond = {self.const(group.conditioned)}")
            self.indent -= 1
            branch = "elif"
        self._regional(c)
        self._defining(c)
        self._clusters(c)
        self._findings(c)
        self.emit("scored.append((prior, items, L))")

    def _prepare_clusters(self, c: ConditionSpec) -> None:
        """Evaluate every finding the condition's clusters read, at the top level."""
        for k in c.clusters:
            if k.applies_when is not None:
                self.expr(k.applies_when, "p")
            if k.rule is not None:
                self.expr(k.rule, "p")
            for spec, _ in k.items:
                self.expr(spec, "p")
            for f in c.findings:
                if f.atom in k.members:
                    self.value(f.atom, "p")

    def _add(self, item: str, log: str) -> None:
        self.emit(f"items.append({item}); L += {log}")

    def _regional(self, c: ConditionSpec) -> None:
        """The condition's evidence from the drawing, computed once per drawing for every
        condition (`compiled._Runtime.regional`, the same steps in the same order)."""
        index = self.p.conditions.index(c)
        self.emit(f"R = REGIONAL[{index}]")
        self.emit("items = [*R[0]]")
        self.emit("L = R[1]")

    def _applies(self, k: ClusterSpec) -> str:
        """An expression: does the case belong to the cluster's population?"""
        if k.applies_when is None:
            return "True"
        return f"({self.expr(k.applies_when, 'p')} is True)"

    def _clusters(self, c: ConditionSpec) -> None:
        if not c.clusters:
            return
        ranges = [self._cluster_range(k) for k in c.clusters]
        applies = [self._applies(k) for k in c.clusters]
        # the best-evidenced decided cluster speaks alone; else every undecided one (a cluster
        # outside its population does not count: readable form `clusters.applicable`)
        self.emit("decided = None")
        for i, ((d, _, _), a) in enumerate(zip(ranges, applies, strict=True)):
            self.emit(f"if decided is None and {a} and {d}: decided = {i}")
        members = ", ".join(self.const(k.members) for k in c.clusters)
        flags = ", ".join(f"({a} and {d})" for (d, _, _), a in zip(ranges, applies, strict=True))
        self.emit("if decided is not None:")
        self.indent += 1
        self.emit(
            f"SETTLED[{c.id!r}] = frozenset().union("
            f"*(m for m, d in zip(({members},), ({flags},)) if d))"
        )
        self.indent -= 1
        for i, (k, (d, low, high), a) in enumerate(zip(c.clusters, ranges, applies, strict=True)):
            product = self._cluster_members(c, k)
            self.emit(f"if {a} and (decided is None or decided == {i}):")
            self.indent += 1
            self.emit(f"item = cluster_item({self.const(k)}, {d}, {low}, {high}, {product})")
            self.emit(
                "if item is not None: items.append(item); L += math.log(item.likelihood_ratio)"
            )
            self.indent -= 1

    def _cluster_range(self, k: ClusterSpec) -> tuple[str, str, str]:
        """Emit (decided, lowest, highest) ratio of a cluster; its findings are evaluated."""
        d, low, high = self.temp(), self.temp(), self.temp()
        recorded = self.temp()
        self.emit(f"{recorded} = TESTS.get({k.test_id!r})")
        if not k.items:
            assert k.rule is not None
            state = self.expr(k.rule, "p")
            self.emit(
                f"{d}, {low}, {high} = "
                f"rule_range({recorded}, {state}, {k.positive!r}, {k.negative!r})"
            )
            return d, low, high
        if any(k.demographic):
            states = self._item_states(k)
            count_low, count_high = self.temp(), self.temp()
            self.emit(f"{count_low} = " + " + ".join(f"({s} is True)" for s in states))
            not_false = " + ".join(f"({s} is not False)" for s in states)
            self.emit(f"{count_high} = {not_false} + {k.missing}")
        else:
            count_low, count_high = self.count(tuple(s for s, _ in k.items), k.missing, "p")
        strata = self.const(k.strata)
        self.emit(
            f"{d}, {low}, {high} = strata_range({recorded}, {k.positive!r}, {k.negative!r}, "
            f"{strata}, {count_low}, {count_high})"
        )
        return d, low, high

    def _cluster_members(self, c: ConditionSpec, k: ClusterSpec) -> str:
        """Emit the members' product, strongest ratios and whether any is known; return the
        name of that list."""
        own = [f for f in c.findings if f.atom in k.members]
        out = self.temp()
        self.emit(f"{out} = [1.0, 1.0, 1.0, False]")
        for finding in own:
            state = self.value(finding.atom, "p")
            for flag, raw in (("True", finding.positive), ("False", finding.negative)):
                if raw is not None:
                    self.emit(f"if {state} is {flag}: member({out}, {round(raw, 4)!r})")
        own_atoms = {f.atom for f in own}
        states = self._item_states(k)
        for (_, atoms), state in zip(k.items, states, strict=True):
            if own_atoms & atoms:
                continue
            self.emit(
                f"if {state} is not None: "
                f"share({out}, {state}, {k.share_for!r}, {k.share_against!r})"
            )
        return out

    def _item_states(self, k: ClusterSpec) -> list[str]:
        """Each counting item's state; a present demographic item is unknown until a defining
        finding of the condition is present (readable form `clusters.item_states`)."""
        states = []
        for i, (spec, _) in enumerate(k.items):
            state = self.expr(spec, "p")
            if k.demographic and k.demographic[i]:
                gated = self.temp()
                self.emit(f"{gated} = None if ({state} is True and not defining) else {state}")
                state = gated
            states.append(state)
        return states

    def _defining(self, c: ConditionSpec) -> None:
        """Emit `defining` (is a defining finding present?) when demographics read it."""
        if not (
            any(
                f.demographic and f.present is not None and f.present.likelihood_ratio > 1
                for f in c.findings
            )
            or any(
                f.demographic and f.absent is not None and f.absent.likelihood_ratio > 1
                for f in c.findings
            )
            or any(any(k.demographic) for k in c.clusters)
        ):
            return
        defining = [self.value(a, "p") for a in c.defining]
        regions = [f"(not REGIONS.isdisjoint({self.const(r)}))" for r in c.defining_regions]
        tests = [f"{d} is True" for d in defining] + regions
        self.emit(f"defining = {' or '.join(tests) if tests else 'False'}")

    def _findings(self, c: ConditionSpec) -> None:
        conditionable = self._conditionable(c)
        always = frozenset().union(*(k.members for k in c.clusters if k.applies_when is None))
        for f in c.findings:
            if f.atom in always:
                continue
            state = self.value(f.atom, "p")
            guard = (
                "" if f.within or f.atom not in conditionable else f"{f.atom!r} not in cond and "
            )
            # a member of a cluster with a population counts alone outside that population
            outside = [self._applies(k) for k in c.clusters if f.atom in k.members]
            guard += "".join(f"not {a} and " for a in outside)
            keyword = "if"
            for flag, item in (("True", f.present), ("False", f.absent)):
                if item is None:
                    continue
                demographic = f.demographic and item.likelihood_ratio > 1
                extra = " and defining" if demographic else ""
                self.emit(f"{keyword} {guard}{state} is {flag}{extra}:")
                self.indent += 1
                self._add(self.const(item), repr(math.log(item.likelihood_ratio)))
                self.indent -= 1
                keyword = "elif"

    def _conditionable(self, c: ConditionSpec) -> frozenset[str]:
        """Every atom a subgroup or referral population of the condition may condition on."""
        out: set[str] = set()
        for group in c.subgroups:
            out |= group.conditioned
        if c.suspected is not None:
            rules = {r.id: r for r in self.p.rules}
            for rule_id in c.suspected.rules:
                out |= self._reachable(rules[rule_id].when)
        return frozenset(out)

    def _reachable(self, spec: Spec) -> set[str]:
        out: set[str] = set()
        stack = spec_atoms(spec)
        while stack:
            atom = stack.pop()
            if atom not in out:
                out.add(atom)
                stack.extend(self._children(atom))
        return out

    def _triage_second_pass(self) -> None:
        self.emit("# triage, with the differential known")
        for rule in self.p.rules:
            if not rule.reads_differential:
                continue
            name = self.expr(rule.when, "i")
            self.emit(f"if {name} is True:")
            self.indent += 1
            self.emit("f = []")
            self.firing(rule.when, "i", "f")
            self.emit(f"FIRED[{rule.id!r}] = f")
            self.indent -= 1
        self.emit("TRIAGE_REASONS = FIRED")

    def _imaging(self) -> None:
        self.emit("# imaging")
        self.emit("fired_imaging = []")
        for i, rule in enumerate(self.p.imaging):
            name = self.expr(rule.when, "i")
            self.emit(f"if {name} is True: fired_imaging.append({i})")
        self.emit("imaging = imaging_result(tuple(fired_imaging))")


def spec_atoms(spec: Spec) -> list[str]:
    kind = spec[0]
    if kind == "atom":
        return [spec[1]]
    children = spec[2] if kind == "at_least" else spec[1]
    return [a for child in children for a in spec_atoms(child)]


def generate(program: Program) -> tuple[str, dict[str, Any]]:
    """The source of `assess_case` and the constants it reads."""
    generator = Generator(program)
    source = generator.generate()
    return source, generator.consts
