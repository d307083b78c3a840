"""Keys typed fast are never lost and never act on the wrong screen; Ctrl+Q asks before losing a form.

Every test sends its keys at once (``burst``: a fast typist, a keyboard macro, a slow laptop) and
then reads what was written to disk.
"""

from __future__ import annotations

from datetime import date

from asskomm_tui.dialogs.commune_status import CommuneStatusDialog
from asskomm_tui.dialogs.confirm import ChoiceDialog
from asskomm_tui.dialogs.items import ContactDialog
from asskomm_tui.screens.dossier import DossierScreen
from asskomm_tui.screens.overview import OverviewScreen
from asskomm_tui.screens.strategy import StrategyScreen
from asskomm_tui.screens.visit_form import VisitFormScreen
from test_ui_strategy import open_strategy, prepared_strategy
from ui_helpers import (
    PIRNA,
    add_visit,
    burst,
    demo_store,
    disk_records,
    drafts_of,
    press,
    q,
    running,
    screen_text,
    tab_to,
    type_text,
)


def pirna_visits_today(path):
    return [r for r in disk_records(path, "visit").values()
            if r["data"]["commune"] == PIRNA and r["data"]["date"] == "2026-11-26" and not r["deleted"]]


async def open_pirna_dossier(app, pilot) -> DossierScreen:
    await press(pilot, "f3")
    await type_text(pilot, "pirna")
    await press(pilot, "enter")
    assert isinstance(app.screen, DossierScreen)
    return app.screen


async def test_keys_typed_just_before_ctrl_s_are_saved_and_later_ones_fire_no_hotkey(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        dossier = await open_pirna_dossier(app, pilot)
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, VisitFormScreen)
        await tab_to(pilot, "summary")
        # the summary, Ctrl+S, and then the dossier's hotkeys (new visit, status, tick off, strategies, tabs)
        await burst(pilot, *"RACETEST-ABCDEFGHIJ", "ctrl+s", *"nexs12")
        assert app.screen is dossier  # no new form, no status dialog, no strategies list
        assert dossier.query_one("#dossier-tabs").active == "tab-visits"
        assert app.screen_stack[-1] is dossier and len(app.screen_stack) == 2
    (visit,) = pirna_visits_today(path)
    assert visit["data"]["summary"] == "RACETEST-ABCDEFGHIJ"


async def test_a_whole_visit_typed_at_once_with_tabs_lands_in_its_fields(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await open_pirna_dossier(app, pilot)
        await press(pilot, "n")
        await tab_to(pilot, "participants")
        # Tab moves on only after the letters before it have arrived
        await burst(pilot, *"Bürgermeisterin", "tab", *"Rundgang am Bahnhof", "ctrl+s")
        assert isinstance(app.screen, DossierScreen)
    (visit,) = pirna_visits_today(path)
    assert visit["data"]["participants"] == ["Bürgermeisterin"]
    assert visit["data"]["summary"] == "Rundgang am Bahnhof"


async def test_date_typed_before_ctrl_s_in_the_status_dialog_is_saved_and_digits_after_switch_no_tab(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        dossier = await open_pirna_dossier(app, pilot)
        await press(pilot, "e")
        assert isinstance(app.screen, CommuneStatusDialog)
        await press(pilot, "home", "ctrl+k")
        await burst(pilot, *"01.02.2026", "ctrl+s", *"2341")
        assert app.screen is dossier
        assert dossier.query_one("#dossier-tabs").active == "tab-visits"
    assert disk_records(path, "commune")[PIRNA]["data"]["member_since"] == "2026-02-01"


async def test_strategy_text_typed_before_ctrl_s_is_saved_whole(tmp_path):
    path = prepared_strategy(tmp_path)
    async with running(path) as (app, pilot):
        await open_strategy(app, pilot)
        assert app.screen.focused is q(app, "#problem_description")
        await burst(pilot, *"Seit 2026", "ctrl+s")
        assert not isinstance(app.screen, StrategyScreen)
    (strategy,) = disk_records(path, "strategy").values()
    assert strategy["data"]["problem_description"] == "Seit 2026"


async def test_keys_typed_while_a_dialog_opens_reach_it(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        # Strg+N, the commune, Enter, and the summary, all typed before anything appeared
        await burst(pilot, "ctrl+n", *"pirna", "enter")
        form = app.screen
        assert isinstance(form, VisitFormScreen) and form.commune == PIRNA
        await press(pilot, "escape")


async def test_contact_typed_at_once_with_tab(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await open_pirna_dossier(app, pilot)
        await press(pilot, "k")
        assert isinstance(app.screen, ContactDialog)
        await burst(pilot, *"Maria Schulze", "tab", *"Ordnungsamt", "tab", *"03501 556-0", "ctrl+s")
        assert isinstance(app.screen, DossierScreen)
    contacts = disk_records(path, "commune")[PIRNA]["data"]["contacts"]
    assert [(c["name"], c["role"], c["phone"]) for c in contacts][-1] == ("Maria Schulze", "Ordnungsamt",
                                                                         "03501 556-0")


async def test_ctrl_q_on_an_unsaved_visit_asks_and_saves(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await open_pirna_dossier(app, pilot)
        await press(pilot, "n")
        await tab_to(pilot, "summary")
        await burst(pilot, *"Noch nicht gespeichert", "ctrl+q")
        assert isinstance(app.screen, ChoiceDialog)
        assert "der Besuch in Pirna hat Änderungen" in screen_text(app)
        await press(pilot, "enter")  # Speichern und beenden
        assert not app.is_running
    (visit,) = pirna_visits_today(path)
    assert visit["data"]["summary"] == "Noch nicht gespeichert"
    assert drafts_of(path) == []


async def test_ctrl_q_on_an_unsaved_visit_discards_only_when_asked(tmp_path):
    path = demo_store(tmp_path)
    before = path.read_bytes()
    async with running(path) as (app, pilot):
        await open_pirna_dossier(app, pilot)
        await press(pilot, "n")
        await tab_to(pilot, "summary")
        await type_text(pilot, "Wird verworfen")
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ChoiceDialog)
        await press(pilot, "right", "enter")  # → Verwerfen und beenden
        assert not app.is_running
    assert pirna_visits_today(path) == []
    assert drafts_of(path) == []
    assert path.read_bytes() == before


async def test_ctrl_q_with_an_invalid_form_stays_and_names_the_problem(tmp_path):
    path = demo_store(tmp_path)
    async with running(path, expected_errors=("Datum:",)) as (app, pilot):
        await open_pirna_dossier(app, pilot)
        await press(pilot, "n")
        form = app.screen
        await press(pilot, "home", "ctrl+k")
        await type_text(pilot, "31.02.2026")
        await press(pilot, "ctrl+q", "enter")  # Speichern und beenden: cannot, the date is wrong
        assert app.is_running and app.screen is form
        assert form.focused is q(app, "#date")
    assert pirna_visits_today(path) == []


async def test_ctrl_q_on_an_unsaved_dialog_asks_too(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await open_pirna_dossier(app, pilot)
        await press(pilot, "k")
        await type_text(pilot, "Maria Schulze")
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ChoiceDialog)
        assert "der Dialog „Kontakt“ hat Änderungen" in screen_text(app)
        await press(pilot, "enter")  # Speichern und beenden
        assert not app.is_running
    contacts = disk_records(path, "commune")[PIRNA]["data"]["contacts"]
    assert contacts[-1]["name"] == "Maria Schulze"


async def test_ctrl_q_without_changes_quits_at_once(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await open_pirna_dossier(app, pilot)
        await press(pilot, "n")
        await press(pilot, "ctrl+q")
        assert not app.is_running


async def test_dialog_buttons_follow_left_and_right(tmp_path):
    path = demo_store(tmp_path)
    visit_id = add_visit(path, PIRNA, date(2026, 11, 20), summary="Stand")
    async with running(path) as (app, pilot):
        app.open_visit_form(visit_id=visit_id)
        await press(pilot, "tab", "tab", "tab", "tab")
        await type_text(pilot, " – ergänzt")
        await press(pilot, "escape")
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        await press(pilot, "right")
        assert dialog.focused.id == "choice-discard"
        await press(pilot, "right", "left", "left")
        assert dialog.focused.id == "choice-save"
        await press(pilot, "right", "enter")  # → Verwerfen
        assert isinstance(app.screen, OverviewScreen)
    assert disk_records(path, "visit")[visit_id]["data"]["summary"] == "Stand"


async def test_an_empty_visit_is_refused_with_a_clear_message(tmp_path):
    path = demo_store(tmp_path)
    message = ("Der Besuch ist noch leer: bitte eine Zusammenfassung schreiben oder eine Feststellung "
               "oder Folgeaufgabe hinzufügen.")
    async with running(path, expected_errors=("Zusammenfassung:",)) as (app, pilot):
        await open_pirna_dossier(app, pilot)
        await press(pilot, "n")
        form = app.screen
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert form.focused is q(app, "#summary")
        assert ("Zusammenfassung: " + message, "error") in app.notes
        await type_text(pilot, "Kurz besprochen")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, DossierScreen)
    (visit,) = pirna_visits_today(path)
    assert visit["data"]["summary"] == "Kurz besprochen"
