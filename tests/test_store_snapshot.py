"""``Store.snapshot``: the store read without its lock; repositories work, nothing can be written."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import storage.migrations
import storage.store
from storage import (
    CorruptStoreError,
    ReadOnlyStoreError,
    Repositories,
    SchemaTooNewError,
    Store,
    StoreNotFoundError,
)
from storage.demo import generate
from storage.records import Kind

TODAY = date(2026, 11, 26)


def folder_state(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def path(tmp_path) -> Path:
    path = generate(tmp_path / "store" / "s.json", visits=40, seed=2, end=TODAY)
    with Store.open(path) as store:  # the day's backup, so that a reader has no reason to make one
        Repositories(store).create_strategy("14628270", 2026, 2028, title="Sicher in Pirna")
    return path


def test_a_snapshot_answers_like_the_open_store(path):
    with Store.open(path) as store:
        repos = Repositories(store)
        expected = (repos.commune_rows(TODAY), repos.me(), repos.strategies("14628270"),
                    store.count(Kind.VISIT), store.local, store.conflicted())
    with Store.snapshot(path) as snap:
        repos = Repositories(snap)
        assert snap.read_only
        assert (repos.commune_rows(TODAY), repos.me(), repos.strategies("14628270"),
                snap.count(Kind.VISIT), snap.local, snap.conflicted()) == expected


def test_a_snapshot_reads_while_a_writer_holds_the_store_and_writes_nothing(path):
    with Store.open(path) as writer:
        before = folder_state(path.parent)
        snap = Store.snapshot(path)
        visit_id = next(iter(snap.summaries[Kind.VISIT]))
        record = snap.get(Kind.VISIT, visit_id)
        attempts = [
            lambda: snap.put(Kind.VISIT, visit_id, record.data.model_copy(update={"summary": "neu"})),
            lambda: snap.delete(Kind.VISIT, visit_id),
            lambda: snap.update_local(role="hq"),
            lambda: snap.setup_device("Eva Keller", "EK"),
            lambda: snap.backup(),
            lambda: snap.restore_backup(writer.backups.list()[0].name),
            lambda: Repositories(snap).create_strategy("14626110", 2026, 2026),
        ]
        for attempt in attempts:
            with pytest.raises(ReadOnlyStoreError) as err:
                attempt()
            assert "nur zum Lesen geöffnet" in err.value.message
        # memory is as it was, and so is the disk: no backup, no temp file, no draft folder
        assert snap.get(Kind.VISIT, visit_id) == record and snap.local.role == "consultant"
        snap.close()
        assert folder_state(path.parent) == before
        # the writer is not disturbed by the reader
        Repositories(writer).create_strategy("14626110", 2026, 2026)
    with Store.snapshot(path) as later:  # a new snapshot sees the writer's change
        assert len(Repositories(later).strategies("14626110")) == 1


def test_a_missing_or_empty_store_is_an_error_and_nothing_is_created(tmp_path):
    missing = tmp_path / "nirgends" / "s.json"
    with pytest.raises(StoreNotFoundError) as err:
        Store.snapshot(missing)
    assert err.value.message == f"Die Speicherdatei {missing} gibt es nicht."
    assert not missing.parent.exists()
    empty = tmp_path / "leer.json"
    empty.write_bytes(b"")
    with pytest.raises(StoreNotFoundError) as err:
        Store.snapshot(empty)
    assert "ist leer" in err.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leer.json"]  # no lock file either


def test_a_damaged_store_is_reported_with_the_command_for_its_backups(path):
    path.write_bytes(b'{"commune": {"1": {"kind": ')
    with pytest.raises(CorruptStoreError) as err:
        Store.snapshot(path)
    assert f"asskomm backup list --db '{path}'" in err.value.message


def test_a_newer_schema_is_refused_and_an_older_one_upgraded_in_memory_only(path, monkeypatch):
    tables = json.loads(path.read_bytes())
    tables["_meta"]["1"]["schema_version"] = 9
    newer = path.with_name("neuer.json")
    newer.write_text(json.dumps(tables), "utf-8")
    with pytest.raises(SchemaTooNewError):
        Store.snapshot(newer)

    old = path.read_bytes()

    def to_next(tables):
        tables["_local"]["1"]["migriert"] = "ja"

    current = storage.migrations.SCHEMA_VERSION  # a migration from today's schema to the next
    monkeypatch.setattr(storage.migrations, "MIGRATIONS", {current: to_next})
    monkeypatch.setattr(storage.migrations, "SCHEMA_VERSION", current + 1)
    monkeypatch.setattr(storage.store, "SCHEMA_VERSION", current + 1)
    with Store.snapshot(path) as snap:
        assert snap.migrated_from == [current] and snap.local.extra["migriert"] == "ja"
        assert snap.count(Kind.VISIT) == 40
    assert path.read_bytes() == old
