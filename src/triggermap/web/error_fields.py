"""Which field a one-line error names, and the rest of the line, read by structure.

Every error in triggermap is one line `FIELD: what is wrong` (`errors.show_field` writes the
field, quoted when it is not a plain name; a path may follow it: `regions[1]`, `pain.intensity`).
A form knows the field it put an error under, so the page shows the field's own label (the
question as the person saw it) followed by the rest of the line, with the value kept:

    symptom:numbness_tingling: answer yes, no or not sure
    ->  Numbness or tingling in your leg or foot?: answer yes, no or not sure

A number out of range or not a number is said in plain words (`plain_rest`), the same for
every numeric field of every form, the value as typed kept:

    pain: 11 is not in 0..10
    ->  How bad is the pain today? Answer with a whole number from 0 to 10; you entered 11
    pain.intensity: '11' is not a whole number from 0 to 10
    ->  Pain now must be a whole number from 0 to 10; you entered 11

The error page (a use case's line, no form) maps the field path the same way: `FIELD_WORDS`
names the web's words for the fields the use cases name as the command line says them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from triggermap.errors import show_field

# the command line's own advice, by the field it names -> what to do on the web instead
ADVICE = {
    "--input": "check the pain (/intake) and save the results to their records first",
}
# a command the command line suggests -> the web page that does the same
COMMANDS = re.compile(r"\((?:see|try) `?triggermap (person list|kb list ([a-z-]+))`?\)")
PATH_TAIL = re.compile(r"((?:\[\d+\]|\.[A-Za-z0-9_-]+)*): ")
# the field as a use case names it for the command line -> as the web names it
FIELD_WORDS = {"--input": "results", "ID": "id"}
# a number the use cases refuse, in their words (`input_checks`, `services.intake`, the case
# parser) -> what it must be, and the value as typed
_VALUE = r"(?P<value>'(?:[^'\\]|\\.)*'|-?[\d.]+)"
PLAIN_NUMBERS = (
    (re.compile(rf"{_VALUE} is not in (?P<low>-?\d+)\.\.(?P<high>-?\d+)"), "a whole number"),
    (
        re.compile(rf"{_VALUE} is not in (?P<low>-?\d+)\.\.(?P<high>-?\d+) degrees"),
        "a whole number of degrees",
    ),
    (
        re.compile(rf"{_VALUE} is not a whole number from (?P<low>-?\d+) to (?P<high>-?\d+)"),
        "a whole number",
    ),
    (re.compile(rf"{_VALUE} is not a whole number"), "a whole number"),
    (re.compile(rf"{_VALUE} is too large"), "a smaller whole number"),
    (re.compile(rf"{_VALUE} is not a time (?P<range>from .+)"), "a time"),
)
MUST = "must be "


def split_line(line: str, field: str) -> tuple[str, str] | None:
    """(the path as the line gives it, the rest) when `line` names `field` (itself, or a path
    under it); None when it names something else."""
    for head in dict.fromkeys((show_field(field), field)):
        if line.startswith(head):
            tail = PATH_TAIL.match(line, len(head))
            if tail is not None:
                return line[: tail.end(1)], line[tail.end() :]
    return None


def error_rest(line: str, field: str) -> str:
    """The line without the field it names (shown beside the field, or after its label), a
    number said in plain words (`plain_rest`)."""
    found = split_line(line, field)
    return line if found is None else plain_rest(found[1])


def plain_rest(rest: str) -> str:
    """A refused number in plain words: what it must be, then the value as typed
    (`11 is not in 0..10` -> `must be a whole number from 0 to 10; you entered 11`); any other
    rest as it is."""
    for pattern, what in PLAIN_NUMBERS:
        found = pattern.fullmatch(rest)
        if found is None:
            continue
        parts = found.groupdict()
        if parts.get("range"):
            what = f"{what} {parts['range']}"
        elif parts.get("low") is not None:
            what = f"{what} from {parts['low']} to {parts['high']}"
        return f"{MUST}{what}; you entered {_as_typed(parts['value'])}"
    return rest


def _as_typed(value: str) -> str:
    """A value as the line shows it, without the quotes around plain text."""
    inner = value[1:-1]
    plain = value.startswith("'") and "\\" not in inner and inner.strip() == inner and inner
    return inner if plain else value


def field_path(line: str) -> tuple[str, str] | None:
    """(the first field path, the rest) of a line `FIELD: rest`; None without one."""
    head = re.match(r"('[^']*'|[^\s:'][^\s:]*(?::[^\s:]+)?)(?=: )", line)
    if head is None:
        return None
    return head.group(1), line[head.end() + 2 :]


def web_field_line(line: str, *, form_case: bool) -> str:
    """A use case's line with the field named as the web names it (`--input` -> `results`,
    `ID` -> `id`, and a case posted in a form's `case` field named `case`, not `input`)."""
    found = field_path(line)
    if found is None:
        return line
    path, rest = found
    if path in ADVICE and "; " in rest:  # the command line's advice: the web's instead
        rest = f"{rest.rsplit('; ', 1)[0]}; {ADVICE[path]}"
    rest = COMMANDS.sub(_web_page, rest)
    words = dict(FIELD_WORDS, input="case") if form_case else FIELD_WORDS
    return f"{words.get(path, path)}: {rest}"


def _web_page(command: re.Match[str]) -> str:
    kind = command.group(2)
    return f"(see /kb/{kind})" if kind else "(see Your records: /people)"


@dataclass(frozen=True)
class Together:
    """Errors shown as one line of a form's summary: the same thing wrong with many fields
    (every unanswered warning-sign question), linked to the first of them."""

    fields: frozenset[str]
    first: str
    heading: str  # 'Answer every warning-sign question (19 left)'
    rest: str  # 'yes, no or not sure'


@dataclass(frozen=True)
class SummaryLine:
    """One line of a form's error summary: a link to `field`, its label, then the rest."""

    field: str
    label: str
    joiner: str  # ': ', or ' ' after a label that is a question ('...leg? Answer yes, ...')
    rest: str
    count: int = 1  # how many fields the line stands for


def summary_lines(
    errors: Mapping[str, str], labels: Mapping[str, str], together: Together | None = None
) -> list[SummaryLine]:
    """The summary's lines in the form's order: each field's label and the rest of its line;
    the fields `together` stands for as one line where the first of them was."""
    lines: list[SummaryLine] = []
    for name, message in errors.items():
        if together is not None and name in together.fields:
            if name == together.first:
                count = len(together.fields)
                lines.append(SummaryLine(name, together.heading, ": ", together.rest, count))
            continue
        lines.append(joined(name, labels.get(name) or name, error_rest(message, name)))
    return lines


def joined(name: str, label: str, rest: str) -> SummaryLine:
    """A label and the rest of its line: `label: rest`, or after a question `label? Rest`
    (never '...leg?: answer'); what a number must be as a sentence (`Pain now must be a whole
    number from 0 to 10; you entered 11`, after a question `...today? Answer with a whole
    number ...`)."""
    if rest.startswith(MUST):
        if label.endswith("?"):
            return SummaryLine(name, label, " ", f"Answer with {rest.removeprefix(MUST)}")
        if "," in label:  # 'Active hip flexion, in degrees': a sentence would misread it
            return SummaryLine(name, label.rstrip(":"), ": ", rest)
        return SummaryLine(name, label.rstrip(":"), " ", rest)
    if label.endswith("?") and rest:
        return SummaryLine(name, label, " ", rest[0].upper() + rest[1:])
    return SummaryLine(name, label, ": ", rest)
