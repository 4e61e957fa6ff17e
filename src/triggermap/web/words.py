"""The intake's questions and answers in the words the web pages use (presentation only: the
questions themselves, their ids and choices, are the intake's).

A question the table does not name is asked with its own prompt (a symptom's patient question,
a follow-up's question, an examination item), so a new question in the knowledge base shows up
without a change here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.services.intake import Answer, Question

AREA_ORDER = ("back", "buttock", "hip", "abdomen", "thigh", "knee", "leg", "foot")
AREA_NAMES = {
    "back": "Lower back",
    "buttock": "Buttock",
    "hip": "Hip and groin",
    "abdomen": "Tummy",
    "thigh": "Thigh",
    "knee": "Knee",
    "leg": "Lower leg",
    "foot": "Ankle and foot",
}
QUESTION_WORDS = {
    "pain.regions": "Where does it hurt?",
    "side": "Which side hurts?",
    "pain.intensity": "How bad is the pain usually?",
    "duration_weeks": "How long have you had this pain?",
    "onset": "How did it start?",
    "age": "Your age in years",
    "sex": "Your sex",
    "history": "Which of these apply to you?",
    "preferences.equipment": "What do you have at home?",
    "preferences.avoid": "Any treatments you would rather not have?",
}
CHECK_WORDS = {  # the same questions as rows of "check your answers"
    "pain.regions": "Where it hurts",
    "side": "Which side",
    "pain.intensity": "Usual pain",
    "duration_weeks": "How long",
    "onset": "How it started",
    "age": "Age",
    "sex": "Sex",
    "history": "What applies to you",
    "preferences.equipment": "What you have at home",
    "preferences.avoid": "Treatments to leave out",
}
CHOICE_WORDS = {  # choice values -> words, per question
    "side": {"left": "Left", "right": "Right", "bilateral": "Both sides", "unknown": "Not sure"},
    "onset": {
        "sudden": "Suddenly",
        "gradual": "Gradually, over days or weeks",
        "after_trauma": "After a fall, knock or injury",
        "unknown": "Not sure",
    },
    "sex": {"female": "Female", "male": "Male", "other": "Other", "unknown": "Prefer not to say"},
}
CAUSE_WORDS = {  # what in a person's records set their triage (person.triage causes)
    "flags": "A warning sign in the diary that no assessment has checked since",
    "records": "From the records as they stand: earlier findings and the recent diary",
    "saved": "From the latest saved assessment",
}
ESCALATION_WORDS = {
    "run_triage": "Answer the warning-sign questions again now",
    "see_clinician": "See a clinician",
}
RECORD_WORDS = {  # what a person's records hold, one and many
    "assessments": ("saved result", "saved results"),
    "care_plans": ("care plan", "care plans"),
    "diary_entries": ("diary entry", "diary entries"),
    "peg_scores": ("PEG score", "PEG scores"),
    "sessions": ("exercise session", "exercise sessions"),
}
ANSWER_WORDS = {
    "yes": "Yes",
    "no": "No",
    "not_sure": "Not sure",
    "positive": "Positive",
    "negative": "Negative",
}


def short_name(label: str) -> str:
    """'Mid-buttock (sciatic notch area)' -> 'Mid-buttock'."""
    return label.split(" (", 1)[0]


def question_words(question: Question) -> str:
    return QUESTION_WORDS.get(question.id, question.prompt)


def check_words(question: Question) -> str:
    return CHECK_WORDS.get(question.id, question.prompt)


def choices_of(question: Question) -> list[tuple[str, str]]:
    """(value, words) of each choice, as radios and checkboxes show them."""
    words = CHOICE_WORDS.get(question.id, {})
    return [
        (c.value, words.get(c.value) or ANSWER_WORDS.get(c.value) or _capital(c.label))
        for c in question.choices
    ]


def options_of(kb: KnowledgeBase, question: Question) -> list[tuple[str, str, str]]:
    """(value, words, hint) of each choice, as checkboxes show them; the history's items with
    their plain words as the hint."""
    hints = {h.id: h.plain or "" for h in kb.history.values()} if question.id == "history" else {}
    return [(value, label, hints.get(value, "")) for value, label in choices_of(question)]


def answer_words(question: Question, answer: Answer, empty: str = "Not answered") -> str:
    """An answer as "check your answers" shows it."""
    if answer is None or answer == ():
        return empty
    if question.kind == "weeks":
        return f"{answer:g} weeks" if isinstance(answer, float | int) else str(answer)
    if question.kind == "number":
        return f"{answer} out of 10" if question.id == "pain.intensity" else str(answer)
    labels = dict(choices_of(question))
    if isinstance(answer, tuple):
        return ", ".join(short_name(labels.get(a, a)) for a in answer)
    return labels.get(str(answer), str(answer))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
