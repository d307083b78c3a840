"""Rotating backups of a store file: daily and before risky operations; listed and restored by name."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .durable import atomic_write_bytes, parse_store_bytes, private_folder
from .errors import StoreError, file_error

# Reasons are part of the file name; German, because users see the names in the UI and CLI.
DAILY = "taeglich"
BEFORE_IMPORT = "vor-import"
BEFORE_RESTORE = "vor-wiederherstellung"
BEFORE_MIGRATION = "vor-migration"
BEFORE_DELETE = "vor-loeschen"
MANUAL = "manuell"

KEEP = {DAILY: 14}
KEEP_DEFAULT = 10

_NAME_TAIL = r"-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z-]+)\.json$"


@dataclass(frozen=True)
class Backup:
    """One backup file."""

    path: Path
    created: datetime
    reason: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name


class BackupManager:
    """Backups of one store, kept in ``<store folder>/backups/<store name>/``."""

    def __init__(self, store_path: Path) -> None:
        self.store_path = Path(store_path)
        self.folder = self.store_path.parent / "backups" / self.store_path.stem
        self._name_re = re.compile("^" + re.escape(self.store_path.stem) + _NAME_TAIL)

    def list(self) -> list[Backup]:
        """All backups, newest first."""
        found: list[tuple[datetime, int, Backup]] = []
        if not self.folder.is_dir():
            return []
        for path in self.folder.iterdir():
            m = self._name_re.match(path.name)
            if not m:
                continue
            created = datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S")
            found.append((created, int(m["n"] or 1), Backup(path, created, m["reason"], path.stat().st_size)))
        found.sort(key=lambda item: (item[0], item[1]), reverse=True)
        return [item[2] for item in found]

    def latest(self) -> Backup | None:
        """The newest backup, or None."""
        backups = self.list()
        return backups[0] if backups else None

    def create(self, reason: str, now: datetime | None = None) -> Backup | None:
        """Copy the store file as it is on disk into a new backup; None if there is nothing to copy.

        A failure (a full disk above all) raises the German ``FileAccessError`` of
        ``errors.file_error`` and leaves the existing backups as they were.
        """
        try:
            payload = self.store_path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise file_error(exc, self.store_path) from exc
        if not payload:
            return None
        now = now or datetime.now()
        stamp = now.strftime("%Y%m%d-%H%M%S")
        try:
            private_folder(self.folder)
            # several backups within one second (of any reasons) are numbered, so that the names
            # keep their order: list() sorts by (second, number)
            taken = [int(m["n"] or 1) for p in self.folder.iterdir()
                     if (m := self._name_re.match(p.name)) and m["stamp"] == stamp]
        except OSError as exc:
            raise file_error(exc, self.folder, needed=len(payload)) from exc
        n = max(taken, default=0) + 1
        name = f"{stamp}-{reason}" if n == 1 else f"{stamp}-{n}-{reason}"
        path = self.folder / f"{self.store_path.stem}-{name}.json"
        atomic_write_bytes(path, payload)
        try:
            self.rotate()
        except OSError:
            pass  # the new backup is complete; an old one that could not go is rotated next time
        return Backup(path, now.replace(microsecond=0), reason, len(payload))

    def has_backup_on(self, day: datetime) -> bool:
        """True if a daily backup was made on the day of ``day``."""
        return any(b.reason == DAILY and b.created.date() == day.date() for b in self.list())

    def rotate(self) -> None:
        """Keep the newest 14 daily backups and the newest 10 of every other reason."""
        seen: dict[str, int] = {}
        for backup in self.list():
            seen[backup.reason] = seen.get(backup.reason, 0) + 1
            if seen[backup.reason] > KEEP.get(backup.reason, KEEP_DEFAULT):
                backup.path.unlink(missing_ok=True)

    def find(self, name: str) -> Backup:
        """The backup called ``name`` (file name, or a unique prefix of it)."""
        backups = self.list()
        exact = [b for b in backups if b.name == name]
        if exact:
            return exact[0]
        matches = [b for b in backups if b.name.startswith(name)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise StoreError(f"Keine Sicherung namens {name!r} gefunden.")
        raise StoreError(f"{name!r} passt auf {len(matches)} Sicherungen; bitte genauer angeben.")

    def verify(self, backup: Backup) -> None:
        """Raise ``CorruptStoreError`` unless the backup parses as a store file."""
        if parse_store_bytes(backup.path, backup.path.read_bytes()) is None:
            raise StoreError(f"Die Sicherung {backup.name} ist leer.")

    def restore_file(self, backup: Backup) -> Backup | None:
        """Put ``backup`` in place of the store file (after backing up the current file).

        The caller must not hold the store open: use ``Store.restore_backup`` for an open store.
        Returns the backup made of the current state.
        """
        self.verify(backup)
        saved = self.create(BEFORE_RESTORE)
        atomic_write_bytes(self.store_path, backup.path.read_bytes())
        os.utime(self.store_path)
        return saved
