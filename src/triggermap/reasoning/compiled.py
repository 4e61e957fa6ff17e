"""The compiled engine: the generated `assess_case` and the small functions it calls.

`CompiledEngine(program)` generates the source of `assess_case` (reasoning.codegen), compiles
it and binds it to the runtime below; `reasoning.program_cache` keeps the compiled code on disk
beside the program, so a new process only unpickles and unmarshals them. The test suite holds
`assess` here identical to `engine.assess_readable` on every scenario; read that form (and ADR
0001) for what each step means. The generated code evaluates each finding once per mode; the
functions here do the parts that loop over data: each condition's evidence from the drawing
(once per drawing), normalising the differential, the clusters' ranges, the muscles, must be
ruled out and the next tests (their information kept per probability).
"""

from __future__ import annotations

import math
from itertools import combinations
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any

from triggermap.reasoning.assessment import (
    LEVEL_RANK,
    Assessment,
    Combination,
    ConditionResult,
    EvidenceItem,
    ExclusionReason,
    Imaging,
    MuscleEvidence,
    MuscleResult,
    MustExclude,
    NextTest,
    Triage,
    TriageReason,
    fast_constructor,
    shown_ratio,
)
from triggermap.reasoning.engine_sources import ENGINE_SOURCES

if TYPE_CHECKING:
    from types import CodeType

    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.case import Case
    from triggermap.reasoning.program import ClusterSpec, PriorSpec, Program, TestSpec

FLOOR = 1e-6
# must be ruled out: an entry's order is its first reason's (a warning-sign rule, by its level
# from the most urgent; then raised above its base rate; then screening not asked)
RAISED, UNANSWERED = (1, 0), (2, 0)
EMPTY: dict[str, Any] = {}
# a cluster's evidence item by everything it says (atom, state, ratio, source, grade, note)
CLUSTER_ITEMS_KEPT = 4096
_CLUSTER_ITEMS: dict[tuple[str, str, float, str, str, str | None], EvidenceItem] = {}
PERCENT = tuple(f"{n}%" for n in range(101))  # a probability shown as a whole percentage
TABLE_KEPT = 20_000  # probabilities a next test's row keeps (then its tables start over)
DRAWINGS_KEPT = 4096  # pain drawings whose muscle shares are kept (then the cache starts over)
EMPTYSET: frozenset[str] = frozenset()

_ENGINES: dict[str, CompiledEngine] = {}
# The frozen values built for one case, without their __init__'s per-field object.__setattr__
# (the same objects; see assessment.fast_constructor).
new_evidence = fast_constructor(EvidenceItem)
new_muscle_evidence = fast_constructor(MuscleEvidence)


def compiled_engine(kb: KnowledgeBase) -> CompiledEngine:
    """The compiled engine of a loaded knowledge base, built once per knowledge version."""
    engine = _ENGINES.get(kb.version)
    if engine is None:
        for source in ENGINE_SOURCES:
            found = source(kb.version)
            if found is not None and found.p.version == kb.version:
                engine = _ENGINES[kb.version] = found
                return engine
        from triggermap.reasoning.compiler import compile_program

        engine = _ENGINES[kb.version] = CompiledEngine(compile_program(kb))
    return engine


def compile_code(program: Program) -> tuple[CodeType, dict[str, Any]]:
    """The compiled `assess_case` of a program, and the constants it reads."""
    from triggermap.reasoning.codegen import generate

    source, constants = generate(program)
    return compile(source, f"<triggermap {program.version}>", "exec"), constants


class CompiledEngine:
    def __init__(
        self, program: Program, code: tuple[CodeType, dict[str, Any]] | None = None
    ) -> None:
        self.p = program
        self.code, constants = code if code is not None else compile_code(program)
        namespace = {**_Runtime(program).functions(), **constants}
        exec(self.code, namespace)
        self.assess_case = namespace["assess_case"]

    def assess(self, case: Case) -> Assessment:
        return self.assess_case(case)  # type: ignore[no-any-return]


class _Runtime:
    """The functions the generated code calls, bound to one program."""

    def __init__(self, program: Program) -> None:
        self.p = program
        self.rules = {r.id: r for r in program.rules}
        self.serious = frozenset(c.id for c in program.conditions if c.serious)
        self.reasons: dict[tuple[str, tuple[str, ...], tuple[str, ...]], TriageReason] = {}
        self.imaging: dict[tuple[int, ...], Imaging] = {}
        self.outside: dict[frozenset[str], EvidenceItem] = {}
        self.regionals: dict[
            tuple[frozenset[str], frozenset[str]],
            tuple[tuple[tuple[EvidenceItem, ...], float], ...],
        ] = {}
        self.no_drawing = tuple(((), 0.0) for _ in program.conditions)
        self.drawings: dict[
            frozenset[str], tuple[tuple[float, tuple[str, ...], MuscleEvidence | None], ...]
        ] = {}
        self.screening = [
            (c, frozenset(questions), tuple((q, f"symptom:{q}") for q in questions))
            for c, questions in program.screening.items()
        ]
        self.covered_by = {m.id: m.covered for m in program.muscles}
        # next tests: each accuracy row with tables of what a probability gives (the mutual
        # information, then the sentence), filled as probabilities occur (a posterior has four
        # decimals, so a row sees at most 10,001 of them)
        self.tests: tuple[tuple[TestSpec, tuple[tuple[Any, ...], ...]], ...] = tuple(
            (t, tuple((*row, {}, {}) for row in t.accuracy))
            for t in program.next_tests
            if t.accuracy
        )
        # must be ruled out: the suspects each triage rule names for it (any suspect of an
        # emergency or urgent rule, a serious suspect of a lower one)
        self.excluded_by = {
            r.id: tuple(s for s in r.suspects if LEVEL_RANK[r.level] >= 2 or s in self.serious)
            for r in program.rules
        }
        self.red_flag_rank = {r.id: (0, -LEVEL_RANK[r.level]) for r in program.rules}
        self.reason_order = {r.id: (-LEVEL_RANK[r.level], r.id) for r in program.rules}
        self.ids = tuple(c.id for c in program.conditions)
        self.records = tuple((c.id, c.name, c.serious) for c in program.conditions)
        self.lower_names = {c: n.lower() for c, n in program.condition_names.items()}
        self.coverable = frozenset().union(*self.covered_by.values())

    def functions(self) -> dict[str, Any]:
        return {
            "math": math,
            "EMPTY": EMPTY,
            "EMPTYSET": EMPTYSET,
            "least": least,
            "palpation_criteria": palpation_criteria,
            "leading_condition": leading_condition,
            "member": member,
            "share": share,
            "strata_range": strata_range,
            "rule_range": rule_range,
            "cluster_item": cluster_item,
            "regional": self.regional,
            "normalise": self.normalise,
            "imaging_result": self.imaging_result,
            "muscle_part": self.muscle_part,
            "finish": self.finish,
        }

    # ------------------------------------------------------------ differential

    def regional(
        self, drawn: frozenset[str], unknown: frozenset[str]
    ) -> tuple[tuple[tuple[EvidenceItem, ...], float], ...]:
        """Each condition's evidence from the drawing (its items and the sum of their log
        ratios, added from 0.0 in the items' order), computed once per drawing and kept (the
        readable form: `regional.regional_evidence`)."""
        key = (drawn, unknown)
        found = self.regionals.get(key)
        if found is not None:
            return found
        if not drawn:
            found = self.no_drawing
        else:
            log = math.log
            rows = []
            for c in self.p.conditions:
                items: list[EvidenceItem] = []
                total = 0.0
                if drawn.isdisjoint(c.core):
                    items.append(self.p.away)
                    total += log(self.p.away.likelihood_ratio)
                elif c.keys:
                    touched = [
                        i
                        for i, k in sorted(enumerate(c.keys), key=_strongest)
                        if not drawn.isdisjoint(k.regions)
                    ]
                    if touched:
                        present = c.keys[touched[0]].present
                        if present is not None:
                            items.append(present)
                            total += log(present.likelihood_ratio)
                    else:
                        for k in c.keys:  # a key region whose pain is unknown does not count
                            if k.absent is not None and not k.regions <= unknown:
                                items.append(k.absent)
                                total += log(k.absent.likelihood_ratio)
                if not drawn <= c.typical:
                    item = self.outside_item(drawn - c.typical)
                    items.append(item)
                    total += log(item.likelihood_ratio)
                rows.append((tuple(items), total))
            found = tuple(rows)
        if len(self.regionals) >= DRAWINGS_KEPT:
            self.regionals.clear()
        self.regionals[key] = found
        return found

    def outside_item(self, outside: frozenset[str]) -> EvidenceItem:
        item = self.outside.get(outside)
        if item is None:
            value, source, evidence, note = self.p.outside
            regions = sorted(outside)
            text = f"Painful outside its typical regions: {', '.join(regions)}. {note or ''}"
            item = self.outside[outside] = EvidenceItem(
                "drawing:outside_typical_regions",
                "present",
                shown_ratio(value ** len(regions)),
                source,
                evidence,
                text.strip(),
            )
        return item

    def normalise(
        self, scored: list[tuple[PriorSpec, list[EvidenceItem], float]], anchored: bool
    ) -> tuple[list[ConditionResult], float, dict[str, float]]:
        """The differential sorted by probability (ties by id), "none of these", and each
        condition's probability by id."""
        exp = math.exp
        if anchored:
            logs = prior_log_odds([prior for prior, _, _ in scored])
            weights = [exp(p + s[2]) for p, s in zip(logs, scored, strict=True)]
        else:
            weights = [exp(prior.log_odds + log) for prior, _, log in scored]
        total = 1.0 + sum(weights)
        probabilities = []
        for w in weights:  # round4(w / total), inline
            y = w / total * 10000.0
            r = int(y)
            f = y - r
            if 0.499999 < f < 0.500001:  # near a tie: exactly as round() decides
                probabilities.append(round(w / total, 4))
            else:
                probabilities.append((r + 1 if f > 0.5 else r) / 10000.0)
        results = [
            ConditionResult(
                cid, name, q, prior.probability, prior.source, prior.population, items, serious
            )
            for (cid, name, serious), (prior, items, _), q in zip(
                self.records, scored, probabilities, strict=True
            )
        ]
        results.sort(key=_probability, reverse=True)  # built in id order: ties stay by id
        return results, round4(1.0 / total), dict(zip(self.ids, probabilities, strict=True))

    # ------------------------------------------------------------ triage, must be ruled out

    def finish(
        self,
        case: Case,
        fired: dict[str, list[str]],
        answered: frozenset[str],
        unsure: frozenset[str],
        muscles: list[MuscleResult],
        combination: Combination | None,
        unexplained: list[str],
        conditions: list[ConditionResult],
        posteriors: dict[str, float],
        none_of_these: float,
        imaging: Imaging,
        settled: dict[str, frozenset[str]],
    ) -> Assessment:
        order = self.reason_order
        reasons = [
            self.reason(rule, fired[rule], unsure) for rule in sorted(fired, key=order.__getitem__)
        ]
        level = reasons[0].level if reasons else "self_care"
        unanswered = sorted(self.p.red_flags - answered)
        same_day = level == "urgent" and any(r.rule in self.p.same_day for r in reasons)
        summary = self.p.summaries["same_day" if same_day else level]
        triage = Triage(level, summary, reasons, not unanswered, unanswered)
        return Assessment(
            self.p.version,
            triage,
            muscles,
            combination,
            unexplained,
            conditions,
            imaging,
            self.next_tests(case, posteriors, settled),
            none_of_these,
            self.must_exclude(answered, triage, conditions, posteriors),
            case.id,
        )

    def reason(self, rule_id: str, findings: list[str], unsure: frozenset[str]) -> TriageReason:
        found = tuple(findings)
        doubtful = tuple(a for a in found if a.startswith("symptom:") and a[8:] in unsure)
        key = (rule_id, found, doubtful)
        reason = self.reasons.get(key)
        if reason is None:
            rule = self.rules[rule_id]
            explanation = rule.reason
            if doubtful:
                names = ", ".join(self.p.symptom_labels[a[8:]] for a in doubtful)
                explanation += f" (Counted as present because the answer was 'not sure': {names}.)"
            reason = self.reasons[key] = TriageReason(
                rule=rule.id,
                level=rule.level,  # type: ignore[arg-type]
                findings=list(found),
                explanation=explanation,
                source=rule.source,
                action=rule.action,
                unsure=list(doubtful),
            )
        return reason

    def must_exclude(
        self,
        answered: frozenset[str],
        triage: Triage,
        conditions: list[ConditionResult],
        posteriors: dict[str, float],
    ) -> list[MustExclude]:
        p = self.p
        reasons: dict[str, list[ExclusionReason]] = {}
        first: dict[str, tuple[int, int]] = {}  # each entry's first reason, for the order
        excluded_by, rank = self.excluded_by, self.red_flag_rank
        for reason in triage.reasons:
            for suspect in excluded_by[reason.rule]:
                why = ExclusionReason(
                    "red_flag_rule", list(reason.findings), reason.rule, reason.level
                )
                if suspect in reasons:
                    reasons[suspect].append(why)
                    first[suspect] = min(first[suspect], rank[reason.rule])
                else:
                    reasons[suspect] = [why]
                    first[suspect] = rank[reason.rule]
        for cid, at in p.raised_at.items():
            if posteriors[cid] >= at:
                c = next(c for c in conditions if c.id == cid)
                raising = [e.finding for e in c.evidence if e.likelihood_ratio > 1.0]
                why = ExclusionReason("raised", raising)
                if cid in reasons:
                    reasons[cid].append(why)
                else:
                    reasons[cid] = [why]
                    first[cid] = RAISED
        for condition, asked, questions in self.screening:
            if asked <= answered:
                continue
            missing = [atom for q, atom in questions if q not in answered]
            why = ExclusionReason("unanswered", missing)
            if condition in reasons:
                reasons[condition].append(why)
            else:
                reasons[condition] = [why]
                first[condition] = UNANSWERED
        if not reasons:
            return []
        names, general = p.condition_names, p.general_pretest
        order = sorted(reasons, key=lambda cid: (first[cid], -posteriors[cid], cid))
        return [
            MustExclude(cid, names[cid], posteriors[cid], general[cid], reasons[cid])
            for cid in order
        ]

    # ------------------------------------------------------------ imaging

    def imaging_result(self, fired: tuple[int, ...]) -> Imaging:
        result = self.imaging.get(fired)
        if result is None:
            rules = sorted((self.p.imaging[i] for i in fired), key=lambda r: (-r.priority, r.id))
            chosen = next((r for r in rules if r.recommended), None)
            reasons = [r.reason for r in rules if r.recommended == (chosen is not None)]
            if chosen is None:
                result = Imaging(
                    recommended=False, modality="none", urgency="none", reasons=reasons
                )
            else:
                result = Imaging(
                    recommended=True,
                    modality=chosen.modality,
                    urgency=chosen.urgency,
                    reasons=reasons,
                )
            self.imaging[fired] = result
        return result

    # ------------------------------------------------------------ muscles

    def muscle_part(
        self,
        case: Case,
        present: frozenset[str],
        absent: frozenset[str],
        history: frozenset[str],
        painful: frozenset[str],
    ) -> tuple[list[MuscleResult], Combination | None, list[str]]:
        palpated = case.exam.palpation
        prior = self.p.muscle_prior_log_odds
        exp = math.exp
        results = []
        answered = present | absent
        for m, (llr, covered, drawn) in zip(self.p.muscles, self.drawing(painful), strict=True):
            evidence: list[MuscleEvidence] = [drawn] if drawn is not None else []
            if not answered.isdisjoint(m.symptom_ids):
                for sid, yes, no, log_yes, log_no in m.symptoms:
                    if sid in present:
                        llr += log_yes
                        evidence.append(yes)
                    elif sid in absent:
                        llr += log_no
                        evidence.append(no)
            if not history.isdisjoint(m.history_ids):
                for item, ev, log_lr in m.history:
                    if item in history:
                        llr += log_lr
                        evidence.append(ev)
            found = palpated.get(m.id)
            if found:
                for finding, value in sorted(found.items()):
                    yes, no, log_yes, log_no = m.palpation[finding]
                    llr += log_yes if value else log_no
                    evidence.append(yes if value else no)
            score = 1.0 / (1.0 + exp(-(prior + llr)))
            results.append(MuscleResult(m.id, m.name, round4(score), list(covered), evidence))
        results.sort(key=_score, reverse=True)  # built in id order: ties stay by id
        combination, unexplained = self.explain(results, painful)
        return results, combination, unexplained

    def drawing(
        self, painful: frozenset[str]
    ) -> tuple[tuple[float, tuple[str, ...], MuscleEvidence | None], ...]:
        """Each muscle's share of the pain drawing (log LR, regions it covers, its evidence
        item), computed once per set of painful regions and shared by the cases drawing it."""
        found = self.drawings.get(painful)
        if found is not None:
            return found
        ordered = sorted(painful)
        n_painful = len(painful)
        exp, log = math.exp, math.log
        rows: list[tuple[float, tuple[str, ...], MuscleEvidence | None]] = []
        for m in self.p.muscles:
            if not painful:
                rows.append((0.0, (), None))
                continue
            zones = m.zones
            if len(zones) == 1:
                base, delta = zones[0]
                # left to right from the base, as the readable form adds them
                llr = sum(map(delta.__getitem__, ordered), base) + 0.0
            else:
                per_tp = [sum(map(delta.__getitem__, ordered), base) for base, delta in zones]
                top = max(per_tp)
                llr = top + log(sum(exp(v - top) for v in per_tp) / len(per_tp))
            covered = tuple(sorted(painful & m.covered))
            label = f"pain drawing ({len(covered)} of {n_painful} regions in its referral pattern)"
            rows.append((llr, covered, new_muscle_evidence(label, round(exp(llr), 4), m.source)))
        if len(self.drawings) >= DRAWINGS_KEPT:
            self.drawings.clear()
        found = self.drawings[painful] = tuple(rows)
        return found

    def explain(
        self, ranked: list[MuscleResult], painful: frozenset[str]
    ) -> tuple[Combination | None, list[str]]:
        covered_by = self.covered_by
        coverable = painful & self.coverable
        unexplained = sorted(painful - coverable)
        if not ranked or not painful or coverable <= covered_by[ranked[0].id]:
            return None, unexplained
        floor = self.p.combination_floor
        candidates = [r.id for r in ranked if r.score >= floor and r.explains][:6]
        for size in range(2, len(candidates) + 1):
            for group in combinations(candidates, size):
                union = frozenset().union(*(covered_by[m] for m in group))
                if coverable <= union:
                    return Combination(list(group), sorted(coverable)), unexplained
        if len(candidates) < 2:
            return None, unexplained
        explained = sorted(painful & frozenset().union(*(covered_by[m] for m in candidates)))
        return Combination(candidates, explained), sorted(painful - set(explained))

    # ------------------------------------------------------------ next tests

    def next_tests(
        self, case: Case, current: dict[str, float], settled: dict[str, frozenset[str]]
    ) -> list[NextTest]:
        recorded = case.exam.tests
        ranked = []
        for test, rows in self.tests:  # those with an accuracy; no other can be suggested
            if test.id in recorded:
                continue
            atom = test.atom
            if len(rows) == 1:  # its gain is the one row's information (0.0 + it)
                row = rows[0]
                if settled and atom in settled.get(row[0], EMPTYSET):
                    continue
                p = current.get(row[0], 0.0)
                entry = row[7].get(p) or self.information(row, p)
                if entry[1] is not None:
                    ranked.append((entry[1], test.id, test, (entry[0], row, p)))
                continue
            gain, best = 0.0, None
            for row in rows:
                condition = row[0]
                if settled and atom in settled.get(condition, EMPTYSET):
                    continue
                p = current.get(condition, 0.0)
                mutual = (row[7].get(p) or self.information(row, p))[0]
                if mutual < 0.0:
                    continue
                gain += mutual
                if best is None or mutual > best[0]:
                    best = (mutual, row, p)
            if best is not None and gain >= 0.005:
                ranked.append((-round4(gain), test.id, test, best))
        ranked.sort(key=_first_two)
        out = []
        for minus_gain, _, test, (_, row, p) in ranked[:5]:
            whys = row[8]
            why = whys.get(p)
            if why is None:
                why = self.why(test.name, row, p)
                if len(whys) >= TABLE_KEPT:
                    whys.clear()
                whys[p] = why
            out.append(NextTest(test.id, test.name, why, -minus_gain))
        return out

    def information(self, row: tuple[Any, ...], p: float) -> tuple[float, float | None]:
        """The mutual information between a test's result and its row's condition at
        probability p (-1.0 when no result can be informative: the row is skipped), and, when
        it alone would make the test worth suggesting (0.005 bits or more), minus its rounded
        value (the ranking's key); kept in the row's table."""
        log2 = math.log2
        _, sn, sp, _, _, h_sn, h_sp, table, _ = row
        p_pos = p * sn + (1 - p) * (1 - sp)
        if not 0.0 < p_pos < 1.0:
            mutual = -1.0
        else:
            mutual = -(p_pos * log2(p_pos) + (1 - p_pos) * log2(1 - p_pos)) - (
                p * h_sn + (1 - p) * h_sp
            )
            if mutual < 0.0:
                mutual = 0.0
        if len(table) >= TABLE_KEPT:
            table.clear()
        entry = table[p] = (mutual, -round4(mutual) if mutual >= 0.005 else None)
        return entry

    def why(self, name: str, row: tuple[Any, ...], p: float) -> str:
        condition, _, _, pos, neg = row[:5]
        q = min(max(p, FLOOR), 1 - FLOOR)
        odds = q * pos
        if_pos = odds / (odds + (1 - q))
        odds = q * neg
        if_neg = odds / (odds + (1 - q))
        # f"{x:.0%}" formats x * 100 with no decimals, correctly rounded, as round() does
        return (
            f"{name}: positive makes {self.lower_names[condition]} "
            f"{PERCENT[round(if_pos * 100)]}, negative {PERCENT[round(if_neg * 100)]}"
        )


# ---------------------------------------------------------------- pure helpers


def round4(x: float) -> float:
    """`round(x, 4)`, exactly, about three times faster for the engine's probabilities.

    `round` finds the decimal with four places nearest to x (ties to even) and returns the
    double nearest to it; here, for 0 <= x < 100,000: y = x * 10,000 is within 2**-22 of the
    exact product, so away from a tie (the fraction of y not within 1e-6 of 0.5) the nearest
    integer r to y is the nearest to the exact product, and r / 10,000 (both exact) is the
    double nearest to that decimal. A near tie, zero and a negative x (the sign of a zero), and
    anything larger or not finite go to `round` itself. A property test holds the two equal.
    """
    if 0.0 < x < 100_000.0:
        y = x * 10_000.0
        r = int(y)
        f = y - r
        if not 0.499999 < f < 0.500001:
            return (r + 1 if f > 0.5 else r) / 10_000.0
    return round(x, 4)


def least(active: float | None, passive: float | None) -> float | None:
    """The smaller of the active and passive range that were measured."""
    if active is None:
        return passive
    return active if passive is None else min(active, passive)


def case_fields(case: Case) -> dict[str, Any]:
    """The case's plain fields as `Comparison` reads them ("unknown" is not given)."""
    onset, side, sex = case.onset, case.side, case.sex
    return {
        "age": case.age,
        "duration_weeks": case.duration_weeks,
        "onset": None if onset == "unknown" else onset,
        "side": None if side == "unknown" else side,
        "sex": None if sex == "unknown" else sex,
    }


def palpation_criteria(
    palpated: dict[str, dict[str, bool]], criteria: tuple[str, ...], k: int
) -> bool | None:
    if not palpated:
        return None
    result: bool | None = False
    for findings in palpated.values():
        values = [findings.get(c) for c in criteria]
        true = sum(v is True for v in values)
        if true >= k:
            return True
        if true + sum(v is None for v in values) >= k:
            result = None
    return result


def leading_condition(
    posteriors: dict[str, float],
    not_in: frozenset[str],
    minimum: float,
    below: float | None = None,
) -> bool:
    if not posteriors:
        return False
    leader = max(sorted(posteriors), key=lambda c: posteriors[c])
    p = posteriors[leader]
    return leader not in not_in and p >= minimum and (below is None or p < below)


def member(acc: list[Any], lr: float) -> None:
    """One member finding of a cluster: multiply it in, keep the strongest either way."""
    acc[0] *= lr
    acc[1] = max(acc[1], lr)
    acc[2] = min(acc[2], lr)
    acc[3] = True


def share(acc: list[Any], state: bool, share_for: float, share_against: float) -> None:
    acc[0] *= share_for if state else share_against
    acc[3] = True


def rule_range(
    recorded: str | None, state: bool | None, positive: float, negative: float
) -> tuple[bool, float, float]:
    if recorded is not None:
        lr = positive if recorded == "positive" else negative
        return True, lr, lr
    if state is None:
        return False, negative, positive
    lr = positive if state else negative
    return True, lr, lr


def strata_range(
    recorded: str | None,
    positive: float,
    negative: float,
    strata: tuple[tuple[int, int | None, float], ...],
    low: int,
    high: int,
) -> tuple[bool, float, float]:
    if recorded is not None:
        lr = positive if recorded == "positive" else negative
        return True, lr, lr
    reachable = [lr for lo, hi, lr in strata if lo <= high and (hi is None or hi >= low)]
    return len(reachable) == 1, min(reachable), max(reachable)


def cluster_item(
    k: ClusterSpec, decided: bool, low: float, high: float, acc: list[Any]
) -> EvidenceItem | None:
    product, strongest_for, strongest_against, known = acc
    if decided:
        lr = max(low, strongest_for) if low >= 1.0 else min(low, strongest_against)
    else:
        if not known:
            return None
        lr = min(max(product, min(low, strongest_against)), max(high, strongest_for))
        if low >= 1.0:  # every reachable count supports it: as when decided, no less
            lr = max(lr, low, strongest_for)
        elif high <= 1.0:  # every reachable count argues against it
            lr = min(lr, high, strongest_against)
    if lr == 1.0:
        return None
    state = "present" if decided and lr > 1.0 else ("absent" if decided else "partial")
    key = (k.atom, state, lr, k.source, k.evidence, k.note)
    item = _CLUSTER_ITEMS.get(key)
    if item is None:  # built once per cluster, state and ratio, then shared like the others
        if len(_CLUSTER_ITEMS) >= CLUSTER_ITEMS_KEPT:
            _CLUSTER_ITEMS.clear()
        item = _CLUSTER_ITEMS[key] = new_evidence(
            k.atom, state, shown_ratio(lr), k.source, k.evidence, k.note
        )
    return item


def prior_log_odds(priors: list[PriorSpec]) -> list[float]:
    """Each prior's log odds when some are anchored as shares (ADR 0001: referral population);
    `PriorSpec.log_odds` is `_log_odds(probability)`, computed once by the compiler."""
    exp = math.exp
    free = 1.0 + sum([exp(p.log_odds) for p in priors if not p.rules])
    share_sum = sum([p.probability for p in priors if p.rules])
    return [
        math.log(p.probability / (1.0 - share_sum) * free) if p.rules else p.log_odds
        for p in priors
    ]


def _log_odds(probability: float) -> float:
    p = min(max(probability, FLOOR), 1 - FLOOR)
    return math.log(p / (1 - p))


def _first_two(row: tuple[Any, ...]) -> tuple[Any, Any]:
    return row[0], row[1]


_bound = itemgetter(0)


_probability = attrgetter("probability")


def _strongest(key: tuple[int, Any]) -> tuple[float, int]:
    """The order in which a condition's key regions are tried: largest positive ratio first,
    then file order."""
    return -key[1].positive, key[0]


_score = attrgetter("score")


def _entropy(p: float) -> float:
    if p <= 0.0 or p >= 1.0:
        return 0.0
    return -(p * math.log2(p) + (1 - p) * math.log2(1 - p))
