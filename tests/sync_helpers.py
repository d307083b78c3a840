"""Helpers for the sync tests: real stores in a folder, bundles read as JSON, bundles re-sealed.

``reseal`` recomputes a bundle's ``count`` and ``sha256`` after a test changed its records, and
``rerev`` recomputes a record's ``rev`` (and ``revs[0]``) from its content, so that a broken bundle
is refused for the one reason the test is about and not for a checksum or rev mismatch on the way.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

from storage import Repositories, Store
from storage.canonical import make_rev, parent_rev
from storage.records import VisitData

PIRNA, WURZEN, PLAUEN = "14628270", "14729410", "14523320"
# user text that would act or crash if a UI read it as markup: it is data and must round-trip
MARKUP = "[b]x[/b] [@click=app.quit]y[/] <script>alert(1)</script>"


def new_store(path: Path, name: str, initials: str, role: str = "consultant") -> Store:
    """An open store at ``path`` whose device has a consultant (or HQ person) set up."""
    store = Store.open(path)
    store.setup_device(name, initials, role=role)
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


def read_json(path: Path) -> dict[str, Any]:
    return json.loads(Path(path).read_bytes())


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
    path.write_bytes(json.dumps(body, ensure_ascii=False).encode("utf-8"))
    return path


def backup_names(store_path: Path) -> list[str]:
    """Backups of a store other than the daily one (which the first open on a new day makes)."""
    folder = store_path.parent / "backups" / store_path.stem
    names = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    return [name for name in names if not name.endswith("-taeglich.json")]
