"""A damaged store file and a store open in another window: German message, backups, exit code."""

from __future__ import annotations

import json

from asskomm_tui.screens.loading import StoreErrorScreen
from asskomm_tui.screens.overview import OverviewScreen
from storage import Store
from storage.backups import BackupManager
from storage.lock import StoreLock
from ui_helpers import demo_store, disk_records, press, q, row_keys, rows, running, screen_text, static_text

DAMAGED = b'{"_local": {"1": {"device_id": "abc"}}, "commune": {"1": {"kind": "comm'


def damaged_store_with_backup(tmp_path):
    path = demo_store(tmp_path)
    Store.open(path).close()  # opening makes the day's backup
    (daily,) = BackupManager(path).list()
    path.write_bytes(DAMAGED)
    return path, daily


async def test_corrupt_store_shows_german_error_and_backups_and_changes_nothing(tmp_path):
    path, daily = damaged_store_with_backup(tmp_path)
    async with running(path) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, StoreErrorScreen)
        message = static_text(q(app, "#store-error-message"))
        assert f"Die Datei {path} ist beschädigt" in message
        assert "Sie wurde nicht verändert." in message
        text = screen_text(app)
        assert "Der Speicher kann nicht geöffnet werden" in text
        assert "beschädigt" in text
        assert "Enter stellt die gewählte Sicherung wieder her, Strg+Q beendet." in text
        table = q(app, "#backups")
        assert row_keys(table) == [daily.name]
        assert rows(table)[0][1] == "täglich"
        assert "täglich" in text
        # the other keys do nothing here
        await press(pilot, "f3", "ctrl+n", "f9")
        assert app.screen is screen
        await press(pilot, "ctrl+q")
    assert app.return_code == 1
    assert path.read_bytes() == DAMAGED
    assert BackupManager(path).list() == [daily]  # no backup of the damaged file either


async def test_corrupt_store_restore_from_backup(tmp_path):
    path, daily = damaged_store_with_backup(tmp_path)
    backup_content = json.loads(daily.path.read_bytes())
    async with running(path) as (app, pilot):
        assert isinstance(app.screen, StoreErrorScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, OverviewScreen)
        assert app.ready
        assert static_text(q(app, "#greeting")).startswith("Guten Tag, ")
        await press(pilot, "ctrl+q")
    assert app.return_code == 0  # the store works again: a normal end
    assert disk_records(path, "visit") == {d["id"]: d for d in backup_content["visit"].values()}
    reasons = sorted(b.reason for b in BackupManager(path).list())
    assert reasons == ["taeglich", "vor-wiederherstellung"]
    saved = next(b for b in BackupManager(path).list() if b.reason == "vor-wiederherstellung")
    assert saved.path.read_bytes() == DAMAGED  # the damaged file is kept, not lost


async def test_corrupt_store_without_backup_says_how_to_quit(tmp_path):
    path = tmp_path / "kaputt.json"
    path.write_bytes(DAMAGED)
    async with running(path) as (app, pilot):
        assert isinstance(app.screen, StoreErrorScreen)
        assert "Strg+Q beendet asskomm." in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, StoreErrorScreen)
        await press(pilot, "ctrl+q")
    assert app.return_code == 1
    assert path.read_bytes() == DAMAGED


async def test_locked_store_shows_message_and_exits_with_1(tmp_path):
    path = demo_store(tmp_path)
    store_bytes = path.read_bytes()
    lock = StoreLock(path)
    lock.acquire()  # another asskomm window has the store open
    try:
        async with running(path) as (app, pilot):
            assert isinstance(app.screen, StoreErrorScreen)
            message = static_text(q(app, "#store-error-message"))
            assert f"Der Speicher {path} ist bereits in einem anderen asskomm-Fenster geöffnet" in message
            text = screen_text(app)
            assert "bereits in einem anderen asskomm-Fenster geöffnet" in text
            assert "Strg+Q beendet asskomm." in text
            assert not app.screen.query("#backups")
            await press(pilot, "ctrl+q")
            assert not app.is_running
    finally:
        lock.release()
    assert app.return_code == 1
    assert path.read_bytes() == store_bytes
