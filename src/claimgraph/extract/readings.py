"""Small readings of one parse node, used by `counted`: what a node's own words, modifiers
or complements say ("found ... dead", "registered as missing", "killed and wounded"), and
the checks on who can be counted. None of these follows the parse far; `counted` holds the
rules that walk a clause."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.extract import lexicon as lx
from claimgraph.extract.lexicon import is_person, lemma_of, noun_counts, predicate
from claimgraph.extract.numbers import NumberRun
from claimgraph.model import Counts

KILLED, BODIES, OTHER, DETAINED = (
    Counts.KILLED,
    Counts.DEAD_BODIES_SEEN,
    Counts.OTHER,
    Counts.DETAINED,
)


def object_of(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def pcomp_of(prep: Token) -> Token | None:
    """ "the number of injured", parsed as a clause: the participle."""
    return next((c for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBN"), None)


def named(noun: Token) -> tuple[Counts, Token] | None:
    """ "477 names of the dead": a list of the dead counts them ("relatives of the dead"
    does not, so only names and identities qualify)."""
    if lemma_of(noun) not in ("name", "identity"):
        return None
    for prep in noun.children:
        pobj = object_of(prep) if prep.lower_ == "of" else None
        counts = noun_counts(pobj) if pobj is not None else None
        if pobj is not None and counts is not None:
            return counts, pobj
    return None


def part_of(child: Token, run: NumberRun) -> bool:
    """A second figure on the same noun that is not a rival reading: "five of the 12
    victims", but not "not 120 but 47 bodies", where each figure counts the bodies."""
    if child.dep_ != "nummod" or child.i in run.nums:
        return False
    low, high = sorted((child.i, run.nums[0]))
    return not any(t.dep_ == "cc" for t in child.doc[low:high])


def seen(counts: Counts, anchor: Token, nom: Token) -> tuple[Counts, Token]:
    """ "counted 70 dead", "found 15 people dead": the dead someone saw or found are
    bodies seen, not a toll ("counted 300 people killed" stays a toll)."""
    arg = first_conjunct(nom)
    seen = arg.dep_ in ("dobj", "nsubjpass") and lemma_of(arg.head) in lx.SEEING
    seen = seen or (
        anchor.dep_ in ("ccomp", "xcomp", "oprd") and lemma_of(anchor.head) in lx.SEEING
    )
    if counts is KILLED and seen and lemma_of(anchor) in ("dead", "death"):
        return BODIES, anchor
    return counts, anchor


def part_subject(clause: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NUM" for c in clause.children)


def fits(noun: Token, found: tuple[Counts, Token]) -> bool:
    """Whether the noun can be what the predicate counts: people, not "two trucks"."""
    lemma = noun.lemma_.lower()
    if lemma in lx.NOT_PERSONS or lemma in lx.PLACES or noun.pos_ == "NUM":
        return False
    if lemma in lx.FORCES and lemma_of(found[1]) in lx.CROSSING | lx.MOVING:
        return False  # "2,000 troops crossed into the region" is an advance, not flight
    if is_person(noun) or lemma in lx.NOUNS or lemma == "name":
        return True
    return found[1].lemma_.lower() not in lx.WEAK and noun.pos_ in ("NOUN", "PROPN")


def next_predicate(arg: Token) -> tuple[Counts, Token] | None:
    """Where the parse has gone astray ("Between 120 and 150 people drowned" hung on the
    dateline), people followed at once by a passive or intransitive predicate:
    "... 30 militants of the Front were liquidated"."""
    doc = arg.doc
    noun = next((t for t in arg.subtree if t.dep_ == "pobj" and t.pos_ == "NOUN"), arg)
    if not is_person(noun):
        return None
    i = noun.right_edge.i + 1
    while i < len(doc) and doc[i].pos_ in ("AUX", "ADV", "PART"):
        i += 1
    verb = doc[i] if i < len(doc) else None
    if verb is None or verb.pos_ != "VERB" or has_object(verb):
        return None
    counts = predicate(verb)
    passive = verb.tag_ == "VBN" or lemma_of(verb) in lx.INTRANSITIVE
    return (counts, verb) if counts is not None and passive else None


def first_conjunct(token: Token) -> Token:
    """ "30 soldiers and 12 civilians were killed": 12 civilians share the first's role."""
    for _ in range(8):
        head = token.head
        if token.dep_ != "conj" or head.i > token.i or head.pos_ not in _NOMINAL:
            break
        token = head
    return token


_NOMINAL = frozenset({"NOUN", "PROPN", "NUM", "PRON"})


def holder_is_place(verb: Token) -> bool:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    return subject.lower_ == "which" or lemma_of(subject) in lx.PLACES | lx.NOT_PERSONS | lx.VENUES


def counted_subject(verb: Token) -> bool:
    subjects = (c for c in verb.children if c.dep_ == "nsubj")
    return any(c.like_num or any(g.dep_ == "nummod" for g in c.children) for c in subjects)


def has_object(verb: Token) -> bool:
    return any(c.dep_ == "dobj" for c in verb.children)


def combined(verb: Token, counts: Counts) -> Counts:
    """ "killed and wounded 250", "250 were killed or wounded": one figure for both, so
    `other`; but "shot and wounded" says how they were wounded."""
    other = verb.head if verb.dep_ == "conj" else None
    if other is None:
        other = next((c for c in verb.children if c.dep_ == "conj"), None)
    second = predicate(other) if other is not None else None
    if other is None or second is None or second in (counts, BODIES):
        return counts  # "killed and buried" counts the killed
    low, high = sorted((verb.i, other.i))
    if not all(t.dep_ in ("cc", "punct", "aux", "auxpass") for t in verb.doc[low + 1 : high]):
        return counts
    if "shoot" in (lemma_of(verb), lemma_of(other)):
        return counts if lemma_of(other) == "shoot" else second
    return OTHER


def as_status(prep: Token) -> Counts | None:
    """ "registered 318 people as missing", "held as prisoners of war"."""
    if prep.lower_ != "as":
        return None
    status = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    return None if status is None else predicate(status) or noun_counts(status)


def stative(token: Token) -> bool:
    """A state, not an act: "killed", "dead", "missing", "prisoner"; not "to kill"."""
    return token.tag_ in ("VBN", "JJ") or token.pos_ == "NOUN" or token.lower_ == "missing"


def taken(child: Token) -> Counts | None:
    """ "taken prisoner", "held hostage": a detention noun as the complement."""
    return DETAINED if child.dep_ in ("oprd", "attr") and noun_counts(child) is DETAINED else None


def phrase_counts(verb: Token) -> tuple[Counts, Token] | None:
    for child in verb.children:
        counts = lx.phrase_counts(verb, child) if child.dep_ in ("dobj", "prep") else None
        if counts is not None:
            return counts, verb
    return None


def next_word_counts(doc: Doc, run: NumberRun) -> tuple[Counts, Token] | None:
    """Headline style, where the parse often fails: "100 killed, 250 wounded"."""
    for i in (run.end, run.end + 1):
        if i >= len(doc) or (i > run.end and doc[run.end].lower_ not in lx.SKIP_MODS):
            break
        token = doc[i]
        counts = predicate(token)
        if counts is not None and token.tag_ in ("VBN", "JJ", "VBD") and counts is not OTHER:
            return counts, token
    return None


def alive_after(verb: Token) -> Token | None:
    """ "pulled from the water alive", parsed with "alive" on the water."""
    for prep in verb.children:
        pobj = object_of(prep) if prep.dep_ == "prep" else None
        alive = next((c for c in pobj.rights if c.lower_ == "alive"), None) if pobj else None
        if alive is not None:
            return alive
    return None


def all_but(nom: Token) -> tuple[Counts, Token] | None:
    """ "freed all but 8 of the 22 passengers": the 8 are still held."""
    head = nom.head
    if nom.dep_ != "conj" or head.lower_ != "all" or head.i > nom.i:
        return None
    if not any(c.dep_ == "cc" and c.lower_ == "but" for c in head.children):
        return None
    verb = head.head
    return (DETAINED, verb) if lemma_of(verb) in lx.RELEASING else None


def remaining(verb: Token) -> bool:
    """ "Today fewer than 3,000 remain": those still living in a place, unless a fronted
    "Of the 50 hostages" says who they are."""
    if lemma_of(verb) not in ("remain", "stay"):
        return False
    for child in verb.children:
        if child.dep_ in _REMAIN_SAYS_MORE or child.lower_ in _REMAIN_PREPS:
            return False
        pobj = object_of(child) if child.lower_ == "of" else None
        if pobj is not None and noun_counts(pobj) not in (None, lx.POPULATION):
            return False
    return True


_REMAIN_SAYS_MORE = frozenset({"acomp", "attr", "xcomp", "oprd", "dobj", "advcl", "ccomp"})
_REMAIN_PREPS = frozenset({"in", "at", "under", "behind", "on", "inside", "with"})


def remains_of(noun: Token) -> Token | None:
    """ "the remains of 209 missing persons", "the bodies of 7 women": bodies seen."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i == prep.i:
        return None
    holder = prep.head
    return holder if holder.lower_ in ("remains", *lx.CORPSES) else None


def identified(counts: Counts, noun: Token, nom: Token) -> Counts:
    """ "identified 11 of the victims", "29 victims were exhumed": the dead, as bodies."""
    arg = first_conjunct(nom)
    if counts is not OTHER or lemma_of(noun) not in lx.LISTED_DEAD:
        return counts
    if arg.dep_ in ("dobj", "nsubjpass") and lemma_of(arg.head) in lx.IDENTIFYING:
        return BODIES
    return counts


def fate_of_part(noun: Token) -> tuple[Counts, Token] | None:
    """ "212 men of the district whose whereabouts are unknown"."""
    for prep in noun.children:
        pobj = object_of(prep) if prep.lower_ == "of" else None
        clause = next((c for c in pobj.children if c.dep_ == "relcl"), None) if pobj else None
        if clause is not None and lx.status_counts(clause) is lx.MISSING:
            return lx.MISSING, clause
    return None


def complement_compound(arg: Token) -> bool:
    """ "took 8 guards hostage" parsed with the people as a compound of the complement."""
    head = arg.head
    if arg.dep_ != "compound" or head.i < arg.i or head.pos_ != "NOUN":
        return False
    if head.head.pos_ != "VERB":
        return False
    return head.dep_ in ("ccomp", "xcomp", "oprd") or (head.dep_ == "dobj" and is_person(arg))


def object_phrase(verb: Token, arg: Token) -> tuple[Counts, Token] | None:
    """ "treated 400 people for gunshot injuries": the phrase hangs on the object."""
    if arg.dep_ != "dobj":
        return None
    for prep in arg.children:
        counts = lx.phrase_counts(verb, prep) if prep.dep_ == "prep" else None
        if counts is not None:
            return counts, verb
    return None
