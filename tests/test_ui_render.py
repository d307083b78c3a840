"""Every screen and dialog renders at 80x24 (screenshots exercise the full render path)."""

from __future__ import annotations

import html
from datetime import date

from asskomm_tui.screens.loading import StoreErrorScreen
from ui_helpers import PIRNA, add_visit, demo_store, press, running, screen_text, type_text


def shot(app, tmp_path, name: str, *expected: str) -> None:
    """Save an SVG screenshot and check that it shows ``expected`` (and so did render)."""
    path = app.save_screenshot(filename=f"{name}.svg", path=str(tmp_path))
    svg = html.unescape(open(path, encoding="utf-8").read()).replace("\xa0", " ")
    for text in expected:
        assert text in svg, f"{name}: {text!r} not in the screenshot"
        assert text in screen_text(app)


async def test_every_screen_renders_at_80x24(tmp_path):
    path = demo_store(tmp_path)
    add_visit(path, PIRNA, date(2026, 11, 24), summary="Rundgang",
              findings=({"problem_field": "graffiti", "severity": 3, "place": "Markt"},),
              follow_ups=({"text": "Anruf", "due": date(2026, 11, 30)},))
    async with running(path, notifications=True) as (app, pilot):
        assert app.size == (80, 24)
        shot(app, tmp_path, "uebersicht", "Meine letzten Besuche", "Rundgang", "Anruf")
        await press(pilot, "f1")
        shot(app, tmp_path, "hilfe", "Hilfe: Tastenkürzel")
        await press(pilot, "escape", "f9")
        shot(app, tmp_path, "sicherungen", "Sicherungen", "täglich")
        await press(pilot, "escape", "f3")
        shot(app, tmp_path, "kommunen", "418 von 418 Kommunen")
        await type_text(pilot, "pirna")
        await press(pilot, "enter")
        shot(app, tmp_path, "dossier-besuche", "Rundgang")
        for key, text in (("2", "Sachbeschädigung"), ("3", "Anruf"), ("4", "Kooperationsvereinbarung")):
            await press(pilot, key)
            shot(app, tmp_path, f"dossier-{key}", text)
        await press(pilot, "e")
        shot(app, tmp_path, "status", "Status von Pirna")
        await press(pilot, "escape", "k")
        shot(app, tmp_path, "kontakt", "Kontakt")
        await press(pilot, "escape", "1", "enter")
        shot(app, tmp_path, "besuch-ansicht", "Besuch in Pirna", "Bearbeiten")
        await press(pilot, "e")
        assert type(app.screen).__name__ == "VisitFormScreen"
        shot(app, tmp_path, "besuch", "Besuch in Pirna")
        await press(pilot, "tab", "tab", "tab", "tab", "tab")
        shot(app, tmp_path, "besuch-feststellungen", "Feststellungen")
        await press(pilot, "enter")
        shot(app, tmp_path, "feststellung", "Feststellung", "Problemfeld")
        await press(pilot, "escape", "tab", "enter")
        shot(app, tmp_path, "folgeaufgabe", "Folgeaufgabe", "Anruf")
        await press(pilot, "escape", "f8")
        shot(app, tmp_path, "loeschen", "wirklich löschen?")
        await press(pilot, "escape", "tab")
        await type_text(pilot, "x")
        await press(pilot, "escape")
        shot(app, tmp_path, "ungespeichert", "Ungespeicherte Änderungen", "Weiter bearbeiten")
        await press(pilot, "tab", "enter", "ctrl+n")
        shot(app, tmp_path, "kommune-waehlen", "Für welche Kommune?")
        await press(pilot, "escape", "ctrl+p")
        # sorted by name: the first entries show (Kommunen is below the fold since Datenschutz came)
        shot(app, tmp_path, "befehle", "Auswertung", "Die Bilanz eines Zeitraums", "Datenschutz")
        await press(pilot, "escape")
        assert app.is_running


async def test_first_start_and_error_screens_render_at_80x24(tmp_path):
    async with running(tmp_path / "neu.json") as (app, pilot):
        shot(app, tmp_path, "erster-start", "Willkommen bei asskomm")
    broken = tmp_path / "kaputt.json"
    broken.write_text("{nicht json", encoding="utf-8")
    async with running(broken) as (app, pilot):
        assert isinstance(app.screen, StoreErrorScreen)
        shot(app, tmp_path, "fehler", "Der Speicher kann nicht geöffnet werden")
