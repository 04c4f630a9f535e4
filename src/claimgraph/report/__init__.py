"""Report stage: report.json (the contract) and report.html, generated from the database alone."""

from __future__ import annotations

import json
from pathlib import Path

from ..store import Store
from .html_report import render_html
from .json_report import build_report


def write_reports(store: Store, out: Path) -> tuple[Path, Path]:
    report = build_report(store)
    out.mkdir(parents=True, exist_ok=True)
    json_path = out / "report.json"
    html_path = out / "report.html"
    _write_atomic(json_path, json.dumps(report, ensure_ascii=False, indent=2, sort_keys=False) + "\n")
    _write_atomic(html_path, render_html(report, store.sentence_texts()))
    return json_path, html_path


def _write_atomic(path: Path, text: str) -> None:
    """Write beside the target and rename, so a crash never leaves half a report."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


__all__ = ["build_report", "render_html", "write_reports"]
