"""The analysis of a small case end to end: origins, echoes, contradictions, grades."""

from __future__ import annotations

from analysis_factory import actor, doc, figure

from claimgraph.analyse.run import analyse_case
from claimgraph.model import ActorKind, CaseAnalysis, Counts, Judgement, Qualifier, Stance

GOV = ActorKind.GOVERNMENT_BODY
CLERIC = actor("Halid Orun", role="cleric")
MALVEK = actor("Edrin Malvek", role="spokesman")
STORY = (
    "Shelling of the covered market killed 300 people on Tuesday, according to figures "
    "circulating in the town, while the roads out of the valley remained closed to traffic "
    "and the power station had stopped working for the second day in a row."
)
DOCS = [
    doc("wire3", "Northern Wire", "2023-03-16"),
    doc("ledger3", "The Senneth Ledger", "2023-03-16"),
    doc("today4", "Ulthara Today", "2023-03-17"),
    doc("ministry6", "Ministry of the Interior", "2023-03-19"),
    doc("ufm2", "Ulthara Freedom Movement", "2023-03-15"),
    doc("wire9", "Northern Wire", "2023-03-22"),
    doc("paper2", "Verrin Gazette", "2023-03-15"),
    doc("copy5", "Coastal Herald", "2023-03-18"),
    doc("inquiry", "Commission of Inquiry", "2023-09-12"),
    doc("registry", "Veskaro Civil Registry", "2023-04-20"),
    doc("minister1", "Tarrova Radio", "2023-03-14"),
]
CLAIMS = [
    figure("wire3", 477, by=CLERIC, via=("local stringer",)),
    figure("ledger3", 477, by=CLERIC, via=("Northern Wire", "local stringer")),
    figure("today4", 477, by=actor("cleric"), via=("Senneth Ledger",)),
    figure("ministry6", 477, stance=Stance.DISPUTED, at=1),
    figure("ministry6", None, 120, qualifier=Qualifier.AT_MOST, by=actor("ministry", GOV), at=2),
    figure("ufm2", 150, by=MALVEK, subject="civilians"),
    figure("wire9", 180, by=actor("Malvek"), subject="civilians"),
    figure("paper2", 300, stance=Stance.HEDGED),
    figure("copy5", 300, stance=Stance.HEDGED),
    figure("inquiry", 600, qualifier=Qualifier.APPROX, by=actor("Commission", GOV)),
    figure("registry", 590, by=actor("Tomas Vell", role="registrar")),
    figure("registry", 24, 99, counts=Counts.WOUNDED, qualifier=Qualifier.APPROX, at=4),
    figure("minister1", 100, by=actor("Corvin Hastra")),
    figure("paper2", 70, counts=Counts.DEAD_BODIES_SEEN, by=actor("Mara Quellin"), at=9),
    figure("inquiry", 7, counts=Counts.DEAD_BODIES_SEEN, by=actor("Commission", GOV), at=9),
]
TEXTS = {d.id: f"Report {d.id}." for d in DOCS} | {
    "paper2": STORY,
    "copy5": "From our partners. " + STORY,
}


def _run(judgements: tuple[Judgement, ...] = ()) -> CaseAnalysis:
    return analyse_case("veskaro", CLAIMS, DOCS, TEXTS, judgements)


def _prop(a: CaseAnalysis, counts: str, low: float | None, high: float | None):  # type: ignore[no-untyped-def]
    return next(p for p in a.propositions if (p.counts, p.low, p.high) == (counts, low, high))


def test_two_outlets_one_stringer_one_cleric_is_one_origin() -> None:
    a = _run()
    p = _prop(a, "killed", 477, 477)
    assert len(p.source_ids) == 3
    assert [o.name for o in p.origins] == ["Halid Orun"]
    assert p.echo_ratio == 3.0
    hops = {(e.frm, e.to) for e in p.edges}
    assert ("source:today4", next(o.key for o in p.origins)) not in hops  # via the Ledger


def test_a_copied_unattributed_story_is_an_echo_not_a_second_origin() -> None:
    a = _run()
    p = _prop(a, "killed", 300, 300)
    assert len(p.source_ids) == 2 and [o.name for o in p.origins] == ["Verrin Gazette"]
    assert any(c.citing == "copy5" and c.cited == "paper2" for c in a.citations)


def test_conflicts_revisions_and_denials_are_told_apart() -> None:
    a = _run()
    kinds = {(c.kind, c.proposition_a, c.proposition_b) for c in a.contradictions}
    p150, p180 = _prop(a, "killed", 150, 150), _prop(a, "killed", 180, 180)
    p477, p120 = _prop(a, "killed", 477, 477), _prop(a, "killed", None, 120)
    assert ("revision", p150.id, p180.id) in kinds
    assert not any(k == "conflict" and {x, y} == {p150.id, p180.id} for k, x, y in kinds)
    assert ("conflict", p120.id, p477.id) in kinds or ("conflict", p477.id, p120.id) in kinds
    assert ("denial", p477.id, p477.id) in kinds
    p70, p7 = _prop(a, "dead_bodies_seen", 70, 70), _prop(a, "dead_bodies_seen", 7, 7)
    assert any({c.proposition_a, c.proposition_b} == {p70.id, p7.id} for c in a.contradictions)
    vague = _prop(a, "wounded", 24, 99)
    assert not any(vague.id in (c.proposition_a, c.proposition_b) for c in a.contradictions)


def test_credibility_follows_independent_support() -> None:
    a = _run()
    assert _prop(a, "killed", 600, 600).grade.credibility == 2  # 590 agrees: "about 600"
    assert _prop(a, "killed", 300, 300).grade.credibility == 4  # every source hedges
    assert _prop(a, "killed", 477, 477).grade.credibility == 4  # disputed, one origin
    assert _prop(a, "killed", None, 120).grade.credibility == 3
    two = (Judgement("actor.merge", actor("Commission", GOV).id, actor("Tomas Vell").id),)
    assert _prop(_run(two), "killed", 600, 600).grade.credibility == 3  # same origin now


def test_better_supported_figures_mark_the_lone_outlier_improbable() -> None:
    extra = [figure("wire9", 100, by=actor("Tomas Vell"), at=7)]
    a = analyse_case("veskaro", CLAIMS + extra, DOCS, TEXTS)
    p100 = _prop(a, "killed", 100, 100)
    assert p100.grade.credibility == 1 and len(p100.origins) == 2
    assert _prop(a, "killed", 150, 150).grade.credibility == 5
    assert "contradicted by killed: 100" in _prop(a, "killed", 150, 150).grade.reason


def test_timeline_marks_first_appearances_and_counted_figures() -> None:
    a = _run()
    killed = [p for p in a.timeline if p.counts == "killed"]
    firsts = [p for p in killed if p.low == 477 and p.first_of_value]
    assert sorted(p.source_id for p in firsts) == ["ledger3", "wire3"]  # the same day
    bodies = [p for p in a.timeline if p.counts == "dead_bodies_seen"]
    assert bodies and all(p.counted for p in bodies)
    assert a.stats["propositions"] == len(a.propositions)


def test_a_speakers_figure_retold_as_another_count_is_a_relabel() -> None:
    mayor = actor("Anika Brelloc", role="mayor")
    docs = [*DOCS, doc("nwmayor", "Northern Wire", "2023-03-17"),
            doc("pellavar", "Pellavar Post", "2023-03-18")]  # fmt: skip
    extra = [
        figure("nwmayor", None, 1000, counts=Counts.FLED, qualifier=Qualifier.UP_TO, by=mayor),
        figure("pellavar", None, 1000, qualifier=Qualifier.UP_TO, by=actor("mayor"),
               via=("Northern Wire",)),
    ]  # fmt: skip
    a = analyse_case("veskaro", CLAIMS + extra, docs, TEXTS)
    relabels = [c for c in a.contradictions if c.kind == "relabel"]
    assert len(relabels) == 1
    assert relabels[0].claim_a == extra[0].id and relabels[0].claim_b == extra[1].id
    assert relabels[0].reason == "Anika Brelloc's up to 1,000 fled reappears as killed"


def test_circular_reporting_is_named_and_still_has_one_origin() -> None:
    from analysis_factory import statement

    docs = [doc("a", "Outlet Alpha", "2024-02-01"), doc("b", "Outlet Beta", "2024-02-01")]
    claims = [
        figure("a", 50), statement("a", "Outlet Beta reported it first.",
                                   actor("Outlet Beta", ActorKind.OUTLET), at=9),
        figure("b", 50), statement("b", "Outlet Alpha reported it first.",
                                   actor("Outlet Alpha", ActorKind.OUTLET), at=9),
    ]  # fmt: skip
    a = analyse_case("loop", claims, docs, {"a": "Alpha text.", "b": "Beta text."})
    assert a.cycles == (("a", "b"),)
    p = _prop(a, "killed", 50, 50)
    assert len(p.source_ids) == 2 and len(p.origins) == 1


def test_a_reason_names_eight_origins_and_counts_the_rest() -> None:
    docs = [doc(f"d{i}", f"Outlet {i}", "2024-03-02") for i in range(12)]
    claims = [figure(f"d{i}", 40, by=actor(f"Witness Number {i}")) for i in range(12)]
    p = _prop(analyse_case("many", claims, docs, {d.id: "Text." for d in docs}), "killed", 40, 40)
    assert p.grade.credibility == 1 and len(p.origins) == 12
    assert p.grade.reason.endswith(" and 4 more)") and p.grade.reason.count("Witness") == 8
