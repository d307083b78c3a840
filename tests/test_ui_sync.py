"""Sync screen (F4): export for HQ, import with preview, the device's role, HQ's list of devices.

Stores are prepared with the storage API (two or three devices exchanging bundles); the tests drive
only what they are about: the folder, the checkboxes, the file picker, the preview and the report.
"""

from __future__ import annotations

import gzip
import json
import tomllib
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from asskomm_tui.dialogs.confirm import ConfirmDialog
from asskomm_tui.dialogs.file_picker import FilePicker
from asskomm_tui.dialogs.import_preview import ImportPreview
from asskomm_tui.screens.sync import SyncScreen
from storage import Store
from storage.repositories import Repositories
from storage.sync.exchange import export_bundle, import_bundle
from sync_helpers import CIRCLE, add_visit, backup_names, edit_visit, hand_over, new_store, read_json, write_json
from storage.sync.sealed import header_line
from storage.trust import own_identity, trust
from ui_helpers import (
    disk,
    disk_local,
    disk_records,
    press,
    q,
    replace_input,
    rows,
    running,
    screen_text,
    static_text,
    tab_to,
    type_text,
)

def consultant_store(path, name="Anna Richter", initials="AR", visits=2, folder=None):
    """A consultant's store with a few visits (and the export folder the Sync screen starts with)."""
    if not any(s.local.role == "hq" for s in CIRCLE):  # an HQ whose key the laptop has, for its exports
        new_store(path.with_name(f"zentrale-{path.name}"), "Zentrale LPR", "LPR", role="hq").close()
    store = new_store(path, name, initials)
    ids = [add_visit(store, summary=f"Besuch {i}") for i in range(visits)]
    if folder is not None:
        store.update_local(export_folder=str(folder))
    store.close()
    return ids


def status(app) -> str:
    return static_text(q(app, "#sync-status"))


def log(app) -> str:
    return static_text(q(app, "#sync-log"))


async def open_sync(app, pilot) -> SyncScreen:
    await press(pilot, "f4")
    assert isinstance(app.screen, SyncScreen)
    return app.screen


async def pick_files(app, pilot, *files) -> None:
    """F6, type each path into the picker and mark it with Enter, Strg+S reads them."""
    await press(pilot, "f6")
    picker = app.screen
    assert isinstance(picker, FilePicker)
    assert "Dateien zum Einlesen wählen" in screen_text(app)
    for path in files:
        assert picker.focused is q(app, "#path")
        await replace_input(pilot, str(path))
        await press(pilot, "enter")
    assert static_text(q(app, "#chosen")) == "Gewählt: " + ", ".join(p.name for p in files)
    await press(pilot, "ctrl+s")


# -- export ------------------------------------------------------------------------------------------
async def test_export_writes_bundles_into_the_chosen_folder(tmp_path):
    path = tmp_path / "ar.json"
    visits = consultant_store(path, folder=tmp_path / "anderswo")
    out = tmp_path / "für die Zentrale"
    async with running(path) as (app, pilot):
        await open_sync(app, pilot)
        assert "Rolle dieses Geräts: Beratung" in status(app)
        # the consultant record and two visits: nothing of it confirmed by HQ yet
        assert "3 Änderungen noch nicht von der Zentrale bestätigt (bestätigt bis Nr. 0, zuletzt Nr. 3)" \
            in status(app)
        assert "Noch kein Export." in screen_text(app)
        await tab_to(pilot, "folder")
        await replace_input(pilot, str(out))
        await press(pilot, "f5")

        (bundle,) = out.iterdir()  # one complete file, no temporary leftovers
        body = read_json(bundle)
        created = datetime.fromisoformat(body["created_at"].replace("Z", "+00:00"))
        assert abs(datetime.now(timezone.utc) - created) < timedelta(minutes=5)
        # initials, date, short id
        assert bundle.name == f"asskomm-AR-{created:%Y%m%d}-{body['bundle_id'][:8]}.asskomm"
        assert b"Besuch 0" not in bundle.read_bytes()  # sealed for HQ
        assert body["scope"] == "incremental" and body["count"] == 3
        assert {r["id"] for r in body["records"] if r["kind"] == "visit"} == set(visits)
        text = screen_text(app)
        assert f"Letzter Export: {created.astimezone():%d.%m.%Y %H:%M}" in text
        assert f"{bundle.name} (3 Datensätze, inkrementell)" in status(app)
        assert log(app) == f"Exportiert: {bundle} (3 Datensätze)."
        # exporting does not confirm anything: only HQ's file does
        assert "3 Änderungen noch nicht von der Zentrale bestätigt" in status(app)

        await tab_to(pilot, "full")
        await press(pilot, "space")
        await tab_to(pilot, "gz")
        await press(pilot, "space")
        await press(pilot, "f5")
        (packed,) = [p for p in out.iterdir() if p != bundle]
        body = read_json(packed)
        assert packed.name == f"asskomm-AR-{body['created_at'][:10].replace('-', '')}-{body['bundle_id'][:8]}.asskomm"
        assert header_line(packed.read_bytes())[0]["compressed"]
        assert body["scope"] == "full" and body["count"] == 3
        assert f"{packed.name} (3 Datensätze, vollständig)" in status(app)
    # the folder is the user's setting now (the settings file), no longer device state in the store
    assert tomllib.loads((tmp_path / "settings.toml").read_text("utf-8"))["export_folder"] == str(out)
    local = disk_local(path)
    assert local["export_folder"] == str(tmp_path / "anderswo")
    assert local["last_export"]["file"] == str(packed) and local["last_export"]["scope"] == "full"


# -- import --------------------------------------------------------------------------------------------
def exchange(tmp_path):
    """Anna's full bundle holds, for Bernd's store, one visit of each outcome; returns the paths."""
    a, b = tmp_path / "ar.json", tmp_path / "bn.json"
    inbox = tmp_path / "eingang"
    anna, bernd = new_store(a, "Anna Richter", "AR"), new_store(b, "Bernd Neumann", "BN")
    updated, conflict, same, stale, gone = (add_visit(anna, summary=s) for s in ("a", "b", "c", "d", "e"))
    hand_over(anna, bernd, tmp_path / "früher")  # through HQ, the only way between laptops
    edit_visit(anna, updated, summary="von Anna ergänzt")
    Repositories(anna).delete_visit(gone)
    edit_visit(anna, conflict, summary="Annas Fassung")
    edit_visit(bernd, conflict, summary="Bernds Fassung")
    edit_visit(bernd, stale, summary="Bernd war schneller")
    new = add_visit(anna, summary="ganz neu")
    hq = next(s for s in CIRCLE if s.local.role == "hq")
    assert import_bundle(hq, export_bundle(anna, tmp_path / "an HQ", full=True).path).applied
    bundle = export_bundle(hq, inbox, initials="LPR").path  # HQ's file: Anna's visits and two consultants
    hq.close()
    bernd.update_local(export_folder=str(inbox))
    anna.close()
    bernd.close()
    return b, bundle, {"updated": updated, "conflict": conflict, "same": same, "stale": stale, "new": new,
                        "gone": gone}


async def test_import_preview_cancel_then_apply(tmp_path):
    path, bundle, ids = exchange(tmp_path)
    before = disk_records(path, "visit")
    async with running(path) as (app, pilot):
        await open_sync(app, pilot)
        untouched = path.read_bytes()
        backups = backup_names(path)
        await pick_files(app, pilot, bundle)
        assert isinstance(app.screen, ImportPreview)
        table = q(app, "#preview")
        assert rows(table) == [
            ("Beratende", "0", "0", "0", "2", "0", "0", bundle.name),
            ("Besuche", "1", "1", "1", "1", "1", "1", bundle.name),
        ]
        text = screen_text(app)
        assert "Vorschau: was sich ändert" in text and "Noch ist nichts geändert." in text
        assert "Art        neu  aktual.  gelöscht  unveränd.  veraltet  Konflikte  Datei" in text
        assert "Besuche    1    1        1         1          1         1" in text

        await press(pilot, "escape")  # cancel: nothing changes
        assert isinstance(app.screen, SyncScreen)
        assert path.read_bytes() == untouched
        assert backup_names(path) == backups
        assert "Vorschau – 8 Datensätze" in log(app)

        await pick_files(app, pilot, bundle)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, SyncScreen)
        assert log(app).splitlines() == [
            f"{bundle}: übernommen – 8 Datensätze, Zentrale, vollständig",
            "  Beratende: 0 neu, 0 aktualisiert, 0 gelöscht, 2 unverändert, 0 veraltet, 0 Konflikte",
            "  Besuche: 1 neu, 1 aktualisiert, 1 gelöscht, 1 unverändert, 1 veraltet, 1 Konflikt",
            "  1 Datensatz mit Konflikt – bitte in asskomm unter „Konflikte“ lösen.",
        ]
        assert "1 Datensatz mit widersprüchlichen Versionen – F7 öffnet die Konflikte." in status(app)
        assert ("Import abgeschlossen.", "information") in app.notes
    (backup,) = set(backup_names(path)) - set(backups)
    assert backup.endswith("-vor-import.json")
    assert (path.parent / "backups" / path.stem / backup).read_bytes() == untouched
    visits = disk_records(path, "visit")
    assert visits[ids["new"]]["data"]["summary"] == "ganz neu"
    assert visits[ids["updated"]]["data"]["summary"] == "von Anna ergänzt"
    assert visits[ids["stale"]] == before[ids["stale"]]  # Bernd's newer edit stays
    assert visits[ids["same"]] == before[ids["same"]]
    assert visits[ids["gone"]]["deleted"] and not before[ids["gone"]]["deleted"]
    conflicts = [leaf for leaf in disk(path).get("conflict", {}).values()]
    assert {visits[ids["conflict"]]["data"]["summary"], *(c["data"]["summary"] for c in conflicts)} \
        == {"Annas Fassung", "Bernds Fassung"}
    assert read_json(bundle)["bundle_id"] in disk_local(path)["imports"]


async def test_import_twice_and_broken_file_change_nothing(tmp_path):
    path, bundle, _ = exchange(tmp_path)
    with Store.open(path) as store:
        import_bundle(store, bundle)
    broken_body = read_json(bundle)
    broken_body["records"][-1]["data"]["summary"] = "heimlich geändert"
    broken = write_json(bundle.with_name("kaputt.json"), broken_body)
    async with running(path) as (app, pilot):
        await open_sync(app, pilot)
        untouched = path.read_bytes()
        backups = backup_names(path)

        await pick_files(app, pilot, bundle)
        assert rows(q(app, "#preview")) == [("bereits eingelesen", "", "", "", "", "", "", bundle.name)]
        assert "Keine der Dateien kann übernommen werden." in screen_text(app)
        assert q(app, "#apply").disabled
        await press(pilot, "ctrl+s")  # nothing to apply: the preview stays
        assert isinstance(app.screen, ImportPreview)
        await press(pilot, "escape")
        assert "wurde bereits eingelesen" in log(app) and "nichts geändert" in log(app)

        await pick_files(app, pilot, broken)
        assert rows(q(app, "#preview"))[0][0] == "ABGELEHNT"
        reason = "kaputt.json: Die Prüfsumme stimmt nicht – die Datei wurde verändert oder ist beschädigt."
        assert static_text(q(app, "#preview-errors")) == reason
        text = screen_text(app)  # wrapped at 80 columns
        assert "kaputt.json: Die Prüfsumme stimmt nicht – die Datei wurde verändert oder" in text
        assert "ist beschädigt." in text
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ImportPreview)
        await press(pilot, "escape")
        assert log(app).splitlines() == [f"{broken}: ABGELEHNT – {reason}",
                                         "  Aus dieser Datei wurde nichts übernommen."]
        assert "ABGELEHNT" in screen_text(app)
        assert path.read_bytes() == untouched
        assert backup_names(path) == backups
    assert path.read_bytes() == untouched


# -- role and HQ -------------------------------------------------------------------------------------
async def test_role_change_needs_confirmation_and_hq_lists_devices(tmp_path):
    hq = tmp_path / "zentrale.json"
    inbox = tmp_path / "eingang"
    with new_store(hq, "Hanna Zentral", "HZ") as store:
        store.update_local(export_folder=str(inbox))
    now = datetime.now(timezone.utc).replace(microsecond=0)
    bundles = []
    register = {}
    for name, initials, days in (("Anna Richter", "AR", 45), ("Bernd Neumann", "BN", 3)):
        store = new_store(tmp_path / f"{initials}.json", name, initials)
        # the keys were exchanged before: the laptop knows Hanna's as HQ's, she will accept the laptop
        with Store.open(hq) as hanna:
            trust(store, replace(own_identity(hanna), role="hq"), "2026-01-01T00:00:00Z")
        register[store.local.device_id] = own_identity(store).entry("accepted", "2026-01-01T00:00:00Z")
        add_visit(store)
        bundles.append(export_bundle(store, inbox, initials=initials, now=now - timedelta(days=days)).path)
        store.close()
    with Store.open(hq) as hanna:
        hanna.update_local(register=register)
    assert disk_local(hq)["role"] == "consultant"
    async with running(hq) as (app, pilot):
        await open_sync(app, pilot)
        assert app.sub_title == "Hanna Zentral (HZ) · Beratung"
        assert not q(app, "#devices").display

        await tab_to(pilot, "role")
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Die Rolle dieses Geräts von „Beratung“ auf „Zentrale“ ändern?" in screen_text(app)
        await press(pilot, "escape")  # no: nothing changes
        assert app.sub_title.endswith("· Beratung") and "Rolle dieses Geräts: Beratung" in status(app)
        assert disk_local(hq)["role"] == "consultant"

        await press(pilot, "ctrl+p")  # the command "Rolle wechseln", this time
        await type_text(pilot, "Rolle wechseln")
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "j")
        assert isinstance(app.screen, SyncScreen)
        assert app.sub_title == "Hanna Zentral (HZ) · Zentrale"
        assert "Hanna Zentral (HZ) · Zentrale" in screen_text(app)  # the header
        assert "Rolle dieses Geräts: Zentrale" in status(app)
        assert "Die Zentrale exportiert immer alles" in status(app)
        assert q(app, "#full").disabled
        assert q(app, "#devices").display and rows(q(app, "#devices")) == []

        await pick_files(app, pilot, *bundles)
        await press(pilot, "ctrl+s")
        devices = rows(q(app, "#devices"))
        assert [d[0] for d in devices] == ["Anna Richter (AR)", "Bernd Neumann (BN)"]  # longest silent first
        # each device's file holds its edits 1–2 (the consultant record and a visit): all received
        assert devices[0][2:] == ("2", "2", "⚠ 45 Tage still")
        assert devices[1][2:] == ("2", "2", "3")
        local_when = (now - timedelta(days=45)).astimezone().strftime("%d.%m.%Y %H:%M")
        assert devices[0][1] == local_when
        # below the import report at 80x24: Tab scrolls the table into view (on the next animation frame)
        await tab_to(pilot, "devices")
        await pilot.wait_for_scheduled_animations()
        text = screen_text(app)
        assert "Geräte (Zentrale): zuletzt empfangene Dateien" in text
        assert "⚠ 45 Tage still" in text
    local = disk_local(hq)
    assert local["role"] == "hq"
    assert sorted(d["up_to_seq"] for d in local["devices"].values()) == [2, 2]
    assert len(disk_records(hq, "visit")) == 2
