"""Look-ups over the resolved actors of a case: which entity a mention, a chain link's
name or a publisher is."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from claimgraph.link.actors import bare_name, outlet_actor
from claimgraph.link.names import OutletIndex
from claimgraph.model import DocRef, Entity


class Directory:
    def __init__(
        self, entities: Sequence[Entity], actor_entity: Mapping[str, str], docs: Sequence[DocRef]
    ) -> None:
        self.entities = {e.id: e for e in entities}
        self.actor_entity = dict(actor_entity)
        names: dict[str, set[str]] = defaultdict(set)
        for e in entities:
            for n in (e.name, *e.aliases):
                names[bare_name(n)].add(e.id)
        self._by_name = {k: next(iter(v)) for k, v in names.items() if len(v) == 1}
        self._docs = {d.id: d for d in docs}
        publishers = sorted({d.publisher for d in docs if d.publisher})
        self._outlets = OutletIndex(publishers)
        self._publisher_entity = {
            p: actor_entity[outlet_actor(p).id]
            for p in publishers
            if outlet_actor(p).id in actor_entity
        }

    def of_actor(self, actor_id: str) -> Entity | None:
        eid = self.actor_entity.get(actor_id)
        return self.entities.get(eid) if eid else None

    def node_for_name(self, name: str) -> str:
        """The entity a bare name (a chain link) is, else a node named by the name itself."""
        hit = self._outlets.match(name)
        if hit is not None and hit in self._publisher_entity:
            return self._publisher_entity[hit]
        return self._by_name.get(bare_name(name), f"name:{bare_name(name)}")

    def publisher_node(self, doc: DocRef | None) -> str | None:
        if doc is None or not doc.publisher:
            return None
        return self._publisher_entity.get(doc.publisher)

    def label(self, node: str) -> str:
        if node in self.entities:
            return self.entities[node].name
        kind, _, rest = node.partition(":")
        doc = self._docs.get(rest) if kind == "source" else None
        if doc is not None:
            return doc.publisher or doc.title or doc.url or rest[:12]
        return rest or node

    def side(self, node: str) -> str | None:
        e = self.entities.get(node)
        return e.side if e else None

    def affiliated(self, e: Entity) -> Entity | None:
        """The entity `e` speaks for: the office its role names ("interior minister" →
        "interior ministry") when the case has it, else the body its stated affiliation
        names. A lower-case word counts only when it names an actor of the case."""
        for aff in (_office_of(e.role), e.affiliation):
            target = self.entities.get(self.node_for_name(aff)) if aff else None
            if target is not None and target.id != e.id:
                return target
        return None

    def chain(self, e: Entity) -> list[Entity]:
        """`e` and what it speaks for, upwards ("committees" → spokesman → movement)."""
        out = [e]
        while (up := self.affiliated(out[-1])) is not None and up not in out:
            out.append(up)
        return out

    def top(self, e: Entity) -> Entity:
        return self.chain(e)[-1]

    def _stated_place(self, e: Entity) -> str | None:
        aff = e.affiliation
        if aff and aff[0].isupper() and self.entities.get(self.node_for_name(aff)) is None:
            return aff  # a country or party the case has no actor for: "Tarrova"
        return None

    def with_sides(self, judged: set[str]) -> list[Entity]:
        """Each entity's side: what a person set; else the place or party the text ties
        its chain to; else the body at the top of its chain when others speak for it."""
        chains = {e.id: self.chain(e) for e in self.entities.values()}
        inherited: dict[str, Counter[str]] = defaultdict(Counter)
        led = {c[-1].id for c in chains.values() if len(c) > 1}  # bodies others speak for
        for chain in chains.values():
            stated = [p for x in chain if (p := self._stated_place(x))]
            if stated:
                inherited[chain[-1].id][stated[-1]] += 1
        out = []
        for e in self.entities.values():
            chain = chains[e.id]
            root = chain[-1]
            stated = [p for x in reversed(chain) if (p := self._stated_place(x))]
            if e.id in judged:
                side = e.side
            elif stated:
                side = stated[0]
            elif root.id in inherited:
                side = inherited[root.id].most_common(1)[0][0]
            else:
                side = root.name if root.id in led else None
            out.append(replace(e, side=side))
        self.entities = {e.id: e for e in out}
        return sorted(out, key=lambda e: e.id)


def _office_of(role: str | None) -> str | None:
    """ "interior minister" serves the "interior ministry": the office a role names."""
    if not role or not role.casefold().endswith("minister"):
        return None
    return role[: -len("minister")] + "ministry"
