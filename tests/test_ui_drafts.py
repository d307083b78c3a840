"""Drafts: the open form is autosaved beside the store; after a crash the app offers it back."""

from __future__ import annotations

import json
from datetime import date

from asskomm_tui.dialogs.confirm import ConfirmDialog
from asskomm_tui.dialogs.drafts import DraftsDialog
from asskomm_tui.screens.overview import OverviewScreen
from asskomm_tui.screens.visit_form import VisitFormScreen
from ui_helpers import (
    new_pirna_visit,
    PIRNA,
    add_visit,
    demo_store,
    disk_records,
    drafts_of,
    fast_autosave,  # noqa: F401  (fixture)
    press,
    q,
    rows,
    running,
    screen_text,
    settle,
    type_text,
    wait_for_draft,
)


async def test_autosaved_draft_survives_crash_and_is_offered_back(tmp_path, fast_autosave):
    path = demo_store(tmp_path)
    before = set(disk_records(path, "visit"))
    async with running(path) as (app, pilot):
        await new_pirna_visit(app, pilot, "Getippt vor dem Absturz")
        draft = await wait_for_draft(pilot, path)
        assert draft["payload"]["commune"] == PIRNA
        assert draft["payload"]["form"]["summary"] == "Getippt vor dem Absturz"
        app.exit()  # the app goes away without saving or quitting properly (no draft flush on the way)
    assert set(disk_records(path, "visit")) == before
    assert len(drafts_of(path)) == 1

    async with running(path) as (app, pilot):
        dialog = app.screen
        assert isinstance(dialog, DraftsDialog)
        text = screen_text(app)
        assert "Nicht gespeicherte Entwürfe" in text
        assert "Neuer Besuch in Pirna" in text
        assert [r[0] for r in rows(q(app, "#draft-list"))] == ["Neuer Besuch in Pirna"]
        await press(pilot, "enter")
        form = app.screen
        assert isinstance(form, VisitFormScreen)
        assert q(app, "#summary").text == "Getippt vor dem Absturz"
        assert "Getippt vor dem Absturz" in screen_text(app)
        assert ("Entwurf wiederhergestellt – bitte prüfen und speichern.", "information") in app.notes
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, OverviewScreen)
    new = [r for i, r in disk_records(path, "visit").items() if i not in before]
    assert len(new) == 1
    assert new[0]["data"]["summary"] == "Getippt vor dem Absturz"
    assert new[0]["data"]["commune"] == PIRNA and new[0]["data"]["date"] == "2026-11-26"
    assert drafts_of(path) == []


async def test_ctrl_q_with_dirty_form_writes_the_draft_and_asks(tmp_path):
    path = demo_store(tmp_path)
    before = disk_records(path, "visit")
    async with running(path) as (app, pilot):
        form = await new_pirna_visit(app, pilot, "Gerade getippt")
        assert drafts_of(path) == []  # the autosave (every 2 s) has not run yet
        await press(pilot, "ctrl+q")
        # the question is up, and the draft is already on disk: a crash now loses nothing
        assert "Speichern und beenden" in screen_text(app) and "Weiter bearbeiten" in screen_text(app)
        (draft,) = drafts_of(path)
        assert json.loads(draft.read_bytes())["payload"]["form"]["summary"] == "Gerade getippt"
        await press(pilot, "escape")  # keep editing: back in the form, text intact
        assert app.is_running and app.screen is form
        assert q(app, "#summary").text == "Gerade getippt"
    assert disk_records(path, "visit") == before


async def test_ctrl_q_with_unchanged_form_leaves_no_draft(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await press(pilot, "ctrl+n")
        await type_text(pilot, "pirna")
        await press(pilot, "enter")
        assert isinstance(app.screen, VisitFormScreen)
        await press(pilot, "ctrl+q")
    assert drafts_of(path) == []


async def test_draft_of_edited_visit_and_discard_in_dialog(tmp_path, fast_autosave):
    path = demo_store(tmp_path)
    visit_id = add_visit(path, PIRNA, date(2026, 11, 20), summary="Gespeichert")
    old = disk_records(path, "visit")[visit_id]
    async with running(path) as (app, pilot):
        app.open_visit_form(visit_id=visit_id)
        await settle(pilot)
        await press(pilot, "tab", "tab", "tab", "tab", "end")
        await type_text(pilot, " und mehr")
        draft = await wait_for_draft(pilot, path)
        assert draft["payload"]["visit_id"] == visit_id and draft["payload"]["base_rev"] == old["rev"]
        app.exit()
    async with running(path) as (app, pilot):
        assert isinstance(app.screen, DraftsDialog)
        assert [r[0] for r in rows(q(app, "#draft-list"))] == ["Besuch vom 20.11.2026 in Pirna"]
        await press(pilot, "delete")  # discard asks first; Esc there keeps the draft
        assert isinstance(app.screen, ConfirmDialog)
        assert "Den Entwurf „Besuch vom 20.11.2026 in Pirna“ verwerfen?" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, DraftsDialog) and len(drafts_of(path)) == 1
        await press(pilot, "delete", "j")  # yes: the dialog closes with its last draft
        assert isinstance(app.screen, OverviewScreen)
        assert drafts_of(path) == []
    assert disk_records(path, "visit")[visit_id] == old
    async with running(path) as (app, pilot):
        assert isinstance(app.screen, OverviewScreen)  # nothing offered any more


async def test_escape_closes_the_drafts_dialog_and_keeps_the_drafts(tmp_path, fast_autosave):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await new_pirna_visit(app, pilot, "Für später")
        await wait_for_draft(pilot, path)
        app.exit()
    async with running(path) as (app, pilot):
        assert isinstance(app.screen, DraftsDialog)
        await press(pilot, "escape")  # decide later
        assert isinstance(app.screen, OverviewScreen)
    assert len(drafts_of(path)) == 1
    async with running(path) as (app, pilot):
        assert isinstance(app.screen, DraftsDialog)  # offered again at the next start
