"""Reading a store without its lock: the whole file read at once into memory, never written.

Writers replace the store file atomically (``durable.atomic_write_bytes``), so one read of the
whole file sees one complete state, whether or not another process has the store open. The file
is opened, read and closed in one call: on Windows an open handle would make the writer's rename
fail. ``Store.snapshot`` builds a read-only ``Store`` on this storage for ``import --dry-run``,
``strategy export`` and the search and report commands; ``check`` reads the file the same way
(``check.check_store``), without a ``Store``, so that it can list what is wrong with a damaged one.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from tinydb.storages import Storage

from .durable import DocumentHook, load_tables, parse_store_bytes
from .errors import ReadOnlyStoreError, StoreNotFoundError


def read_store_file(path: Path) -> bytes:
    """The store file's bytes, in one read that closes the file at once.

    ``StoreNotFoundError`` for a missing or empty file: a reader creates nothing.
    """
    try:
        payload = path.read_bytes()
    except FileNotFoundError:
        raise StoreNotFoundError(path) from None
    if not payload.strip():
        raise StoreNotFoundError(path, empty=True)
    return payload


class SnapshotStorage(Storage):
    """A TinyDB storage over bytes read once: reads work, every write raises ``ReadOnlyStoreError``.

    Offers what ``Store`` uses of ``DurableJSONStorage`` (``on_document``, ``discard_cache``,
    ``batch``); documents stay views of the bytes until asked for, as in the lazy durable storage.
    """

    lazy = True

    def __init__(self, path: Path, payload: bytes) -> None:
        super().__init__()
        self.path = Path(path)
        self._payload = payload
        self._cache: dict[str, Any] | None = None
        self._batch_depth = 0
        self.on_document: DocumentHook | None = None
        self.writes = 0

    def read(self) -> dict[str, Any] | None:
        if self._cache is None:
            self._cache = self._load()
        return self._cache

    def _load(self) -> dict[str, Any] | None:
        tables = load_tables(self._payload, keep_bytes=True, on_document=self.on_document)
        if tables is not None:
            return tables
        tables = parse_store_bytes(self.path, self._payload)  # valid JSON in another layout
        if tables is not None and self.on_document is not None:
            for name, docs in tables.items():
                for doc_id, doc in docs.items():
                    self.on_document(name, doc_id, doc)
        return tables

    def write(self, data: dict[str, Any]) -> None:
        self._cache = None  # TinyDB changed the dict in place before asking to write
        raise ReadOnlyStoreError(self.path)

    def close(self) -> None:
        """Nothing to close: the file was closed right after it was read."""

    @property
    def payload(self) -> bytes:
        """The bytes this snapshot was read from."""
        return self._payload

    def replace_payload(self, payload: bytes) -> None:
        """Read from ``payload`` from now on (an older schema, upgraded in memory only)."""
        self._payload = payload
        self._cache = None

    def discard_cache(self) -> None:
        """Forget the parsed state; the next read parses the snapshot's bytes again (not the file)."""
        self._cache = None

    @contextmanager
    def batch(self) -> Iterator[None]:
        """For the store's transactions; any write inside still raises."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
