"""Attribution relations SOURCE — CUE — CONTENT over a whole document, and who asserts
the text at a given position.

Reported speech comes from the dependency parse: a cue word from the lexicon
(`cues.py`), its subject as the source, its clause or object as the content. Direct
quotations (`quotes.py`) are then tied to the cue beside them. Speakers (`speakers.py`)
are named after the pass, in text order, so that "he" or "the minister" resolves to the
nearest fitting speaker before it. One pass over the tokens; no re-parsing."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.extract.assemble import (
    clip,
    fill_sourcing,
    publisher_key,
    records,
    skip_datelines,
)
from claimgraph.extract.chains import (
    attributed_at,
    bracket_sources,
    came_from,
    datelines,
    in_dateline,
    quoted_origin,
    sourcing_cue,
)
from claimgraph.extract.cues import (
    ALL_CUE_VERBS,
    CUE_ADVERBS,
    CUE_VERBS,
    FIGURE_NOUNS,
    FIGURE_VERBS,
    FRAME_NOUNS,
    LEMMA_FIXES,
    MENTAL,
    NOUN_CUES,
    OBJECT_TOO,
    PARTICLE_CUES,
    PREP_CONTENT,
    SAID_OBJECTS,
    XCOMP_CUES,
    Found,
    char_span,
    has_words,
    object_end,
    passive_tails,
    source_span,
    without_tail,
)
from claimgraph.extract.frames import according_cue, actor_like, noun_cue, per_cue
from claimgraph.extract.quotes import (
    attach_quotes,
    colon_cue,
    doc_text,
    find_quotes,
    paragraph_breaks,
)
from claimgraph.extract.speakers import (
    FIRST_PERSON,
    Registry,
    build_speaker,
)
from claimgraph.extract.types import Attribution

__all__ = ["attributed_at", "find_attributions"]

_VERB_GROUP = frozenset({"aux", "auxpass", "neg"})
_ADDRESSEE_VERBS = frozenset({"tell", "ask", "assure", "inform", "warn", "urge", "remind"})
_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART"})
_QUOTING = frozenset({"quote", "cite"})  # "quoted / cited X as saying"
_INHERITS_SUBJECT = frozenset({"conj", "xcomp", "advcl"})
_MENTION_DEPS = frozenset({"nsubj", "nsubjpass", "appos", "poss"})
_PLACES = frozenset(
    {"town", "city", "village", "settlement", "region", "district", "province", "country",
     "camp", "municipality", "area", "island", "valley", "state", "commune", "county"}
)  # fmt: skip
_CONCESSIVE = frozenset({"though", "although"})


def find_attributions(doc: Doc, publisher: str | None = None) -> list[Attribution]:
    """Every attribution in `doc`, in text order; offsets are into `doc.text`."""
    text = doc_text(doc)
    quotes = find_quotes(text)
    lines = datelines(text)
    registry = Registry(lambda token: build_speaker(token, registry, mention=True))
    found: list[Found] = []
    for token in doc:
        dated = bool(lines) and in_dateline(token.idx, lines)
        if token.pos_ in ("NOUN", "PROPN") and _is_mention(token) and not dated:
            registry.mention(token)
        hit = _cue_at(token)
        if hit is not None:
            found.append(hit)
            whom = _quoting_whom(token, token.lemma_.lower()) if token.pos_ == "VERB" else None
            if whom is not None:
                found.append(quoted_origin(whom))
        found.extend(sourcing_cue(token))
        came = came_from(token) if token.pos_ == "VERB" else None
        if came is not None:  # "its figure … came from X": the figure is X's, not its
            owner = next(c.i for c in token.children if c.dep_ == "nsubj")
            found = [f for f in found if f.head != owner]
            found.append(came)
    if lines:
        skip_datelines(found, lines)
    clip(doc, found, paragraph_breaks(text))
    attach_quotes(doc, quotes, found)
    fill_sourcing(doc, found)
    found.extend(bracket_sources(text))
    quoted = frozenset((q.start, q.end) for q in quotes)
    own = {publisher_key(publisher), *(publisher_key(d.outlet) for d in lines)} - {None}
    return records(doc, found, registry, own, quoted)


def _is_mention(token: Token) -> bool:
    """Mentions that a later "he", "they" or "the minister" may refer back to."""
    if token.ent_type_ == "PERSON":
        return token.ent_iob_ == "B" or token.dep_ != "compound"
    return token.dep_ in _MENTION_DEPS and token.pos_ != "PRON"


def _cue_at(token: Token) -> Found | None:
    if token.lower_ == "according":
        return according_cue(token)
    if token.lower_ == "per" and token.dep_ == "prep":
        return per_cue(token)
    if token.text == ":":
        return colon_cue(token)
    lemma = token.lemma_.lower()
    lemma = LEMMA_FIXES.get(lemma, lemma)
    if token.tag_.startswith("VB") and lemma in ALL_CUE_VERBS and not _adjectival(token):
        return _verb_cue(token, lemma)
    if token.pos_ == "NOUN" and (token.lower_ in NOUN_CUES or token.lower_ in FRAME_NOUNS):
        return noun_cue(token)
    return None


def _adjectival(verb: Token) -> bool:
    """ "the reported toll", "the so-called convoy": participles used as adjectives."""
    doc = verb.doc
    so_called = verb.i > 1 and doc[verb.i - 1].text == "-" and doc[verb.i - 2].lower_ == "so"
    return verb.dep_ == "amod" or so_called


# --- reported speech -------------------------------------------------------------


def _verb_cue(verb: Token, lemma: str) -> Found | None:
    particle = PARTICLE_CUES.get(lemma)
    if particle is not None and not any(c.lower_ == particle for c in verb.rights):
        return None
    if lemma in _QUOTING and (verb.tag_ == "VBG" or verb.dep_ == "relcl"):
        return _citing(verb)
    if lemma == "quote" and _passive(verb) and not _agent(verb):
        return None  # "X was quoted as saying": the saying carries the attribution
    if lemma == "confirm" and any(c.dep_ == "neg" for c in verb.children):
        return None  # "could not confirm that 40 died": not the speaker's claim
    pieces, prep = _verb_content(verb, lemma)
    if not pieces and lemma not in CUE_VERBS:
        return None
    source = _subject(verb)
    if lemma in MENTAL and source is not None and source.lower_ in FIRST_PERSON:
        return None
    if lemma == "count" and source is not None and _place(source):
        return None  # "the town counts 6,000 inhabitants"
    span = source_span(source) if source is not None else None
    if source is None and not pieces:
        source, span, pieces = _trailing(verb)
    relay = None
    if lemma == "tell":  # "survivors told the Evening Star": the outlet passed it on
        relay = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
    quoted = _quoting_whom(verb, lemma)
    if quoted is not None:
        pieces = []  # "X cites the words of the mayor: “…”": the quotation is the content
    return Found(
        head=verb.i,
        cue=_verb_group(verb, prep),
        source=source,
        source_span=span,
        content=[char_span(verb.doc, a, b) for a, b in pieces],
        takes_quote=not pieces,
        relay=relay,
    )


def _quoting_whom(verb: Token, lemma: str) -> Token | None:
    """The person a main-clause "cites" or "quotes" names before a colon."""
    if lemma not in _QUOTING or verb.tag_ == "VBG" or verb.dep_ == "relcl":
        return None
    if any(c.lower_ == "as" for c in verb.children):
        return None  # "quoted X as saying": the saying carries it
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or not (actor_like(obj) or obj.lower_ in ("words", "statement")):
        return None
    doc = verb.doc
    colon = next((t for t in doc[obj.i : verb.sent.end] if t.text == ":"), None)
    return obj if colon is not None else None


def _place(token: Token) -> bool:
    if token.lower_ in ("which", "that") and token.head.dep_ == "relcl":
        token = token.head.head
    return token.ent_type_ in ("GPE", "LOC", "FAC") or token.lemma_.lower() in _PLACES


def _trailing(verb: Token) -> tuple[Token | None, tuple[int, int] | None, list[tuple[int, int]]]:
    """ "Ten died in the attack, Interior Minister Pavel Strand told reporters": the
    parser often hangs such a speaker on the content; read it off the word order."""
    doc, first = verb.doc, verb.sent.start
    i = verb.i - 1
    while i > first and doc[i].dep_ in _VERB_GROUP | {"advmod"}:
        i -= 1
    if doc[i].pos_ not in ("PROPN", "NOUN"):
        return None, None, []
    j = i
    while j > first and doc[j - 1].pos_ in _NAME_POS and doc[j - 1].text != ",":
        j -= 1
    if j - 1 <= first or doc[j - 1].text != "," or not has_words(doc, first, j - 2):
        return None, None, []
    return doc[i], char_span(doc, j, i), [(first, j - 2)]


def _verb_content(verb: Token, lemma: str) -> tuple[list[tuple[int, int]], Token | None]:
    """Token ranges (inclusive) of what the cue verb attributes, and the preposition
    that introduces it when there is one ("called for")."""
    clauses: list[tuple[int, int]] = []
    objects: list[tuple[int, int]] = []
    prep: Token | None = None
    for child in verb.children:  # a clause may stand before its cue: "…, X said."
        dep = child.dep_
        if dep in ("ccomp", "xcomp") and _cut_at_semicolon(verb, (child.i, child.i)) is None:
            continue  # "A; X says B": A is not X's
        if dep == "ccomp" or (dep == "xcomp" and lemma in XCOMP_CUES):
            start = child.left_edge.i
            for obj in verb.children:  # "urged residents to leave": who is urged counts
                if obj.dep_ == "dobj" and obj.right_edge.i + 1 == start and dep == "xcomp":
                    start = obj.left_edge.i
            clauses.append((start, _before_coordinated_cue(child, lemma)))
        elif dep == "prep" and child.lower_ in PREP_CONTENT.get(lemma, ()):
            if child.n_rights:
                clauses.append((child.i + 1, child.right_edge.i))
                prep = child
        elif dep in ("dobj", "intj", "advmod") and _object_content(child, lemma):
            objects.append((child.left_edge.i, object_end(child)))
        elif dep == "nsubjpass" and _object_content(child, lemma) and _agent(verb) is not None:
            # "40 deaths were confirmed by the ministry", "the toll was put at 500 by ..."
            objects.append((child.left_edge.i, child.right_edge.i))
            objects.extend(passive_tails(verb))
    if clauses and all(b < verb.i for _, b in clauses):
        clauses.extend(_concession(verb))
    doc = verb.doc
    if objects and not clauses:  # "announces the following figures: dead — 41, …"
        a, b = objects[-1]
        if any(t.text == ":" for t in doc[a : b + 1]):
            objects[-1] = (a, verb.sent.end - 1)
    if clauses or objects:
        return [(a, without_tail(doc, a, b)) for a, b in clauses or objects], prep
    pieces = (_cut_at_semicolon(verb, p) for p in _parenthetical(verb))
    return [p for p in pieces if p is not None], None


def _concession(verb: Token) -> list[tuple[int, int]]:
    """ "A, the ministry said, though B": the concession goes on with the speaker."""
    return [
        (c.left_edge.i, c.right_edge.i)
        for c in verb.rights
        if c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in _CONCESSIVE for m in c.children)
    ]


def _cut_at_semicolon(verb: Token, piece: tuple[int, int]) -> tuple[int, int] | None:
    """A content before its cue does not reach back over a semicolon: in "A; X says B"
    A is not X's."""
    if piece[1] >= verb.i:
        return piece
    last = max((t.i for t in verb.doc[piece[0] : verb.i] if t.text == ";"), default=-1)
    if last < 0:
        return piece
    start = last + 1
    return (start, piece[1]) if start <= piece[1] and has_words(verb.doc, start, piece[1]) else None


def _before_coordinated_cue(clause: Token, lemma: str) -> int:
    """Where a clause ends when the parser has hung a second cue on it: in "said X and
    said Y" the second "said" belongs beside the first, not inside its content."""
    for child in clause.rights:
        own_cue = child.lemma_ in ALL_CUE_VERBS and any(c.dep_ == "nsubj" for c in child.children)
        if child.dep_ == "conj" and (child.lemma_ == lemma or own_cue):
            cc = [c.i for c in clause.rights if c.dep_ == "cc" and c.i < child.i]
            return (cc[-1] if cc else child.left_edge.i) - 1
    return clause.right_edge.i


def _object_content(obj: Token, lemma: str) -> bool:
    if lemma == "say" or obj.dep_ not in ("dobj", "nsubjpass"):
        return lemma == "say" and obj.lower_ in SAID_OBJECTS and obj.i > obj.head.i
    if lemma in FIGURE_VERBS:
        return obj.lemma_.lower() in FIGURE_NOUNS
    return lemma in OBJECT_TOO and lemma not in _ADDRESSEE_VERBS


def _parenthetical(verb: Token) -> list[tuple[int, int]]:
    """ "The toll, he said, was 40", "The toll was 40, he said" and "As the ministry
    reported, 40 died": the content is the clause the cue interrupts, trails or leads,
    without the cue's own words."""
    head = verb.head
    if head.i == verb.i or not _parenthetical_cue(verb):
        return []
    pieces = [(head.left_edge.i, verb.left_edge.i - 1), (verb.right_edge.i + 1, head.right_edge.i)]
    return [(a, b) for a, b in pieces if b >= a and has_words(verb.doc, a, b)]


def _parenthetical_cue(verb: Token) -> bool:
    if verb.dep_ == "parataxis":
        return True
    if verb.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    edge = verb.left_edge.i
    return verb.dep_ == "ccomp" and edge > 0 and verb.doc[edge - 1].text == ","


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:  # "the radio station Velmora Radio informs": the name
        return next((c for c in subjects if c.pos_ == "PROPN"), subjects[0])
    agent = _agent(verb)
    if agent is not None:
        return agent
    nouns = [c for c in verb.lefts if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")]
    if nouns and nouns[-1].i == verb.i - 1:
        return nouns[-1]  # "court records show": the parser made the subject a compound
    head = verb.head
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None  # "…, as had been alleged, …": no one named
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.dep_ == "ccomp":
        outer = head.head  # "X denied that A, saying B": X says B, not A's subject
        if outer.lemma_.lower() in ALL_CUE_VERBS:
            return _subject(outer)
    if verb.dep_ == "pcomp" and head.lower_ == "as":
        quoted = _quoted_person(head.head)
        if quoted is not None:
            return quoted
    if verb.dep_ == "conj" and head.dep_ == "ccomp" and head.head.lemma_ == verb.lemma_:
        return _subject(head.head)  # "X said A and said B", B hung on A by the parser
    if verb.dep_ in _INHERITS_SUBJECT and head.i != verb.i and not _passive(verb):
        return _subject(head)  # "announced ... and said", "adding that"
    if verb.dep_ == "acl" and head.pos_ == "NOUN":
        # "She issued a statement saying": she; "A statement saying ...": the statement.
        owner = _subject(head.head) if head.dep_ == "dobj" else None
        return owner or head
    return None


def _quoted_person(word: Token) -> Token | None:
    """Whom "quoted X as saying" and "X was quoted as saying" quote."""
    if word.lemma_ in _QUOTING:
        return next((c for c in word.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if word.dep_ in ("dobj", "nsubjpass") and word.head.lemma_ in _QUOTING:
        return word  # the parser may hang "as saying" on the person quoted
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _citing(verb: Token) -> Found | None:
    """ "X, citing Y, reported ...": Y is where X's content came from."""
    cited = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if cited is None:
        return None
    return Found(
        head=verb.i,
        cue=(verb.i, verb.i + 1),
        source=cited,
        source_span=source_span(cited),
        takes_quote=False,
        sourcing=verb.i,
    )


def _verb_group(verb: Token, prep: Token | None) -> tuple[int, int]:
    """The cue with its auxiliaries, negation and adverbs: "has not yet said"."""
    start = verb.i
    for child in reversed(list(verb.lefts)):
        adverb = child.lower_ in CUE_ADVERBS or child.lower_.endswith("ly")
        keep = child.dep_ in _VERB_GROUP or (child.dep_ == "advmod" and adverb)
        if not keep or child.i != start - 1:
            break
        start = child.i
    end = verb.i + 1
    for child in verb.rights:
        if child.i == end and (child.dep_ == "prt" or (prep is not None and child.i == prep.i)):
            end += 1
    if end < len(verb.doc) and verb.doc[end].text == ":":
        end += 1  # "said:" introduces a quotation; the colon is part of the cue
    return start, end
