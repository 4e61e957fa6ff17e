"""A case as a QuestionnaireResponse to the intake Questionnaire, and back.

`build_response` writes what the case knows and nothing else: an unknown answer is left out,
never written as "no". `case_from_response` reads a response (ours or another system's) into a
`Case` through `parse_case`; every error is one line naming the item's linkId and the value.
The examination and the case's `id` travel outside the intake: the id as the response's
identifier, the examination not at all (the intake is what a person reports).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from triggermap.errors import InputError, show_text, show_value
from triggermap.fhir.questionnaire import (
    INTAKE_URL,
    NO,
    UNSURE,
    YES,
    build_questionnaire,
    intake_canonical,
)
from triggermap.fhir.terminology import CASE_ID
from triggermap.reasoning.case import parse_case

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.case import Case

WHERE = "QuestionnaireResponse"
STATE_ANSWERS = {"symptoms": YES, "absent": NO, "unsure": UNSURE}
ANSWER_STATES = {(c["system"], c["code"]): state for state, c in STATE_ANSWERS.items()}
VALUE_KEYS = {
    "integer": "valueInteger",
    "decimal": "valueDecimal",
    "string": "valueString",
    "choice": "valueCoding",
}


def build_response(
    case: Case, kb: KnowledgeBase, *, response_id: str, subject: dict[str, Any], authored: str
) -> dict[str, Any]:
    answers = _case_answers(case)
    groups = []
    for group in build_questionnaire(kb)["item"]:
        items = [
            _answered(q, answers[q["linkId"]]) for q in group["item"] if q["linkId"] in answers
        ]
        if items:
            groups.append({"linkId": group["linkId"], "text": group["text"], "item": items})
    response: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": response_id,
        "questionnaire": intake_canonical(kb),
        "status": "completed",
        "subject": subject,
        "authored": authored,
    }
    if case.id:
        response["identifier"] = {"system": CASE_ID, "value": case.id}
    if groups:
        response["item"] = groups
    return response


def _answered(question: dict[str, Any], values: list[Any]) -> dict[str, Any]:
    key = VALUE_KEYS[question["type"]]
    return {
        "linkId": question["linkId"],
        "text": question["text"],
        "answer": [{key: _option(question, v) if key == "valueCoding" else v} for v in values],
    }


def _option(question: dict[str, Any], value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    options = [o["valueCoding"] for o in question["answerOption"]]
    return next(c for c in options if c["code"] == value)


def _case_answers(case: Case) -> dict[str, list[Any]]:
    answers: dict[str, list[Any]] = {}
    for state, answer in STATE_ANSWERS.items():
        for symptom in getattr(case, state):
            answers[f"symptom.{symptom}"] = [answer]
    scalars: dict[str, list[Any]] = {
        "pain.regions": list(case.pain.regions),
        "pain.intensity": [case.pain.intensity],
        "side": [case.side],
        "age": [case.age],
        "sex": [case.sex],
        "duration_weeks": [case.duration_weeks],
        "onset": [case.onset],
        "history": list(case.history),
        "preferences.equipment": list(case.preferences.equipment),
        "preferences.avoid": list(case.preferences.avoid),
    }
    answers.update({k: v for k, v in scalars.items() if v and v != [None]})
    return answers


# ---------------------------------------------------------------- reading


def case_from_response(response: Any, kb: KnowledgeBase) -> Case:
    """The case a QuestionnaireResponse to the intake holds (InputError, one line, if not)."""
    return parse_case(case_data_from_response(response, kb), kb, where=f"{WHERE} ")


def case_data_from_response(response: Any, kb: KnowledgeBase) -> dict[str, Any]:
    """The case a QuestionnaireResponse holds, as case JSON not yet parsed: for a reader that
    completes it (from the Patient, a pain rating) and then parses it once. The response's own
    shape (items, answers, offered codes) is checked here; the values by `parse_case`."""
    _check_header(response)
    questions = intake_questions(kb)
    data: dict[str, Any] = {
        "pain": {},
        "preferences": {},
        "symptoms": [],
        "absent": [],
        "unsure": [],
    }
    seen: set[str] = set()
    for link_id, answers in _answers(response.get("item"), "item"):
        question = questions.get(link_id)
        if question is None:
            raise InputError(f"{WHERE} item {show_value(link_id)}: not a question of the intake")
        if link_id in seen:
            raise InputError(f"{WHERE} item {show_text(link_id)}: answered twice")
        seen.add(link_id)
        _fill(data, question, [_value(question, a) for a in answers])
    identifier = response.get("identifier")
    if isinstance(identifier, dict) and identifier.get("system") == CASE_ID:
        data["id"] = identifier.get("value")
    return {k: v for k, v in data.items() if v not in ({}, [])}


_QUESTIONS: dict[str, dict[str, dict[str, Any]]] = {}


def intake_questions(kb: KnowledgeBase) -> dict[str, dict[str, Any]]:
    """The intake's questions by linkId, built once per knowledge version."""
    questions = _QUESTIONS.get(kb.version)
    if questions is None:
        items = build_questionnaire(kb)["item"]
        questions = {q["linkId"]: q for group in items for q in group["item"]}
        _QUESTIONS[kb.version] = questions
    return questions


def _check_header(response: Any) -> None:
    if not isinstance(response, dict) or response.get("resourceType") != WHERE:
        raise InputError(f"{WHERE}: expected a {WHERE} resource, got {show_value(response)}")
    url = response.get("questionnaire")
    if not isinstance(url, str) or url.split("|", 1)[0] != INTAKE_URL:
        raise InputError(f"{WHERE}.questionnaire: {show_value(url)} is not {INTAKE_URL}")
    if response.get("status") == "entered-in-error":
        raise InputError(f"{WHERE}.status: 'entered-in-error' responses are not read")


def _answers(items: Any, path: str) -> Iterator[tuple[str, list[Any]]]:
    """(linkId, answers) of every answered item, at any depth."""
    if items is None:
        return
    if not isinstance(items, list):
        raise InputError(f"{WHERE}.{path}: expected a list, got {show_value(items)}")
    for index, item in enumerate(items):  # the path is spelt out only for an error
        if not isinstance(item, dict) or not isinstance(item.get("linkId"), str):
            raise InputError(f"{WHERE}.{path}[{index}]: expected an item with a linkId")
        if "item" in item:
            yield from _answers(item["item"], f"{path}[{index}].item")
        answers = item.get("answer")
        if answers is not None:
            if not isinstance(answers, list) or not all(isinstance(a, dict) for a in answers):
                raise InputError(f"{WHERE}.{path}[{index}].answer: expected a list of answers")
            yield item["linkId"], answers


def _value(question: dict[str, Any], answer: dict[str, Any]) -> Any:
    key = VALUE_KEYS[question["type"]]
    value = answer.get(key)
    link_id = question["linkId"]
    if value is None:
        raise InputError(f"{WHERE} item {show_text(link_id)}: expected an answer with {key}")
    if key != "valueCoding":
        return value
    if not isinstance(value, dict):
        raise InputError(
            f"{WHERE} item {show_text(link_id)}: {key} {show_value(value)} is not a Coding"
        )
    pair = (value.get("system"), value.get("code"))
    if not (isinstance(pair[0], str) and isinstance(pair[1], str)) or pair not in _offered(
        question
    ):
        raise InputError(
            f"{WHERE} item {show_text(link_id)}: {show_value(value.get('code'))} of system "
            f"{show_value(value.get('system'))} is not an answer it offers"
        )
    return pair


# By id() of the question, kept with it (so the id is never another's while cached).
_OFFERED: dict[int, tuple[dict[str, Any], frozenset[tuple[str, str]]]] = {}


def _offered(question: dict[str, Any]) -> frozenset[tuple[str, str]]:
    """The (system, code) answers a coded question offers, worked out once per question (a
    CDS Hooks call reads a whole intake: it was a set built per answer)."""
    cached = _OFFERED.get(id(question))
    if cached is not None and cached[0] is question:
        return cached[1]
    offered = frozenset(
        (o["valueCoding"]["system"], o["valueCoding"]["code"]) for o in question["answerOption"]
    )
    _OFFERED[id(question)] = (question, offered)
    return offered


def _fill(data: dict[str, Any], question: dict[str, Any], values: list[Any]) -> None:
    link_id = question["linkId"]
    if not question.get("repeats") and len(values) != 1:
        raise InputError(
            f"{WHERE} item {show_text(link_id)}: expected one answer, got {len(values)}"
        )
    if link_id.startswith("symptom."):
        data[ANSWER_STATES[values[0]]].append(link_id.removeprefix("symptom."))
        return
    plain = [v[1] if isinstance(v, tuple) else v for v in values]
    head, _, tail = link_id.partition(".")
    if tail:
        data[head][tail] = plain if question.get("repeats") else plain[0]
    else:
        data[head] = plain if question.get("repeats") else plain[0]
