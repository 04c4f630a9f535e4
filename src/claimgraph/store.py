"""Store stage: the database is the product's memory and the only input of the reports.

SQLAlchemy 2 Core over SQLite by default; PostgreSQL is a URL change. Per-document records are
written in one transaction per document, so a crash loses at most the document in flight. The
corpus-level results (entities, facts, conflicts…) are derived data: each analysis run replaces
them in one transaction.

Records are kept as JSON next to the columns queries need (kind, document, sentence, span), so a
record type can gain a field without a migration; `SCHEMA_VERSION` changes when columns change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    insert,
    select,
)
from sqlalchemy.engine import Connection, Engine

from .records import (
    Check,
    Claim,
    Conflict,
    CorpusAnalysis,
    Document,
    DocumentAnalysis,
    Entity,
    Event,
    Fact,
    Figure,
    Flag,
    Mention,
    Phrase,
    Quote,
    Sentence,
    SourceProfile,
    TimeExpression,
    from_dict,
    to_dict,
)

SCHEMA_VERSION = 1

metadata = MetaData()

meta_table = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents_table = Table(
    "documents", metadata,
    Column("id", String(64), primary_key=True),
    Column("path", Text, nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    Column("url", Text),
    Column("published", String(32)),
    Column("text", Text, nullable=False),
    Column("n_sentences", Integer, nullable=False),
    Column("pipeline_version", String(64), nullable=False),
)

sentences_table = Table(
    "sentences", metadata,
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

# Per-document records (mention, time, figure, event, quote, phrase, claim).
records_table = Table(
    "records", metadata,
    Column("id", String(64), primary_key=True),
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("data", JSON, nullable=False),
    Index("ix_records_doc_kind", "doc_id", "kind"),
    Index("ix_records_kind", "kind"),
)

# Corpus-level results (entity, fact, conflict, flag, check, source, group), replaced per run.
corpus_table = Table(
    "corpus_records", metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("data", JSON, nullable=False),
    Index("ix_corpus_kind", "kind"),
)

DOCUMENT_RECORD_KINDS: dict[str, tuple[str, type]] = {
    "mention": ("mentions", Mention),
    "time": ("times", TimeExpression),
    "figure": ("figures", Figure),
    "event": ("events", Event),
    "quote": ("quotes", Quote),
    "phrase": ("phrases", Phrase),
    "claim": ("claims", Claim),
}

CORPUS_RECORD_KINDS: dict[str, tuple[str, type]] = {
    "entity": ("entities", Entity),
    "fact": ("facts", Fact),
    "conflict": ("conflicts", Conflict),
    "flag": ("flags", Flag),
    "check": ("checks", Check),
    "source": ("sources", SourceProfile),
}


class StoreError(RuntimeError):
    pass


def database_url(target: str | Path) -> str:
    """A path becomes a SQLite URL; anything with '://' is used as given (postgresql://…)."""
    text = str(target)
    if "://" in text:
        return text
    path = Path(text).expanduser()
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


@dataclass
class StoredDocument:
    id: str
    path: str
    pipeline_version: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None

    def metadata(self) -> tuple[str | None, ...]:
        return self.title, self.outlet, self.url, self.published


class Store:
    def __init__(self, target: str | Path):
        self.url = database_url(target)
        self.engine: Engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._prepare()

    def _prepare(self) -> None:
        with self.engine.begin() as conn:
            metadata.create_all(conn)
            found = conn.execute(select(meta_table.c.value).where(meta_table.c.key == "schema_version")).scalar()
            if found is None:
                conn.execute(insert(meta_table).values(key="schema_version", value=str(SCHEMA_VERSION)))
            elif int(found) != SCHEMA_VERSION:
                raise StoreError(
                    f"database {self.url} has schema version {found}, this claimgraph writes version "
                    f"{SCHEMA_VERSION}: use a new --db file (or re-run analyze on a fresh database)"
                )

    def close(self) -> None:
        self.engine.dispose()

    # Documents ---------------------------------------------------------------------------

    def stored_document(self, doc_id: str) -> StoredDocument | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(documents_table.c.id, documents_table.c.path, documents_table.c.pipeline_version,
                       documents_table.c.title, documents_table.c.outlet, documents_table.c.url,
                       documents_table.c.published)
                .where(documents_table.c.id == doc_id)
            ).first()
        return StoredDocument(*row) if row else None

    def save_document(self, analysis: DocumentAnalysis, pipeline_version: str) -> None:
        """Write one document and all its records in a single transaction (replacing an older
        analysis of the same document, if any)."""
        doc = analysis.document
        with self.engine.begin() as conn:
            _delete_document(conn, doc.id)
            conn.execute(insert(documents_table).values(
                id=doc.id, path=doc.path, title=doc.title, outlet=doc.outlet, url=doc.url,
                published=doc.published, text=doc.text, n_sentences=len(analysis.sentences),
                pipeline_version=pipeline_version,
            ))
            if analysis.sentences:
                conn.execute(insert(sentences_table), [
                    {"doc_id": doc.id, "idx": s.index, "start": s.start, "end": s.end}
                    for s in analysis.sentences
                ])
            rows = [
                {"id": record.id, "doc_id": doc.id, "kind": kind, "sentence": record.evidence.sentence,
                 "start": record.evidence.start, "end": record.evidence.end, "data": to_dict(record)}
                for kind, (attribute, _) in DOCUMENT_RECORD_KINDS.items()
                for record in getattr(analysis, attribute)
            ]
            if rows:
                conn.execute(insert(records_table), _unique_by_id(rows))

    def documents(self) -> list[Document]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(documents_table).order_by(documents_table.c.id)).mappings().all()
        return [_document(row) for row in rows]

    def document_rows(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(documents_table).order_by(documents_table.c.id)).mappings().all()
        return [dict(row) for row in rows]

    def sentence_texts(self) -> dict[str, list[str]]:
        """Each document's sentences as text, in order."""
        result: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            texts = dict(conn.execute(select(documents_table.c.id, documents_table.c.text)).all())
            rows = conn.execute(select(sentences_table).order_by(sentences_table.c.doc_id, sentences_table.c.idx))
            for row in rows.mappings():
                result.setdefault(row["doc_id"], []).append(texts[row["doc_id"]][row["start"]:row["end"]])
        return result

    def analyses(self) -> Iterator[DocumentAnalysis]:
        """Every stored document with its records, in document-id order."""
        with self.engine.connect() as conn:
            docs = conn.execute(select(documents_table).order_by(documents_table.c.id)).mappings().all()
            for row in docs:
                yield self._analysis(conn, row)

    def _analysis(self, conn: Connection, row: Any) -> DocumentAnalysis:
        analysis = DocumentAnalysis(document=_document(row))
        sentences = conn.execute(
            select(sentences_table).where(sentences_table.c.doc_id == row["id"]).order_by(sentences_table.c.idx)
        ).mappings()
        analysis.sentences = [Sentence(s["idx"], s["start"], s["end"]) for s in sentences]
        records = conn.execute(
            select(records_table.c.kind, records_table.c.data)
            .where(records_table.c.doc_id == row["id"])
            .order_by(records_table.c.start, records_table.c.end, records_table.c.id)
        )
        for kind, data in records:
            attribute, cls = DOCUMENT_RECORD_KINDS[kind]
            getattr(analysis, attribute).append(from_dict(cls, data))
        return analysis

    # Corpus-level results ----------------------------------------------------------------

    def replace_corpus(self, corpus: CorpusAnalysis) -> None:
        rows = [
            {"id": record.id, "kind": kind, "data": to_dict(record)}
            for kind, (attribute, _) in CORPUS_RECORD_KINDS.items()
            for record in getattr(corpus, attribute)
        ]
        rows += [
            {"id": f"grp:{doc_id}", "kind": "group", "data": {"doc_id": doc_id, "group": group}}
            for doc_id, group in sorted(corpus.source_groups.items())
        ]
        with self.engine.begin() as conn:
            conn.execute(delete(corpus_table))
            if rows:
                conn.execute(insert(corpus_table), _unique_by_id(rows))

    def corpus(self) -> CorpusAnalysis:
        corpus = CorpusAnalysis()
        with self.engine.connect() as conn:
            rows = conn.execute(select(corpus_table.c.kind, corpus_table.c.data).order_by(corpus_table.c.id))
            for kind, data in rows:
                if kind == "group":
                    corpus.source_groups[data["doc_id"]] = data["group"]
                    continue
                attribute, cls = CORPUS_RECORD_KINDS[kind]
                getattr(corpus, attribute).append(from_dict(cls, data))
        return corpus

    def dump(self) -> dict[str, list[tuple]]:
        """Every row of every table, sorted: what 'the database is unchanged' compares."""
        result = {}
        with self.engine.connect() as conn:
            for table in metadata.sorted_tables:
                rows = conn.execute(select(table)).all()
                result[table.name] = sorted(tuple(_comparable(v) for v in row) for row in rows)
        return result


def _comparable(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        import json

        return json.dumps(value, sort_keys=True)
    return value


def _unique_by_id(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Guard against two records hashing to one id (the later one would break the insert)."""
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        seen.setdefault(row["id"], row)
    return list(seen.values())


def _delete_document(conn: Connection, doc_id: str) -> None:
    conn.execute(delete(records_table).where(records_table.c.doc_id == doc_id))
    conn.execute(delete(sentences_table).where(sentences_table.c.doc_id == doc_id))
    conn.execute(delete(documents_table).where(documents_table.c.id == doc_id))


def _document(row: Any) -> Document:
    return Document(id=row["id"], text=row["text"], path=row["path"], title=row["title"],
                    outlet=row["outlet"], url=row["url"], published=row["published"])


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
