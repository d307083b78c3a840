"""The strategy screen's keys work from any field: F1 help, F6 export (also from a text area)."""

from __future__ import annotations

from asskomm_tui.dialogs.strategy_items import ExportDocumentDialog
from asskomm_tui.screens.help import HelpScreen
from asskomm_tui.screens.strategy import StrategyScreen
from test_ui_strategy import open_strategy, prepared_strategy
from ui_helpers import press, q, rows, running


async def test_f1_and_f6_work_while_a_text_area_has_the_focus(tmp_path):
    path = prepared_strategy(tmp_path)
    async with running(path) as (app, pilot):
        screen = await open_strategy(app, pilot)
        assert screen.focused is q(app, "#problem_description")  # a text area, on opening
        await press(pilot, "f6")
        assert isinstance(app.screen, ExportDocumentDialog)
        await press(pilot, "escape")
        assert app.screen is screen and q(app, "#problem_description").selected_text == ""
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        keys = [tuple(r) for r in rows(q(app, "#help-keys"))]
        assert ("f6", "Dokument exportieren") in keys
        # under "Überall": what works here; then the app's keys that need Esc first
        labels = [r[1] for r in keys]
        everywhere, outside = labels.index("Überall"), labels.index(
            "Außerhalb von Formularen und Dialogen (erst mit Esc schließen)")
        assert {"Beenden", "Befehle"} <= set(labels[everywhere:outside])
        assert {"Übersicht", "Kommunen", "Sync", "Neuer Besuch"} <= set(labels[outside:])
        await press(pilot, "escape")
        assert isinstance(app.screen, StrategyScreen)
