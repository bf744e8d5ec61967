"""Mentions of possible speakers, and what refers back to them: "he", "they", "it" and
definite role nouns ("the minister", "the agency") resolve to the nearest fitting speaker
mentioned earlier in the text. Mentions are registered during the extractor's one pass
over the tokens and turned into Speakers only when something refers back to them."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable

from spacy.tokens import Token

from claimgraph.extract.types import Speaker
from claimgraph.model import ActorKind

P = ActorKind.PERSON
ORG_KINDS = frozenset(
    {ActorKind.ORGANISATION, ActorKind.OUTLET, ActorKind.GOVERNMENT_BODY, ActorKind.MILITARY_UNIT}
)
_THEY_KINDS = ORG_KINDS | {ActorKind.GROUP}

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
_GROUP_PRONOUNS = frozenset({"they", "them", "their"})
FIRST_PERSON = frozenset(
    {"i", "we", "me", "us", "you", "my", "our", "your", "mine", "ours", "yours", "myself"}
)


class Registry:
    """Mentions of possible speakers, by position, for resolving later references."""

    def __init__(self, make: Callable[[Token], Speaker | None]) -> None:
        self._make = make
        self._mentions: list[tuple[int, int]] = []  # (char offset, token index)
        self._speakers: dict[int, Speaker | None] = {}
        self._building = False

    def mention(self, token: Token) -> None:
        insort(self._mentions, (token.idx, token.i))

    def said(self, offset: int, token: Token, speaker: Speaker) -> None:
        """Record the speaker an attribution found at `token`, best evidence of who it is."""
        self._speakers[token.i] = speaker
        insort(self._mentions, (offset, token.i))

    def _named(self, token: Token) -> Speaker | None:
        self._building = True
        try:
            return self._make(token)
        finally:
            self._building = False

    def nearest(
        self, token: Token, fits: Callable[[Speaker], bool], singular: bool = False
    ) -> Speaker | None:
        """The nearest speaker mentioned before `token` that fits; `singular` skips
        plural mentions ("it" never means "the troops")."""
        doc = token.doc
        pos = bisect_left(self._mentions, (token.idx, -1))
        for offset, i in reversed(self._mentions[max(0, pos - 60) : pos]):
            if i == token.i or offset >= token.idx:
                continue
            if singular and doc[i].tag_ in ("NNS", "NNPS"):
                continue
            if i not in self._speakers:
                if self._building:
                    continue  # a mention being named looks only at mentions already named
                self._speakers[i] = self._named(doc[i])
            found = self._speakers[i]
            if found is not None and fits(found):
                return found
        return None


def fits_pronoun(word: str) -> Callable[[Speaker], bool] | None:
    if word in _PERSON_PRONOUNS:  # a person, named or not ("a nurse … She said")
        return lambda s: s.kind is P or (s.kind is ActorKind.GROUP and s.role is not None)
    if word in _GROUP_PRONOUNS:
        return lambda s: s.kind in _THEY_KINDS
    if word in ("it", "its"):
        return lambda s: s.kind in ORG_KINDS
    return None


def fits_noun(head: str) -> Callable[[Speaker], bool]:
    """A definite noun ("the minister", "the agency") refers back to a speaker whose
    role or name ends in that noun."""

    def fits(s: Speaker) -> bool:
        words = [*(s.role or "").lower().split(), *s.name.lower().split()]
        return head in words

    return fits
