"""Matching the names that texts give to outlets and organisations against the publishers in
a case: "the Herald" in a sentence is "The Morning Herald" when only one publisher could be
meant. Only general rules about how names are written; nothing about any particular outlet."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["OutletIndex", "name_key"]

_DOTTED = re.compile(r"(?<!\w)(?:\w\.){2,}")  # "N.W." → "NW" before dots become spaces
_POSSESSIVE = re.compile(r"['’]s\b")
_APOSTROPHE = re.compile(r"['’‘]")
_PUNCT = re.compile(r"[^\w\s]|_")

# Words that carry no identity on their own: a name made only of these matches nothing, and
# acronyms are tried both with and without them ("Bureau of X" → "BX" and "BOX").
_FUNCTION_WORDS = frozenset(
    {"a", "an", "and", "at", "de", "del", "der", "des", "di", "die", "du", "el", "et"}
    | {"for", "in", "la", "le", "les", "of", "on", "the", "to", "und", "y"}
)


def name_key(name: str) -> str:
    """A comparison key: casefolded, no leading "the", no possessive, no punctuation."""
    text = unicodedata.normalize("NFKC", name)
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text).casefold()
    text = _APOSTROPHE.sub("", _POSSESSIVE.sub("", text))
    text = " ".join(_PUNCT.sub(" ", text).split())
    return text[4:] if text.startswith("the ") else text


def _acronyms(key: str) -> set[str]:
    """Initials of a multi-word key, with and without its function words."""
    tokens = key.split()
    content = [t for t in tokens if t not in _FUNCTION_WORDS]
    found = {"".join(t[0] for t in tokens), "".join(t[0] for t in content)}
    return {a for a in found if len(a) >= 2} if len(tokens) >= 2 else set()


def _looks_like_acronym(name: str) -> bool:
    # Acronyms are written in capitals; "it" or "who" in lower case are ordinary words.
    letters = [c for c in name if c.isalpha()]
    return 2 <= len(letters) <= 8 and all(c.isupper() for c in letters) and " " not in name.strip()


class OutletIndex:
    """The publishers of a case, looked up by the looser names that texts use for them."""

    __slots__ = ("_by_acronym", "_by_key", "_by_token", "_capitals")

    def __init__(self, publishers: Iterable[str]) -> None:
        by_key: dict[str, str] = {}
        # Sorted so the canonical spelling among publishers with the same key is stable.
        for publisher in sorted(set(publishers)):
            key = name_key(publisher)
            if key:
                by_key.setdefault(key, publisher)
        self._by_key = by_key
        self._by_token: dict[str, set[str]] = {}
        self._by_acronym: dict[str, set[str]] = {}
        for key in by_key:
            for token in set(key.split()):
                self._by_token.setdefault(token, set()).add(key)
            for acronym in _acronyms(key):
                self._by_acronym.setdefault(acronym, set()).add(key)
        # Publishers whose own name is an acronym ("NW"), for the reverse lookup.
        self._capitals = {
            key: publisher for key, publisher in by_key.items() if _looks_like_acronym(publisher)
        }

    def __len__(self) -> int:
        return len(self._by_key)

    def match(self, name: str) -> str | None:
        """The canonical publisher `name` refers to, or None when none or several could be."""
        key = name_key(name)
        if not key:
            return None
        if key in self._by_key:
            return self._by_key[key]
        containing = self._containing(key)
        if containing:
            return self._by_key[containing.pop()] if len(containing) == 1 else None
        return self._acronym_match(name, key)

    def _containing(self, key: str) -> set[str]:
        """Publisher keys whose tokens include every token of `key` but its function words."""
        tokens = set(key.split()) - _FUNCTION_WORDS
        if not tokens:
            return set()
        found: set[str] | None = None
        for token in tokens:
            keys = self._by_token.get(token, set())
            found = set(keys) if found is None else found & keys
            if not found:
                return set()
        return found or set()

    def _acronym_match(self, name: str, key: str) -> str | None:
        candidates: set[str] = set()
        if _looks_like_acronym(name):
            candidates |= self._by_acronym.get(key.replace(" ", ""), set())
        for acronym in _acronyms(key):
            if acronym in self._capitals:
                candidates.add(acronym)
        return self._by_key[candidates.pop()] if len(candidates) == 1 else None
