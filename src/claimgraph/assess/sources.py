"""Independence: documents that copy each other form one source group.

Near-copies are found with MinHash over word 5-gram shingles and an LSH index (datasketch), so the
cost grows near-linearly with the corpus: two documents whose shingle sets overlap (estimated
Jaccard ≥ `NEAR_COPY_JACCARD`) are one source. A document that reuses a long passage of another
(a syndicated paragraph inside an otherwise new article) shares many shingles without a high
Jaccard: an inverted index of shingles counts them per pair of documents, leaving out shingles
common to many documents (boilerplate). Groups are closed transitively.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations

from datasketch import MinHash, MinHashLSH
from scipy.cluster.hierarchy import DisjointSet

from ..records import DocumentAnalysis, stable_id

SHINGLE_WORDS = 5
NEAR_COPY_JACCARD = 0.5
SHARED_PASSAGE_SHINGLES = 40  # ~45 words in a row: a syndicated paragraph, not a shared quote
BOILERPLATE_DOCUMENTS = 20  # a shingle in more documents than this is boilerplate, not copying
NUM_PERM = 128


def group_sources(analyses: list[DocumentAnalysis]) -> dict[str, str]:
    """doc_id → source-group id (a hash of the group's sorted document ids)."""
    groups = DisjointSet(sorted(a.document.id for a in analyses))
    ordered = sorted(analyses, key=lambda a: a.document.id)
    index = MinHashLSH(threshold=NEAR_COPY_JACCARD, num_perm=NUM_PERM)
    shingles_of = {a.document.id: _shingles(_words(a.document.text)) for a in ordered}
    # MinHash.bulk shares one set of permutations across documents (building them is the cost).
    signatures = MinHash.bulk([[s.encode("utf-8") for s in sorted(shingles_of[a.document.id])] for a in ordered],
                              num_perm=NUM_PERM, seed=1)
    for analysis, signature in zip(ordered, signatures):
        doc_id = analysis.document.id
        for other in sorted(index.query(signature)):
            groups.merge(doc_id, other)
        index.insert(doc_id, signature)
    for a, b in _sharing_a_passage(shingles_of):
        groups.merge(a, b)
    return {doc_id: stable_id("src", *sorted(docs)) for docs in groups.subsets() for doc_id in docs}


def _words(text: str) -> list[str]:
    return [w.strip(".,;:!?\"'“”‘’()[]") for w in text.lower().split()]


def _shingles(words: list[str]) -> set[str]:
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)}
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def _sharing_a_passage(shingles_of: dict[str, set[str]]) -> Iterable[tuple[str, str]]:
    """Pairs of documents sharing at least `SHARED_PASSAGE_SHINGLES` shingles."""
    postings: dict[str, list[str]] = defaultdict(list)
    for doc_id in sorted(shingles_of):
        for shingle in shingles_of[doc_id]:
            postings[shingle].append(doc_id)
    shared: Counter[tuple[str, str]] = Counter()
    for docs in postings.values():
        if 1 < len(docs) <= BOILERPLATE_DOCUMENTS:
            shared.update(combinations(docs, 2))
    return sorted(pair for pair, count in shared.items() if count >= SHARED_PASSAGE_SHINGLES)
