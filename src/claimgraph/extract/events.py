"""Dated events typed by the event ontology (docs/event-ontology.md)."""

from __future__ import annotations

from ..nlp import ParsedDocument
from ..records import Event, Mention, TimeExpression


def extract_events(parsed: ParsedDocument, mentions: list[Mention], times: list[TimeExpression]) -> list[Event]:
    return []
