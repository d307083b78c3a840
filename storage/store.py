"""The offline store: one TinyDB file, one process, every edit a new revision.

``Store`` owns the lock, the durable storage, the device-local state and an in-memory map of every
record's raw dict (TinyDB's query engine is far too slow for 20,000 visits on every keystroke).
Domain questions are answered by the repositories in ``repositories.py``; screens never see TinyDB.
"""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import orjson
from pydantic import BaseModel
from tinydb import TinyDB

from . import backups as backup_reasons
from .backups import Backup, BackupManager
from .canonical import MAX_REVS, make_rev, rev_hash
from .drafts import DraftStore
from .durable import (DurableJSONStorage, RawDocument, atomic_write_bytes, dump_tables, parse_store_bytes,
                      private_folder, remove_temp_files)
from .errors import (ReadOnlyStoreError, RecordNotFoundError, SchemaTooNewError, StaleEditError, StoreError,
                     file_error)
from .finder import Finder, build_finder
from .keys import DeviceKeys, ensure_key_file, load_keys
from .lock import StoreLock
from .messages import DAILY_BACKUP_FAILED
from .migrations import SCHEMA_VERSION, migrate, schema_version, set_schema_version
from .leafset import CONFLICT_TABLE, HISTORY_KINDS, HISTORY_TABLE, LeafSetMixin
from .records import DATA_TYPES, Kind, Record, data_to_raw, parse_record, plain_kind, utc_now
from .reference import reference_ids, reference_records
from .snapshot import SnapshotStorage, read_store_file
from .summaries import SUMMARIZERS

LOCAL_TABLE = "_local"
LOCAL_DOC = 1
SYNCED_KINDS: tuple[str, ...] = tuple(k.value for k in Kind)
# Kinds with few records stay parsed in memory; the others (visits) stay JSON bytes until needed.
PARSED_KINDS = frozenset({Kind.COMMUNE.value, Kind.PROBLEM_FIELD.value, Kind.CONSULTANT.value,
                          Kind.STRATEGY.value})
ROLES = ("consultant", "hq")



@dataclass
class LocalState:
    """Device-local, never synced: who works here and this device's edit counter."""

    device_id: str
    consultant_id: str | None = None
    role: str = "consultant"
    seq: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_raw(self) -> dict[str, Any]:
        return {"device_id": self.device_id, "consultant_id": self.consultant_id,
                "role": self.role, "seq": self.seq, **self.extra}

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> "LocalState":
        known = {"device_id", "consultant_id", "role", "seq"}
        return cls(raw["device_id"], raw.get("consultant_id"), raw.get("role", "consultant"),
                   int(raw.get("seq", 0)), {k: v for k, v in raw.items() if k not in known})


class Store(LeafSetMixin):
    """An open store. Use ``Store.open(path)``; not thread-safe: call it from one thread."""

    def __init__(self, path: Path, db: TinyDB, lock: StoreLock | None) -> None:
        self.path = path
        self.db = db
        self.storage: DurableJSONStorage = db.storage  # type: ignore[assignment]
        self._lock = lock
        # a snapshot (``Store.snapshot``): no lock, and every write raises ReadOnlyStoreError
        self.read_only = lock is None
        self.backups = BackupManager(path)
        self.drafts = DraftStore(path.with_name(path.name + ".drafts"))
        self._doc_ids: dict[str, dict[str, int]] = {}
        self._parsed: dict[str, dict[str, dict[str, Any]]] = {}
        # kind -> id -> summary of every live record of the kinds in SUMMARIZERS
        self.summaries: dict[str, dict[str, Any]] = {}
        # (kind, id) -> rev -> doc id of every conflicting (non-current) leaf
        self._conflicts: dict[tuple[str, str], dict[str, int]] = {}
        # table -> highest TinyDB document id handed out (filled on first use)
        self._last_doc_id: dict[str, int] = {}
        # (kind, id) -> rev -> doc id of archived earlier revisions (HISTORY_KINDS only)
        self._history: dict[tuple[str, str], dict[str, int]] = {}
        # records deleted in the transaction under way: their drafts go once it is on disk
        self._deleted_in_transaction: set[tuple[str, str]] = set()
        # (kind, id, rev) -> (origin, seq) of every leaf, for exports and the pending count
        self.leaf_meta: dict[tuple[str, str, str], tuple[str, int]] = {}
        # bumped on every change, so views can cache what they derive from the summaries
        self.version = 0
        # the search index, once ``finder()`` has built it; told of every new current revision
        self._finder: Finder | None = None
        self.local = LocalState(device_id="")
        self.migrated_from: list[int] = []
        # German text if the daily backup failed on open (the store opened anyway); None otherwise
        self.backup_warning: str | None = None
        self.closed = False
        self._keys: DeviceKeys | None = None

    # -- lifecycle ------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, now: datetime | None = None) -> "Store":
        """Open (or create) the store at ``path``: lock, migrate, seed reference data, daily backup."""
        path = Path(path).expanduser().absolute()
        private_folder(path.parent)
        lock = StoreLock(path)
        lock.acquire()
        try:
            remove_temp_files(path)  # we hold the lock, so any temp file is a crash leftover
            db = TinyDB(path, storage=DurableJSONStorage, lazy=True)
            store = cls(path, db, lock)
            try:
                store._prepare(now or datetime.now())
                # the device's keys: made at the first open, and for a store from before keys existed
                store._keys = ensure_key_file(path, store.local.device_id, utc_now())
            except BaseException:
                db.close()
                raise
        except BaseException:
            lock.release()
            raise
        return store

    @classmethod
    def snapshot(cls, path: Path | str) -> "Store":
        """A read-only store: the file at ``path`` as it is now, read at once (see ``snapshot.py``).

        For readers that may run while another process has the store open: no lock, no backup,
        no temp-file cleanup, no seeding, nothing created; every write raises
        ``ReadOnlyStoreError``. A missing or empty file raises ``StoreNotFoundError``. An older
        schema is upgraded in memory only.
        """
        path = Path(path).expanduser().absolute()
        payload = read_store_file(path)
        store = cls(path, TinyDB(path, payload, storage=SnapshotStorage), None)
        version = store._load_checked(lambda: store.storage.payload)
        if 0 < version < SCHEMA_VERSION:
            full = parse_store_bytes(path, payload)
            assert full is not None
            store.migrated_from = migrate(full)
            store.storage.replace_payload(dump_tables(full))  # type: ignore[attr-defined]
            store._load()
        return store

    def close(self) -> None:
        """Close the file and release the lock."""
        if self.closed:
            return
        self.closed = True
        try:
            self.db.close()
        finally:
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _load_checked(self, file_bytes: Callable[[], bytes]) -> int:
        """Load the store and return its schema version; ``SchemaTooNewError`` for a newer one."""
        try:
            self._load()
        except StoreError:
            raise
        except Exception:
            # records of a newer schema may not fit this version: say that instead of crashing
            version = schema_version(parse_store_bytes(self.path, file_bytes()))
            if version > SCHEMA_VERSION:
                raise SchemaTooNewError(self.path, version, SCHEMA_VERSION) from None
            raise
        version = schema_version(self.storage.read())
        if version > SCHEMA_VERSION:
            raise SchemaTooNewError(self.path, version, SCHEMA_VERSION)
        return version

    def _prepare(self, now: datetime) -> None:
        version = self._load_checked(self.path.read_bytes)
        # only after the file proved readable: a copy of a damaged file would push good backups out
        self._daily_backup(now)
        if 0 < version < SCHEMA_VERSION:
            self.backups.create(backup_reasons.BEFORE_MIGRATION, now)
            full = parse_store_bytes(self.path, self.path.read_bytes())  # migrations see plain dicts
            assert full is not None
            self.migrated_from = migrate(full)
            self.storage.write(full)
            self._load()
        self._seed()
        self.drop_drafts_of_deleted()  # e.g. a record the migration or a crash left deleted

    def _daily_backup(self, now: datetime) -> None:
        """The first open of a day backs the file up; a failure (a full disk) is a warning, never a
        reason not to open: it is kept in ``backup_warning`` for the app and the CLI to show."""
        try:
            if not self.backups.has_backup_on(now):
                self.backups.create(backup_reasons.DAILY, now)
        except (StoreError, OSError) as exc:
            reason = exc.message if isinstance(exc, StoreError) else file_error(exc).message
            self.backup_warning = DAILY_BACKUP_FAILED.format(reason=reason)

    def _load(self) -> None:
        """(Re)build the in-memory maps from the file, parsing every document exactly once."""
        self._finder = None  # built again from what is loaded, on the next ``finder()``
        self._doc_ids = {kind: {} for kind in SYNCED_KINDS}
        self._parsed = {kind: {} for kind in PARSED_KINDS}
        self.summaries = {kind: {} for kind in SUMMARIZERS}
        self._conflicts = {}
        self._history = {}
        self._last_doc_id = {}
        self.leaf_meta = {}
        self.storage.discard_cache()
        self.db._tables.clear()  # TinyDB caches table objects with their next doc id
        self.storage.on_document = self._on_load
        try:
            tables = self.storage.read() or {}
        finally:
            self.storage.on_document = None
        local_raw = tables.get(LOCAL_TABLE, {}).get(str(LOCAL_DOC))
        self.local = LocalState.from_raw(local_raw) if local_raw else LocalState(device_id="")
        self.version += 1

    def _on_load(self, table: str, doc_id: str, raw: dict[str, Any]) -> None:
        if table in self._doc_ids:
            self._doc_ids[table][raw["id"]] = int(doc_id)
            self._remember(raw)
        elif table == HISTORY_TABLE:
            self._history.setdefault((raw["kind"], raw["id"]), {})[raw["rev"]] = int(doc_id)
        elif table == CONFLICT_TABLE:
            self._conflicts.setdefault((raw["kind"], raw["id"]), {})[raw["rev"]] = int(doc_id)
            self.leaf_meta[(raw["kind"], raw["id"], raw["rev"])] = (raw["origin"], raw["seq"])

    def _remember(self, raw: dict[str, Any], previous_rev: str | None = None) -> None:
        kind = raw["kind"]
        if previous_rev is not None:
            self.leaf_meta.pop((kind, raw["id"], previous_rev), None)
        self.leaf_meta[(kind, raw["id"], raw["rev"])] = (raw["origin"], raw["seq"])
        if kind in self._parsed:
            self._parsed[kind][raw["id"]] = raw
        summarize = SUMMARIZERS.get(kind)
        if summarize is not None:
            if raw["deleted"]:
                self.summaries[kind].pop(raw["id"], None)
            else:
                self.summaries[kind][raw["id"]] = summarize(raw)
        if self._finder is not None:
            # every new current revision passes here (save, delete, import, resolution), so the
            # index cannot disagree with the store; conflict marks read ``_conflicts`` itself
            self._finder.note(raw)

    def _seed(self) -> None:
        """Give a new store its schema version, device id and reference rows; write only if needed."""
        tables = self.storage.read() or {}
        if (self.local.device_id and schema_version(tables) == SCHEMA_VERSION
                and all(rid in self._doc_ids[kind] for kind, rid in reference_ids())):
            return  # every open after the first: nothing to add, and no record built to find that out
        missing = [r for r in reference_records() if r["id"] not in self._doc_ids[r["kind"]]]
        if not missing and self.local.device_id and schema_version(tables) == SCHEMA_VERSION:
            return
        with self.transaction():
            if schema_version(tables) != SCHEMA_VERSION:
                tables = self.storage.read() or {}
                set_schema_version(tables, SCHEMA_VERSION)
                self.storage.write(tables)
            if not self.local.device_id:
                self.local.device_id = uuid.uuid4().hex
                self._save_local()
            self.insert_raw_many(missing)

    @property
    def keys(self) -> DeviceKeys:
        """This device's keys (``storage.keys``); locked while a passphrase protects them."""
        if self._keys is None:
            self._keys = load_keys(self.path)
        return self._keys

    # -- transactions ---------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes in the block reach the disk as one atomic file replace, or not at all."""
        if self.read_only:
            raise ReadOnlyStoreError(self.path)
        try:
            with self.storage.batch():
                yield
        except BaseException:
            if self.storage._batch_depth == 0:
                self._deleted_in_transaction.clear()  # nothing was deleted after all
                self._load()  # memory may be ahead of the file: the file is the truth
            raise
        if self.storage._batch_depth == 0 and self._deleted_in_transaction:
            self._drop_drafts(self._deleted_in_transaction)

    # -- reading --------------------------------------------------------------------------------
    def raw(self, kind: str, record_id: str) -> dict[str, Any] | None:
        """The stored raw dict of a record (including tombstones); do not mutate it."""
        if kind in self._parsed:
            return self._parsed[kind].get(record_id)
        doc_id = self._doc_ids[kind].get(record_id)
        if doc_id is None:
            return None
        doc = (self.storage.read() or {})[kind][str(doc_id)]
        return orjson.loads(doc) if isinstance(doc, RawDocument) else doc

    def raws(self, kind: str) -> Iterator[dict[str, Any]]:
        """Every stored raw dict of ``kind`` (including tombstones); do not mutate them."""
        if kind in self._parsed:
            yield from list(self._parsed[kind].values())
            return
        docs = (self.storage.read() or {}).get(kind, {})
        for doc in list(docs.values()):
            yield orjson.loads(doc) if isinstance(doc, RawDocument) else doc

    @property
    def finder_built(self) -> bool:
        """Whether ``finder()`` has its index (its first call builds it: a second on a big store)."""
        return self._finder is not None

    def finder(self) -> Finder:
        """The search over everything (``storage/finder.py``), kept up to date by every write.

        The first call builds the index (about a second at 20,000 visits: the app calls it on
        the store thread after the first frame); afterwards each save, delete, import and
        conflict resolution tells it which record changed, and the next query re-indexes just
        those. A restore or any reload of the file drops it (the next call builds it again), so
        call ``store.finder().search(text, limit)`` on the store thread for every keystroke
        rather than keeping the finder.
        """
        if self._finder is None:
            finder = build_finder(self)
            finder.follow(self.raw, self._conflicts)  # the live map: conflict marks stay current
            self._finder = finder
        return self._finder

    def ids(self, kind: str) -> list[str]:
        """Ids of every stored record of ``kind`` (including tombstones)."""
        return list(self._doc_ids[kind])

    def get(self, kind: str, record_id: str) -> Record:
        """The typed current revision; ``RecordNotFoundError`` if missing or deleted."""
        raw = self.raw(kind, record_id)
        if raw is None or raw["deleted"]:
            raise RecordNotFoundError(f"Datensatz {kind}/{record_id} nicht gefunden.")
        return parse_record(raw)

    def count(self, kind: str) -> int:
        """Number of live (not deleted) records of ``kind``."""
        if kind in self.summaries:
            return len(self.summaries[kind])
        return sum(1 for raw in self.raws(kind) if not raw["deleted"])

    # -- writing --------------------------------------------------------------------------------
    def put(self, kind: str, record_id: str, data: BaseModel | dict[str, Any] | None, *,
            deleted: bool = False, base_rev: str | None | object = ...) -> Record:
        """Store ``data`` as a new revision of (kind, id) made on this device (``deleted``: a
        tombstone, whose data is None whatever ``data`` says).

        ``base_rev`` is the revision the edit started from (None for a new record); if the record
        has moved on since, ``StaleEditError`` is raised and nothing is written. An edit that
        changes nothing writes nothing and returns the current revision.
        """
        kind = plain_kind(kind)
        raw_data: dict[str, Any] | None = None  # a tombstone keeps no body (issue 10)
        if not deleted:
            model = data if isinstance(data, BaseModel) else DATA_TYPES[kind].model_validate(data)
            raw_data = data_to_raw(model)
        current = self.raw(kind, record_id)
        current_rev = current["rev"] if current else None
        if base_rev is not ... and base_rev != current_rev:
            raise StaleEditError(
                "Der Datensatz wurde inzwischen an anderer Stelle geändert. "
                "Bitte die Ansicht neu öffnen und die Änderung erneut eingeben."
            )
        if current and current["data"] == raw_data and current["deleted"] == deleted:
            return parse_record(current)
        rev = make_rev(current_rev, deleted, raw_data)
        revs = [rev_hash(rev)] + (current["revs"][: MAX_REVS - 1] if current else [])
        raw = self._new_revision(kind, record_id, rev, revs, deleted, raw_data)
        record = parse_record(raw)  # validates the envelope before anything is written
        with self.transaction():
            self.local.seq = raw["seq"]
            self._save_local()
            if (kind, record_id) in self._conflicts:
                # the conflicting leaves stay; a delete may even let one of them win
                self.set_leaves({(kind, record_id): [raw, *self.leaves(kind, record_id)[1:]]})
            else:
                self._write_raw(raw)
        return record

    def _new_revision(self, kind: str, record_id: str, rev: str, revs: list[str], deleted: bool,
                      data: dict[str, Any] | None) -> dict[str, Any]:
        """The raw record of a revision made on this device now (with the next edit number)."""
        return {
            "kind": kind, "id": record_id, "rev": rev, "revs": revs, "deleted": deleted,
            "updated_at": utc_now().isoformat().replace("+00:00", "Z"),
            "updated_by": self.local.consultant_id or self.local.device_id,
            "origin": self.local.device_id, "seq": self.local.seq + 1, "data": data,
        }

    def delete(self, kind: str, record_id: str, base_rev: str | None | object = ...) -> Record:
        """Write a tombstone revision: kind, id, rev, revs and the time, ``data`` None (its rev is
        ``make_rev(parent, True, None)``). The record's archived revisions, drafts and search
        entries go with it (``LeafSetMixin._drop_bodies``)."""
        kind = plain_kind(kind)
        current = self.raw(kind, record_id)
        if current is None or current["deleted"]:
            raise RecordNotFoundError(f"Datensatz {kind}/{record_id} nicht gefunden.")
        return self.put(kind, record_id, None, deleted=True, base_rev=base_rev)

    def insert_raw_many(self, raws: list[dict[str, Any]]) -> None:
        """Insert records that are not in the store yet, exactly as given (reference data)."""
        for raw in raws:
            if raw["id"] in self._doc_ids[plain_kind(raw["kind"])]:
                raise StoreError(f"Datensatz {raw['kind']}/{raw['id']} existiert bereits.")
        self.replace_raw_many(raws)

    def replace_raw_many(self, raws: list[dict[str, Any]]) -> None:
        """Make each given revision the stored one, exactly as given, in one durable write.

        For revisions that were made elsewhere (reference data, demo data, imports): nothing is
        recomputed, so the caller must have validated them.
        """
        by_kind: dict[str, dict[str, dict[str, Any]]] = {}
        for raw in raws:
            raw["kind"] = plain_kind(raw["kind"])
            items = by_kind.setdefault(raw["kind"], {})
            if raw["id"] in items:
                raise StoreError(f"Datensatz {raw['kind']}/{raw['id']} ist doppelt angegeben.")
            items[raw["id"]] = raw
        with self.transaction():
            for kind, items in by_kind.items():
                known = self._doc_ids[kind]
                replaced = [rid for rid in items if rid in known]
                previous = {rid: (self.raw(kind, rid) or {}).get("rev") for rid in replaced}
                if kind in HISTORY_KINDS:
                    self._archive([r for rid in replaced if (r := self.raw(kind, rid)) is not None])
                put = {}
                for rid, raw in items.items():
                    doc_id = known.get(rid)
                    if doc_id is None:
                        doc_id = known[rid] = self._new_doc_id(kind)
                    put[doc_id] = raw
                self._write_docs(kind, put)
                for rid, raw in items.items():
                    self._remember(raw, previous.get(rid))
                self._drop_bodies([(kind, rid) for rid, raw in items.items() if raw["deleted"]])
            self.version += 1

    def _write_raw(self, raw: dict[str, Any]) -> None:
        kind, record_id = raw["kind"], raw["id"]
        doc_id = self._doc_ids[kind].get(record_id)
        previous = None
        if doc_id is None:
            doc_id = self._doc_ids[kind][record_id] = self._new_doc_id(kind)
        else:
            old = self.raw(kind, record_id) or {}
            previous = old.get("rev")
            if kind in HISTORY_KINDS and old:
                self._archive([old])
        self._write_docs(kind, {doc_id: raw})
        self._remember(raw, previous)
        if raw["deleted"]:
            self._drop_bodies([(kind, record_id)])
        self.version += 1

    def _new_doc_id(self, table: str) -> int:
        """The next free TinyDB document id of ``table``."""
        last = self._last_doc_id.get(table)
        if last is None:
            last = max(map(int, (self.storage.read() or {}).get(table, {})), default=0)
        self._last_doc_id[table] = last + 1
        return last + 1

    def _write_docs(self, table: str, put: dict[int, dict[str, Any]], drop: Iterable[int] = ()) -> None:
        """Put and remove documents by id in one pass over the table.

        TinyDB's insert/remove/update each rebuild the whole table's id map (about 4 ms at 20,000
        visits) and cannot replace a document that is still raw JSON bytes; one ``_update_table``
        with a plain updater does all of it at once.
        """
        def updater(docs: dict[int, Any]) -> None:
            for doc_id in drop:
                docs.pop(doc_id, None)
            docs.update(put)

        handle = self.db.table(table)
        handle._update_table(updater)
        handle._next_id = None  # TinyDB recounts if it is ever asked to insert itself

    # -- device ---------------------------------------------------------------------------------
    def _save_local(self) -> None:
        self._write_docs(LOCAL_TABLE, {LOCAL_DOC: self.local.to_raw()})

    def update_local(self, **values: Any) -> None:
        """Change device-local settings (role, acks, ledger …) in one durable write."""
        with self.transaction():
            for key, value in values.items():
                if key in ("device_id", "consultant_id", "role", "seq"):
                    setattr(self.local, key, value)
                else:
                    self.local.extra[key] = value
            self._save_local()

    @property
    def needs_setup(self) -> bool:
        """True until a consultant has been named on this device."""
        return not self.local.consultant_id

    def setup_device(self, name: str, initials: str, email: str = "", role: str = "consultant") -> Record:
        """First start: create this consultant's record and make it the device's author."""
        from .records import ConsultantData

        if role not in ROLES:
            raise StoreError(f"Unbekannte Rolle {role!r}.")
        data = ConsultantData(name=name.strip(), initials=initials.strip(), email=email.strip())
        consultant_id = uuid.uuid4().hex
        with self.transaction():
            self.local.consultant_id = consultant_id
            self.local.role = role
            record = self.put(Kind.CONSULTANT, consultant_id, data, base_rev=None)
        return record

    # -- backups --------------------------------------------------------------------------------
    @staticmethod
    def restore_closed(path: Path | str, name: str) -> Backup:
        """Restore a backup of a store that cannot be opened (e.g. a damaged file), under its lock."""
        path = Path(path).expanduser().absolute()
        with StoreLock(path):
            manager = BackupManager(path)
            backup = manager.find(name)
            manager.restore_file(backup)
        return backup

    def backup(self, reason: str = backup_reasons.MANUAL) -> Backup | None:
        """Back up the store file as it is on disk now."""
        if self.read_only:
            raise ReadOnlyStoreError(self.path)
        return self.backups.create(reason)

    def restore_backup(self, name: str) -> Backup:
        """Replace the store's content with the backup ``name`` (after backing up the current state).

        The edit counter never goes back: revisions made after the backup may already have been
        exported, and reusing their sequence numbers would hide new edits from the next export.
        """
        if self.read_only:
            raise ReadOnlyStoreError(self.path)
        backup = self.backups.find(name)
        tables = parse_store_bytes(backup.path, backup.path.read_bytes())
        if tables is None:
            raise StoreError(f"Die Sicherung {backup.name} ist leer.")
        version = schema_version(tables)
        if version > SCHEMA_VERSION:
            raise SchemaTooNewError(backup.path, version, SCHEMA_VERSION)
        seq = self.local.seq
        orders = list(self.raws("erasure"))  # erasure orders outlive a restore (issue 10, erasure.py)
        self.backups.create(backup_reasons.BEFORE_RESTORE)
        atomic_write_bytes(self.path, backup.path.read_bytes())
        self._load()
        if 0 < version < SCHEMA_VERSION:
            migrate(tables)
            self.storage.write(tables)
            self._load()
        self._seed()
        if self.local.seq < seq:
            self.update_local(seq=seq)
        if orders:  # what the backup held of an erased person is erased again at once
            from .erasure import keep_orders

            keep_orders(self, orders)
        return backup
