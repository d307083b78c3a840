"""Sicherungen (F9): list, create with s, restore with Enter after a confirmation."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from asskomm_tui.dialogs.backups import BackupsDialog
from asskomm_tui.dialogs.confirm import ConfirmDialog
from asskomm_tui.screens.overview import OverviewScreen
from storage.backups import BackupManager
from ui_helpers import (
    PIRNA,
    add_visit,
    demo_store,
    disk_records,
    press,
    q,
    row_keys,
    rows,
    running,
    screen_text,
)


def backup_files(path):
    return sorted(p.name for p in BackupManager(path).folder.glob("*.json"))


async def test_backups_list_create_and_restore(tmp_path):
    path = demo_store(tmp_path)
    # add_visit opens the store, which makes the day's backup first: the backup has no such visit
    visit_id = add_visit(path, PIRNA, date(2026, 11, 25), summary="Nach der Sicherung erfasst")
    (daily,) = backup_files(path)
    assert "-taeglich" in daily
    communes_before = disk_records(path, "commune")
    async with running(path) as (app, pilot):
        assert "Nach der Sicherung erfasst" in [r[3] for r in rows(q(app, "#recent"))]
        await press(pilot, "f9")
        dialog = app.screen
        assert isinstance(dialog, BackupsDialog)
        table = q(app, "#backup-list")
        assert row_keys(table) == [daily]
        assert rows(table)[0][1] == "täglich"
        assert "Sicherungen" in screen_text(app) and "täglich" in screen_text(app)

        await press(pilot, "s")
        files = backup_files(path)
        (manual,) = [f for f in files if f != daily]
        assert "-manuell" in manual
        assert row_keys(table) == [manual, daily]  # newest first
        assert [r[1] for r in rows(table)] == ["von Hand", "täglich"]
        assert (f"Sicherung angelegt: {manual}", "information") in app.notes

        await press(pilot, "down", "enter")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Den Speicher auf den Stand vom" in screen_text(app)
        await press(pilot, "escape")  # no
        assert app.screen is dialog
        assert visit_id in app.repos.store.ids("visit")
        await press(pilot, "enter")
        await press(pilot, "shift+tab", "enter")  # "Ja"
        assert isinstance(app.screen, OverviewScreen)
        assert "Nach der Sicherung erfasst" not in [r[3] for r in rows(q(app, "#recent"))]
        assert "Nach der Sicherung erfasst" not in screen_text(app)
    assert visit_id not in disk_records(path, "visit")
    assert disk_records(path, "commune") == communes_before
    files = backup_files(path)
    (before_restore,) = [f for f in files if "-vor-wiederherstellung" in f]
    saved = json.loads((BackupManager(path).folder / before_restore).read_bytes())
    assert visit_id in {doc["id"] for doc in saved["visit"].values()}  # the undone state is kept
    assert daily in files and manual in files


async def test_backups_dialog_closes_with_escape(tmp_path):
    path = demo_store(tmp_path)
    store_bytes = path.read_bytes()
    async with running(path) as (app, pilot):
        await press(pilot, "f9")
        assert isinstance(app.screen, BackupsDialog)
        await press(pilot, "escape")
        assert isinstance(app.screen, OverviewScreen)
    assert path.read_bytes() == store_bytes


@pytest.mark.parametrize("first, second", [("taeglich", "manuell"), ("manuell", "taeglich")])
async def test_backups_of_the_same_second_are_listed_newest_first(tmp_path, first, second):
    path = demo_store(tmp_path)
    when = datetime(2026, 11, 26, 9, 30, 5)
    manager = BackupManager(path)
    older = manager.create(first, when)
    newer = manager.create(second, when)  # later, but in the same second
    labels = {"taeglich": "täglich", "manuell": "von Hand"}
    async with running(path) as (app, pilot):
        await press(pilot, "f9")
        table = q(app, "#backup-list")
        # (on another day than the fixed one, the app adds its own daily backup to the list)
        shown = [(k, r[1]) for k, r in zip(row_keys(table), rows(table)) if k in (newer.name, older.name)]
        assert shown == [(newer.name, labels[second]), (older.name, labels[first])]
