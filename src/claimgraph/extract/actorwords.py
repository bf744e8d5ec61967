"""Words that tell what kind of actor a noun phrase names: armies, government bodies,
outlets, organisations, records that speak for their makers, and nouns for people."""

from __future__ import annotations

from collections.abc import Iterable

from claimgraph.model import ActorKind

MILITARY = frozenset(
    {"army", "armies", "regiment", "brigade", "battalion", "division", "military", "forces",
     "troops", "navy", "corps", "command", "militia", "militias", "squadron", "garrison",
     "guard", "guards", "airforce", "marines", "platoon", "company", "units", "unit"}
)  # fmt: skip
GOVERNMENT = frozenset(
    {"ministry", "ministries", "government", "governments", "police", "department",
     "office", "council", "parliament", "committee", "commission", "court", "courts",
     "administration", "cabinet", "embassy", "authority", "authorities", "municipality",
     "senate", "congress", "agency", "agencies", "bureau", "secretariat", "presidency",
     "kremlin", "pentagon", "state", "prosecutors", "prosecution", "tribunal", "inquiry",
     "legislature", "assembly", "junta", "regime", "consulate", "mission", "directorate",
     "ombudsman", "service", "services", "house", "treasury", "fbi", "cia"}
)  # fmt: skip
OUTLET = frozenset(
    {"newspaper", "newspapers", "paper", "radio", "wire", "television", "tv", "channel",
     "broadcaster", "magazine", "news", "press", "times", "post", "herald", "tribune",
     "journal", "gazette", "daily", "weekly", "network", "outlet", "reuters", "ap", "afp",
     "bbc", "cnn", "telegraph", "guardian", "chronicle", "observer", "bulletin", "dispatch",
     "examiner", "courier", "sentinel", "mirror", "express", "tass", "xinhua", "nbc", "abc",
     "cbs", "msnbc", "npr", "politico", "bloomberg", "breitbart", "axios", "newsweek",
     "website", "site", "blog", "tabloid", "broadsheet", "station", "media", "fox", "star",
     "today"}
)  # fmt: skip
ORGANISATION = frozenset(
    {"organisation", "organization", "group", "ngo", "charity", "company", "firm", "party",
     "union", "association", "institute", "foundation", "hospital", "university", "red",
     "amnesty", "watch", "coalition", "campaign", "center", "centre", "observatory",
     "federation", "league", "society", "church", "clinic", "bank", "corporation", "fund",
     "council", "alliance", "front", "movement", "network", "board", "school", "opposition"}
)  # fmt: skip
# Things that carry words without being speakers: "the report said", "a poll found".
ARTIFACT = frozenset(
    {"report", "reports", "study", "studies", "poll", "polls", "survey", "surveys",
     "statement", "data", "document", "documents", "records", "letter", "analysis",
     "investigation", "memo", "tweet", "video", "footage", "photos", "book", "article",
     "story", "release", "filing", "complaint", "lawsuit", "ad", "research", "findings",
     "figures", "census", "estimate", "review", "audit", "assessment", "ruling",
     "indictment", "transcript", "email", "emails", "message", "post", "list", "count",
     "information", "words", "accounts", "testimony", "tracker", "register", "registry"}
)  # fmt: skip
# Nouns for people, so that "the toll" is never taken for a speaker that "he" points to.
PERSON_NOUNS = frozenset(
    {"minister", "mayor", "spokesman", "spokeswoman", "spokesperson", "official", "president",
     "governor", "cleric", "priest", "imam", "rabbi", "bishop", "pastor", "doctor", "nurse",
     "medic", "stringer", "reporter", "correspondent", "journalist", "photographer",
     "witness", "eyewitness", "resident", "refugee", "survivor", "villager", "commander",
     "general", "colonel", "officer", "soldier", "fighter", "rebel", "chief", "director",
     "head", "secretary", "ambassador", "envoy", "diplomat", "senator", "lawmaker",
     "legislator", "leader", "chairman", "chairwoman", "chair", "analyst", "expert",
     "professor", "researcher", "scientist", "lawyer", "attorney", "prosecutor", "judge",
     "investigator", "inspector", "monitor", "activist", "aide", "adviser", "advisor",
     "member", "worker", "farmer", "teacher", "student", "man", "woman", "father", "mother",
     "son", "daughter", "brother", "sister", "wife", "husband", "elder", "people", "person",
     "source", "insider", "candidate", "nominee", "voter", "supporter", "critic", "observer",
     "manager", "owner", "executive", "ceo", "founder", "coordinator", "administrator",
     "representative", "delegate", "negotiator", "mediator", "militant", "policeman",
     "prisoner", "detainee", "victim", "relative", "neighbour", "neighbor", "friend",
     "colleague", "historian", "author", "writer", "economist", "pollster", "strategist",
     "operative", "staffer", "king", "queen", "prince", "premier", "chancellor", "dean",
     "coroner", "pathologist", "paramedic", "surgeon", "physician", "clerk", "commissioner",
     "sheriff", "deputy", "sergeant", "captain", "lieutenant", "mufti", "sheikh", "warden",
     "superintendent", "engineer", "pilot", "driver", "shopkeeper", "trader", "parent",
     "child", "youth", "veteran", "protester", "demonstrator", "passenger", "guard", "vice",
     "counsel", "organizer", "organiser", "host", "anchor",
     "commentator", "columnist", "editor", "blogger", "user", "campaigner", "advocate"}
)  # fmt: skip
PERSON_SUFFIXES = ("man", "woman", "person", "ist", "ian", "eer")
# Nouns that refer back to a body named before them by its kind, not by its own name.
_OUTLET_MARKERS = frozenset(
    {"news", "press", "wire", "newspaper", "radio", "television", "tv", "daily"}
)
GENERIC_BODIES = frozenset(
    {"organisation", "organization", "group", "agency", "body", "institution", "outlet",
     "newspaper", "paper", "broadcaster", "channel", "station", "network", "company",
     "firm", "charity", "wire", "daily", "magazine", "publication"}
)  # fmt: skip
NAMED_BODIES = frozenset({ActorKind.OUTLET, ActorKind.GOVERNMENT_BODY, ActorKind.MILITARY_UNIT})
ORG_LABELS = frozenset({"ORG", "NORP", "GPE", "FAC", "LOC"})


def kind_of_words(words: Iterable[str], label: str = "") -> ActorKind | None:
    """The kind an organisation-like name or head noun implies, or None."""
    lowered = [w.lower().strip(".'’") for w in words]
    last = lowered[-1] if lowered else ""
    if last in PERSON_NOUNS:
        return None  # "press secretary", "army spokesman": people
    if _OUTLET_MARKERS.intersection(lowered):
        return ActorKind.OUTLET  # "state news agency", "Press Service"
    for lexicon, kind in (
        (OUTLET, ActorKind.OUTLET),
        (MILITARY, ActorKind.MILITARY_UNIT),
        (GOVERNMENT, ActorKind.GOVERNMENT_BODY),
    ):
        # The head noun decides ("Interior Ministry"); a word earlier in a proper name
        # decides only for outlets ("Times of London") and armies ("Army of Ukraine").
        if last in lexicon or (label and lexicon is not GOVERNMENT and set(lowered) & lexicon):
            return kind
    if last in ORGANISATION or last in ARTIFACT or label == "ORG":
        return ActorKind.ORGANISATION
    if label == "GPE":
        return ActorKind.GOVERNMENT_BODY
    if label == "NORP":
        return ActorKind.GROUP
    return None
