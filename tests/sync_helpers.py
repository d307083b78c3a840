"""Helpers for the sync tests: real stores in a folder, bundles read as JSON, bundles re-sealed.

``reseal`` recomputes a bundle's ``count`` and ``sha256`` after a test changed its records, and
``rerev`` recomputes a record's ``rev`` (and ``revs[0]``) from its content, so that a broken bundle
is refused for the one reason the test is about and not for a checksum or rev mismatch on the way.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from storage import Repositories, Store
from storage.canonical import make_rev, parent_rev
from storage.records import VisitData

PIRNA, WURZEN, PLAUEN = "14628270", "14729410", "14523320"
# user text that would act or crash if a UI read it as markup: it is data and must round-trip
MARKUP = "[b]x[/b] [@click=app.quit]y[/] <script>alert(1)</script>"


# The stores ``new_store`` made in the running test know each other's keys (reset per test by
# conftest.py): what HQ and the consultants do once when a laptop is set up, with
# ``asskomm keys export`` and ``asskomm keys trust`` and a phone call to compare fingerprints.
CIRCLE: list[Store] = []


@contextmanager
def _opened(store: Store) -> Iterator[Store]:
    """The store itself if it is open, else the same file opened for a moment."""
    if not store.closed:
        yield store
        return
    with Store.open(store.path) as again:
        yield again


def introduce(*stores: Store) -> None:
    """Make the stores know each other as the programme would: every laptop pins HQ's key, HQ
    accepts every laptop into its register (the steps of ``asskomm keys trust``). A store that was
    closed meanwhile is opened for a moment."""
    from storage.trust import own_identity, trust

    hqs = [s for s in stores if s.local.role == "hq"]
    laptops = [s for s in stores if s.local.role != "hq"]
    for hq_store in hqs[:1]:
        with _opened(hq_store) as hq:
            for laptop_store in laptops:
                with _opened(laptop_store) as laptop:
                    if (laptop.local.extra.get("hq_key") or {}).get("device_id") != hq.local.device_id:
                        trust(laptop, own_identity(hq), "2026-01-01T00:00:00Z")
                    if laptop.local.device_id not in (hq.local.extra.get("register") or {}):
                        trust(hq, own_identity(laptop), "2026-01-01T00:00:00Z")


def new_store(path: Path, name: str, initials: str, role: str = "consultant", *, known: bool = True) -> Store:
    """An open store at ``path`` whose device has a consultant (or HQ person) set up.

    ``known``: its keys are exchanged with the other stores of this test made so far (``introduce``);
    False for tests of that exchange itself.
    """
    store = Store.open(path)
    store.setup_device(name, initials, role=role)
    if known:
        CIRCLE[:] = [s for s in CIRCLE if s.path != store.path]
        CIRCLE.append(store)
        introduce(*CIRCLE)
    return store


def add_visit(store: Store, commune: str = PIRNA, day: date = date(2026, 3, 4), summary: str = "Erstgespräch",
              notes: str = "") -> str:
    """Create a visit on ``store`` and return its id."""
    data = VisitData(commune=commune, date=day, summary=summary, notes=notes,
                     consultants=(store.local.consultant_id,))
    return Repositories(store).create_visit(data).id


def edit_visit(store: Store, visit_id: str, **changes: Any) -> str:
    """Change fields of a visit's current revision; returns the new rev."""
    raw = store.raw("visit", visit_id)
    assert raw is not None and not raw["deleted"]
    record = store.get("visit", visit_id)
    data = record.data.model_copy(update=changes)
    return Repositories(store).update_visit(visit_id, data, base_rev=record.rev).rev


def leaf_revs(store: Store, kind: str, record_id: str) -> list[str]:
    """The record's leaves as revs, current first (the order the app shows them in)."""
    return [leaf["rev"] for leaf in store.leaves(kind, record_id)]


def _circle_store(device_id: str) -> Store | None:
    return next((s for s in CIRCLE if s.local.device_id == device_id), None)


def read_json(path: Path, reader: Store | None = None) -> dict[str, Any]:
    """A bundle's content as JSON; a sealed bundle is opened with the keys of ``reader`` or of a
    store of this test it is sealed to (its signature checked against the key its header names)."""
    from storage.sync.bundle import BundleError
    from storage.sync.sealed import header_line, open_sealed
    from storage.trust import Signer

    raw = Path(path).read_bytes()
    if header_line(raw) is None:
        return json.loads(raw)
    for store in [reader] if reader is not None else CIRCLE:
        try:
            opened = open_sealed(raw, Path(path).name, store.keys, lambda sender: Signer(sender.sign, sender.enc))
        except BundleError:
            continue
        return json.loads(opened.content)
    raise AssertionError(f"{path}: sealed to no store of this test")


def write_sealed(path: Path, body: dict[str, Any], sender: Store, compress: bool = False) -> Path:
    """Seal and sign ``body`` (a bundle's content, maybe changed by the test) as ``sender`` would:
    for its readers, with its keys, so that an import judges the content and not the seal."""
    from storage.sync.sealed import seal
    from storage.trust import recipients

    content = json.dumps(body, ensure_ascii=False).encode("utf-8")
    with _opened(sender) as current:
        sealed = seal(content, bundle_id=str(body.get("bundle_id", "00000000-0000-4000-8000-000000000000")),
                      app_version="test", keys=current.keys, device_id=current.local.device_id,
                      role=current.local.role, recipients=recipients(current), compress=compress)
    path.write_bytes(sealed)
    return path


def checksum(records: list[dict[str, Any]]) -> str:
    """sha256 of the canonical JSON of the records, computed independently of storage.canonical."""
    body = json.dumps(records, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def reseal(body: dict[str, Any]) -> dict[str, Any]:
    """Make ``count`` and ``sha256`` match the (changed) records again."""
    body["count"] = len(body["records"])
    body["sha256"] = checksum(body["records"])
    return body


def rerev(record: dict[str, Any]) -> dict[str, Any]:
    """Give a changed record the rev its content would have on the same parent."""
    parent = parent_rev(record["rev"], record["revs"])
    rev = make_rev(parent, record["deleted"], record["data"])
    record["rev"] = rev
    record["revs"] = [rev.split("-", 1)[1], *record["revs"][1:]]
    return record


def write_json(path: Path, body: Any) -> Path:
    """Write a bundle's content back: sealed by its origin device if that is a store of this test
    (``write_sealed``), else as plain JSON (a format-1 file, or not a bundle at all)."""
    origin = body.get("origin") if isinstance(body, dict) else None
    sender = _circle_store(origin.get("device_id", "")) if isinstance(origin, dict) else None
    if sender is not None and isinstance(origin.get("device_id"), str):
        return write_sealed(path, body, sender)
    path.write_bytes(json.dumps(body, ensure_ascii=False).encode("utf-8"))
    return path


def backup_names(store_path: Path) -> list[str]:
    """Backups of a store other than the daily one (which the first open on a new day makes)."""
    folder = store_path.parent / "backups" / store_path.stem
    names = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    return [name for name in names if not name.endswith("-taeglich.json")]


def export_content(store: Store, folder: Path, **options: Any) -> dict[str, Any]:
    """The content of an export of ``store`` (a demo store, say) as HQ reads it: a throwaway HQ is
    introduced to it, so that the export can be sealed."""
    from storage.sync.exchange import export_bundle

    hq = new_store(folder / f"hq-{store.local.device_id[:8]}.json", "Zentrale LPR", "LPR", role="hq", known=False)
    try:
        introduce(hq, store)
        return read_json(export_bundle(store, folder / "out", **options).path, reader=hq)
    finally:
        hq.close()


def allow_plain_bundles() -> None:
    """The change-over setting (``plain_bundles = true``) in this test's settings file, for the CLI."""
    import os

    Path(os.environ["ASSKOMM_CONFIG"]).write_text("plain_bundles = true\n", encoding="utf-8")


def hand_over(source: Store, target: Store, folder: Path, full: bool = True) -> Any:
    """``source``'s records reach ``target`` the only way they can: a laptop's through HQ (the
    test's HQ, made here if there is none), HQ's directly. Returns the target's import report."""
    from storage.sync.exchange import export_bundle, import_bundle

    if HQ_ROLE in (source.local.role, target.local.role):
        report = import_bundle(target, export_bundle(source, folder, full=full).path)
        assert report.error is None, report.error
        return report
    hq = next((s for s in CIRCLE if s.local.role == HQ_ROLE), None)
    if hq is None:
        hq = new_store(Path(folder).parent / "zentrale-fuer-den-test.json", "Zentrale LPR", "LPR", role=HQ_ROLE)
    with _opened(hq) as central:
        first = import_bundle(central, export_bundle(source, folder, full=full).path)
        assert first.error is None, first.error
        back = export_bundle(central, folder).path
    report = import_bundle(target, back)
    assert report.error is None, report.error
    return report


HQ_ROLE = "hq"
