"""Errors of the store. Every message is German and meant to be shown to the user as it is."""

from __future__ import annotations

import errno
import json
import shutil
from pathlib import Path
from typing import Any


def store_command(path: Path | str, *words: str) -> str:
    """``asskomm <words> --db '<path>'``: a command line for this very store, ready to paste."""
    from .messages import shell_quote

    return " ".join(("asskomm", *words, "--db", shell_quote(str(path))))


class StoreError(Exception):
    """Base of every error the store reports to the user."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class CorruptStoreError(StoreError, json.JSONDecodeError):
    """The store file exists but cannot be read as a store. It is never overwritten.

    Subclasses ``json.JSONDecodeError`` so that code written for TinyDB's ``JSONStorage``
    (which raises that) keeps working with ``DurableJSONStorage``.
    """

    def __init__(self, path: Path | str, detail: str, doc: str = "", pos: int = 0) -> None:
        from .messages import STORE_CORRUPT

        self.path = Path(path)
        self.detail = detail
        # the commands name this very file: a bare 'asskomm backup list' would show the backups of
        # the default store, and restoring one of those would put the wrong data in place
        msg = STORE_CORRUPT.format(path=self.path, detail=detail,
                                   list_command=store_command(self.path, "backup", "list"),
                                   restore_command=store_command(self.path, "backup", "restore", "NAME"))
        json.JSONDecodeError.__init__(self, msg, doc, pos)
        self.args = (msg,)

    def __str__(self) -> str:
        return self.args[0]

    def __reduce__(self):  # keeps the error picklable across worker processes
        return (self.__class__, (self.path, self.detail))


class StoreNotFoundError(StoreError):
    """A command that only reads found no store file (it never creates one)."""

    def __init__(self, path: Path | str, empty: bool = False) -> None:
        from .messages import STORE_EMPTY, STORE_NOT_FOUND

        self.path = Path(path)
        super().__init__((STORE_EMPTY if empty else STORE_NOT_FOUND).format(path=self.path))


class ReadOnlyStoreError(StoreError):
    """A write was attempted on a store opened with ``Store.snapshot``."""

    def __init__(self, path: Path | str) -> None:
        from .messages import STORE_READ_ONLY

        self.path = Path(path)
        super().__init__(STORE_READ_ONLY.format(path=self.path))


class StoreLockedError(StoreError):
    """Another process has this store open."""

    def __init__(self, path: Path | str, owner: str = "") -> None:
        self.path = Path(path)
        who = f" (Prozess {owner})" if owner else ""
        super().__init__(
            f"Der Speicher {self.path} ist bereits in einem anderen asskomm-Fenster geöffnet{who}. "
            "Bitte dort weiterarbeiten oder das andere Fenster schließen."
        )


class SchemaTooNewError(StoreError):
    """The store was written by a newer asskomm with a schema this version does not know."""

    def __init__(self, path: Path | str, found: int, supported: int) -> None:
        super().__init__(
            f"Der Speicher {path} hat das Schema {found}, diese asskomm-Version kennt nur bis "
            f"Schema {supported}. Bitte asskomm aktualisieren."
        )


class RecordNotFoundError(StoreError):
    """A record asked for by id does not exist (or is deleted)."""


class InvalidInputError(StoreError):
    """User input that fails validation; the message names the field in German."""


class StaleEditError(StoreError):
    """The record changed since the form (or the conflict screen) was opened."""


class FileAccessError(StoreError):
    """The operating system refused to read or write a file (see ``file_error``); the message is German.

    ``errno`` is the operating system's error number, ``path`` the file (or folder) concerned.
    """

    def __init__(self, message: str, path: Path | None = None, errno: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.errno = errno


class DiskFullError(FileAccessError):
    """A write found no room on the disk (or in the user's quota, or the file grew too big).

    ``needed``: bytes the write needed (None if unknown); ``free``: bytes free on that disk then
    (None if unknown).
    """

    def __init__(self, message: str, path: Path | None = None, errno: int | None = None,
                 needed: int | None = None, free: int | None = None) -> None:
        super().__init__(message, path, errno)
        self.needed = needed
        self.free = free


def free_bytes(folder: Path) -> int | None:
    """Bytes an unprivileged user may still write on the disk of ``folder`` (its nearest existing
    parent); None if the system cannot tell."""
    for candidate in (folder, *folder.parents):
        try:
            return shutil.disk_usage(candidate).free
        except OSError:
            continue
    return None


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def file_error(exc: OSError, path: Path | str | None = None, needed: int | None = None,
               replacing: bool = False) -> FileAccessError:
    """The German error a user sees for an ``OSError`` of the operating system (never its English text alone).

    ``path`` names the file concerned when the ``OSError`` does not (``os.write`` names none);
    ``needed`` is the size of the payload a failed write wanted to put on the disk; ``replacing``
    says the error came from renaming the finished temp file over ``path`` (on Windows: another
    program has it open). A full disk reports how much the write needs and how much is free, so
    the user knows how much room to make; call this after the failed write's temp file is gone.
    """
    from . import messages as M

    code = exc.errno
    where = Path(path) if path else (Path(exc.filename) if exc.filename else None)
    folder = None if where is None else (where if _is_dir(where) else where.parent)
    target = str(where) if where is not None else M.FILE_UNNAMED
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        free = free_bytes(folder) if folder is not None else None
        values = {"folder": folder, "path": target, "needed": M.fmt_size(needed or 0),
                  "free": M.fmt_size(free) if free is not None else M.SIZE_UNKNOWN}
        if folder is None:
            text = M.DISK_FULL_SOMEWHERE
        elif code == errno.EFBIG:
            text = M.FILE_TOO_BIG
        elif code == errno.EDQUOT:
            text = M.QUOTA_EXCEEDED if needed is not None else M.QUOTA_EXCEEDED_NO_SIZE
        else:
            text = M.DISK_FULL if needed is not None else M.DISK_FULL_NO_SIZE
        return DiskFullError(text.format(**values), where, code, needed, free)
    if replacing and isinstance(exc, PermissionError):
        text = M.FILE_IN_USE
    elif isinstance(exc, PermissionError):
        text = M.NO_PERMISSION
    elif code == errno.EROFS:
        text = M.READ_ONLY_DISK
    elif code == errno.EIO:
        text = M.IO_ERROR
    elif isinstance(exc, FileNotFoundError):
        text = M.FILE_NOT_FOUND
    elif isinstance(exc, IsADirectoryError):
        text = M.IS_A_FOLDER
    elif isinstance(exc, NotADirectoryError):
        text = M.NOT_A_FOLDER
    else:
        text = M.OS_ERROR_OTHER
    detail = exc.strerror or exc.__class__.__name__
    return FileAccessError(text.format(path=target, folder=folder or M.FOLDER_UNNAMED, errno=code or "?",
                                       detail=detail),
                           where, code)


def validation_detail(exc: Any, prefix: str = "") -> str:
    """The first three problems of a pydantic ``ValidationError`` as "where: what", in German.

    Our own validators raise German sentences (shown as they are); pydantic's built-in checks are
    translated by error type, never shown in English.
    """
    from .messages import VALIDATION, VALIDATION_OTHER

    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err["loc"])
        kind = err["type"]
        ctx = err.get("ctx") or {}
        if kind in ("value_error", "assertion_error"):
            msg = str(ctx.get("error", err["msg"]))
        elif kind in VALIDATION:
            try:
                msg = VALIDATION[kind].format(**ctx)
            except (KeyError, IndexError):
                msg = VALIDATION_OTHER
        else:
            msg = VALIDATION_OTHER
        parts.append(f"{prefix}{where}: {msg}" if where else f"{prefix}{msg}")
    return "; ".join(parts)
