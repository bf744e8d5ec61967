"""What a figure counts, read from the dependency parse: the number's head noun
("477 deaths"), the predicate over that noun ("477 people were killed", "killed 100",
"the toll rose to 180", "a death toll of 300") and who is counted ("villagers").

A figure that hangs on nothing casualty-related gets no reading: precision matters more
than recall, since a wrong figure in a ledger is worse than a missing one."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimgraph.extract import lexicon as lx
from claimgraph.extract.lexicon import is_person, lemma_of, noun_counts, predicate
from claimgraph.extract.numbers import NumberRun
from claimgraph.model import Counts, Qualifier

KILLED, BODIES, MISSING = Counts.KILLED, Counts.DEAD_BODIES_SEEN, Counts.MISSING
DETAINED, OTHER, POPULATION = Counts.DETAINED, Counts.OTHER, Counts.POPULATION

_ARGS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd", "npadvmod", "dative"})
_NOUN_MODS = frozenset({"nummod", "compound", "quantmod", "amod", "nmod", "appos"})


@dataclass(frozen=True, slots=True)
class Counted:
    counts: Counts
    anchor: int  # Doc index of the word that says what is counted
    noun: int | None  # Doc index of the noun naming who (or what outcome) is counted


def what_is_counted(doc: Doc, run: NumberRun) -> Counted | None:
    """What the figure counts, or None when it is not a casualty-type figure."""
    top = _top(doc, run)
    noun, nom = _counted_noun(top, run)
    found = _read(noun, nom, run)
    if found is None:
        return None
    counts, anchor = found
    return Counted(counts, anchor.i, noun.i if noun is not None else None)


def _top(doc: Doc, run: NumberRun) -> Token:
    """The outermost token of the figure: where it attaches to the rest of the sentence."""
    token = _climb(doc[run.nums[-1]], run)
    if token.lower_ in _JOINERS:  # "from 300 to 900" parsed with "to" as a preposition
        return _climb(doc[run.nums[0]], run)
    return token


_JOINERS = frozenset({"to", "and", "or", "-", "–", "—"})


def _climb(token: Token, run: NumberRun) -> Token:
    for _ in range(run.end - run.start + 1):
        if not run.start <= token.head.i < run.end or token.head.i == token.i:
            return token
        token = token.head
    return token


def _counted_noun(top: Token, run: NumberRun) -> tuple[Token | None, Token]:
    """(the noun naming who is counted, the token whose role in the clause counts)."""
    for num in (top, *(top.doc[i] for i in run.nums)):
        for prep in num.children:
            if prep.lower_ == "of" and prep.i >= run.end:  # "dozens of people"
                pobj = _pobj(prep)
                if pobj is not None:
                    return pobj, top
    if top.dep_ in _NOUN_MODS and top.head.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
        head = top.head
        if head.i > top.i or noun_counts(head) is not None or lemma_of(head) in lx.TOLLS:
            return head, head
    after = top.doc[run.end] if run.end < len(top.doc) else None
    if (
        after is not None
        and after.tag_ in ("NNS", "NNPS")
        and after.head.i in (top.head.i, top.i, run.nums[-1])
    ):
        return after, after  # "1.5m people", parsed as two siblings rather than one phrase
    return None, top


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _read(noun: Token | None, nom: Token, run: NumberRun) -> tuple[Counts, Token] | None:
    """Counts and anchor: from the noun itself, its modifiers, the clause, the neighbour."""
    if noun is None:  # "the 11 who never came back", "Over 300 were killed", "100 killed"
        found = _modifier_counts(nom) if nom.pos_ == "NUM" else None
        return found or _clause_counts(nom, run, 2) or next_word_counts(nom.doc, run)
    if lemma_of(noun) in lx.TOLLS:  # "the dead number 40", "a death toll 300 strong"
        return _toll_noun_counts(noun)
    own = _own_counts(noun, run)
    if own is not None and noun.lemma_.lower() not in lx.PERSON_COUNTS:
        return _seen(own, noun, noun)
    found = _modifier_counts(noun) or _named(noun) or _clause_counts(nom, run, 2)
    if found is not None and _fits(noun, found):
        return _seen(found[0], found[1], nom)
    return (own, noun) if own is not None else None


def _named(noun: Token) -> tuple[Counts, Token] | None:
    """ "477 names of the dead": a list of the dead counts them ("relatives of the dead"
    does not, so only names and identities qualify)."""
    if lemma_of(noun) not in ("name", "identity"):
        return None
    for prep in noun.children:
        pobj = _pobj(prep) if prep.lower_ == "of" else None
        counts = noun_counts(pobj) if pobj is not None else None
        if pobj is not None and counts is not None:
            return counts, pobj
    return None


def _own_counts(noun: Token, run: NumberRun) -> Counts | None:
    """What the counted noun says by itself, where it says it of this figure."""
    if any(c.dep_ == "nummod" and c.i not in run.nums for c in noun.children):
        return None  # "five of the 12 victims": the 12 are counted, the five are a part
    if lemma_of(noun) == "life" and lemma_of(_first_conjunct(noun).head) not in lx.LIFE_TAKERS:
        return None  # "a population of 2 million lives there"; "saved 300 lives"
    if noun.tag_ in ("VBN", "JJ") and noun.dep_ == "pobj":  # "thousands of killed"
        return predicate(noun)
    return noun_counts(noun)


def _seen(counts: Counts, anchor: Token, nom: Token) -> tuple[Counts, Token]:
    """ "counted 70 dead", "found 15 people dead": the dead someone saw or found are
    bodies seen, not a toll ("counted 300 people killed" stays a toll)."""
    arg = _first_conjunct(nom)
    seen = arg.dep_ in ("dobj", "nsubjpass") and lemma_of(arg.head) in lx.SEEING
    seen = seen or (
        anchor.dep_ in ("ccomp", "xcomp", "oprd") and lemma_of(anchor.head) in lx.SEEING
    )
    if counts is KILLED and seen and lemma_of(anchor) in ("dead", "death"):
        return BODIES, anchor
    return counts, anchor


def _modifier_counts(noun: Token) -> tuple[Counts, Token] | None:
    """ "30 wounded civilians", "30 people killed", "displaced people", "who were killed"."""
    for child in noun.children:
        if child.dep_ in ("amod", "acl", "relcl", "compound") and child.i != noun.i:
            if _has_object(child) and lemma_of(child) not in lx.INTRANSITIVE:
                continue  # "the 3 soldiers who killed the boy" are the killers
            if child.dep_ == "relcl" and _part_subject(child):
                continue  # "9 suspects, 6 of whom are in custody": the 6 are counted
            counts = predicate(child) or lx.status_counts(child)
            if counts is not None:
                return counts, child
            found = _complement_counts(child) if child.dep_ in ("relcl", "acl") else None
            if found is not None:
                return found
    return None


def _part_subject(clause: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NUM" for c in clause.children)


def _fits(noun: Token, found: tuple[Counts, Token]) -> bool:
    """Whether the noun can be what the predicate counts: people, not "two trucks"."""
    lemma = noun.lemma_.lower()
    if lemma in lx.NOT_PERSONS or noun.pos_ == "NUM":
        return False
    if is_person(noun) or lemma in lx.NOUNS or lemma == "name":
        return True
    return found[1].lemma_.lower() not in lx.WEAK and noun.pos_ in ("NOUN", "PROPN")


def _clause_counts(nom: Token, run: NumberRun, depth: int) -> tuple[Counts, Token] | None:
    """What the clause around the figure says: its verb, or the noun an of-phrase hangs on."""
    arg = _first_conjunct(nom)
    head = arg.head
    if arg.dep_ == "appos" and depth > 0 and head.pos_ in ("NOUN", "PROPN"):
        # "families displaced from the hills — perhaps 9,000 people —": the head's role
        return _modifier_counts(head) or _clause_counts(head, run, depth - 1)
    if head.dep_ in ("aux", "auxpass") and head.head.i != head.i:
        head = head.head  # "3 are missing" is sometimes parsed with "are" as the head
    if head.i == arg.i:
        return None
    # "Over 300 were killed": the parser hangs the figure on "over" as on a preposition.
    qualifier_prep = arg.dep_ == "prep" and arg.i not in run.nums and arg.i < run.nums[0]
    if arg.dep_ in _ARGS or (qualifier_prep and head.pos_ in ("VERB", "AUX")):
        return _verb_counts(head, arg)
    if arg.dep_ == "pobj":
        return _prep_counts(head, run, depth)
    return None


def _first_conjunct(token: Token) -> Token:
    """ "30 soldiers and 12 civilians were killed": 12 civilians share the first's role."""
    for _ in range(8):
        head = token.head
        if token.dep_ != "conj" or head.i > token.i or head.pos_ not in _NOMINAL:
            break
        token = head
    return token


_NOMINAL = frozenset({"NOUN", "PROPN", "NUM", "PRON"})


def _verb_counts(verb: Token, arg: Token) -> tuple[Counts, Token] | None:
    """The predicate over the figure: "were killed", "killed 100", "fled", "lost their lives"."""
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "aux" and lemma_of(c) in ("will", "would", "shall") for c in verb.children):
        return None  # "the 22,000 residents would be evacuated" has not happened
    if arg.dep_ == "nsubj" and lemma not in lx.INTRANSITIVE and _has_object(verb):
        # "30 gunmen killed 12 soldiers": the 30 are the agents, unless the object says
        # what befell them ("30 people lost their lives", "sustained injuries")
        return _phrase_counts(verb)
    # The complement says more than the verb: "shot dead", "reported killed", "found dead".
    found = _complement_counts(verb, skip=arg.i)
    if found is not None:
        return found
    counts = predicate(verb) if verb.pos_ in ("VERB", "ADJ", "AUX") else None
    counts = counts or lx.status_counts(verb)
    if counts is not None:
        return _combined(verb, counts), verb
    found = _toll_subject(verb, arg) if lemma in lx.TOLL_VERBS and arg.dep_ != "nsubj" else None
    if found is None and lemma in ("be", "include"):  # "two children were among the dead"
        found = _among(verb)
    if found is not None:
        return found
    if lemma == "lose" and arg.dep_ == "dobj" and not _counted_subject(verb):
        return KILLED, verb  # "the town lost 30 residents"; not "640 children lost one parent"
    return _conjoined(verb, arg)


def _counted_subject(verb: Token) -> bool:
    subjects = (c for c in verb.children if c.dep_ == "nsubj")
    return any(c.like_num or any(g.dep_ == "nummod" for g in c.children) for c in subjects)


def _conjoined(verb: Token, arg: Token) -> tuple[Counts, Token] | None:
    """ "35 men were taken away and are still missing": a second verb with the same subject."""
    for conj in verb.children:
        own_subject = any(c.dep_.startswith("nsubj") for c in conj.children)
        if conj.dep_ == "conj" and conj.pos_ in ("VERB", "ADJ") and not own_subject:
            return _verb_counts(conj, arg)
    return None


def _among(verb: Token) -> tuple[Counts, Token] | None:
    for child in verb.children:
        pobj = _pobj(child) if child.lower_ == "among" else None
        if pobj is not None:
            return _toll_noun_counts(pobj)
    return None


def _has_object(verb: Token) -> bool:
    return any(c.dep_ == "dobj" for c in verb.children)


def _combined(verb: Token, counts: Counts) -> Counts:
    """ "killed and wounded 250", "250 were killed or wounded": one figure for both, so
    `other`; but "shot and wounded" says how they were wounded."""
    other = verb.head if verb.dep_ == "conj" else None
    if other is None:
        other = next((c for c in verb.children if c.dep_ == "conj"), None)
    second = predicate(other) if other is not None else None
    if other is None or second is None or second is counts:
        return counts
    low, high = sorted((verb.i, other.i))
    if not all(t.dep_ in ("cc", "punct", "aux", "auxpass") for t in verb.doc[low + 1 : high]):
        return counts
    if "shoot" in (lemma_of(verb), lemma_of(other)):
        return counts if lemma_of(other) == "shoot" else second
    return OTHER


def _complement_counts(verb: Token, depth: int = 2, skip: int = -1) -> tuple[Counts, Token] | None:
    """ "were reported killed", "are feared dead", "went missing", "taken prisoner",
    "left their homes", "found dead" (bodies seen, not a toll)."""
    for child in verb.children:
        found: tuple[Counts, Token] | None = None
        # participles and adjectives only: "30 soldiers tried to kill" counts nobody
        # "shot 12 people dead" is sometimes parsed with "dead" as an adverbial clause
        adjunct = child.dep_ == "advcl" and child.tag_ == "JJ"
        if (child.dep_ in _COMPLEMENTS or adjunct) and _stative(child):
            counts = predicate(child) or _taken(child)
            found = (counts, child) if counts is not None else None
            if found is None and depth > 0:
                found = _complement_counts(child, depth - 1)
        elif child.dep_ in ("dobj", "prep") and child.i != skip:
            counts = lx.phrase_counts(verb, child)
            found = (counts, verb) if counts is not None else None
        if found is not None:
            return (
                (BODIES, found[1]) if found[0] is KILLED and lemma_of(verb) in lx.SEEING else found
            )
    return None


_COMPLEMENTS = frozenset({"xcomp", "acomp", "oprd", "attr"})


def _stative(token: Token) -> bool:
    """A state, not an act: "killed", "dead", "missing", "prisoner"; not "to kill"."""
    return token.tag_ in ("VBN", "JJ") or token.pos_ == "NOUN" or token.lower_ == "missing"


def _taken(child: Token) -> Counts | None:
    """ "taken prisoner", "held hostage": a detention noun as the complement."""
    return DETAINED if child.dep_ in ("oprd", "attr") and noun_counts(child) is DETAINED else None


def _phrase_counts(verb: Token) -> tuple[Counts, Token] | None:
    for child in verb.children:
        counts = lx.phrase_counts(verb, child) if child.dep_ in ("dobj", "prep") else None
        if counts is not None:
            return counts, verb
    return None


def _toll_subject(verb: Token, arg: Token) -> tuple[Counts, Token] | None:
    """ "the toll rose to 180", "the number of dead reached 412", "the dead number 40"."""
    holders = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    for holder in holders:
        for child in holder.children:
            if child.i != arg.i and child.dep_ in ("nsubj", "nsubjpass", "dobj"):
                found = _toll_noun_counts(child)
                if found is not None:
                    return found
    return None


def _toll_noun_counts(noun: Token) -> tuple[Counts, Token] | None:
    """What a toll noun counts: "death toll", "the number of dead", "casualties"."""
    lemma = noun.lemma_.lower()
    if lemma in lx.TOLLS:
        for child in noun.children:
            inner = _pobj(child) if child.lower_ == "of" else child
            if inner is None or child.dep_ not in ("compound", "amod", "prep", "nmod"):
                continue
            counts = noun_counts(inner) or predicate(inner)
            # "death toll" hangs on "toll"; "the number of dead" on "dead"
            where = noun if child.dep_ in ("compound", "amod") else inner
            found = (counts, where) if counts is not None else _modifier_counts(inner)
            if found is not None:
                return found
        return (KILLED, noun) if lemma in ("toll", "tally") else None
    counts = noun_counts(noun)
    if counts is not None and lemma not in ("resident", "inhabitant"):
        return counts, noun
    return _modifier_counts(noun)


def _prep_counts(prep: Token, run: NumberRun, depth: int) -> tuple[Counts, Token] | None:
    """A figure inside a prepositional phrase: "rose to 180", "a death toll of 300",
    "the bodies of 40 people", "a town of 40,000", "home to 25,000", "a total of 300"."""
    word, head = prep.lower_, prep.head
    lemma = lemma_of(head)
    if word == "including" and depth > 0:  # "killed 14, including 5 children"
        return _included(head, prep, run, depth - 1)
    if head.pos_ in ("VERB", "AUX"):
        if word in lx.TOLL_PREPS and lemma in lx.TOLL_VERBS:
            return _toll_subject(head, prep)
        if word == "from" and run.qualifier is Qualifier.RANGE:  # "perished from 10 to 15"
            return _verb_counts(head, prep)
        return None
    if word in ("to", "at", "of") and lemma in ("toll", "tally"):  # "with the toll at 300"
        return _toll_noun_counts(head)
    if word == "of" and lemma in lx.FATES:  # "the fate of 17 sailors remains unknown"
        return (MISSING, head) if lx.status_counts(head.head) is MISSING else None
    if word == "to" and lemma == "home":
        return POPULATION, head
    if word != "of" or head.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None
    own = noun_counts(head)
    if own is not None:
        return _seen(own, head, head)
    if lemma in lx.PLACES:
        return POPULATION, head
    if lemma in lx.COLLECTIVES and depth > 0:
        return _clause_counts(head, run, depth - 1)
    return None


def _included(head: Token, prep: Token, run: NumberRun, depth: int) -> tuple[Counts, Token] | None:
    own = noun_counts(head)
    if own is not None:
        return own, head
    if head.pos_ == "VERB":
        return _verb_counts(head, prep)
    return _clause_counts(head, run, depth)


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
