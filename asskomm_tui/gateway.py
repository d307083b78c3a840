"""The one door from the UI to the store: every call runs on a single background thread.

TinyDB is not thread-safe, and a save must never be cancelled half-way, so instead of cancelling
workers the gateway queues every call on one dedicated thread, in order. The event loop only awaits.

Read-only (``asskomm --lesen``): the store is a snapshot of the file (``Store.snapshot``: no lock, no
backup, no migration written, nothing created), read again by ``refresh`` when the window that holds
the store has saved. Every write is refused with ``ReadOnlyStoreError`` (German): TinyDB writes and
transactions by the snapshot itself, drafts, backups and restores here, so nothing reaches the disk
even if a screen offered a way to write.
"""

from __future__ import annotations

import asyncio
import os
from datetime import datetime
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, Callable, TypeVar

from storage import ReadOnlyStoreError, Repositories, Store

T = TypeVar("T")


class StoreGateway:
    """Owns the open store and the thread that talks to it."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.store: Store | None = None
        self.repos: Repositories | None = None
        # the file as the snapshot saw it (mtime, size, inode): a save by the other window changes it
        self._stamp: tuple[int, int, int] | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="asskomm-store")
        self.closed = False  # the app is quitting: background work (the search index) is not started

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(*args, **kwargs)`` on the store thread and return its result (or raise its error)."""
        if self.read_only and fn in _CLOSED_STORE_WRITERS:
            raise ReadOnlyStoreError(self.path)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(fn, *args, **kwargs))

    def open(self) -> Repositories:
        """Open the store (on the store thread: call through ``call``); a snapshot if read-only."""
        if self.read_only:
            self._stamp = file_stamp(self.path)  # before the read: a save during it is seen next time
            self.store = read_only_snapshot(self.path)
        else:
            self.store = Store.open(self.path)
        self.repos = Repositories(self.store)
        return self.repos

    @property
    def saved_at(self) -> datetime | None:
        """Read-only: when the file this snapshot shows was last saved (its modification time)."""
        return datetime.fromtimestamp(self._stamp[0] / 1e9) if self._stamp else None

    def refresh(self) -> bool:
        """Read-only: read the file again if it changed since the snapshot (store thread); True if so.

        The new snapshot replaces the old one only once it was read whole; a file that cannot be read
        now (being restored, damaged) raises and leaves the old snapshot in place. Its ``version``
        continues the old one's, so every screen sees that its data is stale.
        """
        if not self.read_only or self.store is None:
            return False
        stamp = file_stamp(self.path)
        if stamp == self._stamp:
            return False
        fresh = read_only_snapshot(self.path)
        fresh.version += self.store.version
        old = self.store
        self.store, self.repos, self._stamp = fresh, Repositories(fresh), stamp
        old.close()
        return True

    def close(self) -> None:
        """Close the store after every queued call has finished."""
        def _close() -> None:
            if self.store is not None:
                self.store.close()

        self.closed = True
        self._executor.submit(_close).result()
        self._executor.shutdown(wait=True)


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    """When the file was last replaced, as (mtime in ns, size, inode); None if it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def read_only_snapshot(path: Path) -> Store:
    """``Store.snapshot`` with its drafts and backups refusing to write too."""
    store = Store.snapshot(path)
    store.drafts = ReadOnlyDrafts(store.path)  # type: ignore[assignment]
    store.backups = ReadOnlyBackups(store.backups, store.path)  # type: ignore[assignment]
    return store


class ReadOnlyDrafts:
    """The drafts of a read-only window: there are none, and none are written.

    The drafts beside the store belong to the window that holds it (it offers them on its next
    start); this window neither lists nor removes them. ``delete`` does nothing, so that leaving a
    (locked) form works as usual; ``save`` refuses.
    """

    def __init__(self, store_path: Path) -> None:
        self.store_path = store_path

    def save(self, key: str, payload: dict[str, Any]) -> None:
        """Refused: a read-only window writes no draft."""
        raise ReadOnlyStoreError(self.store_path)

    def load(self, key: str) -> None:
        """No draft of this window's own."""
        return None

    def delete(self, key: str) -> None:
        """Nothing to remove (this window wrote none), and the other window's drafts stay."""

    def list(self) -> list[Any]:
        """None: the other window's drafts are not this one's to restore."""
        return []


class ReadOnlyBackups:
    """The store's backups, listed; making or restoring one is refused."""

    def __init__(self, backups: Any, store_path: Path) -> None:
        self._backups = backups
        self.store_path = store_path

    def __getattr__(self, name: str) -> Any:
        if name in ("create", "rotate", "restore_file"):
            return self._refuse
        return getattr(self._backups, name)

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise ReadOnlyStoreError(self.store_path)


# Calls that write a store without opening it (the error screen's restore): refused read-only.
_CLOSED_STORE_WRITERS: frozenset[Any] = frozenset({Store.restore_closed})
