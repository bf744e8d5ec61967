"""The resolved speakers behind some names (the claimants of the claims a page shows),
read by key: a case of 10^6 claims has thousands of speakers, a page needs a few dozen."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select

from claimgraph.model import Entity
from claimgraph.store.analysis_queries import row_entity
from claimgraph.store.tables import actors, entities, entity_members

_IN_CHUNK = 500


def entities_named(conn: Connection, case: str, names: Sequence[str]) -> list[Entity]:
    """Entities of the case that an actor of one of `names` was resolved into. Three reads
    by key (actors by name, memberships, entities): a join would walk the case's members."""
    wanted = sorted(set(names))
    actor_ids: set[str] = set()
    for part in _chunks(wanted):
        actor_ids.update(conn.execute(select(actors.c.id).where(actors.c.name.in_(part))).scalars())
    entity_ids: set[str] = set()
    for part in _chunks(sorted(actor_ids)):
        q = select(entity_members.c.entity_id).where(
            (entity_members.c.case_name == case) & entity_members.c.actor_id.in_(part)
        )
        entity_ids.update(conn.execute(q).scalars())
    found: list[Entity] = []
    for part in _chunks(sorted(entity_ids)):
        q = select(entities).where((entities.c.case_name == case) & entities.c.id.in_(part))
        found += [row_entity(r) for r in conn.execute(q)]
    return found


def _chunks(items: list[str]) -> list[list[str]]:
    return [items[i : i + _IN_CHUNK] for i in range(0, len(items), _IN_CHUNK)]
