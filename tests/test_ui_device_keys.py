"""Issue 10 in the app: the Schlüssel dialog (from Sync, k) and the passphrase asked at start."""

from __future__ import annotations

from storage import Store
from storage.keys import protect
from storage.trust import export_public, identity_from_file, trust
from asskomm_tui.dialogs.confirm import ConfirmDialog
from asskomm_tui.dialogs.file_picker import FilePicker
from asskomm_tui.dialogs.keys import KeysDialog
from asskomm_tui.dialogs.passphrase import PassphraseDialog
from sync_helpers import add_visit, new_store
from ui_helpers import disk_local, press, q, replace_input, rows, running, screen_text, type_text


async def test_a_laptop_pins_hqs_key_from_a_file_after_the_fingerprint_and_exports_its_own(tmp_path):
    hq = new_store(tmp_path / "hq.json", "Zentrale LPR", "LPR", role="hq", known=False)
    export_public(hq, tmp_path / "zentrale.json", "Zentrale LPR", "2026-12-01T00:00:00Z")
    hq_print = hq.keys.fingerprint
    hq.close()
    laptop = new_store(tmp_path / "c1.json", "Anna [b]Richter[/b]", "AR", known=False)
    laptop.update_local(export_folder=str(tmp_path / "stick"))
    (tmp_path / "stick").mkdir()
    own = laptop.keys.fingerprint
    laptop.close()
    async with running(laptop.path) as (app, pilot):
        await press(pilot, "f4", "k")
        assert isinstance(app.screen, KeysDialog)
        text = screen_text(app)
        assert own in text and "noch kein Schlüssel angenommen" in text
        await press(pilot, "t")
        assert isinstance(app.screen, FilePicker)
        await replace_input(pilot, str(tmp_path / "zentrale.json"))
        await press(pilot, "enter", "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        assert f"Fingerabdruck {hq_print} annehmen?" in screen_text(app)
        await press(pilot, "j")
        assert isinstance(app.screen, KeysDialog)
        assert f"Zentrale: Fingerabdruck {hq_print}" in screen_text(app)
        await press(pilot, "x")
        await press(pilot, "escape")
    assert disk_local(laptop.path)["hq_key"]["fingerprint"] == hq_print
    (written,) = (tmp_path / "stick").iterdir()
    assert written.name == "asskomm-schluessel-AR.json"
    with Store.open(tmp_path / "hq.json") as central:
        identity = identity_from_file(written)
        assert identity.fingerprint == own and identity.name == "Anna [b]Richter[/b]"  # as typed
        trust(central, identity, "2026-12-01T00:00:00Z")
        with Store.open(laptop.path) as again:
            add_visit(again, summary="nach dem Schlüsseltausch")
            from storage.sync.exchange import export_bundle, import_bundle

            assert import_bundle(central, export_bundle(again, tmp_path / "out").path).applied


async def test_hq_revokes_a_device_in_the_register_after_a_confirmation(tmp_path):
    hq = new_store(tmp_path / "hq.json", "Zentrale LPR", "LPR", role="hq", known=False)
    laptop = new_store(tmp_path / "c1.json", "Anna Richter", "AR", known=False)
    export_public(laptop, tmp_path / "anna.json", "Anna Richter", "2026-12-01T00:00:00Z")
    trust(hq, identity_from_file(tmp_path / "anna.json"), "2026-12-01T00:00:00Z")
    device, fingerprint = laptop.local.device_id, laptop.keys.fingerprint
    laptop.close()
    hq.close()
    async with running(hq.path) as (app, pilot):
        await press(pilot, "f4", "k")
        table = q(app, "#key-register")
        assert rows(table) == [(device[:12], fingerprint, "angenommen", "Anna Richter")]
        await press(pilot, "s")
        assert isinstance(app.screen, ConfirmDialog) and fingerprint in screen_text(app)
        await press(pilot, "j")
        assert rows(q(app, "#key-register"))[0][2] == "gesperrt"
    assert disk_local(hq.path)["register"][device]["status"] == "revoked"


async def test_a_protected_key_file_asks_for_the_passphrase_at_start(tmp_path):
    store = new_store(tmp_path / "c1.json", "Anna Richter", "AR", known=False)
    protect(store.keys, "lang und geheim")
    store.close()
    async with running(store.path, expected_errors=()) as (app, pilot):
        assert isinstance(app.screen, PassphraseDialog)
        assert not app.ready
        await type_text(pilot, "falsch")
        await press(pilot, "enter")
        assert isinstance(app.screen, PassphraseDialog)
        assert "Passwort ist falsch" in screen_text(app)
        assert app.repos.store.keys.locked
        await type_text(pilot, "lang und geheim")
        await press(pilot, "enter")
        assert not isinstance(app.screen, PassphraseDialog) and app.ready
        assert not app.repos.store.keys.locked


async def test_escape_at_the_passphrase_ends_the_app(tmp_path):
    store = new_store(tmp_path / "c1.json", "Anna Richter", "AR", known=False)
    protect(store.keys, "lang und geheim")
    store.close()
    async with running(store.path) as (app, pilot):
        assert isinstance(app.screen, PassphraseDialog)
        await press(pilot, "escape")
        assert app.return_code == 0 and not app.ready
