"""Figure-extraction benchmark: score `claimgraph.extract.extract_claims` against the
hand-annotated gold in tests/gold/ (see tests/gold/README.md for the annotation rules).

    .venv/bin/python benchmarks/figures.py [--split dev|test|all] [--verbose]

A predicted quantity claim matches a gold figure when low, high and counts are equal
(greedy, one-to-one per item). Precision, recall and F1 are computed over those matches;
qualifier, claimant, chain, stance and subject accuracies over the matched pairs.

`score(gold_items, predict)` is importable for tests: `predict(text)` may return
claimgraph Claims, contract-shaped JSON dicts, gold-shaped dicts or `Figure`s.
"""

# No `from __future__ import annotations`: with string annotations, dataclasses look the
# module up in sys.modules, which fails when a test loads this file by path without
# registering it first.
import argparse
import datetime
import importlib
import json
import math
import os
import platform
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GOLD_DIR = Path(__file__).resolve().parent.parent / "tests" / "gold"
SPLITS = ("dev", "test")
ATTRIBUTES = ("qualifier", "claimant", "chain", "stance", "subject")


@dataclass(frozen=True, slots=True)
class Figure:
    low: float | None
    high: float | None
    qualifier: str | None
    counts: str | None
    subject: str | None
    text: str
    claimant: str | None
    chain: tuple[str, ...]
    stance: str | None


@dataclass(slots=True)
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Report:
    items: int = 0
    seconds: float = 0.0
    overall: Tally = field(default_factory=Tally)
    by_style: dict[str, Tally] = field(default_factory=dict)
    by_counts: dict[str, Tally] = field(default_factory=dict)
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    misses: list[tuple[str, str, Figure]] = field(default_factory=list)
    false_positives: list[tuple[str, str, Figure]] = field(default_factory=list)
    wrong: list[tuple[str, str, str, Figure, Figure]] = field(default_factory=list)

    def accuracy(self, attribute: str) -> float:
        return self.correct[attribute] / self.overall.tp if self.overall.tp else 0.0


# --- converting predictions and gold to Figures -------------------------------------------


def _value(x: Any) -> str | None:
    """An enum's value or a plain string; None stays None."""
    if x is None:
        return None
    return str(getattr(x, "value", x))


def _number(x: Any) -> float | None:
    return None if x is None else float(x)


def _name(x: Any) -> str | None:
    """An actor or chain link (object or dict) or a plain name, as a name."""
    if x is None or isinstance(x, str):
        return x or None
    if isinstance(x, Mapping):
        return _name(x.get("name"))
    return _name(getattr(x, "name", None))


def _figure(q: Any, claimant: Any, chain: Any, stance: Any) -> Figure:
    get: Callable[[str], Any] = q.get if isinstance(q, Mapping) else lambda k: getattr(q, k)
    return Figure(
        low=_number(get("low")),
        high=_number(get("high")),
        qualifier=_value(get("qualifier")),
        counts=_value(get("counts")),
        subject=get("subject") or None,
        text=str(get("text") or ""),
        claimant=_name(claimant),
        chain=tuple(n for n in (_name(link) for link in chain or ()) if n),
        stance=_value(stance),
    )


def to_figure(x: Any) -> Figure | None:
    """A Figure from a Claim, a contract JSON claim, a gold figure dict or a Figure;
    None for anything that is not a quantity claim."""
    if isinstance(x, Figure):
        return x
    if isinstance(x, Mapping):
        if "quantity" in x:
            if x.get("kind", "quantity") != "quantity" or x["quantity"] is None:
                return None
            return _figure(x["quantity"], x.get("claimant"), x.get("chain"), x.get("stance"))
        return _figure(x, x.get("claimant"), x.get("chain"), x.get("stance"))
    if getattr(x, "kind", None) != "quantity" or getattr(x, "quantity", None) is None:
        return None
    return _figure(x.quantity, x.claimant, x.chain, x.stance)


# --- comparing ------------------------------------------------------------------------------


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def same_value(gold: Figure, pred: Figure) -> bool:
    """The match criterion: low, high and counts equal."""
    return (
        _same_number(gold.low, pred.low)
        and _same_number(gold.high, pred.high)
        and gold.counts == pred.counts
    )


def _norm(s: str) -> str:
    s = " ".join(s.casefold().split())
    for article in ("the ", "a ", "an "):
        if s.startswith(article):
            return s[len(article) :]
    return s


def names_match(gold: str | None, pred: str | None) -> bool:
    """Case-insensitive containment either way; both null is a match."""
    if gold is None or pred is None:
        return gold is None and pred is None
    g, p = _norm(gold), _norm(pred)
    return g in p or p in g


def attribute_hits(gold: Figure, pred: Figure) -> dict[str, bool]:
    return {
        "qualifier": gold.qualifier == pred.qualifier,
        "claimant": names_match(gold.claimant, pred.claimant),
        "chain": len(gold.chain) == len(pred.chain)
        and all(names_match(g, p) for g, p in zip(gold.chain, pred.chain, strict=True)),
        "stance": gold.stance == pred.stance,
        "subject": names_match(gold.subject, pred.subject),
    }


def match(gold: Sequence[Figure], pred: Sequence[Figure]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching in gold order; among predictions with the same value the
    one agreeing on most attributes wins (first on ties)."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for gi, g in enumerate(gold):
        candidates = [pi for pi, p in enumerate(pred) if pi not in used and same_value(g, p)]
        if not candidates:
            continue
        best = max(candidates, key=lambda pi: (sum(attribute_hits(g, pred[pi]).values()), -pi))
        used.add(best)
        pairs.append((gi, best))
    return pairs


# --- scoring --------------------------------------------------------------------------------


def _count(report: Report, style: str, counts: str | None, outcome: str) -> None:
    for tally in (
        report.overall,
        report.by_style.setdefault(style, Tally()),
        report.by_counts.setdefault(counts or "?", Tally()),
    ):
        setattr(tally, outcome, getattr(tally, outcome) + 1)


def _score_item(report: Report, item: Mapping[str, Any], predicted: Iterable[Any]) -> None:
    style, text = str(item["style"]), str(item["text"])
    gold = [f for f in (to_figure(g) for g in item["figures"]) if f is not None]
    pred = [f for f in (to_figure(p) for p in predicted) if f is not None]
    pairs = match(gold, pred)
    for gi, pi in pairs:
        _count(report, style, gold[gi].counts, "tp")
        for attribute, hit in attribute_hits(gold[gi], pred[pi]).items():
            report.correct[attribute] += hit
            if not hit:
                report.wrong.append((attribute, str(item["id"]), text, gold[gi], pred[pi]))
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    for gi, g in enumerate(gold):
        if gi not in matched_gold:
            _count(report, style, g.counts, "fn")
            report.misses.append((str(item["id"]), text, g))
    for pi, p in enumerate(pred):
        if pi not in matched_pred:
            _count(report, style, p.counts, "fp")
            report.false_positives.append((str(item["id"]), text, p))


def score(
    gold_items: Iterable[Mapping[str, Any]], predict: Callable[[str], Iterable[Any]]
) -> Report:
    """Score `predict(text)` against gold items (dicts as in tests/gold/*.jsonl)."""
    report = Report()
    for item in gold_items:
        started = time.perf_counter()
        predicted = list(predict(str(item["text"])))
        report.seconds += time.perf_counter() - started
        report.items += 1
        _score_item(report, item, predicted)
    return report


def load_gold(split: str, gold_dir: Path = GOLD_DIR) -> list[dict[str, Any]]:
    names = SPLITS if split == "all" else (split,)
    items: list[dict[str, Any]] = []
    for name in names:
        with (gold_dir / f"figures-{name}.jsonl").open(encoding="utf-8") as fh:
            items.extend(json.loads(line) for line in fh if line.strip())
    return items


# --- the command line -----------------------------------------------------------------------


def _describe(f: Figure) -> str:
    bounds = (
        f"[{f.low:g}, {f.high:g}]"
        if f.low is not None and f.high is not None
        else (
            f"low={f.low:g}"
            if f.low is not None
            else f"high={f.high:g}"
            if f.high is not None
            else "?"
        )
    )
    return (
        f"{f.counts} {f.qualifier} {bounds} «{f.text}» subject={f.subject!r} "
        f"claimant={f.claimant!r} chain={list(f.chain)} stance={f.stance}"
    )


def _tally_line(label: str, t: Tally) -> str:
    return (
        f"  {label:<20} P {t.precision:6.1%}  R {t.recall:6.1%}  F1 {t.f1:6.1%}"
        f"   (tp {t.tp}, fp {t.fp}, fn {t.fn})"
    )


def print_report(report: Report, split: str, load_seconds: float) -> None:
    now = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    print(f"figure extraction benchmark — split {split}, {now}")
    print(
        f"machine: {platform.platform()}, python {platform.python_version()}, {os.cpu_count()} CPUs"
    )
    rate = report.items / report.seconds if report.seconds else float("inf")
    print(
        f"{report.items} items in {report.seconds:.2f} s ({rate:.1f} items/s); "
        f"load_nlp {load_seconds:.2f} s\n"
    )
    print("value + counted thing:")
    print(_tally_line("all", report.overall))
    print("per style:")
    for style, tally in sorted(report.by_style.items()):
        print(_tally_line(style, tally))
    print("per counts class:")
    for counts, tally in sorted(report.by_counts.items()):
        print(_tally_line(counts, tally))
    print(f"\nover {report.overall.tp} matched pairs:")
    for attribute in ATTRIBUTES:
        print(f"  {attribute:<10} {report.accuracy(attribute):6.1%}")


def print_errors(report: Report) -> None:
    print("\nmisses (gold figures not found):")
    for item_id, text, f in report.misses:
        print(f"  {item_id}: {_describe(f)}\n      {text}")
    print("\nfalse positives (predicted figures not in gold):")
    for item_id, text, f in report.false_positives:
        print(f"  {item_id}: {_describe(f)}\n      {text}")
    print("\nmatched with a wrong attribute:")
    for attribute, item_id, text, g, p in report.wrong:
        print(
            f"  {item_id} {attribute}: gold {_describe(g)}\n"
            f"      predicted {_describe(p)}\n      {text}"
        )


def _load_extractor() -> tuple[Callable[[str, Any], Iterable[Any]], Callable[[], Any]]:
    try:
        module = importlib.import_module("claimgraph.extract")
        return module.extract_claims, module.load_nlp
    except (ImportError, AttributeError) as exc:
        raise SystemExit(
            "benchmarks/figures.py needs `from claimgraph.extract import extract_claims, "
            f"load_nlp`, which is not available yet: {exc}"
        ) from exc


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="dev")
    parser.add_argument("--verbose", action="store_true", help="print every error")
    args = parser.parse_args(argv)
    extract_claims, load_nlp = _load_extractor()
    started = time.perf_counter()
    nlp = load_nlp()
    load_seconds = time.perf_counter() - started
    report = score(load_gold(args.split), lambda text: extract_claims(text, nlp))
    print_report(report, args.split, load_seconds)
    if args.verbose:
        print_errors(report)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into `head`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        sys.exit(0)
