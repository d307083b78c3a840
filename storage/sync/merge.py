"""The leaf-set merge model (CouchDB's, applied to files); pure functions over raw records.

Per (kind, id) a replica keeps its *leaves*: the current revision plus conflicting ones. Importing
revision I:
- ignore I if its hash is in some leaf's ``revs`` (I is that leaf, or one of its ancestors), but keep
  what I's ``revs`` add (see ``merge_one``);
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
    """What importing one revision did (the preview's columns, in their order)."""

    NEW = "new"              # the record was unknown here
    UPDATED = "updated"      # it descends from the current revision and replaces it
    DELETED = "deleted"      # a tombstone that deletes a record live here, or one new here (``preview_outcome``)
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


def _with_revs(raw: Raw, hashes: Iterable[str]) -> Raw:
    """``raw`` with the ``hashes`` it does not list yet appended to its ``revs`` (at most MAX_REVS)."""
    known = set(raw["revs"])
    extra = [h for h in dict.fromkeys(hashes) if h not in known]
    if not extra or len(raw["revs"]) >= MAX_REVS:
        return raw
    return {**raw, "revs": [*raw["revs"], *extra][:MAX_REVS]}


def merge_one(leaves: list[Raw], incoming: Raw) -> tuple[Outcome, list[Raw]]:
    """Import one revision into a record's leaves; returns the outcome and the new leaves (sorted).

    The same rev can come with more ``revs`` than the copy here: the same resolution ("keep the
    current version") made on two devices over different sets of leaves. What a revision says it
    replaces is never forgotten: it is added to the ``revs`` of the leaves that descend from it, and
    the leaves it names are dropped, so the result does not depend on the order of imports.
    """
    if not leaves:
        return Outcome.NEW, [incoming]
    h = rev_hash(incoming["rev"])
    ancestry = set(incoming["revs"])
    holders = [h in leaf["revs"] for leaf in leaves]  # the leaf is incoming or descends from it
    dropped = [not held and rev_hash(leaf["rev"]) in ancestry for leaf, held in zip(leaves, holders)]
    replaced = [x for leaf, drop in zip(leaves, dropped) if drop for x in leaf["revs"]]
    if any(holders):
        knowledge = [*incoming["revs"], *replaced]
        new_leaves = [_with_revs(leaf, knowledge) if held else leaf
                      for leaf, held, drop in zip(leaves, holders, dropped) if not drop]
        if any(dropped):
            return Outcome.UPDATED, sort_leaves(new_leaves)
        outcome = Outcome.UNCHANGED if any(leaf["rev"] == incoming["rev"] for leaf in leaves) else Outcome.STALE
        if all(new is old for new, old in zip(new_leaves, leaves)):
            return outcome, leaves
        return outcome, sort_leaves(new_leaves)
    kept = [leaf for leaf, drop in zip(leaves, dropped) if not drop]
    new_leaves = sort_leaves([*kept, _with_revs(incoming, replaced)])
    if dropped[0]:
        return Outcome.UPDATED, new_leaves
    return Outcome.CONFLICT, new_leaves


def preview_outcome(outcome: Outcome, before: list[Raw], after: list[Raw], incoming: Raw) -> Outcome:
    """The preview's column for a merge: ``merge_one``'s outcome, but DELETED where a tombstone
    removes a record from view (it was live here or new here, and its current revision is now
    deleted). A user must see a deletion as one, not among the new or updated records."""
    if (outcome in (Outcome.NEW, Outcome.UPDATED) and incoming["deleted"] and after[0]["deleted"]
            and (not before or not before[0]["deleted"])):
        return Outcome.DELETED
    return outcome


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


def derived_revision(raw: Raw, data: dict[str, Any] | None, *, deleted: bool, updated_at: str,
                     updated_by: str, origin: str, seq: int) -> Raw:
    """A child of ``raw`` that every device computes alike from the same parent and new content.

    Its rev is a hash of the parent and the content only, so devices that derive it on their own
    (a tombstone dropping an old body, an erasure order applied to a revision) agree on it and
    merge it as one revision; the envelope (time, author, origin, seq) is the deriving device's.
    ``raw`` becomes its ancestor, so a copy of ``raw`` arriving later is stale and ignored.
    """
    rev = make_rev(raw["rev"], deleted, data)  # type: ignore[arg-type]
    return {**raw, "rev": rev, "revs": [rev_hash(rev), *raw["revs"]][:MAX_REVS], "deleted": deleted,
            "data": data, "updated_at": updated_at, "updated_by": updated_by, "origin": origin, "seq": seq}
