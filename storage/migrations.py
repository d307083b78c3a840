"""Store schema versions and the migrations between them.

A migration takes the raw TinyDB tables (``{table: {doc_id: doc}}``) of version N and changes
them in place to version N + 1. ``Store.open`` backs the file up, runs every pending migration
and writes the result once. To add a field later: give it a default in ``records.py`` (old
records stay valid), or register a migration here that fills it, and bump ``SCHEMA_VERSION``.
"""

from __future__ import annotations

from typing import Any, Callable

Tables = dict[str, dict[str, Any]]

SCHEMA_VERSION = 2
META_TABLE = "_meta"
META_DOC = "1"
# tables that are not synced records: schema metadata and device-local state
LOCAL_TABLES = frozenset({META_TABLE, "_local"})


def _tombstones_without_body(tables: Tables) -> None:
    """1 → 2: tombstones keep no data (issue 10). Each stored tombstone that still has its body
    becomes its derived child without it (the same rev on every device, see ``tombstones.py``),
    and deleted records lose their archived revisions."""
    from datetime import datetime, timezone

    from .records import RECORD_TYPES
    from .tombstones import migrate_tables

    migrate_tables(tables, RECORD_TYPES, datetime.now(timezone.utc).replace(microsecond=0))


# from-version -> function that upgrades the tables to from-version + 1
MIGRATIONS: dict[int, Callable[[Tables], None]] = {1: _tombstones_without_body}


def schema_version(tables: Tables | None) -> int:
    """The schema version recorded in ``tables`` (0 for a store without one, i.e. a new file)."""
    if not tables:
        return 0
    meta = tables.get(META_TABLE, {}).get(META_DOC)
    return int(meta["schema_version"]) if meta else 0


def set_schema_version(tables: Tables, version: int) -> None:
    tables.setdefault(META_TABLE, {})[META_DOC] = {"schema_version": version}


def migrate(tables: Tables, target: int | None = None,
            migrations: dict[int, Callable[[Tables], None]] | None = None) -> list[int]:
    """Upgrade ``tables`` in place to ``target`` (default: ``SCHEMA_VERSION``); returns the versions migrated from."""
    target = SCHEMA_VERSION if target is None else target  # read now, not frozen at import
    migrations = MIGRATIONS if migrations is None else migrations
    done = []
    version = schema_version(tables)
    while 0 < version < target:
        step = migrations.get(version)
        if step is None:
            raise RuntimeError(f"no migration from schema {version}")
        step(tables)
        done.append(version)
        version += 1
        set_schema_version(tables, version)
    return done
