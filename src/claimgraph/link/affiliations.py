"""Affiliations the text states: whom a speaker speaks for.

Read from the sentence that names the speaker, in the ways English ties a person or body to
an organisation or a country: "the movement's spokesman, Edrin Malvek", "Edrin Malvek,
spokesman of the Movement", "the spokeswoman for the ministry, Ilse Dravnik", "Tarrova's
interior minister", "Our medical committees … said Edrin Malvek" (ours = the speaker's).
Only the text decides; no list of countries, parties or outlets is involved."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from claimgraph.model import Claim

_CAPS = r"(?P<org>(?:[A-Z][\w'’-]*\s+(?:of\s+(?:the\s+)?)?){0,5}[A-Z][\w'’-]*)"
_ANY = r"(?P<org>(?:[A-Z][\w'’-]*\s+){0,5}[A-Z][\w'’-]*|[a-z]+)"
_ROLE = r"(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*"
_SKIP = frozenset({"its", "his", "her", "their", "the", "a", "an", "this", "that", "our"})


def _patterns(name: str) -> list[re.Pattern[str]]:
    n = re.escape(name)
    return [
        # "Tarrova's interior minister, Corvin Hastra" / "the movement's spokesman, Malvek"
        re.compile(rf"(?:\bthe\s+)?{_ANY}(?:'s|’s)\s+{_ROLE},?\s+(?:[A-Z][\w-]*\s+)*{n}\b"),
        # "the movement's medical committees" (the name is the role)
        re.compile(rf"(?:\bthe\s+)?{_ANY}(?:'s|’s)\s+{n}\b"),
        # "Edrin Malvek, spokesman of/for the Movement"
        re.compile(rf"\b{n},\s+(?:(?:the|a|an)\s+)?{_ROLE}\s+(?:of|for)\s+(?:the\s+)?{_CAPS}"),
        # "the spokeswoman for the Ministry, Ilse Dravnik"
        re.compile(rf"\b{_ROLE}\s+(?:of|for)\s+(?:the\s+)?{_CAPS},\s+{n}\b"),
    ]


def _clean(org: str) -> str | None:
    words = org.split()
    while words and words[0].casefold() in _SKIP:
        words = words[1:]
    text = " ".join(words)
    return text if text and text.casefold() not in _SKIP and len(text) > 1 else None


def stated_affiliation(
    claim: Claim, compiled: dict[str, list[re.Pattern[str]]] | None = None
) -> str | None:
    """The organisation or place the sentence ties the claimant to, as written.
    `compiled` caches each name's patterns across calls (names recur; compiling is slow)."""
    if claim.claimant is None:
        return None
    name, sentence = claim.claimant.name, claim.sentence
    if claim.chain and re.search(rf"\b[Oo]ur\s+{re.escape(name)}\b", sentence):
        return claim.chain[-1].name  # "our X", in the words of the speaker who relays X
    if not any(w in sentence for w in ("'s", "’s", " of ", " for ")):
        return None  # every pattern needs a possessive or "of"/"for"
    cache = compiled if compiled is not None else {}
    if name not in cache:
        cache[name] = _patterns(name)
    for pattern in cache[name]:
        for m in pattern.finditer(sentence):
            org = _clean(m.group("org"))
            if org and org.casefold() != name.casefold():
                return org  # lower case ("the movement's"): kept only if it names an actor
    return None


def affiliations(claims: Sequence[Claim]) -> dict[str, str]:
    """Actor id → the affiliation most often stated for it across the claims."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    compiled: dict[str, list[re.Pattern[str]]] = {}
    for c in claims:
        aff = stated_affiliation(c, compiled)
        if aff and c.claimant is not None:
            seen[c.claimant.id][aff] += 1
    return {aid: counts.most_common(1)[0][0] for aid, counts in seen.items()}
