"""`python -m claimgraph.eval {extraction,alignment,agreement,recognizers,ecbplus,all,validate} [--corpus DIR] [--json]`

- extraction: precision/recall/F1 per record type on `examples/` (the tuning corpus) and
  `eval/heldout/` (written separately and not looked at while developing);
- alignment: pairwise same-fact precision/recall, conflict recall, false conflicts on traps;
- agreement: figure periods as a second annotator dated them, against gold (the ceiling for
  exact-period scores);
- recognizers: figures and dates on Microsoft Recognizers-Text's English specs (text nobody here wrote);
- ecbplus: cross-document event chains on ECB+ (B³, CoNLL F1) against a same-lemma baseline;
- validate: check a gold file against its corpus (every text in its file's body, field values
  as docs/gold-format.md gives them) without running the extraction; exit code 1 on problems.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared" / "corpora"
DEFAULT_CORPORA = [REPO / "examples", REPO / "eval" / "heldout"]
AGREEMENT = REPO / "eval" / "agreement"  # second annotators' work, outside the corpus folders


def _corpora(args) -> list[Path]:
    return [Path(c) for c in args.corpus] if args.corpus else [c for c in DEFAULT_CORPORA if c.is_dir()]


def _table(title: str, rows: dict[str, dict]) -> str:
    lines = [f"\n{title}", f"{'':12} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}"]
    for name, s in rows.items():
        lines.append(f"{name:12} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                     f"{s['tp']:5d} {s['predicted']:5d} {s['gold']:5d}")
    return "\n".join(lines)


def extraction(args) -> dict:
    from .gold import Corpus, extraction_scores

    results = {}
    for folder in _corpora(args):
        errors: dict[str, list[str]] | None = {} if args.errors else None
        results[folder.name] = extraction_scores(Corpus(folder), errors)
        if not args.json:
            print(_table(f"extraction — {folder}", results[folder.name]))
            for kind, lines in (errors or {}).items():
                print(f"\n{kind} errors:", *lines, sep="\n  ")
    return results


def alignment(args) -> dict:
    from .gold import Corpus, alignment_scores

    results = {}
    for folder in _corpora(args):
        errors: list[str] | None = [] if args.errors else None
        scores = alignment_scores(Corpus(folder), errors)
        results[folder.name] = scores
        if not args.json:
            print(_table(f"alignment — {folder}", {"same-fact pairs": scores["pairwise"]}))
            for line in errors or ():
                print(f"  {line}")
            c, t = scores["conflicts"], scores["false_conflicts_on_traps"]
            print(f"conflicts: {c['found']}/{c['gold']} gold conflicts found (recall {c['recall']:.3f}); "
                  f"{c['predicted']} reported, {c['not_in_gold']} not in gold")
            print(f"traps: {t['false_conflicts']} false conflicts on {t['traps']} traps")
            for why in t["which"]:
                print(f"  false conflict on trap: {why}")
            for text in scores["unmatched_conflicts"]:
                print(f"  reported, not in gold: {text}")
            print(f"source groups: {scores['source_groups']}")
    return results


def validate(args) -> dict:
    from .validate import validate_corpus

    results = {}
    for folder in _corpora(args):
        problems = validate_corpus(folder)
        results[folder.name] = [str(p) for p in problems]
        if not args.json:
            print(f"{folder.name}: {len(problems)} problem(s) in gold.json")
            for problem in problems:
                print(f"  {problem}")
    return results


def agreement(args) -> dict:
    """Figure periods: a second annotator against gold, where a corpus has one."""
    from .gold import period_agreement

    folders = _corpora(args) if args.corpus else sorted(p for p in (REPO / "eval").iterdir() if p.is_dir())
    results = {folder.name: found for folder in folders
               if (found := period_agreement(folder, AGREEMENT / f"{folder.name}-periods.json")) is not None}
    if not args.json:
        print(f"\nfigure periods, second annotator vs gold\n{'':12} {'exact':>7} {'overlap':>8} {'figures':>8}")
        for name, r in results.items():
            print(f"{name:12} {r['exact']:7.3f} {r['overlapping']:8.3f} {r['figures']:8d}")
    return results


def recognizers(args) -> dict:
    spec_dir = SHARED / "recognizers-text-specs"
    results = {}
    try:
        from . import recognizers_figures

        results["figures"] = recognizers_figures.evaluate(spec_dir)
    except ImportError as exc:
        results["figures"] = {"error": str(exc)}
    try:
        from . import recognizers_dates

        results["dates"] = recognizers_dates.evaluate(spec_dir)
    except ImportError as exc:
        results["dates"] = {"error": str(exc)}
    if not args.json:
        print(json.dumps(results, indent=2))
    return results


def ecbplus(args) -> dict:
    from . import ecbplus as ecb

    result = ecb.evaluate(SHARED / "ecbplus" / "ECB+_LREC2014", limit_topics=args.limit_topics)
    if not args.json:
        print(json.dumps(result, indent=2))
    return result


COMMANDS = {"extraction": extraction, "alignment": alignment, "agreement": agreement,
            "recognizers": recognizers, "ecbplus": ecbplus}
# not part of "all": a check of the gold files, not a score
CHECKS = {"validate": validate}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claimgraph.eval", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=[*COMMANDS, *CHECKS, "all"])
    parser.add_argument("--corpus", action="append", help="corpus folder with gold.json (repeatable)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--errors", action="store_true",
                        help="extraction and alignment: list missed and spurious records or same-fact "
                             "pairs (not on a held-out corpus: reading its errors makes it tuning data)")
    parser.add_argument("--limit-topics", type=int, default=None, help="ECB+: only the first N topics")
    args = parser.parse_args(argv)
    if args.what in CHECKS:
        results = CHECKS[args.what](args)
        if args.json:
            print(json.dumps(results, indent=2, sort_keys=True))
        return 1 if any(results.values()) else 0
    chosen = list(COMMANDS) if args.what == "all" else [args.what]
    results = {name: COMMANDS[name](args) for name in chosen}
    if args.json:
        print(json.dumps(results, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
