"""Benchmarks: speed and memory, as ratios against baselines measured in the same run.

    python bench/bench.py throughput [--docs N]   extraction cost vs a bare spaCy pass
    python bench/bench.py scaling [--sizes ...]   corpus stages (resolve/align/assess) as the corpus grows,
                                                  against an all-pairs comparison of the same records
    python bench/bench.py all

Input: the seed articles and the Reuters-21578 corpus in ../shared/corpora (read in place, never
copied). Results print as a table and are written to bench/results.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import sys
import time
import tracemalloc
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "src"))

from claimgraph.align import align_facts  # noqa: E402
from claimgraph.assess import assess_corpus  # noqa: E402
from claimgraph.extract import extract_document  # noqa: E402
from claimgraph.ingest import document_id, normalise_text  # noqa: E402
from claimgraph.nlp import load_pipeline, parse_many  # noqa: E402
from claimgraph.records import Document  # noqa: E402
from claimgraph.resolve import resolve_entities  # noqa: E402
from claimgraph.text import content_words  # noqa: E402


def reuters(limit: int) -> list[Document]:
    documents, seen = [], set()
    with (SHARED / "corpora" / "reuters21578.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            text = normalise_text(item["text"])
            if len(text) < 200 or document_id(text) in seen:
                continue  # the collection repeats some stories word for word; the store would too
            seen.add(document_id(text))
            documents.append(Document(document_id(text), text, f"reuters:{item['id']}", title=item.get("title"),
                                      outlet="Reuters", published=(item.get("published") or "")[:10] or None))
            if len(documents) >= limit:
                break
    return documents


def seeds() -> list[Document]:
    docs = []
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        text = normalise_text(path.read_text(encoding="utf-8"))
        docs.append(Document(document_id(text), text, str(path)))
    return docs


def words(documents: list[Document]) -> int:
    return sum(len(d.text.split()) for d in documents)


def timed(fn):
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def throughput(n_docs: int) -> dict:
    nlp = load_pipeline()
    documents = seeds() + reuters(n_docs)
    n_words = words(documents)
    list(parse_many(documents[:5], nlp))  # warm-up
    parsed, spacy_seconds = timed(lambda: list(parse_many(documents, nlp)))
    _, extract_seconds = timed(lambda: [extract_document(p) for p in parsed])
    per_extractor = _per_extractor(parsed)
    return {
        "documents": len(documents), "words": n_words,
        "spacy_seconds": round(spacy_seconds, 2), "spacy_words_per_second": round(n_words / spacy_seconds),
        "extract_seconds": round(extract_seconds, 2),
        "extract_over_spacy": round(extract_seconds / spacy_seconds, 3),
        "pipeline_words_per_second": round(n_words / (spacy_seconds + extract_seconds)),
        "per_extractor_over_spacy": {k: round(v / spacy_seconds, 3) for k, v in per_extractor.items()},
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _per_extractor(parsed) -> dict[str, float]:
    from claimgraph.extract import claims, events, figures, mentions, quotes, times

    totals = dict.fromkeys(["mentions", "times", "figures", "quotes", "events", "claims"], 0.0)
    for p in parsed:
        t0 = time.perf_counter()
        m = mentions.extract_mentions(p)
        t1 = time.perf_counter()
        t = times.extract_times(p)
        t2 = time.perf_counter()
        f = figures.extract_figures(p, m, t)
        t3 = time.perf_counter()
        q, _ = quotes.extract_quotes(p, m)
        t4 = time.perf_counter()
        events.extract_events(p, m, t)
        t5 = time.perf_counter()
        claims.extract_claims(p, m, t, f, q)
        t6 = time.perf_counter()
        for key, seconds in zip(totals, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)):
            totals[key] += seconds
    return totals


def _all_pairs_baseline(analyses) -> float:
    """What blocking avoids: comparing every claim's words with every other claim's."""
    claims = [set(content_words(c.evidence.text)) for a in analyses for c in a.claims]
    start = time.perf_counter()
    same = 0
    for a, b in combinations(claims, 2):
        if a and b and len(a & b) / len(a | b) >= 0.45:
            same += 1
    return time.perf_counter() - start


def scaling(sizes: list[int]) -> dict:
    nlp = load_pipeline()
    documents = reuters(max(sizes))
    analyses = [extract_document(p) for p in parse_many(documents, nlp)]
    rows = []
    for size in sizes:
        subset = analyses[:size]
        def corpus_stages():
            resolution = resolve_entities(subset)
            return assess_corpus(subset, resolution, align_facts(subset, resolution))

        _, seconds = timed(corpus_stages)
        tracemalloc.start()  # a second run for memory: tracing slows Python several times over
        corpus_stages()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        baseline = _all_pairs_baseline(subset)
        rows.append({"documents": size, "claims": sum(len(a.claims) for a in subset),
                     "corpus_stage_seconds": round(seconds, 2), "all_pairs_claims_seconds": round(baseline, 2),
                     "corpus_over_all_pairs": round(seconds / baseline, 3) if baseline else None,
                     "peak_traced_mb": round(peak / 1e6, 1)})
    for previous, row in zip(rows, rows[1:]):
        growth = row["documents"] / previous["documents"]
        row["time_growth_per_size_growth"] = round(
            (row["corpus_stage_seconds"] / previous["corpus_stage_seconds"]) / growth, 2)
        row["all_pairs_growth_per_size_growth"] = round(
            (row["all_pairs_claims_seconds"] / previous["all_pairs_claims_seconds"]) / growth, 2)
    return {"rows": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["throughput", "scaling", "all"])
    parser.add_argument("--docs", type=int, default=300, help="Reuters documents for throughput")
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    parser.add_argument("--embeddings", action="store_true",
                        help="compare claims with sentence embeddings (needs the `embeddings` extra)")
    args = parser.parse_args()
    if not args.embeddings:
        os.environ["CLAIMGRAPH_EMBEDDINGS"] = "off"  # the default install: no torch
    results = {}
    if args.what in ("throughput", "all"):
        results["throughput"] = throughput(args.docs)
        print(json.dumps(results["throughput"], indent=2))
    if args.what in ("scaling", "all"):
        results["scaling"] = scaling(sorted(args.sizes))
        print(json.dumps(results["scaling"], indent=2))
    out = REPO / "bench" / "results.json"
    previous = json.loads(out.read_text()) if out.exists() else {}
    previous.update(results)
    out.write_text(json.dumps(previous, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
