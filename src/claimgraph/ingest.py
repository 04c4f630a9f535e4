"""Ingest stage: files and folders → normalised `Document`s, or `Skipped` with a reason.

Supported: .txt, .md/.markdown (optional YAML front matter), .html/.htm (main text and metadata
by trafilatura), .json (an object or a list of objects), .jsonl (one object per line). A folder is
walked recursively in sorted order; hidden files, README/LICENSE files and anything listed in a
`.claimgraphignore` file (glob patterns, one per line, relative to that file's folder) are left out.

Metadata comes from the file (front matter, HTML meta tags, JSON fields; for plain text the
headline line and a byline or dateline under it). A metadata file (`MetadataManifest`: CSV or
JSON, one row per input file) supplies or corrects it, and wins over what the file says.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import fnmatch
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from charset_normalizer import from_bytes

from .records import Document

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
IGNORE_FILE = ".claimgraphignore"
ALWAYS_IGNORED = ("README*", "LICENSE*", "LICENCE*", "CHANGELOG*", IGNORE_FILE)
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MIN_TEXT_CHARS = 20  # shorter than a sentence: nothing to analyse

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


@dataclass(frozen=True)
class Skipped:
    """An input (or one line of it) that was not ingested, and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


class InputError(ValueError):
    """Raised inside the readers; becomes a `Skipped` for the file."""


def document_id(text: str) -> str:
    """Content hash of the text with whitespace collapsed: the same article ingested twice,
    re-wrapped or re-indented, gets the same id."""
    canonical = " ".join(text.split())
    return "d_" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """Expand files and folders into a sorted, de-duplicated list of input files."""
    files: set[Path] = set()
    skipped: list[Skipped] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.update(_walk(path))
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                files.add(path)
            else:
                skipped.append(Skipped(str(path), f"unsupported file type {path.suffix or '(none)'!r}"
                                       f" (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})"))
        elif path.exists():
            skipped.append(Skipped(str(path), "not a regular file"))
        else:
            skipped.append(Skipped(str(path), "no such file or directory"))
    return sorted(files), skipped


def _walk(folder: Path) -> Iterator[Path]:
    patterns = _ignore_patterns(folder)
    for child in sorted(folder.iterdir()):
        if child.name.startswith(".") or any(fnmatch.fnmatch(child.name, p) for p in ALWAYS_IGNORED):
            continue
        if any(fnmatch.fnmatch(child.name, p) for p in patterns):
            continue
        if child.is_dir():
            yield from _walk(child)
        elif child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
            yield child


def _ignore_patterns(folder: Path) -> list[str]:
    ignore = folder / IGNORE_FILE
    if not ignore.is_file():
        return []
    lines = ignore.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line.strip().rstrip("/") for line in lines if line.strip() and not line.startswith("#")]


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Skipped]:
    """Yield the documents in one file; problems come out as `Skipped`, never as exceptions."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Skipped(name, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit"
                                " (raise it with --max-file-mb)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(name, f"cannot read: {exc.strerror or exc}")
        return
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(name, data)
            return
        text = decode(data)
        if suffix in JSON_SUFFIXES:
            yield from _read_json(name, text)
        elif suffix in HTML_SUFFIXES:
            yield _read_html(name, text)
        elif suffix in MARKDOWN_SUFFIXES:
            yield _read_markdown(name, text)
        else:
            yield _make_document(name, text, title=_headline(text), published=_dateline_date(text))
    except InputError as exc:
        yield Skipped(name, str(exc))


def decode(data: bytes) -> str:
    """Bytes → str: BOMs honoured, UTF-8 preferred, other encodings detected, binary refused."""
    if not data.strip():
        raise InputError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {encoding} after a byte-order mark: {exc.reason}") from exc
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"contains NUL bytes (first at byte {nul}): binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _has_utf8_multibyte(data):
        # Valid UTF-8 sequences next to invalid ones: corrupt UTF-8, not a legacy encoding.
        raise InputError(f"invalid UTF-8 at byte {utf8_error.start}: {utf8_error.reason}")
    best = from_bytes(data).best()
    if best is None or best.encoding is None or _looks_binary(str(best)):
        raise InputError(f"not text: invalid UTF-8 at byte {utf8_error.start} and no other encoding fits")
    return str(best)


def _has_utf8_multibyte(data: bytes) -> bool:
    return re.search(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}", data) is not None


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return controls > max(2, len(text) // 100)


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def _make_document(name: str, text: str, *, title: str | None = None, outlet: str | None = None,
                   url: str | None = None, published: Any = None) -> Document:
    text = normalise_text(text)
    if "\x00" in text:
        raise InputError("contains NUL characters: binary data, not text")
    if _looks_binary(text):
        raise InputError("mostly control characters: binary data, not text")
    if len(text) < MIN_TEXT_CHARS or not any(ch.isalpha() for ch in text):
        raise InputError("no text to analyse" if text else "empty text")
    return Document(
        id=document_id(text),
        text=text,
        path=name,
        title=_clean(title),
        outlet=_clean(outlet),
        url=_clean(url),
        published=normalise_date(published),
    )


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def normalise_date(value: Any) -> str | None:
    """Publication date → ISO YYYY-MM-DD, or None when absent or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    from dateutil import parser as date_parser

    try:
        return date_parser.parse(text, default=dt.datetime(1900, 1, 1)).date().isoformat() \
            if re.search(r"\b\d{4}\b", text) else None
    except (ValueError, OverflowError):
        return None


def _headline(text: str) -> str | None:
    """The first line of a plain-text article, when it reads like a headline."""
    first = text.strip().split("\n", 1)[0].strip()
    if 0 < len(first) <= 200 and "\n" in text.strip() and not first.endswith((".", "!", "?", ":", ";")):
        return first
    return None


_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
_DATE_IN_LINE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"  # Oct. 18, 2023
    rf"|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\b"  # 18 October 2023
    r"|\b\d{4}-\d{2}-\d{2}\b",  # 2023-10-18
    re.I,
)
DATELINE_LINES = 3  # how many lines under the headline may carry a byline or dateline
_BYLINE_START = re.compile(r"(?:by|published|posted|updated|dated?)\b", re.I)
_DATELINE_CITY = re.compile(r"[A-Z][A-Z.'’ -]{2,},\s*")  # "WASHINGTON, " before the date


def _dateline_date(text: str) -> str | None:
    """The publication date a plain-text article gives in a byline or dateline among its first
    lines ("By Jane Doe | Oct. 18, 2023", "WASHINGTON, Oct. 18, 2023 — The agency…"); None when
    none does. A date in a prose sentence ("By October 2023, trade had…") is an event, not the
    publication date, so only short metadata-like lines and datelines count."""
    lines = [line.strip() for line in text.strip().split("\n") if line.strip()][:1 + DATELINE_LINES]
    for line in lines:
        match = _DATE_IN_LINE.search(line)
        if match is None:
            continue
        city = _DATELINE_CITY.match(line)
        dateline = city is not None and city.end() == match.start()
        byline = ("|" in line or _BYLINE_START.match(line) is not None) and len(line.split()) <= 14
        bare = len(line.replace(match.group(0), " ").split()) <= 3  # "18 September 2023, 09:14"
        if dateline or byline or bare:
            return normalise_date(match.group(0).replace(".", ""))
    return None


METADATA_FIELDS = ("title", "outlet", "url", "published")


class MetadataManifest:
    """Per-file metadata a user supplies for files that lack it or get it wrong: a CSV file with a
    header row (`file,title,outlet,published,url`; any subset after `file`), or JSON, either a
    list of such objects or an object whose `documents` holds the list (the shape of a gold
    file). `file` is a path relative to the manifest's folder, or a bare file name. Values given
    here replace the file's own; empty cells leave them alone."""

    def __init__(self, rows: dict[str, dict[str, str]], folder: Path):
        self.rows = rows
        self.folder = folder
        names = [Path(key).name for key in rows]
        self.by_name = {Path(key).name: row for key, row in rows.items() if names.count(Path(key).name) == 1}

    @classmethod
    def load(cls, path: str | Path) -> "MetadataManifest":
        """Read a manifest; a file that cannot be used raises `InputError` saying why."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read metadata file: {exc}") from exc
        if path.suffix.lower() == ".json":
            entries = _manifest_json(path, text)
        else:
            try:
                entries = list(csv.DictReader(text.splitlines()))
            except csv.Error as exc:
                raise InputError(f"{path}: unreadable CSV: {exc}") from exc
        rows: dict[str, dict[str, str]] = {}
        for number, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict) or not str(entry.get("file") or "").strip():
                raise InputError(f"{path}: entry {number} has no 'file'")
            fields = {k.lower().strip(): v for k, v in entry.items() if isinstance(k, str)}
            values = {f: str(fields[f]).strip() for f in METADATA_FIELDS if fields.get(f) not in (None, "")}
            if "published" in values and normalise_date(values["published"]) is None:
                raise InputError(f"{path}: entry {number}: unreadable date {values['published']!r}")
            rows[str(entry["file"]).strip()] = values
        return cls(rows, path.parent)

    def apply(self, document: Document) -> Document:
        """The document with the manifest's values for its file, if the manifest lists it."""
        row = self._row_for(Path(document.path))
        if not row:
            return document
        changes = {f: (normalise_date(v) if f == "published" else _clean(v)) for f, v in row.items()}
        return dataclasses.replace(document, **changes)

    def _row_for(self, path: Path) -> dict[str, str] | None:
        try:
            relative = path.resolve().relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            relative = None
        if relative is not None and relative in self.rows:
            return self.rows[relative]
        return self.by_name.get(path.name)


def _manifest_json(path: Path, text: str) -> list[Any]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    if isinstance(payload, dict):
        payload = payload.get("documents")
    if not isinstance(payload, list):
        raise InputError(f"{path}: expected a list of objects, or an object with a 'documents' list")
    return payload


def _read_markdown(name: str, text: str) -> Document:
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1) or "") or {}
        except yaml.YAMLError as exc:
            raise InputError(f"invalid YAML front matter: {_first_line(exc)}") from exc
        if not isinstance(loaded, dict):
            raise InputError("YAML front matter is not a mapping of fields")
        meta = {str(k).lower(): v for k, v in loaded.items()}
        text = text[match.end():]
    body = normalise_text(text)
    title = meta.get("title") or _markdown_title(body)
    return _make_document(name, body, title=title, outlet=meta.get("outlet") or meta.get("source"),
                          url=meta.get("url"), published=meta.get("published") or meta.get("date"))


def _markdown_title(body: str) -> str | None:
    first = body.split("\n", 1)[0].strip()
    return first.lstrip("#").strip() or None if first.startswith("#") else _headline(body)


def _read_html(name: str, html: str) -> Document:
    import trafilatura  # heavy import; only for HTML input

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or len(text.strip()) < MIN_TEXT_CHARS:
        raise InputError("HTML page has no main text")
    return _make_document(name, text, title=extracted.title, outlet=extracted.sitename,
                          url=extracted.url, published=extracted.date)


def _read_json(name: str, text: str) -> Iterator[Document | Skipped]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
    items = payload if isinstance(payload, list) else [payload]
    for index, item in enumerate(items):
        try:
            yield _document_from_object(name, item)
        except InputError as exc:
            where = f"item {index}: " if isinstance(payload, list) else ""
            yield Skipped(name, f"{where}{exc}")


def _read_jsonl(name: str, data: bytes) -> Iterator[Document | Skipped]:
    if not data.strip():
        yield Skipped(name, "empty file")
        return
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            line = decode(raw)
            obj = json.loads(line)
            yield _document_from_object(name, obj)
        except json.JSONDecodeError as exc:
            yield Skipped(name, f"malformed JSON line: {exc.msg} at column {exc.colno}", line=number)
        except InputError as exc:
            yield Skipped(name, str(exc), line=number)


def _document_from_object(name: str, obj: Any) -> Document:
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object with a 'text' field, got {type(obj).__name__}")
    text = obj.get("text") or obj.get("body") or obj.get("content")
    if not isinstance(text, str) or not text.strip():
        raise InputError("JSON object has no 'text' string")
    return _make_document(name, text, title=obj.get("title"), url=obj.get("url"),
                          outlet=obj.get("outlet") or obj.get("source"),
                          published=obj.get("published") or obj.get("date"))


def _first_line(exc: Exception) -> str:
    return str(exc).strip().split("\n", 1)[0]
