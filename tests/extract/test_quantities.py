"""Casualty figures found in a sentence parsed by the real English pipeline.

Every sentence here was written for this file. Each case names what must come out
(or that nothing may come out), so a failure says which rule broke."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from claimgraph.extract.quantities import find_quantities, parse_number_words
from claimgraph.extract.types import FoundQuantity
from claimgraph.model import Counts, Qualifier

KILLED, WOUNDED, BODIES = Counts.KILLED, Counts.WOUNDED, Counts.DEAD_BODIES_SEEN
FLED, POPULATION, MISSING = Counts.FLED, Counts.POPULATION, Counts.MISSING
DETAINED, OTHER = Counts.DETAINED, Counts.OTHER
EXACT, APPROX, RANGE = Qualifier.EXACT, Qualifier.APPROX, Qualifier.RANGE
AT_LEAST, AT_MOST, UP_TO = Qualifier.AT_LEAST, Qualifier.AT_MOST, Qualifier.UP_TO

Expected = tuple[str, float | None, float | None, Qualifier, Counts, str | None]


def _found(nlp: Any, text: str) -> list[FoundQuantity]:
    doc = nlp(text)
    return [q for sent in doc.sents for q in find_quantities(sent)]


def _summary(found: list[FoundQuantity]) -> list[Expected]:
    return [(q.text, q.low, q.high, q.qualifier, q.counts, q.subject) for q in found]


def _cases(*rows: tuple[str, list[Expected]]) -> Iterator[Any]:
    for sentence, expected in rows:
        yield pytest.param(sentence, expected, id=sentence[:60])


FIGURES = list(
    _cases(
        # what is counted: killed, in its many phrasings
        ("Four hundred seventy-seven people were killed.",
         [("Four hundred seventy-seven people", 477, 477, EXACT, KILLED, "people")]),
        ("The ministry said 477 deaths had been recorded.",
         [("477 deaths", 477, 477, EXACT, KILLED, None)]),
        ("Officials claimed that 1,000 were killed.",
         [("1,000", 1000, 1000, EXACT, KILLED, None)]),
        ("The militia killed 30 villagers near the well.",
         [("30 villagers", 30, 30, EXACT, KILLED, "villagers")]),
        ("Twenty-three people died in the fire.",
         [("Twenty-three people", 23, 23, EXACT, KILLED, "people")]),
        ("The death toll rose to 180 on Tuesday.",
         [("180", 180, 180, EXACT, KILLED, None)]),
        ("A death toll of 300 was reported by the agency.",
         [("300", 300, 300, EXACT, KILLED, None)]),
        ("The number of dead reached 412.",
         [("412", 412, 412, EXACT, KILLED, None)]),
        ("The dead number 40.", [("40", 40, 40, EXACT, KILLED, None)]),
        ("The ministry put the death toll at 214.",
         [("214", 214, 214, EXACT, KILLED, None)]),
        ("With the toll now at 300, rescuers kept digging.",
         [("300", 300, 300, EXACT, KILLED, None)]),
        ("At least 50 people lost their lives.",
         [("At least 50 people", 50, None, AT_LEAST, KILLED, "people")]),
        ("The massacre claimed 300 lives.",
         [("300 lives", 300, 300, EXACT, KILLED, None)]),
        ("The flood claimed the lives of 600 people.",
         [("600 people", 600, 600, EXACT, KILLED, "people")]),
        ("Police said 14 protesters were shot dead.",
         [("14 protesters", 14, 14, EXACT, KILLED, "protesters")]),
        ("Thirty were reported killed.", [("Thirty", 30, 30, EXACT, KILLED, None)]),
        ("Twelve others are feared dead.", [("Twelve others", 12, 12, EXACT, KILLED, "others")]),
        ("Nine people are believed to have been killed.",
         [("Nine people", 9, 9, EXACT, KILLED, "people")]),
        ("The clashes left at least 25 dead.",
         [("at least 25 dead", 25, None, AT_LEAST, KILLED, None)]),
        ("The group said it had executed 11 prisoners.",
         [("11 prisoners", 11, 11, EXACT, KILLED, "prisoners")]),
        ("The cleric read out 477 names of the dead.",
         [("477 names", 477, 477, EXACT, KILLED, None)]),
        ("Among the dead were 12 children.",
         [("12 children", 12, 12, EXACT, KILLED, "children")]),
        ("The strike killed 8 members of one family.",
         [("8 members", 8, 8, EXACT, KILLED, "members of one family")]),
        ("Rebels said they had killed 250 soldiers of the 4th brigade.",
         [("250 soldiers", 250, 250, EXACT, KILLED, "soldiers of the 4th brigade")]),
        ("Israeli strikes killed 27 Palestinians, health officials said.",
         [("27 Palestinians", 27, 27, EXACT, KILLED, "palestinians")]),
        ("The battalion lost 120 men in the first week.",
         [("120 men", 120, 120, EXACT, KILLED, "men")]),
        ("The tribunal heard that 8,000 men and boys were executed.",
         [("8,000 men and boys", 8000, 8000, EXACT, KILLED, "men and boys")]),
        ("The toll was estimated at 300 by the UN.", [("300", 300, 300, APPROX, KILLED, None)]),
        # the agent of a killing is not counted, the victims are
        ("30 gunmen shot 12 people dead.",
         [("12 people dead", 12, 12, EXACT, KILLED, "people")]),
        ("While 30 gunmen watched, the unit killed 12 soldiers.",
         [("12 soldiers", 12, 12, EXACT, KILLED, "soldiers")]),
        # coordinated figures each keep their own meaning
        ("The interior minister said 100 killed, 250 wounded in the attack.",
         [("100 killed", 100, 100, EXACT, KILLED, None),
          ("250 wounded", 250, 250, EXACT, WOUNDED, None)]),
        ("At least 60 people have been killed and more than 150 wounded.",
         [("At least 60 people", 60, None, AT_LEAST, KILLED, "people"),
          ("more than 150 wounded", 150, None, AT_LEAST, WOUNDED, None)]),
        ("Gunmen killed 12 policemen and wounded 20 others.",
         [("12 policemen", 12, 12, EXACT, KILLED, "policemen"),
          ("20 others", 20, 20, EXACT, WOUNDED, "others")]),
        ("The fighting left 30 dead and 50 injured.",
         [("30 dead", 30, 30, EXACT, KILLED, None), ("50 injured", 50, 50, EXACT, WOUNDED, None)]),
        ("The shelling killed at least 14, including 5 children.",
         [("at least 14", 14, None, AT_LEAST, KILLED, None),
          ("5 children", 5, 5, EXACT, KILLED, "children")]),
        # one figure for two outcomes is "other"
        ("Rebels killed and wounded 250 soldiers.",
         [("250 soldiers", 250, 250, EXACT, OTHER, "soldiers")]),
        ("The battle claimed over 1,000 casualties.",
         [("over 1,000 casualties", 1000, None, AT_LEAST, OTHER, None)]),
        # wounded
        ("Roughly 150 people were injured, hospital officials said.",
         [("Roughly 150 people", 150, 150, APPROX, WOUNDED, "people")]),
        ("At least 30 of the wounded were children.",
         [("At least 30 of the wounded", 30, None, AT_LEAST, WOUNDED, None)]),
        ("Fourteen others sustained injuries in the blast.",
         [("Fourteen others", 14, 14, EXACT, WOUNDED, "others")]),
        ("The number of injured was put at 400.",
         [("400", 400, 400, EXACT, WOUNDED, None)]),
        # bodies seen or found are not a toll
        ("A photographer counted 70 bodies in two trucks.",
         [("70 bodies", 70, 70, EXACT, BODIES, "bodies")]),
        ("Journalists saw 40 corpses in the courtyard.",
         [("40 corpses", 40, 40, EXACT, BODIES, "corpses")]),
        ("Investigators exhumed the remains of 7 people.",
         [("7 people", 7, 7, EXACT, BODIES, "people")]),
        ("Rescuers found 15 people dead in the basement.",
         [("15 people dead", 15, 15, EXACT, BODIES, "people")]),
        ("Only 7 bodies were recovered.", [("Only 7 bodies", 7, 7, EXACT, BODIES, "bodies")]),
        ("Not hundreds of bodies, but a few, were found.",
         [("hundreds of bodies", 200, 999, APPROX, BODIES, "bodies")]),
        # fled
        ("Up to 1,000 people fled the town, the mayor said.",
         [("Up to 1,000 people", None, 1000, UP_TO, FLED, "people")]),
        ("Nearly 2,000 people were displaced by the fighting.",
         [("Nearly 2,000 people", 2000, 2000, APPROX, FLED, "people")]),
        ("More than 2,000 families have left their homes.",
         [("More than 2,000 families", 2000, None, AT_LEAST, FLED, "families")]),
        ("Upwards of 3,000 refugees crossed into the neighbouring country.",
         [("Upwards of 3,000 refugees", 3000, None, AT_LEAST, FLED, "refugees")]),
        ("Tens of thousands of people have fled since 1983.",
         [("Tens of thousands of people", 20000, 99999, APPROX, FLED, "people")]),
        ("1.2 million people have been displaced.",
         [("1.2 million people", 1_200_000, 1_200_000, EXACT, FLED, "people")]),
        ("An estimated 10,000 residents fled the city.",
         [("An estimated 10,000 residents", 10000, 10000, APPROX, FLED, "residents")]),
        # population
        ("The shells fell on a town of 40,000 people.",
         [("40,000 people", 40000, 40000, EXACT, POPULATION, "people")]),
        ("The valley is home to 25,000 people.",
         [("25,000 people", 25000, 25000, EXACT, POPULATION, "people")]),
        ("The city, with a population of 2 million, was besieged.",
         [("2 million", 2_000_000, 2_000_000, EXACT, POPULATION, None)]),
        ("The village had 2,000 inhabitants before the war.",
         [("2,000 inhabitants", 2000, 2000, EXACT, POPULATION, "inhabitants")]),
        # missing
        ("Eleven villagers are still missing.",
         [("Eleven villagers", 11, 11, EXACT, MISSING, "villagers")]),
        ("Some 500 remain unaccounted for.", [("Some 500", 500, 500, APPROX, MISSING, None)]),
        # detained
        ("Almost 90 protesters were arrested.",
         [("Almost 90 protesters", 90, 90, APPROX, DETAINED, "protesters")]),
        ("No fewer than 45 villagers were abducted.",
         [("No fewer than 45 villagers", 45, None, AT_LEAST, DETAINED, "villagers")]),
        ("As many as 70 fighters were captured.",
         [("As many as 70 fighters", None, 70, UP_TO, DETAINED, "fighters")]),
        ("He said 45 people had been taken hostage.",
         [("45 people", 45, 45, EXACT, DETAINED, "people")]),
        # qualifiers and bounds
        ("Between 200 and 300 civilians died.",
         [("Between 200 and 300 civilians", 200, 300, RANGE, KILLED, "civilians")]),
        ("Witnesses said 200-300 people were killed.",
         [("200-300 people", 200, 300, RANGE, KILLED, "people")]),
        ("Witnesses said 200–300 people were killed.",
         [("200–300 people", 200, 300, RANGE, KILLED, "people")]),
        ("Five hundred to 1,000 people were killed, witnesses said.",
         [("Five hundred to 1,000 people", 500, 1000, RANGE, KILLED, "people")]),
        ("200+ people were killed.", [("200+ people", 200, None, AT_LEAST, KILLED, "people")]),
        ("In excess of 200 people were killed in the raid.",
         [("In excess of 200 people", 200, None, AT_LEAST, KILLED, "people")]),
        ("Over 300 were killed overnight.", [("Over 300", 300, None, AT_LEAST, KILLED, None)]),
        ("Fewer than 20 soldiers were wounded, the army said.",
         [("Fewer than 20 soldiers", None, 20, AT_MOST, WOUNDED, "soldiers")]),
        ("Officials said the toll did not exceed 50.",
         [("50", None, 50, AT_MOST, KILLED, None)]),
        ("The death toll had passed 2,000 by evening.",
         [("2,000", 2000, None, AT_LEAST, KILLED, None)]),
        ("About 600 people died, the inquiry concluded.",
         [("About 600 people", 600, 600, APPROX, KILLED, "people")]),
        ("The toll rose from 200 to 300.",
         [("200", 200, 200, EXACT, KILLED, None), ("300", 300, 300, EXACT, KILLED, None)]),
        # vague amounts
        ("Dozens of people were killed in the market.",
         [("Dozens of people", 24, 99, APPROX, KILLED, "people")]),
        ("Several dozen were wounded in the blast.",
         [("Several dozen", 24, 99, APPROX, WOUNDED, None)]),
        ("Scores of people were wounded in the blast.",
         [("Scores of people", 40, 99, APPROX, WOUNDED, "people")]),
        ("Hundreds were arrested during the night.",
         [("Hundreds", 200, 999, APPROX, DETAINED, None)]),
        ("Thousands of people fled the shelling.",
         [("Thousands of people", 2000, 9999, APPROX, FLED, "people")]),
        ("A dozen soldiers were killed in the ambush.",
         [("A dozen soldiers", 12, 12, APPROX, KILLED, "soldiers")]),
        ("More than a dozen soldiers were killed.",
         [("More than a dozen soldiers", 12, None, AT_LEAST, KILLED, "soldiers")]),
        # subjects as written
        ("At least 477 unarmed civilians were killed, the ministry said.",
         [("At least 477 unarmed civilians", 477, None, AT_LEAST, KILLED, "unarmed civilians")]),
        ("The army said 85 militants had been killed.",
         [("85 militants", 85, 85, EXACT, KILLED, "militants")]),
        ("Four policemen were among those wounded.",
         [("Four policemen", 4, 4, EXACT, WOUNDED, "policemen")]),
        ("Human rights monitors documented at least 19 extrajudicial executions.",
         [("at least 19 extrajudicial executions", 19, None, AT_LEAST, KILLED, None)]),
        ("Some 1,300 prisoners were hanged at the jail.",
         [("Some 1,300 prisoners", 1300, 1300, APPROX, KILLED, "prisoners")]),
        ("Some 30 people were treated for injuries at the clinic.",
         [("Some 30 people", 30, 30, APPROX, WOUNDED, "people")]),
        ("At least 2,000 people have sought refuge in the school.",
         [("At least 2,000 people", 2000, None, AT_LEAST, FLED, "people")]),
        ("The agency said 3,200 people had crossed the border overnight.",
         [("3,200 people", 3200, 3200, EXACT, FLED, "people")]),
        ("About 1.5m people have fled the region.",
         [("About 1.5m people", 1_500_000, 1_500_000, APPROX, FLED, "people")]),
        ("The militants are holding 37 hostages, including 4 foreigners.",
         [("37 hostages", 37, 37, EXACT, DETAINED, "hostages"),
          ("4 foreigners", 4, 4, EXACT, DETAINED, "foreigners")]),
        ("The strike brought the death toll to 62.", [("62", 62, 62, EXACT, KILLED, None)]),
        ("A maximum of 300 people were killed, the army said.",
         [("A maximum of 300 people", None, 300, AT_MOST, KILLED, "people")]),
        # a part of a counted group is not a second figure
        ("Five of the 12 victims were women.", [("12 victims", 12, 12, EXACT, OTHER, "victims")]),
        # headline style, where the parse is weakest
        ("5 killed in overnight raid", [("5 killed", 5, 5, EXACT, KILLED, None)]),
        # list and infobox fields: the label says what is counted, a word in the field wins
        ("Deaths: at least 40",
         [("at least 40", 40, None, AT_LEAST, KILLED, None)]),
        ("Injured — 12, missing — 3",
         [("12", 12, 12, EXACT, WOUNDED, None), ("3", 3, 3, EXACT, MISSING, None)]),
        ("Casualties: 312 killed, 1,100 wounded",
         [("312 killed", 312, 312, EXACT, KILLED, None),
          ("1,100", 1100, 1100, EXACT, WOUNDED, None)]),
        ("Killed: 14 (army figures); 22 (rebel figures)",
         [("14", 14, 14, EXACT, KILLED, None), ("22", 22, 22, EXACT, KILLED, None)]),
        ("Northern Command — 21 killed, 40 wounded | Hill Militia — 9 killed",
         [("21 killed", 21, 21, EXACT, KILLED, None),
          ("40", 40, 40, EXACT, WOUNDED, None),
          ("9", 9, 9, EXACT, KILLED, None)]),
        ("Population: 12,000 (2020 estimate)",
         [("12,000", 12000, 12000, EXACT, POPULATION, None)]),
        ("Displaced: ~5,000 families",
         [("~5,000", 5000, 5000, APPROX, FLED, None)]),
        ("Trapped: 8 | Rescued: 31",
         [("8", 8, 8, EXACT, OTHER, None), ("31", 31, 31, EXACT, OTHER, None)]),
        # "from X to Y" is a range unless a verb of change governs it
        ("Estimates of the dead ranged from 300 to 900.",
         [("300 to 900", 300, 900, RANGE, KILLED, None)]),
        ("In the floods perished from 20 to 30 persons.",
         [("20 to 30 persons", 20, 30, RANGE, KILLED, "persons")]),
        # other: trapped, rescued, orphaned, homeless, affected, sheltering, under the rubble
        ("Rescuers pulled 14 survivors from the rubble; 6 people are still trapped.",
         [("6 people", 6, 6, EXACT, OTHER, "people")]),
        ("Firefighters rescued 23 residents from the burning block.",
         [("23 residents", 23, 23, EXACT, OTHER, "residents")]),
        ("At least 120 children were orphaned by the epidemic.",
         [("At least 120 children", 120, None, AT_LEAST, OTHER, "children")]),
        ("The storm left 4,000 people homeless.",
         [("4,000 people homeless", 4000, 4000, EXACT, OTHER, "people")]),
        ("Some 2,000 families were affected by the flooding.",
         [("Some 2,000 families", 2000, 2000, APPROX, OTHER, "families")]),
        ("About 500 people are sheltering in the school gym.",
         [("About 500 people", 500, 500, APPROX, OTHER, "people")]),
        ("Up to 30 people may still be under the rubble.",
         [("Up to 30 people", None, 30, UP_TO, OTHER, "people")]),
        # fixed phrases: hospital, burns, poisoning, intensive care; leaving a place; surrender
        ("Twelve people were taken to hospital after the crash.",
         [("Twelve people", 12, 12, EXACT, WOUNDED, "people")]),
        ("Eight miners remain in intensive care.",
         [("Eight miners", 8, 8, EXACT, WOUNDED, "miners")]),
        ("Nineteen children were treated for burns.",
         [("Nineteen children", 19, 19, EXACT, WOUNDED, "children")]),
        ("Forty workers were treated for symptoms of gas poisoning.",
         [("Forty workers", 40, 40, EXACT, WOUNDED, "workers")]),
        ("About 800 people left the city overnight.",
         [("About 800 people", 800, 800, APPROX, FLED, "people")]),
        ("Only 300 residents remained in the town after the siege.",
         [("Only 300 residents", 300, 300, EXACT, POPULATION, "residents")]),
        ("Seven rebels gave themselves up at dawn.",
         [("Seven rebels", 7, 7, EXACT, DETAINED, "rebels")]),
        ("More than 60 of our soldiers are in the hands of the enemy.",
         [("More than 60 of our soldiers", 60, None, AT_LEAST, DETAINED, "soldiers")]),
        ("About 40 fishermen are in captivity.",
         [("About 40 fishermen", 40, 40, APPROX, DETAINED, "fishermen")]),
        # what has not happened yet is no event: the residents are a population
        ("The 15,000 inhabitants will be evacuated on Monday.",
         [("15,000 inhabitants", 15000, 15000, EXACT, POPULATION, "inhabitants")]),
        # missing: never came back, fate or whereabouts unknown, reported missing
        ("She was one of the 9 who never came back.",
         [("9", 9, 9, EXACT, MISSING, None)]),
        ("The fate of 17 sailors remains unknown.",
         [("17 sailors", 17, 17, EXACT, MISSING, "sailors")]),
        ("There are 8 persons whose whereabouts are unknown.",
         [("8 persons", 8, 8, EXACT, MISSING, "persons")]),
        ("Police are searching for 6 climbers reported missing on the mountain.",
         [("6 climbers", 6, 6, EXACT, MISSING, "climbers")]),
        ("Twenty men were led away and are still missing.",
         [("Twenty men", 20, 20, EXACT, MISSING, "men")]),
        # a relative clause about a part ("4 of whom") does not describe the whole
        ("The ministry named 20 suspects, 4 of whom are in detention.",
         [("4 of whom", 4, 4, EXACT, DETAINED, None)]),
        # a participle after "of", a bound set by a verb over a noun
        ("Dozens of wounded were brought to the clinic.",
         [("Dozens of wounded", 24, 99, APPROX, WOUNDED, None)]),
        ("The toll does not exceed 300 people.",
         [("300 people", None, 300, AT_MOST, KILLED, "people")]),
        # a bare figure that takes up the one before it
        ("The army reported 40 killed, not 400 as claimed.",
         [("40 killed", 40, 40, EXACT, KILLED, None), ("400", 400, 400, EXACT, KILLED, None)]),
        ("Officers found not 50 but 12 bodies in the house.",
         [("50", 50, 50, EXACT, BODIES, None), ("12", 12, 12, EXACT, BODIES, None)]),
        ("The ministry counted 64 injured, of them 11 children.",
         [("64 injured", 64, 64, EXACT, WOUNDED, None), ("11", 11, 11, EXACT, WOUNDED, None)]),
        ("The agency said 200 people were detained, but it could confirm the names of only 45.",
         [("200 people", 200, 200, EXACT, DETAINED, "people"),
          ("only 45", 45, 45, EXACT, DETAINED, None)]),
        ("The army put the toll at 12, rejecting the monitors' estimate of 70.",
         [("12", 12, 12, EXACT, KILLED, None), ("estimate of 70", 70, 70, APPROX, KILLED, None)]),
        ("Police arrested 30 people and identified 2.",
         [("30 people", 30, 30, EXACT, DETAINED, "people")]),
        ("About 300 people were detained; of them 40 were later released.",
         [("About 300 people", 300, 300, APPROX, DETAINED, "people")]),
        ("Crews recovered 30 bodies and identified 22.",
         [("30 bodies", 30, 30, EXACT, BODIES, "bodies"), ("22", 22, 22, EXACT, BODIES, None)]),
        # shot: killed, unless the text says wounded
        ("Four soldiers were shot and wounded.",
         [("Four soldiers", 4, 4, EXACT, WOUNDED, "soldiers")]),
        ("Gunmen shot 14 villagers in the square.",
         [("14 villagers", 14, 14, EXACT, KILLED, "villagers")]),
        # a label word is a label only right before the number
        ("Witnesses saw on the road not less than 25 bodies.",
         [("not less than 25 bodies", 25, None, AT_LEAST, BODIES, "bodies")]),
        # approximators: perhaps, an estimate, ~; an apposition shares its head's role
        ("He estimated that perhaps 300 people had died.",
         [("perhaps 300 people", 300, 300, APPROX, KILLED, "people")]),
        ("The agency estimated ~400 deaths.",
         [("estimated ~400 deaths", 400, 400, APPROX, KILLED, None)]),
        ("LOMA, May 3 (Harbour Wire) — More than 900 people were evacuated, police said.",
         [("More than 900 people", 900, None, AT_LEAST, FLED, "people")]),
        # manner phrases, particles and fixed phrases that say what befell the people
        ("Seven farmers were beaten to death at the market.",
         [("Seven farmers", 7, 7, EXACT, KILLED, "farmers")]),
        ("Police rounded up 45 students outside the faculty.",
         [("45 students", 45, 45, EXACT, DETAINED, "students")]),
        ("Of the 60 villagers taken away by the militia, 12 have returned.",
         [("60 villagers taken", 60, 60, EXACT, DETAINED, "villagers")]),
        ("Nineteen miners needed hospital treatment for burns.",
         [("Nineteen miners", 19, 19, EXACT, WOUNDED, "miners")]),
        ("Thirty-one people were admitted with gunshot wounds.",
         [("Thirty-one people", 31, 31, EXACT, WOUNDED, "people")]),
        ("Nine patients remain in hospital.",
         [("Nine patients", 9, 9, EXACT, WOUNDED, "patients")]),
        ("About 2,300 people crossed into the neighbouring republic on Monday.",
         [("About 2,300 people", 2300, 2300, APPROX, FLED, "people")]),
        ("Border guards apprehended 17 migrants near the river.",
         [("17 migrants", 17, 17, EXACT, DETAINED, "migrants")]),
        # rescued alive, searched for, released all but some
        ("Divers brought 6 fishermen out alive.",
         [("6 fishermen", 6, 6, EXACT, OTHER, "fishermen")]),
        ("Volunteers found 8 children alive in the cellar.",
         [("8 children alive", 8, 8, EXACT, OTHER, "children")]),
        ("The search for 21 crew members continues.",
         [("21 crew members", 21, 21, EXACT, MISSING, "crew members")]),
        ("Of the 40 sailors seized by the navy, all but 6 have been released.",
         [("40 sailors seized", 40, 40, EXACT, DETAINED, "sailors"),
          ("6", 6, 6, EXACT, DETAINED, None)]),
        # event nouns: "the disappearance of", "the elimination of"
        ("The report describes the disappearance of 52 men from the camp.",
         [("52 men", 52, 52, EXACT, MISSING, "men")]),
        ("The army announced the elimination of 40 militants.",
         [("40 militants", 40, 40, EXACT, KILLED, "militants")]),
        ("The flood left some 9,000 homeless.",
         [("some 9,000 homeless", 9000, 9000, APPROX, OTHER, None)]),
        # the parser hangs the noun on the qualifier, or on the dateline
        ("MORAV, May 2 (Southern Courier) — Between 40 and 55 passengers drowned when the "
         "ferry sank, officials said.",
         [("Between 40 and 55 passengers", 40, 55, RANGE, KILLED, "passengers")]),
        ("The guards were accused of holding up to 300 prisoners in the old mill.",
         [("up to 300 prisoners", None, 300, UP_TO, DETAINED, "prisoners")]),
        # parts: "among them", "including ... of whom", "among the dead"
        ("The bombing killed 23 people, among them 5 children.",
         [("23 people", 23, 23, EXACT, KILLED, "people"), ("5", 5, 5, EXACT, KILLED, None)]),
        ("More than 80 people were hurt, including 14 children, 3 of whom are in critical "
         "condition.",
         [("More than 80 people", 80, None, AT_LEAST, WOUNDED, "people"),
          ("14 children", 14, 14, EXACT, WOUNDED, "children"),
          ("3 of whom", 3, 3, EXACT, WOUNDED, None)]),
        ("A fire killed 12 workers, with 2 foremen among the dead.",
         [("12 workers", 12, 12, EXACT, KILLED, "workers"),
          ("2 foremen", 2, 2, EXACT, KILLED, "foremen")]),
        ("Eight people were killed and buried in the yard.",
         [("Eight people", 8, 8, EXACT, KILLED, "people")]),
        ("She said not 90 but 31 bodies were buried there.",
         [("90", 90, 90, EXACT, BODIES, None), ("31", 31, 31, EXACT, BODIES, None)]),
        # list fields: the participle in the label wins; other fields stay out
        ("Casualties: 30 killed | Survivors: 12 | Missing: 4",
         [("30", 30, 30, EXACT, KILLED, None), ("4", 4, 4, EXACT, MISSING, None)]),
        ("Executed hostages: 9 (rebel claim)", [("9", 9, 9, EXACT, KILLED, None)]),
        # each part of a breakdown is a figure of its own (tests/gold/README.md)
        ("Injured: 58 (incl. 11 firefighters) | Arrests: 20",
         [("58", 58, 58, EXACT, WOUNDED, None),
          ("11 firefighters", 11, 11, EXACT, WOUNDED, "firefighters"),
          ("20", 20, 20, EXACT, DETAINED, None)]),
        ("Population: c. 14,000 | Displaced: 3,200",
         [("c. 14,000", 14000, 14000, APPROX, POPULATION, None),
          ("3,200", 3200, 3200, EXACT, FLED, None)]),
        ("A total of 14 thousand 300 persons were evacuated.",
         [("14 thousand 300 persons", 14300, 14300, EXACT, FLED, "persons")]),
    )
)  # fmt: skip


DISTRACTORS = [
    # years and dates
    "The ceasefire signed in 2019 collapsed in March 2020.",
    "Fighting has continued since 1983 in the northern provinces.",
    "The 2011 earthquake destroyed much of the old town.",
    "Shelling began on 14 March and resumed on March 16.",
    "He was killed on 14 March near the bridge.",
    # ages
    "A 34-year-old mother of three was among those interviewed.",
    "Hastra, 58, told reporters she had lived there all her life.",
    "The boy, aged 12, was taken to hospital.",
    "He described a boy of about twelve standing by the road.",
    "She was in her forties when she left.",
    "The journalist died at the age of 58.",
    # times
    "Witnesses said the convoy arrived at 4 a.m.",
    "The first shots were heard at 10:05 local time.",
    "The attack began at 7 in the morning.",
    # ordinals, labels and unit numbers
    "The 366th regiment and the 4th brigade were deployed to the area.",
    "Communiqué No. 41 was issued by the ministry.",
    "The council adopted Resolution 2334 after a long debate.",
    "The convoy travelled along Route 6 towards the border.",
    "The report is set out on page 41 of the annex.",
    # money
    "The reconstruction will cost $2 million, officials said.",
    "Families were paid 400,000 crowns in compensation.",
    "The agency pledged €5m for shelters.",
    "The donors gave 2 million dollars to the families of the dead.",
    # distances, durations, percentages, magnitudes, ratios
    "The village lies 12 kilometres from the front line.",
    "She was killed 3 km from the border.",
    "Troops advanced 400 metres before stopping.",
    "Hundreds of people attended the funeral.",
    "Millions of dollars were lost when thousands of homes burned.",
    "The shelling lasted 47 minutes.",
    "He spent nine years in exile.",
    "Inspectors must report within 30 days.",
    "Prices rose by 40 percent over the winter.",
    "Turnout fell to 40% in the district.",
    "About 60 percent of the dead were civilians.",
    "The earthquake measured magnitude 6.1.",
    "Bread now costs ten times what it did.",
    # things, not people
    "Soldiers seized two trucks and three hospitals.",
    "The investigators published 186 pages of findings.",
    "The commission interviewed 214 witnesses.",
    "The strike hit 3 schools and killed a teacher.",
    "The wounded were taken to 4 hospitals.",
    "The soldier was killed by 3 rockets fired from the hills.",
    "The brigade fired 300 rounds at the hill.",
    "The 1,000-strong battalion withdrew overnight.",
    "Thirty soldiers tried to kill the commander.",
    # phone numbers, scores, vague words that are not figures
    "Call 555-0134 for information.",
    "The home side won 3-1 in the final.",
    "A handful of residents stayed behind.",
    "Several villagers and many soldiers spoke to the press.",
    "No one answered the phone at the ministry.",
    "One in five residents has left the district.",
    # killers, not the killed; lives that are lived; years as a range
    "The 3 soldiers who killed the boy were never tried.",
    "Two gunmen killing civilians were filmed by a resident.",
    "The rescue teams saved 300 lives.",
    "Some 30 relatives of the dead gathered at the gate.",
    "Between 1992 and 1995, the town changed hands four times.",
    "Amir Sadeh (35) was killed at the checkpoint.",
    "A 30-member team investigated the shelling.",
    "The 12-day siege ended on Friday.",
    "The blast was heard 400m from the square.",
    # list fields whose label or value is not about people
    "Founded: 1952 | Area: 40 km² | Mayor: Jon Tarr",
    "Schools: 40 destroyed | Homes: 300 damaged",
    "Results: 54 votes in favour, 12 against",
    "The message was clear: 300 soldiers would be deployed.",
    # ranges of measures; generic legal categories
    "Temperatures ranged from 10 to 15 degrees.",
    "The law punishes the killing of two or more persons.",
    # outcome verbs over things, or in a sense that counts nobody
    "The new law affects 2 million workers.",
    "Rescue teams rescued 3 dogs from the river.",
    "Ten lorries left the town at dawn.",
    "The town lost 300 jobs and two factories.",
    "He was one of 3 who never returned the forms.",
    "The fate of 3 projects remains unclear.",
    "The army shot down 3 drones over the border.",
    "The 200 delegates stayed in the city until Friday.",
    "Two men were sentenced to death in absentia.",
    "An estimated 4,000 soldiers crossed into the province.",
    "The concert hall, which holds 2,000 people, was empty.",
    "Customs officers seized 40 rifles and 3 boats.",
    "The army eliminated 3 tanks near the bridge.",
    # a bare figure after a counted one that is not a part or a restatement of it
    "He paid 300 dollars, not 400.",
    "Around 200 students sat the exam; 30 of them failed.",
]


@pytest.mark.parametrize(("sentence", "expected"), FIGURES)
def test_figures(nlp: Any, sentence: str, expected: list[Expected]) -> None:
    assert _summary(_found(nlp, sentence)) == expected


@pytest.mark.parametrize("sentence", DISTRACTORS)
def test_distractors_give_nothing(nlp: Any, sentence: str) -> None:
    assert _found(nlp, sentence) == []


def test_offsets_are_absolute_and_text_is_as_written(nlp: Any) -> None:
    text = (
        "The town was quiet in 2019. Then the ministry said 100 killed, 250 wounded. "
        "Later, officials claimed that up to 1,000 people fled."
    )
    doc = nlp(text)
    found = [q for sent in doc.sents for q in find_quantities(sent)]
    assert [q.text for q in found] == ["100 killed", "250 wounded", "up to 1,000 people"]
    for q in found:
        assert doc.text[q.start : q.end] == q.text
    assert [doc[q.anchor].text for q in found] == ["killed", "wounded", "fled"]


def test_anchor_is_the_word_that_says_what_is_counted(nlp: Any) -> None:
    doc = nlp("477 people were killed and 70 bodies were counted; the toll rose to 500.")
    anchors = [doc[q.anchor].text for sent in doc.sents for q in find_quantities(sent)]
    assert anchors == ["killed", "bodies", "toll"]


def test_bounds_follow_the_contract(nlp: Any) -> None:
    text = (
        "At least 30 died. At most 40 died. Up to 50 died. Between 60 and 70 died. "
        "About 80 died. Exactly 90 died. Dozens died."
    )
    for q in _found(nlp, text):
        if q.qualifier in (EXACT, APPROX):
            assert q.low is not None and q.high is not None and q.low <= q.high
        elif q.qualifier is AT_LEAST:
            assert q.low is not None and q.high is None
        elif q.qualifier in (AT_MOST, UP_TO):
            assert q.low is None and q.high is not None
        else:
            assert q.low is not None and q.high is not None and q.low < q.high


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("four hundred seventy-seven", 477),
        ("four hundred and seventy-seven", 477),
        ("a thousand", 1000),
        ("1,000", 1000),
        ("1.2 million", 1_200_000),
        ("3 million", 3_000_000),
        ("twenty-three", 23),
        ("eleven", 11),
        ("twelve hundred", 1200),
        ("a hundred thousand", 100_000),
        ("one million two hundred thousand", 1_200_000),
        ("two dozen", 24),
        ("1 000", 1000),
        ("477", 477),
        ("Forty-One", 41),
    ],
)
def test_parse_number_words(words: str, value: float) -> None:
    assert parse_number_words(words) == value


@pytest.mark.parametrize("words", ["", "a", "abc", "seven seventy", "20 7946", "4th", "one two"])
def test_parse_number_words_rejects_non_numbers(words: str) -> None:
    assert parse_number_words(words) is None


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Doctors said that more than 30 of the wounded had died in the clinics.", "killed"),
        ("Officials said 12 of the injured later succumbed in hospital.", "killed"),
        ("Doctors said 25 of the wounded were children.", "wounded"),
    ],
)
def test_the_wounded_who_died_are_counted_as_dead(nlp, text: str, counts: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    found = [q for s in doc.sents for q in find_quantities(s)]
    assert [q.counts.value for q in found] == [counts]
