"""report.html: a plain page of documents and what was found in them; every item links to its
sentence. Everything shown comes from report.json and is HTML-escaped."""

from __future__ import annotations

from html import escape
from typing import Any

STYLE = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}
.sent:target{background:#fff3b0}.meta{color:#555}.doc{margin-bottom:2rem}.sent{display:inline}
.small{font-size:.85em}
"""


def anchor(doc_id: str, sentence: int) -> str:
    return f"{doc_id}-s{sentence}"


def render_html(report: dict[str, Any], sentences: dict[str, list[str]]) -> str:
    """`sentences`: each document's sentence texts, in order (the link targets)."""
    docs = {d["id"]: d for d in report["documents"]}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>claimgraph report</title>',
        f"<style>{STYLE}</style></head><body>",
        "<h1>claimgraph report</h1>",
        f'<p class="meta">{len(report["documents"])} documents, {len(report["entities"])} entities, '
        f'{len(report["figures"])} figures, {len(report["events"])} events, {len(report["quotes"])} quotes, '
        f'{len(report["claims"])} claims, {len(report["conflicts"])} conflicts.</p>',
        _documents_table(report["documents"]),
        _entities_table(report["entities"], docs),
        _records_table("Conflicts", report["conflicts"], docs, lambda c: f'{c["kind"]}: {c["explanation"]}',
                       evidence=lambda c: [m["evidence"] for m in c["members"]]),
        _records_table("Facts", report["facts"], docs,
                       lambda f: f'[{f["status"]}, {f["independent_sources"]} independent] {f["key"]}',
                       evidence=lambda f: [m["evidence"] for m in f["members"]]),
        _records_table("Arithmetic checks", report["checks"], docs,
                       lambda c: f'{"consistent" if c["consistent"] else "INCONSISTENT"}: {c["expression"]} → {c["result"]}'),
        _records_table("Flags", report["flags"], docs, lambda f: f'{f["kind"]}: {f["reason"]}'),
        _records_table("Timeline", report["events"], docs,
                       lambda e: f'{e["date"] or "date unknown"} — {e["type"]}: {e["trigger"]} '
                                 f'({", ".join(e["actors"])})'),
        _records_table("Figures", report["figures"], docs, _figure_label),
        _records_table("Quotes", report["quotes"], docs,
                       lambda q: f'“{q["text"]}” — {_speaker_line(q)}'),
        _records_table("Claims", report["claims"], docs,
                       lambda c: f'{c["checkworthiness"]:.2f} {c["evidence"][0]["text"]}'),
        "<h2>Documents</h2>",
        *(_document_text(d, sentences.get(d["id"], [])) for d in report["documents"]),
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _figure_label(f: dict[str, Any]) -> str:
    period = f" ({f['period']})" if f.get("period") else ""
    metric = f"{f['metric']}: " if f.get("metric") else ""
    possible = " [possibility, not a measured value]" if f.get("hypothetical") else ""
    return f"{metric}{f['surface']} = {f['value']:g} {f['unit']}{period}{possible}"


def _documents_table(documents: list[dict[str, Any]]) -> str:
    rows = "".join(
        f'<tr><td><a href="#{escape(d["id"])}">{escape(d["title"] or d["path"])}</a></td>'
        f'<td>{escape(d["outlet"] or "")}</td><td>{escape(d["published"] or "")}</td>'
        f'<td>{d["n_sentences"]}</td><td class="small">{escape(d["source_group"] or "")}</td></tr>'
        for d in documents
    )
    return ("<h2>Sources</h2><table><tr><th>Title</th><th>Outlet</th><th>Published</th>"
            f"<th>Sentences</th><th>Source group</th></tr>{rows}</table>")


def _link(ev: dict[str, Any], docs: dict[str, Any]) -> str:
    doc = docs.get(ev["doc_id"], {})
    label = doc.get("outlet") or doc.get("title") or ev["doc_id"]
    return f'<a href="#{escape(anchor(ev["doc_id"], ev["sentence"]))}">{escape(label)} §{ev["sentence"]}</a>'


def _entities_table(entities: list[dict[str, Any]], docs: dict[str, Any]) -> str:
    rows = []
    for e in entities:
        links = ", ".join(_link(ev, docs) for ev in e["evidence"][:12])
        more = f" … (+{len(e['evidence']) - 12})" if len(e["evidence"]) > 12 else ""
        rows.append(
            f'<tr><td>{escape(e["name"])}</td><td>{escape(e["kind"])}</td>'
            f'<td class="small">{escape(", ".join(e["aliases"]))}</td>'
            f'<td class="small">{escape("; ".join(e["roles"]))}</td><td>{e["mention_count"]}</td>'
            f'<td class="small">{links}{more}</td></tr>'
        )
    return ("<h2>Entities</h2><table><tr><th>Name</th><th>Kind</th><th>Aliases</th><th>Roles</th>"
            f"<th>Mentions</th><th>Where</th></tr>{''.join(rows)}</table>")


def _records_table(title, items, docs, label, evidence=lambda item: item["evidence"]) -> str:
    if not items:
        return f"<h2>{escape(title)}</h2><p class='meta'>None found.</p>"
    rows = "".join(
        f'<tr><td>{escape(label(item))}</td><td class="small">'
        f'{", ".join(_link(ev, docs) for ev in evidence(item))}</td></tr>'
        for item in items
    )
    return f"<h2>{escape(title)}</h2><table>{rows}</table>"


def _document_text(doc: dict[str, Any], sentences: list[str]) -> str:
    header = (f'<div class="doc" id="{escape(doc["id"])}"><h3>{escape(doc["title"] or doc["path"])}</h3>'
              f'<p class="meta">{escape(doc["outlet"] or "unknown outlet")} · {escape(doc["published"] or "undated")}'
              f' · {escape(doc["path"])}</p>')
    body = "".join(
        f'<span class="sent" id="{escape(anchor(doc["id"], i))}">{escape(text)}</span> '
        for i, text in enumerate(sentences)
    )
    return f"{header}<p>{body}</p></div>"


def _speaker_line(quote: dict) -> str:
    """Who speaks: the name, else how the text describes an unnamed speaker ("unnamed: a senior
    European diplomat"), else unattributed."""
    if quote.get("speaker"):
        return quote["speaker"]
    if quote.get("speaker_description"):
        return f"unnamed: {quote['speaker_description']}"
    return "unattributed"
