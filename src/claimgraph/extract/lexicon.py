"""Word lists for reading what a figure counts: the verbs, participles and nouns that say
what happened to the counted people, the nouns that name people, places and tolls, and the
fixed verb + object phrases. Kept apart from `counted`, which holds only the parse rules."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.model import Counts


def _words(text: str) -> frozenset[str]:
    """A word list written as one string, to keep the lexicons below readable."""
    return frozenset(text.split())


KILLED, WOUNDED, BODIES = Counts.KILLED, Counts.WOUNDED, Counts.DEAD_BODIES_SEEN
FLED, POPULATION, MISSING = Counts.FLED, Counts.POPULATION, Counts.MISSING
DETAINED, OTHER = Counts.DETAINED, Counts.OTHER


def _lexicon(entries: dict[Counts, str]) -> dict[str, Counts]:
    return {word: counts for counts, text in entries.items() for word in text.split()}


# Verbs, participles and adjectives that say what happened to the counted people.
# Transitive ones count their object (or passive subject), never their agent.
PREDICATES = _lexicon(
    {
        KILLED: "kill slay massacre execute murder slaughter behead assassinate die perish "
        "dead drown martyr hanged shoot liquidate perished eliminate",
        WOUNDED: "wound injure maim hurt injured wounded hospitalise hospitalize",
        FLED: "flee displace evacuate uproot expel deport escape displaced relocate move resettle",
        MISSING: "disappear vanish missing unaccounted",
        DETAINED: "detain arrest abduct kidnap imprison jail capture hold surrender seize "
        "apprehend remand recapture",
        # trapped, rescued, orphaned, homeless, affected, sheltering, stranded
        OTHER: "torture rape beat trap rescue orphan orphaned homeless affect shelter strand free "
        "trapped stranded besiege",
        BODIES: "bury",
        POPULATION: "live",
    }
)
INTRANSITIVE = _words("die perish drown flee escape disappear vanish live dead")
# Verbs that also mean something harmless ("held talks", "escaped notice"): they count
# only people, never things.
WEAK = _words(
    "hold capture escape evacuate shoot beat hurt live bury trap rescue affect shelter strand "
    "surrender fate whereabouts whereabout leave depart abandon remain lose eliminate seize free "
    "recapture move relocate resettle besiege"
)
# Nouns (and nominal adjectives) that are themselves the count: "477 deaths", "70 bodies".
NOUNS = _lexicon(
    {
        KILLED: "death dead fatality toll life killing murder martyr execution perished "
        "liquidation elimination",
        WOUNDED: "wounded injured injury",
        BODIES: "body corpse corpses remains grave skeleton",
        FLED: "refugee evacuee displaced idp",
        MISSING: "missing disappeared disappearance",
        DETAINED: "detainee prisoner hostage captive arrest abduction detention capture",
        POPULATION: "population resident inhabitant",
        OTHER: "casualty victim orphan",
    }
)
# Nouns that name people rather than an outcome: a casualty predicate over them wins
# ("300 refugees were killed" counts killed, not fled).
PERSON_COUNTS = _words(
    "refugee evacuee detainee prisoner hostage captive resident inhabitant martyr victim orphan"
)
PERSONS = _words(
    "people person civilian villager resident inhabitant man woman child boy girl baby infant "
    "kid teenager youth adult soldier troop fighter militant rebel insurgent policeman "
    "officer police protester demonstrator student worker journalist reporter doctor nurse "
    "patient pilgrim worshipper migrant refugee passenger family household member prisoner "
    "detainee hostage captive guard farmer miner teacher volunteer recruit conscript sailor "
    "marine pilot crew staff employee official guerrilla combatant gunman bystander victim "
    "survivor inmate tourist citizen national settler labourer laborer peasant elder "
    "mourner fisherman herder tribesman other more militiaman serviceman personnel "
    "son daughter brother sister father mother husband wife parent relative grandchild "
    "grandson granddaughter nephew niece cousin uncle aunt neighbour neighbor friend colleague "
    "paramilitary gendarme cadet trooper resident casualty martyr evacuee individual suspect"
)
PERSON_SUFFIXES = ("ers", "ors", "ists", "ians", "ants", "ents", "ees", "men", "ites")
NOT_PERSONS = _words(
    "house home building village town city hospital school mosque church vehicle truck car "
    "bus tank aircraft plane helicopter drone rocket missile shell round bomb weapon gun "
    "rifle animal cattle livestock goat camel donkey sheep cow horse dog tree acre hectare "
    "year day hour minute week "
    "month time page document report case incident attack strike raid shot bullet "
    "center centre container computer tower number order letter chapter paper quarter "
    "border matter headquarters point seat vote goal meeting talk weapon tent bed"
)
# Nouns whose figure is said by a verb: "the toll rose to 180", "the number of dead ...".
TOLLS = _words("toll tally count number figure total estimate")
TOLL_VERBS = _words(
    "be reach rise climb stand hit exceed top surpass pass number total include jump "
    "increase grow mount double put estimate place set remain soar near approach "
    "surge go stay revise raise lower bring push lift take drive leave range vary comprise "
    "constitute amount"
)
COLLECTIVES = _words("total number group crowd minimum maximum tally count")
# "designed for 8 people": a capacity.
MADE_FOR = _words("design build intend equip plan license licence")
# Places whose "holds 38,000" is a capacity.
VENUES = _words(
    "stadium arena hall theatre theater cinema church mosque cathedral prison jail camp cell "
    "facility shelter ship ferry boat vessel train bus hospital school building ward room"
)
PLACES = _words(
    "town city village settlement district camp region province municipality community "
    "neighbourhood neighborhood suburb hamlet island enclave valley county country area"
)
SEEING = _words(
    "count see find discover recover exhume unearth bury photograph film retrieve identify "
    "collect pull"
)
SKIP_MODS = _words("more other others additional further another")

# Where the counted people are, whatever the verb: "7 remain in intensive care", "up to 40
# may be under the rubble", "100 of our men are in the hands of the enemy".
PREP_STATES: dict[tuple[str, str], Counts] = {
    **{("under", n): OTHER for n in _words("rubble debris ruin ruins wreckage")},
    **{("in", n): DETAINED for n in _words("captivity custody detention hand")},
    **{
        ("in", n): WOUNDED
        for n in (
            *("intensive care", "hospital"),
            *(f"{s} condition" for s in _words("critical grave serious stable")),
        )
    },
    # "remain behind bars", "were placed in detention facilities", "taken into captivity"
    ("behind", "bar"): DETAINED,
    **{("in", n): DETAINED for n in _words("prison jail gaol")},
    **{("in", f"detention {n}"): DETAINED for n in _words("facility centre center camp cell")},
    ("into", "captivity"): DETAINED,
    ("into", "custody"): DETAINED,
    **{("to", f"police {n}"): DETAINED for n in _words("station department")},
    ("in", "need"): OTHER,  # "1.2 million people are in need of assistance"
    ("to", "death"): KILLED,  # "crushed to death", "beaten to death"
    ("to", "arrest"): DETAINED,  # "subjected to administrative arrest"
}
# "sentenced to death" has not happened yet.
NOT_DONE = _words("sentence condemn threaten face risk")
# Verbs whose "into" phrase says the counted people fled across a border.
CROSSING = _words("cross flee escape stream pour")
MOVING = _words("move relocate resettle evacuate")
# Armed forces: their crossing a border is an advance, not flight.
FORCES = _words("troop soldier force unit fighter militant rebel insurgent serviceman tank")
# Verb + particle: "rounded up", "taken away", "led away".
PARTICLES: dict[tuple[str, str], Counts] = {
    ("take", "out"): FLED,  # "6,730 residents were taken out by bus"
    ("bring", "out"): FLED,
    ("round", "up"): DETAINED,
    ("take", "away"): DETAINED,
    ("lead", "away"): DETAINED,
}

LIFE_TAKERS = _words("claim take lose cost end")
TOLL_PREPS = _words("to at from as around near")

PHRASES: dict[tuple[str, str], Counts] = {
    **dict.fromkeys([("lose", "life"), ("give", "life"), ("sacrifice", "life")], KILLED),
    **{
        (v, n): FLED
        for v in _words("leave flee force abandon drive depart escape")
        for n in _words("home house") | PLACES
    },
    **{(v, "refuge"): FLED for v in _words("seek take find")},
    ("cross", "border"): FLED,
    **{(v, "shelter"): FLED for v in _words("seek take")},
    **{
        (v, n): WOUNDED
        for v in _words("sustain suffer receive treat have")
        for n in _words("injury wound burn poisoning shrapnel gunshot")
    },
    **{(v, "hospital"): WOUNDED for v in _words("take rush admit bring")},
    **{
        (v, n): WOUNDED
        for v in _words("admit hospitalise hospitalize bring take")
        for n in _words("injury wound burn")
    },
    **{(v, "treatment"): WOUNDED for v in _words("need require receive")},
    **{("remain", p): POPULATION for p in PLACES},
    ("lose", "parent"): OTHER,  # orphaned
    ("give", "themselves"): DETAINED,  # "gave themselves up"
    **{(v, "custody"): DETAINED for v in _words("be remain hold take")},
}

FATES = _words("whereabouts whereabout fate")
# Papers issued one per dead person count the dead: "412 death certificates", "57 burial
# permits", "we obtained death certificates for 13".
DEATH_PAPERS = _words("certificate permit notice registration record")
DEATH_MARKS = _words("death burial funeral interment")
# A list of names of victims is a list of the dead: "the names of 86 victims".
NAME_LISTS = _words("name identity")
LISTED_DEAD = _words("victim martyr")
# Nouns for the dead that name what is counted, unlike "deaths" or "toll": the subject.
CORPSES = _words("body corpse corpses")
# "all but 12 have been released": the 12 are still held.
RELEASING = _words("release free")
# "the search for 14 persons": they are missing.
SEARCHING = _words("search hunt")
# "seeking to establish the whereabouts of 1 citizen": they are missing.
# Verbs of finding the dead by name or body: "identified 11 of the victims".
IDENTIFYING = _words("identify exhume recover unearth retrieve bury")
ESTABLISHING = _words("establish determine ascertain clarify trace seek search")
PASSIVE_ONLY = _words("affect move relocate")
# Events that affect people: "the earthquake affected some 230,000 people".
DISASTERS = _words(
    "earthquake quake flood flooding storm cyclone hurricane typhoon tsunami drought famine "
    "fire wildfire landslide eruption disaster fighting war conflict siege epidemic outbreak"
)
UNKNOWN = _words("unknown unclear")


# Numbers that are not counts of people (read by `quantities`).
# A word right after the figure that makes it a measure, a sum, a time or an age.
UNITS_AFTER = _words(
    "percent per % pc km kilometres kilometers kilometre kilometer mi miles mile m metres "
    "meters metre meter cm mm ft feet foot yards yard kg kilograms kilos kilo tonnes tons ton "
    "lb lbs acres acre hectares hectare square sq degrees ° years year yr yrs months month "
    "weeks week days day hours hour hrs h minutes minute mins min seconds secs decades decade "
    "centuries century nights night times fold dollars dollar usd euros euro eur pounds pound "
    "sterling gbp crowns crown koruna rubles roubles rupees yen yuan francs dinars shekels "
    "lira pesos rand naira shillings cents pence bn billion-dollar a.m. p.m. am pm o'clock "
    "gmt utc pages page votes points goals seats magnitude storeys floors strong year-old "
    "years-old calibre bc ad st nd rd th sorties rounds"
)
# A word right before the figure that makes it a label, a sum, an age or a measure.
LABELS_BEFORE = _words(
    "$ € £ ¥ ₹ us$ usd eur rs rs. no no. nos nos. page pages p. pp. route highway road "
    "resolution article section chapter paragraph clause room flight unit platform gate "
    "junction exit aged age ages magnitude level grade class category bus line channel "
    "version code file item phase stage session decree law communiqué communique bulletin "
    "volume vol vol. issue episode part tel tel. phone ext id cell block building brigade "
    "battalion regiment division squadron psalm verse act amendment paragraph kilometre km "
    "mile minute hour"
)
MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
DAYPARTS = frozenset({"morning", "afternoon", "evening", "night"})
AGE_HEADS = _words("man woman boy girl child baby son daughter mother father")
# "one of the victims", "no one", "the one who": a pronoun, not a count.
ONE_BEFORE = _words("no the this that any every each someone anyone")
# Words beside the counted noun that are not part of who is counted.
NOT_SUBJECT = _words("more other others additional further another names identities")
# Verbs that turn a plain figure into a bound: "exceeded 500", "does not exceed 500".
ABOVE_VERBS = _words("exceed top surpass pass")
# "the toll was estimated at 300": an estimate, however exact the figure looks.
ESTIMATE_VERBS = _words("estimate approximate")
# "the names of only 86", "rejecting the group's estimate of 90": the figure is the same
# kind as the one before it.
RESTATING = frozenset({"estimate", "figure", "name", "identity"})
# "could confirm 31", and of bodies "identified 41": a bare count of what was named before.
CONFIRMING = frozenset({"confirm", "verify", "document", "record", "register"})
PARTITIVE = frozenset({"them", "whom", "these", "those"})


# Lookups of one word in the lists above.


def noun_counts(noun: Token) -> Counts | None:
    lemma = noun.lemma_.lower()
    if lemma in NOUNS:
        return NOUNS[lemma]
    return NOUNS.get(noun.lower_)


def paper_counts(noun: Token) -> Counts | None:
    """What a paper issued for each dead person counts: "death certificates" -> killed."""
    if lemma_of(noun) not in DEATH_PAPERS:
        return None
    marks = (c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod"))
    return KILLED if any(lemma_of(c) in DEATH_MARKS for c in marks) else None


def predicate(token: Token) -> Counts | None:
    lemma = token.lemma_.lower()
    if lemma in PASSIVE_ONLY and token.tag_ != "VBN" and not _by_disaster(token):
        return None  # "2,000 people were affected", not "the law affects 2 million workers"
    found = PREDICATES.get(lemma) or PREDICATES.get(token.lower_)
    return found or _particle(token, lemma)


def _by_disaster(token: Token) -> bool:
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    return token.lemma_ == "affect" and subject is not None and lemma_of(subject) in DISASTERS


def _particle(token: Token, lemma: str) -> Counts | None:
    """ "rounded up", "taken away"; but "led away and still missing" says where they are."""
    if token.pos_ != "VERB" or any(c.dep_ == "conj" and predicate(c) for c in token.children):
        return None
    prt = (c.lower_ for c in token.children if c.dep_ in ("prt", "advmod"))
    return next((PARTICLES[(lemma, p)] for p in prt if (lemma, p) in PARTICLES), None)


def is_person(noun: Token) -> bool:
    """Whether the word names people: "civilians", "Palestinians", "gunmen", "them"."""
    lemma = noun.lemma_.lower()
    if lemma in PERSONS or noun.ent_type_ == "NORP" or noun.pos_ == "PRON":
        return True
    if lemma.endswith("men") and lemma[:-3] + "man" in PERSONS:
        return True  # "servicemen" left unlemmatised
    return noun.tag_ in ("NNS", "NNPS") and noun.lower_.endswith(PERSON_SUFFIXES)


def lemma_of(token: Token) -> str:
    return token.lemma_.lower()


def names_outcome(noun: Token) -> bool:
    """Whether the counted noun names what happened rather than who: "deaths", "bodies",
    "the wounded", "the toll" (but "refugees" and "hostages" are people)."""
    lemma = lemma_of(noun)
    if noun.pos_ in ("ADJ", "VERB") or lemma in TOLLS:
        return True
    return noun_counts(noun) is not None and lemma not in PERSON_COUNTS


def label_counts(word: Token) -> Counts | None:
    """What a label word says is counted: "Deaths", "Injured", "Prisoners", "Evacuated"."""
    found = noun_counts(word) or predicate(word)
    lower = word.lower_
    if found is None and lower.endswith("s"):  # a capitalised plural the tagger missed
        found = NOUNS.get(lower[:-1]) or NOUNS.get(lower[:-3] + "y")
    if found is None and lower.endswith("ed"):  # "Rescued", "Identified" read as names
        stems = (lower[:-1], lower[:-2], lower[:-3] + "y")
        found = next((PREDICATES[s] for s in stems if s in PREDICATES), None)
        found = found or (BODIES if any(s in SEEING for s in stems) else None)
    return found


def says_outcome(word: Token) -> bool:
    """Whether the word itself says what happened: "killed", "wounded", "displaced"."""
    return predicate(word) is not None


def status_counts(clause: Token) -> Counts | None:
    """ "who never came back", "whose whereabouts are not established", "fate unknown"."""
    lemma, children = lemma_of(clause), list(clause.children)
    returned = lemma in ("come", "return") and not any(c.dep_ == "dobj" for c in children)
    if returned and any(c.lower_ == "never" for c in children):
        return MISSING
    fate = any(c.dep_.startswith("nsubj") and lemma_of(c) in FATES for c in children)
    unknown = any(c.dep_ == "neg" or lemma_of(c) in UNKNOWN for c in children)
    unknown = unknown or lemma in UNKNOWN
    return MISSING if fate and unknown else None


def phrase_counts(verb: Token, child: Token) -> Counts | None:
    """Fixed verb + object phrases: "lost their lives", "fled their homes", "sustained
    injuries", "sought refuge", "remain in custody"."""
    target = _pobj(child) if child.dep_ == "prep" else child
    if lemma_of(verb) in NOT_DONE:
        return None
    if child.lower_ == "into" and lemma_of(verb) in CROSSING:  # "crossed into Dravenia"
        return FLED
    for _ in range(2):  # "treated for symptoms of poisoning": the of-phrase says what
        if target is None:
            return None
        for key in _keys(target):
            found = PHRASES.get((lemma_of(verb), key))
            state = PREP_STATES.get((child.lower_, key)) if child.dep_ == "prep" else None
            # "died in custody" says no more than "died"; "beaten to death" says more
            if predicate(verb) is None or (child.lower_, key) == ("to", "death"):
                found = found or state
            if found is not None:
                return found
        of = next((c for c in target.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        target = _pobj(of) if of is not None else None
    return None


def _keys(noun: Token) -> list[str]:
    """The noun's lemma, and with its modifier: "intensive care", "critical condition"."""
    mods = [f"{c.lower_} {lemma_of(noun)}" for c in noun.lefts if c.dep_ in ("amod", "compound")]
    return [lemma_of(noun), *mods]


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)
