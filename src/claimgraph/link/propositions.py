"""Propositions: the claims across sources that assert the same thing.

Figures group by event, counted thing and value, split by what is counted when two
subjects are plainly different ("soldiers" vs "civilians"; "people" joins either).
Statements group by wording: MinHash LSH finds candidates, rapidfuzz confirms them, so the
work grows with the number of claims, never with its square. A person's moves win."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from claimgraph.model import Claim, Judgement, content_id

STATEMENT_SIMILARITY = 85  # rapidfuzz token_sort_ratio, 0–100
EMBEDDING_SIMILARITY = 0.9  # cosine, for the optional embedding matcher
_ROWS = 2048  # rows of the similarity matrix computed at once
_LSH_THRESHOLD = 0.5
_SHINGLE = 3
GENERIC_SUBJECTS = frozenset(
    {"people", "persons", "person", "individuals", "victims", "dead", "deaths", "bodies",
     "casualties", "lives", "men", "others"}
)  # fmt: skip
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Grouped:
    id: str
    label: str
    kind: str
    event: str | None
    counts: str | None
    subject: str | None
    low: float | None
    high: float | None
    qualifier: str | None
    claim_ids: tuple[str, ...]


def subject_head(subject: str | None) -> str | None:
    """The counted noun, singular-insensitive; None for generic words ("people")."""
    if not subject:
        return None
    words = _WORD.findall(subject.casefold())
    if not words:
        return None
    # "soldiers of the 4th brigade" counts soldiers; "armed civilians" counts civilians.
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    return None if head in GENERIC_SUBJECTS else head.removesuffix("s")


def group_claims(
    claims: Sequence[Claim],
    claim_event: Mapping[str, str],
    judgements: Sequence[Judgement] = (),
    *,
    case: str = "",
    vectors: Mapping[str, Sequence[float]] | None = None,
) -> tuple[Grouped, ...]:
    """`vectors` (claim id → sentence embedding), when given, also join statements that
    say the same in other words: cosine similarity at least EMBEDDING_SIMILARITY."""
    rejected = {j.target for j in judgements if j.action == "claim.reject"}
    live = [c for c in claims if c.id not in rejected]
    groups = _figure_groups([c for c in live if c.quantity], claim_event, case)
    statements = [c for c in live if not c.quantity]
    groups += _statement_groups(statements, claim_event, case, vectors or {})
    return _apply_moves(groups, {c.id: c for c in live}, judgements, case)


def _figure_groups(
    claims: Sequence[Claim], claim_event: Mapping[str, str], case: str
) -> list[Grouped]:
    by_key: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    for c in claims:
        q = c.quantity
        assert q is not None
        by_key[(claim_event.get(c.id), q.counts.value, q.low, q.high)].append(c)
    out = []
    for key, members in sorted(by_key.items(), key=lambda kv: repr(kv[0])):
        for head, part in _split_by_subject(members).items():
            out.append(_figure(case, key, head, part))
    return out


def _split_by_subject(members: list[Claim]) -> dict[str | None, list[Claim]]:
    parts: dict[str | None, list[Claim]] = defaultdict(list)
    for c in members:
        parts[subject_head(c.quantity.subject if c.quantity else None)].append(c)
    specific = [h for h in parts if h is not None]
    if None in parts and specific:
        # Generic mentions join the best-supported specific reading.
        biggest = max(specific, key=lambda h: (len(parts[h]), h))
        parts[biggest].extend(parts.pop(None))
    return parts


def _figure(case: str, key: tuple[object, ...], head: str | None, part: list[Claim]) -> Grouped:
    event, counts, low_, high_ = key
    low = low_ if isinstance(low_, float | int) else None
    high = high_ if isinstance(high_, float | int) else None
    quals = Counter(c.quantity.qualifier.value for c in part if c.quantity)
    subjects = Counter(c.quantity.subject for c in part if c.quantity and c.quantity.subject)
    subject = subjects.most_common(1)[0][0] if subjects else None
    qualifier = quals.most_common(1)[0][0]
    return Grouped(
        id=content_id("prp", case, event, counts, low, high, head),
        label=figure_label(str(counts), low, high, qualifier, subject),
        kind="quantity",
        event=str(event) if event else None,
        counts=str(counts),
        subject=subject,
        low=low,
        high=high,
        qualifier=qualifier,
        claim_ids=tuple(sorted(c.id for c in part)),
    )


def figure_label(
    counts: str, low: float | None, high: float | None, qualifier: str, subject: str | None
) -> str:
    what = f"{counts} ({subject})" if subject else counts
    return f"{what}: {value_text(low, high, qualifier)}"


def value_text(low: float | None, high: float | None, qualifier: str) -> str:
    def n(v: float) -> str:
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"

    if low is not None and high is not None:
        if low == high:
            return ("about " if qualifier == "approx" else "") + n(low)
        return f"{n(low)}–{n(high)}"
    if low is not None:
        return f"at least {n(low)}"
    if high is not None:
        return f"{'up to' if qualifier == 'up_to' else 'at most'} {n(high)}"
    return "?"


def _statement_groups(
    claims: Sequence[Claim],
    claim_event: Mapping[str, str],
    case: str,
    vectors: Mapping[str, Sequence[float]],
) -> list[Grouped]:
    from datasketch import MinHash, MinHashLSH
    from rapidfuzz import fuzz

    norm = {c.id: " ".join(_WORD.findall(c.sentence.casefold())) for c in claims}
    parent = {c.id: c.id for c in claims}

    def find(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    lsh = MinHashLSH(threshold=_LSH_THRESHOLD, num_perm=64)
    # One set of permutations for all: making them per signature costs more than hashing.
    template = MinHash(num_perm=64, seed=7)
    for c in sorted(claims, key=lambda c: c.id):
        sig = MinHash(64, 7, permutations=template.permutations, scheme=template.scheme)
        sig.update_batch([s.encode() for s in _shingles(norm[c.id])])
        for other in lsh.query(sig):
            same_event = claim_event.get(other) == claim_event.get(c.id)
            if (
                same_event
                and fuzz.token_sort_ratio(norm[c.id], norm[other]) >= STATEMENT_SIMILARITY
            ):
                parent[find(c.id)] = find(other)
        lsh.insert(c.id, sig)
    for a, b in _similar_vectors(claims, claim_event, vectors):
        parent[find(a)] = find(b)
    clusters: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        clusters[find(c.id)].append(c)
    return [_statement(case, claim_event, m) for _, m in sorted(clusters.items())]


def _similar_vectors(
    claims: Sequence[Claim], claim_event: Mapping[str, str], vectors: Mapping[str, Sequence[float]]
) -> list[tuple[str, str]]:
    """Pairs of statements in one event whose embeddings are close, block by block."""
    import numpy as np

    by_event: dict[str | None, list[str]] = defaultdict(list)
    for c in sorted(claims, key=lambda c: c.id):
        if c.id in vectors:
            by_event[claim_event.get(c.id)].append(c.id)
    pairs = []
    for ids in by_event.values():
        m = np.asarray([vectors[i] for i in ids], dtype=np.float32)
        m /= np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)
        for start in range(0, len(ids), _ROWS):
            sims = m[start : start + _ROWS] @ m.T
            for r, col in zip(*np.nonzero(sims >= EMBEDDING_SIMILARITY), strict=True):
                if start + r < col:
                    pairs.append((ids[start + r], ids[col]))
    return pairs


def _shingles(text: str) -> set[str]:
    words = text.split()
    if len(words) <= _SHINGLE:
        return {text}
    return {" ".join(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


def _statement(case: str, claim_event: Mapping[str, str], members: list[Claim]) -> Grouped:
    first = min(members, key=lambda c: c.id)
    text = " ".join(first.sentence.split())
    return Grouped(
        id=content_id("prp", case, "statement", first.id),
        label=text if len(text) <= 90 else text[:89] + "…",
        kind="statement",
        event=claim_event.get(first.id),
        counts=None,
        subject=None,
        low=None,
        high=None,
        qualifier=None,
        claim_ids=tuple(sorted(c.id for c in members)),
    )


def _apply_moves(
    groups: list[Grouped], claims: Mapping[str, Claim], js: Sequence[Judgement], case: str
) -> tuple[Grouped, ...]:
    """A person's "claim.move": the claim leaves its group for the named one (or a new)."""
    moves = {j.target: j.value for j in js if j.action == "claim.move" and j.target in claims}
    if not moves:
        return tuple(groups)
    by_id = {g.id: g for g in groups}
    members = {g.id: [i for i in g.claim_ids if i not in moves] for g in groups}
    for cid, target in moves.items():
        if target not in by_id:
            target = content_id("prp", case, "moved", cid)
            by_id[target] = _alone(target, by_id, cid)
            members[target] = []
        members[target].append(cid)
    return tuple(
        replace(by_id[pid], claim_ids=tuple(sorted(ids))) for pid, ids in members.items() if ids
    )


def _alone(pid: str, by_id: Mapping[str, Grouped], cid: str) -> Grouped:
    home = next(g for g in by_id.values() if cid in g.claim_ids)
    return replace(home, id=pid)
