"""Word lists for reading what a figure counts: the verbs, participles and nouns that say
what happened to the counted people, the nouns that name people, places and tolls, and the
fixed verb + object phrases. Kept apart from `counted`, which holds only the parse rules."""

from __future__ import annotations

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
        "dead drown martyr hanged shoot liquidate perished",
        WOUNDED: "wound injure maim hurt injured wounded hospitalise hospitalize",
        FLED: "flee displace evacuate uproot expel deport escape displaced",
        MISSING: "disappear vanish missing unaccounted",
        DETAINED: "detain arrest abduct kidnap imprison jail capture hold surrender",
        # trapped, rescued, orphaned, homeless, affected, sheltering, stranded
        OTHER: "torture rape beat trap rescue orphan orphaned homeless affect shelter strand",
        BODIES: "bury",
        POPULATION: "live",
    }
)
INTRANSITIVE = _words("die perish drown flee escape disappear vanish live dead")
# Verbs that also mean something harmless ("held talks", "escaped notice"): they count
# only people, never things.
WEAK = _words(
    "hold capture escape evacuate shoot beat hurt live bury trap rescue affect shelter strand "
    "surrender"
)
# Nouns (and nominal adjectives) that are themselves the count: "477 deaths", "70 bodies".
NOUNS = _lexicon(
    {
        KILLED: "death dead fatality toll life killing murder martyr execution perished",
        WOUNDED: "wounded injured injury",
        BODIES: "body corpse corpses remains grave skeleton",
        FLED: "refugee evacuee displaced idp",
        MISSING: "missing disappeared",
        DETAINED: "detainee prisoner hostage captive arrest",
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
    "paramilitary gendarme cadet trooper resident casualty martyr evacuee"
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
TOLLS = _words("toll tally count number figure total")
TOLL_VERBS = _words(
    "be reach rise climb stand hit exceed top surpass pass number total include jump "
    "increase grow mount double put estimate place set remain soar near approach "
    "surge go stay revise raise lower bring push lift take drive leave"
)
COLLECTIVES = _words("total number group crowd minimum maximum tally count")
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
    **{("in", n): WOUNDED for n in ("intensive care", "critical condition", "hospital")},
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
        for v in _words("sustain suffer receive treat")
        for n in _words("injury wound burn poisoning")
    },
    **{(v, "hospital"): WOUNDED for v in _words("take rush admit bring")},
    **{(v, p): POPULATION for v in _words("remain stay") for p in PLACES},
    ("lose", "parent"): OTHER,  # orphaned
    ("give", "themselves"): DETAINED,  # "gave themselves up"
    **{(v, "custody"): DETAINED for v in _words("be remain hold take")},
}
