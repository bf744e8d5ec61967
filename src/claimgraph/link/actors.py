"""Actor resolution: which mentions across the sources of a case name the same speaker.

"Okafor", "Mayor Okafor" and "Ada Okafor" are one person when the case has only one
Okafor; "the movement" is the one organisation whose name ends in "Movement"; "the cleric"
is the one named person whose role is cleric. Every join records why, and a person's
merges and splits (judgements) are applied last, in the order they were made."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from claimgraph.link.names import OutletIndex, name_key
from claimgraph.model import Actor, ActorKind, Entity, Judgement, Reliability, content_id

# Words of address and office that precede a name and are not part of it.
_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "judge", "justice",
     "mayor", "president", "minister", "governor", "general", "gen", "colonel", "col",
     "major", "maj", "captain", "capt", "lieutenant", "lt", "sergeant", "sgt", "commander",
     "chief", "spokesman", "spokeswoman", "spokesperson", "senator", "sen", "rep", "deputy",
     "cleric", "imam", "father", "rev", "reverend", "bishop", "rabbi", "sheikh", "witness",
     "interior", "foreign", "defence", "defense", "prime", "vice", "secretary", "registrar",
     "ambassador", "commissioner", "inspector", "prosecutor", "director", "chair",
     "chairman", "chairwoman", "correspondent", "reporter", "photographer"}
)  # fmt: skip
_FILLER = frozenset({"of", "the", "for", "and", "a", "an", "on", "in"})
_COLLECTIVE_END = re.compile(r"(?:s|people|staff|police|media|press)$")


@dataclass(frozen=True, slots=True)
class Resolution:
    entities: tuple[Entity, ...]
    actor_entity: dict[str, str]  # actor id → entity id
    judged_sides: frozenset[str] = frozenset()  # entities whose side a person set

    def entity_of(self, actor_id: str) -> Entity | None:
        eid = self.actor_entity.get(actor_id)
        return self._by_id().get(eid) if eid else None

    def _by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}


def outlet_actor(publisher: str) -> Actor:
    """The actor a publisher is when it speaks: the same id extraction gives an outlet."""
    return Actor(
        id=content_id("act", ActorKind.OUTLET.value, publisher.casefold()),
        name=publisher,
        kind=ActorKind.OUTLET,
    )


class _Union:
    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}
        self.why: dict[str, list[str]] = defaultdict(list)

    def find(self, i: str) -> str:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: str, b: str, why: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
        self.why[min(ra, rb)].append(why)


def bare_name(name: str) -> str:
    """The name without leading titles: "Interior Minister Corvin Hastra" → "corvin hastra",
    but "interior minister" stays as it is (no name follows the title)."""
    words = name.split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    while len(words) > 1 and name_key(words[0]) in _TITLES and words[1][:1].isupper():
        words = words[1:]
    return name_key(" ".join(words))


def _is_named_person(a: Actor) -> bool:
    words = a.name.split()
    return a.kind == ActorKind.PERSON and len(words) >= 2 and words[-1][:1].isupper()


def _org_tokens(name: str) -> frozenset[str]:
    return frozenset(w for w in name_key(name).split() if w not in _FILLER)


def resolve_actors(
    mentions: Sequence[Actor],
    publishers: Sequence[str],
    judgements: Sequence[Judgement] = (),
    *,
    case: str = "",
) -> Resolution:
    """Group the mentions (and the case's publishers, as outlets) into entities."""
    actors = {a.id: a for a in mentions}
    for p in publishers:
        actors.setdefault(outlet_actor(p).id, outlet_actor(p))
    u = _Union(actors)
    _join_same_bare_name(u, actors)
    _join_surnames(u, actors)
    _join_organisations(u, actors)
    _join_outlets(u, actors, publishers)
    _join_roles(u, actors)
    _apply_judgements(u, actors, judgements)
    return _entities(u, actors, judgements, case)


def _join_same_bare_name(u: _Union, actors: dict[str, Actor]) -> None:
    first: dict[str, str] = {}
    for aid in sorted(actors):
        key = bare_name(actors[aid].name)
        if key in first:
            u.join(first[key], aid, f"same name: {actors[aid].name}")
        elif key:
            first[key] = aid


def _join_surnames(u: _Union, actors: dict[str, Actor]) -> None:
    """ "Orun" or "Mr Orun" is the one named person whose last name is Orun."""
    by_last: dict[str, set[str]] = defaultdict(set)
    for a in actors.values():
        if _is_named_person(a):
            by_last[bare_name(a.name).split()[-1]].add(bare_name(a.name))
    full = {bare_name(a.name): aid for aid, a in sorted(actors.items()) if _is_named_person(a)}
    for aid, a in sorted(actors.items()):
        words = bare_name(a.name).split()
        if len(words) == 1 and a.name[-1:].isalpha() and a.name.split()[-1][:1].isupper():
            names = by_last.get(words[0], set())
            if len(names) == 1:
                u.join(full[next(iter(names))], aid, f"surname: {a.name}")


def _join_organisations(u: _Union, actors: dict[str, Actor]) -> None:
    """ "interior ministry" = "Ministry of the Interior"; "the Movement" = the only
    organisation named "… Movement"; "UFM" = the only one with those initials."""
    orgs = {aid: a for aid, a in actors.items() if a.kind != ActorKind.PERSON}
    by_tokens: dict[frozenset[str], str] = {}
    for aid in sorted(orgs):
        toks = _org_tokens(orgs[aid].name)
        if toks in by_tokens:
            u.join(by_tokens[toks], aid, f"same words: {orgs[aid].name}")
        elif toks:
            by_tokens[toks] = aid
    multi = {t: aid for t, aid in by_tokens.items() if len(t) >= 2}
    for toks, aid in sorted(by_tokens.items(), key=lambda kv: kv[1]):
        if len(toks) != 1 or not orgs[aid].name[:1].isupper():
            continue
        (word,) = toks
        hits = {m for t, m in multi.items() if name_key(orgs[m].name).split()[-1] == word}
        hits |= {m for t, m in multi.items() if _initials(orgs[m].name) == word}
        if len({u.find(h) for h in hits}) == 1:
            u.join(next(iter(hits)), aid, f"short name: {orgs[aid].name}")


def _initials(name: str) -> str:
    return "".join(w[0] for w in name_key(name).split() if w not in _FILLER)


def _join_outlets(u: _Union, actors: dict[str, Actor], publishers: Sequence[str]) -> None:
    if not publishers:
        return
    index = OutletIndex(publishers)
    pub_ids = {p: outlet_actor(p).id for p in publishers}
    for aid, a in sorted(actors.items()):
        if a.kind in (ActorKind.OUTLET, ActorKind.ORGANISATION, ActorKind.GROUP):
            hit = index.match(a.name)
            if hit is not None and pub_ids[hit] != aid:
                u.join(pub_ids[hit], aid, f"outlet: {a.name}")


def _join_roles(u: _Union, actors: dict[str, Actor]) -> None:
    """ "the cleric" is the one named person in the case whose role is cleric."""
    by_role: dict[str, set[str]] = defaultdict(set)
    for aid, a in actors.items():
        if _is_named_person(a) and a.role:
            by_role[_role_word(a.role)].add(u.find(aid))
    for aid, a in sorted(actors.items()):
        if _is_named_person(a) or a.kind not in (ActorKind.PERSON, ActorKind.GROUP):
            continue
        word = _role_word(a.role or a.name)
        if _COLLECTIVE_END.search(word) and word not in by_role:
            continue  # "officials", "residents": many people, never one person
        roots = by_role.get(word, set())
        if len(roots) == 1:
            u.join(next(iter(roots)), aid, f"role: {a.name}")


def _role_word(role: str) -> str:
    words = name_key(role).split()
    return words[-1] if words else ""


def _apply_judgements(u: _Union, actors: dict[str, Actor], js: Sequence[Judgement]) -> None:
    for j in js:
        if j.action == "actor.merge" and j.target in actors and j.value in actors:
            u.join(j.target, j.value, f"merged by {j.who or 'a reviewer'}")
        elif j.action == "actor.split" and j.target in actors:
            _split(u, j.target)


def _split(u: _Union, aid: str) -> None:
    root = u.find(aid)
    rest = [i for i in u.parent if i != aid and u.find(i) == root]
    for i in [*rest, aid]:
        u.parent[i] = i
    if rest:
        new_root = min(rest)
        for i in rest:
            u.parent[i] = new_root


def _entities(
    u: _Union, actors: dict[str, Actor], js: Sequence[Judgement], case: str
) -> Resolution:
    groups: dict[str, list[Actor]] = defaultdict(list)
    for aid in sorted(actors):
        groups[u.find(aid)].append(actors[aid])
    grades = {j.target: j for j in js if j.action == "actor.grade"}
    sides = {j.target: j.value for j in js if j.action == "actor.side"}
    entities, mapping, judged = [], {}, set()
    for root, members in sorted(groups.items()):
        e = _entity(case, members, tuple(dict.fromkeys(u.why.get(root, []))))
        grade = next((grades[m.id] for m in reversed(members) if m.id in grades), None)
        side = next((sides[m.id] for m in members if m.id in sides), None)
        if side is not None:
            judged.add(e.id)
        e = _with(e, grade, side)
        entities.append(e)
        mapping.update({m.id: e.id for m in members})
    return Resolution(tuple(sorted(entities, key=lambda e: e.id)), mapping, frozenset(judged))


def _entity(case: str, members: list[Actor], how: tuple[str, ...]) -> Entity:
    kinds = Counter(m.kind for m in members)
    kind = ActorKind.PERSON if any(map(_is_named_person, members)) else kinds.most_common(1)[0][0]
    name = max((m.name for m in members), key=lambda n: (_name_rank(n), n))
    roles = Counter(m.role for m in members if m.role)
    affs = Counter(m.affiliation for m in members if m.affiliation)
    affiliation = affs.most_common(1)[0][0] if affs else None
    return Entity(
        id=content_id("ent", case, sorted(m.id for m in members)),
        name=name,
        kind=kind,
        members=tuple(m.id for m in members),
        aliases=tuple(sorted({m.name for m in members} - {name})),
        role=roles.most_common(1)[0][0] if roles else None,
        affiliation=affiliation,
        how=how,
    )


def _name_rank(name: str) -> tuple[int, int]:
    """A proper name before a role ("Edrin Malvek" before "spokesman"), longer first."""
    return sum(1 for w in name.split() if w[:1].isupper()), len(name)


def _with(e: Entity, grade: Judgement | None, side: str | None) -> Entity:
    if grade is not None:
        e = replace(e, reliability=Reliability(grade.value), reliability_note=grade.note)
    return replace(e, side=side)
