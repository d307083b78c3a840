"""Hilfe (F1, ?) lists the keys of the current screen and the global ones in German; Ctrl+P the commands."""

from __future__ import annotations

import re

from textual.command import CommandList, CommandPalette

from asskomm_tui import strings as S
from asskomm_tui.dialogs.backups import BackupsDialog
from asskomm_tui.screens.help import HelpScreen
from asskomm_tui.screens.overview import OverviewScreen
from asskomm_tui.screens.visit_form import VisitFormScreen
from ui_helpers import demo_store, press, q, rows, running, screen_text, type_text

GLOBAL = {"Hilfe", "Übersicht", "Kommunen", "Neuer Besuch", "Sicherungen", "Beenden", "Befehle"}
# every text the UI shows comes from the strings module (constants, and the values of its label tables)
UI_TEXTS = {v for v in vars(S).values() if isinstance(v, str)} | {
    t for v in vars(S).values() if isinstance(v, dict) for t in v.values() if isinstance(t, str)}


def is_german(description: str) -> bool:
    return description in UI_TEXTS or re.fullmatch(r"Reiter \d", description) is not None


async def help_rows(app, pilot, key: str = "f1", expected_global=GLOBAL) -> list[tuple[str, str]]:
    origin = app.screen
    await press(pilot, key)
    assert isinstance(app.screen, HelpScreen)
    assert app.screen.origin is origin
    assert "Hilfe: Tastenkürzel" in screen_text(app)
    found = rows(q(app, "#help-keys"))
    # the keys of this screen, then under "Überall" the app's keys
    assert ("", "Überall") in found
    own, app_keys = found[:found.index(("", "Überall"))], found[found.index(("", "Überall")) + 1:]
    outside_row = ("", S.HELP_OUTSIDE_FORMS)
    outside = app_keys[app_keys.index(outside_row) + 1:] if outside_row in app_keys else []
    app_keys = app_keys[:app_keys.index(outside_row)] if outside_row in app_keys else app_keys
    assert expected_global <= {d for _, d in app_keys}
    assert own and not expected_global & {d for _, d in own} - {"Neuer Besuch", "Hilfe"}
    found = own + app_keys + outside
    help_rows.outside = {d for _, d in outside}  # type: ignore[attr-defined]
    not_german = [d for _, d in found if not is_german(d)]
    assert not not_german, f"help shows descriptions that are not German: {not_german}"
    return found


async def test_help_on_every_screen_is_german_and_complete(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        found = dict((d, k) for k, d in await help_rows(app, pilot))
        assert found["Erledigt an/aus"] == "x"
        assert found["Hilfe"] == "f1 / ?"
        assert found["Übersicht"] == "f2"
        await press(pilot, "escape")
        assert isinstance(app.screen, OverviewScreen)
        # ? opens it too and closes it again
        await help_rows(app, pilot, "question_mark")
        await press(pilot, "question_mark")
        assert isinstance(app.screen, OverviewScreen)

        await press(pilot, "f3")
        found = dict((d, k) for k, d in await help_rows(app, pilot))
        assert found["Nur Mitglieder"] == "f5" and found["Nur mit offenen Aufgaben"] == "f6"
        assert "Suchen" in found and "Öffnen" in found
        await press(pilot, "f1")  # F1 closes the help
        await type_text(pilot, "pirna")
        await press(pilot, "enter")

        found = dict((d, k) for k, d in await help_rows(app, pilot))
        for description in ("Zurück", "Neuer Besuch", "Status bearbeiten", "Kontakt hinzufügen",
                            "Kontakt löschen", "Reiter 1", "Reiter 4"):
            assert description in found
        await press(pilot, "escape", "n")
        assert isinstance(app.screen, VisitFormScreen)

        # the form is modal: of the app's keys only Ctrl+Q and Ctrl+P work there, and only they are listed
        # as "Überall"; the others follow under their own heading (they work once the form is closed)
        listed = [(d, k) for k, d in await help_rows(app, pilot, expected_global={"Beenden", "Befehle"})]
        outside = help_rows.outside  # type: ignore[attr-defined]
        assert {"Übersicht", "Sicherungen", "Kommunen"} <= outside
        found = dict(listed[:len(listed) - len(outside)])
        assert found["Hilfe"] == "f1"  # the form's own F1
        for description in ("Speichern", "Schließen", "Besuch löschen", "Eintrag hinzufügen", "Eintrag entfernen",
                            "Erledigt an/aus"):
            assert description in found
        assert "Übersicht" not in found and "Sicherungen" not in found
        await press(pilot, "escape")
        assert isinstance(app.screen, VisitFormScreen)


async def test_command_palette_has_german_commands(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        assert "Search for commands" not in screen_text(app)  # Textual's English prompt
        assert "Befehl suchen …" in screen_text(app)
        commands = q(app, CommandList)
        prompts = [str(commands.get_option_at_index(i).prompt).split("\n")[0]
                   for i in range(commands.option_count)]
        for name in ("Übersicht", "Kommunen", "Neuer Besuch", "Sicherungen", "Entwürfe", "Hilfe", "Beenden"):
            assert name in prompts
        await type_text(pilot, "Sicherungen")
        assert "Sicherungen anzeigen, anlegen und wiederherstellen" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, BackupsDialog)
        await press(pilot, "escape", "ctrl+p")
        await type_text(pilot, "Kommunen")
        await press(pilot, "enter")
        assert app.current_mode == "communes"


async def test_a_key_of_the_screen_and_of_the_list_for_the_same_thing_share_one_help_line(tmp_path):
    from asskomm_tui.widgets.list_table import ListTable

    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await press(pilot, "f3")
        q(app, ListTable).focus()
        found = await help_rows(app, pilot)
        sort_lines = [keys for keys, d in found if d == S.KEY_SORT_LONG]
        reverse_lines = [keys for keys, d in found if d == S.KEY_SORT_REVERSE_LONG]
        assert len(sort_lines) == 1 and set(sort_lines[0].split(" / ")) == {"^o", "o"}
        assert len(reverse_lines) == 1 and {"^t", "O"} <= set(reverse_lines[0].split(" / "))
        assert S.KEY_SORT_LONG in screen_text(app)  # not cut at 80 columns
