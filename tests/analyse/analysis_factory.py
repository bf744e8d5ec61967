"""Small builders of claims and documents for the analysis tests."""

from __future__ import annotations

from claimgraph.model import (
    Actor,
    ActorKind,
    ChainLink,
    Claim,
    Counts,
    DocRef,
    Qualifier,
    Quantity,
    Stance,
    content_id,
)


def actor(name: str, kind: ActorKind = ActorKind.PERSON, role: str | None = None) -> Actor:
    return Actor(id=content_id("act", kind.value, name.casefold()), name=name, kind=kind, role=role)


def doc(sid: str, publisher: str, published: str, *, links: tuple[str, ...] = ()) -> DocRef:
    return DocRef(
        id=sid, publisher=publisher, published=published, url=f"https://{sid}.example/", links=links
    )


def figure(
    source: str,
    low: float | None,
    high: float | None = None,
    *,
    counts: Counts = Counts.KILLED,
    qualifier: Qualifier = Qualifier.EXACT,
    by: Actor | None = None,
    via: tuple[str, ...] = (),
    stance: Stance = Stance.ASSERTED,
    date: str | None = None,
    subject: str | None = None,
    at: int = 0,
) -> Claim:
    if high is None and qualifier in (Qualifier.EXACT, Qualifier.APPROX):
        high = low
    text = f"{low or high} {subject or counts.value}"
    return Claim(
        id=content_id("clm", source, at, low, high, counts.value, stance.value),
        source_id=source,
        kind="quantity",
        span=(at, at + len(text)),
        sentence=f"{text}, someone said.",
        stance=stance,
        claimant=by,
        chain=tuple(ChainLink(name=n, cue="reported") for n in via),
        quantity=Quantity(low, high, qualifier, counts, subject, text),
        date=date,
    )


def statement(source: str, sentence: str, by: Actor | None, at: int = 0) -> Claim:
    return Claim(
        id=content_id("clm", source, at, sentence),
        source_id=source,
        kind="statement",
        span=(at, at + len(sentence)),
        sentence=sentence,
        stance=Stance.ASSERTED,
        claimant=by,
    )
