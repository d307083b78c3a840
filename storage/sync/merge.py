"""The leaf-set merge model (CouchDB's, applied to files); pure functions over raw records.

Per (kind, id) a replica keeps its *leaves*: the current revision plus conflicting ones. Importing
revision I:
- ignore I if its hash is in some leaf's ``revs`` (I is that leaf, or one of its ancestors);
- otherwise drop every leaf whose hash is in ``I.revs`` (I descends from it) and add I as a leaf.
The current revision is the maximum leaf by (not deleted, N, hash); the others are conflicts.
This is commutative, associative and idempotent, so replicas that saw the same revisions hold the
same leaves, whatever the order; and a leaf only disappears for a revision that descends from it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Iterable

from ..canonical import MAX_REVS, make_rev, rev_generation, rev_hash

Raw = dict[str, Any]


class Outcome(StrEnum):
    """What importing one revision did (the preview's columns)."""

    NEW = "new"              # the record was unknown here
    UPDATED = "updated"      # it descends from the current revision and replaces it
    UNCHANGED = "unchanged"  # this exact revision is already a leaf here
    STALE = "stale"          # an ancestor of a leaf here: nothing to do
    CONFLICT = "conflict"    # a sibling of the current revision: kept as a conflicting leaf


def rank(raw: Raw) -> tuple[bool, int, str]:
    """Deterministic order of leaves: alive beats deleted, then higher generation, then hash."""
    return (not raw["deleted"], rev_generation(raw["rev"]), rev_hash(raw["rev"]))


def winner(leaves: Iterable[Raw]) -> Raw:
    """The current revision among leaves."""
    return max(leaves, key=rank)


def sort_leaves(leaves: list[Raw]) -> list[Raw]:
    """Leaves with the current revision first, the conflicts after it (best first)."""
    return sorted(leaves, key=rank, reverse=True)


def merge_one(leaves: list[Raw], incoming: Raw) -> tuple[Outcome, list[Raw]]:
    """Import one revision into a record's leaves; returns the outcome and the new leaves (sorted)."""
    if not leaves:
        return Outcome.NEW, [incoming]
    h = rev_hash(incoming["rev"])
    for leaf in leaves:
        if h in leaf["revs"]:
            return (Outcome.UNCHANGED if leaf["rev"] == incoming["rev"] else Outcome.STALE), leaves
    ancestry = set(incoming["revs"])
    current = leaves[0]
    kept = [leaf for leaf in leaves if rev_hash(leaf["rev"]) not in ancestry]
    new_leaves = sort_leaves([*kept, incoming])
    if rev_hash(current["rev"]) in ancestry:
        return Outcome.UPDATED, new_leaves
    return Outcome.CONFLICT, new_leaves


def resolution_revs(base: Raw, leaves: list[Raw], new_hash: str) -> list[str]:
    """``revs`` of a revision that resolves ``leaves`` on top of ``base`` (one of them).

    The new hash, then the base (the parent), then every other leaf and the ancestors of all of
    them, so that importing the resolution anywhere drops every merged leaf, and a stray old
    revision of any of them arriving later is recognised as stale. At most ``MAX_REVS``.
    """
    out = [new_hash, *base["revs"][:1]]
    seen = set(out)
    others = [leaf for leaf in leaves if leaf is not base]
    for source in ([leaf["revs"][0] for leaf in others], base["revs"][1:], *[leaf["revs"][1:] for leaf in others]):
        for h in source:
            if h not in seen:
                seen.add(h)
                out.append(h)
    return out[:MAX_REVS]


def resolution_rev(base: Raw, deleted: bool, data: dict[str, Any]) -> str:
    """The rev of a resolution on top of ``base`` (an ordinary child of it)."""
    return make_rev(base["rev"], deleted, data)
