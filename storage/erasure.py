"""Everything stored about a person: found (DSGVO Art. 15) and erased on every device (Art. 17).

``find_person`` lists every place a name occurs: current revisions, conflicting leaves, the
history of earlier revisions, drafts (matching: ``erasure_match.py``). ``erase_person`` writes an
**erasure order** (kind ``erasure``, ``records.ErasureData``) and applies it here; the order is a
synced record like any other, so it travels in bundles and every device that imports it applies
it too (``apply_imported``, wired into ``sync.exchange.apply_import``). Orders are kept forever
(the order, not the data): every bundle imported later is scrubbed by them before it is merged
(``screen_import``, wired into ``sync.exchange.plan_import``), so an old bundle cannot bring the
data back, and neither can a sibling revision made on a laptop that had not got the order yet.

Applying an order to a revision that names the person replaces it by a **derived child**
(``sync.merge.derived_revision``): contacts of the person removed, participant entries naming them
removed, the name in free text replaced by ``[gelöscht]``. Its rev is a hash of the parent and
the new content only, so every device that applies the same orders to the same revision computes
the same child and they merge as one; the old revision becomes its ancestor, so a copy of it that
arrives later is stale. The child carries the marker origin ``erasure`` (seq 0, author the newest
order's): it is made on behalf of the orders, never exported as a device's own edit (every device
derives it itself), and when a later order applies to it, the new child is derived from the same
source revision, so the result does not depend on the order in which orders arrived. History
entries and drafts that name the person are removed, and the search index is built anew.

"Signed": an order has no signature of its own. It travels only in bundles, and every bundle is
signed by the device that made it (``sync/sealed.py``); an import checks that signature before
anything else. So an order is accepted from a device this one trusts; which device and person
gave it is recorded in the order (``device``, ``ordered_by``, checked against the envelope), but a
trusted device that relays a bundle (HQ, or a consultant's full export) vouches for the orders in
it, not their issuer. Consultants and HQ may both issue orders (``ISSUING_ROLES``).

Backups are copies of the store file as it was and are not rewritten: ``backups_holding`` names
those that still hold the person and when the rotation removes them (``backups.py``).
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Callable, Iterable

import orjson
from pydantic import ValidationError

from . import messages as M
from .backups import DAILY, KEEP, KEEP_DEFAULT
from .canonical import MAX_REVS, make_rev, parent_rev, rev_generation, rev_hash
from .durable import RawDocument, parse_store_bytes
from .erasure_match import (SPEC, Matcher, Occurrence, Person, name_words, names_anyone, occurrences, scrubbed,
                            strings_naming)
from .errors import StoreError
from .records import MAX_LINE, ErasureData, Kind, parse_record, utc_now
from .sync.merge import derived_revision, merge_one

Raw = dict[str, Any]
KIND = Kind.ERASURE.value
ERASURE_ORIGIN = "erasure"  # the origin of a derived child (not a device)
ISSUING_ROLES = frozenset({"consultant", "hq"})  # bundle senders whose orders are accepted
MIN_LETTERS = 3  # a name to look for has at least this many letters


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_name(name: str) -> list[str]:
    """The words of a name to look for; ``StoreError`` (German) if it is no usable name."""
    words = name_words(name)
    if sum(len(w) for w in words) < MIN_LETTERS:
        raise StoreError(M.ERASURE_NAME_TOO_SHORT.format(n=MIN_LETTERS))
    if len(words) > 8:
        raise StoreError(M.ERASURE_NAME_TOO_LONG)
    return words


def matcher_for(name: str) -> Matcher:
    """A matcher for a typed name (a fresh salt: the hashes are never stored)."""
    check_name(name)
    return Matcher([Person.from_name(name, secrets.token_hex(16))])


# -- orders ------------------------------------------------------------------------------------------
def known_orders(store: Any) -> list[Raw]:
    """Every erasure order this store holds, oldest first."""
    return sorted((r for r in store.raws(KIND) if not r["deleted"]),
                  key=lambda r: (r["data"]["ordered_at"], r["id"]))


def orders_matcher(orders: Iterable[Raw]) -> Matcher:
    return Matcher(Person.from_data(o["data"]) for o in orders)


def derive(raw: Raw, data: Raw, orders: list[Raw]) -> Raw:
    """The child of ``raw`` with ``data`` (its content with the persons of ``orders`` erased).

    A child of an erasure is derived again from the same source (its parent), listing the old
    child among its ancestors: orders that arrive in another order give the same revision.
    """
    newest = max(orders, key=lambda o: (o["data"]["ordered_at"], o["id"]))
    updated_at = max(raw["updated_at"], newest["data"]["ordered_at"], key=_moment)
    envelope = {"updated_at": updated_at, "updated_by": newest["data"]["ordered_by"], "origin": ERASURE_ORIGIN,
                "seq": 0}
    if raw["origin"] == ERASURE_ORIGIN and rev_generation(raw["rev"]) > 1 and len(raw["revs"]) > 1:
        rev = make_rev(parent_rev(raw["rev"], raw["revs"]), raw["deleted"], data)
        revs = list(dict.fromkeys([rev_hash(rev), raw["revs"][1], raw["revs"][0], *raw["revs"][2:]]))
        return {**raw, "rev": rev, "revs": revs[:MAX_REVS], "data": data, **envelope}
    return derived_revision(raw, data, deleted=raw["deleted"], **envelope)


def scrub_revision(raw: Raw, matcher: Matcher, orders: list[Raw]) -> Raw | None:
    """The derived child of a revision that names a person of ``orders`` (in ``matcher``'s order),
    or None if it names none. Tombstones have no body (``tombstones.py``) and stay as they are."""
    if raw["deleted"] or not raw.get("data") or raw["kind"] not in SPEC:
        return None
    found = occurrences(raw["kind"], raw["data"], matcher)
    if not found:
        return None
    data = scrubbed(raw["kind"], raw["data"], matcher)
    if data is None:  # pragma: no cover - occurrences and scrubbed read the same fields
        return None
    people = {p for occurrence in found for p in occurrence.people}
    child = derive(raw, data, [orders[p] for p in sorted(people)])
    parse_record(child)  # the child is a valid record (ValidationError otherwise: a bug, never stored)
    return child


def scrub_incoming(records: list[Raw], orders: list[Raw], held: Callable[[Raw], bool] | None = None
                   ) -> tuple[list[Raw], int]:
    """A bundle's records with every revision that names a person of ``orders`` replaced by its
    derived child, before they are merged; and how many were replaced.

    ``held(raw)`` says the revision is already here or an ancestor of a leaf here: the merge ignores
    it then, and it is left as it is (its child would be a new sibling of that leaf: a conflict).
    """
    orders = sorted(orders, key=lambda r: (r["data"]["ordered_at"], r["id"]))
    matcher = orders_matcher(orders)
    if not matcher:
        return records, 0
    out = records
    changed = 0
    for i, raw in enumerate(records):
        child = scrub_revision(raw, matcher, orders)
        if child is None or (held is not None and held(raw)):
            continue
        if out is records:
            out = list(records)
        out[i] = child
        changed += 1
    return out, changed


def screen_import(store: Any, records: list[Raw], sender_role: str) -> tuple[list[Raw], str | None]:
    """For ``plan_import``: refuse orders a sender may not give or that change a known order, then
    scrub the bundle's records by every order known here or in the bundle. Returns the records
    and None, or the records unchanged and the German problem."""
    incoming = [r for r in records if r["kind"] == KIND]
    if incoming and sender_role not in ISSUING_ROLES:
        return records, M.ERASURE_SENDER_REFUSED
    for raw in incoming:
        known = store.raw(KIND, raw["id"])
        if known is not None and known["rev"] != raw["rev"]:
            return records, M.ERASURE_CHANGED.format(id=raw["id"])
    orders = {o["id"]: o for o in known_orders(store)}
    orders.update((r["id"], r) for r in incoming)
    if not orders:
        return records, None

    def held(raw: Raw) -> bool:
        h = raw["revs"][0]
        return any(h in leaf["revs"] for leaf in store.leaves(raw["kind"], raw["id"]))

    try:
        scrubbed_records, _ = scrub_incoming(records, list(orders.values()), held)
    except ValidationError as exc:  # pragma: no cover - a child that is no record: refuse, store nothing
        return records, M.ERASURE_FAILED.format(detail=str(exc).splitlines()[0])
    return scrubbed_records, None


# -- applying orders to a store ----------------------------------------------------------------------
@dataclass
class Applied:
    """What applying the orders changed in one store."""

    records: dict[str, int] = field(default_factory=dict)  # kind -> records that named a person
    leaves: int = 0  # revisions replaced by their derived child (current and conflicting)
    history: int = 0  # earlier revisions removed from the history
    drafts: int = 0  # drafts removed

    @property
    def total(self) -> int:
        return sum(self.records.values())


def apply_orders(store: Any, progress: Callable[[int, int], None] | None = None) -> Applied:
    """Apply every order this store holds to all it stores: current revisions, conflicting leaves,
    the history and the drafts; one transaction. Idempotent: a second call changes nothing."""
    orders = known_orders(store)
    applied = Applied()
    if not orders:
        return applied
    matcher = orders_matcher(orders)
    conflicted = store.conflicted()
    updates: dict[tuple[str, str], list[Raw]] = {}
    kinds = list(SPEC)
    for step, kind in enumerate(kinds, 1):
        for raw in list(store.raws(kind)):
            key = (kind, raw["id"])
            leaves = store.leaves(*key) if key in conflicted else [raw]
            children = [scrub_revision(leaf, matcher, orders) for leaf in leaves]
            if not any(children):
                continue
            merged: list[Raw] = []
            for leaf, child in zip(leaves, children):
                _, merged = merge_one(merged, child or leaf)
            updates[key] = merged
            applied.records[kind] = applied.records.get(kind, 0) + 1
            applied.leaves += sum(1 for c in children if c)
        if progress:
            progress(step, len(kinds))
    with store.transaction():
        if updates:
            store.set_leaves(updates)
        applied.history = _drop_history(store, matcher)  # also what set_leaves archived just now
        for draft in store.drafts.list():
            if names_anyone(draft.payload, matcher):
                store.drafts.delete(draft.key)
                applied.drafts += 1
        # device-local: when each order was first applied here and what that changed
        log = dict(store.local.extra.get("erasures", {}))
        now = _iso(utc_now())
        for order in orders:
            if order["id"] not in log:
                log[order["id"]] = {"applied": now, "records": dict(applied.records), "history": applied.history,
                                    "drafts": applied.drafts}
        if log != store.local.extra.get("erasures", {}):
            store.update_local(erasures=log)
    if updates or applied.history:
        store._finder = None  # built anew at the next search: no word of the name stays in it
    return applied


def _drop_history(store: Any, matcher: Matcher) -> int:
    """Remove every archived revision that names a person (history table and its map)."""
    from .leafset import HISTORY_TABLE

    docs = (store.storage.read() or {}).get(HISTORY_TABLE, {})
    drop: list[int] = []
    for key, revs in list(store._history.items()):
        for rev, doc_id in list(revs.items()):
            doc = docs.get(str(doc_id))
            raw = orjson.loads(doc) if isinstance(doc, RawDocument) else doc
            if raw is not None and names_anyone(raw.get("data"), matcher):
                drop.append(doc_id)
                del revs[rev]
        if not revs:
            del store._history[key]
    if drop:
        store._write_docs(HISTORY_TABLE, {}, drop)
    return len(drop)


def apply_imported(store: Any, updates: dict[tuple[str, str], list[Raw]]) -> Applied | None:
    """For ``apply_import``, inside its transaction: if the import brings new orders, apply every
    order to the whole store (its records were scrubbed before the merge; the store's own not yet)."""
    if not any(kind == KIND for kind, _ in updates):
        return None
    return apply_orders(store)


def keep_orders(store: Any, orders: list[Raw]) -> Applied:
    """After a restore: put back the orders the store held before (a backup older than an order
    does not know it) and apply them all to what the backup brought back."""
    missing = [o for o in orders if store.raw(KIND, o["id"]) is None]
    with store.transaction():
        if missing:
            store.replace_raw_many([dict(o) for o in missing])
        return apply_orders(store)


def erase_person(store: Any, name: str, reference: str = "", now: datetime | None = None) -> "ErasureReport":
    """Give an order to erase ``name`` and apply it here (one transaction); the report says what
    was erased and which backups still hold the person."""
    check_name(name)
    now = (now or utc_now()).replace(microsecond=0)
    salt = secrets.token_hex(16)
    person = Person.from_name(name, salt)
    local = store.local
    by = local.consultant_id or local.device_id
    data = ErasureData(salt=salt, words=tuple(tuple(w) for w in person.as_data()), ordered_at=now, ordered_by=by,
                       device=local.device_id, role=local.role,
                       reference=Matcher([person]).replace(" ".join(reference.split()), MAX_LINE))
    order_id = uuid.uuid4().hex
    with store.transaction():
        store.put(KIND, order_id, data, base_rev=None)
        applied = apply_orders(store)
    order = store.raw(KIND, order_id)
    return ErasureReport(order, applied, backups_holding(store, Matcher([person]), now.date()))


# -- finding (Art. 15) -------------------------------------------------------------------------------
STATES = ("current", "conflict", "history", "draft")


@dataclass(frozen=True)
class PersonHit:
    """One field of one stored revision (or draft) that names the person."""

    kind: str  # the record's kind, or "draft"
    record_id: str  # the record's id (a draft: its key)
    part: str | None
    field: str
    text: str
    spans: tuple[tuple[int, int], ...]
    commune: str  # AGS, or ""
    date: str | None  # ISO: a visit's date, a strategy's agreement, a draft's save
    state: str  # one of STATES
    rev: str = ""


def _where(kind: str, raw: Raw) -> tuple[str, str | None]:
    data = raw.get("data") or {}
    if kind == "commune":
        return raw["id"], None
    if kind == "visit":
        return data.get("commune", ""), data.get("date")
    if kind == "strategy":
        return data.get("commune", ""), data.get("agreed_on") or f"{data.get('period_start', '')}-01-01"
    return "", None


def find_person(store: Any, name: str) -> list[PersonHit]:
    """Every place ``name`` occurs in the store: current revisions, conflicting leaves, earlier
    revisions in the history, drafts; each field once (where it is most current)."""
    matcher = matcher_for(name)
    hits: list[PersonHit] = []
    seen: set[tuple[Any, ...]] = set()

    def add(kind: str, raw: Raw, state: str) -> None:
        commune, day = _where(kind, raw)
        for o in occurrences(kind, raw.get("data"), matcher):
            key = (kind, raw["id"], o.part, o.field, o.text)
            if key not in seen:
                seen.add(key)
                hits.append(PersonHit(kind, raw["id"], o.part, o.field, o.text, o.spans, commune, day, state,
                                      raw["rev"]))

    conflicted = store.conflicted()
    for kind in SPEC:
        for raw in store.raws(kind):
            add(kind, raw, "current")
            if (kind, raw["id"]) in conflicted:
                for leaf in store.leaves(kind, raw["id"])[1:]:
                    add(kind, leaf, "conflict")
    from .leafset import HISTORY_KINDS

    for kind in sorted(HISTORY_KINDS):
        for record_id in store.ids(kind):
            leaves = {leaf["rev"] for leaf in store.leaves(kind, record_id)}
            for raw in store.history(kind, record_id):
                if raw["rev"] not in leaves:
                    add(kind, raw, "history")
    for draft in store.drafts.list():
        commune = draft.payload.get("commune") if isinstance(draft.payload.get("commune"), str) else ""
        for path, text in strings_naming(draft.payload, matcher):
            hits.append(PersonHit("draft", draft.key, None, path, text, tuple(matcher.spans(text)), commune or "",
                                  draft.saved_at.date().isoformat(), "draft"))
    return hits


# -- backups -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BackupHolding:
    """A backup that still holds the person, and when the rotation removes it."""

    name: str
    created: datetime
    reason: str
    remaining: int  # backups of its reason still to be made before the rotation removes it
    earliest: date | None  # daily backups: the first day it can be gone (the app opened every day)


def backups_holding(store: Any, matcher: Matcher, today: date) -> list[BackupHolding]:
    """The backups that still hold a person of ``matcher`` (any text in them), newest first.

    Rotation (``BackupManager.rotate``): the newest 14 daily backups and the newest 10 of every
    other reason stay. A backup that is the k-th newest of its reason goes once ``keep - k`` more
    of that reason were made: daily ones at the first open of a day (so at the earliest that many
    days from today), the others at the next imports, restores, migrations or manual backups.
    A backup that cannot be read is named too: nobody can say it does not hold the person.
    """
    out = []
    seen: dict[str, int] = {}
    made_today = store.backups.has_backup_on(datetime.combine(today, datetime.min.time()))
    for backup in store.backups.list():
        k = seen.get(backup.reason, 0)
        seen[backup.reason] = k + 1
        try:
            tables = parse_store_bytes(backup.path, backup.path.read_bytes())
            holds = names_anyone(tables, matcher)
        except (OSError, StoreError):
            holds = True
        if not holds:
            continue
        remaining = max(1, KEEP.get(backup.reason, KEEP_DEFAULT) - k)
        earliest = today + timedelta(days=remaining if made_today else remaining - 1) \
            if backup.reason == DAILY else None
        out.append(BackupHolding(backup.name, backup.created, backup.reason, remaining, earliest))
    return out


@dataclass
class ErasureReport:
    """What an erasure did here: the order, what changed, the backups that still hold the person."""

    order: Raw
    applied: Applied
    backups: list[BackupHolding]

    @property
    def last_backup_gone(self) -> date | None:
        """The first day every daily backup that holds the person can be gone (None: no daily one)."""
        days = [b.earliest for b in self.backups if b.earliest is not None]
        return max(days) if days else None


def order_report(store: Any, order_id: str, today: date) -> ErasureReport:
    """The report of an order this store holds (given here or imported): backups as of now."""
    order = store.raw(KIND, order_id)
    if order is None:
        raise StoreError(M.ERASURE_UNKNOWN.format(id=order_id))
    entry = store.local.extra.get("erasures", {}).get(order_id, {})
    applied = Applied(records=dict(entry.get("records", {})), history=int(entry.get("history", 0)),
                      drafts=int(entry.get("drafts", 0)))
    return ErasureReport(order, applied, backups_holding(store, orders_matcher([order]), today))


__all__ = ["Applied", "BackupHolding", "ERASURE_ORIGIN", "ErasureReport", "ISSUING_ROLES", "Occurrence",
           "PersonHit", "apply_imported", "apply_orders", "backups_holding", "check_name", "derive",
           "erase_person", "find_person", "known_orders", "matcher_for", "order_report", "scrub_incoming",
           "scrub_revision", "screen_import"]
