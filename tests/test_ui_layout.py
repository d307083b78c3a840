"""At 80x24 nothing falls off, and wider terminals give the text the room (items 20, 23, 25 and 26
of issue 7): buttons, columns and footer keys are on screen whole; a highlighted row is never hidden;
tick marks differ without colour."""

from __future__ import annotations

from datetime import date

from asskomm_tui.dialogs.strategies import StrategiesDialog
from asskomm_tui.screens.dossier import DossierScreen
from asskomm_tui.screens.strategy import StrategyScreen
from asskomm_tui.screens.visit_form import VisitFormScreen
from storage.lock import StoreLock
from ui_helpers import (
    footer_line,
    open_new_visit,

    PIRNA,
    add_visit,
    demo_store,
    disk_records,
    list_keys,
    press,
    q,
    running,
    screen_text,
    tab_to,
    type_text,
)

LONG_TASK = "Kostenschätzung der Beleuchtung für die Bahnunterführung beim Bauamt anfordern"
LONG_SUMMARY = "Rundgang mit dem Ordnungsamt durch die Altstadt, danach Gespräch mit dem Bürgermeister"


def assert_footer_keys_whole(app) -> list[str]:
    """Every key the footer shows has its whole description; the shown descriptions."""
    descriptions = {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}
    descriptions.add("Befehle")  # Strg+P, the command palette's own key
    shown = [part.strip() for part in footer_line(app).replace("▏", "  ").split("  ") if part.strip()]
    for part in shown:
        _, _, description = part.partition(" ")
        assert description in descriptions, f"footer shows {part!r}, cut or unknown ({sorted(descriptions)})"
    return shown


async def open_pirna(app, pilot) -> None:
    await press(pilot, "f3")
    await type_text(pilot, "pirna")
    await press(pilot, "enter")
    assert isinstance(app.screen, DossierScreen)


# -- 26: nothing falls off at 80x24 ------------------------------------------------------------------
async def test_first_start_dialog_shows_its_buttons_at_80x24(tmp_path):
    async with running(tmp_path / "neu.json") as (app, pilot):
        lines = screen_text(app).splitlines()
        assert any("OK" in line and "Abbrechen" in line for line in lines[:-1]), "buttons below the fold"
        assert "Zentrale" in screen_text(app)


async def test_visit_form_shows_the_follow_ups_due_dates_at_80x24(tmp_path):
    path = demo_store(tmp_path)
    visit = add_visit(path, PIRNA, date(2026, 11, 25), summary="Rundgang",
                      follow_ups=({"text": LONG_TASK, "owner": "Präventionskoordinator/in", "due": date(2026, 12, 9)},))
    async with running(path) as (app, pilot):
        assert app.screen.query_one("#recent").current_key == visit
        await press(pilot, "enter")  # the visit's view; e: its form
        await press(pilot, "e")
        assert isinstance(app.screen, VisitFormScreen)
        await tab_to(pilot, "follow_ups")
        text = screen_text(app)
        assert "Fällig" in text and "Erledigt" in text
        row = next(line for line in text.splitlines() if "Kostenschätzung" in line)
        assert "09.12.2026" in row and "nein" in row  # the task is cut with …, the date stays


async def test_strategy_list_shows_when_each_was_changed_at_80x24(tmp_path):
    path = demo_store(tmp_path, showcase=True)
    async with running(path) as (app, pilot):
        await open_pirna(app, pilot)
        await press(pilot, "s")
        assert isinstance(app.screen, StrategiesDialog)
        lines = screen_text(app).splitlines()
        header = next(line for line in lines if "Zeitraum " in line and "Titel" in line)
        assert "Geändert" in header
        rows = [line for line in lines if "–20" in line and ("Entwurf" in line or "Umsetzung" in line
                                                             or "evaluiert" in line or "abgestimmt" in line)]
        assert rows and all(line.count(".") >= 2 and ":" in line for line in rows)  # "02.04.2025 15:08"


async def test_wider_terminals_give_the_summaries_the_room(tmp_path):
    path = demo_store(tmp_path)
    add_visit(path, PIRNA, date(2026, 11, 25), summary=LONG_SUMMARY)
    async with running(path) as (app, pilot):
        await open_pirna(app, pilot)
        assert LONG_SUMMARY not in screen_text(app)  # cut at 80 columns
        assert "Beratung" in screen_text(app)  # but every column is there
    async with running(path, size=(120, 40)) as (app, pilot):
        await open_pirna(app, pilot)
        assert LONG_SUMMARY[:60] in screen_text(app)  # 120 columns: the summary takes the room
        assert "Beratung" in screen_text(app)
        assert "Rundgang mit dem Ordnungsamt" in screen_text(app)


# -- 25: footers show whole keys that apply -----------------------------------------------------------
async def test_footers_show_only_whole_keys_and_save_comes_first(tmp_path):
    path = demo_store(tmp_path, showcase=True)
    async with running(path) as (app, pilot):
        shown = assert_footer_keys_whole(app)
        await open_pirna(app, pilot)
        shown = assert_footer_keys_whole(app)
        assert "esc Zurück" in shown
        await press(pilot, "s")
        shown = assert_footer_keys_whole(app)
        assert "n Neue Strategie" in shown and not any("Neuer Besuch" in s for s in shown)
        await press(pilot, "enter")
        assert isinstance(app.screen, StrategyScreen)
        shown = assert_footer_keys_whole(app)
        # a text area has the focus, and binds Ctrl+PgUp itself: the screen's keys still come first
        assert "^s Speichern" in shown and "esc Schließen" in shown
        await press(pilot, "escape")


async def test_the_second_window_offers_no_keys_of_an_open_store(tmp_path):
    path = demo_store(tmp_path)
    lock = StoreLock(path)
    lock.acquire()
    try:
        async with running(path) as (app, pilot):
            footer = footer_line(app)
            assert "Beenden" in footer
            for key in ("f2", "f3", "f4", "f7"):
                assert key not in footer.split(), footer
    finally:
        lock.release()


# -- 20: the highlighted row is never hidden ---------------------------------------------------------
async def test_the_highlighted_commune_stays_in_view_and_enter_opens_it(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await press(pilot, "f3")  # the filter has the focus; the arrows move through the list
        await press(pilot, *["down"] * 16)
        keys = list_keys(app)
        table = app.screen.query_one("ListTable")
        chosen = keys[table.cursor]
        name = disk_records(path, "commune")[chosen]["data"]["name"]
        assert name in screen_text(app).split("\n", 1)[1], f"{name} (highlighted) is not on screen"
        await press(pilot, "enter")
        assert isinstance(app.screen, DossierScreen)
        assert app.screen.ags == chosen


# -- 23: tick marks without colour, the first Space ticks ------------------------------------------
async def test_tick_marks_differ_without_colour_and_the_first_space_ticks(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await open_new_visit(pilot)
        consultants = q(app, "#consultants")
        lines = [line for line in screen_text(app).splitlines() if "▐" in line]
        assert any("▐✓▌" in line for line in lines) and any("▐ ▌" in line for line in lines)
        before = list(consultants.selected)
        await tab_to(pilot, "consultants")
        await press(pilot, "down", "space")  # no highlight to find first: ↓ then Space ticks the second
        assert len(consultants.selected) == len(before) + 1
        ticked = [line for line in screen_text(app).splitlines() if "▐✓▌" in line]
        assert len(ticked) == 2
