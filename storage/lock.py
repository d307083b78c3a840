"""One process per store: an exclusive, non-blocking lock on ``<store>.lock``.

The operating system releases the lock when the process dies (also on SIGKILL or power loss), so a
leftover lock file never blocks a later start; only a live owner does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .durable import private_folder
from .errors import StoreLockedError


def lock_path(store_path: Path) -> Path:
    """The lock file that belongs to ``store_path``."""
    return store_path.with_name(store_path.name + ".lock")


class StoreLock:
    """Holds the exclusive lock of one store for the lifetime of the object (or until ``release``)."""

    def __init__(self, store_path: Path) -> None:
        self.path = lock_path(Path(store_path))
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise ``StoreLockedError`` naming the owner's process id."""
        private_folder(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:
            owner = _read_owner(fd)
            os.close(fd)
            raise StoreLockedError(self.path.with_name(self.path.name[: -len(".lock")]), owner) from None
        try:
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
        except OSError:
            pass  # the owner's pid only makes the "already open" message nicer; a full disk must not stop the open
        self._fd = fd

    def release(self) -> None:
        """Give the lock back (the file stays; it is harmless without an owner)."""
        if self._fd is None:
            return
        try:
            _unlock(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> "StoreLock":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read_owner(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:
        return ""


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
