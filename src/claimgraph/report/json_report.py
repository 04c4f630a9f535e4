"""report.json: every list sorted, every object from text with an `evidence` list."""

from __future__ import annotations

import re
from typing import Any

from ..records import to_dict
from ..store import CORPUS_RECORD_KINDS, DOCUMENT_RECORD_KINDS, Store

REPORT_SCHEMA_VERSION = 1
TOP_LEVEL_KEYS = ("documents", "entities", "figures", "times", "events", "quotes", "phrases", "claims",
                  "facts", "conflicts", "flags", "sources", "checks")


def build_report(store: Store) -> dict[str, Any]:
    report: dict[str, Any] = {"schema_version": REPORT_SCHEMA_VERSION}
    corpus = store.corpus()
    report["documents"] = [_document(row, corpus.source_groups) for row in store.document_rows()]
    report["documents"].sort(key=lambda d: (d["published"] or "", d["title"] or "", d["id"]))
    per_doc: dict[str, list[dict[str, Any]]] = {attr: [] for attr, _ in DOCUMENT_RECORD_KINDS.values()}
    for analysis in store.analyses():
        for attribute in per_doc:
            per_doc[attribute].extend(_from_text(r) for r in getattr(analysis, attribute))
    for attribute, items in per_doc.items():
        if attribute == "mentions":
            continue  # mentions are reported through their entities
        items.sort(key=_timeline_key if attribute == "events" else _position_key)
        report[attribute] = items
    for attribute, _ in CORPUS_RECORD_KINDS.values():
        report[attribute] = [_from_text(r) for r in getattr(corpus, attribute)]
    for entity in report["entities"]:
        entity["evidence"] = entity.pop("mentions")
        entity["mention_count"] = len(entity["evidence"])
    _link_entities(report)
    report["entities"].sort(key=lambda e: (-e["mention_count"], e["name"], e["id"]))
    return {key: report[key] for key in ("schema_version", *TOP_LEVEL_KEYS)}


def _link_entities(report: dict[str, Any]) -> None:
    """Name the resolved entity behind each quote's speaker and each event's actors: the entity
    with that name or alias in the same document, else the only entity anywhere with it."""
    in_document: dict[tuple[str, str], dict[str, str]] = {}
    anywhere: dict[str, list[dict[str, str]]] = {}
    for entity in report["entities"]:
        ref = {"id": entity["id"], "name": entity["name"]}
        for name in {entity["name"], *entity["aliases"]}:
            key = name.casefold()
            anywhere.setdefault(key, []).append(ref)
            for doc_id in entity["documents"]:
                in_document.setdefault((doc_id, key), ref)

    def lookup(doc_id: str, name: str | None) -> dict[str, str] | None:
        if not name:
            return None
        key = name.casefold()
        found = in_document.get((doc_id, key))
        if found is None and len(anywhere.get(key, ())) == 1:
            found = anywhere[key][0]
        return found

    for quote in report["quotes"]:
        quote["speaker_entity"] = lookup(quote["evidence"][0]["doc_id"], quote["speaker"])
    for event in report["events"]:
        doc_id = event["evidence"][0]["doc_id"]
        event["actor_entities"] = [ref for ref in (lookup(doc_id, a) for a in event["actors"]) if ref]


def _document(row: dict[str, Any], groups: dict[str, str]) -> dict[str, Any]:
    return {
        "id": row["id"], "title": row["title"], "outlet": row["outlet"], "url": row["url"],
        "published": row["published"], "path": row["path"], "n_sentences": row["n_sentences"],
        "source_group": groups.get(row["id"]),
    }


def _from_text(record: Any) -> dict[str, Any]:
    data = to_dict(record)
    if isinstance(data.get("evidence"), dict):
        data["evidence"] = [data["evidence"]]
    return data


def _position_key(item: dict[str, Any]) -> tuple:
    ev = item["evidence"][0]
    return (ev["doc_id"], ev["start"], ev["end"], item["id"])


def sortable_date(value: str | None) -> str:
    """'13C' → '1200', '1950s' → '1950', ISO values unchanged; unknown dates sort last."""
    if not value:
        return "~"
    century = re.fullmatch(r"(\d{1,2})C", value)
    if century:
        return f"{int(century.group(1)) - 1:02d}00"
    return value.rstrip("s")


def _timeline_key(item: dict[str, Any]) -> tuple:
    return (sortable_date(item.get("date")), *_position_key(item))
