"""Ingest: each input format, encodings, and every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.ingest import (
    InputError,
    MetadataManifest,
    Skipped,
    _dateline_date,
    decode,
    discover,
    document_id,
    read_file,
)
from claimgraph.records import Document

ARTICLE = "Trade between Russia and China reached $240 billion in 2023, customs data showed.\n" \
          "Officials in Beijing welcomed the figure on Friday."


def read(path: Path, **kwargs) -> list[Document | Skipped]:
    return list(read_file(path, **kwargs))


def only_document(path: Path) -> Document:
    items = read(path)
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def only_skip(path: Path) -> Skipped:
    items = read(path)
    assert len(items) == 1 and isinstance(items[0], Skipped), items
    return items[0]


def test_plain_text_takes_its_headline_as_title(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Trade hits a record\n" + ARTICLE, encoding="utf-8")
    doc = only_document(path)
    assert doc.title == "Trade hits a record"
    assert doc.text.startswith("Trade hits a record\nTrade between")
    assert doc.path == str(path)


def test_markdown_front_matter_gives_metadata_and_is_not_text(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Trade record\noutlet: Eastwind Review\nurl: https://eastwind.example/a\n"
        "published: 2024-01-15\n---\n" + ARTICLE, encoding="utf-8")
    doc = only_document(path)
    assert (doc.title, doc.outlet, doc.url, doc.published) == (
        "Trade record", "Eastwind Review", "https://eastwind.example/a", "2024-01-15")
    assert doc.text == ARTICLE
    assert "---" not in doc.text


def test_markdown_without_front_matter_uses_its_heading(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Trade record\n\n" + ARTICLE, encoding="utf-8")
    assert only_document(path).title == "Trade record"


def test_markdown_with_broken_yaml_is_skipped_with_the_reason(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: [unclosed\n---\n" + ARTICLE, encoding="utf-8")
    assert "invalid YAML front matter" in only_skip(path).reason


def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "a.html"
    path.write_text(
        "<html><head><title>Trade record | Eastwind</title>"
        '<meta property="og:site_name" content="Eastwind Review">'
        '<meta property="article:published_time" content="2024-03-02T10:00:00Z"></head>'
        "<body><nav>Home | World | Subscribe now</nav><article><h1>Trade record</h1>"
        f"<p>{ARTICLE.splitlines()[0]}</p><p>{ARTICLE.splitlines()[1]}</p></article>"
        "<footer>Copyright 2024 Eastwind. All rights reserved.</footer></body></html>", encoding="utf-8")
    doc = only_document(path)
    assert doc.outlet == "Eastwind Review"
    assert doc.published == "2024-03-02"
    assert "customs data showed" in doc.text
    assert "Subscribe" not in doc.text and "Copyright" not in doc.text


def test_html_page_without_text_is_skipped(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>")
    assert "no main text" in only_skip(path).reason


def test_json_object_and_list(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": ARTICLE, "title": "T", "outlet": "O", "published": "2024-02-01",
                               "url": "https://o.example/t"}))
    doc = only_document(one)
    assert (doc.title, doc.outlet, doc.published) == ("T", "O", "2024-02-01")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": ARTICLE}, {"title": "no text"}, {"text": ARTICLE + " More."}]))
    items = read(many)
    assert [type(i).__name__ for i in items] == ["Document", "Skipped", "Document"]
    assert "item 1" in items[1].reason


def test_invalid_json_names_line_and_column(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"text": "unterminated}')
    assert "invalid JSON at line 1" in only_skip(path).reason


def test_jsonl_skips_malformed_lines_and_keeps_the_rest(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": ARTICLE, "title": "first"}) + "\n"
        "{not json}\n"
        "\n"
        + json.dumps(["not", "an", "object"]) + "\n"
        + json.dumps({"text": ARTICLE + " Another line.", "title": "second"}) + "\n")
    items = read(path)
    docs = [i for i in items if isinstance(i, Document)]
    skips = [i for i in items if isinstance(i, Skipped)]
    assert [d.title for d in docs] == ["first", "second"]
    assert [s.line for s in skips] == [2, 4]
    assert str(skips[0]).startswith(f"{path}:2: malformed JSON line")


def test_legacy_encoding_is_detected_not_assumed(tmp_path):
    path = tmp_path / "latin.txt"
    text = ("Le commerce entre la Russie et la Chine a atteint un record, selon les données des douanes. "
            "Les responsables à Pékin ont salué ce résultat très élevé et ont évoqué une coopération approfondie.")
    path.write_bytes(text.encode("cp1252"))
    doc = only_document(path)
    assert "Pékin" in doc.text and "données" in doc.text


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    assert only_document(path).text == ARTICLE


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n\t ", "empty file"),
        ("nul.txt", b"Some text\x00with a NUL byte inside it, which no article has.", "NUL bytes"),
        ("image.txt", bytes(range(256)) * 8, "binary"),
        ("broken-utf8.txt", "Beijing’s trade with Moscow rose sharply".encode() + b"\xff\xfe\x80 and more text",
         "invalid UTF-8"),
        ("tiny.txt", b"Hi.", "no text to analyse"),
        ("digits.txt", b"1234567890 1234567890 1234567890", "no text to analyse"),
    ],
)
def test_bad_inputs_are_skipped_with_a_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    skip = only_skip(path)
    assert reason in skip.reason
    assert skip.path == str(path)


def test_oversized_file_is_skipped_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.truncate(200 * 1024 * 1024)
    skip = only_skip(path)
    assert "over the 52 MB limit" in skip.reason and "209.7 MB" in skip.reason


def test_decode_prefers_utf8():
    assert decode("naïve “quotes”".encode()) == "naïve “quotes”"


def test_document_id_ignores_whitespace_layout():
    assert document_id("A  b\nc") == document_id("A b c")
    assert document_id("A b c") != document_id("A b d")


def test_discover_walks_folders_sorted_and_honours_ignore_rules(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ["b.txt", "a.md", "sub/c.html", "README.md", ".hidden.txt", "notes.pdf", "gold.json"]:
        (tmp_path / name).write_text("x")
    (tmp_path / ".claimgraphignore").write_text("# gold annotations are not articles\ngold.json\n")
    files, skipped = discover([tmp_path, tmp_path / "missing.txt", tmp_path / "notes.pdf"])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a.md", "b.txt", "sub/c.html"]
    assert [s.reason.split(" (")[0] for s in skipped] == ["no such file or directory", "unsupported file type '.pdf'"]


@pytest.mark.parametrize("second_line, published", [
    ("By Jane Doe | WASHINGTON, Oct. 18, 2023", "2023-10-18"),
    ("WASHINGTON, Oct. 18, 2023 (Wire) - The agency widened its rules on Tuesday.", "2023-10-18"),
    ("Published: 2023-09-06", "2023-09-06"),
    ("18 September 2023, 09:14", "2023-09-18"),
    # prose that happens to start like a byline, or to contain a date, is no dateline
    ("By October 18, 2023, the agency had added 140 firms to the list of restricted companies.", None),
    ("The talks in Vienna ended on Oct. 5, 2022.", None),
])
def test_plain_text_takes_its_publication_date_from_a_byline_or_dateline(tmp_path, second_line, published):
    path = tmp_path / "wire.txt"
    path.write_text(f"Chip rules widened\n{second_line}\n\nThe agency said more rules would follow.\n",
                    encoding="utf-8")
    (doc,) = read_file(path)
    assert doc.published == published
    assert second_line in doc.text  # the byline stays in the text: evidence spans count from it


def test_a_dateline_deep_in_the_body_is_not_the_publication_date(tmp_path):
    path = tmp_path / "late.txt"
    body = "\n".join(f"Paragraph {i} says something about trade." for i in range(6))
    path.write_text(f"Headline\n{body}\nBy Jane Doe | Oct. 18, 2023\n", encoding="utf-8")
    (doc,) = read_file(path)
    assert doc.published is None


def test_metadata_manifest_supplies_and_overrides_metadata(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Headline\nTrade rose sharply last year, officials said.\n")
    (tmp_path / "b.md").write_text("---\ntitle: Own title\npublished: 2020-01-01\n---\nText of the article b.\n")
    manifest = tmp_path / "meta.csv"
    manifest.write_text("file,title,outlet,published,url\n"
                        "sub/a.txt,,Northern Courier,2023-09-06,\n"
                        "b.md,Better title,,6 Sept 2023,https://b.example\n", encoding="utf-8")
    meta = MetadataManifest.load(manifest)
    (a,) = read_file(tmp_path / "sub" / "a.txt")
    (b,) = read_file(tmp_path / "b.md")
    a, b = meta.apply(a), meta.apply(b)
    assert (a.title, a.outlet, a.published, a.url) == ("Headline", "Northern Courier", "2023-09-06", None)
    assert (b.title, b.published, b.url) == ("Better title", "2023-09-06", "https://b.example")


def test_metadata_manifest_reads_a_gold_file_and_matches_bare_names(tmp_path):
    manifest = tmp_path / "gold.json"
    manifest.write_text(json.dumps({"documents": [{"file": "a.txt", "published": "2024-07-05", "url": None}]}))
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a.txt").write_text("Headline\nThe duties took effect on Friday, officials said.\n")
    (doc,) = read_file(tmp_path / "x" / "a.txt")
    assert MetadataManifest.load(manifest).apply(doc).published == "2024-07-05"


@pytest.mark.parametrize("content, reason", [
    ("title,published\nx,2024-01-01\n", "no 'file'"),
    ("file,published\na.txt,someday\n", "unreadable date"),
    ('{"documents": 3}', "expected a list"),
    ("{not json", "invalid JSON"),
])
def test_unusable_metadata_manifest_says_why(tmp_path, content, reason):
    manifest = tmp_path / ("m.json" if content.startswith("{") else "m.csv")
    manifest.write_text(content)
    with pytest.raises(InputError, match=reason):
        MetadataManifest.load(manifest)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_dateline_reading_never_fails_and_gives_iso_or_none(text):
    found = _dateline_date("Headline\n" + text)
    assert found is None or (len(found) == 10 and found[4] == "-" and found[7] == "-")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".json"]))
def test_a_broken_metadata_file_raises_only_input_error(tmp_path, content, suffix):
    path = tmp_path / f"meta{suffix}"
    path.write_bytes(content)
    try:
        MetadataManifest.load(path)
    except InputError:
        pass
