"""Use cases of the analysis: compute it for a case (only when the evidence or a judgement
changed since the last run), read its results, and record a person's judgements."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from claimgraph.analyse.run import analyse_case
from claimgraph.capture.llm_client import embedder
from claimgraph.errors import InvalidInput, NotFound
from claimgraph.model import (
    Claim,
    Contradiction,
    Entity,
    FigureSeries,
    Judgement,
    PropositionResult,
    Reliability,
    TimelinePoint,
    content_id,
)
from claimgraph.services.ledger import Ledger
from claimgraph.store import ClaimFilter, heads
from claimgraph.store import analysis_queries as aq
from claimgraph.store import listing_queries as lq
from claimgraph.store import series_queries as sq
from claimgraph.store import speaker_queries as spq

# Part of the fingerprint: a new version of the analysis recomputes every case once.
ANALYSIS_VERSION = "cg-analysis/3"  # 2: figure series kept; 3: reasons name 8 origins
_EMBED_BATCH = 256
ACTIONS = (
    *("actor.merge", "actor.split", "actor.grade", "actor.side"),
    *("claim.move", "claim.reject", "claim.accept", "claim.edit"),
)


@dataclass(frozen=True, slots=True)
class AnalysisInfo:
    case: str
    computed: bool  # False when the stored analysis was still current
    meta: dict[str, Any]


def _require_case(ledger: Ledger, case: str) -> None:
    if not ledger.store.case_exists(case):
        raise NotFound("no such case", subject=case)


def analyse(ledger: Ledger, case: str, *, force: bool = False) -> AnalysisInfo:
    """Compute and store the analysis of `case`, unless the stored one is current."""
    with ledger.store.read() as conn:
        state = heads.case_state(conn, case)
        if state is None:
            raise NotFound("no such case", subject=case)
        fingerprint = f"{ANALYSIS_VERSION}:{state.head}"
        if not force and state.fingerprint == fingerprint:
            return AnalysisInfo(case, False, state.meta or {})
        pairs = list(aq.case_docs(conn, case))
        judgements = aq.case_judgements(conn, case)
    claims = [c for c, _ in ledger.store.claims(ClaimFilter(case=case))]
    started = time.perf_counter()
    docs = [d for d, _ in pairs]
    texts = {d.id: t for d, t in pairs}
    vectors = _embeddings(ledger, claims)
    result = analyse_case(case, claims, docs, texts, judgements, vectors=vectors)
    if vectors:
        result.stats["embedded_statements"] = len(vectors)
    seconds = time.perf_counter() - started
    with ledger.store.write() as w:
        at = ledger.clock().isoformat()
        aq.replace_analysis(w.conn, case, result, fingerprint, at, seconds)
    with ledger.store.read() as conn:
        return AnalysisInfo(case, True, aq.read_meta(conn, case) or {})


def _embeddings(ledger: Ledger, claims: list[Claim]) -> dict[str, list[float]]:
    """Sentence embeddings of the statement claims, when the user configured an endpoint
    (CLAIMGRAPH_EMBED_URL and _MODEL); none otherwise: the lexical matcher stands alone."""
    s = ledger.settings
    if not (s.embed_url and s.embed_model):
        return {}
    embed = embedder(s.embed_url, s.embed_model, s.llm_key)
    statements = [c for c in claims if c.quantity is None]
    out: dict[str, list[float]] = {}
    for i in range(0, len(statements), _EMBED_BATCH):
        batch = statements[i : i + _EMBED_BATCH]
        out.update(zip((c.id for c in batch), embed([c.sentence for c in batch]), strict=True))
    return out


def entities(ledger: Ledger, case: str, *, ids: Sequence[str] | None = None) -> list[Entity]:
    """The case's resolved speakers (those with `ids` only, when given)."""
    analyse(ledger, case)
    with ledger.store.read() as conn:
        return aq.read_entities(conn, case, ids=ids)


def speakers_named(ledger: Ledger, case: str, names: Sequence[str]) -> list[Entity]:
    """The resolved speakers that these names (claimants, as the claims give them) belong to."""
    analyse(ledger, case)
    with ledger.store.read() as conn:
        return spq.entities_named(conn, case, names) if names else []


def propositions(
    ledger: Ledger, case: str, *, kind: str | None = None, counts: str | None = None
) -> list[PropositionResult]:
    analyse(ledger, case)
    with ledger.store.read() as conn:
        return aq.read_propositions(conn, case, kind=kind, counts=counts)


def proposition_page(
    ledger: Ledger, case: str, f: lq.PropositionFilter, order: str = "carried"
) -> list[PropositionResult]:
    """One page of the case's propositions with their detail ("carried": figures first,
    most sources first; "grouped": by kind and counted thing, most origins first)."""
    analyse(ledger, case)
    with ledger.store.read() as conn:
        return lq.proposition_page(conn, case, f, order)


def proposition_summaries(
    ledger: Ledger, case: str, f: lq.PropositionFilter
) -> list[lq.PropositionSummary]:
    """One page of the propositions as a list shows them (counts only), most sources first."""
    analyse(ledger, case)
    with ledger.store.read() as conn:
        return lq.proposition_summaries(conn, case, f)


def count_propositions(ledger: Ledger, case: str, f: lq.PropositionFilter) -> int:
    analyse(ledger, case)
    with ledger.store.read() as conn:
        return lq.count_propositions(conn, case, f)


def contradiction_page(
    ledger: Ledger, case: str, *, kind: str | None = None, offset: int = 0, limit: int = 50
) -> list[Contradiction]:
    """One page of the case's contradictions, in id order."""
    analyse(ledger, case)
    with ledger.store.read() as conn:
        return lq.contradiction_page(conn, case, kind=kind, offset=offset, limit=limit)


def count_contradictions(ledger: Ledger, case: str, *, kind: str | None = None) -> int:
    analyse(ledger, case)
    with ledger.store.read() as conn:
        return lq.count_contradictions(conn, case, kind=kind)


def proposition(ledger: Ledger, case: str, ref: str) -> PropositionResult:
    analyse(ledger, case)
    with ledger.store.read() as conn:
        found = aq.read_proposition(conn, case, ref)
    if not found:
        raise NotFound("no such proposition in this case", subject=ref)
    if len(found) > 1:
        raise InvalidInput("more than one proposition matches; give more of the id", subject=ref)
    return found[0]


def timeline(
    ledger: Ledger,
    case: str,
    *,
    event: str | None = None,
    counts: str | None = None,
    limit: int | None = None,
) -> list[TimelinePoint]:
    analyse(ledger, case)
    with ledger.store.read() as conn:
        if event is not None:
            event = _event_id(aq.read_meta(conn, case) or {}, event)
        return aq.read_timeline(conn, case, event=event, counts=counts, limit=limit)


def figure_summary(
    ledger: Ledger, case: str, *, event: str | None = None, counts: str | None = None
) -> list[dict[str, Any]]:
    """Per event and counted thing: first appearances, each speaker's figures over time,
    each side's lowest and highest figure, and the counts someone made."""
    labels = {e["id"]: e["label"] for e in meta(ledger, case).get("events", [])}
    found = chart_series(ledger, case, event=event, counts=counts, points=False)
    return [{**s.summary, "event_label": labels.get(s.event, s.event)} for s, _ in found]


def chart_series(
    ledger: Ledger,
    case: str,
    *,
    event: str | None = None,
    counts: str | None = None,
    points: bool = True,
) -> list[tuple[FigureSeries, list[TimelinePoint]]]:
    """Each series with the points its chart draws (at most a few hundred, in date order),
    read as the analysis kept them."""
    info = analyse(ledger, case)
    with ledger.store.read() as conn:
        if event is not None:
            event = _event_id(info.meta, event)
        found = sq.read_series(conn, case, event=event, counts=counts)
        return [(s, sq.read_points(conn, case, s.drawn) if points else []) for s in found]


def _event_id(meta: dict[str, Any], ref: str) -> str:
    """An event by id, id prefix, or a date within it."""
    for e in meta.get("events", []):
        if e["id"].startswith(ref) or e["start"] <= ref[:10] <= e["end"]:
            return str(e["id"])
    raise NotFound("no such event in this case", subject=ref)


def contradictions(ledger: Ledger, case: str, *, kind: str | None = None) -> list[Contradiction]:
    analyse(ledger, case)
    with ledger.store.read() as conn:
        return lq.contradiction_page(conn, case, kind=kind, limit=None)


def citations(ledger: Ledger, case: str) -> list[dict[str, Any]]:
    """Source → source citations with both ends labelled, then each reporting cycle."""
    analyse(ledger, case)
    with ledger.store.read() as conn:
        found = aq.read_citations(conn, case)
        ids = sorted({c.citing for c in found} | {c.cited for c in found})
        labels = aq.source_labels(conn, ids)

    def label(sid: str) -> str:
        publisher, published, title = labels.get(sid, (None, None, None))
        return f"{publisher or title or sid[:12]} ({published or 'undated'})"

    return [
        {"citing": c.citing, "cited": c.cited, "how": c.how, "evidence": c.evidence,
         "citing_label": label(c.citing), "cited_label": label(c.cited)}
        for c in found
    ]  # fmt: skip


def meta(ledger: Ledger, case: str, *, cycles: bool = False) -> dict[str, Any]:
    """The current analysis's times, counts and events; with `cycles`, its reporting cycles."""
    info = analyse(ledger, case)
    if not cycles:
        return info.meta
    with ledger.store.read() as conn:
        return aq.read_meta(conn, case, cycles=True) or {}


def node_names(ledger: Ledger, case: str, p: PropositionResult) -> dict[str, str]:
    """Readable labels for the nodes of a proposition's provenance graph (of the nodes of
    `p` as given: pass the part a drawing shows to read no more than it needs)."""
    names = {o.key: o.name for o in p.origins}
    for e in p.edges:  # a chain link no actor resolved to is named by its own words
        names.update({n: n[5:] for n in (e.frm, e.to) if n.startswith("name:")})
    nodes = sorted({n for e in p.edges for n in (e.frm, e.to)} | {o.key for o in p.origins})
    sources = [n[7:] for n in nodes if n.startswith("source:")]
    with ledger.store.read() as conn:
        for ent in aq.read_entities(conn, case, ids=nodes):  # only this graph's entities
            names[ent.id] = ent.name
        for sid, (publisher, published, title) in aq.source_labels(conn, sources).items():
            names[f"source:{sid}"] = f"{publisher or title or sid[:12]} ({published or 'undated'})"
    return names


def judge(
    ledger: Ledger, case: str, action: str, target: str, value: str = "", note: str = ""
) -> Judgement:
    """Record a person's judgement (append-only, audited); the next analysis applies it."""
    _require_case(ledger, case)
    if action not in ACTIONS:
        raise InvalidInput(f"unknown action; use one of {', '.join(ACTIONS)}", subject=action)
    if action == "actor.grade" and value not in {r.value for r in Reliability}:
        raise InvalidInput("a reliability grade is one letter, A to F", subject=value)
    target = _resolve_target(ledger, case, action, target)
    if action == "actor.merge":
        value = _resolve_target(ledger, case, action, value)
    j = Judgement(action, target, value, note, ledger.user, ledger.clock().isoformat())
    jid = content_id("jdg", case, action, target, value, note, j.who, j.at)
    with ledger.store.write() as w:
        aq.insert_judgement(w.conn, case, j, jid)
        detail = {"case": case, "action": action, "value": value, "note": note}
        # An acceptance changes no result: audited apart, so the analysis stays current.
        kind = "review.accept" if action == "claim.accept" else "judge"
        w.append_audit(ledger.clock(), ledger.user, kind, target, detail)
    return j


def _resolve_target(ledger: Ledger, case: str, action: str, ref: str) -> str:
    """An actor action names an actor or entity (id or name); a claim action a claim id."""
    if action.startswith("claim."):
        with ledger.store.read() as conn:
            if not aq.claim_in_case(conn, case, ref):
                raise NotFound("no such claim in this case", subject=ref)
        return ref
    for e in entities(ledger, case):
        if ref in e.members:
            return ref
        if ref == e.id:
            return e.members[0]
        if ref.casefold() in {n.casefold() for n in (e.name, *e.aliases)}:
            with ledger.store.read() as conn:
                return aq.actor_named(conn, e.members, ref) or e.members[0]
    raise NotFound("no such actor in this case", subject=ref)
