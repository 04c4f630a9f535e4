"""Check a gold file against its corpus before scoring anything with it.

A gold record is matched by file + the span of its `text`, so a text that is not in the document
body (a typo, straight quotes where the article has curly ones, a sentence from the front matter)
silently becomes a miss in every score. This reads the corpus with the ingest stage only (no NLP,
no extraction: an annotator can run it without seeing what the tool finds) and lists every
record whose text is not in its file's body or whose field values are not those of
docs/gold-format.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..extract.figures import CURRENCY_CODES, DIMENSION_CODES
from ..ingest import Skipped, discover, read_file
from ..records import EVENT_TYPES
from .gold import UNIT_ALIASES

# the units docs/gold-format.md lists, and every other unit code the figures stage can give
UNITS = frozenset({"USD", "EUR", "CNY", "RUB", "GBP", "JPY", "percent", "percentage_point", "barrel",
                   "barrel_per_day", "mile", "km", "m", "mm", "nm", "troops", "people", "count", "times",
                   "m3"}) | set(UNIT_ALIASES) | CURRENCY_CODES | DIMENSION_CODES
QUALIFIERS = frozenset({None, "about", "over", "under", "nearly", "at_least", "up_to"})
ENTITY_KINDS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT"})
PRECISIONS = frozenset({"day", "month", "year", "decade", "century", "unknown"})
CONFLICT_KINDS = frozenset({"numeric", "date", "polarity", "attribution"})
CHECK_KINDS = frozenset({"growth", "sum", "date_offset", "conversion"})
FACT_STATUSES = frozenset({"corroborated", "single_source", "contested", "conflicting"})
_DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?|\d{3}0s|\d{1,2}C"
PERIOD = re.compile(rf"(?:{_DATE})(?:/(?:{_DATE}))?")
# record lists whose items point at a span of one file
SPAN_RECORDS = ("figures", "dates", "events", "quotes", "phrases", "claims", "vague_attributions")
# record lists whose items group spans of several files under `members`
MEMBER_RECORDS = ("facts", "conflicts", "traps", "checks")


@dataclass(frozen=True, order=True)
class Problem:
    where: str  # "figures[3]", "documents[0]"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def validate_corpus(folder: Path, gold_path: Path | None = None) -> list[Problem]:
    gold_path = gold_path or folder / "gold.json"
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [Problem(str(gold_path), f"cannot read gold: {exc}")]
    if not isinstance(gold, dict):
        return [Problem(str(gold_path), "gold must be a JSON object")]
    bodies, problems = _bodies(folder, skip=gold_path.name)
    problems += list(_check(gold, bodies))
    return sorted(problems)


def _bodies(folder: Path, skip: str) -> tuple[dict[str, str], list[Problem]]:
    """The body text of each file, keyed by file name (the way gold names files)."""
    paths, skipped = discover([folder])
    bodies: dict[str, str] = {}
    problems = [Problem(Path(s.path).name, f"not readable: {s.reason}") for s in skipped]
    for path in paths:
        if path.name == skip:
            continue
        for item in read_file(path):
            if isinstance(item, Skipped):
                problems.append(Problem(path.name, f"not readable: {item.reason}"))
            else:
                bodies[path.name] = bodies.get(path.name, "") + item.text
    return bodies, problems


def _check(gold: dict[str, Any], bodies: dict[str, str]) -> Iterator[Problem]:
    for i, doc in enumerate(gold.get("documents", [])):
        if doc.get("file") not in bodies:
            yield Problem(f"documents[{i}]", f"no readable file {doc.get('file')!r} in the corpus")
        if doc.get("published") and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(doc["published"])):
            yield Problem(f"documents[{i}]", f"published {doc['published']!r} is not YYYY-MM-DD")
    for kind in SPAN_RECORDS:
        for i, record in enumerate(gold.get(kind, [])):
            where = f"{kind}[{i}]"
            yield from _span(where, record, bodies)
            yield from _fields(kind, where, record)
    for kind in MEMBER_RECORDS:
        for i, record in enumerate(gold.get(kind, [])):
            for j, member in enumerate(record.get("members", [])):
                yield from _span(f"{kind}[{i}].members[{j}]", member, bodies)
            yield from _fields(kind, f"{kind}[{i}]", record)
    for i, entity in enumerate(gold.get("entities", [])):
        if entity.get("kind") not in ENTITY_KINDS:
            yield Problem(f"entities[{i}]", f"kind {entity.get('kind')!r} is not one of {sorted(ENTITY_KINDS)}")
        for file in entity.get("files", []):
            if file not in bodies:
                yield Problem(f"entities[{i}]", f"file {file!r} is not in the corpus")
    for i, group in enumerate(gold.get("source_groups", [])):
        for file in group:
            if file not in bodies:
                yield Problem(f"source_groups[{i}]", f"file {file!r} is not in the corpus")


def _span(where: str, record: dict[str, Any], bodies: dict[str, str]) -> Iterator[Problem]:
    file, text = record.get("file"), record.get("text")
    if file not in bodies:
        yield Problem(where, f"file {file!r} is not in the corpus")
    elif not isinstance(text, str) or not text:
        yield Problem(where, "no text")
    elif text not in bodies[file]:
        yield Problem(where, f"text {_short(text)!r} is not in the body of {file}{_hint(text, bodies[file])}")


def _hint(text: str, body: str) -> str:
    """Why a text is not found, when the reason is a common one."""
    fold = str.maketrans("‘’“”–—", "''\"\"--")
    if text.translate(fold) in body.translate(fold):
        return " (quote marks or dashes differ)"
    if " ".join(text.split()) in " ".join(body.split()):
        return " (white space differs)"
    return ""


def _fields(kind: str, where: str, record: dict[str, Any]) -> Iterator[Problem]:
    def bad(field: str, allowed) -> Problem:
        return Problem(where, f"{field} {record.get(field)!r} is not one of {sorted(map(str, allowed))}")

    if kind == "figures":
        if not isinstance(record.get("value"), (int, float)) or isinstance(record.get("value"), bool):
            yield Problem(where, f"value {record.get('value')!r} is not a number")
        if record.get("unit") not in UNITS:
            yield bad("unit", UNITS)
        if record.get("qualifier") not in QUALIFIERS:
            yield bad("qualifier", QUALIFIERS - {None})
        yield from _date_field(where, record, "period")
    elif kind == "dates":
        yield from _date_field(where, record, "value")
        if record.get("precision") not in PRECISIONS:
            yield bad("precision", PRECISIONS)
    elif kind == "events":
        if record.get("type") not in EVENT_TYPES:
            yield bad("type", EVENT_TYPES)
        yield from _date_field(where, record, "date")
    elif kind == "quotes":
        if not record.get("speaker"):
            yield Problem(where, "no speaker")
    elif kind == "claims":
        if record.get("polarity") not in ("positive", "negative"):
            yield bad("polarity", ("positive", "negative"))
        for flag in ("hedged", "checkworthy"):
            if not isinstance(record.get(flag), bool):
                yield Problem(where, f"{flag} {record.get(flag)!r} is not true or false")
    elif kind in ("conflicts", "traps") and record.get("kind") not in CONFLICT_KINDS:
        yield bad("kind", CONFLICT_KINDS)
    elif kind == "checks" and record.get("kind") not in CHECK_KINDS:
        yield bad("kind", CHECK_KINDS)
    elif kind == "facts" and record.get("status") not in FACT_STATUSES:
        yield bad("status", FACT_STATUSES)


def _date_field(where: str, record: dict[str, Any], field: str) -> Iterator[Problem]:
    value = record.get(field)
    if value is not None and not (isinstance(value, str) and PERIOD.fullmatch(value)):
        yield Problem(where, f"{field} {value!r} is not an ISO prefix (2023, 2022-09, 2022-02-04, "
                             "1950s, 13C) or a range start/end")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
