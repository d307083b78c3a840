"""Export and import of bundles on an open ``Store``: the laptop → HQ → laptops loop.

Consultant: an incremental export holds every leaf made on this device with ``seq`` above HQ's
last acknowledgement (``base_seq``) up to the current counter (``up_to_seq``), so a lost file costs
nothing: the next export repeats it. HQ: a full bundle of all leaves plus ``acks`` (per device, the
highest ``up_to_seq`` HQ received on top of a ``base_seq`` it had already acknowledged). Importing
an HQ bundle advances this device's acknowledgement, so the next incremental export shrinks.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator

from .. import backups as backup_reasons
from .. import messages as M
from ..canonical import rev_generation
from ..records import Kind, utc_now
from ..rules import new_problem_field, record_problems
from ..keys import KeyError_
from ..store import Store
from ..trust import TrustError, recipients, register_for_bundle, trusted_signer
from .bundle import (
    FORMAT,
    FORMAT_VERSION,
    BundleError,
    BundleHeader,
    encode_bundle,
    new_bundle_id,
    read_bundle,
    write_bundle,
)
from .merge import Outcome, merge_one, preview_outcome
from .sealed import Opened, open_sealed, seal

Progress = Callable[[int, int], None]
KINDS = tuple(k.value for k in Kind)
REFERENCE_ORIGIN = "reference"


@contextmanager
def paused_gc() -> Iterator[None]:
    """No garbage collection while a bundle's tens of thousands of objects are built: the collector's
    full passes would otherwise run several times (~100 ms each) and stall the app's frames."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def app_version() -> str:
    try:
        from importlib.metadata import version

        return version("asskomm")
    except Exception:  # running from a source tree without metadata
        return "0"


# -- status -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DeviceStatus:
    """What HQ knows about one device from the bundles it imported."""

    device_id: str
    consultant_id: str | None
    consultant: str
    last_bundle_at: datetime | None
    received_at: datetime | None
    up_to_seq: int
    ack: int
    file: str

    def days_silent(self, now: datetime) -> int | None:
        if self.last_bundle_at is None:
            return None
        return (now - self.last_bundle_at).days


@dataclass(frozen=True)
class SyncStatus:
    role: str
    pending: int
    ack: int
    seq: int
    last_export: dict[str, Any] | None
    last_hq_import: dict[str, Any] | None
    conflicts: int
    devices: list[DeviceStatus]


def own_ack(store: Store) -> int:
    """Up to which of this device's edits HQ has confirmed receipt."""
    return int(store.local.extra.get("ack", 0))


def pending_leaves(store: Store, base: int | None = None) -> list[tuple[str, str, str]]:
    """(kind, id, rev) of every leaf made on this device above ``base`` (default: HQ's ack)."""
    base = own_ack(store) if base is None else base
    me = store.local.device_id
    return [key for key, (origin, seq) in store.leaf_meta.items() if origin == me and seq > base]


def nothing_to_export(store: Store, full: bool | None = None) -> bool:
    """True if ``export_bundle`` would write an incremental bundle without a record (HQ has it all).

    HQ and a ``full`` export always write: their bundle carries the acknowledgements and the
    whole state, which a device being set up needs even if nothing changed.
    """
    return not (store.local.role == "hq" or full) and not pending_leaves(store)


def sync_status(store: Store, consultant_name: Callable[[str | None], str]) -> SyncStatus:
    """Everything the Sync screen shows."""
    local = store.local.extra
    devices = []
    acks = local.get("acks", {})
    for device_id, info in local.get("devices", {}).items():
        devices.append(DeviceStatus(
            device_id=device_id, consultant_id=info.get("consultant_id"),
            consultant=consultant_name(info.get("consultant_id")),
            last_bundle_at=datetime.fromisoformat(info["last_bundle_at"]) if info.get("last_bundle_at") else None,
            received_at=datetime.fromisoformat(info["received_at"]) if info.get("received_at") else None,
            up_to_seq=int(info.get("up_to_seq", 0)), ack=int(acks.get(device_id, 0)), file=info.get("file", ""),
        ))
    devices.sort(key=lambda d: d.last_bundle_at or datetime.min.replace(tzinfo=utc_now().tzinfo))
    return SyncStatus(
        role=store.local.role, pending=len(pending_leaves(store)), ack=own_ack(store), seq=store.local.seq,
        last_export=local.get("last_export"), last_hq_import=local.get("last_hq_import"),
        conflicts=len(store.conflicted()), devices=devices,
    )


# -- export -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportResult:
    path: Path
    scope: str
    records: int
    base_seq: int
    up_to_seq: int
    bundle_id: str


BUNDLE_SUFFIX = ".asskomm"


def bundle_file_name(initials: str, when: datetime, bundle_id: str) -> str:
    """``asskomm-AR-20261126-1a2b3c4d.asskomm`` (initials, date, a short id; sealed, see sealed.py)."""
    safe = re.sub(r"[^A-Za-z0-9]", "", initials) or "X"
    return f"asskomm-{safe}-{when:%Y%m%d}-{bundle_id[:8]}{BUNDLE_SUFFIX}"


def export_bundle(store: Store, out: Path, *, full: bool | None = None, compress: bool = False,
                  initials: str = "", progress: Progress | None = None,
                  now: datetime | None = None) -> ExportResult:
    """Write a sealed bundle to ``out`` (a folder, or a file path) and remember it as the last export.

    HQ always exports everything with its acknowledgements and its register of devices; a
    consultant exports what HQ has not confirmed yet, or everything with ``full=True``. The file
    is sealed to HQ and this device (HQ's: to every accepted device) and signed; without HQ's key
    (a laptop) ``TrustError`` says how to get it, and nothing is written.
    """
    readers = recipients(store)
    store.keys.require_unlocked()
    role = store.local.role
    full = role == "hq" or bool(full)
    now = now or utc_now()
    me = store.local.device_id
    if full:
        keys = [key for key, (origin, _) in store.leaf_meta.items() if origin != REFERENCE_ORIGIN]
        base = 0
    else:
        base = own_ack(store)
        keys = pending_leaves(store, base)
    keys.sort(key=lambda k: (KINDS.index(k[0]) if k[0] in KINDS else 99, k[1], k[2]))
    bundle_id = new_bundle_id()
    header = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "bundle_id": bundle_id, "created_at": _iso(now),
        "app_version": app_version(),
        "origin": {"device_id": me, "consultant_id": store.local.consultant_id, "role": role},
        "scope": "full" if full else "incremental", "base_seq": base, "up_to_seq": store.local.seq,
        "acks": dict(store.local.extra.get("acks", {})) if role == "hq" else {},
    }
    if role == "hq":
        header["device_register"] = register_for_bundle(store)
    with paused_gc():
        records = []
        by_record: dict[tuple[str, str], list[dict[str, Any]]] = {}
        total = len(keys)
        for done, (kind, record_id, rev) in enumerate(keys, 1):
            leaves = by_record.get((kind, record_id))
            if leaves is None:
                leaves = by_record[(kind, record_id)] = store.leaves(kind, record_id)
            records.extend(leaf for leaf in leaves if leaf["rev"] == rev)
            if progress and (done % 500 == 0 or done == total):
                progress(done, total)
        payload = encode_bundle(header, records)
        del records, by_record
    path = Path(out)
    if path.is_dir() or not path.suffix:
        path.mkdir(parents=True, exist_ok=True)
        path = path / bundle_file_name(initials, now, bundle_id)
    else:
        compress = compress or path.name.endswith(".gz")
        path.parent.mkdir(parents=True, exist_ok=True)
    sealed = seal(payload, bundle_id=bundle_id, app_version=header["app_version"], keys=store.keys,
                  device_id=me, role=role, recipients=readers, compress=compress)
    del payload
    write_bundle(path, sealed, compress=False)
    result = ExportResult(path, header["scope"], total, base, store.local.seq, bundle_id)
    store.update_local(last_export={"at": _iso(now), "file": str(path), "scope": result.scope,
                                    "records": result.records, "up_to_seq": result.up_to_seq,
                                    "bundle_id": bundle_id})
    return result


# -- import -------------------------------------------------------------------------------------------
@dataclass
class ImportReport:
    """What an import found and did (also the dry-run preview)."""

    file: str
    bundle_id: str = ""
    origin_device: str = ""
    origin_consultant: str | None = None
    origin_role: str = ""
    scope: str = ""
    created_at: str = ""
    records: int = 0
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    already_imported: bool = False
    applied: bool = False
    error: str | None = None
    ack_before: int | None = None
    ack_after: int | None = None
    plain: bool = False  # a format-1 file: neither sealed nor signed (the preview warns)

    def total(self, outcome: str) -> int:
        return sum(c.get(outcome, 0) for c in self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["conflicts"] = [list(c) for c in self.conflicts]
        return data


@dataclass
class ImportPlan:
    """A validated bundle and what applying it would change."""

    report: ImportReport
    header: BundleHeader | None = None
    updates: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    version: int = -1  # Store.version the merge was computed against
    trust_changes: dict[str, Any] = field(default_factory=dict)  # device-local trust state to write
    allow_plain: bool = False


class StoreOpener:
    """Opens sealed bundles with ``store``'s keys; the signer must be one ``store`` trusts."""

    def __init__(self, store: Store, now: datetime) -> None:
        self.store = store
        self.now = _iso(now)
        self.opened: Opened | None = None

    def __call__(self, raw: bytes, name: str) -> bytes:
        try:
            self.store.keys.require_unlocked()
        except KeyError_ as exc:
            raise BundleError(exc.message) from None
        self.opened = open_sealed(raw, name, self.store.keys,
                                  lambda sender: trusted_signer(self.store, sender, name, self.now))
        return self.opened.content


def _trust_changes(store: Store, header: BundleHeader, opened: Opened | None) -> dict[str, Any]:
    """What a signed bundle teaches this device: a rotated key of its sender, and (from HQ) the register."""
    changes: dict[str, Any] = {}
    if opened is None:
        return changes
    local = store.local.extra
    rotated = opened.signer.rotated
    if store.local.role == "hq":
        devices = dict(local.get("register") or {})
        entry = devices.get(header.origin.device_id)
        if entry is not None:
            entry = {**(rotated or entry), "consultant_id": header.origin.consultant_id}
            if entry != devices[header.origin.device_id]:
                devices[header.origin.device_id] = entry
                changes["register"] = devices
    elif header.origin.role == "hq":
        if rotated is not None:
            changes["hq_key"] = rotated
        newest = (local.get("last_hq_import") or {}).get("created_at", "") <= _iso(header.created_at)
        if header.device_register is not None and newest:
            changes["register"] = {e.device_id: e.model_dump() for e in header.device_register}
    return changes


def _broken_rule(store: Store, records: list[dict[str, Any]], from_hq: bool
                 ) -> tuple[int, str] | None:
    """The first record of a bundle that breaks a rule of ``rules.py`` (index, German problem), or None.

    References resolve within the store or the same bundle. Records already here as they are
    (the import's fast path) are skipped: the store holds them, and ``check`` answers for those.
    """
    known_codes = set(store.ids("problem_field"))
    codes = known_codes | {r["id"] for r in records if r["kind"] == "problem_field"}
    leaf_meta = store.leaf_meta
    for index, record in enumerate(records):
        if (record["kind"], record["id"], record["rev"]) in leaf_meta:
            continue
        problem = new_problem_field(record, known_codes, from_hq)
        if problem is None:
            problems = record_problems(record, codes)
            problem = problems[0] if problems else None
        if problem is not None:
            return index, problem
    return None


def plan_import(store: Store, path: Path | str, progress: Progress | None = None, *,
                allow_plain: bool = False, now: datetime | None = None) -> ImportPlan:
    """Read, validate and merge a bundle in memory (nothing is written). Errors go into the report.

    A sealed bundle's signature is checked first against a key this device trusts (HQ's pinned
    key, or at HQ the register), then it is decrypted; a plain format-1 file is read only with
    ``allow_plain`` (the change-over setting) and marked ``plain`` in the report. Besides the
    file's own validation, every record must follow the store's rules (``rules.py``, the rules of
    ``asskomm check``); one that does not refuses the whole file.
    """
    path = Path(path)
    report = ImportReport(file=str(path))
    imported = store.local.extra.get("imports", {})
    opener = StoreOpener(store, now or utc_now())
    try:
        with paused_gc():
            header, records = read_bundle(path, progress,
                                          stop_after_header=lambda h: str(h.bundle_id) in imported,
                                          opener=opener, allow_plain=allow_plain)
        opened = opener.opened
        if opened is not None and (str(header.bundle_id) != str(opened.header.bundle_id)
                                   or header.origin.device_id != opened.sender.device_id
                                   or header.origin.role != opened.sender.role):
            raise BundleError(f"{path.name}: {M.SEALED_INNER_MISMATCH}")
    except BundleError as exc:
        report.error = exc.message
        return ImportPlan(report, allow_plain=allow_plain)
    report.plain = opened is None
    trust_changes = _trust_changes(store, header, opened)
    report.bundle_id = str(header.bundle_id)
    report.origin_device = header.origin.device_id
    report.origin_consultant = header.origin.consultant_id
    report.origin_role = header.origin.role
    report.scope = header.scope
    report.created_at = _iso(header.created_at)
    report.records = header.count
    if records is None:  # the ledger knows this bundle: nothing to read, nothing to change
        report.already_imported = True
        # the store's version too: else apply_import takes the plan for stale and reads the file again
        return ImportPlan(report, header, version=store.version, allow_plain=allow_plain)
    # issue 10: a tombstone of an older version still carries the data it deleted; it is merged
    # as its derived child without data (the same rev on every device, see storage/tombstones.py)
    from ..tombstones import drop_incoming_bodies

    records = drop_incoming_bodies(store, records)
    # issue 10: erasure orders (storage/erasure.py): every revision naming a person of an order known
    # here or carried by this file is merged as its derived child without the person
    from ..erasure import screen_import

    records, erasure_problem = screen_import(store, records, header.origin.role)
    if erasure_problem is not None:
        report.error = f"{path.name}: {erasure_problem}"
        return ImportPlan(report, allow_plain=allow_plain)
    broken = _broken_rule(store, records, header.origin.role == "hq")
    if broken is not None:
        index, problem = broken
        record = records[index]
        label = M.RECORD_IN_BUNDLE.format(index=index + 1, kind=M.KIND_NAME.get(record["kind"], record["kind"]),
                                          id=record["id"])
        report.error = M.IMPORT_RULE_BROKEN.format(file=path.name, record=label, problem=problem)
        return ImportPlan(report, allow_plain=allow_plain)
    updates: dict[tuple[str, str], list[dict[str, Any]]] = {}
    conflicts: set[tuple[str, str]] = set()
    total = len(records)
    for done, record in enumerate(records, 1):
        kind, record_id = record["kind"], record["id"]
        counts = report.counts.setdefault(kind, {o.value: 0 for o in Outcome})
        key = (kind, record_id)
        if (key not in updates and (kind, record_id, record["rev"]) in store.leaf_meta
                and len(record["revs"]) <= rev_generation(record["rev"])):
            # fast path: already a leaf here, and its revs are a plain line of ancestors, which the
            # leaf here lists too (a resolution lists more, maybe more than the copy here knows)
            counts[Outcome.UNCHANGED] += 1
            if progress and (done % 1000 == 0 or done == total):
                progress(done, total)
            continue
        leaves = updates.get(key)
        if leaves is None:
            leaves = store.leaves(kind, record_id)
        outcome, new_leaves = merge_one(leaves, record)
        counts[preview_outcome(outcome, leaves, new_leaves, record)] += 1
        if new_leaves is not leaves:
            updates[key] = new_leaves
        if outcome == Outcome.CONFLICT:
            conflicts.add(key)
        if progress and (done % 1000 == 0 or done == total):
            progress(done, total)
    report.conflicts = sorted(k for k in conflicts if len(updates.get(k, ())) > 1)
    return ImportPlan(report, header, updates, store.version, trust_changes, allow_plain)


def apply_import(store: Store, plan: ImportPlan, file_name: str = "", now: datetime | None = None) -> ImportReport:
    """Back up the store, then apply a planned import in one transaction and record it in the ledger."""
    if plan.version != store.version and not plan.report.error:
        # the store changed since the preview (an edit, another file): merge again, never clobber
        plan = plan_import(store, plan.report.file, allow_plain=plan.allow_plain)
    report, header = plan.report, plan.header
    if report.error or report.already_imported or header is None:
        return report
    now = now or utc_now()
    local = store.local.extra
    imports = dict(local.get("imports", {}))
    imports[report.bundle_id] = {"at": _iso(now), "file": file_name or Path(report.file).name,
                                 "origin_device": report.origin_device, "scope": report.scope,
                                 "records": report.records}
    changes: dict[str, Any] = {"imports": imports, **plan.trust_changes}
    origin = header.origin
    if origin.role == "hq":
        report.ack_before = own_ack(store)
        # HQ's newest file says what HQ has, also when that went down (HQ restored a backup): the
        # edits HQ lost are then sent again. An older HQ file imported late changes nothing here.
        newest = (local.get("last_hq_import") or {}).get("created_at", "") <= report.created_at
        ack = header.acks.get(store.local.device_id, 0) if newest else report.ack_before
        report.ack_after = ack
        changes["ack"] = ack
        if newest:
            changes["last_hq_import"] = {"at": _iso(now), "file": file_name or Path(report.file).name,
                                         "bundle_id": report.bundle_id, "created_at": report.created_at}
        if store.local.role == "hq":  # several HQ devices: keep the best knowledge of everyone
            acks = dict(local.get("acks", {}))
            for device, seq in header.acks.items():
                acks[device] = max(acks.get(device, 0), seq)
            changes["acks"] = acks
    elif store.local.role == "hq":
        acks = dict(local.get("acks", {}))
        current = acks.get(origin.device_id, 0)
        if header.base_seq <= current:  # nothing lost in between: everything up to up_to_seq is here
            acks[origin.device_id] = max(current, header.up_to_seq)
        changes["acks"] = acks
        devices = dict(local.get("devices", {}))
        previous = devices.get(origin.device_id, {})
        if not previous.get("last_bundle_at") or previous["last_bundle_at"] <= report.created_at:
            devices[origin.device_id] = {
                "consultant_id": origin.consultant_id, "last_bundle_id": report.bundle_id,
                "last_bundle_at": report.created_at, "received_at": _iso(now),
                "up_to_seq": header.up_to_seq, "base_seq": header.base_seq,
                "file": file_name or Path(report.file).name,
            }
        changes["devices"] = devices
    store.backup(backup_reasons.BEFORE_IMPORT)
    with paused_gc(), store.transaction():
        if plan.updates:
            store.set_leaves(plan.updates)
            from ..erasure import apply_imported

            apply_imported(store, plan.updates)  # new erasure orders reach what this store held already
        store.update_local(**changes)
    report.applied = True
    return report


def import_bundle(store: Store, path: Path | str, *, dry_run: bool = False,
                  progress: Progress | None = None, allow_plain: bool = False) -> ImportReport:
    """Validate, preview and (unless ``dry_run``) apply one bundle; all or nothing."""
    plan = plan_import(store, path, progress, allow_plain=allow_plain)
    if dry_run:
        return plan.report
    return apply_import(store, plan)


__all__ = [
    "BundleError", "DeviceStatus", "ExportResult", "ImportPlan", "ImportReport", "SyncStatus",
    "apply_import", "export_bundle", "import_bundle", "nothing_to_export", "pending_leaves", "plan_import",
    "sync_status",
]
