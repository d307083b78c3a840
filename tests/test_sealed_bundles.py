"""Issue 10: bundles sealed to their readers and signed by their author; the keys and whom they trust.

Every refusal is checked the way a user meets it: a German message naming the file, and the store
file byte for byte as it was (no backup either).
"""

from __future__ import annotations

import copy
import json
import os
import stat
from pathlib import Path

import pytest

from asskomm_tui.services.sync_report import report_lines
from storage import Repositories, Store
from storage.keys import WrongPassphrase, PassphraseNeeded, key_file_path, load_keys, protect
from storage.sync.exchange import export_bundle, import_bundle
from storage.sync.sealed import header_line
from storage.trust import TrustError, export_public, identity_from_file, own_identity, revoke, trust
from sync_helpers import (
    add_visit,
    backup_names,
    introduce,
    new_store,
    read_json,
    write_json,
    write_sealed,
)
from ui_helpers import new_pirna_visit, press, running

SECRET = "Drogenkonsum von Kevin M. in der Parkstraße 7"
NOW = "2026-12-01T10:00:00Z"


def world(tmp_path: Path) -> tuple[Store, Store, Store]:
    """HQ and two laptops that know each other's keys."""
    hq = new_store(tmp_path / "hq.json", "Zentrale LPR", "LPR", role="hq")
    return hq, new_store(tmp_path / "c1.json", "Anna Richter", "AR"), new_store(tmp_path / "c2.json", "Jens Böhme", "JB")


def refused(store: Store, path: Path, *words: str) -> str:
    """Import ``path``: it must be refused with ``words`` in the message, the store unchanged."""
    before, backups = store.path.read_bytes(), backup_names(store.path)
    preview = import_bundle(store, path, dry_run=True)
    report = import_bundle(store, path)
    assert report.error and not report.applied and preview.error == report.error
    assert path.name in report.error
    for word in words:
        assert word in report.error, (word, report.error)
    assert store.path.read_bytes() == before and backup_names(store.path) == backups
    return report.error


# -- nothing readable on the stick -----------------------------------------------------------------------
async def test_a_phrase_typed_into_a_visit_is_in_no_exported_byte_plain_or_packed(tmp_path):
    hq = new_store(tmp_path / "hq.json", "Zentrale LPR", "LPR", role="hq")
    laptop = new_store(tmp_path / "c1.json", "Anna Richter", "AR")
    laptop.close()
    async with running(laptop.path) as (app, pilot):
        await new_pirna_visit(app, pilot, SECRET)
        await press(pilot, "ctrl+s")
    with Store.open(laptop.path) as store:
        (visit,) = [v for v in Repositories(store).visit_index.by_id.values()]
        assert store.raw("visit", visit.id)["data"]["summary"] == SECRET  # typed and stored
        plain = export_bundle(store, tmp_path / "out", full=True)
        packed = export_bundle(store, tmp_path / "out", full=True, compress=True)
    for result in (plain, packed):
        raw = result.path.read_bytes()
        for needle in (SECRET, "Kevin", "Parkstraße", "Parkstra", visit.id, "Anna Richter", "14628270"):
            assert needle.encode() not in raw, needle
        head = header_line(raw)[0]
        # the readable header routes the file and nothing else
        assert set(head) == {"format", "format_version", "bundle_id", "app_version", "sender", "recipients",
                             "cipher", "nonce", "compressed", "length"}
        assert {r["device_id"] for r in head["recipients"]} == {store.local.device_id, hq.local.device_id}
    # HQ reads both, and the phrase is there exactly as typed
    for result in (plain, packed):
        assert import_bundle(hq, result.path).error is None
    assert hq.raw("visit", visit.id)["data"]["summary"] == SECRET


def test_export_without_hqs_key_says_how_to_get_it_and_writes_nothing(tmp_path):
    laptop = new_store(tmp_path / "c1.json", "Anna Richter", "AR", known=False)
    add_visit(laptop, notes=SECRET)
    before = laptop.path.read_bytes()
    with pytest.raises(TrustError) as error:
        export_bundle(laptop, tmp_path / "out")
    assert "Schlüssel der Zentrale" in error.value.message and "asskomm keys trust" in error.value.message
    assert not (tmp_path / "out").exists() and laptop.path.read_bytes() == before


# -- refusals -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("where", ["header", "content", "signature", "last byte", "cut"])
def test_a_changed_byte_anywhere_is_refused(tmp_path, where):
    hq, c1, _ = world(tmp_path)
    add_visit(c1, notes=SECRET)
    path = export_bundle(c1, tmp_path / "out").path
    raw = bytearray(path.read_bytes())
    start = raw.index(b"\n") + 1
    spot = {"header": raw.index(b'"app_version"') + 16, "content": start + 40, "signature": len(raw) - 30,
            "last byte": len(raw) - 1}.get(where)
    if spot is None:
        raw = raw[:-10]
    else:
        raw[spot] ^= 0x01
    bad = path.with_name("verändert.asskomm")
    bad.write_bytes(bytes(raw))
    refused(hq, bad, "nichts geändert")


def test_an_unknown_signer_a_forged_hq_and_a_revoked_laptop_are_refused(tmp_path):
    hq, c1, c2 = world(tmp_path)
    # a laptop HQ never accepted
    stranger = new_store(tmp_path / "fremd.json", "Fremder", "FR", known=False)
    trust(stranger, own_identity(hq), NOW)
    add_visit(stranger, notes=SECRET)
    message = refused(hq, export_bundle(stranger, tmp_path / "out").path, "nicht im Geräteregister")
    assert stranger.keys.fingerprint in message  # to compare on the phone

    # someone with HQ's device id but other keys (a copy of HQ's store without its key file)
    fake_path = tmp_path / "falsche-zentrale.json"
    fake_path.write_bytes(hq.path.read_bytes())
    with Store.open(fake_path) as fake:  # no key file: new keys are made
        assert fake.local.device_id == hq.local.device_id and fake.keys.fingerprint != hq.keys.fingerprint
        forged = export_bundle(fake, tmp_path / "out").path
    refused(c1, forged, "unbekannten Schlüssel")

    # a lost laptop: revoked at HQ, its files are refused, HQ's next file is not readable for it
    add_visit(c2, notes="vom verlorenen Laptop")
    lost = export_bundle(c2, tmp_path / "out").path
    revoke(hq, c2.keys.fingerprint[:9], NOW)
    refused(hq, lost, "gesperrt")
    after = export_bundle(hq, tmp_path / "out").path
    refused(c2, after, "nicht für dieses Gerät verschlüsselt")
    assert import_bundle(c1, after).applied
    assert sorted(e["status"] for e in c1.local.extra["register"].values()) == ["accepted", "revoked"]


def test_a_file_for_another_reader_and_a_laptops_file_at_another_laptop_are_refused(tmp_path):
    hq, c1, c2 = world(tmp_path)
    late = new_store(tmp_path / "neu.json", "Neu Laptop", "NL", known=False)
    trust(late, own_identity(hq), NOW)  # it pinned HQ, but HQ has not accepted it yet
    add_visit(c1, notes=SECRET)
    refused(late, export_bundle(hq, tmp_path / "out").path, "nicht für dieses Gerät verschlüsselt")
    refused(c2, export_bundle(c1, tmp_path / "out").path, "Beratergerät", "nur Dateien der Zentrale")


def test_a_plain_v1_file_is_read_only_with_the_change_over_setting_and_warned_about(tmp_path):
    hq, c1, _ = world(tmp_path)
    add_visit(c1, notes="aus der alten Version")
    body = read_json(export_bundle(c1, tmp_path / "out").path)
    old = tmp_path / "alt.json"
    old.write_text(json.dumps(body), encoding="utf-8")  # what asskomm before the sealed format wrote
    refused(hq, old, "unverschlüsselt", "plain_bundles")
    report = import_bundle(hq, old, allow_plain=True)
    assert report.applied and report.plain
    assert any("unverschlüsselte, unsignierte Datei" in line for line in report_lines(report, dry_run=True))


def test_broken_content_behind_a_good_seal_is_refused_like_a_plain_file(tmp_path):
    """The checks of the content run on what the seal held: a device's bug is caught all the same."""
    hq, c1, c2 = world(tmp_path)
    add_visit(c1)
    body = read_json(export_bundle(c1, tmp_path / "out").path)
    changed = copy.deepcopy(body)
    changed["records"][0]["data"]["summary"] = "nachträglich"
    refused(hq, write_json(tmp_path / "inhalt.asskomm", changed), "Prüfsumme")
    other = copy.deepcopy(body)
    other["origin"]["device_id"] = c2.local.device_id  # content claiming another sender than the seal
    refused(hq, write_sealed(tmp_path / "absender.asskomm", other, c1), "Kopf und Inhalt der Datei passen nicht zusammen")


# -- keys: register, rotation, passphrase ----------------------------------------------------------------
def test_the_register_and_key_rotation_work_across_hq_and_two_laptops(tmp_path):
    hq, c1, c2 = world(tmp_path)
    add_visit(c1, summary="vor dem Wechsel")
    assert import_bundle(hq, export_bundle(c1, tmp_path / "out").path).applied
    old_c1, old_hq = c1.keys.fingerprint, hq.keys.fingerprint

    # Anna's laptop rotates: HQ takes the new key because the old one signed it
    c1.keys.rotate(NOW)
    c1.keys.save()
    assert c1.keys.fingerprint != old_c1 and load_keys(c1.path).fingerprint == c1.keys.fingerprint
    add_visit(c1, summary="nach dem Wechsel")
    assert import_bundle(hq, export_bundle(c1, tmp_path / "out").path).applied
    assert hq.local.extra["register"][c1.local.device_id]["fingerprint"] == c1.keys.fingerprint

    # HQ rotates: both laptops accept its next file and pin the new key; it carries the register
    hq.keys.rotate(NOW)
    hq.keys.save()
    from_hq = export_bundle(hq, tmp_path / "out").path
    for laptop in (c1, c2):
        assert import_bundle(laptop, from_hq).applied
        assert laptop.local.extra["hq_key"]["fingerprint"] == hq.keys.fingerprint != old_hq
        assert {e["fingerprint"] for e in laptop.local.extra["register"].values()} == \
            {c1.keys.fingerprint, c2.keys.fingerprint}
    assert {c2.raw("visit", i)["data"]["summary"] for i in c2.ids("visit")} >= {"vor dem Wechsel", "nach dem Wechsel"}

    # a new key nobody vouched for is refused, even under HQ's device id
    impostor = new_store(tmp_path / "imp.json", "Zentrale LPR", "LPR", role="hq", known=False)
    impostor.local.device_id = hq.local.device_id
    with pytest.raises(TrustError, match="nicht unterschrieben"):
        trust(c1, own_identity(impostor), NOW)


def test_a_laptops_file_made_before_hq_rotated_is_still_read_by_hq(tmp_path):
    hq, c1, _ = world(tmp_path)
    add_visit(c1)
    before = export_bundle(c1, tmp_path / "out").path  # sealed to HQ's first key
    hq.keys.rotate(NOW)
    hq.keys.save()
    assert import_bundle(hq, before).applied


def test_trust_asks_for_the_file_of_the_right_side(tmp_path):
    hq, c1, c2 = world(tmp_path)
    keys = export_public(c2, tmp_path / "jens.json", "Jens Böhme", NOW)
    with pytest.raises(TrustError, match="Geräte nimmt die Zentrale an"):
        trust(c1, identity_from_file(tmp_path / "jens.json"), NOW)
    with pytest.raises(TrustError, match="eigene Schlüssel"):
        trust(c2, keys, NOW)
    with pytest.raises(TrustError, match="Nur die Zentrale|Geräte sperrt die Zentrale"):
        revoke(c1, c2.local.device_id, NOW)
    tampered = json.loads((tmp_path / "jens.json").read_text("utf-8"))
    tampered["name"] = "Jemand anderes"
    (tmp_path / "jens.json").write_text(json.dumps(tampered), encoding="utf-8")
    with pytest.raises(TrustError, match="Unterschrift"):
        identity_from_file(tmp_path / "jens.json")


def test_the_key_file_is_private_and_a_passphrase_locks_it(tmp_path):
    hq, c1, _ = world(tmp_path)
    path = key_file_path(c1.path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(c1.path.parent).st_mode) == 0o700
    protect(c1.keys, "geheim und lang")
    assert b"geheim" not in path.read_bytes()
    c1.close()
    with Store.open(c1.path) as again:
        assert again.keys.locked and again.keys.protected
        with pytest.raises(PassphraseNeeded):
            export_bundle(again, tmp_path / "out")
        with pytest.raises(WrongPassphrase, match="Passwort ist falsch"):
            again.keys.unlock("falsch geraten")
        assert again.keys.locked
        again.keys.unlock("geheim und lang")
        assert import_bundle(hq, export_bundle(again, tmp_path / "out", full=True).path).applied
    # the fingerprint is readable without the passphrase, and it is the one HQ accepted
    assert load_keys(c1.path).fingerprint == hq.local.extra["register"][c1.local.device_id]["fingerprint"]


def test_fingerprints_are_short_enough_to_read_aloud(tmp_path):
    hq, c1, _ = world(tmp_path)
    for fingerprint in (hq.keys.fingerprint, c1.keys.fingerprint):
        groups = fingerprint.split("-")
        assert len(groups) == 4 and all(len(g) == 4 for g in groups)
        assert not set(fingerprint) & set("0189")  # nothing to mishear: base32 has none of them
    assert hq.keys.fingerprint != c1.keys.fingerprint


async def test_the_preview_of_a_plain_file_warns_that_its_sender_is_not_checked(tmp_path):
    from asskomm_tui.dialogs.import_preview import ImportPreview
    from ui_helpers import q, static_text

    hq, c1, _ = world(tmp_path)
    add_visit(c1, notes="aus der alten Version")
    old = tmp_path / "alt.json"
    old.write_text(json.dumps(read_json(export_bundle(c1, tmp_path / "out").path)), encoding="utf-8")
    hq.close()
    (tmp_path / "settings.toml").write_text("plain_bundles = true\n", encoding="utf-8")
    async with running(hq.path) as (app, pilot):
        await press(pilot, "f4", "f6")
        from ui_helpers import replace_input

        await replace_input(pilot, str(old))
        await press(pilot, "enter", "ctrl+s")
        assert isinstance(app.screen, ImportPreview)
        assert "unverschlüsselte, unsignierte Datei" in static_text(q(app, "#preview-errors"))
        assert not q(app, "#apply").disabled  # allowed by the setting, with the warning
