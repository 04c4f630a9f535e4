"""The whole pipeline, top to bottom:

    ingest → nlp → extract        per document, a pure map (`analyse_documents`)
           → store                one transaction per document
    resolve → align → assess      over the stored corpus (`analyse_corpus`)
           → store                one transaction
    report                        from the database alone (`write_reports`)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .align import align_facts
from .assess import assess_corpus
from .extract import extract_document
from .ingest import DEFAULT_MAX_BYTES, MetadataManifest, Skipped, discover, read_file
from .nlp import load_pipeline, parse_many
from .records import CorpusAnalysis, Document, DocumentAnalysis
from .report import write_reports
from .resolve import resolve_entities
from .store import Store

# Bump when extraction changes, so stored documents are re-analysed on the next run.
PIPELINE_VERSION = f"{__version__}+extract.75"
BATCH_SIZE = 32


@dataclass
class RunSummary:
    files: int = 0
    documents_new: int = 0
    documents_unchanged: int = 0
    duplicates: int = 0
    skipped: list[Skipped] = field(default_factory=list)


Progress = Callable[[str, int, int | None], None]  # (stage, advance, total)


def _no_progress(_stage: str, _advance: int, _total: int | None) -> None:
    pass


def analyse_documents(documents: Iterable[Document], batch_size: int = BATCH_SIZE) -> Iterator[DocumentAnalysis | Skipped]:
    """The per-document stages (nlp + extract): a pure map, in input order."""
    nlp = load_pipeline()
    for parsed in parse_many(documents, nlp, batch_size=batch_size):
        try:
            yield extract_document(parsed)
        except Exception as exc:  # an extractor bug must not end the run or lose other documents
            yield Skipped(parsed.document.path, f"extraction failed: {type(exc).__name__}: {exc}")


def ingest_paths(paths: Iterable[str | Path], store: Store, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 on_skip: Callable[[Skipped], None] = lambda s: None,
                 progress: Progress = _no_progress, metadata: MetadataManifest | None = None) -> RunSummary:
    """Read, analyse and store every new document under `paths` (and any stored one whose
    metadata changed: relative dates resolve against the publication date)."""
    files, skipped = discover(paths)
    summary = RunSummary(files=len(files))
    for skip in skipped:
        _record_skip(summary, skip, on_skip)
    progress("documents", 0, len(files))
    pending: list[Document] = []
    seen: set[str] = set()
    for file in files:
        for item in read_file(file, max_bytes=max_bytes):
            if isinstance(item, Skipped):
                _record_skip(summary, item, on_skip)
                continue
            if metadata is not None:
                item = metadata.apply(item)
            if item.id in seen:
                summary.duplicates += 1
            else:
                seen.add(item.id)
                stored = store.stored_document(item.id)
                if stored and stored.pipeline_version == PIPELINE_VERSION and \
                        stored.metadata() == (item.title, item.outlet, item.url, item.published):
                    summary.documents_unchanged += 1
                else:
                    pending.append(item)
        progress("documents", 1, None)
        if len(pending) >= BATCH_SIZE:
            _analyse_and_store(pending, store, summary, on_skip)
            pending = []
    _analyse_and_store(pending, store, summary, on_skip)
    return summary


def _analyse_and_store(documents: list[Document], store: Store, summary: RunSummary,
                       on_skip: Callable[[Skipped], None]) -> None:
    for result in analyse_documents(documents):
        if isinstance(result, Skipped):
            _record_skip(summary, result, on_skip)
        else:
            store.save_document(result, PIPELINE_VERSION)
            summary.documents_new += 1


def _record_skip(summary: RunSummary, skip: Skipped, on_skip: Callable[[Skipped], None]) -> None:
    summary.skipped.append(skip)
    on_skip(skip)


def analyse_corpus(store: Store) -> CorpusAnalysis:
    """The corpus-level stages over everything stored; results replace the previous ones."""
    analyses = list(store.analyses())
    resolution = resolve_entities(analyses)
    facts = align_facts(analyses, resolution)
    corpus = assess_corpus(analyses, resolution, facts)
    store.replace_corpus(corpus)
    return corpus


def run(paths: Iterable[str | Path], db: str | Path, out: str | Path, *,
        max_bytes: int = DEFAULT_MAX_BYTES, on_skip: Callable[[Skipped], None] = lambda s: None,
        progress: Progress = _no_progress, metadata: MetadataManifest | None = None) -> RunSummary:
    store = Store(db)
    try:
        summary = ingest_paths(paths, store, max_bytes=max_bytes, on_skip=on_skip, progress=progress,
                               metadata=metadata)
        progress("corpus", 0, None)
        analyse_corpus(store)
        write_reports(store, Path(out))
        return summary
    finally:
        store.close()
