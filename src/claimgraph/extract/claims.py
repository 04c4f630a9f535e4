"""Check-worthy claims: subject, predicate, object, polarity, hedging, who asserts it.

Every declarative sentence with a verb becomes a Claim; headlines and subheadings (a whole line
without final punctuation), questions and verbless fragments do not. Each claim keeps the whole
sentence as evidence and a score saying how worth checking it is. Everything is read from the
spaCy parse of the sentence and the records the other extractors found in it.

- subject / predicate / object come from the sentence root: predicate = root lemma (+ particle,
  never the negation); subject = its nsubj/nsubjpass/csubj phrase; object = its first dobj, attr,
  acomp, oprd, ccomp, xcomp or dative after the verb, else a prepositional object ("from
  condemning the invasion"). Phrases stop at a relative clause, an appositive or a comma/dash after
  their head and keep at most MAX_PHRASE_WORDS words.
- polarity is negative when an odd number of negation cues attach to the root (or, for reported
  speech, to the reported clause): not / n't / never / nor (not "not only"), a no/neither/nothing
  subject or object, a negative predicate adjective (unlikely, unable, impossible, unwilling) and
  lexical negation (refrain from, refuse to, deny, decline to, fail to, stop short of, has yet to,
  without + gerund). A negation inside a subordinate clause does not flip the claim. Each cue is
  recorded in `reasons` as "negation: <cue>".
- hedged when the sentence carries a modal or evidential marker: may / might / could, reportedly,
  allegedly, apparently, likely (not as the predicate itself: "an alliance remains unlikely" is the
  claim), is considering, suggests that, appears/seems to, is said/believed/expected to, according
  to reports, reports indicate; when a verb of judgement frames the sentence ("Analysts estimate
  …", "Republicans argue …"); when "according to X" qualifies the main statement (second-hand,
  named or not); or when an unnamed source frames the whole statement ("Analysts say …", "…, one
  delegate said"). `hedges` lists the cue words in text order.
- asserted_by: the speaker when every word of the sentence is inside a quote ("unknown" for a
  quote nobody is credited with); the speaker when the sentence frames an attributed quote ("“…,”
  X said.", "X says this is a “…”"); the named source of reported speech ("X said that …",
  "according to X" qualifying the main statement); otherwise "author". Unnamed sources ("analysts
  say", "according to experts", "U.S. officials said") go to `vague_attribution`; asserted_by then
  stays "author", who vouches for the unnamed source.
- checkworthiness = BASE + the weights below, clamped to [0, 1]; every term that fired is listed
  in `reasons` as "+0.25 figure: $240 billion". A claim scoring CHECKWORTHY or more is worth
  checking.

      +0.25 a figure            +0.15 a date or time expression
      +0.20 a named actor (PERSON/ORG/GPE/NORP mention) as subject of a non-copular verb
      +0.10 a comparison ("more than", a superlative, surpass, double, overtake…)
      +0.15 a quote by a named speaker
      -0.25 an opinion (should / must / ought, first person "I", the author's editorial "we")
      -0.25 speculation: the main statement under could / may / might / would ("Brent could
            retest $100", "said the cut could be extended"), not a fact to check yet
      -0.10 an evaluative word (crucial, unacceptable, undoubtedly, hollow…)
      -0.20 generic: no actor, no figure, no date
      -0.20 short: fewer than SHORT_WORDS words
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..nlp import ParsedDocument, subject_taken_for_modifier
from ..records import Claim, Figure, Mention, Quote, TimeExpression, stable_id
from .quotes import SPEECH_LEMMAS, SpeakerResolver, is_according_to, is_speech_verb

MAX_PHRASE_WORDS = 12
SHORT_WORDS = 6
BASE = 0.4
CHECKWORTHY = 0.5
WEIGHTS = {
    "figure": 0.25, "date": 0.15, "actor": 0.20, "comparison": 0.10, "named quote": 0.15,
    "opinion": -0.25, "evaluative": -0.10, "generic": -0.20, "short": -0.20, "speculation": -0.25,
}

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_OBJECT_DEPS = ("dobj", "attr", "acomp", "oprd", "ccomp", "xcomp", "dative")
_CUT_DEPS = frozenset({"relcl", "appos", "acl", "advcl", "parataxis"})
_BREAKS = frozenset({",", "—", "–", ";", ":", "(", "--"})
_REPORTING_LEMMAS = SPEECH_LEMMAS | {"report", "reveal", "disclose", "indicate"}

_NEGATORS = frozenset({"not", "n't", "never", "nor", "no"})
_NEGATIVE_NOUNS = frozenset({"nothing", "nobody", "none", "neither", "no one", "noone"})
_NEGATIVE_DETS = frozenset({"no", "neither"})
_NEGATIVE_VERBS = {  # lemma → the particle/complement that makes it a negation cue (None: always)
    "refrain": None, "refuse": None, "deny": None, "decline": "xcomp", "fail": "xcomp",
}

# what one rejects when one denies a statement ("rejected suggestions that …", "dismissed reports")
_DENIED_ASSERTIONS = frozenset({"suggestion", "claim", "report", "allegation", "accusation", "charge",
                                "assertion", "speculation", "rumour", "rumor", "notion"})
_NEGATIVE_ADJECTIVES = frozenset({"unlikely", "unable", "impossible", "unwilling"})
_HEDGE_MODALS = frozenset({"may", "might", "could"})
_HEDGE_ADVERBS = frozenset({
    "reportedly", "allegedly", "apparently", "purportedly", "possibly", "probably", "likely",
    "unlikely", "perhaps", "seemingly", "presumably", "supposedly", "potentially",
})
_HEDGE_VERBS = frozenset({"suggest", "appear", "seem"})
# verbs of judgement that frame a sentence as someone's view, not a fact the author vouches for
_EPISTEMIC_VERBS = frozenset({"estimate", "argue", "believe", "think", "reckon", "worry", "fear",
                              "doubt", "suspect", "speculate", "contend", "guess"})
_HEDGE_PHRASES = re.compile(
    r"\b(?:(?:is|are|was|were|been|being)\s+(?:said|believed|thought|reported|rumou?red|"
    r"alleged|understood)\s+to|expected\s+to|according\s+to\s+(?:\w+\s+){0,2}reports|"
    r"reports\s+(?:indicate|suggest|say)|it\s+is\s+(?:possible|unclear|likely))\b",
    re.IGNORECASE,
)

_VAGUE_SOURCES = frozenset({
    "analyst", "expert", "observer", "critic", "official", "diplomat", "source", "commentator",
    "scholar", "insider", "researcher", "specialist", "some", "many", "others", "people",
    "economist", "strategist", "watcher", "delegate", "trader", "banker", "investor", "participant",
})
_ATTRIBUTION_LEMMAS = SPEECH_LEMMAS | {"believe", "think", "estimate", "fear", "expect", "agree"}

_ACTOR_KINDS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_OPINION_MODALS = frozenset({"should", "must", "ought"})
_SPECULATIVE_MODALS = frozenset({"could", "may", "might", "would"})
_FIRST_PERSON = frozenset({"i", "me", "my", "mine"})
_EDITORIAL_WE = frozenset({"we", "us", "our", "ours"})
_EVALUATIVE = frozenset({
    "crucial", "unacceptable", "undoubtedly", "clearly", "obviously", "profound", "formidable",
    "remarkable", "hollow", "wishful", "grim", "dangerous", "alarming", "troubling", "shocking",
    "disastrous", "terrible", "excellent", "cynical", "hypocritical", "blatant", "paramount",
    "unfortunately", "fortunately", "sadly", "foolish", "naive", "reckless", "admirable",
})
_COMPARATIVE_WORDS = re.compile(
    r"\b(?:more|less|fewer|greater|higher|lower|larger|smaller|bigger|faster|slower)\s+than\b",
    re.IGNORECASE,
)
_COMPARISON_LEMMAS = frozenset({
    "surpass", "exceed", "overtake", "outpace", "outstrip", "double", "triple", "quadruple",
    "halve", "eclipse", "top",
})
_TRAILING_CLOSERS = "”’\"')]» \t"


def extract_claims(parsed: ParsedDocument, mentions: list[Mention], times: list[TimeExpression],
                   figures: list[Figure], quotes: list[Quote]) -> list[Claim]:
    quoted = sorted((q.evidence.start, q.evidence.end) for q in quotes)
    resolver = SpeakerResolver(parsed, mentions, quoted)
    context = _Context(parsed, mentions, times, figures, quotes)
    claims = []
    for index, span in parsed.sentence_spans():
        sentence = parsed.sentences[index]
        if not _is_assertion(parsed.document.text, sentence.start, sentence.end, span):
            continue
        claims.append(_claim(parsed, resolver, context, index, span))
    return claims


# ---------------------------------------------------------------------------------------------
# Which sentences are claims


def _is_assertion(text: str, start: int, end: int, span: Span) -> bool:
    body = text[start:end].rstrip(_TRAILING_CLOSERS)
    if not body or body.endswith("?") or body.endswith(":"):
        return False
    if _is_heading(text, start, end, body):
        return False
    return any(t.pos_ in ("VERB", "AUX") for t in span)


def _is_heading(text: str, start: int, end: int, body: str) -> bool:
    """A whole line without final punctuation: a headline or a subheading."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    whole_line = not text[line_start:start].strip() and not text[end:line_end].strip()
    return whole_line and body[-1] not in ".!…;"


# ---------------------------------------------------------------------------------------------
# Per-sentence lookups


class _Context:
    """The document's records grouped by sentence, and the quotes by position."""

    def __init__(self, parsed: ParsedDocument, mentions: list[Mention],
                 times: list[TimeExpression], figures: list[Figure], quotes: list[Quote]):
        self.parsed = parsed
        self.mentions = _by_sentence(parsed, mentions)
        self.times = _by_sentence(parsed, times)
        self.figures = _by_sentence(parsed, figures)
        self.quotes: dict[int, list[Quote]] = {}  # sentence → the quotes overlapping it
        for quote in sorted(quotes, key=lambda q: (q.evidence.start, q.evidence.end, q.id)):
            first = parsed.sentence_of(quote.evidence.start)
            last = parsed.sentence_of(max(quote.evidence.start, quote.evidence.end - 1))
            for index in range(first, last + 1):
                self.quotes.setdefault(index, []).append(quote)


def _by_sentence(parsed: ParsedDocument, records: Iterable) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for record in records:
        index = parsed.sentence_of(record.evidence.start)
        grouped.setdefault(index, []).append(record)
    return grouped


# ---------------------------------------------------------------------------------------------
# One claim


def _claim(parsed: ParsedDocument, resolver: SpeakerResolver, context: _Context,
           index: int, span: Span) -> Claim:
    sentence = parsed.sentences[index]
    text = parsed.document.text
    sent = _Sentence(span, text[sentence.start:sentence.end])
    root = sent.root
    reasons: list[str] = []

    subject_token = _child(root, _SUBJECT_DEPS)
    polarity, negations = _polarity(root)
    reasons += [f"negation: {cue}" for cue in negations]
    hedges = _hedge_cues(sent)
    mentions = context.mentions.get(index, [])
    quotes = context.quotes.get(index, [])
    asserted_by, vague = _source(sent, resolver, quotes, text, sentence.start, sentence.end)
    if vague is not None and vague.governs_root:  # all second-hand: "Analysts say …"
        hedges = hedges + [(vague.start, vague.text)]
    score, score_reasons = _checkworthiness(
        sent, mentions, context.times.get(index, []), context.figures.get(index, []), quotes,
        resolver,
    )
    return Claim(
        id=stable_id("clm", parsed.document.id, sentence.start, sentence.end),
        evidence=parsed.evidence(sentence.start, sentence.end),
        subject=_phrase(subject_token) if subject_token is not None else None,
        predicate=_predicate(root),
        object=_object(root),
        polarity=polarity,
        hedged=bool(hedges),
        hedges=_merge_cues(hedges),
        asserted_by=asserted_by,
        vague_attribution=vague.text if vague is not None else None,
        checkworthiness=score,
        reasons=tuple(reasons + score_reasons),
        entities=tuple(sorted({m.local_name or m.refers_to or m.name for m in mentions})),
    )


class _Sentence:
    """A sentence's tokens, listed once: every helper walks them, and spaCy's span iteration
    and indexing are comparatively slow."""

    def __init__(self, span: Span, text: str):
        self.span = span
        self.tokens: list[Token] = list(span)
        self.root = span.root
        self.doc = span.doc
        self.start_char = span.start_char
        self.end = span.end
        self.text = text


def _child(token: Token, deps: Iterable[str]) -> Token | None:
    for dep in deps:
        for child in token.children:
            if child.dep_ == dep:
                return child
    return None


# subject, predicate, object --------------------------------------------------------------


def _predicate(root: Token) -> str | None:
    if root.pos_ not in ("VERB", "AUX"):
        return None
    particles = [c.lower_ for c in root.children if c.dep_ == "prt"]
    return " ".join([root.lemma_.lower()] + particles)


def _object(root: Token) -> str | None:
    after = [c for c in root.children if c.i > root.i]
    for dep in _OBJECT_DEPS:  # objects follow the verb; one before it is a fronted clause
        target = next((c for c in after if c.dep_ == dep), None)
        if target is not None:
            return _phrase(target)
    for child in after:
        if child.dep_ in ("prep", "agent"):
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                inner = _phrase(objects[0], MAX_PHRASE_WORDS - 1)
                return f"{child.text} {inner}" if inner else None
    return None


def _phrase(head: Token, max_words: int = MAX_PHRASE_WORDS) -> str | None:
    """The head's subtree without relative clauses, appositives and trailing punctuation."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for token in doc[start:end]:  # cut at the first clause, appositive or break after the head
        if token.i > head.i and (token.dep_ in _CUT_DEPS or token.text in _BREAKS):
            end = min(end, token.left_edge.i if token.dep_ in _CUT_DEPS else token.i)
            break
    for child in head.children:  # and drop a clause fronted before it
        if child.i < head.i and child.dep_ in _CUT_DEPS:
            start = max(start, child.right_edge.i + 1)
    tokens = [t for t in doc[start:max(start, end)]]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    words = [t for t in tokens if not t.is_punct]
    if len(words) > max_words:  # keep the head: cut around it
        head_at = next((k for k, t in enumerate(tokens) if t.i == head.i), 0)
        first = max(0, min(head_at - max_words // 2, len(tokens) - max_words))
        tokens = tokens[first: first + max_words]
    if not tokens:
        return None
    return doc[tokens[0].i: tokens[-1].i + 1].text  # (Doc.text would rebuild the whole text)


# polarity ---------------------------------------------------------------------------------


def _polarity(root: Token) -> tuple[str, list[str]]:
    heads = [root]
    if root.lemma_.lower() in _REPORTING_LEMMAS:  # "X said that China has not …"
        heads += [c for c in root.children if c.dep_ == "ccomp"]
    else:
        # "Here's the kicker: the chips were not touched": what follows the colon is asserted;
        # so is a clause the parser hung before the root ("The rules are not a ban—licences can
        # still be granted")
        colon = next((c.i for c in root.children if c.dep_ == "punct" and c.text == ":"), None)
        colon = colon if colon is not None else next((t.i for t in root.subtree if t.text == ":"), None)
        heads += [c for c in root.children if c.dep_ in ("ccomp", "parataxis")
                  and (c.i < root.i or (colon is not None and c.i > colon))]
    cues: list[str] = []
    for head in heads:
        cues += _negations(head)
    return ("negative" if len(cues) % 2 else "positive"), cues


def _negations(head: Token) -> list[str]:
    cues = []
    for child in head.children:
        if child.dep_ == "neg" or (child.lower_ in _NEGATORS and child.dep_ in ("advmod", "cc",
                                                                                  "preconj")):
            following = child.nbor(1).lower_ if child.i + 1 < len(child.doc) else ""
            if following not in ("only", "just", "merely"):  # "not only … but also" is not negation
                cues.append(child.lower_)
        elif child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr"):
            if child.lower_ in _NEGATIVE_NOUNS:
                cues.append(child.lower_)
            else:
                cues += [d.lower_ for d in child.children
                         if d.dep_ in ("det", "neg") and d.lower_ in _NEGATIVE_DETS]
        elif child.dep_ == "prep" and child.lower_ == "without" and (
                any(c.dep_ == "pcomp" for c in child.children)  # "…, without opposing it"
                or head.lemma_.lower() in ("be", "remain")):  # "is not without its strains"
            cues.append("without")
        elif child.dep_ == "acomp" and child.lower_ in _NEGATIVE_ADJECTIVES:
            cues.append(child.lower_)  # "an alliance remains unlikely"
    cue = _lexical_negation(head)
    if cue:
        cues.append(cue)
    return cues


def _lexical_negation(head: Token) -> str | None:
    lemma = head.lemma_.lower()
    children = list(head.children)
    if lemma in _NEGATIVE_VERBS:
        needed = _NEGATIVE_VERBS[lemma]
        if needed is None or any(c.dep_ == needed for c in children):
            following = [c for c in children if c.dep_ in ("prep", "xcomp") and c.i > head.i]
            extra = " from" if lemma == "refrain" and following and following[0].lower_ == "from" \
                else (" to" if following and following[0].dep_ == "xcomp" else "")
            return head.text + extra
    if lemma in ("reject", "dismiss", "deny") and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _DENIED_ASSERTIONS for c in children):
        return head.text  # "rejected suggestions that it had ordered the killing"
    if lemma == "stop" and any(c.lower_ == "short" for c in children):
        return f"{head.text} short of"
    if lemma == "have" and any(c.lower_ == "yet" for c in children) and \
            any(c.dep_ == "xcomp" for c in children):
        return f"{head.text} yet to"
    return None


# hedging ----------------------------------------------------------------------------------


def _hedge_cues(sent: _Sentence) -> list[tuple[int, str]]:
    """(position, cue) of every hedge in the sentence."""
    found: list[tuple[int, str]] = []
    for token in sent.tokens:
        lower = token.lower_
        if token.tag_ == "MD" and lower in _HEDGE_MODALS:
            found.append((token.idx, token.text))
        elif lower in _HEDGE_ADVERBS and token.pos_ in ("ADV", "ADJ") and not _is_assessment(token):
            found.append((token.idx, token.text))
        elif token.pos_ == "VERB" and token.lemma_.lower() in _HEDGE_VERBS and \
                any(c.dep_ in ("ccomp", "xcomp", "acomp", "attr") for c in token.children):
            found.append((token.idx, token.text))
        elif token.lemma_.lower() == "consider" and token.tag_ == "VBG" and \
                any(c.dep_ == "aux" and c.lemma_ == "be" for c in token.children):
            found.append((token.idx, f"{_aux_text(token)} {token.text}"))
    root = sent.root
    if root.lemma_.lower() in _EPISTEMIC_VERBS and root.pos_ == "VERB" and \
            any(c.dep_ in ("ccomp", "dobj") for c in root.children):
        found.append((root.idx, root.text))  # "Analysts estimate the real reduction at …": an opinion
    for token in sent.tokens:  # "…, according to motor club data": second-hand
        if token.lower_ == "according" and is_according_to(sent.doc, token.i) and token.head == root:
            found.append((token.idx, "according to"))
    offset = sent.start_char
    for match in _HEDGE_PHRASES.finditer(sent.text):
        found.append((offset + match.start(), match.group(0)))
    return found


def _merge_cues(found: list[tuple[int, str]]) -> tuple[str, ...]:
    """Cue words in text order, each once."""
    seen: list[str] = []
    for _, cue in sorted(found):
        if cue not in seen:
            seen.append(cue)
    return tuple(seen)


def _is_assessment(token: Token) -> bool:
    """"An alliance remains unlikely": the predicate itself is the claim (polarity), not a hedge
    on some other statement (as in "trade is likely to grow")."""
    return token.dep_ == "acomp" and token.head.dep_ == "ROOT" and \
        not any(c.dep_ in ("xcomp", "ccomp") for c in token.children)


def _aux_text(token: Token) -> str:
    auxes = [c.text for c in token.children if c.dep_ == "aux" and c.lemma_ == "be"]
    return auxes[-1] if auxes else ""


# who asserts it ---------------------------------------------------------------------------


def _source(sent: _Sentence, resolver: SpeakerResolver, quotes: list[Quote], text: str,
            start: int, end: int) -> tuple[str, str | None]:
    vague = _vague_attribution(sent, resolver)
    inside = _enclosing_quote(quotes, text, start, end)
    if inside is not None:
        return inside.speaker or "unknown", vague
    root = sent.root
    for quote in quotes:  # the sentence frames a quote: "“…,” X said." / "X says it is a “…”"
        if quote.speaker and (quote.cue == root.text or _share(quote, start, end) >= 0.5):
            return quote.speaker, vague
    reported = _reported_source(sent, resolver)
    if reported == "unknown" and vague is not None:
        reported = None  # "…, one delegate said": the author vouches for an unnamed source
    return reported or "author", vague


def _share(quote: Quote, start: int, end: int) -> float:
    overlap = min(end, quote.evidence.end) - max(start, quote.evidence.start)
    return max(0, overlap) / max(1, end - start)


def _enclosing_quote(quotes: list[Quote], text: str, start: int, end: int) -> Quote | None:
    """The quote holding every word of the sentence (marks and final punctuation aside)."""
    first = start
    while first < end and not text[first].isalnum():
        first += 1
    last = end
    while last > first and not text[last - 1].isalnum():
        last -= 1
    for quote in quotes:
        if quote.evidence.start <= first and last <= quote.evidence.end:
            return quote
    return None


def _reported_source(sent: _Sentence, resolver: SpeakerResolver) -> str | None:
    """"X said that …" (a reporting root with a clause) or "according to X"."""
    root = sent.root
    if root.lemma_.lower() in _REPORTING_LEMMAS and is_speech_verb(root) or \
            root.lemma_.lower() in ("report", "reveal", "disclose"):
        if any(c.dep_ == "neg" for c in root.children):
            return None  # "Caputo did not say when": the author states what was not said
        if any(c.dep_ == "ccomp" for c in root.children):
            speaker = resolver.from_verb(root)
            if speaker is not None:
                return speaker.name
            if any(c.dep_ == "nsubj" for c in root.children):
                return "unknown"  # "The ministry said it would act": second-hand, source not resolved
    if (data := _DATA_SHOW.search(sent.text)) is not None:  # "…, customs data show."
        return data.group("source")
    doc = sent.doc
    for token in sent.tokens:  # "according to X" must qualify the main statement, not a quote in it
        if token.lower_ == "according" and is_according_to(doc, token.i) and token.head == root:
            speaker = resolver.from_according(token)
            if speaker is not None:
                return speaker.name
    return None


# a statement credited to records at its end: "…, customs data show."
_DATA_SHOW = re.compile(r",\s+(?P<source>(?:[\w’'-]+\s+){0,3}(?:data|figures|statistics|records|filings))\s+"
                        r"(?:show|showed|shows|suggest|suggested|suggests|indicate|indicated|indicates)\W*$", re.I)


@dataclass(frozen=True)
class _Vague:
    text: str  # "analysts say", "according to experts"
    start: int
    governs_root: bool  # the attribution frames the sentence's main statement


def _vague_attribution(sent: _Sentence, resolver: SpeakerResolver) -> _Vague | None:
    doc = sent.doc
    root = sent.root
    for token in sent.tokens:
        if token.lower_ == "according" and is_according_to(doc, token.i) and token.i + 1 < sent.end:
            objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            if objects and _is_vague_source(objects[0], resolver):
                words = doc[token.i: objects[0].i + 1]
                return _Vague(words.text, words.start_char, token.head == root)
        if token.dep_ in ("nsubj", "nsubjpass") and _is_vague_source(token, resolver) and \
                token.head.lemma_.lower() in _ATTRIBUTION_LEMMAS and token.head.pos_ == "VERB":
            verb = token.head
            governs = verb == root and any(c.dep_ == "ccomp" for c in verb.children)
            if token.i > verb.i:  # "…, said officials"
                words = doc[verb.i: token.i + 1]
                return _Vague(words.text, words.start_char, governs)
            first = token.i
            while first > token.left_edge.i and doc[first - 1].dep_ in ("amod", "det",
                                                                        "compound", "nmod"):
                first -= 1
            if verb.i - first > 8:
                return _Vague(f"{token.text} {verb.text}", token.idx, governs)
            words = doc[first: verb.i + 1]
            return _Vague(words.text, words.start_char, governs)
    return None


def _is_vague_source(token: Token, resolver: SpeakerResolver) -> bool:
    if token.lemma_.lower() not in _VAGUE_SOURCES and token.lower_ not in _VAGUE_SOURCES:
        return False
    mention = resolver.mention_at(token)
    if mention is not None and mention.kind == "PERSON":
        return False
    return not any(
        c.dep_ in ("appos", "compound") and (m := resolver.mention_at(c)) is not None
        and m.kind == "PERSON" for c in token.children
    )


# checkworthiness --------------------------------------------------------------------------


def _checkworthiness(sent: _Sentence, mentions: list[Mention], times: list[TimeExpression],
                     figures: list[Figure], quotes: list[Quote],
                     resolver: SpeakerResolver) -> tuple[float, list[str]]:
    terms: list[tuple[str, str]] = []  # (weight key, reason detail)
    if figures:
        terms.append(("figure", figures[0].evidence.text))
    if times:
        terms.append(("date", times[0].evidence.text))
    actor = _acting_actor(sent, resolver)
    if actor:
        terms.append(("actor", actor))
    comparison = _comparison(sent)
    if comparison:
        terms.append(("comparison", comparison))
    named = [q for q in quotes if q.speaker]
    if named:
        terms.append(("named quote", named[0].speaker or ""))
    opinion = _opinion(sent, quotes)
    if opinion:
        terms.append(("opinion", opinion))
    forecast = _forecast(sent)
    if forecast:
        terms.append(("speculation", forecast))
    evaluative = next((t.text for t in sent.tokens if t.lower_ in _EVALUATIVE), None)
    if evaluative:
        terms.append(("evaluative", evaluative))
    if not mentions and not figures and not times:
        terms.append(("generic", "no actor, figure or date"))
    words = sum(1 for t in sent.tokens if not t.is_punct and not t.is_space)
    if words < SHORT_WORDS:
        terms.append(("short", f"{words} words"))
    score = BASE + sum(WEIGHTS[key] for key, _ in terms)
    reasons = [f"{WEIGHTS[key]:+.2f} {key}: {detail}" for key, detail in terms]
    return round(min(1.0, max(0.0, score)), 2), reasons


def _acting_actor(sent: _Sentence, resolver: SpeakerResolver) -> str | None:
    """A named actor as the subject of an action verb (not a bare copula)."""
    for token in sent.tokens:
        if token.head.pos_ != "VERB" or token.dep_ not in ("nsubj", "nsubjpass", "agent") and not (
                # "TEPCO said …" parsed with "TEPCO" as an adverb of a verb that has no subject
                token.dep_ in ("advmod", "npadvmod") and subject_taken_for_modifier(token.head) == token):
            continue
        mention = resolver.mention_at(token)
        if mention is None:
            # "He did not mention Prigozhin", "The defence ministry has not confirmed any losses":
            # a person the pronoun stands for, an institution a description names
            speaker = resolver.from_noun(token) if token.lower_ in ("he", "she") or token.pos_ in ("NOUN", "PROPN") else None
            if speaker is not None and (speaker.mention is None or speaker.mention.kind in _ACTOR_KINDS):
                return speaker.name
            continue
        if mention.kind not in _ACTOR_KINDS:
            continue
        return resolver.name_of(mention)
    return None


def _comparison(sent: _Sentence) -> str | None:
    match = _COMPARATIVE_WORDS.search(sent.text)
    if match:
        return match.group(0)
    for token in sent.tokens:
        if token.tag_ in ("JJS", "RBS") or token.lemma_.lower() in _COMPARISON_LEMMAS \
                and token.pos_ == "VERB":
            return token.text
    return None


def _forecast(sent: _Sentence) -> str | None:
    """The main statement is a possibility, not a fact to check yet ("Brent could retest $100",
    "the minister said the cut could be extended", "Democrats worry that prices may hurt them")."""
    root = sent.root
    heads = [root]
    if root.lemma_.lower() in _ATTRIBUTION_LEMMAS | {"worry", "fear", "warn", "hope"} \
            and not any(c.dep_ == "neg" for c in root.children):  # ("did not say what … would be")
        heads += [c for c in root.children if c.dep_ == "ccomp"]
    for head in heads:
        for child in head.children:
            if child.dep_ == "aux" and child.tag_ == "MD" and child.lower_ in _SPECULATIVE_MODALS:
                return child.text
    return None


def _opinion(sent: _Sentence, quotes: list[Quote]) -> str | None:
    """should/must, first person singular, or the author's editorial "we" (outside quotes)."""
    for token in sent.tokens:
        lower = token.lower_
        if token.tag_ == "MD" and lower in _OPINION_MODALS:
            return token.text
        if token.pos_ == "PRON" and lower in _FIRST_PERSON:
            return token.text
        if token.pos_ == "PRON" and lower in _EDITORIAL_WE and \
                not any(q.evidence.start <= token.idx < q.evidence.end for q in quotes):
            return token.text
    return None
