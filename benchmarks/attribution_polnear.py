"""Attribution benchmark on PolNeAR (Newell, Margolin and Ruths, LREC 2018): precision,
recall and F1 of `find_attributions` for the source, cue and content of each
attribution, against the corpus's brat standoff annotations.

    .venv/bin/python benchmarks/attribution_polnear.py [--split dev] [--limit N]

The corpus is read at run time from ../shared/data/polnear/data (or --data) and is
never copied into the repository. Tune on train and dev; report test.

How spans are compared, per role, as sets of character spans per article:
- exact: the same start and end, after trimming whitespace.
- overlap: a predicted span counts if it shares at least one word token (a run of
  letters or digits) with a reference span of the same role, and a reference span
  counts as found if some predicted span shares a word token with it.
- token: precision and recall over the word tokens covered by each role.
Discontinuous spans (content interrupted by its cue) count as one span per piece, and
a predicted content that runs over paragraphs is cut at the paragraph breaks, as the
annotators do. PolNeAR annotates only the outermost attribution where one sits inside
another's content, so nested predictions are left out unless --nested is given.
Articles annotated by several annotators are scored against the first annotation.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.extract.attribution import find_attributions
from claimgraph.extract.nlp import load_nlp
from claimgraph.extract.types import Attribution

ROLES = ("source", "cue", "content")
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "data"
REFERENCE = (
    "Published reference points (test set, exact span F1; Wang et al., COLING 2022):\n"
    "  BERT+CofeNet      source 83.2  cue 75.3  content 72.9\n"
    "  BERT+CRF          source 82.2  cue 74.9  content 71.0\n"
    "  rule-based        source 10.7  cue 22.8  content  5.6\n"
    "  CoreNLP quotes    source 13.9            content 17.5"
)
_WORD = re.compile(r"\w+")
Span = tuple[int, int]


@dataclass
class Spans:
    """The spans of each role in one article."""

    by_role: dict[str, set[Span]] = field(default_factory=lambda: {r: set() for r in ROLES})


@dataclass
class Score:
    exact: list[int] = field(default_factory=lambda: [0, 0, 0])  # hits, predicted, gold
    overlap: list[int] = field(default_factory=lambda: [0, 0, 0, 0])  # p-hits, pred, g-hits, gold
    tokens: list[int] = field(default_factory=lambda: [0, 0, 0])


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    data: Path = args.data
    if not (data / args.split / "text").is_dir():
        print(f"PolNeAR data not found at {data}/{args.split}; see ../shared/data/README.md "
              "or pass --data", file=sys.stderr)  # fmt: skip
        return 2
    articles = list(_articles(data / args.split, args.limit))
    nlp = load_nlp()
    scores = {role: Score() for role in ROLES}
    parse_s = ours_s = 0.0
    for text, gold in articles:
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        found = find_attributions(doc)
        ours_s += time.perf_counter() - t1
        parse_s += t1 - t0
        predicted = _predicted(text, found, nested=args.nested)
        for role in ROLES:
            _add(scores[role], text, predicted.by_role[role], gold.by_role[role])
    _report(args, len(articles), scores, parse_s, ours_s)
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("train", "dev", "test"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="score the first N articles")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR data folder")
    parser.add_argument("--nested", action="store_true", help="score nested attributions too")
    return parser.parse_args(argv)


# --- reading the corpus ------------------------------------------------------------


def _articles(split: Path, limit: int | None) -> Iterator[tuple[str, Spans]]:
    texts = sorted((split / "text").glob("*.txt"))
    count = 0
    for path in texts:
        annotations = sorted((split / "attributions").glob(path.stem + "_*.ann"))
        if not annotations:
            continue
        text = path.read_text(encoding="utf-8")
        yield text, _gold(text, annotations[0].read_text(encoding="utf-8"))
        count += 1
        if limit is not None and count >= limit:
            return


def _gold(text: str, ann: str) -> Spans:
    """Spans of each role from brat standoff: `T` lines hold labelled spans (pieces of
    a discontinuous span joined by ';'), `E` lines tie one attribution's roles."""
    spans: dict[str, list[Span]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, offsets = parts[1].partition(" ")
            pieces = [piece.split() for piece in offsets.split(";")]
            spans[parts[0]] = [(int(a), int(b)) for a, b in pieces]
        elif line.startswith("E") and len(parts) >= 2:
            events.append([tuple(arg.split(":", 1)) for arg in parts[1].split()])  # type: ignore[misc]
    gold = Spans()
    for event in events:
        if not any(role == "Cue" for role, _ in event):
            continue
        for role, ref in event:
            name = role.lower().rstrip("0123456789")
            if name in ROLES and ref in spans:
                gold.by_role[name].update(_trimmed(text, s) for s in spans[ref])
    return gold


# --- what we found -------------------------------------------------------------------


def _predicted(text: str, found: list[Attribution], nested: bool) -> Spans:
    """Our attributions as PolNeAR would annotate them: one relation per cue (content
    pieces together), nested relations left out unless asked for."""
    contents = [a.content_span for a in found]
    spans = Spans()
    for a in found:
        inside = any(s <= a.cue_span[0] and a.cue_span[1] <= e for s, e in contents)
        if inside and not nested:
            continue
        spans.by_role["cue"].add(_trimmed(text, a.cue_span))
        if a.source_span is not None:
            spans.by_role["source"].add(_trimmed(text, a.source_span))
        spans.by_role["content"].update(_paragraphs(text, a.content_span))
    return spans


def _paragraphs(text: str, span: Span) -> Iterable[Span]:
    start = span[0]
    for m in re.finditer(r"\n\s*", text[span[0] : span[1]]):
        yield _trimmed(text, (start, span[0] + m.start()))
        start = span[0] + m.end()
    yield _trimmed(text, (start, span[1]))


def _trimmed(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# --- scoring -----------------------------------------------------------------------------


def _add(score: Score, text: str, predicted: set[Span], gold: set[Span]) -> None:
    score.exact[0] += len(predicted & gold)
    score.exact[1] += len(predicted)
    score.exact[2] += len(gold)
    pred_words = {s: _words(text, s) for s in predicted}
    gold_words = {s: _words(text, s) for s in gold}
    all_gold = set().union(*gold_words.values()) if gold_words else set()
    all_pred = set().union(*pred_words.values()) if pred_words else set()
    score.overlap[0] += sum(1 for w in pred_words.values() if w & all_gold)
    score.overlap[1] += len(predicted)
    score.overlap[2] += sum(1 for w in gold_words.values() if w & all_pred)
    score.overlap[3] += len(gold)
    score.tokens[0] += len(all_pred & all_gold)
    score.tokens[1] += len(all_pred)
    score.tokens[2] += len(all_gold)


def _words(text: str, span: Span) -> set[int]:
    """Start offsets of the word tokens inside a span."""
    return {span[0] + m.start() for m in _WORD.finditer(text[span[0] : span[1]])}


def _prf(hits_p: int, predicted: int, hits_g: int, gold: int) -> tuple[float, float, float]:
    p = hits_p / predicted if predicted else 0.0
    r = hits_g / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _report(
    args: argparse.Namespace, n: int, scores: dict[str, Score], parse_s: float, ours_s: float
) -> None:
    print(f"PolNeAR {args.split}: {n} articles" + (" (nested scored)" if args.nested else ""))
    print(f"{'role':8} {'match':8} {'P':>6} {'R':>6} {'F1':>6}   predicted / reference")
    for role in ROLES:
        s = scores[role]
        rows = (
            ("exact", _prf(s.exact[0], s.exact[1], s.exact[0], s.exact[2]), s.exact[1:]),
            ("overlap", _prf(*s.overlap), (s.overlap[1], s.overlap[3])),
            ("token", _prf(s.tokens[0], s.tokens[1], s.tokens[0], s.tokens[2]), s.tokens[1:]),
        )
        for match, (p, r, f), (pred, gold) in rows:
            print(f"{role:8} {match:8} {p:6.3f} {r:6.3f} {f:6.3f}   {pred} / {gold}")
    total = parse_s + ours_s
    print(f"speed: {n / total:.1f} articles/s; spaCy parse {parse_s:.2f} s, "
          f"attribution {ours_s:.2f} s ({100 * ours_s / parse_s:.1f} % of parse)")  # fmt: skip
    print(REFERENCE)


if __name__ == "__main__":
    sys.exit(main())
