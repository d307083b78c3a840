"""The leaf sets of records on an open store: conflicting versions, their resolution, and the
history of earlier revisions. A mixin of ``Store`` (see sync/merge.py for the model).

A record whose current revision is a tombstone keeps no body anywhere in the store (issue 10):
tombstones have no data, its archived revisions leave the history table, its drafts are removed
once the delete is on disk, and the search index forgets its text (``_drop_bodies``). Backups
keep what they held until the rotation drops them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

import orjson
from pydantic import BaseModel

from .canonical import rev_generation, rev_hash
from .durable import RawDocument
from .errors import RecordNotFoundError, StaleEditError, StoreError
from .drafts import draft_record
from .records import DATA_TYPES, Kind, Record, data_to_raw, parse_record, plain_kind
from .sync.merge import resolution_rev, resolution_revs, sort_leaves

if TYPE_CHECKING:
    pass

# Leaves of records in conflict other than the current revision (synced data, see sync/merge.py).
CONFLICT_TABLE = "conflict"
# Earlier revisions of the kinds whose history is shown ("who changed what and when").
HISTORY_TABLE = "history"
HISTORY_KINDS = frozenset({Kind.STRATEGY.value})


class LeafSetMixin:
    """Conflicts and history; the state it uses is set up and loaded by ``Store``."""

    # -- leaves and conflicts (see sync/merge.py) --------------------------------------------------
    def leaves(self, kind: str, record_id: str) -> list[dict[str, Any]]:
        """The record's leaves, current revision first; empty if the record is unknown."""
        current = self.raw(kind, record_id)
        if current is None:
            return []
        extra = self._conflicts.get((kind, record_id))
        if not extra:
            return [current]
        docs = (self.storage.read() or {}).get(CONFLICT_TABLE, {})
        others = []
        for doc_id in extra.values():
            doc = docs[str(doc_id)]
            others.append(orjson.loads(doc) if isinstance(doc, RawDocument) else doc)
        return [current, *sort_leaves(others)]

    def _archive(self, raws: list[dict[str, Any]]) -> None:
        """Keep revisions that are being replaced (of HISTORY_KINDS) for the history view."""
        new = [r for r in raws if r["rev"] not in self._history.get((r["kind"], r["id"]), {})]
        if not new:
            return
        put = {self._new_doc_id(HISTORY_TABLE): raw for raw in new}
        self._write_docs(HISTORY_TABLE, put)
        for doc_id, raw in put.items():
            self._history.setdefault((raw["kind"], raw["id"]), {})[raw["rev"]] = doc_id

    def history(self, kind: str, record_id: str) -> list[dict[str, Any]]:
        """Every revision of a record this store has seen (current, conflicting, earlier), newest first.

        Of a deleted record only its leaves: tombstones, without data (its earlier revisions are
        not kept, see ``_drop_bodies``).
        """
        leaves = self.leaves(kind, record_id)
        seen: dict[str, dict[str, Any]] = {leaf["rev"]: leaf for leaf in leaves}
        if leaves and leaves[0]["deleted"]:
            return sorted(seen.values(), key=lambda r: (r["updated_at"], rev_generation(r["rev"])), reverse=True)
        docs = (self.storage.read() or {}).get(HISTORY_TABLE, {})
        for rev, doc_id in self._history.get((kind, record_id), {}).items():
            if rev not in seen:
                doc = docs[str(doc_id)]
                seen[rev] = orjson.loads(doc) if isinstance(doc, RawDocument) else doc
        return sorted(seen.values(), key=lambda r: (r["updated_at"], rev_generation(r["rev"])), reverse=True)

    def conflicted(self) -> set[tuple[str, str]]:
        """(kind, id) of every record that has conflicting leaves."""
        return set(self._conflicts)

    # -- deleted records keep no body ----------------------------------------------------------------
    def _drop_bodies(self, keys: Iterable[tuple[str, str]]) -> None:
        """For each record among ``keys`` whose current revision is now a tombstone: remove its
        archived revisions from the history table (in the transaction under way) and note it, so
        that its drafts are removed once the transaction is on disk. The search index forgets its
        text by itself (``Finder.note`` sees the tombstone). A conflicting leaf of such a record is
        a tombstone too (alive beats deleted), and tombstones have no data."""
        drop: list[int] = []
        for key in keys:
            current = self.raw(*key)
            if current is None or not current["deleted"]:
                continue
            drop += self._history.pop(key, {}).values()
            self._deleted_in_transaction.add(key)
        if drop:
            self._write_docs(HISTORY_TABLE, {}, drop)

    def _drop_drafts(self, keys: set[tuple[str, str]]) -> None:
        """Remove the drafts of records deleted by a transaction that is now on disk. A draft
        that cannot be removed now is removed at the next open (``drop_drafts_of_deleted``)."""
        gone = set(keys)
        keys.clear()
        try:
            self.drafts.drop_records(gone)
        except (OSError, StoreError):
            pass

    def drop_drafts_of_deleted(self) -> int:
        """Remove every draft of a record that is deleted here; returns how many (on open)."""
        wanted = set()
        for draft in self.drafts.list():
            key = draft_record(draft)
            current = self.raw(*key) if key is not None and key[0] in self._doc_ids else None
            if current is not None and current["deleted"]:
                wanted.add(key)
        if not wanted:
            return 0
        try:
            return self.drafts.drop_records(wanted)
        except (OSError, StoreError):
            return 0

    def set_leaves(self, updates: dict[tuple[str, str], list[dict[str, Any]]]) -> None:
        """Make each record's leaves exactly the given revisions (validated by the caller).

        The best leaf becomes the stored current revision, the others are kept as conflicts.
        """
        winners = []
        drop: list[tuple[tuple[str, str], str, int]] = []
        add: list[dict[str, Any]] = []
        for (kind, record_id), leaves in updates.items():
            leaves = sort_leaves(leaves)
            current = self.raw(kind, record_id)
            # the same rev may come back with more revs (see merge_one): then it is written again
            if current is None or current["rev"] != leaves[0]["rev"] or current["revs"] != leaves[0]["revs"]:
                winners.append(leaves[0])
            old = self._conflicts.get((kind, record_id), {})
            wanted = {leaf["rev"]: leaf for leaf in leaves[1:]}
            stored = {leaf["rev"]: leaf["revs"] for leaf in self.leaves(kind, record_id)[1:]} if old else {}
            changed = {rev for rev in old if rev in wanted and wanted[rev]["revs"] != stored.get(rev)}
            drop += [((kind, record_id), rev, doc_id) for rev, doc_id in old.items()
                     if rev not in wanted or rev in changed]
            add += [leaf for rev, leaf in wanted.items() if rev not in old or rev in changed]
        with self.transaction():
            if winners:
                self.replace_raw_many(winners)
            if drop:
                history_keys = {key for key, _, _ in drop if key[0] in HISTORY_KINDS}
                self._archive([leaf for key in history_keys for leaf in self.leaves(*key)[1:]])
                self._write_docs(CONFLICT_TABLE, {}, [doc_id for _, _, doc_id in drop])
                for key, rev, _ in drop:
                    self._conflicts[key].pop(rev, None)
                    if not self._conflicts[key]:
                        del self._conflicts[key]
                    still_leaf = (self.raw(*key) or {}).get("rev") == rev
                    if not still_leaf:
                        self.leaf_meta.pop((*key, rev), None)
            if add:
                put = {self._new_doc_id(CONFLICT_TABLE): leaf for leaf in add}
                self._write_docs(CONFLICT_TABLE, put)
                for doc_id, leaf in put.items():
                    key = (leaf["kind"], leaf["id"])
                    self._conflicts.setdefault(key, {})[leaf["rev"]] = doc_id
                    self.leaf_meta[(*key, leaf["rev"])] = (leaf["origin"], leaf["seq"])
            # every leaf deleted: the record is (alive beats deleted), and keeps no body
            self._drop_bodies([key for key, leaves in updates.items() if all(leaf["deleted"] for leaf in leaves)])
            # a leaf made here by the import itself (an old tombstone's child without data, see
            # tombstones.py) has the next edit numbers: the counter moves past them, so the next
            # export carries them and no later edit reuses their numbers
            me = self.local.device_id
            mine = max((leaf["seq"] for leaves in updates.values() for leaf in leaves if leaf["origin"] == me),
                       default=0)
            if mine > self.local.seq:
                self.local.seq = mine
                self._save_local()
            self.version += 1

    def resolve(self, kind: str, record_id: str, data: BaseModel | dict[str, Any] | None,
                deleted: bool = False, expected: list[str] | None = None) -> Record:
        """Write the revision that resolves every leaf of a record in conflict.

        ``data`` is the merged content (None keeps the current revision's; ignored when
        ``deleted``: the resolution is then a tombstone without data). ``expected`` are the
        revs the user saw; if the leaves changed meanwhile, ``StaleEditError``. The revision's
        ``revs`` lists every merged leaf, so importing it resolves the conflict on every device.
        """
        kind = plain_kind(kind)
        leaves = self.leaves(kind, record_id)
        if not leaves:
            raise RecordNotFoundError(f"Datensatz {kind}/{record_id} nicht gefunden.")
        if expected is not None and sorted(expected) != sorted(leaf["rev"] for leaf in leaves):
            raise StaleEditError("Die Versionen haben sich inzwischen geändert. Bitte den Konflikt neu öffnen.")
        base = leaves[0]
        raw_data: dict[str, Any] | None
        if deleted:
            raw_data = None  # a tombstone keeps no body, whatever was merged
        elif data is None:
            raw_data = base["data"]
            if raw_data is None:  # every leaf is a tombstone: there is no version to keep alive
                raise StoreError(f"Datensatz {kind}/{record_id}: jede Version ist gelöscht; "
                                 "zum Wiederherstellen die Daten angeben.")
        else:
            model = data if isinstance(data, BaseModel) else DATA_TYPES[kind].model_validate(data)
            raw_data = data_to_raw(model)
        rev = resolution_rev(base, deleted, raw_data)
        raw = self._new_revision(kind, record_id, rev, resolution_revs(base, leaves, rev_hash(rev)), deleted,
                                 raw_data)
        record = parse_record(raw)
        with self.transaction():
            self.local.seq = raw["seq"]
            self._save_local()
            self.set_leaves({(kind, record_id): [raw]})
        return record

