"""Actor resolution, events and propositions, through their public functions."""

from __future__ import annotations

from analysis_factory import actor, doc, figure, statement

from claimgraph.link.actors import resolve_actors
from claimgraph.link.events import assign_events
from claimgraph.link.propositions import group_claims
from claimgraph.model import ActorKind, Counts, Judgement, Qualifier, Reliability

ORG = ActorKind.ORGANISATION


def _groups(entities):  # type: ignore[no-untyped-def]
    return sorted(sorted([e.name, *e.aliases]) for e in entities)


def test_names_surnames_titles_and_roles_join_one_person() -> None:
    full = actor("Ada Okafor", role="mayor")
    mentions = [full, actor("Okafor"), actor("Mayor Ada Okafor"), actor("mayor")]
    r = resolve_actors(mentions, [])
    assert len(r.entities) == 1
    e = r.entities[0]
    assert e.name in ("Ada Okafor", "Mayor Ada Okafor")
    assert {m.id for m in mentions} == set(e.members)
    assert any(h.startswith("surname") for h in e.how)


def test_ambiguous_surnames_and_roles_stay_apart() -> None:
    mentions = [
        actor("Ada Okafor", role="mayor"),
        actor("Ben Okafor", role="mayor"),
        actor("Okafor"),
        actor("mayor"),
        actor("officials", ActorKind.GROUP),
    ]
    r = resolve_actors(mentions, [])
    assert len(r.entities) == 5


def test_organisation_word_order_short_names_and_initials() -> None:
    mentions = [
        actor("Ministry of the Interior", ActorKind.GOVERNMENT_BODY),
        actor("interior ministry", ActorKind.GOVERNMENT_BODY),
        actor("Harbour Freedom Movement", ORG),
        actor("Movement", ORG),
        actor("HFM", ORG),
    ]
    groups = _groups(resolve_actors(mentions, []).entities)
    assert ["Ministry of the Interior", "interior ministry"] in groups
    assert ["HFM", "Harbour Freedom Movement", "Movement"] in groups


def test_outlet_short_name_joins_the_case_publisher() -> None:
    r = resolve_actors([actor("the Herald", ActorKind.OUTLET)], ["The Morning Herald"])
    assert len(r.entities) == 1 and r.entities[0].name == "The Morning Herald"


def test_judgements_merge_split_grade_and_side() -> None:
    a, b, c = actor("Ada Okafor"), actor("Okafor"), actor("Tomas Vell")
    js = [
        Judgement("actor.split", b.id),
        Judgement("actor.merge", a.id, c.id, who="ed"),
        Judgement("actor.grade", a.id, "B", note="long record"),
        Judgement("actor.side", c.id, "council"),
    ]
    r = resolve_actors([a, b, c], [], js)
    assert _groups(r.entities) == [["Ada Okafor", "Tomas Vell"], ["Okafor"]]
    joined = r.entity_of(a.id)
    assert joined is not None
    assert joined.reliability == Reliability.B and joined.reliability_note == "long record"
    assert joined.side == "council"
    assert r.entity_of(b.id) is not None and r.entity_of(b.id).reliability == Reliability.F  # type: ignore[union-attr]


def test_events_split_on_a_long_silence_and_take_undated_claims() -> None:
    docs = {d.id: d for d in (doc("old", "Courier", "2011-06-08"), doc("new", "Wire", "2023-03-14"),
                              doc("late", "Wire", "2023-09-12"))}  # fmt: skip
    claims = [figure("old", 23), figure("new", 100), figure("new", 150, at=5),
              figure("late", 600, date="2023-03-14"), figure("nodate", 5)]  # fmt: skip
    ev = assign_events(claims, docs)
    assert len(ev.events) == 2
    by = ev.claim_event
    assert by[claims[0].id] != by[claims[1].id]
    assert by[claims[1].id] == by[claims[3].id] == by[claims[4].id]
    assert ev.claim_date[claims[3].id] == ("2023-03-14", "claim")
    assert ev.claim_date[claims[1].id] == ("2023-03-14", "published")


def test_figures_group_by_value_and_subject_but_statements_by_wording() -> None:
    a, b = actor("Ada Okafor"), actor("Tomas Vell")
    claims = [
        figure("s1", 477, by=a),
        figure("s2", 477, by=b, subject="people", at=3),
        figure("s3", 477, by=b, subject="soldiers", at=4),
        figure("s3", 477, by=b, subject="soldiers of the 4th brigade", at=8),
        figure("s4", 477, counts=Counts.FLED, at=5),
        figure("s5", None, 120, qualifier=Qualifier.AT_MOST, at=6),
        statement("s1", "The shells came from the west side of the town.", a),
        statement("s2", "the shells came from the west side of the town", b),
        statement("s3", "Nobody saw any armed men near the market gate.", b),
    ]
    event = {c.id: "e1" for c in claims}
    groups = group_claims(claims, event)
    sizes = sorted((g.kind, g.label, len(g.claim_ids)) for g in groups)
    assert ("quantity", "killed (soldiers): 477", 4) in sizes  # generic "people" joins it
    assert ("quantity", "fled: 477", 1) in sizes
    assert ("quantity", "killed: at most 120", 1) in sizes
    statements = sorted(len(g.claim_ids) for g in groups if g.kind == "statement")
    assert statements == [1, 2]


def test_a_person_moves_a_claim_and_rejects_another() -> None:
    claims = [figure("s1", 100), figure("s2", 100, at=2), figure("s3", 7, at=3)]
    event = {c.id: "e1" for c in claims}
    before = {g.id: g for g in group_claims(claims, event)}
    target = next(g.id for g in before.values() if claims[2].id in g.claim_ids)
    js = [Judgement("claim.move", claims[1].id, target), Judgement("claim.reject", claims[0].id)]
    after = {g.id: g for g in group_claims(claims, event, js)}
    assert sorted(after[target].claim_ids) == sorted([claims[1].id, claims[2].id])
    assert all(claims[0].id not in g.claim_ids for g in after.values())
    js = [Judgement("claim.move", claims[1].id, "new")]
    alone = [g for g in group_claims(claims, event, js) if g.claim_ids == (claims[1].id,)]
    assert len(alone) == 1 and alone[0].id not in before
