"""Score a report.json against gold annotations (docs/gold-format.md).

Gold records are located by file + exact text; a predicted record matches a gold one when it comes
from the same document and its evidence span overlaps one of the places the gold text occurs.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from ..ingest import MetadataManifest
from ..pipeline import run
from ..store import Store


@dataclass
class Score:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.true_positives, "predicted": self.predicted, "gold": self.gold}


class Corpus:
    """A corpus analysed into a throwaway database: its report and document texts, plus gold."""

    def __init__(self, folder: Path, gold_path: Path | None = None):
        self.folder = folder
        gold_path = gold_path or folder / "gold.json"
        self.gold = json.loads(gold_path.read_text(encoding="utf-8"))
        # the documents' metadata as the corpus author lists it, given the way a user would give
        # it (`--metadata`): a plain-text file without a dateline has no date of its own
        metadata = MetadataManifest.load(gold_path) if self.gold.get("documents") else None
        with tempfile.TemporaryDirectory() as tmp:
            run([folder], Path(tmp) / "eval.db", Path(tmp) / "out", metadata=metadata)
            self.report = json.loads((Path(tmp) / "out" / "report.json").read_text(encoding="utf-8"))
            store = Store(Path(tmp) / "eval.db")
            self.texts = {d.id: d.text for d in store.documents()}
            store.close()
        self.doc_of_file = {Path(d["path"]).name: d["id"] for d in self.report["documents"]}
        self.file_of_doc = {doc_id: file for file, doc_id in self.doc_of_file.items()}

    def spans(self, file: str, text: str) -> list[tuple[str, int, int]]:
        doc_id = self.doc_of_file.get(file)
        if doc_id is None:
            return []
        return [(doc_id, m.start(), m.end()) for m in re.finditer(re.escape(text), self.texts[doc_id])]

    def overlapping(self, items: Iterable[dict[str, Any]], file: str, text: str) -> list[dict[str, Any]]:
        spans = self.spans(file, text)
        return [item for item in items if any(_overlaps(ev, span) for ev in item["evidence"] for span in spans)]


def _overlaps(evidence: dict[str, Any], span: tuple[str, int, int]) -> bool:
    doc_id, start, end = span
    return evidence["doc_id"] == doc_id and evidence["start"] < end and start < evidence["end"]


def _norm(name: str | None) -> str:
    return " ".join((name or "").lower().replace("the ", "").split())


def _same_value(a: float | None, b: float | None) -> bool:
    """The same magnitude: annotators write a fall as "4.7" or as "-4.7", and a third as 33.3
    (the prediction rounded to gold's decimals) (docs/gold-format.md)."""
    if a is None or b is None:
        return a is b
    a, b = abs(a), abs(b)
    if abs(a - b) <= 1e-6 * max(1.0, a, b):
        return True
    decimals = len(repr(float(b)).partition(".")[2].rstrip("0"))
    return 0 < decimals <= 3 and "e" not in repr(float(b)) and round(a, decimals) == round(b, decimals)


def _match(corpus: Corpus, predicted: list[dict], gold: list[dict], correct,
           errors: list[str] | None = None) -> Score:
    """Greedy one-to-one: each gold record takes the first overlapping, correct, unused prediction.
    With `errors`, every missed gold record and every unmatched prediction is described there."""
    used: set[str] = set()
    hits = 0
    for item in gold:
        overlapping = corpus.overlapping(predicted, item["file"], item["text"])
        for candidate in overlapping:
            if candidate["id"] not in used and correct(candidate, item):
                used.add(candidate["id"])
                hits += 1
                break
        else:
            if errors is not None:
                errors.append(f"missed {item['file']}: {_brief(item)}")
                errors.extend(f"    near: {_brief(c)}" for c in overlapping)
    if errors is not None:
        errors.extend(f"spurious {corpus.file_of_doc.get(p['evidence'][0]['doc_id'], '?')}: {_brief(p)}"
                      for p in predicted if p["id"] not in used
                      and not any(p in corpus.overlapping([p], g["file"], g["text"]) for g in gold))
    return Score(hits, len(predicted), len(gold))


_BRIEF_FIELDS = ("value", "unit", "period", "precision", "date", "trigger", "type", "speaker", "actors")


def _brief(record: dict) -> str:
    text = record.get("text") or (record.get("evidence") or [{}])[0].get("text", "")
    fields = {k: record[k] for k in _BRIEF_FIELDS if k in record}
    if "actors" in fields and record.get("actors") and isinstance(record["actors"][0], dict):
        fields["actors"] = [a.get("name") for a in record["actors"]]
    return f"{text[:70]!r} {fields}"


# Extraction ----------------------------------------------------------------------------------


def extraction_scores(corpus: Corpus, errors: dict[str, list[str]] | None = None) -> dict[str, dict]:
    """Scores per record type; with `errors`, the mismatches of figures, dates, events, quotes and
    claims."""
    report, gold = corpus.report, corpus.gold

    def collect(kind: str) -> list[str] | None:
        return None if errors is None else errors.setdefault(kind, [])

    # gold leaves out negated non-events ("did not sign"); claimgraph keeps them, marked
    # `negated`, because "did" against "did not" is a conflict to find
    events = [e for e in report["events"] if not e.get("negated")]

    return {
        "entities": entity_score(corpus).as_dict(),
        "figures": _match(corpus, report["figures"], gold["figures"], _figure_correct,
                          collect("figures")).as_dict(),
        "figures_period_overlap": _match(corpus, report["figures"], gold["figures"],
                                         _figure_period_overlaps).as_dict(),
        "figures_value_unit": _match(corpus, report["figures"], gold["figures"],
                                     lambda p, g: _same_value(p["value"], g["value"])
                                     and _same_unit(p["unit"], g["unit"])).as_dict(),
        "dates": _match(corpus, report["times"], gold["dates"],
                        lambda p, g: g["value"] in _date_values(p) and (g["value"] is not None or
                                                                       p["precision"] == "unknown"),
                        collect("dates")).as_dict(),
        # the timeline: dated predictions against dated gold events (the issue's "events with
        # date"); events_all counts every prediction against every gold event
        "events": _match(corpus, [e for e in events if e["date"]],
                         [e for e in gold["events"] if e.get("date")],
                         lambda p, g: p["date"] == g["date"], collect("events")).as_dict(),
        "events_all": _match(corpus, events, gold["events"],
                             lambda p, g: p["date"] == g["date"]).as_dict(),
        "events_span": _match(corpus, events, gold["events"], lambda p, g: True).as_dict(),
        "quotes": _match(corpus, report["quotes"], gold["quotes"],
                         lambda p, g: any(_speaker_matches(corpus, name, g["speaker"])
                                          for name in _speaker_names(p)),
                         collect("quotes")).as_dict(),
        "quotes_span": _match(corpus, report["quotes"], gold["quotes"], lambda p, g: True).as_dict(),
        "claims": claim_score(corpus, errors=collect("claims")).as_dict(),
    }


def _date_values(time: dict) -> tuple[str | None, ...]:
    """A time expression's value as gold writes it: a range as "start/end" (docs/gold-format.md),
    or either end where the annotator marked the two ends of "from May through the end of 2023"
    as two dates."""
    if time.get("value") and time.get("end"):
        return f"{time['value']}/{time['end']}", time["value"], time["end"]
    return (time["value"],)


# spellings of a unit that annotators use for the codes of docs/gold-format.md
UNIT_ALIASES = {"barrels": "barrel", "barrels_per_day": "barrel_per_day", "bpd": "barrel_per_day",
                "kilometre": "km", "kilometer": "km", "miles": "mile", "percentage_points": "percentage_point"}


def _same_unit(predicted: str | None, gold: str | None) -> bool:
    return UNIT_ALIASES.get(predicted or "", predicted) == UNIT_ALIASES.get(gold or "", gold)


def _period_bounds(period: str) -> tuple[str, str]:
    from ..align import date_bounds

    first, _, last = period.partition("/")
    return date_bounds(first)[0], date_bounds(last or first)[1]


def _figure_period_overlaps(predicted: dict, gold: dict) -> bool:
    """Right value and unit, and a period that overlaps gold's ("2023" and "2023-05/2023-12"):
    annotators date figures at very different precisions, so exact match is a harsh measure."""
    if not (_same_value(predicted["value"], gold["value"]) and _same_unit(predicted["unit"], gold["unit"])):
        return False
    a, b = predicted["period"] or None, gold.get("period") or None
    if a is None or b is None:
        return a is b
    return _periods_overlap(a, b)


def period_agreement(folder: Path, second_path: Path) -> dict[str, Any] | None:
    """How often a second annotator dates the gold figures as gold does (exact, and overlapping),
    from their periods in `second_path`: the ceiling that exact-period scores are read against."""
    if not second_path.is_file():
        return None
    gold = {(f["file"], f["text"]): f.get("period") or None
            for f in json.loads((folder / "gold.json").read_text(encoding="utf-8"))["figures"]}
    second = [(f["file"], f["text"], f.get("period") or None)
              for f in json.loads(second_path.read_text(encoding="utf-8"))["figures"]]
    both = [(gold[(file, text)], period) for file, text, period in second if (file, text) in gold]
    exact = sum(a == b for a, b in both)
    overlapping = sum(a is b if a is None or b is None else _periods_overlap(a, b) for a, b in both)
    n = max(1, len(both))
    return {"figures": len(both), "exact": round(exact / n, 3), "overlapping": round(overlapping / n, 3)}


def _periods_overlap(a: str, b: str) -> bool:
    (a0, a1), (b0, b1) = _period_bounds(a), _period_bounds(b)
    return a0 <= b1 and b0 <= a1


def _figure_correct(predicted: dict, gold: dict) -> bool:
    return (_same_value(predicted["value"], gold["value"]) and _same_unit(predicted["unit"], gold["unit"])
            and (predicted["period"] or None) == (gold.get("period") or None))


def _speaker_names(quote: dict) -> list[str | None]:
    """The speaker as written and, when resolved, its entity's canonical name; each of joint
    speakers ("the Ministry of Commerce and the General Administration of Customs said")."""
    entity = quote.get("speaker_entity") or {}
    names = [quote["speaker"], *([entity["name"]] if entity.get("name") else [])]
    if not quote["speaker"] and quote.get("speaker_description"):  # "one freight forwarder"
        names.append(re.sub(r"^(?:a|an|the|one)\s+", "", quote["speaker_description"], flags=re.I))
    joint = [part for name in names if name and " and " in name for part in name.split(" and ")]
    return names + joint


def _speaker_matches(corpus: Corpus, predicted: str | None, gold: str | None) -> bool:
    if not predicted or not gold:
        return predicted == gold
    if _norm(predicted) == _norm(gold):
        return True
    for entity in corpus.gold["entities"]:
        names = {_norm(entity["name"]), *(_norm(a) for a in entity["aliases"])}
        if _norm(gold) in names and _norm(predicted) in names:
            return True
    return _same_description(predicted, gold)


_FUNCTION_WORDS = frozenset({"a", "an", "the", "one", "of", "at", "in", "for", "from", "with", "who", "to"})


def _description_words(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", re.sub(r"[’']s\b", "", text.lower()))  # "Japan's" and "Japan’s" alike
    return {w for w in words if w not in _FUNCTION_WORDS}


def _same_description(predicted: str, gold: str) -> bool:
    """Unnamed speakers described at different lengths ("a union official" and "union official
    who asked not to be named"): at least two content words in common, and at least half of the
    shorter description's ("trader" is no "bond trader at a bank")."""
    a, b = _description_words(predicted), _description_words(gold)
    common = len(a & b)
    return common >= 2 and 2 * common >= min(len(a), len(b)) or bool(a) and a == b


def entity_score(corpus: Corpus) -> Score:
    """Entities after resolution. A predicted entity is *relevant* when one of its names or aliases
    is a gold alias; it is *correct* when all its gold-alias names belong to one gold entity (no
    wrong merge) and it is the first predicted entity for that gold entity (no split)."""
    gold_of: dict[str, int] = {}
    for index, entity in enumerate(corpus.gold["entities"]):
        for name in {entity["name"], *entity["aliases"]}:
            gold_of.setdefault(_norm(name), index)
    relevant, correct, found = 0, 0, set()
    for entity in corpus.report["entities"]:
        names = {_norm(entity["name"]), *(_norm(a) for a in entity["aliases"])}
        golds = {gold_of[n] for n in names if n in gold_of}
        if not golds:
            continue
        relevant += 1
        if len(golds) == 1 and (target := golds.pop()) not in found:
            found.add(target)
            correct += 1
    return Score(correct, relevant, len(corpus.gold["entities"]))


def claim_score(corpus: Corpus, threshold: float = 0.5, errors: list[str] | None = None) -> Score:
    """Check-worthiness on the gold claim sentences: a claim is 'predicted check-worthy' at
    checkworthiness ≥ threshold, and correct when polarity and hedging also agree with gold."""
    hits = predicted = gold_positive = 0
    for item in corpus.gold["claims"]:
        claims = corpus.overlapping(corpus.report["claims"], item["file"], item["text"])
        claim = max(claims, key=lambda c: c["checkworthiness"], default=None)
        is_predicted = claim is not None and claim["checkworthiness"] >= threshold
        predicted += is_predicted
        gold_positive += bool(item["checkworthy"])
        agrees = is_predicted and claim["polarity"] == item.get("polarity", "positive") \
            and _second_hand_or_hedged(claim) == bool(item.get("hedged", False))
        if agrees and item["checkworthy"]:
            hits += 1
        elif errors is not None and (is_predicted or item["checkworthy"]):
            found = "no claim" if claim is None else (
                f"checkworthiness {claim['checkworthiness']:.2f} ({claim.get('reason') or ''}), "
                f"polarity {claim['polarity']}, hedged {bool(claim['hedged'])}, "
                f"asserted by {claim.get('asserted_by')}")
            wanted = f"checkworthy {item['checkworthy']}, polarity {item.get('polarity', 'positive')}, " \
                     f"hedged {bool(item.get('hedged', False))}"
            errors.append(f"{item['file']}: {item['text'][:110]!r}\n      gold: {wanted}\n      got:  {found}")
    return Score(hits, predicted, gold_positive)


def _second_hand_or_hedged(claim: dict) -> bool:
    """Gold's `hedged` is "uncertain or second-hand" (docs/gold-format.md); claimgraph keeps the
    two apart: `hedged` for uncertainty, `asserted_by` for a claim someone else makes."""
    return bool(claim["hedged"]) or claim.get("asserted_by", "author") != "author"


# Triangulation -------------------------------------------------------------------------------

RECORD_KEYS = ("figures", "times", "events", "quotes", "claims")


def _records_at(corpus: Corpus, member: dict) -> set[str]:
    found = set()
    for key in RECORD_KEYS:
        found.update(item["id"] for item in corpus.overlapping(corpus.report[key], member["file"], member["text"]))
    return found


def alignment_scores(corpus: Corpus, errors: list[str] | None = None) -> dict[str, Any]:
    """Pairwise same-fact scores over the gold facts' and conflicts' members; with `errors`, the
    missed pairs (gold says one fact, no predicted fact holds both) and the spurious ones."""
    report, gold = corpus.report, corpus.gold
    fact_of: dict[str, set[str]] = {}
    for fact in report["facts"]:
        for member in fact["members"]:
            fact_of.setdefault(member["record_id"], set()).add(fact["id"])
    # Times that sit inside an aligned event take that event's facts (dates are stated in events).
    for time in report["times"]:
        ev = time["evidence"][0]
        for event in report["events"]:
            e = event["evidence"][0]
            if e["doc_id"] == ev["doc_id"] and e["sentence"] == ev["sentence"]:
                fact_of.setdefault(time["id"], set()).update(fact_of.get(event["id"], set()))

    def facts_at(member: dict) -> set[str]:
        return {f for r in _records_at(corpus, member) for f in fact_of.get(r, set())}

    gold_sets = [fact["members"] for fact in gold["facts"]] + [c["members"] for c in gold["conflicts"]]
    members = {(m["file"], m["text"]): m for group in gold_sets for m in group}
    same_gold = set()
    for group in gold_sets:
        keys = sorted({(m["file"], m["text"]) for m in group})
        same_gold.update((a, b) for a, b in combinations(keys, 2) if a[0] != b[0])
    facts = {key: facts_at(m) for key, m in members.items()}
    pairs = [(a, b) for a, b in combinations(sorted(members), 2) if a[0] != b[0]]
    predicted_same = {(a, b) for a, b in pairs if facts[a] & facts[b]}
    tp = len(predicted_same & same_gold)
    pairwise = Score(tp, len(predicted_same), len(same_gold))
    if errors is not None:
        def show(key: tuple[str, str]) -> str:
            return f"{key[0]}: {key[1][:70]!r}"
        errors += [f"missed   {show(a)}\n      and {show(b)}" for a, b in sorted(same_gold - predicted_same)]
        errors += [f"spurious {show(a)}\n      and {show(b)}" for a, b in sorted(predicted_same - same_gold)]
    return {"pairwise": pairwise.as_dict(), **conflict_scores(corpus), **source_group_score(corpus)}


def conflict_scores(corpus: Corpus) -> dict[str, Any]:
    report, gold = corpus.report, corpus.gold

    def touches(conflict: dict, member: dict) -> bool:
        spans = corpus.spans(member["file"], member["text"])
        return any(_overlaps(m["evidence"], span) for m in conflict["members"] for span in spans)

    found = 0
    matched_predictions = set()
    for item in gold["conflicts"]:
        for conflict in report["conflicts"]:
            files = {m["file"] for m in item["members"] if touches(conflict, m)}
            if conflict["kind"] == item["kind"] and len(files) >= 2:
                found += 1
                matched_predictions.add(conflict["id"])
                break
    trap_hits = [trap["why"] for trap in gold.get("traps", [])
                 if any(all(touches(c, m) for m in trap["members"]) for c in report["conflicts"])]
    unmatched = [c["explanation"] for c in report["conflicts"] if c["id"] not in matched_predictions]
    return {
        "conflicts": {"gold": len(gold["conflicts"]), "found": found,
                      "recall": round(found / len(gold["conflicts"]), 3) if gold["conflicts"] else 1.0,
                      "predicted": len(report["conflicts"]), "not_in_gold": len(unmatched)},
        "false_conflicts_on_traps": {"traps": len(gold.get("traps", [])), "false_conflicts": len(trap_hits),
                                     "which": trap_hits},
        "unmatched_conflicts": unmatched,
    }


def source_group_score(corpus: Corpus) -> dict[str, Any]:
    group_of = {Path(d["path"]).name: d["source_group"] for d in corpus.report["documents"]}
    gold_groups = [sorted(g) for g in corpus.gold.get("source_groups", [])]
    grouped = {f for g in gold_groups for f in g}
    correct = all(len({group_of.get(f) for f in g}) == 1 for g in gold_groups)
    singletons = [f for f in group_of if f not in grouped]
    no_false_merge = len({group_of[f] for f in singletons}) == len(singletons)
    return {"source_groups": {"gold_groups_found": correct, "no_false_merges": no_false_merge}}
