"""End to end through the CLI: reports, idempotent re-ingest, determinism, provenance, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph import __version__, pipeline
from claimgraph.cli import app
from claimgraph.report.json_report import TOP_LEVEL_KEYS
from claimgraph.store import Store

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SEEDS = REPO.parent / "shared" / "seeds"

ARTICLE_A = ("---\ntitle: Trade record\noutlet: Eastwind Review\npublished: 2024-01-15\n---\n"
             "Trade between Russia and China reached $240 billion in 2023, customs data showed. "
             "Chinese President Xi Jinping praised the result. Xi said ties were \u201cat their best\u201d.\n")
ARTICLE_B = ("Kremlin hails trade\nRussian President Vladimir Putin met Xi Jinping in Moscow in March 2023. "
             "The two leaders signed several agreements on energy and transport.\n")


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.md").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    return folder


def analyze(paths: list[Path], db: Path, out: Path):
    return invoke("analyze", *map(str, paths), "--db", str(db), "--out", str(out))


def load(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def iter_evidence(node):
    """Every evidence object anywhere in a report."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "evidence":
                yield from (value if isinstance(value, list) else [value])
            else:
                yield from iter_evidence(value)
    elif isinstance(node, list):
        for item in node:
            yield from iter_evidence(item)


def assert_provenance(report: dict, db: Path) -> int:
    store = Store(db)
    texts = {d.id: d.text for d in store.documents()}
    sentences = {a.document.id: a.sentences for a in store.analyses()}
    store.close()
    count = 0
    for ev in iter_evidence({k: report[k] for k in TOP_LEVEL_KEYS}):
        text = texts[ev["doc_id"]]
        assert 0 <= ev["start"] <= ev["end"] <= len(text)
        assert text[ev["start"]:ev["end"]] == ev["text"]
        sentence = sentences[ev["doc_id"]][ev["sentence"]]
        assert sentence.start <= ev["start"] < max(sentence.end, ev["start"] + 1)
        count += 1
    return count


def test_version_and_help():
    assert invoke("--version").stdout.strip() == f"claimgraph {__version__}"
    for command in ([], ["analyze"], ["report"]):
        result = invoke(*command, "--help")
        assert result.exit_code == 0 and "Usage" in result.stdout


def test_analyze_writes_both_reports(corpus, tmp_path):
    result = analyze([corpus], tmp_path / "c.db", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    report = load(tmp_path / "out")
    assert report["schema_version"] == 1
    assert list(report) == ["schema_version", *TOP_LEVEL_KEYS]
    assert all(isinstance(report[key], list) for key in TOP_LEVEL_KEYS)
    titles = sorted(d["title"] for d in report["documents"])
    assert titles == ["Kremlin hails trade", "Trade record"]
    names = {e["name"] for e in report["entities"]}
    assert {"Xi Jinping", "Russia", "China"} <= names
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "Eastwind Review" in html and "<!DOCTYPE html>" in html
    for document in report["documents"]:
        assert f'id="{document["id"]}-s0"' in html
    assert assert_provenance(report, tmp_path / "c.db") > 0


def test_reingest_is_a_no_op_and_output_is_deterministic(corpus, tmp_path):
    db = tmp_path / "c.db"
    assert analyze([corpus], db, tmp_path / "out1").exit_code == 0
    first = Store(db).dump()
    second_run = analyze([corpus], db, tmp_path / "out2")
    assert second_run.exit_code == 0
    assert "0 new, 2 unchanged" in second_run.stderr
    assert Store(db).dump() == first
    assert (tmp_path / "out1" / "report.json").read_bytes() == (tmp_path / "out2" / "report.json").read_bytes()
    # A fresh database gives the same bytes too.
    assert analyze([corpus], tmp_path / "other.db", tmp_path / "out3").exit_code == 0
    assert (tmp_path / "out1" / "report.json").read_bytes() == (tmp_path / "out3" / "report.json").read_bytes()


def test_same_content_twice_is_stored_once(corpus, tmp_path):
    (corpus / "copy.txt").write_text(ARTICLE_B.replace(". ", ".  \n"), encoding="utf-8")
    result = analyze([corpus], tmp_path / "c.db", tmp_path / "out")
    assert "1 duplicate" in result.stderr
    assert len(load(tmp_path / "out")["documents"]) == 2


def test_report_command_rebuilds_outputs_from_the_database(corpus, tmp_path):
    db = tmp_path / "c.db"
    analyze([corpus], db, tmp_path / "out")
    result = invoke("report", "--db", str(db), "--out", str(tmp_path / "again"))
    assert result.exit_code == 0
    for name in ("report.json", "report.html"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "again" / name).read_bytes()


def test_report_without_database_fails_clearly(tmp_path):
    result = invoke("report", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "no database" in result.stderr


def test_bad_inputs_are_named_skipped_and_nothing_stored_is_lost(corpus, tmp_path):
    db = tmp_path / "c.db"
    assert analyze([corpus / "a.md"], db, tmp_path / "out").exit_code == 0
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (bad / "latin1-broken.txt").write_bytes("Moscow’s envoy".encode() + b" \xff\xfe\xfd in Beijing today")
    (bad / "feed.jsonl").write_text('{"text": "' + ARTICLE_B.replace("\n", " ") + '"}\n{oops\n')
    (bad / "page.html").write_text("<html><body><nav>Menu</nav></body></html>")
    with (bad / "huge.txt").open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    result = analyze([bad, tmp_path / "missing-folder"], db, tmp_path / "out")
    assert result.exit_code == 3
    for expected in ("empty.txt: empty file", "binary.txt: contains NUL bytes", "latin1-broken.txt: invalid UTF-8",
                     "feed.jsonl:2: malformed JSON line", "page.html: HTML page has no main text",
                     "huge.txt: file is 209.7 MB", "missing-folder: no such file or directory"):
        assert expected in result.stderr, expected
    report = load(tmp_path / "out")
    assert {d["title"] for d in report["documents"]} == {"Trade record", None}
    assert len(report["documents"]) == 2  # the earlier document and the good JSONL line


def test_a_failing_extractor_skips_only_that_document(corpus, tmp_path, monkeypatch):
    real = pipeline.extract_document

    def flaky(parsed):
        if "Kremlin" in parsed.document.text:
            raise ValueError("boom")
        return real(parsed)

    monkeypatch.setattr(pipeline, "extract_document", flaky)
    result = analyze([corpus], tmp_path / "c.db", tmp_path / "out")
    assert result.exit_code == 3
    assert "b.txt: extraction failed: ValueError: boom" in result.stderr
    assert [d["title"] for d in load(tmp_path / "out")["documents"]] == ["Trade record"]


def test_unusable_database_url_exits_1(corpus, tmp_path):
    result = invoke("analyze", str(corpus), "--db", "nosuchdialect://x", "--out", str(tmp_path / "o"))
    assert result.exit_code == 1 and "error:" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("folder", [EXAMPLES, SEEDS], ids=["examples", "seeds"])
def test_real_corpora_twice(folder, tmp_path):
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    db = tmp_path / "c.db"
    first = analyze([folder], db, tmp_path / "out1")
    assert first.exit_code == 0, first.stderr
    dump = Store(db).dump()
    assert analyze([folder], db, tmp_path / "out2").exit_code == 0
    assert Store(db).dump() == dump
    assert (tmp_path / "out1" / "report.json").read_bytes() == (tmp_path / "out2" / "report.json").read_bytes()
    report = load(tmp_path / "out1")
    assert len(report["documents"]) >= 5
    assert assert_provenance(report, db) > 100


def test_html_escapes_everything_from_the_text(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "x.md").write_text(
        "---\ntitle: <b>Bold</b> & co\noutlet: '\"Quote\" <Outlet>'\n---\n"
        "Officials in Beijing said <script>alert(1)</script> trade reached $240 billion in 2023.\n",
        encoding="utf-8")
    assert analyze([folder], tmp_path / "c.db", tmp_path / "out").exit_code == 0
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in html
    assert "&quot;Quote&quot; &lt;Outlet&gt;" in html


def test_quote_speakers_and_event_actors_name_their_resolved_entities(corpus, tmp_path):
    (corpus / "c.md").write_text(
        "---\ntitle: Summit\npublished: 2024-05-17\n---\nChinese President Xi Jinping hosted the "
        "summit. \u201cOur friendship has stood the test of a changing world,\u201d Xi said.\n",
        encoding="utf-8")
    analyze([corpus], tmp_path / "c.db", tmp_path / "out")
    report = load(tmp_path / "out")
    ids = {e["name"]: e["id"] for e in report["entities"]}
    quote = next(q for q in report["quotes"] if q["text"].startswith("Our friendship"))
    assert quote["speaker"] == "Xi Jinping"
    assert quote["speaker_entity"] == {"id": ids["Xi Jinping"], "name": "Xi Jinping"}
    meeting = next(e for e in report["events"] if e["trigger"] == "met")
    assert {a["name"] for a in meeting["actor_entities"]} == {"Vladimir Putin", "Xi Jinping"}


def test_metadata_file_dates_a_plain_text_article_and_a_change_reanalyses_it(corpus, tmp_path):
    db, meta = tmp_path / "m.db", tmp_path / "meta.csv"
    meta.write_text("file,outlet,published\nb.txt,Kremlin Wire,2023-03-22\n", encoding="utf-8")
    run = invoke("analyze", str(corpus), "--db", str(db), "--out", str(tmp_path / "o1"), "--metadata", str(meta))
    assert run.exit_code == 0
    documents = {Path(d["path"]).name: d for d in load(tmp_path / "o1")["documents"]}
    assert (documents["b.txt"]["outlet"], documents["b.txt"]["published"]) == ("Kremlin Wire", "2023-03-22")
    meta.write_text("file,published\nb.txt,2023-03-23\n", encoding="utf-8")
    again = invoke("analyze", str(corpus), "--db", str(db), "--out", str(tmp_path / "o2"), "--metadata", str(meta))
    assert "1 new, 1 unchanged" in again.stderr


def test_unusable_metadata_file_exits_1_naming_it(corpus, tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text("title\nx\n", encoding="utf-8")
    run = invoke("analyze", str(corpus), "--db", str(tmp_path / "x.db"), "--metadata", str(meta))
    assert run.exit_code == 1
    assert "meta.csv" in run.stderr and "no 'file'" in run.stderr


def test_html_shows_unnamed_speakers_and_possible_values(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "x.md").write_text(
        "---\ntitle: Oil\npublished: 2022-10-06\n---\n"
        "“Prices will climb again soon,” according to a senior European diplomat.\n\n"
        "Brent could retest $100 before the end of the year, traders said.\n", encoding="utf-8")
    assert analyze([folder], tmp_path / "c.db", tmp_path / "out").exit_code == 0
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "unnamed: a senior European diplomat" in html
    assert "$100 = 100 USD (2022) [possibility, not a measured value]" in html
