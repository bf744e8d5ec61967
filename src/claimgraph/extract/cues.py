"""The cue lexicon of attribution: which words signal that a text attributes content
to a source, what kind of content each one takes, and how a cue as written maps back
to its lemma and to the normalised form used in provenance chains.

Everything here is an immutable constant built once at import time, so the per-token
checks in the extractor are single set or mapping look-ups."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from spacy.tokens import Doc, Token

from claimgraph.extract.types import Speaker

# Content kinds a cue verb accepts, beyond a clause ("said that ...", "said: “...”").
# Verbs that are everyday actions as well as speech ("add", "count", "see", "post")
# must have clausal content, or they would attribute "added 5 jobs" to someone.
CLAUSE_ONLY = frozenset(
    {
        "say", "add", "write", "note", "explain", "tell", "ask", "answer", "reply",
        "respond", "remark", "observe", "recall", "recount", "testify", "insist", "tweet",
        "post", "see", "feel", "know", "learn", "find", "realize", "realise", "think",
        "believe", "suspect", "fear", "hope", "expect", "doubt", "worry", "wonder", "argue",
        "contend", "stress", "emphasize", "emphasise", "suggest", "indicate", "show",
        "conclude", "determine", "predict", "speculate", "hint", "imply", "agree",
        "complain", "boast", "joke", "quip", "shout", "yell", "scream", "whisper", "mutter",
        "exclaim", "assure", "warn", "caution", "concede", "counter", "retort", "maintain",
        "read", "continue", "acknowledge", "admit", "guess", "reckon", "forecast",
        "demonstrate", "prove", "signal", "rule", "decide", "urge", "reiterate", "repeat",
        "clarify", "charge", "remind", "lament", "muse", "recognize", "recognise",
        "inform", "communicate", "transmit",
    }
)  # fmt: skip

# Cue verbs that also take a plain object as content: "denied the report",
# "confirmed the deaths", "estimated the toll at 500", "counted 70 bodies".
OBJECT_TOO = frozenset(
    {
        "report", "claim", "allege", "deny", "estimate", "state", "announce", "confirm",
        "count", "cite", "quote", "assert", "describe", "declare", "reveal", "disclose",
        "accuse", "blame", "criticize", "criticise", "praise", "condemn", "dismiss",
        "reject", "question", "dispute", "mention", "predict", "promise", "pledge", "vow",
        "threaten", "demand", "propose", "recommend", "endorse", "support", "oppose",
        "defend", "welcome", "applaud", "tally", "record", "document", "order", "refute",
        "rebut", "contradict", "acknowledge", "admit", "plan", "intend", "prefer", "refuse",
        "decline", "tout", "label", "brand", "dub", "call", "characterize", "characterise",
        "doubt", "fear", "affirm", "forecast", "project",
        "calculate", "list", "detail", "outline", "discuss", "denounce", "express",
        "highlight", "echo", "mock", "blast", "slam", "lament", "decry", "hail", "laud",
        "deplore", "ridicule", "concede", "emphasize", "emphasise", "stress", "urge",
        "show", "find", "indicate", "note", "repeat", "expect", "reiterate", "portray",
        "deem", "assail", "rebuff", "interpret", "articulate", "recite", "advocate",
        "congratulate", "apologize", "apologise", "register", "verify",
    }
)  # fmt: skip

# "put the toll at 500", "gave a figure of 477": cues only when the object is a figure.
FIGURE_VERBS = frozenset({"put", "give", "place", "set", "raise", "revise", "lower"})
FIGURE_NOUNS = frozenset(
    {"toll", "figure", "number", "count", "tally", "estimate", "total", "death", "casualty"}
)

# Attitudes that say nothing when the author or the listener holds them ("I think",
# "you know"): with a first- or second-person subject they are not attributions.
MENTAL = frozenset(
    {
        "think", "believe", "know", "see", "feel", "hope", "expect", "fear", "suspect",
        "doubt", "wonder", "worry", "realize", "realise", "learn", "find", "guess", "reckon",
        "recognize", "recognise", "prefer", "plan", "intend",
    }
)  # fmt: skip

CUE_VERBS = CLAUSE_ONLY | OBJECT_TOO | FIGURE_VERBS

# spaCy's lemmatiser reads "hoping" as "hop".
LEMMA_FIXES = MappingProxyType({"hop": "hope"})

# Verbs whose infinitive complement is the content: "plans to", "promised to".
XCOMP_CUES = frozenset(
    {
        "plan", "intend", "hope", "expect", "promise", "pledge", "vow", "threaten",
        "refuse", "decline", "agree", "urge", "claim", "deny", "ask", "tell", "warn",
        "demand", "prefer", "decide", "call", "remind", "say", "write", "add", "argue",
        "suggest", "recommend", "propose", "insist", "explain", "mention", "admit",
        "acknowledge", "report", "announce", "seem",
    }
)  # fmt: skip

# A preposition after these verbs introduces the content: "called for talks".
PREP_CONTENT = MappingProxyType(
    {
        "call": frozenset({"for", "on"}),
        "point": frozenset({"to"}),
        "refer": frozenset({"to"}),
        "talk": frozenset({"about"}),
        "speak": frozenset({"about", "of"}),
        "warn": frozenset({"of", "about", "against"}),
        "complain": frozenset({"about", "of"}),
        "comment": frozenset({"on"}),
        "insist": frozenset({"on"}),
        "write": frozenset({"about", "of"}),
        "agree": frozenset({"with"}),
        "argue": frozenset({"for", "against"}),
        "rail": frozenset({"against"}),
        "ask": frozenset({"about", "for"}),
        "testify": frozenset({"about", "to"}),
    }
)

# "said so", "said yes": the few plain objects of "say" that stand for what was said.
SAID_OBJECTS = frozenset({"so", "yes", "no", "nothing", "otherwise", "that", "this", "it"})

# Verbs that are cues only with a particle: "pointed out that".
PARTICLE_CUES = MappingProxyType({"point": "out", "lay": "out", "spell": "out"})

ALL_CUE_VERBS = CUE_VERBS | XCOMP_CUES | frozenset(PREP_CONTENT) | frozenset(PARTICLE_CUES)

# Cues whose role in a chain is to name where a figure came from, not what was said.
SOURCING = frozenset(
    {"according to", "cite", "figure", "figures", "words", "view", "from", "via", "per",
     "refer", "reference"}
)  # fmt: skip

# Nouns that act as cues with a possessive source: "the ministry's figure",
# "in the mayor's words", "his claim that".
NOUN_CUES = frozenset(
    {
        "figure", "figures", "estimate", "estimates", "count", "tally", "toll", "account",
        "version", "view", "statement", "claim", "claims", "assessment", "data",
        "numbers", "announcement", "testimony", "assertion", "allegation", "allegations",
        "opinion", "belief", "concern", "argument", "report", "reckoning", "calculation",
        "calculations", "contention", "insistence", "warning", "criticism", "endorsement",
        "support", "call", "calls", "attack", "attacks", "praise", "promise", "promises",
        "pledge", "vow", "demand", "demands", "denial", "admission", "accusation",
        "accusations", "defense", "defence", "opposition", "rejection", "proposal",
        "comments", "remarks", "description", "characterization", "prediction", "forecast",
        "information",
    }
)  # fmt: skip

# "in X's words / view / opinion / estimate" put the source inside a prepositional phrase.
FRAME_NOUNS = frozenset(
    {"words", "view", "opinion", "estimate", "estimation", "reckoning", "account", "telling",
     "count", "tally", "estimates", "figures", "calculations", "data", "information"}
)  # fmt: skip

# Adverbs kept inside the cue's verb group ("also said", "later confirmed").
CUE_ADVERBS = frozenset(
    {
        "also", "later", "first", "repeatedly", "previously", "earlier", "again", "now",
        "publicly", "privately", "recently", "already", "never", "still", "often", "once",
        "further", "initially", "reportedly", "allegedly", "separately", "falsely",
        "flatly", "firmly", "strongly", "openly", "explicitly", "widely", "frequently",
        "subsequently", "just", "even", "only", "not", "n't", "officially",
    }
)  # fmt: skip

_IRREGULAR_PAST = MappingProxyType({
    "say": "said", "tell": "told", "write": "wrote", "think": "thought", "know": "knew",
    "see": "saw", "find": "found", "hear": "heard", "put": "put", "give": "gave",
    "feel": "felt", "speak": "spoke", "read": "read", "learn": "learned", "set": "set",
    "seek": "sought", "forecast": "forecast", "lay": "laid", "spell": "spelled",
    "hold": "held", "understand": "understood", "admit": "admitted", "plan": "planned",
    "refer": "referred", "prefer": "preferred", "rebut": "rebutted", "quip": "quipped",
    "commit": "committed", "regret": "regretted", "submit": "submitted", "omit": "omitted",
    "concur": "concurred", "confer": "conferred", "rule": "ruled", "dub": "dubbed",
})  # fmt: skip


def past_of(lemma: str) -> str:
    """The simple past of a verb lemma ("report" -> "reported"), for chain links."""
    if lemma in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _forms(lemma: str) -> Iterable[str]:
    yield lemma
    yield past_of(lemma)
    stem = lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma
    past = past_of(lemma)
    if past.endswith(lemma[-1] * 2 + "ed"):  # doubled consonant: "admitted"
        stem = lemma + lemma[-1]
    yield stem + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        yield lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        yield lemma[:-1] + "ies"
    else:
        yield lemma + "s"


def _form_table() -> Mapping[str, str]:
    table: dict[str, str] = {}
    for lemma in sorted(CUE_VERBS | XCOMP_CUES | frozenset(PREP_CONTENT)):
        for form in _forms(lemma):
            table.setdefault(form, lemma)
    for lemma, past in _IRREGULAR_PAST.items():
        table.setdefault(past, lemma)
    table["says"] = "say"
    return MappingProxyType(table)


# Written form -> lemma, so that a cue as written ("has repeatedly claimed") can be
# normalised without the Doc it came from.
FORM_TO_LEMMA = _form_table()


def cue_lemma(cue: str) -> str:
    """The lemma of the word that carries a cue as written: "has also said" -> "say"."""
    text = cue.lower().strip(" :,—–-")
    if not text:  # a colon or a dash before or after a quotation stands for "said"
        return "say"
    if text.startswith("according") or text.endswith("according to"):
        return "according to"
    for word in text.split():
        lemma = FORM_TO_LEMMA.get(word.strip(".,;:’'\""))
        if lemma is not None:
            return lemma
    words = text.split()
    return words[-1] if words else text


def chain_cue(cue: str) -> str:
    """The cue of a provenance chain link: "sourced" for cues that only name where a
    claim came from ("according to", "citing"), otherwise the simple past ("reported")."""
    lemma = cue_lemma(cue)
    if lemma in SOURCING:
        return "sourced"
    if lemma in FORM_TO_LEMMA.values():
        return past_of(lemma)
    return lemma


@dataclass(slots=True)
class Found:
    """An attribution while it is being assembled."""

    head: int  # token index of the word that carries the cue
    cue: tuple[int, int]  # token range [start, end) of the cue as written
    source: Token | None  # head of the source phrase
    source_span: tuple[int, int] | None  # char offsets of the whole source phrase
    content: list[tuple[int, int]] = field(default_factory=list)  # char spans
    takes_quote: bool = True  # may still take an adjacent quotation as its content
    sourcing: int | None = None  # head of the attribution whose origin this one names
    rank: int = 0  # among links of equal reach: -1 relay, 0 speaker, 1+ origin
    speaker: Speaker | None = None  # named without a parse ("(Ministry of Defence)")
    cue_text: str | None = None  # the cue of a link found without tokens
    relay: Token | None = None  # "told the Evening Star": who passed the words on
    earlier: bool = False  # the content is a figure in the sentence before the cue's


# Prepositions after an object that belong to what is attributed: "put the toll at 500",
# "quoted X as saying", "blamed the army for the deaths", "accused X of lying".
_OBJECT_TAIL = frozenset({"at", "as", "for", "of", "about", "by", "over", "with", "against", "on"})
_TIME_LABELS = frozenset({"DATE", "TIME"})
# Comma-separated additions at the end of a content that are the author's, not the
# source's: appositions, "the first time ...", participles, "while ..." clauses.
_AUTHOR_TAILS = frozenset({"appos", "npadvmod", "advcl", "acl"})
_TRIM_PUNCT = frozenset({".", ",", ";", ":", "—", "–", "-", "--", "(", ")"})
_DASHES = frozenset({"—", "–", "--", "―"})
_CONSEQUENCES = frozenset({"result", "leave", "bring", "cause", "raise", "include", "kill"})


def source_span(head: Token, limit: int | None = None) -> tuple[int, int]:
    """Char offsets of a source phrase: the noun phrase with the words that identify the
    speaker, without a relative clause that makes an attribution of its own ("X, who
    said ..., added") or a dateline ("WASHINGTON — Sen. X"); with the closing comma of
    a parenthetical ("Ada Okafor, the mayor, said")."""
    doc = head.doc
    last = head.right_edge.i if limit is None else min(head.right_edge.i, limit)
    first = head.left_edge.i
    for child in head.rights:
        if child.dep_ in ("relcl", "acl") and any(t.lemma_ in ALL_CUE_VERBS for t in child.subtree):
            last = min(last, child.left_edge.i - 1)
    for token in doc[first : head.i]:
        if token.text in _DASHES:
            first = token.i + 1
    first, last = _trim(doc, first, last)
    end = doc[last].idx + len(doc[last].text)
    if (
        last + 1 < len(doc)
        and doc[last + 1].text == ","
        and any(t.text == "," for t in doc[first:last])
    ):
        end += 1
    return doc[first].idx, end


def char_span(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Char offsets of tokens first..last, without the punctuation that only separates
    the span from its sentence (quote marks stay: they belong to a quotation)."""
    first, last = _trim(doc, first, last)
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _trim(doc: Doc, first: int, last: int) -> tuple[int, int]:
    while first < last and _trimmable(doc[first]):
        first += 1
    while last > first and _trimmable(doc[last]):
        if doc[last].text == ")" and any(t.text == "(" for t in doc[first:last]):
            break  # "(I-Vt.)": a closed parenthesis belongs to the span
        last -= 1
    return first, last


def _trimmable(token: Token) -> bool:
    return token.is_space or token.text in _TRIM_PUNCT or (token.dep_ == "cc" and token.i == 0)


def has_words(doc: Doc, first: int, last: int) -> bool:
    return any(t.is_alpha or t.like_num for t in doc[first : last + 1])


# --- where a content ends -------------------------------------------------------


def object_end(obj: Token) -> int:
    end = obj.right_edge.i
    for sibling in obj.head.rights:
        gap = sibling.left_edge.i - end - 1  # "quoted X, as saying": a comma may intervene
        if gap > 1 or gap < 0 or (gap == 1 and sibling.lower_ != "as"):
            continue
        prep = sibling.dep_ == "prep" and sibling.lower_ in _OBJECT_TAIL
        result = sibling.dep_ == "advcl" and sibling.lemma_ in _CONSEQUENCES  # "resulting in"
        if sibling.dep_ == "oprd" or (prep and not _temporal(sibling)) or result:
            end = sibling.right_edge.i
    return end


def passive_tails(verb: Token) -> list[tuple[int, int]]:
    """What follows a passive cue and belongs to its content: "was put at 500",
    "was criticised for the delay" (the agent, "by X", is the source)."""
    return [
        (c.i, c.right_edge.i)
        for c in verb.rights
        if c.dep_ == "prep" and c.lower_ in _OBJECT_TAIL and c.lower_ != "by" and not _temporal(c)
    ]


def _temporal(prep: Token) -> bool:
    return any(c.ent_type_ in _TIME_LABELS for c in prep.children)


def without_tail(doc: Doc, first: int, last: int) -> int:
    """The last token of a content once a trailing comma-separated addition is cut."""
    for comma in doc[first + 1 : last]:
        if comma.text != ",":
            continue
        # The phrase that begins after the comma and runs to the end, found from its
        # first word up ("…, while the ministry said …" starts with a leaf, "while").
        root = doc[comma.i + 1]
        while root.head.i > comma.i and root.head.i <= last and root.head.i != root.i:
            root = root.head
        whole = root.left_edge.i == comma.i + 1 and root.right_edge.i >= last
        if whole and _author_tail(root):
            return comma.i - 1
    return last


def _author_tail(root: Token) -> bool:
    if root.dep_ not in _AUTHOR_TAILS:
        return False
    if root.dep_ in ("advcl", "acl"):
        if root.lemma_ in _CONSEQUENCES:
            return False  # "…, resulting in 412 deaths": what was recorded goes on
        mark = next((c.lower_ for c in root.children if c.dep_ == "mark"), "")
        return (root.tag_ in ("VBG", "VBN") and not mark) or mark in ("while", "whereas")
    return True
