"""First start on an empty store: who works on this device."""

from __future__ import annotations

from asskomm_tui.dialogs.first_start import FirstStartDialog
from asskomm_tui.screens.overview import OverviewScreen
from ui_helpers import (
    field_error,
    disk_local,
    disk_records,
    press,
    q,
    replace_input,
    running,
    screen_text,
    static_text,
    type_text,
)


async def test_first_start_asks_and_writes_consultant_and_device(tmp_path):
    path = tmp_path / "neu.json"
    async with running(path) as (app, pilot):
        assert isinstance(app.screen, FirstStartDialog)
        text = screen_text(app)
        for label in ("Willkommen bei asskomm", "Name", "Kürzel (1–4 Buchstaben)", "E-Mail (optional)",
                      "Rolle dieses Geräts", "Beratung", "Zentrale"):
            assert label in text
        await type_text(pilot, "Anna Richter")
        assert q(app, "#initials").value == "AR"  # suggested from the name
        assert "AR" in screen_text(app)
        await press(pilot, "tab", "tab")
        await type_text(pilot, "anna.richter@example.org")
        await press(pilot, "enter")
        assert isinstance(app.screen, OverviewScreen)
        assert app.sub_title == "Anna Richter (AR) · Beratung"
        assert "Anna Richter (AR) · Beratung" in screen_text(app).splitlines()[0]
        assert static_text(q(app, "#greeting")) == "Guten Tag, Anna Richter."
        text = screen_text(app)
        assert "Noch keine eigenen Besuche. Mit Strg+N einen Besuch erfassen." in text
        assert "Keine fälligen Folgeaufgaben." in text
    local = disk_local(path)
    consultants = disk_records(path, "consultant")
    assert list(consultants) == [local["consultant_id"]]
    record = consultants[local["consultant_id"]]
    assert record["data"] == {"name": "Anna Richter", "initials": "AR", "email": "anna.richter@example.org"}
    assert record["rev"].startswith("1-") and not record["deleted"]
    assert local["role"] == "consultant" and local["device_id"]
    assert record["origin"] == local["device_id"] and record["updated_by"] == local["consultant_id"]
    # the next start goes straight to the overview
    async with running(path) as (app, pilot):
        assert isinstance(app.screen, OverviewScreen)
        assert app.sub_title == "Anna Richter (AR) · Beratung"


async def test_first_start_role_hq_and_own_initials(tmp_path):
    path = tmp_path / "neu.json"
    async with running(path) as (app, pilot):
        await type_text(pilot, "Jens Böhme")
        await press(pilot, "tab")
        await replace_input(pilot, "jbö")  # own initials win over the suggestion
        await press(pilot, "tab", "tab")  # e-mail stays empty; into the role buttons
        await press(pilot, "down", "enter")  # RadioSet: "Zentrale"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, OverviewScreen)
        assert app.sub_title == "Jens Böhme (JBÖ) · Zentrale"
    local = disk_local(path)
    assert local["role"] == "hq"
    record = disk_records(path, "consultant")[local["consultant_id"]]
    assert record["data"] == {"name": "Jens Böhme", "initials": "JBÖ", "email": ""}


async def test_first_start_invalid_input_shows_german_error_and_writes_nothing(tmp_path):
    path = tmp_path / "neu.json"
    async with running(path) as (app, pilot):
        await type_text(pilot, "Anna Richter")
        await press(pilot, "tab")
        await replace_input(pilot, "A1")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, FirstStartDialog)
        assert field_error(app.screen, "initials") == "Das Kürzel besteht aus 1 bis 4 Buchstaben."
        assert "Das Kürzel besteht aus 1 bis 4 Buchstaben." in screen_text(app)
        assert app.screen.focused is q(app, "#initials")
        # a missing name and a bad e-mail are refused the same way
        await press(pilot, "shift+tab")
        await replace_input(pilot, "")
        await press(pilot, "enter")
        assert field_error(app.screen, "name") == "Bitte den Namen eingeben."
        assert field_error(app.screen, "initials") is None
        assert app.screen.focused is q(app, "#name")
        await type_text(pilot, "Anna")
        await press(pilot, "tab")
        await replace_input(pilot, "AR")
        await press(pilot, "tab")
        await type_text(pilot, "keine-adresse")
        await press(pilot, "enter")
        assert isinstance(app.screen, FirstStartDialog)
        assert field_error(app.screen, "email") == (
            "Bitte eine gültige E-Mail-Adresse eingeben (oder das Feld leer lassen).")
        await press(pilot, "ctrl+q")  # typed but not saved: asks first, like every form
        assert "Verwerfen und beenden" in screen_text(app)
        await press(pilot, "right", "enter")
    assert app.return_code == 0
    assert disk_local(path)["consultant_id"] is None
    assert disk_records(path, "consultant") == {}


async def test_first_start_escape_exits_without_consultant(tmp_path):
    path = tmp_path / "neu.json"
    async with running(path) as (app, pilot):
        await type_text(pilot, "Anna Richter")
        await press(pilot, "escape")
        assert not app.is_running
    assert app.return_value == 0  # the app ended itself (run_test's own exit would leave None)
    assert app.return_code == 0
    assert disk_local(path)["consultant_id"] is None
    assert disk_records(path, "consultant") == {}
    # the next start asks again
    async with running(path) as (app, pilot):
        assert isinstance(app.screen, FirstStartDialog)
