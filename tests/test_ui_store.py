"""The app and the store it was started on: a damaged store offers its own backups (not the default
store's), and the Sync screen's export writes no file when HQ already has everything."""

from __future__ import annotations

import shlex

from asskomm_tui.cli_store import default_db_path
from asskomm_tui.screens.loading import StoreErrorScreen
from asskomm_tui.screens.overview import OverviewScreen
from storage import Store
from storage.backups import BackupManager
from storage.sync.exchange import export_bundle, import_bundle
from sync_helpers import add_visit, new_store
from ui_helpers import (
    demo_store,
    disk_local,
    press,
    q,
    replace_input,
    row_keys,
    running,
    screen_text,
    static_text,
    tab_to,
)

DAMAGED = b'{"_local": {"1": {"device_id": "abc"}}, "commune": {"1": {"kind": "comm'


async def test_a_damaged_store_offers_its_own_backups_and_enter_restores_one(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("ASSKOMM_DB", raising=False)
    # the default store has backups of its own, which must not be offered for this store
    default = default_db_path()
    assert str(default).startswith(str(tmp_path / "xdg"))
    default.parent.mkdir(parents=True)
    demo_store(default.parent, visits=5, name=default.name)
    with Store.open(default) as store:
        store.backup()
    default_files = {p: p.read_bytes() for p in default.parent.rglob("*") if p.is_file()}

    path = demo_store(tmp_path / "Kreis Süd", visits=20, name="kreis.json")
    with Store.open(path) as store:  # opening makes the day's backup; one by hand too
        store.backup()
    backups = BackupManager(path).list()
    assert len(backups) == 2 and {b.name for b in backups}.isdisjoint(
        b.name for b in BackupManager(default).list())
    path.write_bytes(DAMAGED)

    async with running(path) as (app, pilot):
        assert isinstance(app.screen, StoreErrorScreen)
        message = static_text(q(app, "#store-error-message"))
        assert f"asskomm backup list --db {shlex.quote(str(path))}" in message
        assert row_keys(q(app, "#backups")) == [b.name for b in backups]
        assert "Enter stellt die gewählte Sicherung wieder her" in screen_text(app)
        await press(pilot, "down", "enter")  # the older one: the day's backup
        assert isinstance(app.screen, OverviewScreen) and app.ready
        await press(pilot, "ctrl+q")
    assert app.return_code == 0
    assert path.read_bytes() != DAMAGED
    with Store.open(path) as store:
        assert store.count("visit") == 20
    # the damaged file was kept as a backup of this store; the default store is untouched
    assert any(b.reason == "vor-wiederherstellung" for b in BackupManager(path).list())
    assert {p: p.read_bytes() for p in default.parent.rglob("*") if p.is_file()} == default_files


def confirmed_consultant(tmp_path):
    """A consultant's store whose every edit HQ has confirmed (HQ's file was imported)."""
    path = tmp_path / "ar.json"
    anna = new_store(path, "Anna Richter", "AR")
    add_visit(anna, summary="Erstgespräch")
    hq = new_store(tmp_path / "hq.json", "Zentrale", "HQ", role="hq")
    import_bundle(hq, export_bundle(anna, tmp_path / "an HQ").path)
    import_bundle(anna, export_bundle(hq, tmp_path / "von HQ").path)
    assert anna.local.extra["ack"] == anna.local.seq
    hq.close()
    anna.close()
    return path


async def test_sync_export_with_nothing_new_says_so_and_writes_no_file(tmp_path):
    path = confirmed_consultant(tmp_path)
    last_export = disk_local(path)["last_export"]
    out = tmp_path / "Export"
    async with running(path) as (app, pilot):
        await press(pilot, "f4")
        await tab_to(pilot, "folder")
        await replace_input(pilot, str(out))
        await press(pilot, "f5")
        assert static_text(q(app, "#sync-log")).startswith("Nichts Neues zu exportieren")
        assert any(m.startswith("Nichts Neues zu exportieren") for m, _ in app.notes)
        assert not out.exists()
        # "everything" still writes
        await tab_to(pilot, "full")
        await press(pilot, "space", "f5")
        (bundle,) = out.iterdir()
        assert static_text(q(app, "#sync-log")).startswith(f"Exportiert: {bundle}")
    assert disk_local(path)["last_export"] != last_export
