"""Auswertung (F12, issue 9) at 80×24: the figures as ``compute`` has them, the period, Kreis and
consultant chosen with keys, a range typed in a dialog (a wrong date refused), the charts with
hostile text shown literally, the export written, all while the store stays untouched."""

from __future__ import annotations

import json
from datetime import date

from asskomm_tui import strings as S
from asskomm_tui.screens.bilanz import BilanzScreen
from asskomm_tui.services.bilanz import Period, Scope, compute
from asskomm_tui.services.bilanz_tables import FIGURE_LABELS
from storage import Repositories, Store
from storage.records import Finding, VisitData
from ui_helpers import (
    GOERLITZ,
        burst,
    demo_store,
    press,
    q,
    replace_input,
    rows,
    running,
    screen_text,
    tab_to,
    type_text,
)

HOSTILE = "[bold red]Anna[/] <b>Richter</b>"


def store_with_hostile_consultant(tmp_path):
    path = demo_store(tmp_path, visits=120)
    with Store.open(path) as store:
        repos = Repositories(store)
        anna = store.put("consultant", "anna", {"name": HOSTILE, "initials": "AR", "email": ""}).id
        repos.create_visit(VisitData(commune=GOERLITZ, date=date(2026, 3, 3), consultants=(anna,), summary="x",
                                     findings=(Finding(id="f1", problem_field="graffiti", severity=4,
                                                       place="[link=http://x]Brücke[/link]"),)))
    return path


def expected(path, period: Period, scope: Scope = Scope()):
    with Store.snapshot(path) as store:
        return compute(store, period, scope)


async def open_bilanz(app, pilot) -> BilanzScreen:
    await press(pilot, "f12")
    screen = app.screen
    assert isinstance(screen, BilanzScreen)
    for _ in range(50):
        if screen.bilanz is not None:
            break
        await press(pilot)
    assert screen.bilanz is not None
    return screen


def figure_rows(app) -> dict[str, tuple[str, ...]]:
    return {r[0]: r[1:] for r in rows(q(app, "#bilanz-figures"))}


async def test_f12_shows_the_year_s_figures_with_the_previous_year_and_each_definition(tmp_path):
    path = store_with_hostile_consultant(tmp_path)
    before = path.read_bytes()
    async with running(path) as (app, pilot):
        screen = await open_bilanz(app, pilot)
        want = expected(path, Period.calendar_year(2026))
        assert screen.bilanz.to_json() == want.to_json() | {"names": screen.bilanz.to_json()["names"]}
        shown = figure_rows(app)
        assert list(shown) == list(FIGURE_LABELS.values())
        assert shown["Kommunen beraten"][0] == str(want.figures["communes_advised"])
        assert shown["Besuche"][1] == str(want.previous.figures["visits"])
        text = screen_text(app)
        assert "2026 · ganz Sachsen · Vergleich: 2025" in text
        assert "Kommunen mit mindestens einem Besuch im Zeitraum." in text  # the first row's definition
        await press(pilot, "down")
        assert "Kommunen, deren erster Besuch überhaupt im Zeitraum liegt." in screen_text(app)
        # the charts: a consultant's name is user text, shown literally
        await press(pilot, "2")
        assert "Besuche nach Art" in screen_text(app)
        await tab_to(pilot, "scroll-visits")
        await press(pilot, "end")  # the consultants are below the kinds and months
        assert "[bold red]Anna[/] <b>Rich" in screen_text(app)  # cut to the label column, never read as markup
        await press(pilot, "3")
        assert "Sachbeschädigung und Graffi" in screen_text(app)
        await press(pilot, "4", "f")
        assert "Kreise: Besuche" in screen_text(app)
        await press(pilot, "5")
        assert "Förderbudget" in screen_text(app) and "1.300.000,00 €" in screen_text(app)
    assert path.read_bytes() == before


async def test_the_period_kreis_and_consultant_are_chosen_with_keys(tmp_path):
    path = store_with_hostile_consultant(tmp_path)
    async with running(path) as (app, pilot):
        screen = await open_bilanz(app, pilot)
        # z opens the periods: the fourth from the top is 2023
        await burst(pilot, "z", "down", "down", "down", "enter")
        await press(pilot)
        assert screen.bilanz.period == Period.calendar_year(2023)
        assert "2023 · ganz Sachsen · Vergleich: 2022" in screen_text(app)
        # l: a Kreis, found by typing its name
        await burst(pilot, "l", *"görl", "enter")
        await press(pilot)
        assert screen.bilanz.scope == Scope(kreis="14626")
        want = expected(path, Period.calendar_year(2023), Scope(kreis="14626"))
        assert figure_rows(app)["Besuche"][0] == str(want.figures["visits"])
        # b: a consultant (the hostile name is an entry like any other)
        await burst(pilot, "b", *"[bold", "enter")
        await press(pilot)
        assert screen.bilanz.scope == Scope(kreis="14626", consultant="anna")


async def test_a_range_typed_in_the_dialog_and_a_wrong_date_refused(tmp_path):
    path = store_with_hostile_consultant(tmp_path)
    async with running(path) as (app, pilot):
        screen = await open_bilanz(app, pilot)
        await press(pilot, "d")
        assert "Zeitraum wählen" in screen_text(app)
        await replace_input(pilot, "31.02.2026")
        await press(pilot, "ctrl+s")
        assert "Zeitraum wählen" in screen_text(app)  # refused, the dialog stays
        assert S.ERR_DATE in " ".join(screen_text(app).split())
        await replace_input(pilot, "01.03.2026")
        await press(pilot, "tab")
        await replace_input(pilot, "31.03.2026")
        await press(pilot, "ctrl+s")
        await press(pilot)
        assert screen.bilanz.period == Period(date(2026, 3, 1), date(2026, 3, 31))
        assert screen.bilanz.previous.period == Period(date(2026, 1, 29), date(2026, 2, 28))
        assert "01.03.2026 – 31.03.2026" in screen_text(app)


async def test_e_writes_the_bilanz_as_a_file(tmp_path):
    path = store_with_hostile_consultant(tmp_path)
    out = tmp_path / "exporte"
    async with running(path) as (app, pilot):
        screen = await open_bilanz(app, pilot)
        await press(pilot, "e")
        assert S.BILANZ_EXPORT_TITLE in screen_text(app)
        await press(pilot, "tab")
        await replace_input(pilot, str(out))
        await press(pilot, "ctrl+s")
        for _ in range(50):
            if list(out.glob("*.html")):
                break
            await press(pilot)
        page = next(out.glob("bilanz_2026-01-01_2026-12-31.html")).read_text("utf-8")
        assert "&lt;b&gt;Richter&lt;/b&gt;" in page and "<b>Richter</b>" not in page
        assert f"<dd>{screen.bilanz.figures['communes_advised']}</dd>" in page


async def test_the_read_only_window_shows_the_bilanz_too(tmp_path):
    path = store_with_hostile_consultant(tmp_path)
    async with running(path, read_only=True) as (app, pilot):
        screen = await open_bilanz(app, pilot)
        assert screen.bilanz.figures["visits"] == expected(path, Period.calendar_year(2026)).figures["visits"]
        assert json.dumps(screen.bilanz.to_json())


async def test_hq_sets_the_yearly_budget_with_h_and_a_consultant_cannot(tmp_path):
    from ui_helpers import disk_records, edit_store, footer_line

    path = store_with_hostile_consultant(tmp_path)
    async with running(path) as (app, pilot):  # a consultant's device
        await open_bilanz(app, pilot)
        assert "h Budget" not in footer_line(app)
        await press(pilot, "h")
        assert "Jahresbudget" not in screen_text(app)
    assert disk_records(path, "programme") == {}
    edit_store(path, lambda repos: repos.store.update_local(role="hq"))
    async with running(path) as (app, pilot):
        screen = await open_bilanz(app, pilot)
        await press(pilot, "h")
        assert S.BILANZ_BUDGET_TITLE in screen_text(app)
        await replace_input(pilot, "2.000.000")
        await press(pilot, "ctrl+s")
        for _ in range(50):
            if screen.bilanz.figures["funding"]["budget_cents"] == 200_000_000:
                break
            await press(pilot)
        await press(pilot, "5")
        assert "2.000.000,00 €" in screen_text(app)
        await press(pilot, "h")
        await replace_input(pilot, "zwei Millionen")
        await press(pilot, "ctrl+s")
        assert S.ERR_EUR in " ".join(screen_text(app).split())  # refused, named under the field
        await press(pilot, "escape")
    assert disk_records(path, "programme")["programme"]["data"] == {"annual_budget_cents": 200_000_000}
