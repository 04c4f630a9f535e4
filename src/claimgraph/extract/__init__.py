"""Extract stage: one parsed document → typed records, each with provenance.

A pure function of the document: no database, no other documents. That is what lets the
per-document stages (nlp + extract) run in-process, in a process pool or on a cluster unchanged.
The extractors run in dependency order: later ones may use the records of earlier ones.
"""

from __future__ import annotations

from ..nlp import ParsedDocument
from ..records import DocumentAnalysis
from .claims import extract_claims
from .events import extract_events
from .figures import extract_figures
from .mentions import extract_mentions
from .quotes import extract_quotes
from .times import extract_times


def extract_document(parsed: ParsedDocument) -> DocumentAnalysis:
    mentions = extract_mentions(parsed)
    times = extract_times(parsed)
    figures = extract_figures(parsed, mentions, times)
    quotes, phrases = extract_quotes(parsed, mentions)
    events = extract_events(parsed, mentions, times)
    claims = extract_claims(parsed, mentions, times, figures, quotes)
    return DocumentAnalysis(
        document=parsed.document,
        sentences=parsed.sentences,
        mentions=sorted(mentions, key=_position),
        times=sorted(times, key=_position),
        figures=sorted(figures, key=_position),
        events=sorted(events, key=_position),
        quotes=sorted(quotes, key=_position),
        phrases=sorted(phrases, key=_position),
        claims=sorted(claims, key=_position),
    )


def _position(record) -> tuple[int, int, str]:
    return (record.evidence.start, record.evidence.end, record.id)
