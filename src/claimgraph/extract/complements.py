"""What a cue verb attributes: its clause ("said that ..."), its object ("denied the
report", "put the toll at 500"), a passive subject ("40 deaths were confirmed by ..."), or
the clause it interrupts, trails or leads ("The toll, he said, was 40")."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract.cues import (
    ALL_CUE_VERBS,
    FIGURE_NOUNS,
    FIGURE_VERBS,
    OBJECT_TOO,
    PREP_CONTENT,
    SAID_OBJECTS,
    XCOMP_CUES,
    has_words,
    object_end,
    passive_tails,
    without_tail,
)

_ADDRESSEE_VERBS = frozenset({"tell", "ask", "assure", "inform", "warn", "urge", "remind"})
_CONCESSIVE = frozenset({"though", "although"})


def verb_content(verb: Token, lemma: str) -> tuple[list[tuple[int, int]], Token | None]:
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
        elif dep == "nsubjpass" and _object_content(child, lemma) and agent(verb) is not None:
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
        objects[-1] = (a, _figure_conjunct(verb, objects[-1][1]))
    if clauses or objects:
        return [(a, without_tail(doc, a, b)) for a, b in clauses or objects], prep
    pieces = (_cut_at_semicolon(verb, p) for p in _parenthetical(verb))
    return [p for p in pieces if p is not None], None


def _figure_conjunct(verb: Token, end: int) -> int:
    """ "put the toll at 100 dead and 250 wounded": the parser makes "250 wounded" a
    clause of its own beside the cue; it is the rest of the figure the cue gives."""
    for conj in verb.rights:
        if conj.dep_ != "conj" or conj.left_edge.i != end + 2 or verb.doc[end + 1].dep_ != "cc":
            continue
        if any(c.dep_ == "nsubj" and c.like_num for c in conj.children) and conj.tag_ == "VBN":
            return conj.right_edge.i
    return end


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
        own_cue = _speaks(child) and any(c.dep_ == "nsubj" for c in child.children)
        if child.dep_ == "conj" and (child.lemma_ == lemma or own_cue):
            cc = [c.i for c in clause.rights if c.dep_ == "cc" and c.i < child.i]
            return (cc[-1] if cc else child.left_edge.i) - 1
    return clause.right_edge.i


def _speaks(verb: Token) -> bool:
    """A cue verb used as one: "gave themselves up" and "put on hold" are no figures."""
    lemma = verb.lemma_
    if lemma not in ALL_CUE_VERBS:
        return False
    if lemma in FIGURE_VERBS:  # "gave a toll of 40", not "4 more gave themselves up"
        return any(c.dep_ == "dobj" and c.lemma_.lower() in FIGURE_NOUNS for c in verb.children)
    return True


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


def agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
