"""The records' forms (a person, a diary entry, a PEG score, a session): posted fields in, the
keywords of a use case out.

Only the form's shape is checked here (known fields, one value where one is expected, a
checkbox that is on or off); every value is checked by the use case itself, with the messages
the CLI prints (`pain: 11 is not in 0..10`), and nothing is written when one is wrong. A field a
form does not have is refused, naming it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from triggermap.errors import InputError, NoDatabaseYetError, show_text
from triggermap.web.routes.forms_in import only_known

if TYPE_CHECKING:
    from triggermap.person.records import Person
    from triggermap.services.application import Application

T = TypeVar("T")
PERSON_FIELDS = frozenset({"label", "birth-year", "sex"})
DIARY_FIELDS = frozenset({"date", "pain", "regions", "symptoms", "note", "self_care"})
PEG_FIELDS = frozenset({"date", "pain", "enjoyment", "activity"})
SESSION_FIELDS = frozenset(
    {"person", "started_at", "items_done", "pain_after", "note", "case", "form_id"}
)
ERASE_FIELDS = frozenset({"confirm"})
REPEATED = frozenset({"regions", "symptoms", "items_done"})


def people_or_none(app: Application) -> list[Person]:
    """Everyone recorded; nobody yet when no database has been made (nothing recorded)."""
    from triggermap.services.people import list_people

    try:
        return list_people(app)
    except NoDatabaseYetError:
        return []


@dataclass(frozen=True)
class FormValues:
    """A posted form's values by field, as typed (to show the form again after an error)."""

    values: Mapping[str, list[str]]

    def one(self, name: str) -> str:
        got = self.values.get(name, [])
        return got[0] if got else ""

    def many(self, name: str) -> list[str]:
        return list(self.values.get(name, []))

    def optional(self, name: str) -> str | None:
        """The text of a field, or None when it is left empty (the use case's default)."""
        text = self.one(name).strip()
        return text or None

    def switch(self, name: str) -> bool:
        """A checkbox: on ("yes") or off (not posted)."""
        value = self.one(name)
        if value not in ("", "yes"):
            raise InputError(f"{name}: {show_text(value)} is not yes (a checkbox is on or off)")
        return value == "yes"


def read_form(items: list[tuple[str, str]], known: frozenset[str]) -> FormValues:
    """The values of a form with these fields: one value each, except the repeated ones."""
    values = only_known(items, known)
    for name, got in values.items():
        if name not in REPEATED and len(got) > 1:
            raise InputError(f"{name}: given {len(got)} times (expected one value)")
    return FormValues(values)


def person_keywords(form: FormValues) -> dict[str, Any]:
    return {
        "label": form.one("label"),
        "birth_year": form.optional("birth-year"),
        "sex": form.optional("sex"),
    }


def diary_keywords(form: FormValues) -> dict[str, Any]:
    return {
        "pain": form.one("pain"),
        "regions": form.many("regions"),
        "symptoms": form.many("symptoms"),
        "note": form.optional("note"),
        "day": form.optional("date"),
        "self_care": form.switch("self_care"),
    }


def peg_keywords(form: FormValues) -> dict[str, Any]:
    return {
        "pain": form.one("pain"),
        "enjoyment": form.one("enjoyment"),
        "activity": form.one("activity"),
        "day": form.optional("date"),
    }


def unset_ratings(form: FormValues, names: tuple[str, ...]) -> dict[str, str]:
    """{field: the line} for each 0-10 rating left unset: a rating is given deliberately (an
    untouched slider posts nothing), never a default saved silently."""
    return {
        name: f"{name}: not set yet: move the slider to your number, from 0 to 10"
        for name in names
        if not form.one(name).strip()
    }


def field_of(message: str, fields: frozenset[str]) -> str:
    """The form field a one-line error names (`regions[1]: ...` -> `regions`), or "form"."""
    head = message.split(":", 1)[0].split("[", 1)[0].split(".", 1)[-1].strip()
    return head if head in fields else "form"


def checked(work: Callable[[], T], fields: frozenset[str]) -> tuple[T | None, dict[str, str]]:
    """Run a use case; (its result, {}) or (None, {field: the one-line error}) when the input
    was refused (nothing is written then)."""
    try:
        return work(), {}
    except InputError as exc:
        return None, {field_of(str(exc), fields): str(exc)}
