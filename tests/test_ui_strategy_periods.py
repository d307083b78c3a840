"""A strategy's period may not meet another one of the same commune; the dialog says so and keeps the input."""

from __future__ import annotations

import pytest

from asskomm_tui.dialogs.strategy_items import NewStrategyDialog
from storage import InvalidInputError, Repositories, Store
from test_ui_strategy import open_strategies, prepared_strategy
from ui_helpers import PIRNA, disk_records, field_error, press, replace_input, running


async def test_an_overlapping_or_identical_period_is_refused_in_the_dialog_with_the_input_kept(tmp_path):
    path = prepared_strategy(tmp_path)  # Pirna 2026–2028
    before = path.read_bytes()
    async with running(path) as (app, pilot):
        dialog_list = await open_strategies(app, pilot)
        await press(pilot, "n")
        dialog = app.screen
        assert isinstance(dialog, NewStrategyDialog)
        assert dialog.query_one("#start").value == "2029"  # suggested: after the last one
        await replace_input(pilot, "2027")
        await press(pilot, "tab")
        await replace_input(pilot, "2029")
        await press(pilot, "ctrl+s")
        assert app.screen is dialog  # refused in the dialog, input kept
        assert field_error(dialog, "start") == ("Der Zeitraum überschneidet sich mit der Strategie 2026–2028; "
                                                "Strategien einer Kommune dürfen sich nicht überschneiden.")
        assert (dialog.query_one("#start").value, dialog.query_one("#end").value) == ("2027", "2029")
        assert dialog.focused is dialog.query_one("#start")
        await replace_input(pilot, "2026")
        await press(pilot, "tab")
        await replace_input(pilot, "2028")
        await press(pilot, "ctrl+s")
        assert app.screen is dialog
        assert field_error(dialog, "start") == ("Für 2026–2028 gibt es schon eine Strategie – bitte diese öffnen "
                                                "und dort weiterarbeiten.")
        await press(pilot, "escape")
        assert app.screen is dialog_list
    assert path.read_bytes() == before


async def test_the_next_free_period_is_created(tmp_path):
    path = prepared_strategy(tmp_path)
    async with running(path) as (app, pilot):
        await open_strategies(app, pilot)
        await press(pilot, "n", "ctrl+s")  # the suggested 2029–2031
    ids = sorted(disk_records(path, "strategy"))
    assert ids == [f"{PIRNA}-2026-2028", f"{PIRNA}-2029-2031"]


def test_the_store_refuses_overlapping_periods_too(tmp_path):
    path = prepared_strategy(tmp_path)
    with Store.open(path) as store:
        repos = Repositories(store)
        with pytest.raises(InvalidInputError, match="überschneidet sich mit der Strategie 2026–2028"):
            repos.create_strategy(PIRNA, 2028, 2030)
        with pytest.raises(InvalidInputError, match="Für 2026–2028 gibt es schon eine Strategie"):
            repos.create_strategy(PIRNA, 2026, 2028)
        repos.create_strategy(PIRNA, 2029, 2029)
