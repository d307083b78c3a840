"""User text is data: markup-like text shows literally everywhere and runs nothing; control characters
never reach the store."""

from __future__ import annotations

import json
from datetime import date

from asskomm_tui.dialogs.commune_picker import CommunePicker
from asskomm_tui.dialogs.confirm import ConfirmDialog
from asskomm_tui.dialogs.drafts import DraftsDialog
from asskomm_tui.screens.dossier import DossierScreen
from asskomm_tui.screens.overview import OverviewScreen
from asskomm_tui.screens.visit_form import VisitFormScreen
from ui_helpers import (
    H,
    PIRNA,
    add_visit,
    demo_store,
    disk_records,
    fast_autosave,  # noqa: F401  (fixture)
    paste,
    pick,
    press,
    q,
    replace_input,
    rows,
    running,
    screen_text,
    settle,
    static_text,
    tab_to,
    type_text,
    wait_for_draft,
)

# at 80 columns a cell or an input shows the start of the text, or (scrolled) its end: either way
# the brackets must be there (read as markup, "[b]" would vanish)
VISIBLE = "[/x] [b]fe"
VISIBLE_END = "[b]fett[/b] [@click=app.quit]x[/] <script>"


def literal_on_screen(app) -> bool:
    text = screen_text(app)
    return VISIBLE in text or VISIBLE_END in text
ESC = "\x1b[31mrot\x1b[0m"
ESC_STRIPPED = "[31mrot[0m"


def no_control_chars(value) -> bool:
    text = json.dumps(value, ensure_ascii=False)
    return "\x1b" not in text and "\\u001b" not in text


async def click_text(pilot, widget, needle: str) -> None:
    """Click on ``needle`` inside a widget's text (a [@click=…] link there would run)."""
    line_no, column = next((i, line.index(needle)) for i, line in enumerate(static_text(widget).splitlines())
                           if needle in line)
    await pilot.click(widget, offset=(column + 1 + widget.styles.padding.left, line_no))
    await settle(pilot)


async def test_consultant_name_from_first_start(tmp_path):
    path = tmp_path / "neu.json"
    async with running(path, notifications=True) as (app, pilot):
        await type_text(pilot, H)
        await press(pilot, "tab")
        await replace_input(pilot, "HX")
        await press(pilot, "enter")
        assert isinstance(app.screen, OverviewScreen)
        assert app.sub_title == f"{H} (HX) · Beratung"
        assert f"Guten Tag, {H}." == static_text(q(app, "#greeting"))
        text = screen_text(app)
        assert f"Guten Tag, {H}." in text
        assert VISIBLE in text.splitlines()[0]  # the header
        assert (f"Willkommen, {H}!", "information") in app.notes
        await click_text(pilot, q(app, "#greeting"), "[@click=app.quit]x")
        assert app.is_running
        # the consultants list of the visit form
        await press(pilot, "ctrl+n")
        await type_text(pilot, "pirna")
        await press(pilot, "enter")
        consultants = q(app, "#consultants")
        assert str(consultants.get_option_at_index(0).prompt) == f"{H} (HX)"
        assert f"{VISIBLE}" in screen_text(app)
        assert app.is_running
    local = json.loads(path.read_bytes())["_local"]["1"]
    assert disk_records(path, "consultant")[local["consultant_id"]]["data"]["name"] == H


async def test_commune_status_notes_and_contacts(tmp_path):
    path = demo_store(tmp_path)
    async with running(path, notifications=True) as (app, pilot):
        await press(pilot, "f3")
        await type_text(pilot, "pirna")
        await press(pilot, "enter")
        dossier = app.screen
        assert isinstance(dossier, DossierScreen)
        await press(pilot, "e")
        await tab_to(pilot, "coaching_note")
        await replace_input(pilot, H)
        await tab_to(pilot, "notes")
        await press(pilot, "ctrl+e")  # TextArea: end of the line
        await type_text(pilot, "\n" + H)
        await paste(pilot, "\n" + ESC)
        await press(pilot, "ctrl+s")
        assert app.screen is dossier
        await press(pilot, "4")
        status = static_text(q(app, "#status"))
        assert f"Coaching: angefragt – {H}" in status
        notes = static_text(q(app, "#notes"))
        assert notes == f"Notizen:\nModellkommune seit dem Start von ASSKomm.\n{H}\n{ESC_STRIPPED}"
        text = screen_text(app)
        assert f"Coaching: angefragt – {VISIBLE}" in text
        assert f"\n {VISIBLE}" in text  # the notes line (its end may be under a notification)
        await click_text(pilot, q(app, "#notes"), "[@click=app.quit]x")
        assert app.is_running

        await press(pilot, "k")
        await type_text(pilot, H)
        await paste(pilot, ESC)  # pasted into the name: the escape characters are dropped
        assert "\x1b" in app.screen.query_one("#name").value
        await press(pilot, "tab")
        await type_text(pilot, H)
        await press(pilot, "tab")
        await type_text(pilot, H)
        await press(pilot, "enter")
        assert app.screen is dossier
        contacts = q(app, "#contacts")
        assert rows(contacts)[-1] == (H + ESC_STRIPPED, H, H, "")
        assert literal_on_screen(app)
        # the delete question quotes the name literally
        await press(pilot, "4", "ctrl+end", "delete")  # (the click above took the focus off the list)
        assert isinstance(app.screen, ConfirmDialog)
        assert static_text(app.screen.query_one("#question")) == f"Kontakt „{H}{ESC_STRIPPED}“ löschen?"
        assert f"Kontakt „{VISIBLE}" in screen_text(app)
        await press(pilot, "escape")
        assert app.is_running
    data = disk_records(path, "commune")[PIRNA]["data"]
    assert data["coaching_note"] == H
    assert data["notes"].endswith(f"\n{H}\n{ESC_STRIPPED}")
    contact = data["contacts"][-1]
    assert (contact["name"], contact["role"], contact["phone"]) == (H + ESC_STRIPPED, H, H)
    assert no_control_chars(data)


async def test_visit_texts_everywhere(tmp_path):
    path = demo_store(tmp_path)
    before = set(disk_records(path, "visit"))
    async with running(path, notifications=True) as (app, pilot):
        # the commune picker takes it as a search and finds nothing
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, CommunePicker)
        await type_text(pilot, H)
        assert q(app, "#picker-search").value == H
        assert q(app, "#picker-list").option_count == 0
        assert literal_on_screen(app)
        await replace_input(pilot, "pirna")
        await press(pilot, "enter")
        form = app.screen
        assert isinstance(form, VisitFormScreen)

        await tab_to(pilot, "participants")
        await type_text(pilot, H + "\nZweite Stelle")
        await paste(pilot, "\n" + ESC)
        await press(pilot, "tab")
        await type_text(pilot, H)
        await paste(pilot, ESC)
        assert "\x1b" in q(app, "#summary").text  # the widget takes it; the store must not
        await press(pilot, "tab", "a")
        await pick(pilot, app.screen.query_one("#problem_field"), "Extremismus")
        await press(pilot, "tab", "tab")
        await type_text(pilot, H)
        await press(pilot, "tab")
        await type_text(pilot, H)
        await press(pilot, "tab")
        await type_text(pilot, H)
        await press(pilot, "ctrl+s")
        assert app.screen is form
        await press(pilot, "tab", "a")
        await type_text(pilot, H)
        await press(pilot, "tab")
        await type_text(pilot, H)
        await press(pilot, "tab")
        await type_text(pilot, "30.11.2026")
        await press(pilot, "enter")
        assert app.screen is form
        await press(pilot, "tab")
        await type_text(pilot, H)
        assert rows(q(app, "#findings")) == [("Extremismus", "mittel", H, H)]
        assert rows(q(app, "#follow_ups")) == [(H, H, "30.11.2026", "nein")]
        assert literal_on_screen(app)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, OverviewScreen)

        # Übersicht: my recent visits and my due follow-ups
        recent = rows(q(app, "#recent"))
        assert recent[0][3] == H + ESC_STRIPPED  # the first line of the summary
        assert rows(q(app, "#due"))[0][2:] == (H, H)
        assert literal_on_screen(app)

        # Dossier: visits and open follow-ups
        await press(pilot, "f3")
        await type_text(pilot, "pirna")
        await press(pilot, "enter")
        assert rows(q(app, "#visits"))[0][2] == H + ESC_STRIPPED
        await press(pilot, "3")
        assert (H, H) in [r[1:3] for r in rows(q(app, "#tasks"))]
        assert literal_on_screen(app)

        # the visit's view, with everything in place
        from asskomm_tui.screens.visit_view import VisitViewScreen

        await press(pilot, "1", "enter")
        assert isinstance(app.screen, VisitViewScreen)
        assert static_text(q(app, "#vv-summary")) == H + ESC_STRIPPED
        assert static_text(q(app, "#vv-notes")) == H
        assert f"Teilnehmende: {H} · Zweite Stelle · {ESC_STRIPPED}" in static_text(q(app, "#vv-meta"))
        assert rows(q(app, "#vv-findings")) == [("Extremismus", "mittel", H, H, H)]
        assert rows(q(app, "#vv-follow-ups")) == [(H, H, "30.11.2026", "offen")]
        assert literal_on_screen(app)
        # and the form again (e)
        await press(pilot, "e")
        assert isinstance(app.screen, VisitFormScreen)
        assert q(app, "#summary").text == H + ESC_STRIPPED
        assert q(app, "#participants").text == f"{H}\nZweite Stelle\n{ESC_STRIPPED}"
        assert q(app, "#notes").text == H
        assert rows(q(app, "#findings")) == [("Extremismus", "mittel", H, H)]
        assert literal_on_screen(app)
        # the finding's own dialog shows place, evidence and note as they were typed
        await tab_to(pilot, "findings")
        await press(pilot, "enter")
        dialog = app.screen
        assert [dialog.query_one(f"#{f}").value for f in ("place", "evidence")] == [H, H]
        assert dialog.query_one("#note").text == H
        assert literal_on_screen(app)
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, VisitViewScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, DossierScreen)
        assert app.is_running
    (visit,) = [r for i, r in disk_records(path, "visit").items() if i not in before]
    data = visit["data"]
    assert data["participants"] == [H, "Zweite Stelle", ESC_STRIPPED]
    assert data["summary"] == H + ESC_STRIPPED and data["notes"] == H
    finding = data["findings"][0]
    assert (finding["place"], finding["evidence"], finding["note"]) == (H, H, H)
    follow_up = data["follow_ups"][0]
    assert (follow_up["text"], follow_up["owner"]) == (H, H)
    assert no_control_chars(data)


async def test_drafts_dialog_shows_typed_date_literally(tmp_path, fast_autosave):
    path = demo_store(tmp_path)
    visit_id = add_visit(path, PIRNA, date(2026, 11, 20), summary="Gespeichert")
    async with running(path) as (app, pilot):
        app.open_visit_form(visit_id=visit_id)
        await settle(pilot)
        await replace_input(pilot, H)  # the date field: any text until it is saved
        await wait_for_draft(pilot, path)
        app.exit()
    async with running(path, notifications=True) as (app, pilot):
        assert isinstance(app.screen, DraftsDialog)
        assert rows(q(app, "#draft-list"))[0][0] == f"Besuch vom {H} in Pirna"
        assert f"Besuch vom {VISIBLE}" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, VisitFormScreen)
        assert q(app, "#date").value == H
        assert app.is_running
