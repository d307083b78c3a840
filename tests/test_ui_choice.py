"""Dropdowns jump to an entry as its name is typed (item 27 of issue 7): closed or open, umlauts
either way, entries that begin with the letters first, the same letter again steps on."""

from __future__ import annotations

import pytest

from asskomm_tui.dialogs.items import FindingDialog
from asskomm_tui.screens.visit_form import VisitFormScreen
from asskomm_tui.widgets.choice import find_match, prompt_forms
from storage.collation import fold
from storage.reference import PROBLEM_FIELDS
from ui_helpers import open_new_visit, PIRNA, burst, demo_store, disk_records, press, q, running, screen_text, tab_to

NAMES = sorted((name for _, name, _ in PROBLEM_FIELDS), key=fold)


def jump(query: str, current: int | None = None) -> str | None:
    index = find_match([prompt_forms(n) for n in NAMES], query, current)
    return None if index is None else NAMES[index]


@pytest.mark.parametrize("query, expected", [
    ("h", "Häusliche Gewalt"),  # ä files under a: before "Hundekot"
    ("hä", "Häusliche Gewalt"),
    ("hae", "Häusliche Gewalt"),
    ("hu", "Hundekot"),
    ("ge", "Gewalt im öffentlichen Raum"),
    ("gew", "Gewalt im öffentlichen Raum"),
    ("öff", "Gewalt im öffentlichen Raum"),  # a word's start, when no entry begins with it
    ("ex", "Extremismus"),
    ("SCHUL", "Schulabsentismus"),
    ("cyber", "Betrug an Senioren und Cybercrime"),
    ("xyz", None),
])
def test_typed_letters_name_an_entry(query, expected):
    assert jump(query) == expected


def test_the_same_letter_again_steps_through_the_entries_beginning_with_it():
    vs = [n for n in NAMES if fold(n).startswith("v")]
    assert len(vs) >= 3
    first = jump("v")
    assert first == vs[0]
    second = jump("vv", NAMES.index(first))
    assert second == vs[1]
    assert jump("vv", NAMES.index(vs[-1])) == vs[0]  # round again


async def open_finding_dialog(app, pilot):
    await open_new_visit(pilot)
    await tab_to(pilot, "findings")
    await press(pilot, "a")
    assert isinstance(app.screen, FindingDialog)
    assert app.screen.focused is q(app, "#problem_field")  # closed, with the focus


@pytest.mark.parametrize("typed, code", [("hä", "domestic_violence"), ("hae", "domestic_violence"),
                                         ("ex", "extremism"), ("dro", "drug_abuse")])
async def test_typing_on_the_closed_dropdown_picks_the_entry_and_it_is_stored(tmp_path, typed, code):
    path = demo_store(tmp_path)
    before = set(disk_records(path, "visit"))
    async with running(path) as (app, pilot):
        await open_finding_dialog(app, pilot)
        select = q(app, "#problem_field")
        # typed without pauses, then Enter picks, Ctrl+S stores the finding, Ctrl+S the visit
        await burst(pilot, *typed, "enter")
        assert not select.expanded
        assert select.value == code
        name = next(n for c, n, _ in PROBLEM_FIELDS if c == code)
        assert name in screen_text(app)  # the closed dropdown shows the entry
        await burst(pilot, "ctrl+s")
        assert isinstance(app.screen, VisitFormScreen)
        await burst(pilot, "ctrl+s")
    (new,) = set(disk_records(path, "visit")) - before
    visit = disk_records(path, "visit")[new]
    assert visit["data"]["commune"] == PIRNA
    assert [f["problem_field"] for f in visit["data"]["findings"]] == [code]


async def test_escape_closes_the_open_list_and_keeps_the_old_value(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await open_finding_dialog(app, pilot)
        select = q(app, "#problem_field")
        await burst(pilot, "e", "x")
        assert select.expanded
        await press(pilot, "escape")
        assert not select.expanded and select.is_blank()
        assert isinstance(app.screen, FindingDialog)
