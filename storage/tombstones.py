"""Tombstones keep no body (issue 10): a delete drops the record's data.

A tombstone is ``{kind, id, rev, revs, deleted: true, updated_*, origin, seq, data: null}`` with
``rev = make_rev(parent, True, None)``. Tombstones written before this (schema 1, bundles of older
versions) still carry the data they deleted. Each such tombstone is replaced by its *derived child*
without data (``sync.merge.derived_revision``): its rev is a hash of the old tombstone's rev and
the content only, so every device that drops the same old body computes the same revision and
the copies merge as one, without a conflict. The envelope is the deriving device's own (origin,
the next edit numbers, so a consultant's next export carries it to HQ).

This module is pure: the migration (``migrations.py``), the import (``sync/exchange.py``) and the
tests call it on raw dicts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable, Iterable

from .leafset import CONFLICT_TABLE, HISTORY_TABLE
from .sync.merge import derived_revision

Raw = dict[str, Any]


def has_body(raw: Raw) -> bool:
    """True for a tombstone that still carries the data it deleted (made by an older version)."""
    return bool(raw.get("deleted")) and raw.get("data") is not None


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def without_body(raw: Raw, *, device_id: str, by: str, seq: int, now: datetime) -> Raw:
    """The derived child of an old tombstone: the same record, deleted, ``data`` null."""
    return derived_revision(raw, None, deleted=True, updated_at=iso(now), updated_by=by, origin=device_id,
                            seq=seq)


def drop_tombstone_bodies(records: list[Raw], *, device_id: str, by: str, next_seq: int, now: datetime,
                          superseded: Callable[[Raw], bool] | None = None) -> list[Raw]:
    """``records`` (a bundle's) with every tombstone that carries data replaced by its derived child.

    The children get this device's ``device_id``, ``by`` as author, and the edit numbers
    ``next_seq``, ``next_seq + 1``, … in the order of ``records``. A tombstone is kept as it is
    when it is not a leaf: another record of the list descends from it, or ``superseded(raw)``
    says a revision here already does (importing it then changes nothing, and its body is never
    stored); giving it a child would make that child a conflicting leaf. Returns a new list; the
    records themselves are not changed. Without such tombstones, ``records`` itself comes back.
    """
    old = [i for i, raw in enumerate(records) if has_body(raw)]
    if not old:
        return records
    # hashes that some record names as an ancestor (revs[0] is its own)
    ancestors = {(raw["kind"], raw["id"], h) for raw in records for h in raw["revs"][1:]}
    out = list(records)
    seq = next_seq
    for i in old:
        raw = records[i]
        if (raw["kind"], raw["id"], raw["revs"][0]) in ancestors:
            continue  # the descendant in the same list replaces it
        if superseded is not None and superseded(raw):
            continue
        out[i] = without_body(raw, device_id=device_id, by=by, seq=seq, now=now)
        seq += 1
    return out


def drop_incoming_bodies(store: Any, records: list[Raw], now: datetime | None = None) -> list[Raw]:
    """``drop_tombstone_bodies`` for a bundle about to be merged into an open ``Store``.

    A tombstone whose hash some leaf here already lists is stale (the merge ignores it) and is
    left alone. The children's edit numbers follow the store's counter; ``Store.set_leaves``
    advances the counter past them when they are stored.
    """
    from .records import utc_now

    if not any(has_body(raw) for raw in records):
        return records

    def superseded(raw: Raw) -> bool:
        h = raw["revs"][0]
        return any(h in leaf["revs"] for leaf in store.leaves(raw["kind"], raw["id"]))

    local = store.local
    return drop_tombstone_bodies(records, device_id=local.device_id, by=local.consultant_id or local.device_id,
                                 next_seq=local.seq + 1, now=now or utc_now(), superseded=superseded)


def migrate_tables(tables: dict[str, dict[str, Any]], record_tables: Iterable[str], now: datetime) -> int:
    """Schema 1 → 2 on raw tables: every stored tombstone that carries data (in the records tables
    and the conflict table) is replaced by its derived child, and the archived revisions of every
    record whose current revision is deleted leave the history table. Returns how many tombstones
    lost their body. The device's edit counter (``_local``) moves past the children's numbers."""
    local = tables.get("_local", {}).get("1") or {}
    device_id = local.get("device_id") or "0"
    by = local.get("consultant_id") or device_id
    seq = int(local.get("seq", 0))
    changed = 0
    gone: set[tuple[str, str]] = set()
    for table in [*record_tables, CONFLICT_TABLE]:
        docs = tables.get(table)
        if not isinstance(docs, dict):
            continue
        for doc_id in sorted(docs, key=_doc_order):
            raw = docs[doc_id]
            if not isinstance(raw, dict):
                continue
            if has_body(raw):
                seq += 1
                docs[doc_id] = without_body(raw, device_id=device_id, by=by, seq=seq, now=now)
                changed += 1
            if table != CONFLICT_TABLE and raw.get("deleted"):
                gone.add((raw.get("kind"), raw.get("id")))
    history = tables.get(HISTORY_TABLE)
    if isinstance(history, dict) and gone:
        for doc_id in [d for d, raw in history.items()
                       if isinstance(raw, dict) and (raw.get("kind"), raw.get("id")) in gone]:
            del history[doc_id]
    if changed and local:
        local["seq"] = seq
    return changed


def _doc_order(doc_id: str) -> tuple[int, str]:
    return (int(doc_id), "") if str(doc_id).isdigit() else (0, str(doc_id))


__all__ = ["drop_incoming_bodies", "drop_tombstone_bodies", "has_body", "migrate_tables", "without_body"]
