"""Autosaved drafts of open forms: small files beside the store, so typing never rewrites the store.

A draft is written atomically (temp file, fsync, rename) every few seconds while a form has
unsaved changes, and removed when the form is saved or discarded. After a crash the app offers
the drafts it finds.

A draft edits a stored record or makes a new one. Its key names the form and the record
(``visit-<id>``, ``strategy-<id>``; a new visit's is ``visit-new-<uuid>``), and its payload names the
record it edits (``visit_id``, ``strategy_id``). When a record is deleted, its drafts are removed
(``drop_records``): a delete leaves no copy of what was typed (issue 10).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import orjson

from .durable import atomic_write_bytes, private_folder
from .errors import file_error

_KEY_RE = re.compile(r"^[a-z_]+-[A-Za-z0-9_.-]{1,80}$")
DRAFT_KINDS = ("visit", "strategy")  # the records that have forms with drafts


@dataclass(frozen=True)
class Draft:
    """One autosaved form state."""

    key: str
    saved_at: datetime
    payload: dict[str, Any]


def draft_record(draft: Draft) -> tuple[str, str] | None:
    """(kind, id) of the stored record a draft edits, or None (the draft of a new record)."""
    for kind in DRAFT_KINDS:
        record_id = draft.payload.get(f"{kind}_id")
        if isinstance(record_id, str) and record_id:
            return kind, record_id
    kind, _, record_id = draft.key.partition("-")
    if kind in DRAFT_KINDS and record_id and not record_id.startswith("new-"):
        return kind, record_id
    return None


class DraftStore:
    """The drafts folder of one store."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        if not _KEY_RE.match(key):
            raise ValueError(f"invalid draft key {key!r}")
        return self.folder / f"{key}.json"

    def save(self, key: str, payload: dict[str, Any]) -> None:
        """Write (or overwrite) the draft ``key``; a failure (a full disk) raises ``FileAccessError``
        and leaves the previous draft in place."""
        path = self._path(key)
        body = orjson.dumps({"key": key, "saved_at": datetime.now(timezone.utc).isoformat(),
                             "payload": payload})
        try:
            private_folder(self.folder)
        except OSError as exc:
            raise file_error(exc, self.folder, needed=len(body)) from exc
        atomic_write_bytes(path, body)

    def load(self, key: str) -> Draft | None:
        """The draft ``key``, or None (also for an unreadable draft file)."""
        return self._read(self._path(key))

    def delete(self, key: str) -> None:
        """Remove the draft ``key`` if it exists (``FileAccessError`` if the system refuses)."""
        path = self._path(key)
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise file_error(exc, path) from exc

    def drop_records(self, records: set[tuple[str, str]]) -> int:
        """Remove every draft of the given (kind, id) records: the draft named after a record and
        any other draft whose payload names it (a draft reopened keeps its first key); a draft file
        that cannot be read is removed too if its name is the record's. Returns how many."""
        if not records or not self.folder.is_dir():
            return 0
        removed = 0
        for kind, record_id in records:
            try:
                path = self._path(f"{kind}-{record_id}")
            except ValueError:
                continue
            if path.exists():
                self.delete(path.stem)
                removed += 1
        for draft in self.list():
            if draft_record(draft) in records:
                self.delete(draft.key)
                removed += 1
        return removed

    def list(self) -> list[Draft]:
        """Every readable draft, newest first."""
        if not self.folder.is_dir():
            return []
        drafts = [d for p in self.folder.glob("*.json") if (d := self._read(p)) is not None]
        drafts.sort(key=lambda d: d.saved_at, reverse=True)
        return drafts

    @staticmethod
    def _read(path: Path) -> Draft | None:
        try:
            body = orjson.loads(path.read_bytes())
            return Draft(body["key"], datetime.fromisoformat(body["saved_at"]), body["payload"])
        except (OSError, ValueError, KeyError, TypeError):
            # A torn or foreign draft is not worth an error dialog; the store itself is unaffected.
            return None
