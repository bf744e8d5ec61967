"""Who asserts a figure: attributions found in text parsed by the real English pipeline.

Every sentence here was written for this file. Each case asks `attributed_at` about one
figure in the text and names the claimant, the chain of intermediaries (outermost
first) and the cue it expects, so a failure says which pattern broke."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.extract.attribution import attributed_at, find_attributions
from claimgraph.extract.types import Attributed, Attribution
from claimgraph.model import ActorKind

PERSON, GROUP, OUTLET = ActorKind.PERSON, ActorKind.GROUP, ActorKind.OUTLET
GOV, MILITARY, ORG = ActorKind.GOVERNMENT_BODY, ActorKind.MILITARY_UNIT, ActorKind.ORGANISATION

Chain = tuple[tuple[str, str], ...]
# text, figure, claimant (name, kind, role) or None, chain, cue lemma
Case = tuple[str, str, tuple[str, ActorKind, str | None] | None, Chain, str | None]


def attributed(nlp: Any, text: str, figure: str, publisher: str | None = None) -> Attributed:
    doc = nlp(text)
    start = text.index(figure)
    return attributed_at(find_attributions(doc, publisher), start, start + len(figure))


def check(nlp: Any, case: Case, publisher: str | None = None) -> None:
    text, figure, claimant, chain, cue = case
    who = attributed(nlp, text, figure, publisher)
    c = who.claimant
    got = None if c is None else (c.name, c.kind, c.role)
    assert got == claimant, text
    assert tuple((link.name, link.cue) for link in who.chain) == chain, text
    assert who.cue == cue, text


DIRECT_QUOTES: list[Case] = [
    # straight marks, speaker after the quotation
    ('Villagers dug all night. "We found 31 bodies," Mira Talen said.', "31",
     ("Mira Talen", PERSON, None), (), "say"),
    # typographic marks, inverted "said" + title
    ("“At least 12 houses burned,” said Council Leader Omar Vesk.", "12",
     ("Omar Vesk", PERSON, "council leader"), (), "say"),
    # guillemets
    ("«Nine fishermen are missing», the harbour master told reporters.", "Nine",
     ("harbour master", PERSON, "harbour master"), (), "tell"),
    # low-high German-style marks
    ("„Forty tents were destroyed“, said the camp manager.", "Forty",
     ("camp manager", PERSON, "camp manager"), (), "say"),
    # speaker before, with a colon
    ("Governor Amal Reyes said: “Our count is 220 displaced families.”", "220",
     ("Amal Reyes", PERSON, "governor"), (), "say"),
    # a second quotation in the next sentence goes on with the same speaker
    ("“The bridge is gone,” Tarik Osei said. “More than 60 cars were stranded.”", "60",
     ("Tarik Osei", PERSON, None), (), "say"),
    # a quotation split by its cue
    ("“Nobody expected this,” the engineer said, “but 3 pylons collapsed.”", "3",
     ("engineer", PERSON, "engineer"), (), "say"),
    # inverted "said" with the name in apposition
    ("“Twelve houses were burned,” said the mayor, Ines Valdo.", "Twelve",
     ("Ines Valdo", PERSON, "mayor"), (), "say"),
    # a dash names the speaker
    ("“We buried 19 of our neighbours.” — a resident of Lasko", "19",
     ("resident", GROUP, "resident"), (), "say"),
    # first person inside a quotation is the quoted speaker, not a new one
    ("“We counted 52 graves,” the volunteer said.", "52",
     ("volunteer", PERSON, "volunteer"), (), "say"),
]  # fmt: skip

REPORTED: list[Case] = [
    ("The health ministry said on Friday that 112 people had been admitted to hospital.",
     "112", ("health ministry", GOV, None), (), "say"),
    ("Police told reporters that 9 suspects were detained.", "9",
     ("Police", GOV, None), (), "tell"),
    ("Officials claimed that 1,000 people were killed.", "1,000",
     ("Officials", GROUP, None), (), "claim"),
    ("The army denied that 40 civilians died.", "40", ("army", MILITARY, None), (), "deny"),
    ("Rebels alleged that 25 prisoners were executed.", "25",
     ("Rebels", GROUP, None), (), "allege"),
    ("Aid workers estimated the number of displaced at 4,500.", "4,500",
     ("Aid workers", GROUP, None), (), "estimate"),
    ("A photographer counted 70 bodies in two trucks.", "70",
     ("photographer", GROUP, "photographer"), (), "count"),
    ("300 homes were flooded, the mayor said.", "300", ("mayor", PERSON, "mayor"), (), "say"),
    ("At least 15 people drowned, said Farah Idowu, a spokeswoman for the coast guard.", "15",
     ("Farah Idowu", PERSON, "spokeswoman"), (), "say"),
    ("The toll, the governor said, had risen to 48.", "48",
     ("governor", PERSON, "governor"), (), "say"),
    ("According to the Red Crescent, 85 people were wounded.", "85",
     ("Red Crescent", ORG, None), (), "according to"),
    ("Some 85 people were wounded, according to hospital officials.", "85",
     ("hospital officials", GROUP, None), (), "according to"),
    ("In the commander's words, 6 tanks were destroyed.", "6",
     ("commander", PERSON, "commander"), (), "words"),
    ("The ministry's figure of 312 dead was repeated across the region.", "312",
     ("ministry", GOV, None), (), "figure"),
    ("The claim by rebels that 40 prisoners were shot was rejected.", "40",
     ("rebels", GROUP, None), (), "claim"),
    ("As the Daily Courier reported, 23 miners were trapped.", "23",
     ("Daily Courier", OUTLET, None), (), "report"),
    ("It was reported by the Evening Herald that 50 shops were looted.", "50",
     ("Evening Herald", OUTLET, None), (), "report"),
    ("Idris Mansa was quoted as saying that 27 rebels were captured.", "27",
     ("Idris Mansa", PERSON, None), (), "say"),
    ("The 12th Brigade said 9 of its soldiers were killed.", "9",
     ("12th Brigade", MILITARY, None), (), "say"),
    ("A senior official said 70 people were arrested.", "70",
     ("senior official", GROUP, "senior official"), (), "say"),
    ("The Hartwell Gazette reported that 5 people were injured.", "5",
     ("Hartwell Gazette", OUTLET, None), (), "report"),
    ("Witnesses said 3 cars exploded near the market.", "3",
     ("Witnesses", GROUP, None), (), "say"),
]  # fmt: skip

CHAINS: list[Case] = [
    ("Coastal Wire, citing a local fisherman, reported that 17 boats sank.", "17",
     ("local fisherman", GROUP, "local fisherman"), (("Coastal Wire", "reported"),), "cite"),
    ("Coastal Wire, citing a local fisherman, reported that a priest said 17 boats sank.", "17",
     ("priest", GROUP, "priest"),
     (("Coastal Wire", "reported"), ("local fisherman", "sourced")), "say"),
    ("The newspaper quoted a witness as saying soldiers fired on 30 protesters.", "30",
     ("witness", GROUP, "witness"), (("newspaper", "quoted"),), "say"),
    ("State radio quoted Colonel Idris Mansa as saying that 27 rebels were captured.", "27",
     ("Idris Mansa", PERSON, "colonel"), (("State radio", "quoted"),), "say"),
    ("According to Radio Meridian, the mayor said 600 people had fled.", "600",
     ("mayor", PERSON, "mayor"), (("Radio Meridian", "sourced"),), "say"),
    # "citing" hung by the parser inside the content it sources
    ("Radio Dorsa reported, citing hospital sources, that 40 people died.", "40",
     ("hospital sources", GROUP, None), (("Radio Dorsa", "reported"),), "cite"),
    # "which cited" on the source of "according to"
    ("According to the Daily Star, which cited a local stringer, 477 people died.", "477",
     ("local stringer", GROUP, "local stringer"), (("Daily Star", "sourced"),), "cite"),
    ("The agency cited local officials as saying that 40 people died.", "40",
     ("local officials", GROUP, None), (("agency", "sourced"),), "say"),
    ("Daily Star quoted the minister as saying: “40 people died.”", "40",
     ("minister", PERSON, "minister"), (("Daily Star", "quoted"),), "say"),
    ("The Tribune reported that the interior ministry estimated 80 deaths.", "80",
     ("interior ministry", GOV, None), (("Tribune", "reported"),), "estimate"),
]  # fmt: skip

PRONOUNS_AND_ROLES: list[Case] = [
    ("Ana Brekke is the district's chief medical officer. She said 57 patients were treated.",
     "57", ("Ana Brekke", PERSON, "chief medical officer"), (), "say"),
    ("Refugees reached the border on Monday. They said 200 people remained trapped.", "200",
     ("Refugees", GROUP, None), (), "say"),
    ("The interior ministry issued a statement. It said 8 officers were wounded.", "8",
     ("interior ministry", GOV, None), (), "say"),
    ("Defence Minister Ilan Koval toured the base. The minister said 11 soldiers were missing.",
     "11", ("Ilan Koval", PERSON, "defence minister"), (), "say"),
    ("Jonas Pirt, a spokesman for the port authority, spoke on Tuesday. "
     "The spokesman said 5 ships were damaged.", "5",
     ("Jonas Pirt", PERSON, "spokesman"), (), "say"),
    ("Dr. Saba Nour runs the only clinic in town. “We treated 41 children,” she said.", "41",
     ("Saba Nour", PERSON, None), (), "say"),
    ("Marta Lindqvist, the regional governor, arrived on Sunday. "
     "Lindqvist said 90 homes were destroyed.", "90",
     ("Marta Lindqvist", PERSON, "regional governor"), (), "say"),
    ("Mayor Tomas Reiner said 34 people were missing.", "34",
     ("Tomas Reiner", PERSON, "mayor"), (), "say"),
    ("The town's mayor, Ivo Dranic, said 34 people were missing.", "34",
     ("Ivo Dranic", PERSON, "mayor"), (), "say"),
    ("Sen. Ruth Calder said 2 staffers were hurt.", "2",
     ("Ruth Calder", PERSON, "senator"), (), "say"),
    ("Halvor Berg, a cleric in the hill village of Ostra, said 62 people died.", "62",
     ("Halvor Berg", PERSON, "cleric"), (), "say"),
]  # fmt: skip

NEWS_STYLE: list[Case] = [
    # a lead sentence whose speaker the parser hangs on the content
    ("BELMARK - At least 100 people were killed and 250 wounded in an attack on the village "
     "of Dorsa, Interior Minister Pavel Strand told reporters on Tuesday.", "250",
     ("Pavel Strand", PERSON, "interior minister"), (), "tell"),
    # a surname alone is the person named in full before
    ("Interior Minister Pavel Strand visited Dorsa. “We have identified 37 victims,” "
     "Strand said.", "37", ("Pavel Strand", PERSON, "interior minister"), (), "say"),
    # "it" is the ministry, never the (plural) troops it mentions
    ("The defence ministry said its troops had evacuated 2,300 people. "
     "It added that 4 helicopters were missing.", "4",
     ("defence ministry", GOV, None), (), "add"),
    # a news agency is an outlet; "quoted X, as saying" with a comma
    ("The state news agency Kerta quoted the regional governor, Lidia Marr, as saying that "
     "58 people had died.", "58", ("Lidia Marr", PERSON, "regional governor"),
     (("Kerta", "quoted"),), "say"),
    # "the organisation" points back to the body named before it
    ("According to the Red Cross, 600 people are missing. "
     "The organisation's estimate of 640 includes children.", "640",
     ("Red Cross", ORG, None), (), "estimate"),
    ("Government spokesman Erik Vaal denied reports that 300 people were missing.", "300",
     ("Erik Vaal", PERSON, "government spokesman"), (), "deny"),
    # British style single quotes
    ("Ms Marr told the radio: 'Rescue teams have reached 12 villages.'", "12",
     ("Marr", PERSON, None), (), "tell"),
    ("Investigators found 7 bodies at the site.", "7",
     ("Investigators", GROUP, None), (), "find"),
    ("The official inquiry put the death toll at about 600.", "600",
     ("official inquiry", GOV, None), (), "put"),
    # headline style
    ("Ministry: 40 killed in overnight strike\n\nThe strike hit a market.", "40",
     ("Ministry", GOV, None), (), "say"),
    ("A local stringer, citing a cleric in Ivar, put the toll at 477.", "477",
     ("cleric", GROUP, "cleric"), (("local stringer", "put"),), "cite"),
]  # fmt: skip

NOT_ATTRIBUTED: list[Case] = [
    ("The storm destroyed 48 homes on Tuesday.", "48", None, (), None),
    ('The so-called "peace convoy" carried 20 tonnes of flour.', "20", None, (), None),
    ("I think 30 people died in the fire.", "30", None, (), None),
    # an outlet that could not confirm a figure does not claim it
    ("The agency could not confirm reports that 200 people died.", "200", None, (), None),
    # the document's own outlet speaking of itself is the document asserting
    ("This newspaper has learned that 16 guards were dismissed.", "16", None, (), "learn"),
    ("The mayor said the road was closed. The flood had killed 14 people by noon.", "14",
     None, (), None),
]  # fmt: skip


@pytest.mark.parametrize("case", DIRECT_QUOTES, ids=lambda c: c[0][:40])
def test_direct_quotes(nlp: Any, case: Case) -> None:
    check(nlp, case)


@pytest.mark.parametrize("case", REPORTED, ids=lambda c: c[0][:40])
def test_reported_speech(nlp: Any, case: Case) -> None:
    check(nlp, case)


@pytest.mark.parametrize("case", CHAINS, ids=lambda c: c[0][:40])
def test_chains(nlp: Any, case: Case) -> None:
    check(nlp, case)


@pytest.mark.parametrize("case", PRONOUNS_AND_ROLES, ids=lambda c: c[0][:40])
def test_pronouns_and_roles(nlp: Any, case: Case) -> None:
    check(nlp, case)


@pytest.mark.parametrize("case", NEWS_STYLE, ids=lambda c: c[0][:40])
def test_news_style(nlp: Any, case: Case) -> None:
    check(nlp, case)


@pytest.mark.parametrize("case", NOT_ATTRIBUTED, ids=lambda c: c[0][:40])
def test_no_attribution(nlp: Any, case: Case) -> None:
    check(nlp, case)


def test_unbalanced_quote_ends_at_paragraph(nlp: Any) -> None:
    text = "The commander said: “We lost 14 men in the ambush.\n\nThe road reopened with 6 lanes."
    assert attributed(nlp, text, "14").claimant is not None
    assert attributed(nlp, text, "6").claimant is None


def test_quote_over_paragraphs(nlp: Any) -> None:
    text = (
        "“The shelling began at dawn and killed 8 people.\n\n"
        "“By noon another 5 had died,” said Dr. Lena Orsk, a surgeon at the district hospital."
    )
    for figure in ("8", "5"):
        who = attributed(nlp, text, figure)
        assert who.claimant is not None
        assert (who.claimant.name, who.claimant.role) == ("Lena Orsk", "surgeon")
    quoted = [a for a in find_attributions(nlp(text)) if a.quoted]
    assert len(quoted) == 1 and text[slice(*quoted[0].content_span)].endswith("died,”")


def test_addressee_is_not_a_source(nlp: Any) -> None:
    text = "A nurse told Northern Wire that 44 people died."
    who = attributed(nlp, text, "44", publisher="Northern Wire")
    assert who.claimant is not None and who.claimant.name == "nurse"
    assert who.chain == ()
    # an outlet that was told is not the source, but it passed the words on
    who = attributed(nlp, "Villagers told the Associated Press that 12 were killed.", "12")
    assert who.claimant is not None and who.claimant.name == "Villagers"
    assert [link.name for link in who.chain] == ["Associated Press"]


def test_own_publisher_is_not_a_link(nlp: Any) -> None:
    text = "Northern Wire reported that 44 people died."
    assert attributed(nlp, text, "44", publisher="Northern Wire").claimant is None
    other = attributed(nlp, text, "44", publisher="Southern Times").claimant
    assert other is not None and (other.name, other.kind) == ("Northern Wire", OUTLET)


def test_record_spans(nlp: Any) -> None:
    text = "The ministry said that 112 people died."
    (a,) = find_attributions(nlp(text))
    assert isinstance(a, Attribution)
    assert a.cue == "said" and text[slice(*a.cue_span)] == "said"
    assert a.source_span is not None and text[slice(*a.source_span)] == "The ministry"
    assert text[slice(*a.content_span)] == "that 112 people died"
    assert not a.quoted


def test_quoted_content_keeps_its_marks(nlp: Any) -> None:
    text = "“We will rebuild,” Orun said."
    (a,) = find_attributions(nlp(text))
    assert a.quoted and text[slice(*a.content_span)] == "“We will rebuild,”"
    assert a.speaker is not None and a.speaker.name == "Orun"


def test_offsets_are_absolute(nlp: Any) -> None:
    text = "Nothing happened here.\n\nLater, police said 7 people were hurt."
    (a,) = find_attributions(nlp(text))
    assert text[slice(*a.content_span)] == "7 people were hurt"


def test_nothing_holds_nothing() -> None:
    assert attributed_at([], 0, 3) == Attributed(claimant=None, chain=(), cue=None)


# Chains and naming conventions of the figure gold (tests/gold/README.md).
CHAINS_AND_NAMES: list[Case] = [
    # a wire dateline names the document's own publisher, not a speaker
    ("TORVAL, May 2 (Harbour Post) — The Valley Gazette, citing a nurse, reported that "
     "14 patients had died.", "14", ("nurse", GROUP, "nurse"), (("Valley Gazette", "reported"),),
     "cite"),
    # an outlet that was told passed the words on
    ("Eleven fishermen drowned off the cape, villagers told the Brask Courier.", "Eleven",
     ("villagers", GROUP, None), (("Brask Courier", "told"),), "tell"),
    # a semicolon ends what a trailing cue covers
    ("The register lists 3,100 voters; the clerk says about 900 have left.", "3,100",
     ("register", ORG, None), (), "list"),
    # the figure came from someone, who had it from someone else
    ("The Linden Times later conceded that its toll of 800 came from Radio Kessa, which "
     "had taken it from an unnamed policeman.", "800", ("unnamed policeman", GROUP,
     "unnamed policeman"), (("Linden Times", "conceded"), ("Radio Kessa", "sourced")),
     "according to"),
    # "with reference to the words of" a role named in apposition
    ("The weekly Ostra Review, with reference to the words of the head of the clinic, "
     "Dr. Pell Varro, writes that 19 patients were evacuated.", "19",
     ("Pell Varro", PERSON, "head"), (("Ostra Review", "wrote"),), "according to"),
    # "according to unconfirmed data": no one is named
    ("According to unconfirmed data, 25 miners are trapped.", "25", None, (),
     "according to"),
    # "in the opinion of X"
    ("In the opinion of the inspectors, the number of victims does not exceed 40.", "40",
     ("inspectors", GROUP, None), (), "opinion"),
    # a source in brackets after a list item
    ("Wounded: 310 (Red Lantern Society); 95 (Army Medical Corps)", "95",
     ("Army Medical Corps", MILITARY, None), (), "according to"),
    # a depiction is not a claimant
    ("A photo shared online purportedly showed 30 bodies in a ditch.", "30", None, (), "show"),
]  # fmt: skip


@pytest.mark.parametrize("case", CHAINS_AND_NAMES, ids=lambda c: c[0][:40])
def test_chains_and_names(nlp: Any, case: Case) -> None:
    check(nlp, case)
