"""Besuch: create (Ctrl+N and n), edit, validate and delete visits; findings and follow-ups; leaving."""

from __future__ import annotations

from datetime import date

from asskomm_tui.dialogs.commune_picker import CommunePicker
from asskomm_tui.dialogs.confirm import ChoiceDialog, ConfirmDialog
from asskomm_tui.dialogs.items import FindingDialog, FollowUpDialog
from asskomm_tui.screens.dossier import DossierScreen
from asskomm_tui.screens.overview import OverviewScreen
from asskomm_tui.screens.visit_form import VisitFormScreen
from ui_helpers import (
    field_error,
    PIRNA,
    SCHIRGIS,
    add_visit,
    demo_store,
    disk_records,
    drafts_of,
    my_id,
    pick,
    press,
    q,
    replace_input,
    row_keys,
    rows,
    running,
    screen_text,
    static_text,
    type_text,
)

ERR_DATE = "Bitte ein gültiges Datum eingeben, z. B. 14.03.2026."
ERR_CONSULTANTS = "Bitte mindestens eine Beraterin oder einen Berater auswählen."
# the notification names the field
NOTE_DATE = f"Datum: {ERR_DATE}"
NOTE_CONSULTANTS = f"Beraterinnen und Berater: {ERR_CONSULTANTS}"


def live_visits(path):
    return {i: r for i, r in disk_records(path, "visit").items() if not r["deleted"]}


def without_id(items):
    return [{k: v for k, v in item.items() if k != "id"} for item in items]


async def add_finding(pilot, app, field: str, severity: str, place: str, evidence: str, note: str) -> None:
    await press(pilot, "a")
    dialog = app.screen
    assert isinstance(dialog, FindingDialog)
    await pick(pilot, dialog.query_one("#problem_field"), field)
    await press(pilot, "tab")
    await pick(pilot, dialog.query_one("#severity"), severity)
    await press(pilot, "tab")
    await type_text(pilot, place)
    await press(pilot, "tab")
    await type_text(pilot, evidence)
    await press(pilot, "tab")
    await type_text(pilot, note)
    await press(pilot, "ctrl+s")
    assert isinstance(app.screen, VisitFormScreen)


async def add_follow_up(pilot, app, text: str, owner: str, due: str) -> None:
    await press(pilot, "a")
    assert isinstance(app.screen, FollowUpDialog)
    await type_text(pilot, text)
    await press(pilot, "tab")
    await type_text(pilot, owner)
    await press(pilot, "tab")
    await type_text(pilot, due)
    await press(pilot, "enter")
    assert isinstance(app.screen, VisitFormScreen)


async def test_new_visit_from_anywhere_with_every_field(tmp_path):
    path = demo_store(tmp_path)
    before = set(live_visits(path))
    async with running(path) as (app, pilot):
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, CommunePicker)
        assert "Für welche Kommune?" in screen_text(app)
        await type_text(pilot, "pirna")
        await press(pilot, "enter")
        form = app.screen
        assert isinstance(form, VisitFormScreen)
        assert static_text(q(app, "#form-title")) == "Neuer Besuch in Pirna (Landkreis Sächsische Schweiz-Osterzgebirge)"
        assert q(app, "#date").value == "26.11.2026"  # today
        assert form.focused is q(app, "#date")
        me = my_id(path)
        assert q(app, "#consultants").selected == [me]  # the device's consultant is preselected

        await replace_input(pilot, "12.11.2026")
        await press(pilot, "tab")
        await pick(pilot, q(app, "#kind"), "Workshop")
        await press(pilot, "tab", "down", "space")  # a second consultant (the list opens on the first)
        consultants = q(app, "#consultants")
        other = consultants.get_option_at_index(1).value
        assert consultants.selected == [me, other]
        await press(pilot, "tab")
        await type_text(pilot, "Bürgermeister\n\n  Ordnungsamt  ")
        await press(pilot, "tab")
        await type_text(pilot, "Workshop zur Sicherheitslage\nmit Ortsbegehung")

        # findings: add two, edit the first, remove the second
        await press(pilot, "tab")
        findings = q(app, "#findings")
        assert form.focused is findings
        await add_finding(pilot, app, "Drogenmissbrauch", "hoch", "Stadtpark", "Ortsbegehung", "Abends")
        await add_finding(pilot, app, "Hundekot", "gering", "Markt", "Bürgerhinweise", "")
        assert rows(findings) == [("Drogenmissbrauch", "hoch", "Stadtpark", "Ortsbegehung"),
                                  ("Hundekot", "gering", "Markt", "Bürgerhinweise")]
        await press(pilot, "ctrl+home", "enter")
        dialog = app.screen
        assert isinstance(dialog, FindingDialog)
        assert dialog.query_one("#place").value == "Stadtpark"
        await press(pilot, "tab", "tab")
        await replace_input(pilot, "Stadtpark Nord")
        await press(pilot, "ctrl+s")
        await press(pilot, "down", "delete")
        assert rows(findings) == [("Drogenmissbrauch", "hoch", "Stadtpark Nord", "Ortsbegehung")]
        assert "Stadtpark Nord" in screen_text(app)

        # follow-ups: add three, toggle one done, edit one, remove one
        await press(pilot, "tab")
        follow_ups = q(app, "#follow_ups")
        assert form.focused is follow_ups
        await add_follow_up(pilot, app, "Streetwork anfragen", "Jugendamt", "10.12.2026")
        await add_follow_up(pilot, app, "Protokoll verschicken", "LPR", "")
        await add_follow_up(pilot, app, "Wird gestrichen", "", "")
        assert rows(follow_ups) == [("Streetwork anfragen", "Jugendamt", "10.12.2026", "nein"),
                                    ("Protokoll verschicken", "LPR", "", "nein"),
                                    ("Wird gestrichen", "", "", "nein")]
        await press(pilot, "ctrl+home", "down", "space")
        assert rows(follow_ups)[1][3] == "ja"
        await press(pilot, "ctrl+home", "enter")
        assert isinstance(app.screen, FollowUpDialog)
        await press(pilot, "tab")
        await replace_input(pilot, "Jugendamt Landkreis")
        await press(pilot, "enter")
        await press(pilot, "ctrl+end", "delete")
        assert rows(follow_ups) == [("Streetwork anfragen", "Jugendamt Landkreis", "10.12.2026", "nein"),
                                    ("Protokoll verschicken", "LPR", "", "ja")]

        await press(pilot, "tab")
        await type_text(pilot, "Nächster Termin im Januar.")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, OverviewScreen)
        assert ("Besuch gespeichert.", "information") in app.notes
        recent = rows(q(app, "#recent"))
        assert ("12.11.2026", "Pirna (LK Sächsische Schweiz-Osterzgebirge)", "Workshop",
                "Workshop zur Sicherheitslage") in recent
    new = {i: r for i, r in live_visits(path).items() if i not in before}
    assert len(new) == 1
    record = next(iter(new.values()))
    assert record["rev"].startswith("1-") and len(record["revs"]) == 1
    assert record["updated_by"] == me
    data = record["data"]
    assert data["commune"] == PIRNA
    assert data["date"] == "2026-11-12"
    assert data["kind"] == "workshop"
    assert data["consultants"] == [me, other]
    assert data["participants"] == ["Bürgermeister", "Ordnungsamt"]
    assert data["summary"] == "Workshop zur Sicherheitslage\nmit Ortsbegehung"
    assert data["notes"] == "Nächster Termin im Januar."
    assert without_id(data["findings"]) == [
        {"problem_field": "drug_abuse", "severity": 3, "place": "Stadtpark Nord", "evidence": "Ortsbegehung",
         "note": "Abends"}]
    assert without_id(data["follow_ups"]) == [
        {"text": "Streetwork anfragen", "owner": "Jugendamt Landkreis", "due": "2026-12-10", "done": False,
         "done_on": None},
        {"text": "Protokoll verschicken", "owner": "LPR", "due": None, "done": True, "done_on": "2026-11-26"}]
    assert drafts_of(path) == []


async def test_new_visit_with_n_from_dossier(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await press(pilot, "f3")
        await type_text(pilot, "schirgis")
        await press(pilot, "enter")
        dossier = app.screen
        assert isinstance(dossier, DossierScreen)
        assert rows(q(app, "#visits")) == []
        await press(pilot, "n")
        assert isinstance(app.screen, VisitFormScreen)
        assert static_text(q(app, "#form-title")) == "Neuer Besuch in Schirgiswalde-Kirschau (Landkreis Bautzen)"
        await press(pilot, "tab", "tab", "tab", "tab")
        assert app.screen.focused is q(app, "#summary")
        await type_text(pilot, "Erstes Telefonat")
        await press(pilot, "ctrl+s")
        assert app.screen is dossier
        assert rows(q(app, "#visits")) == [("26.11.2026", "Folgeberatung", "Erstes Telefonat", "", "",
                                            app.repos.me().data.initials)]
        assert "Erstes Telefonat" in screen_text(app)
    visits = [r for r in live_visits(path).values() if r["data"]["commune"] == SCHIRGIS]
    assert len(visits) == 1
    assert visits[0]["data"]["summary"] == "Erstes Telefonat"
    assert visits[0]["data"]["date"] == "2026-11-26"
    assert visits[0]["data"]["kind"] == "follow_up_consultation"


async def open_visit_from_dossier(app, pilot, query: str, visit_id: str) -> VisitFormScreen:
    """The dossier, Enter on the visit (its read-only view), e: the edit form."""
    from asskomm_tui.screens.visit_view import VisitViewScreen

    await press(pilot, "f3")
    await type_text(pilot, query)
    await press(pilot, "enter")
    table = q(app, "#visits")
    index = row_keys(table).index(visit_id)
    await press(pilot, *(["down"] * index), "enter")
    assert isinstance(app.screen, VisitViewScreen) and app.screen.visit_id == visit_id
    await press(pilot, "e")
    form = app.screen
    assert isinstance(form, VisitFormScreen) and form.visit_id == visit_id
    return form


async def back_to_dossier(app, pilot, summary: str | None = None) -> DossierScreen:
    """The form closed onto the visit's view (showing ``summary``, if given); Esc: the dossier."""
    from asskomm_tui.screens.visit_view import VisitViewScreen

    assert isinstance(app.screen, VisitViewScreen)
    if summary is not None:
        assert static_text(q(app, "#vv-summary")) == summary
    await press(pilot, "escape")
    assert isinstance(app.screen, DossierScreen)
    return app.screen


async def test_edit_visit_makes_second_revision(tmp_path):
    path = demo_store(tmp_path)
    visit_id = add_visit(path, PIRNA, date(2026, 11, 20), summary="Alte Zusammenfassung",
                         follow_ups=({"text": "Offen", "due": date(2026, 12, 1)},))
    old = disk_records(path, "visit")[visit_id]
    async with running(path) as (app, pilot):
        form = await open_visit_from_dossier(app, pilot, "pirna", visit_id)
        assert static_text(q(app, "#form-title")) == "Besuch in Pirna (Landkreis Sächsische Schweiz-Osterzgebirge)"
        assert q(app, "#date").value == "20.11.2026"
        assert q(app, "#summary").text == "Alte Zusammenfassung"
        assert rows(q(app, "#follow_ups")) == [("Offen", "", "01.12.2026", "nein")]
        assert "F8" in screen_text(app) or "f8" in screen_text(app)  # delete is offered for a stored visit
        await press(pilot, "tab", "tab", "tab", "tab")
        assert form.focused is q(app, "#summary")
        await press(pilot, "end")
        await type_text(pilot, " und Neues")
        await press(pilot, "ctrl+s")
        await back_to_dossier(app, pilot, "Alte Zusammenfassung und Neues")
        assert ("Besuch gespeichert.", "information") in app.notes
        row = rows(q(app, "#visits"))[row_keys(q(app, "#visits")).index(visit_id)]
        assert row[2] == "Alte Zusammenfassung und Neues"
        assert form.base_rev == old["rev"]
    new = disk_records(path, "visit")[visit_id]
    assert new["rev"].startswith("2-")
    assert new["revs"][1] == old["revs"][0] and len(new["revs"]) == 2
    assert new["data"] == {**old["data"], "summary": "Alte Zusammenfassung und Neues"}
    assert not new["deleted"]


async def test_validation_messages_and_nothing_written(tmp_path):
    path = demo_store(tmp_path)
    before = disk_records(path, "visit")
    async with running(path, expected_errors=(NOTE_DATE, NOTE_CONSULTANTS)) as (app, pilot):
        await press(pilot, "ctrl+n")
        await type_text(pilot, "pirna")
        await press(pilot, "enter")
        form = app.screen
        await replace_input(pilot, "")
        await press(pilot, "tab", "tab", "tab", "tab")
        await type_text(pilot, "Wird nicht gespeichert")
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert field_error(form, "date") == ERR_DATE
        assert static_text(q(app, "#form-error")) == "Bitte „Datum“ prüfen."
        assert "▲ Bitte ein gültiges Datum" in screen_text(app)  # on screen, under the field
        assert form.focused is q(app, "#date")  # the cursor goes where the problem is
        await type_text(pilot, "31.02.2026")
        await press(pilot, "ctrl+s")
        assert app.screen is form and field_error(form, "date") == ERR_DATE
        await replace_input(pilot, "gestern")
        await press(pilot, "ctrl+s")
        assert field_error(form, "date") == ERR_DATE
        await replace_input(pilot, "12.11.2026")
        assert field_error(form, "date") is None  # fixed: the message is gone at once
        await press(pilot, "tab", "tab", "space")  # take the only consultant away (the first, highlighted)
        assert q(app, "#consultants").selected == []
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert field_error(form, "consultants") == ERR_CONSULTANTS
        assert form.focused is q(app, "#consultants")
        assert (NOTE_CONSULTANTS, "error") in app.notes
        await press(pilot, "space")
        await press(pilot, "ctrl+s")  # now it is valid
        assert isinstance(app.screen, OverviewScreen)
    after = disk_records(path, "visit")
    added = [r for i, r in after.items() if i not in before]
    assert len(added) == 1 and added[0]["data"]["summary"] == "Wird nicht gespeichert"
    assert {i: after[i] for i in before} == before


async def test_invalid_form_writes_nothing(tmp_path):
    path = demo_store(tmp_path)
    store_bytes = path.read_bytes()
    async with running(path, expected_errors=(NOTE_DATE,)) as (app, pilot):
        await press(pilot, "ctrl+n")
        await type_text(pilot, "pirna")
        await press(pilot, "enter")
        await replace_input(pilot, "31.02.2026")
        await press(pilot, "ctrl+s")
        assert field_error(app.screen, "date") == ERR_DATE
        await press(pilot, "escape")  # leave; the changed date counts as a change
        assert isinstance(app.screen, ChoiceDialog)
        await press(pilot, "tab", "enter")  # Verwerfen
        assert isinstance(app.screen, OverviewScreen)
    assert path.read_bytes() == store_bytes
    assert drafts_of(path) == []


async def test_delete_visit_with_f8_after_confirmation(tmp_path):
    path = demo_store(tmp_path)
    visit_id = add_visit(path, PIRNA, date(2026, 11, 20), summary="Wird gelöscht")
    old = disk_records(path, "visit")[visit_id]
    async with running(path) as (app, pilot):
        form = await open_visit_from_dossier(app, pilot, "pirna", visit_id)
        await press(pilot, "f8")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Den Besuch vom 20.11.2026 in Pirna wirklich löschen?" in screen_text(app)
        await press(pilot, "escape")  # no: nothing happens
        assert app.screen is form
        await press(pilot, "f8")
        await press(pilot, "shift+tab", "enter")  # "Ja"
        assert static_text(q(app, "#vv-head")).startswith("Dieser Besuch in Pirna ist gelöscht")
        await back_to_dossier(app, pilot)
        assert visit_id not in row_keys(q(app, "#visits"))
        assert "Wird gelöscht" not in screen_text(app)
        assert ("Besuch gelöscht.", "information") in app.notes
    new = disk_records(path, "visit")[visit_id]
    assert new["deleted"] is True
    assert new["rev"].startswith("2-") and new["revs"][1] == old["revs"][0]
    assert new["data"] is None  # a tombstone keeps no data (issue 10)


async def test_f8_does_nothing_on_new_visit(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await press(pilot, "ctrl+n")
        await type_text(pilot, "pirna")
        await press(pilot, "enter")
        form = app.screen
        assert "Besuch löschen" not in screen_text(app)
        await press(pilot, "f8")
        assert app.screen is form


# -- unsaved changes --------------------------------------------------------------------------------
async def dirty_form(app, pilot, path, visit_id):
    form = await open_visit_from_dossier(app, pilot, "pirna", visit_id)
    await press(pilot, "tab", "tab", "tab", "tab")
    assert form.focused is q(app, "#summary")
    await press(pilot, "end")
    await type_text(pilot, " – ergänzt")
    await form.flush_draft()
    assert len(drafts_of(path)) == 1
    await press(pilot, "escape")
    dialog = app.screen
    assert isinstance(dialog, ChoiceDialog)
    text = screen_text(app)
    for label in ("Ungespeicherte Änderungen", "Speichern", "Verwerfen", "Weiter bearbeiten"):
        assert label in text
    return form


async def test_unsaved_continue_editing(tmp_path):
    path = demo_store(tmp_path)
    visit_id = add_visit(path, PIRNA, date(2026, 11, 20), summary="Stand")
    old = disk_records(path, "visit")[visit_id]
    async with running(path) as (app, pilot):
        form = await dirty_form(app, pilot, path, visit_id)
        await press(pilot, "tab", "tab", "enter")  # "Weiter bearbeiten"
        assert app.screen is form
        assert q(app, "#summary").text == "Stand – ergänzt"
        await press(pilot, "escape")
        await press(pilot, "escape")  # Esc in the question also goes back to the form
        assert app.screen is form
        await press(pilot, "ctrl+q")  # asks before quitting, and has written the draft first
    assert disk_records(path, "visit")[visit_id] == old
    assert len(drafts_of(path)) == 1


async def test_unsaved_save(tmp_path):
    path = demo_store(tmp_path)
    visit_id = add_visit(path, PIRNA, date(2026, 11, 20), summary="Stand")
    async with running(path) as (app, pilot):
        await dirty_form(app, pilot, path, visit_id)
        await press(pilot, "enter")  # "Speichern" is the first button
        await back_to_dossier(app, pilot, "Stand – ergänzt")
        assert "Stand – ergänzt" in [r[2] for r in rows(q(app, "#visits"))]
    new = disk_records(path, "visit")[visit_id]
    assert new["data"]["summary"] == "Stand – ergänzt" and new["rev"].startswith("2-")
    assert drafts_of(path) == []


async def test_unsaved_discard_writes_nothing_and_removes_draft(tmp_path):
    path = demo_store(tmp_path)
    visit_id = add_visit(path, PIRNA, date(2026, 11, 20), summary="Stand")
    store_bytes = path.read_bytes()
    async with running(path) as (app, pilot):
        await dirty_form(app, pilot, path, visit_id)
        await press(pilot, "tab", "enter")  # "Verwerfen"
        await back_to_dossier(app, pilot, "Stand")
        assert "Stand" in [r[2] for r in rows(q(app, "#visits"))]
        assert drafts_of(path) == []
    assert path.read_bytes() == store_bytes
    assert drafts_of(path) == []


async def test_escape_on_unchanged_form_just_closes(tmp_path):
    path = demo_store(tmp_path)
    visit_id = add_visit(path, PIRNA, date(2026, 11, 20), summary="Stand")
    store_bytes = path.read_bytes()
    async with running(path) as (app, pilot):
        await open_visit_from_dossier(app, pilot, "pirna", visit_id)
        await press(pilot, "escape")
        await back_to_dossier(app, pilot, "Stand")
    assert path.read_bytes() == store_bytes
