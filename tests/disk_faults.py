"""A full disk on demand, for the files of one store only: the writer in storage/durable.py sees an
``os`` whose ``write`` fails with ENOSPC (after part of the data fits, as on a real disk) for the
files a test names; everything else in the process writes as usual.

``install_from_env`` does the same for a subprocess (the CLI): a ``sitecustomize.py`` calls it when
``ASSKOMM_TEST_FULL_DISK`` names folders (``os.pathsep``-separated) whose files cannot be written.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from typing import Any, Callable

ENV = "ASSKOMM_TEST_FULL_DISK"
FREE_BYTES = 3_250_000  # what the full disk reports as free (shutil.disk_usage)


class FullDisk:
    """Stands in for the ``os`` module inside ``storage.durable``; ``active = False`` frees the space."""

    def __init__(self, matches: Callable[[str], bool], code: int = errno.ENOSPC) -> None:
        self.matches = matches
        self.code = code
        self.active = True
        self.failures = 0  # writes refused so far
        self._files: dict[int, str] = {}
        self._started: set[int] = set()

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def open(self, path: Any, flags: int, mode: int = 0o777, *args: Any, **kwargs: Any) -> int:
        fd = os.open(path, flags, mode, *args, **kwargs)
        self._files[fd] = os.fspath(path)
        return fd

    def write(self, fd: int, data: Any) -> int:
        path = self._files.get(fd)
        if self.active and path is not None and self.matches(path):
            if fd not in self._started and len(data) > 1:
                self._started.add(fd)  # the first chunk half fits, the rest does not
                return os.write(fd, bytes(data[: len(data) // 2]))
            self.failures += 1
            raise OSError(self.code, os.strerror(self.code))
        return os.write(fd, data)

    def close(self, fd: int) -> None:
        self._files.pop(fd, None)
        self._started.discard(fd)
        os.close(fd)


def under(*folders: Path | str) -> Callable[[str], bool]:
    """Files inside any of ``folders`` (at any depth)."""
    roots = [str(Path(f).absolute()) + os.sep for f in folders]
    return lambda path: any(str(Path(path).absolute()).startswith(root) for root in roots)


def store_file(store: Path) -> Callable[[str], bool]:
    """The temp files the writer makes for the store file itself (not its backups or drafts)."""
    prefix = f".{Path(store).name}.tmp-"
    folder = Path(store).absolute().parent
    return lambda path: Path(path).parent == folder and Path(path).name.startswith(prefix)


def small_free_space(folders: list[Path], free: int = FREE_BYTES) -> Callable[[Any], Any]:
    """A ``shutil.disk_usage`` that reports ``free`` bytes inside ``folders`` (real values elsewhere)."""
    real = shutil.disk_usage
    inside = under(*folders)

    def disk_usage(path: Any) -> Any:
        usage = real(path)
        if inside(os.path.join(os.fspath(path), "x")):
            return type(usage)(usage.total, usage.total - free, free)
        return usage

    return disk_usage


def install(matches: Callable[[str], bool], folders: list[Path], monkeypatch: Any = None) -> FullDisk:
    """Make the disk full for the files ``matches`` accepts (``folders``: where the disk reports
    little free space); with ``monkeypatch`` undone after the test."""
    from storage import durable

    fault = FullDisk(matches)
    usage = small_free_space(folders)
    if monkeypatch is not None:
        monkeypatch.setattr(durable, "os", fault)
        monkeypatch.setattr(shutil, "disk_usage", usage)
    else:
        durable.os = fault  # type: ignore[assignment]
        shutil.disk_usage = usage  # type: ignore[assignment]
    return fault


def install_from_env() -> None:
    """In a subprocess: a full disk for the folders named in ``$ASSKOMM_TEST_FULL_DISK``."""
    folders = [Path(f) for f in os.environ.get(ENV, "").split(os.pathsep) if f]
    if folders:
        install(under(*folders), folders)
