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
from claimgraph.extract.readings import (
    alive_after,
    all_but,
    as_status,
    combined,
    complement_compound,
    counted_subject,
    fate_of_part,
    first_conjunct,
    fits,
    has_object,
    holder_is_place,
    identified,
    named,
    next_predicate,
    next_word_counts,
    object_of,
    object_phrase,
    part_of,
    part_subject,
    pcomp_of,
    phrase_counts,
    remaining,
    remains_of,
    seen,
    stative,
    taken,
)
from claimgraph.model import Counts, Qualifier

KILLED, BODIES, MISSING = Counts.KILLED, Counts.DEAD_BODIES_SEEN, Counts.MISSING
_DYING = frozenset({"die", "succumb", "perish"})
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
                pobj = object_of(prep)
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


def _read(noun: Token | None, nom: Token, run: NumberRun) -> tuple[Counts, Token] | None:
    """Counts and anchor: from the noun itself, its modifiers, the clause, the neighbour."""
    if noun is None:  # "the 11 who never came back", "Over 300 were killed", "100 killed"
        found = _modifier_counts(nom) if nom.pos_ == "NUM" else None
        return found or _clause_counts(nom, run, 2) or next_word_counts(nom.doc, run)
    if lemma_of(noun) in lx.TOLLS:  # "the dead number 40", "a death toll 300 strong"
        return _toll_noun_counts(noun)
    if nom.dep_ == "nsubj" and lemma_of(nom.head) in _DYING and noun.i > nom.i:
        return KILLED, nom.head  # "30 of the wounded later died": they are dead now
    remains = remains_of(noun)  # "the remains of 209 missing persons"
    if remains is not None:
        return BODIES, remains
    own = _own_counts(noun, run)
    if own is not None and noun.lemma_.lower() not in lx.PERSON_COUNTS:
        return seen(own, noun, noun)
    found = _modifier_counts(noun) or named(noun)
    clause = _clause_counts(nom, run, 2)
    if found is None or (clause is not None and clause[0] is KILLED):
        found = clause or found  # "executed 9 captured soldiers": their death says most
    if found is not None and fits(noun, found):
        return seen(found[0], found[1], nom)
    if own is None and noun.pos_ == "VERB" and remaining(noun):
        return POPULATION, noun  # "fewer than 3,000 remain", the figure hung on the verb
    return (identified(own, noun, nom), noun) if own is not None else None


def _own_counts(noun: Token, run: NumberRun) -> Counts | None:
    """What the counted noun says by itself, where it says it of this figure."""
    if any(part_of(c, run) for c in noun.children):
        return None  # "five of the 12 victims": the 12 are counted, the five are a part
    if lemma_of(noun) == "life" and lemma_of(first_conjunct(noun).head) not in lx.LIFE_TAKERS:
        return None  # "a population of 2 million lives there"; "saved 300 lives"
    if noun.tag_ in ("VBN", "JJ") and (noun.dep_ == "pobj" or noun.pos_ == "ADJ"):
        return predicate(noun)  # "thousands of killed", "left 35,000 homeless"
    if noun.dep_ == "conj" and noun.head.pos_ == "VERB":  # "were crushed and 60 hurt"
        return predicate(noun) or noun_counts(noun)
    return noun_counts(noun) or lx.paper_counts(noun)


def _modifier_counts(noun: Token) -> tuple[Counts, Token] | None:
    """ "30 wounded civilians", "30 people killed", "displaced people", "who were killed"."""
    for child in noun.children:
        among = object_of(child) if child.dep_ == "prep" and child.lower_ == "among" else None
        if among is not None and noun_counts(among) is not None:  # "3 firemen among the dead"
            return _toll_noun_counts(among)
        if child.lower_ == "alive" and lemma_of(noun.head) in lx.SEEING:
            return OTHER, child  # "found 8 children alive": rescued, not bodies
        fate = fate_of_part(noun) if child.dep_ == "prep" and child.lower_ == "of" else None
        if fate is not None:
            return fate
        if child.dep_ in ("amod", "acl", "relcl", "compound") and child.i != noun.i:
            if has_object(child) and lemma_of(child) not in lx.INTRANSITIVE:
                # "children who lost their parents"; but "the 3 soldiers who killed the
                # boy" are the killers
                fixed = phrase_counts(child) if child.dep_ == "relcl" else None
                if fixed is not None:
                    return fixed
                continue
            if child.dep_ == "relcl" and part_subject(child):
                continue  # "9 suspects, 6 of whom are in custody": the 6 are counted
            counts = predicate(child) or lx.status_counts(child)
            if counts is not None:
                return counts, child
            found = _complement_counts(child) if child.dep_ in ("relcl", "acl") else None
            if found is not None:
                return found
    return None


def _clause_counts(nom: Token, run: NumberRun, depth: int) -> tuple[Counts, Token] | None:
    """What the clause around the figure says: its verb, or the noun an of-phrase hangs on."""
    released = all_but(nom)  # "freed all but 8 of the 22 passengers"
    if released is not None:
        return released
    arg = first_conjunct(nom)
    head = arg.head
    if complement_compound(arg):  # "took 8 guards hostage", "holding 300 protesters"
        return (DETAINED, head) if noun_counts(head) is DETAINED else _verb_counts(head.head, head)
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
    if arg.dep_ == "pobj" and run.start <= head.i < run.nums[0]:
        return _qualifier_prep(head, run)
    if arg.dep_ == "pobj":
        return _prep_counts(head, run, depth) or next_predicate(arg)
    return None


def _qualifier_prep(prep: Token, run: NumberRun) -> tuple[Counts, Token] | None:
    """ "arrested between 200 and 300 students", "were evacuated up to 1,500 inhabitants":
    the parser hangs the noun on the qualifier word as on a preposition; its head's role
    is the figure's."""
    while run.start <= prep.head.i < run.nums[0] and prep.head.i != prep.i:
        prep = prep.head
    if prep.head.pos_ in ("VERB", "AUX"):
        return _verb_counts(prep.head, prep)
    return next_predicate(prep)


def _verb_counts(verb: Token, arg: Token) -> tuple[Counts, Token] | None:
    """The predicate over the figure: "were killed", "killed 100", "fled", "lost their lives"."""
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "aux" and lemma_of(c) in ("will", "would", "shall") for c in verb.children):
        return None  # "the 22,000 residents would be evacuated" has not happened
    if lemma == "hold" and arg.dep_ == "dobj" and holder_is_place(verb):
        return None  # "the arena, which holds 40,000 spectators": a capacity
    if arg.dep_ == "nsubj" and lemma not in lx.INTRANSITIVE and has_object(verb):
        # "30 gunmen killed 12 soldiers": the 30 are the agents, unless the object says
        # what befell them ("30 people lost their lives", "sustained injuries")
        return phrase_counts(verb)
    alive = verb if verb.lower_ == "alive" else None  # "found 11 people alive"
    alive = alive or next((c for c in verb.children if c.lower_ == "alive"), None)
    alive = alive or alive_after(verb)  # "pulled from the water alive"
    if alive is not None:  # "found 11 people alive", "pulled from the water alive": rescued
        return OTHER, alive
    # The complement says more than the verb: "shot dead", "reported killed", "found dead".
    found = _complement_counts(verb, skip=arg.i) or object_phrase(verb, arg)
    if found is not None:
        return found
    counts = predicate(verb) if verb.pos_ in ("VERB", "ADJ", "AUX") else None
    counts = counts or lx.status_counts(verb)
    if counts is not None:
        return combined(verb, counts), verb
    if arg.dep_ == "nsubj" and remaining(verb):  # "today fewer than 3,000 remain"
        return POPULATION, verb
    found = _toll_subject(verb, arg) if lemma in lx.TOLL_VERBS and arg.dep_ != "nsubj" else None
    if found is None and lemma in ("be", "include"):  # "two children were among the dead"
        found = _among(verb)
    if found is not None:
        return found
    if lemma == "lose" and arg.dep_ == "dobj" and not counted_subject(verb):
        return KILLED, verb  # "the town lost 30 residents"; not "640 children lost one parent"
    return _conjoined(verb, arg)


def _conjoined(verb: Token, arg: Token) -> tuple[Counts, Token] | None:
    """ "35 men were taken away and are still missing": a second verb with the same subject."""
    for conj in verb.children:
        own_subject = any(c.dep_.startswith("nsubj") for c in conj.children)
        if conj.dep_ == "conj" and conj.pos_ in ("VERB", "ADJ") and not own_subject:
            return _verb_counts(conj, arg)
    return None


def _among(verb: Token) -> tuple[Counts, Token] | None:
    for child in verb.children:
        pobj = object_of(child) if child.lower_ == "among" else None
        if pobj is not None:
            return _toll_noun_counts(pobj)
    return None


def _complement_counts(verb: Token, depth: int = 2, skip: int = -1) -> tuple[Counts, Token] | None:
    """ "were reported killed", "are feared dead", "went missing", "taken prisoner",
    "left their homes", "found dead" (bodies seen, not a toll)."""
    for child in verb.children:
        found: tuple[Counts, Token] | None = None
        # participles and adjectives only: "30 soldiers tried to kill" counts nobody
        # "shot 12 people dead" is sometimes parsed with "dead" as an adverbial clause
        adjunct = child.dep_ == "advcl" and child.tag_ == "JJ"
        if (child.dep_ in _COMPLEMENTS or adjunct) and stative(child):
            counts = predicate(child) or taken(child)
            found = (counts, child) if counts is not None else None
            if found is None and depth > 0:
                found = _complement_counts(child, depth - 1)
        elif child.dep_ in ("dobj", "prep") and child.i != skip:
            counts = as_status(child) or lx.phrase_counts(verb, child)
            found = (counts, verb) if counts is not None else None
        if found is not None:
            return (
                (BODIES, found[1]) if found[0] is KILLED and lemma_of(verb) in lx.SEEING else found
            )
    return None


_COMPLEMENTS = frozenset({"xcomp", "acomp", "oprd", "attr"})


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
            inner = object_of(child) or pcomp_of(child) if child.lower_ == "of" else child
            if inner is None or child.dep_ not in ("compound", "amod", "prep", "nmod"):
                continue
            counts = noun_counts(inner) or predicate(inner)
            # "death toll" hangs on "toll"; "the number of dead" on "dead"
            where = noun if child.dep_ in ("compound", "amod") else inner
            found = (counts, where) if counts is not None else _modifier_counts(inner)
            if found is not None:
                return found
        if lemma in ("toll", "tally"):
            return KILLED, noun
        return _modifier_counts(noun)  # "the number of soldiers held as prisoners"
    counts = noun_counts(noun)
    if counts is not None and lemma not in ("resident", "inhabitant"):
        return counts, noun
    return _modifier_counts(noun)


def _prep_counts(prep: Token, run: NumberRun, depth: int) -> tuple[Counts, Token] | None:
    """A figure inside a prepositional phrase: "rose to 180", "a death toll of 300",
    "the bodies of 40 people", "a town of 40,000", "home to 25,000", "a total of 300"."""
    word, head = prep.lower_, prep.head
    lemma = lemma_of(head)
    if word == "for" and lemma in lx.SEARCHING:  # "the search for 14 persons continues"
        return MISSING, head
    if word == "for":  # "death certificates for 13", "obtained death certificates for 13"
        papers = next((c for c in head.children if c.dep_ == "dobj"), head)
        if lx.paper_counts(papers) is not None:
            return KILLED, papers
    if word == "of" and lemma in lx.NAME_LISTS:
        return _name_list(prep, head)
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
        sought = lemma_of(head.head) in lx.ESTABLISHING  # "establish the whereabouts of 1"
        return (MISSING, head) if sought or lx.status_counts(head.head) is MISSING else None
    if word == "to" and lemma == "home":
        return POPULATION, head
    if word == "but" and head.lower_ == "all":  # "all but 12 have been released"
        verb = head.head
        return (DETAINED, verb) if lemma_of(verb) in lx.RELEASING else None
    if word != "of" or head.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None
    own = noun_counts(head)
    if own is not None:
        return seen(own, head, head)
    if lemma in lx.PLACES:
        return POPULATION, head
    if lemma in lx.COLLECTIVES and depth > 0:
        return _clause_counts(head, run, depth - 1)
    return None


def _name_list(prep: Token, head: Token) -> tuple[Counts, Token] | None:
    """ "the names of 86 victims", "the names of 312 people … killed in the war"."""
    listed = object_of(prep)
    if listed is not None and lemma_of(listed) in lx.LISTED_DEAD:
        return KILLED, head
    found = _modifier_counts(head)
    return found if found is not None and found[0] is KILLED else None


def _included(head: Token, prep: Token, run: NumberRun, depth: int) -> tuple[Counts, Token] | None:
    own = noun_counts(head)
    if own is not None:
        return own, head
    found = _modifier_counts(head)  # "61 people injured by landmines, including 22 children"
    if found is not None:
        return found
    if head.pos_ != "VERB" and not is_person(head):  # "injured by landmines, including"
        head = next((a for a in head.ancestors if a.pos_ == "VERB"), head)
    if head.pos_ == "VERB":
        return _verb_counts(head, prep)
    return _clause_counts(head, run, depth)
