"""Kommunen (F3): type to filter (case, umlauts, AGS), F5 members, F6 open follow-ups, arrows, Enter."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from asskomm_tui.screens.communes import CommunesScreen
from asskomm_tui.screens.dossier import DossierScreen
from asskomm_tui.widgets.list_table import ListTable
from storage.collation import sort_key
from ui_helpers import (
    GOERLITZ,
    PIRNA,
    SCHIRGIS,
    add_visit,
    demo_store,
    disk_records,
    list_keys,
    press,
    q,
    replace_input,
    running,
    screen_text,
    static_text,
    type_text,
)

CSV = Path(__file__).resolve().parent.parent / "storage" / "data" / "sachsen_gemeinden.csv"
NAMES = {row["ags"]: row["name"] for row in csv.DictReader(CSV.open(encoding="utf-8"))}


def by_name(ags_list):
    """In German order (DIN 5007-1: Böhlen, Borna, Borsdorf, Brandis)."""
    return sorted(ags_list, key=lambda a: (sort_key(NAMES[a]), a))


async def open_communes(app, pilot):
    await press(pilot, "f3")
    assert isinstance(app.screen, CommunesScreen)
    assert app.screen.focused is q(app, "#search")


async def test_search_ignores_case_and_umlauts(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await open_communes(app, pilot)
        assert list_keys(app) == by_name(NAMES)
        assert q(app, "#count").text == "418 von 418 Kommunen"
        for query in ("gorl", "goerl", "GÖRL", "Goerlitz"):
            await replace_input(pilot, query)
            keys = list_keys(app)
            assert keys[0] == GOERLITZ, query
            assert q(app, ListTable).current_key == GOERLITZ
            assert q(app, "#count").text == f"{len(keys)} von 418 Kommunen"
        # the first data line under the header is Görlitz
        lines = screen_text(app).splitlines()
        header = next(i for i, line in enumerate(lines) if "Kommune" in line and "Kreis" in line)
        assert lines[header + 1].split()[0] == "Görlitz"
        await replace_input(pilot, "schirgis")
        assert list_keys(app) == [SCHIRGIS]
        assert "Schirgiswalde-Kirsch…" in screen_text(app)  # the name column is 21 cells wide
        assert q(app, "#count").text == "1 von 418 Kommunen"


async def test_search_by_ags_prefix_and_clear(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await open_communes(app, pilot)
        await type_text(pilot, "14628")
        expected = by_name(a for a in NAMES if a.startswith("14628"))
        assert list_keys(app) == expected and PIRNA in expected
        assert q(app, "#count").text == f"{len(expected)} von 418 Kommunen"
        await type_text(pilot, "270")
        assert list_keys(app) == [PIRNA]
        await type_text(pilot, "9")
        assert list_keys(app) == []
        assert q(app, "#count").text == "0 von 418 Kommunen"
        await press(pilot, "escape")  # clears the search
        assert q(app, "#search").value == ""
        assert len(list_keys(app)) == 418


async def test_f5_members_and_f6_open_follow_ups(tmp_path):
    path = demo_store(tmp_path)
    # an open follow-up in a commune that is not a member and had no visit
    add_visit(path, SCHIRGIS, date(2026, 11, 2), follow_ups=({"text": "Anruf beim Bürgermeister"},))
    communes = disk_records(path, "commune")
    visits = [r["data"] for r in disk_records(path, "visit").values() if not r["deleted"]]
    members = by_name(a for a, r in communes.items() if r["data"]["member_since"])
    with_open = by_name({v["commune"] for v in visits if any(not f["done"] for f in v["follow_ups"])})
    assert SCHIRGIS in with_open and SCHIRGIS not in members
    async with running(path) as (app, pilot):
        await open_communes(app, pilot)
        await press(pilot, "f5")
        assert q(app, "#members").value is True
        assert list_keys(app) == members
        assert q(app, "#count").text == f"{len(members)} von 418 Kommunen"
        assert app.screen.focused is q(app, "#search")  # typing goes on
        await press(pilot, "f5")
        assert len(list_keys(app)) == 418
        await press(pilot, "f6")
        assert q(app, "#open").value is True
        assert list_keys(app) == with_open
        await press(pilot, "f5")  # both filters together
        assert list_keys(app) == [a for a in with_open if a in members]
        await press(pilot, "f5", "f6")
        await type_text(pilot, "schirgis")
        assert list_keys(app) == [SCHIRGIS]
        await press(pilot, "f5")
        assert list_keys(app) == []


async def test_arrows_in_search_move_cursor_and_enter_opens_dossier(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await open_communes(app, pilot)
        await type_text(pilot, "gorl")
        keys = list_keys(app)
        table = q(app, ListTable)
        await press(pilot, "down", "down")
        assert table.current_key == keys[2]
        assert app.screen.focused is q(app, "#search")
        await press(pilot, "up")
        assert table.current_key == keys[1]
        await press(pilot, "up", "up")  # stops at the top
        assert table.current_key == keys[0]
        await press(pilot, "down")
        second = keys[1]
        await press(pilot, "enter")
        assert isinstance(app.screen, DossierScreen)
        assert app.screen.ags == second
        assert static_text(q(app, "#dossier-head")).startswith(f"{NAMES[second]} · ")
        await press(pilot, "escape")  # back to the list, filter kept
        assert isinstance(app.screen, CommunesScreen)
        assert q(app, "#search").value == "gorl"
        assert table.current_key == second
        # the list itself also takes arrows and Enter
        await press(pilot, "tab", "tab", "tab")
        assert app.screen.focused is table
        await press(pilot, "up", "enter")
        assert isinstance(app.screen, DossierScreen) and app.screen.ags == GOERLITZ


def bar_column(app) -> list[str]:
    """The scroll bar: the last cell of each of the list's lines under its header, as on screen."""
    table = q(app, ListTable)
    lines = screen_text(app).splitlines()
    top = table.region.y + 1
    right = table.region.right - 1
    return [lines[y][right] for y in range(top, top + table.scrollable_content_region.height - 1)]


async def test_the_scroll_bar_shows_where_the_list_is_and_the_wheel_and_a_click_scroll_it(tmp_path):
    from textual import events

    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await open_communes(app, pilot)
        table = q(app, ListTable)
        bar = bar_column(app)
        # 418 rows in 16 lines: a one-line thumb at the top, the track below
        assert bar[0] == "█" and set(bar[1:]) == {"▕"}
        table.focus()
        await press(pilot, "end")
        assert table.current_key == list_keys(app)[-1]
        bar = bar_column(app)
        assert bar[-1] == "█" and set(bar[:-1]) == {"▕"}
        # the wheel scrolls the rows (not the cursor), three lines a notch
        await press(pilot, "home")
        for _ in range(2):
            table.post_message(events.MouseScrollDown(table, 5, 5, 0, 0, 0, False, False, False))
        await pilot.pause()
        assert table.scroll_offset.y == 6 and table.cursor == 0
        shown = [line.split("  ")[0].strip() for line in screen_text(app).splitlines()]
        assert NAMES[list_keys(app)[6]] in shown and NAMES[list_keys(app)[0]] not in shown
        # a click at the foot of the bar shows the end of the list
        await pilot.click(ListTable, offset=(table.region.width - 1, table.scrollable_content_region.height - 1))
        await pilot.pause()
        assert table.scroll_offset.y == len(list_keys(app)) - (table.scrollable_content_region.height - 1)
        assert bar_column(app)[-1] == "█"
        # a filter that fits: no thumb
        q(app, "#search").focus()
        await type_text(pilot, "pirna")
        assert len(list_keys(app)) < 16 and set(bar_column(app)) == {" "}
