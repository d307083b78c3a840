"""Lists sort by any column: o / Strg+O the next column, O / Strg+T the other way round, a click on a
header; by value (dates as dates, numbers as numbers, names in German order), empty cells last; the
order holds when the list reloads and the cursor stays on its record; ▲/▼ marks the column."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from asskomm_tui import strings as S
from asskomm_tui.formatting import short_kreis
from asskomm_tui.screens.communes import CommunesScreen
from asskomm_tui.screens.dossier import DossierScreen
from asskomm_tui.screens.overview import OverviewScreen
from asskomm_tui.screens.visit_form import VisitFormScreen
from asskomm_tui.widgets.list_table import ListTable
from asskomm_tui.widgets.sorting import SortOrder, cell_sort_key, sorted_keys
from asskomm_tui.widgets.tables import RecordTable
from storage.collation import sort_key
from ui_helpers import (
    H,
    PIRNA,
    add_visit,
    burst,
    demo_store,
    disk,
    disk_records,
    footer_line,
    list_keys,
    press,
    q,
    row_keys,
    rows,
    running,
    screen_text,
    tab_to,
    type_text,
)

CSV = Path(__file__).resolve().parent.parent / "storage" / "data" / "sachsen_gemeinden.csv"
COMMUNES = {row["ags"]: row for row in csv.DictReader(CSV.open(encoding="utf-8"))}
LEIPZIG, DRESDEN, CHEMNITZ = "14713000", "14612000", "14511000"
# the communes list's columns: Kommune, Kreis, Zuletzt, Offen, ASSKomm, KPR, Einwohner
NAME, KREIS, LAST_VISIT, POPULATION = 0, 1, 2, 6


def by_name(ags_list):
    return sorted(ags_list, key=lambda a: (sort_key(COMMUNES[a]["name"]), a))


def header_line(app, first: str) -> str:
    """The screen line of the table header that starts with the column ``first``."""
    return next(line for line in screen_text(app).splitlines() if line.strip().startswith(first))


def last_visits(path: Path) -> dict[str, date]:
    """The date of the latest visit per commune, read from the store file (before the app runs)."""
    latest: dict[str, date] = {}
    for doc in disk(path)["visit"].values():
        if doc["deleted"]:
            continue
        day = date.fromisoformat(doc["data"]["date"])
        commune = doc["data"]["commune"]
        latest[commune] = max(day, latest.get(commune, day))
    return latest


async def open_communes(app, pilot) -> ListTable:
    await press(pilot, "f3")
    assert isinstance(app.screen, CommunesScreen)
    assert app.screen.focused is q(app, "#search")
    return q(app, ListTable)


# -- the commune list (F3): the search field keeps the focus, Strg+O / Strg+T sort ---------------------
async def test_communes_by_population_descending_start_with_leipzig_and_dresden(tmp_path):
    path = demo_store(tmp_path)
    async with running(path, size=(120, 40)) as (app, pilot):
        table = await open_communes(app, pilot)
        assert "Einwohner ▼" not in screen_text(app)
        # seven columns to the population, then the other way round, typed at once
        await burst(pilot, *["ctrl+o"] * 7, "ctrl+t")
        assert table.column_sort == SortOrder(POPULATION, descending=True)
        keys = list_keys(app)
        assert keys[:3] == [LEIPZIG, DRESDEN, CHEMNITZ]
        populations = [int(COMMUNES[a]["population"]) for a in keys]
        assert populations == sorted(populations, reverse=True) and len(keys) == 418
        assert "Einwohner ▼" in header_line(app, "Kommune")
        first = screen_text(app).splitlines().index(header_line(app, "Kommune")) + 1
        assert screen_text(app).splitlines()[first].split()[0] == "Leipzig"
        assert "615.932" in screen_text(app).splitlines()[first]
        assert not [m for m, _ in app.notes if m.startswith("Sortiert")]  # the header shows it
        # the search still types (o is a letter there) and filters within the order
        await type_text(pilot, "dorf")
        assert q(app, "#search").value == "dorf"
        keys = list_keys(app)
        expected = sorted((r.ags for r in app.screen._index.search("dorf")),
                          key=lambda a: -int(COMMUNES[a]["population"]))
        assert keys == expected and len(keys) > 5
        # Strg+T again: ascending, the smallest first
        await burst(pilot, "ctrl+t")
        assert [int(COMMUNES[a]["population"]) for a in list_keys(app)] == sorted(
            int(COMMUNES[a]["population"]) for a in expected)
        assert "Einwohner ▲" in header_line(app, "Kommune")


async def test_communes_by_kreis_keep_german_name_order_within_a_kreis(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        table = await open_communes(app, pilot)
        await burst(pilot, "ctrl+o", "ctrl+o")
        assert table.column_sort == SortOrder(KREIS)
        kreis = {a: short_kreis(r["kreis"]) for a, r in COMMUNES.items()}
        expected = sorted(by_name(COMMUNES), key=lambda a: sort_key(kreis[a]))
        assert list_keys(app) == expected
        assert "Kreis ▲" in header_line(app, "Kommune")  # at 80 columns too
        assert "Kommune ▲" not in screen_text(app)
        # the cursor was on the first row (nothing chosen yet): it stays on top, the top of the order shows
        assert table.current_key == expected[0]
        lines = screen_text(app).splitlines()
        assert lines[lines.index(header_line(app, "Kommune")) + 1].startswith(f" {COMMUNES[expected[0]]['name']} ")
        await burst(pilot, "ctrl+t")
        assert list_keys(app)[0] == next(a for a in expected if kreis[a] == "Vogtlandkreis")


async def test_communes_by_last_visit_dates_as_dates_and_never_visited_last(tmp_path):
    path = demo_store(tmp_path)
    add_visit(path, PIRNA, date(2026, 11, 25), summary="Neuester Besuch")
    latest = last_visits(path)
    assert latest[PIRNA] == date(2026, 11, 25)
    async with running(path) as (app, pilot):
        table = await open_communes(app, pilot)
        await burst(pilot, "ctrl+o", "ctrl+o", "ctrl+o")
        assert table.column_sort == SortOrder(LAST_VISIT)
        never = by_name(a for a in COMMUNES if a not in latest)
        visited = sorted(by_name(latest), key=lambda a: latest[a])
        assert list_keys(app) == visited + never
        # as dates: a string sort of "dd.mm.yyyy" would put the 01. of any year first
        assert latest[visited[0]] == min(latest.values())
        await burst(pilot, "ctrl+t")
        assert list_keys(app)[0] == PIRNA
        assert list_keys(app) == sorted(by_name(latest), key=lambda a: latest[a], reverse=True) + never
        assert "Zuletzt ▼" in header_line(app, "Kommune")
        # F5 (members only) filters within the order
        await burst(pilot, "f5")
        members = list_keys(app)
        assert members and set(members) < set(latest) | set(never)
        assert members == [a for a in list_keys(app) if a in members]
        dated = [latest[a] for a in members if a in latest]
        assert dated == sorted(dated, reverse=True)


async def test_sorting_past_the_last_column_brings_back_the_list_order_and_the_cursor_stays(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        table = await open_communes(app, pilot)
        await burst(pilot, *["down"] * 5)
        chosen = table.current_key
        assert chosen == by_name(COMMUNES)[5]
        await burst(pilot, *["ctrl+o"] * 7)  # by population, ascending: the smallest first
        assert table.column_sort == SortOrder(POPULATION)
        assert table.current_key == chosen
        name = COMMUNES[chosen]["name"]
        assert any(line.split("  ")[0].strip() == name for line in screen_text(app).splitlines()), name
        await burst(pilot, "ctrl+o")
        assert table.column_sort is None and list_keys(app) == by_name(COMMUNES)
        assert "▲" not in header_line(app, "Kommune") and "▼" not in header_line(app, "Kommune")
        assert table.current_key == chosen
        # the list's own keys, with the focus on it: o and O
        table.focus()
        await burst(pilot, "o", "O")
        assert table.column_sort == SortOrder(NAME, descending=True)
        # Z to A; communes of the same name (two Bernsdorfs) keep the list's order
        assert list_keys(app) == sorted(by_name(COMMUNES), key=lambda a: sort_key(COMMUNES[a]["name"]), reverse=True)
        assert list_keys(app) != by_name(COMMUNES)[::-1]
        assert q(app, "#search").value == ""


async def test_communes_footer_offers_sorting_at_80x24(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await open_communes(app, pilot)
        # at 80 columns the population is out of sight: a short message says what the list is sorted by
        await burst(pilot, *["ctrl+o"] * 7, "ctrl+t")
        assert list_keys(app)[:2] == [LEIPZIG, DRESDEN] and "Einwohner" not in screen_text(app)
        assert [m for m, _ in app.notes if m.startswith("Sortiert")] == [
            "Sortiert nach Einwohner, aufsteigend ▲", "Sortiert nach Einwohner, absteigend ▼"]
        footer = footer_line(app)
        assert "^o Sortieren" in footer and "esc Leeren" in footer, footer
        assert "/ Suchen" not in footer  # "/" typed into the search field is a slash
        await press(pilot, "tab")
        assert "/ Suchen" in footer_line(app)


# -- any RecordTable: the dossier's visits, the overview -------------------------------------------------
def pirna_store(tmp_path):
    path = demo_store(tmp_path)
    # string order (09.03 < 14.11 < 28.02) differs from date order (2024 < 2025 < 2026)
    add_visit(path, PIRNA, date(2026, 3, 9), summary="Zweiter Termin")
    add_visit(path, PIRNA, date(2025, 11, 14), summary=H)
    add_visit(path, PIRNA, date(2024, 2, 28), summary="Ältester Termin")
    return path


async def open_pirna(app, pilot) -> RecordTable:
    await press(pilot, "f3")
    await type_text(pilot, "pirna")
    await press(pilot, "enter")
    assert isinstance(app.screen, DossierScreen) and app.screen.ags == PIRNA
    visits = q(app, "#visits", RecordTable)
    assert app.screen.focused is visits
    return visits


def dates_of(table) -> list[date]:
    return [date(int(d[6:10]), int(d[3:5]), int(d[:2])) for d, *_ in rows(table)]


async def test_dossier_visits_by_date_ascending_and_descending(tmp_path):
    path = pirna_store(tmp_path)
    async with running(path, size=(120, 40)) as (app, pilot):
        visits = await open_pirna(app, pilot)
        shown = dates_of(visits)
        assert shown == sorted(shown, reverse=True) and len(shown) >= 3  # the dossier's order: newest first
        await burst(pilot, "down")
        chosen = visits.current_key
        await burst(pilot, "o")
        assert visits.column_sort == SortOrder(0)
        assert dates_of(visits) == sorted(shown)
        assert visits.current_key == chosen
        assert "Datum ▲" in header_line(app, "Datum")
        await burst(pilot, "O")
        assert dates_of(visits) == sorted(shown, reverse=True)
        assert "Datum ▼" in header_line(app, "Datum")
        assert visits.current_key == chosen
        # the footer names the key (at 120 columns the dossier's own keys leave room for it), F1 both keys
        assert "o Sortieren" in footer_line(app)
        await press(pilot, "f1")
        help_rows = rows(q(app, "#help-keys"))
        assert ("o / ^o", S.KEY_SORT_LONG) in help_rows and ("O / ^t", S.KEY_SORT_REVERSE_LONG) in help_rows
        assert "o Sortieren" not in footer_line(app)  # the help's own list keeps its sections
        await press(pilot, "o", "escape")
        assert rows(q(app, "#visits", RecordTable)) and visits.column_sort == SortOrder(0, descending=True)


async def test_hostile_text_in_a_sorted_column_shows_literally(tmp_path):
    path = pirna_store(tmp_path)
    async with running(path, size=(120, 40)) as (app, pilot):
        visits = await open_pirna(app, pilot)
        await burst(pilot, "o", "o", "o")  # Datum, Art, Zusammenfassung
        assert visits.column_sort == SortOrder(2)
        summaries = [r[2] for r in rows(visits)]
        assert summaries == sorted(summaries, key=lambda s: cell_sort_key(s) or (9,))
        assert H in summaries
        # "[/x] …" sorts under x (the marks before the first letter are skipped), "Ältester" under a
        assert summaries.index("Ältester Termin") < summaries.index("Zweiter Termin")
        assert summaries.index(H) > summaries.index("Ältester Termin")
        assert "Zusammenfassung ▲" in screen_text(app)
        assert "[/x] [b]fett[/b] [@click=app.quit]" in screen_text(app)
        assert isinstance(app.screen, DossierScreen)  # nothing ran


async def test_the_order_holds_when_the_list_reloads_after_a_save(tmp_path):
    path = pirna_store(tmp_path)
    async with running(path) as (app, pilot):
        visits = await open_pirna(app, pilot)
        await burst(pilot, "o")  # by date, ascending: the oldest first
        before = len(rows(visits))
        await press(pilot, "n")
        assert isinstance(app.screen, VisitFormScreen)
        await tab_to(pilot, "summary")
        await burst(pilot, *"Nachtrag heute", "ctrl+s")
        assert isinstance(app.screen, DossierScreen)
        visits = q(app, "#visits", RecordTable)
        assert len(rows(visits)) == before + 1
        assert visits.column_sort == SortOrder(0)
        shown = dates_of(visits)
        assert shown == sorted(shown)
        assert rows(visits)[-1][0] == "26.11.2026" and rows(visits)[-1][2] == "Nachtrag heute"
        assert "Datum ▲" in header_line(app, "Datum")
    saved = [v for v in disk_records(path, "visit").values() if v["data"]["summary"] == "Nachtrag heute"]
    assert len(saved) == 1 and saved[0]["data"]["date"] == "2026-11-26"


async def test_a_click_on_a_header_sorts_and_a_second_click_turns_it_round(tmp_path):
    path = pirna_store(tmp_path)
    async with running(path, size=(120, 40)) as (app, pilot):
        visits = await open_pirna(app, pilot)
        await pilot.click(visits, offset=(2, 0))  # the header of "Datum"
        await burst(pilot)
        assert visits.column_sort == SortOrder(0)
        await pilot.click(visits, offset=(2, 0))
        await burst(pilot)
        assert visits.column_sort == SortOrder(0, descending=True)
        assert dates_of(visits) == sorted(dates_of(visits), reverse=True)


async def test_overview_footer_shows_the_sort_key_at_80x24(tmp_path):
    path = pirna_store(tmp_path)
    async with running(path) as (app, pilot):
        assert isinstance(app.screen, OverviewScreen)
        assert isinstance(app.screen.focused, RecordTable)
        assert "o Sortieren" in footer_line(app), footer_line(app)
        recent = app.screen.focused
        keys = row_keys(recent)
        await burst(pilot, "o", "o")  # by commune
        names = [r[1] for r in rows(recent)]
        assert names == sorted(names, key=sort_key) and sorted(row_keys(recent)) == sorted(keys)


# -- the key of a cell ---------------------------------------------------------------------------------
def test_cells_sort_by_value_and_empty_cells_come_last_both_ways():
    cells = ["12.345", "", "9.000", "1.000.000", "–", "800"]
    ascending = sorted_keys(cells, lambda c: c, SortOrder(0))
    assert ascending == ["800", "9.000", "12.345", "1.000.000", "", "–"]
    assert sorted_keys(cells, lambda c: c, SortOrder(0, True)) == ["1.000.000", "12.345", "9.000", "800", "", "–"]
    dates = ["14.11.2025", "⚠ 09.03.2026", "19.09.2026 überfällig", "28.02.2024", "03.12.2026 09:05"]
    assert sorted_keys(dates, lambda c: c, SortOrder(0)) == [
        "28.02.2024", "14.11.2025", "⚠ 09.03.2026", "19.09.2026 überfällig", "03.12.2026 09:05"]
    names = ["Borna", "Böhlen", "Brandis", "borsdorf"]
    assert sorted_keys(names, lambda c: c, SortOrder(0)) == ["Böhlen", "Borna", "borsdorf", "Brandis"]
    assert sorted_keys(["12.500,00 €", "900,50 €", "1.000,00 €"], lambda c: c, SortOrder(0)) == [
        "900,50 €", "1.000,00 €", "12.500,00 €"]
    assert sorted_keys(["1,2 MB", "897,0 KB", "12 Byte", "2,0 GB"], lambda c: c, SortOrder(0)) == [
        "12 Byte", "897,0 KB", "1,2 MB", "2,0 GB"]


async def test_open_follow_ups_sort_by_number_with_none_open_first(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        table = await open_communes(app, pilot)
        await burst(pilot, *["ctrl+o"] * 4)  # Kommune, Kreis, Zuletzt, Offen
        assert table.column_sort == SortOrder(3)
        counts = [table._cells[k][3].plain for k in list_keys(app)]
        numbers = [int(c) if c else 0 for c in counts]
        assert numbers == sorted(numbers) and numbers[0] == 0 and numbers[-1] > 0
        await burst(pilot, "ctrl+t")
        numbers = [int(c) if c else 0 for c in (table._cells[k][3].plain for k in list_keys(app))]
        assert numbers == sorted(numbers, reverse=True)
