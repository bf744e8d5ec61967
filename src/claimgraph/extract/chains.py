"""Provenance chains: the links between the document and the origin of a figure.

- where a figure came from: "citing Y", "referring to Y", "with reference to Y",
  "Y, which had taken it from Z", "whose stringer had it from Z",
  "a fixer who spoke with Z", "a worker who relied on accounts from Z";
- who relayed it: "…, survivors told the Evening Star" puts the outlet outside them;
- the document's own voice: a wire dateline "KETTAVI, March 3 (Northern Wire) —";
- list and infobox sources in brackets: "Deaths: 600 (official inquiry, 2032)",
  "477 (per local cleric Halid Orun, via Northern Wire)";
- `attributed_at`: who asserts a position, innermost speaker last."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from claimgraph.extract.actorwords import kind_of_words
from claimgraph.extract.cues import Found, chain_cue, cue_lemma, source_span
from claimgraph.extract.types import Attributed, Attribution, Speaker
from claimgraph.model import ActorKind, ChainLink

# --- the document's own voice -------------------------------------------------------

_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z'’.\- ]{1,40}(?:,[^\n()—–]{1,30})?\s*(?:\(([^()\n]{2,60})\))?\s*(?:—|–|--)",
    re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int
    end: int  # offset just after the dash
    outlet: str | None  # the publisher named in brackets


def datelines(text: str) -> list[Dateline]:
    """ "KETTAVI, March 16 (Northern Wire) —" at the start of a paragraph."""
    return [
        Dateline(m.start(), m.end(), m.group(1).strip() if m.group(1) else None)
        for m in _DATELINE.finditer(text)
    ]


def in_dateline(offset: int, lines: list[Dateline]) -> bool:
    return any(d.start <= offset < d.end for d in lines)


def after_dateline(token: Token, lines: list[Dateline], verb: Token) -> Token | None:
    """The parser reads a dateline as the subject of the first sentence; the real
    subject is the noun phrase between the dash and the cue."""
    line = next((d for d in lines if d.start <= token.idx < d.end), None)
    if line is None or verb.idx < line.end:
        return token
    doc = token.doc
    words = [t for t in doc[token.i : verb.i] if t.idx >= line.end]
    inside = {t.i for t in words}
    for t in words:
        if t.pos_ in ("NOUN", "PROPN", "PRON") and (t.head.i not in inside or t.head.i == t.i):
            return t
    return None


def publisher_key(name: str | None) -> str | None:
    if not name:
        return None
    key = name.casefold().strip()
    return key.removeprefix("the ").strip()


# --- where a figure came from --------------------------------------------------------

_GOT = frozenset({"have", "get", "take", "obtain", "receive", "hear", "learn", "source"})
_RELIED = frozenset({"rely", "base", "draw"})
_SPOKE = frozenset({"speak", "talk"})
_INFO = frozenset(
    {"accounts", "account", "reports", "report", "words", "testimony", "testimonies",
     "information", "statements", "interviews"}
)  # fmt: skip


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _origin(word: Token) -> Token:
    """ "accounts from refugees", "the words of the mayor": the people behind the words."""
    if word.lower_ in _INFO:
        for prep in word.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "by"):
                found = _pobj(prep)
                if found is not None:
                    return found
    return word


def _sourced(head: Token, source: Token, sourcing: int, cue: tuple[int, int]) -> Found:
    source = _origin(source)
    return Found(
        head=head.i,
        cue=cue,
        source=source,
        source_span=source_span(source),
        takes_quote=False,
        sourcing=sourcing,
        rank=1,
        cue_text="according to",
    )


def quoted_origin(obj: Token) -> Found:
    """ "X cites the words of the mayor, Idris Pellane: “…”": the mayor is the origin."""
    return _sourced(obj, obj, obj.i, (obj.i, obj.i + 1))


def sourcing_cue(token: Token) -> list[Found]:
    """Sourcing phrases that hang on `token`, each naming an origin."""
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX") and token.dep_ == "relcl":
        return _relative_origin(token, lemma)
    if lemma == "refer" and token.tag_ == "VBG":  # "referring to its own sources"
        to = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        obj = _pobj(to) if to is not None else None
        return [] if obj is None else [_sourced(token, obj, token.i, (token.i, to.i + 1))]  # type: ignore[union-attr]
    if token.lower_ == "reference" and token.head.lower_ == "with":  # "with reference to X"
        to = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        obj = _pobj(to) if to is not None else None
        if obj is not None and to is not None:
            return [_sourced(token, obj, token.head.i, (token.head.i, to.i + 1))]
    return []


def _relative_origin(verb: Token, lemma: str) -> list[Found]:
    """ "Velmora Radio, which had taken it from a commander", "the Northern Wire, whose
    local stringer had it from Halid Orun", "a fixer who spoke with the gravedigger"."""
    preps = {"from"} if lemma in _GOT else {"on", "upon"} if lemma in _RELIED else set()
    if lemma in _SPOKE:
        preps = {"with", "to"}
    origin = None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            origin = _pobj(prep)
            if lemma in _RELIED and origin is not None:
                origin = _origin(origin)
                later = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"]
                if later and _pobj(later[0]) is not None:
                    origin = _pobj(later[0])  # "relied on accounts from refugees"
            break
    if origin is None:
        return []
    out: list[Found] = []
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ not in ("who", "which", "that"):
        out.append(_sourced(verb, subject, verb.i, (verb.i, verb.i + 1)))  # "whose stringer"
    origin_at = origin.left_edge.i - 1 if origin.left_edge.i > verb.i else verb.i
    out.append(_sourced(verb, origin, verb.i, (origin_at, origin_at + 1)))
    return out


# --- sources in brackets after a figure ------------------------------------------------

_BRACKET = re.compile(r"\(([^()\n]{2,80})\)")
_ITEM_START = re.compile(r"[:;|·\n—–]|,\s")
_TRAILING = re.compile(
    r"(?:,?\s*\b(?:1[89]|20)\d\d\b|\s+(?:estimates?|claims?|figures?|data|count|tally|"
    r"numbers?|assessment))+$",
    re.IGNORECASE,
)
_VAGUE_AMOUNT = re.compile(r"\b(?:dozens?|scores|hundreds|thousands|millions)\b", re.I)
# Words that name the origin inside a bracket: "(verified by STMM)", "(per the army)".
_BRACKET_LEADS = (
    *("per ", "via ", "source: ", "sources: ", "according to ", "from "),
    *(f"{verb} by " for verb in ("verified", "confirmed", "recorded", "documented")),
    *(f"{verb} by " for verb in ("reported", "estimated", "counted", "registered")),
)
_NOT_SOURCES = frozenset(
    {"disputed", "alleged", "unconfirmed", "unverified", "est", "est.", "estimated", "approx",
     "approx.", "approximately", "provisional", "preliminary", "revised", "see", "page",
     "p.", "pp.", "table", "figure", "note", "mostly", "including", "incl.", "of", "about"}
)  # fmt: skip


def bracket_sources(text: str) -> list[Found]:
    """ "Fatalities: 412 civilians (Civil Ledger Monitor); 96 (Ministry of Defence)": a
    bracket right after a list item with a figure names the item's source. "via X"
    inside it names an intermediary, "per Y" the origin."""
    found: list[Found] = []
    for m in _BRACKET.finditer(text):
        before = text[max(0, m.start() - 60) : m.start()]
        starts = list(_ITEM_START.finditer(before))
        item_start = m.start() - len(before) + (starts[-1].end() if starts else 0)
        item = text[item_start : m.start()]
        figure = any(c.isdigit() for c in item) or _VAGUE_AMOUNT.search(item) is not None
        if not item.strip() or not figure or len(item.split()) > 6:
            continue
        if not starts and item_start > 0:
            continue  # a long narrative sentence, not a list item
        content = [(item_start + len(item) - len(item.lstrip()), m.end())]
        for n, part in enumerate(reversed(m.group(1).split(","))):
            speaker, cue = _bracket_speaker(part)
            if speaker is not None:
                rank = 0 if cue == "via" else 1 + n
                found.append(
                    Found(
                        head=-1, cue=(-1, -1), source=None, source_span=None,
                        content=list(content), takes_quote=False, rank=rank,
                        speaker=speaker, cue_text=cue,
                    )
                )  # fmt: skip
    return found


# People who report figures, not people a figure counts ("(soldiers)" is a subject).
_ANONYMOUS_SOURCES = frozenset(
    {"official", "witness", "eyewitness", "medic", "doctor", "relative", "observer",
     "monitor", "activist", "journalist", "investigator", "source"}
)  # fmt: skip


def _anonymous(tokens: list[str]) -> ActorKind | None:
    """ "(local officials)", "(residents)": an unnamed group, written in lower case."""
    last = tokens[-1].lower()
    plural = last.endswith("s") and last[:-1] in _ANONYMOUS_SOURCES
    return ActorKind.GROUP if plural and all(t.islower() for t in tokens) else None


def _bracket_speaker(part: str) -> tuple[Speaker | None, str]:
    words = part.strip()
    cue = "according to"
    for lead in _BRACKET_LEADS:
        if words.lower().startswith(lead):
            cue = "via" if lead == "via " else "according to"
            words = words[len(lead) :].strip()
    words = _TRAILING.sub("", words).strip()
    words = re.sub(r"['’]s?$", "", words).strip()
    tokens = words.split()
    years = re.compile(r"(?:1[89]|20)\d\d")
    if not tokens or len(tokens) > 7 or any(c.isdigit() and not years.fullmatch(c) for c in tokens):
        return None, cue
    if tokens[0].lower() in _NOT_SOURCES or not any(c.isalpha() for c in words):
        return None, cue
    kind = kind_of_words(tokens) or _anonymous(tokens)
    proper = all(t[:1].isupper() or t.lower() in ("of", "for", "the", "and") for t in tokens)
    if kind is None and not proper:
        return None, cue
    if kind is None:
        kind = ActorKind.PERSON if 2 <= len(tokens) <= 3 else ActorKind.ORGANISATION
    if kind is ActorKind.PERSON and len(tokens) > 2 and not tokens[0][:1].isupper():
        tokens = [t for t in tokens if t[:1].isupper()]  # "local cleric Halid Orun"
        return Speaker(
            " ".join(tokens), kind, part.strip().split(tokens[0])[0].lower().strip() or None
        ), cue
    name = " ".join(tokens)
    name = name[4:] if name.lower().startswith("the ") else name
    return Speaker(name, kind), cue


# --- who asserts a position ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ranked(Attribution):
    """An attribution with its place among links of equal reach: -1 a relay outside the
    speaker ("told the Evening Star"), 0 a speaker, 1+ an origin named by a sourcing
    phrase."""

    rank: int = 0


def attributed_at(attributions: list[Attribution], start: int, end: int) -> Attributed:
    """The innermost speaker whose attributed content holds [start, end), with the
    chain of speakers around it, outermost first."""
    holding = [a for a in attributions if a.content_span[0] <= start and end <= a.content_span[1]]
    if not holding:
        return Attributed(claimant=None, chain=(), cue=None)
    holding.sort(key=nesting_key)
    named = [a for a in holding if a.speaker is not None]
    if not named:  # "it was alleged that ...": no one to name, but the cue still tells
        return Attributed(claimant=None, chain=(), cue=cue_lemma(holding[-1].cue))
    claimant = named[-1]
    if isinstance(claimant, Ranked) and claimant.rank < 0:
        # "She told the Courier …" with no one "she" can be: the Courier only passed it on
        links = tuple(ChainLink(a.speaker.name, chain_cue(a.cue)) for a in named if a.speaker)
        return Attributed(None, _dedupe(links, None), cue_lemma(claimant.cue))
    chain = tuple(ChainLink(a.speaker.name, chain_cue(a.cue)) for a in named[:-1] if a.speaker)
    return Attributed(claimant.speaker, _dedupe(chain, claimant.speaker), cue_lemma(claimant.cue))


def nesting_key(a: Attribution) -> tuple[int, int, int]:
    """Outermost first: the widest content; at equal width, a relay before its speaker,
    and a cue that names where the content came from ("citing", "according to") inside
    the one that reports it."""
    width = a.content_span[1] - a.content_span[0]
    rank = a.rank if isinstance(a, Ranked) else 0
    if rank == 0 and chain_cue(a.cue) == "sourced":
        rank = 1
    return (-width, rank, a.cue_span[0])


def _dedupe(chain: tuple[ChainLink, ...], claimant: Speaker | None) -> tuple[ChainLink, ...]:
    """The same speaker twice in a row ("he said ... he added") is one link."""
    out: list[ChainLink] = []
    for link in chain:
        if out and out[-1].name == link.name:
            continue
        out.append(link)
    if out and claimant is not None and out[-1].name == claimant.name:
        out.pop()
    return tuple(out)
