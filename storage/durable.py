"""``DurableJSONStorage``: a TinyDB storage that never leaves a half-written or emptied file.

Every write serializes the whole database (orjson), writes it to a temporary file in the same
folder, flushes and fsyncs it, renames it over the store with ``os.replace`` (atomic on POSIX and
Windows) and fsyncs the folder so the rename itself survives a power cut. A file that cannot be
parsed is reported with ``CorruptStoreError`` and left untouched: it is never read as empty. A write
the operating system refuses (a full disk above all) leaves the old file and raises a German
``FileAccessError``/``DiskFullError`` naming the space it needs.

It is a drop-in for TinyDB's ``JSONStorage`` (same constructor, ``access_mode``, ``create_dirs``,
``encoding`` and json keyword arguments) and passes TinyDB's own storage tests. By default it
(de)serializes with the json module like ``JSONStorage`` and parses afresh on every read, so every
value json accepts round-trips unchanged (integers beyond 64 bits, NaN, non-string keys, any JSON
object at the top) and changing a dict given to or got from TinyDB never changes what is stored.
``lazy=True`` (for ``Store``, which never queries through TinyDB) instead keeps the last state in
memory, so TinyDB's read-before-every-write costs nothing, and writes with orjson in the layout of
``dump_tables``. Both offer ``batch()`` to turn several TinyDB operations into one physical write.
"""

from __future__ import annotations

import json
import os
import re
import time
import uuid
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import orjson
from tinydb.storages import Storage, touch

from .errors import CorruptStoreError, file_error

TEMP_MARK = ".tmp-"
STALE_TEMP_SECONDS = 60.0


def temp_files(path: Path) -> list[Path]:
    """Temporary files a writer of ``path`` may have left behind."""
    prefix = f".{path.name}{TEMP_MARK}"
    try:
        return [p for p in path.parent.iterdir() if p.name.startswith(prefix)]
    except FileNotFoundError:
        return []


def remove_temp_files(path: Path, older_than: float = 0.0) -> int:
    """Delete leftover temp files of ``path`` older than ``older_than`` seconds; returns the count."""
    now = time.time()
    removed = 0
    for tmp in temp_files(path):
        try:
            if now - tmp.stat().st_mtime >= older_than:
                tmp.unlink()
                removed += 1
        except FileNotFoundError:
            pass
    return removed


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (no-op where directories cannot be opened, i.e. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# Windows refuses to rename over a file another process has open (a reader, a virus scanner, a
# backup tool) with PermissionError; such handles are short-lived, so the rename is retried for
# about a second before the save is reported as failed.
REPLACE_RETRY_DELAYS = (0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.2, 0.25)


def _replace(tmp: Path, path: Path) -> None:
    for delay in REPLACE_RETRY_DELAYS:
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            time.sleep(delay)
    os.replace(tmp, path)


def private_folder(path: Path | str) -> None:
    """Create the folder ``path`` and its missing parents readable by this user only (0700).

    Folders that already exist are left as they are: ``--db ~/akte.json`` must not lock the user out
    of their own home folder's sharing. Files are created 0600 (``atomic_write_bytes``, the lock).
    """
    missing = []
    folder = Path(path)
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made meanwhile by another process: theirs to decide
        os.chmod(folder, 0o700)  # mkdir's mode is narrowed by the umask, never widened: say it exactly


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` so that ``path`` holds either the old or the new bytes, never less.

    A failure leaves ``path`` as it was and no temp file behind, and raises the German
    ``FileAccessError`` of ``errors.file_error`` (``DiskFullError`` with the space needed when the
    disk is full), never a bare ``OSError``.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{uuid.uuid4().hex[:8]}")
    replacing = False
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            try:
                view = memoryview(payload)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
                os.fsync(fd)
            finally:
                os.close(fd)  # may itself report a failed write (network drives)
            replacing = True
            _replace(tmp, path)
        except BaseException:
            _discard(tmp)
            raise
    except OSError as exc:
        # the temp file is gone by now, so the free space reported is what the user really has
        raise file_error(exc, path, needed=len(payload), replacing=replacing) from exc
    fsync_dir(path.parent)


def _discard(tmp: Path) -> None:
    try:
        tmp.unlink(missing_ok=True)
    except OSError:
        pass  # a leftover temp file is removed on the next open; the write's own error matters


def parse_store_bytes(path: Path, raw: bytes, encoding: str | None = None,
                      exact: bool = False) -> dict[str, Any] | None:
    """Parse a store file's bytes; None for an empty file; ``CorruptStoreError`` for anything else odd.

    ``exact`` parses with the json module, as ``JSONStorage`` does (orjson turns integers beyond
    64 bits into floats and refuses NaN); otherwise orjson, which is faster.
    """
    if not raw:
        return None
    try:
        if exact or (encoding and encoding.replace("-", "").lower() not in ("utf8", "ascii")):
            text = raw.decode(encoding or "utf-8")
            data = json.loads(text)
        else:
            data = orjson.loads(raw)
    except UnicodeDecodeError as exc:
        raise CorruptStoreError(path, f"keine gültige Textkodierung an Byte {exc.start}") from None
    except (orjson.JSONDecodeError, json.JSONDecodeError) as exc:
        pos = getattr(exc, "pos", 0) or 0
        raise CorruptStoreError(path, f"kein gültiges JSON an Zeichen {pos}") from None
    if not isinstance(data, dict):
        raise CorruptStoreError(path, "oberste Ebene ist kein JSON-Objekt")
    return data


_TABLE_RE = re.compile(rb'^(\{|\},)("(?:[^"\\]|\\.)*"):\{$')

DocumentHook = Callable[[str, str, dict[str, Any]], None]


RawDocument = (bytes, memoryview)


def dump_tables(tables: dict[str, Any]) -> bytes:
    """Serialize TinyDB tables with one document per line.

    The result is ordinary JSON; the layout lets ``load_tables`` keep each document as a view of
    its bytes (a 20,000-visit store then needs about its file size in memory, not ten times that)
    and makes a save a concatenation instead of a re-serialization of unchanged documents.
    Document values may be dicts or the raw JSON bytes of a dict (bytes or memoryview).
    """
    parts: list[Any] = [b"{"]
    for i, (name, docs) in enumerate(tables.items()):
        parts.append((b"\n}," if i else b"") + orjson.dumps(name) + b":{")
        sep = b"\n"
        for doc_id, doc in docs.items():
            parts.append(sep + orjson.dumps(str(doc_id)) + b":")
            parts.append(doc if isinstance(doc, RawDocument) else orjson.dumps(doc))
            sep = b",\n"
    parts.append(b"\n}}\n" if tables else b"}\n")
    return b"".join(parts)


def load_tables(raw: bytes, keep_bytes: bool, on_document: DocumentHook | None = None) -> dict[str, Any] | None:
    """Parse a file written by ``dump_tables``; None if the bytes are not in that layout.

    Every document is parsed (so a damaged one is found). With ``keep_bytes`` a table keeps a
    memoryview of the document's JSON instead of the dict (except tables whose name starts with
    "_": small metadata read often). ``on_document(table, doc_id, doc)`` sees each parsed dict.
    """
    if raw in (b"{}\n", b"{}"):
        return {}
    view = memoryview(raw)
    size = len(raw)
    end_of_file = size - 1 if raw.endswith(b"\n") else size
    tables: dict[str, Any] = {}
    current: dict[str, Any] | None = None
    name = ""
    more = False  # the previous document line ended with a comma
    start = 0
    first = True
    while start < end_of_file:
        stop = raw.find(b"\n", start)
        if stop < 0 or stop > end_of_file:
            stop = end_of_file
        head = raw[start:start + 1]
        if current is None or head == b"}":
            line = raw[start:stop]
            if more:
                return None
            if stop == end_of_file and line == b"}}" and current is not None:
                return tables
            m = _TABLE_RE.match(line)
            if not m or first != (m[1] == b"{"):
                return None
            first = False
            name = orjson.loads(m[2])
            if name in tables:
                return None
            current = tables[name] = {}
            start = stop + 1
            continue
        # '"<doc id>":{...}' with an optional trailing comma; doc ids are plain (no escapes)
        split = raw.find(b'":{', start, stop)
        if split < start + 2 or head != b'"' or (current and not more):
            return None
        key = raw[start + 1:split]
        if b"\\" in key or b'"' in key:
            return None
        more = raw[stop - 1:stop] == b","
        body = view[split + 2:stop - 1 if more else stop]
        try:
            doc = orjson.loads(body)
        except orjson.JSONDecodeError:
            return None
        if not isinstance(doc, dict):
            return None
        doc_id = key.decode("utf-8", "replace")
        if on_document is not None:
            on_document(name, doc_id, doc)
        current[doc_id] = body if keep_bytes and not name.startswith("_") else doc
        start = stop + 1
    return None


class DurableJSONStorage(Storage):
    """Crash-safe JSON storage for TinyDB (see module docstring)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        create_dirs: bool = False,
        encoding: str | None = None,
        access_mode: str = "r+",
        lazy: bool = False,
        on_document: DocumentHook | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self._mode = access_mode
        self._encoding = encoding
        self.kwargs = kwargs
        # lazy: documents stay JSON bytes in memory until TinyDB replaces them (see dump_tables);
        # only for callers that never query through TinyDB, like ``Store``. Without it the
        # storage behaves like JSONStorage (see the module docstring).
        self.lazy = lazy
        self.on_document = on_document
        if access_mode not in ("r", "rb", "r+", "rb+"):
            warnings.warn(
                "Using an `access_mode` other than 'r', 'rb', 'r+' or 'rb+' can cause data loss or corruption"
            )
        self.writable = any(c in access_mode for c in "+wa")
        if self.writable:
            touch(str(self.path), create_dirs=create_dirs)
        # Opening checks existence and permissions up front, like JSONStorage; the handle is
        # closed around every replace so that Windows can rename over the file.
        self._handle = open(self.path, "rb")
        self._cache: dict[str, Any] | None = None  # lazy mode: the current state
        self._pending: bytes | None = None  # default mode: the serialized state not yet on disk
        self._batch_depth = 0
        self._dirty = False
        self.writes = 0
        if self.writable:
            remove_temp_files(self.path, older_than=STALE_TEMP_SECONDS)

    # -- TinyDB's Storage interface ---------------------------------------------------------
    def read(self) -> dict[str, Any] | None:
        if not self.lazy:
            # fresh objects on every read, like JSONStorage: callers may change what they get
            return self._load(self._pending if self._pending is not None else self._read_file())
        if self._cache is None:
            self._cache = self._load(self._read_file())
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        if not self.writable:
            self._cache = None  # TinyDB changed the dict in place before asking to write
            raise IOError(f'Cannot write to the database. Access mode is "{self._mode}"')
        if self.lazy:
            self._cache = data
        else:
            # serialized now: what the caller does to ``data`` afterwards is not stored
            self._pending = self.serialize(data)
        if self._batch_depth:
            self._dirty = True
            return
        self._flush()

    def close(self) -> None:
        self._handle.close()

    # -- extras -------------------------------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator[None]:
        """Collect every write inside the block into one durable write at its end.

        If the block raises, nothing is written and the in-memory state is dropped, so the next
        read sees the file as it was: all or nothing.
        """
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            if self._batch_depth == 0:
                self._dirty = False
                self._cache = None
                self._pending = None
            raise
        self._batch_depth -= 1
        if self._batch_depth == 0 and self._dirty:
            self._dirty = False
            self._flush()

    def discard_cache(self) -> None:
        """Forget the in-memory state; the next read goes to the file as it is on disk now.

        The handle is reopened: if the file was replaced behind the storage's back (a restored
        backup), the old handle would still read the replaced, unlinked content.
        """
        self._cache = None
        self._pending = None
        self._handle.close()
        self._handle = open(self.path, "rb")

    def serialize(self, data: dict[str, Any]) -> bytes:
        """The file's bytes for ``data``: ``dump_tables`` in lazy mode, else json like JSONStorage."""
        if (not self.lazy or self.kwargs
                or (self._encoding and self._encoding.replace("-", "").lower() != "utf8")):
            text = json.dumps(data, **self.kwargs)
            return text.encode(self._encoding or "utf-8")
        return dump_tables(data)

    def _read_file(self) -> bytes:
        if not self.lazy:
            # by name, not by handle: another instance may have replaced the file since (JSONStorage
            # instances see each other's in-place writes, so ours must see the replacements)
            return self.path.read_bytes()
        self._handle.seek(0)
        return self._handle.read()

    def _load(self, raw: bytes) -> dict[str, Any] | None:
        if self.lazy and not self.kwargs and not self._encoding:
            tables = load_tables(raw, keep_bytes=True, on_document=self.on_document)
            if tables is not None:
                return tables
        tables = parse_store_bytes(self.path, raw, self._encoding, exact=not self.lazy)
        if tables is not None and self.on_document is not None:
            for name, docs in tables.items():
                for doc_id, doc in docs.items():
                    self.on_document(name, doc_id, doc)
        return tables

    def _flush(self) -> None:
        try:
            if self.lazy:
                assert self._cache is not None
                payload = self.serialize(self._cache)
            else:
                assert self._pending is not None
                payload = self._pending
            self._handle.close()
            try:
                atomic_write_bytes(self.path, payload)
            finally:
                self._handle = open(self.path, "rb")
        except BaseException:
            # Memory may now be ahead of the file: forget it so that the file stays the truth.
            self._cache = None
            raise
        finally:
            self._pending = None
        self.writes += 1
