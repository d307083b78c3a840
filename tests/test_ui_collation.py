"""German order on screen: the Kommunen list, the problem-field dropdown, and the search ranking umlauts."""

from __future__ import annotations

from asskomm_tui.dialogs.items import FindingDialog
from asskomm_tui.screens.communes import CommunesScreen
from storage.collation import sort_key
from ui_helpers import (
    open_new_visit,

    GOERLITZ,
    demo_store,
    list_keys,
    plain,
    press,
    q,
    replace_input,
    running,
    screen_text,
    tab_to,
    type_text,
)

BOEHLEN, BORNA, BORSDORF, BRANDIS = "14729040", "14729050", "14729060", "14729070"
GORNAU, GODA, GOHRISCH = "14521220", "14625150", "14628140"


def line_order(app, names: list[str]) -> list[str]:
    """``names`` in the order of the screen lines that begin with them."""
    # a dialog's lines: what is inside its frame (█), not the screen beside it
    lines = [(line.split("█")[1] if line.count("█") >= 2 else line).strip(" ▌▊▎") for line in
             screen_text(app).splitlines()]
    found = [(i, n) for n in names for i, line in enumerate(lines) if line.startswith(n)]
    assert len(found) == len(names), f"not all of {names} on screen"
    return [n for _, n in sorted(found)]


async def test_kommunen_lists_names_in_german_order(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await press(pilot, "f3")
        assert isinstance(app.screen, CommunesScreen)
        keys = list_keys(app)
        assert [k for k in keys if k in {BORNA, BRANDIS, BOEHLEN, BORSDORF}] == [BOEHLEN, BORNA, BORSDORF, BRANDIS]
        await type_text(pilot, "landkreis leipzig")  # the Kreis: every commune of it, in list order
        assert line_order(app, ["Brandis", "Borna", "Borsdorf", "Böhlen"]) == ["Böhlen", "Borna", "Borsdorf",
                                                                               "Brandis"]
        await replace_input(pilot, "landkreis görlitz")
        assert line_order(app, ["Großschweidnitz", "Großschönau"]) == ["Großschönau", "Großschweidnitz"]


async def test_kommunen_search_ranks_names_with_the_typed_umlaut_first(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await press(pilot, "f3")
        await type_text(pilot, "gör")
        keys = list_keys(app)
        assert keys[0] == GOERLITZ and GORNAU in keys
        assert line_order(app, ["Gornau/Erzgeb.", "Görlitz"]) == ["Görlitz", "Gornau/Erzgeb."]
        await replace_input(pilot, "gö")  # Gohrisch sorts before Görlitz, but ö was typed
        assert list_keys(app)[:3] == [GODA, GOERLITZ, GOHRISCH]
        await replace_input(pilot, "gor")
        keys = list_keys(app)
        assert GOERLITZ in keys[:3] and GORNAU in keys[:3]
        await replace_input(pilot, "goerl")
        assert list_keys(app)[0] == GOERLITZ


async def test_problem_field_dropdown_is_in_german_order(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await open_new_visit(pilot)
        await tab_to(pilot, "findings")
        await press(pilot, "a")
        dialog = app.screen
        assert isinstance(dialog, FindingDialog)
        select = dialog.query_one("#problem_field")
        labels = [plain(prompt) for prompt, value in select._options if value != select.NULL]
        assert labels.index("Häusliche Gewalt") < labels.index("Hundekot")
        assert labels == sorted(labels, key=sort_key)
        await press(pilot, "enter")  # the dropdown as the user sees it
        assert line_order(app, ["Hundekot", "Häusliche Gewalt"]) == ["Häusliche Gewalt", "Hundekot"]
