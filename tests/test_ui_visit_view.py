"""Besuch (read-only view): everything about a visit on one screen; e edits, ←/→ step, x ticks off.

Opening a visit from the overview, the dossier's visits and its follow-ups shows this view; the
edit form is one ``e`` away.
"""

from __future__ import annotations

from datetime import date

from asskomm_tui.screens.dossier import DossierScreen
from asskomm_tui.screens.overview import OverviewScreen
from asskomm_tui.screens.visit_form import VisitFormScreen
from asskomm_tui.screens.visit_view import VisitViewScreen
from storage.records import ConsultantData, Finding, FollowUp, Kind, ProblemFieldData, VisitData
from ui_helpers import (
    eventually,
    H,
    PIRNA,
    SCHIRGIS,
    add_visit,
    burst,
    demo_store,
    disk_records,
    edit_store,
    footer_line,
    my_id,
    press,
    q,
    row_keys,
    rows,
    running,
    screen_text,
    static_text,
    type_text,
)

NOTE = "Treffen im Rathaus, Saal 2. " * 12  # wraps over several lines at any width


def hostile_visit(path, commune: str = PIRNA, day: date = date(2026, 11, 20)) -> str:
    """A visit whose every text is hostile markup: summary, notes, participants, each field of a
    finding (its problem field's name too) and of a follow-up, and a second consultant's name."""
    def make(repos):
        store = repos.store
        store.put(Kind.PROBLEM_FIELD, "markup_feld", ProblemFieldData(code="markup_feld", name=f"Feld {H}"),
                  base_rev=None)
        store.put(Kind.CONSULTANT, "markupberater", ConsultantData(name=f"Berater {H}", initials="MB"),
                  base_rev=None)
        data = VisitData(
            commune=commune, date=day, kind="workshop", consultants=(store.local.consultant_id, "markupberater"),
            summary=f"Zusammenfassung {H}", notes=f"{NOTE}\nNotiz {H}",
            participants=(f"Teilnehmer {H}", "Ordnungsamt"),
            findings=(Finding(id="f0", problem_field="markup_feld", severity=4, place=f"Ort {H}",
                              evidence=f"Beleg {H}", note=f"Befund {H}"),
                      Finding(id="f1", problem_field="graffiti", severity=1, place="Bahnhof")),
            follow_ups=(FollowUp(id="fu0", text=f"Aufgabe {H}", owner=f"Wer {H}", due=date(2026, 11, 1)),
                        FollowUp(id="fu1", text="Protokoll versenden", owner="LPR", due=date(2026, 12, 24)),
                        FollowUp(id="fu2", text="Erledigtes", done=True, done_on=date(2026, 11, 21))))
        return repos.create_visit(data).id

    return edit_store(path, make)


async def open_dossier(app, pilot, query: str, ags: str) -> DossierScreen:
    await press(pilot, "f3")
    await type_text(pilot, query)
    await press(pilot, "enter")
    assert isinstance(app.screen, DossierScreen) and app.screen.ags == ags
    return app.screen


async def open_from_dossier(app, pilot, visit_id: str, query: str = "pirna", ags: str = PIRNA) -> VisitViewScreen:
    await open_dossier(app, pilot, query, ags)
    index = row_keys(q(app, "#visits")).index(visit_id)
    await burst(pilot, *(["down"] * index), "enter")
    view = app.screen
    assert isinstance(view, VisitViewScreen) and view.visit_id == visit_id
    return view


async def page_texts(app, pilot) -> str:
    """Every screen the view shows while paging from top to bottom with the keys (what a reader gets to)."""
    body = q(app, "#vv-body")
    assert app.screen.focused is body  # the page has the focus when the view opens
    await press(pilot, "home")
    seen = []
    for _ in range(50):
        seen.append(screen_text(app))
        if body.scroll_y >= body.max_scroll_y:
            return "\n".join(seen)
        await press(pilot, "pagedown")
    raise AssertionError("pagedown never reaches the end")


# -- what it shows ---------------------------------------------------------------------------------
async def test_enter_in_the_dossier_shows_every_text_of_the_visit_literally(tmp_path):
    path = demo_store(tmp_path)
    visit_id = hostile_visit(path)
    me = disk_records(path, "consultant")[my_id(path)]["data"]
    async with running(path, size=(120, 40)) as (app, pilot):
        view = await open_from_dossier(app, pilot, visit_id)
        assert static_text(q(app, "#vv-head")) == \
            "Pirna (LK Sächsische Schweiz-Osterzgebirge) · 20.11.2026 · Workshop"
        meta = static_text(q(app, "#vv-meta")).splitlines()
        assert meta == [f"Beratung: {me['name']} ({me['initials']}), Berater {H} (MB)",
                        f"Teilnehmende: Teilnehmer {H} · Ordnungsamt"]
        assert static_text(q(app, "#vv-summary")) == f"Zusammenfassung {H}"
        assert static_text(q(app, "#vv-notes")) == f"{NOTE}\nNotiz {H}"
        assert rows(q(app, "#vv-findings")) == [
            (f"Feld {H}", "sehr hoch", f"Ort {H}", f"Beleg {H}", f"Befund {H}"),
            ("Sachbeschädigung und Graffiti", "gering", "Bahnhof", "", "")]
        assert rows(q(app, "#vv-follow-ups")) == [
            (f"Aufgabe {H}", f"Wer {H}", "01.11.2026", "überfällig"),
            ("Protokoll versenden", "LPR", "24.12.2026", "offen"),
            ("Erledigtes", "", "", "erledigt am 21.11.2026")]
        assert static_text(q(app, "#vv-follow-ups-title")) == "3 Folgeaufgaben · 2 offen, davon 1 überfällig"
        assert static_text(q(app, "#vv-findings-title")) == "2 Feststellungen"
        # on screen: literally, nothing taken as markup or run as an action
        text = await page_texts(app, pilot)
        for literal in (f"Zusammenfassung {H}", f"Notiz {H}", "Teilnehmer [/x] [b]fett[/b]",
                        f"Berater {H} (MB)", "Sachbeschädigung", "Aufgabe [/x] [b]fett[/b]", "Treffen im Rathaus",
                        "erledigt am", "überfällig", "Workshop"):
            assert literal in text, literal
        assert text.count("[@click=app.quit]x[/]") >= 5
        assert app.screen is view and app.is_running
        assert not q(app, "#vv-conflict").display and "⚠" not in text
        await press(pilot, "escape")
        assert isinstance(app.screen, DossierScreen)


async def test_at_80x24_everything_is_reachable_by_scrolling_and_the_footer_has_the_keys(tmp_path):
    path = demo_store(tmp_path)
    visit_id = hostile_visit(path)
    async with running(path) as (app, pilot):
        await open_from_dossier(app, pilot, visit_id)
        footer = footer_line(app)
        for key in ("esc Zurück", "e Bearbeiten", "← Früherer", "→ Späterer"):
            assert key in footer, footer
        assert "x Erledigt" not in footer  # only where a follow-up is under the cursor
        text = await page_texts(app, pilot)
        for literal in ("Zusammenfassung [/x] [b]fett[/b]", "Notiz [/x] [b]fett[/b]", "Protokoll versenden",
                        "erledigt am", "Bahnhof", "<script>alert(1)</script>"):
            assert literal in text, literal
        # the notes wrap at 80 columns: all of their sentences are on the page, none cut off at the edge
        note_lines = [line for line in text.splitlines() if "Rathaus" in line or "Treffen" in line]
        assert len(note_lines) > 3 and not any(line.rstrip().endswith("…") for line in note_lines)
        await press(pilot, "tab", "tab")
        assert app.screen.focused is q(app, "#vv-follow-ups")
        assert "x Erledigt" in footer_line(app)


async def test_wider_terminals_give_the_texts_the_room(tmp_path):
    path = demo_store(tmp_path)
    note = "Beleuchtung in der Unterführung reicht nicht, Anwohner meiden den Weg nachts"
    visit_id = add_visit(path, PIRNA, date(2026, 11, 20), summary="Rundgang",
                         findings=({"problem_field": "graffiti", "severity": 2, "note": note},))
    async with running(path) as (app, pilot):
        await open_from_dossier(app, pilot, visit_id)
        assert note not in screen_text(app)  # wrapped at 80 columns
        assert "Unterführung" in screen_text(app)
    async with running(path, size=(120, 40)) as (app, pilot):
        await open_from_dossier(app, pilot, visit_id)
        assert note[:50] in screen_text(app)  # the note column takes the width


async def test_overview_opens_the_view_and_a_due_follow_up_gets_the_cursor(tmp_path):
    path = demo_store(tmp_path)
    visit_id = add_visit(path, PIRNA, date(2026, 11, 25), summary="Abstimmung mit dem Ordnungsamt",
                         follow_ups=({"text": "Später", "due": date(2027, 6, 1)},
                                     {"text": "Beleuchtung prüfen", "owner": "Bauamt", "due": date(2026, 11, 30)}))
    async with running(path) as (app, pilot):
        assert app.screen.focused is q(app, "#recent")
        await press(pilot, "enter")
        view = app.screen
        assert isinstance(view, VisitViewScreen) and view.visit_id == visit_id
        assert static_text(q(app, "#vv-summary")) == "Abstimmung mit dem Ordnungsamt"
        assert "Abstimmung mit dem Ordnungsamt" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, OverviewScreen)
        await press(pilot, "tab")
        assert q(app, "#due").current_key == f"{visit_id}/fu1"
        await press(pilot, "enter")
        assert isinstance(app.screen, VisitViewScreen)
        table = q(app, "#vv-follow-ups")
        assert app.screen.focused is table and table.current_key == "fu1"
        assert "Beleuchtung prüfen" in screen_text(app)
        assert "x Erledigt" in footer_line(app)


async def test_open_visit_with_a_part_shows_that_finding_even_far_down(tmp_path):
    path = demo_store(tmp_path)
    findings = tuple({"problem_field": "graffiti", "place": f"Ort Nummer {i}", "note": NOTE} for i in range(8))
    visit_id = add_visit(path, PIRNA, date(2026, 11, 20), summary="Viele Feststellungen", findings=findings)
    async with running(path) as (app, pilot):
        app.open_visit(visit_id, part="f6")
        await press(pilot)
        table = q(app, "#vv-findings")
        assert app.screen.focused is table and table.current_key == "f6"
        # the page scrolls to the row after the table has laid it out (the next frame)
        assert await eventually(pilot, lambda: "Ort Nummer 6" in screen_text(app))
        assert "Ort Nummer 0" not in screen_text(app)
        await press(pilot, "down")  # the page follows the cursor
        assert "Ort Nummer 7" in screen_text(app)


# -- stepping through the commune's visits ----------------------------------------------------------
async def test_left_and_right_step_by_date_and_say_so_at_the_ends(tmp_path):
    path = demo_store(tmp_path)
    # stored out of order: the view steps by date
    middle = add_visit(path, SCHIRGIS, date(2025, 6, 1), summary="Mitte")
    newest = add_visit(path, SCHIRGIS, date(2026, 10, 1), summary="Neuester")
    oldest = add_visit(path, SCHIRGIS, date(2024, 2, 1), summary="Ältester")
    async with running(path) as (app, pilot):
        view = await open_from_dossier(app, pilot, newest, "schirgis", SCHIRGIS)
        assert static_text(q(app, "#vv-position")) == "Besuch 3 von 3 in Schirgiswalde-Kirschau · letzter Besuch"
        await burst(pilot, "right")
        assert view.visit_id == newest
        assert ("Das ist der letzte Besuch in Schirgiswalde-Kirschau; ein späterer ist nicht gespeichert.",
                "information") in app.notes
        await burst(pilot, "left")
        assert view.visit_id == middle and static_text(q(app, "#vv-summary")) == "Mitte"
        assert static_text(q(app, "#vv-position")) == "Besuch 2 von 3 in Schirgiswalde-Kirschau"
        # typed faster than the visits load: each key one step
        await burst(pilot, "right", "left", "left")
        assert view.visit_id == oldest
        assert static_text(q(app, "#vv-summary")) == "Ältester"
        assert "Ältester" in screen_text(app) and "01.02.2024" in screen_text(app)
        assert "erster Besuch" in static_text(q(app, "#vv-position"))
        await burst(pilot, "left")
        assert view.visit_id == oldest
        assert ("Das ist der erste Besuch in Schirgiswalde-Kirschau; ein früherer ist nicht gespeichert.",
                "information") in app.notes
        await burst(pilot, "right", "right")
        assert static_text(q(app, "#vv-summary")) == "Neuester"
        await press(pilot, "escape")
        assert isinstance(app.screen, DossierScreen)


# -- editing ------------------------------------------------------------------------------------------
async def test_e_edits_and_the_view_shows_what_was_saved(tmp_path):
    path = demo_store(tmp_path)
    visit_id = add_visit(path, PIRNA, date(2026, 11, 20), summary="Alte Zusammenfassung")
    old = disk_records(path, "visit")[visit_id]
    async with running(path) as (app, pilot):
        view = await open_from_dossier(app, pilot, visit_id)
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, VisitFormScreen) and form.visit_id == visit_id
        await press(pilot, "tab", "tab", "tab", "tab")
        assert form.focused is q(app, "#summary")
        await press(pilot, "end")
        await type_text(pilot, f" und {H}")
        await press(pilot, "ctrl+s")
        assert app.screen is view
        assert static_text(q(app, "#vv-summary")) == f"Alte Zusammenfassung und {H}"
        assert "Alte Zusammenfassung und [/x] [b]fett[/b]" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, DossierScreen)
        assert rows(q(app, "#visits"))[row_keys(q(app, "#visits")).index(visit_id)][2] == \
            f"Alte Zusammenfassung und {H}"
    new = disk_records(path, "visit")[visit_id]
    assert new["data"] == {**old["data"], "summary": f"Alte Zusammenfassung und {H}"}
    assert new["revs"][1] == old["revs"][0]


async def test_x_ticks_off_a_follow_up_in_the_view_and_ctrl_z_takes_it_back(tmp_path):
    path = demo_store(tmp_path)
    visit_id = add_visit(path, PIRNA, date(2026, 11, 20), summary="Mit Aufgaben",
                         follow_ups=({"text": "Erste", "due": date(2026, 12, 1)},
                                     {"text": "Zweite", "due": date(2026, 12, 2)}))
    before = disk_records(path, "visit")[visit_id]
    async with running(path) as (app, pilot):
        await open_from_dossier(app, pilot, visit_id)
        await press(pilot, "x")  # the page has the focus, not a follow-up: nothing happens
        assert [r[3] for r in rows(q(app, "#vv-follow-ups"))] == ["offen", "offen"]
        await press(pilot, "tab")  # no findings: straight to the follow-ups
        assert app.screen.focused is q(app, "#vv-follow-ups")
        await press(pilot, "down", "x")
        assert [r[3] for r in rows(q(app, "#vv-follow-ups"))] == ["offen", "erledigt am 26.11.2026"]
        assert ("Erledigt: „Zweite“ – ^z macht es rückgängig.", "information") in app.notes
        assert q(app, "#vv-follow-ups").current_key == "fu1"
        await press(pilot, "ctrl+z")
        assert [r[3] for r in rows(q(app, "#vv-follow-ups"))] == ["offen", "offen"]
        await press(pilot, "x")
    after = disk_records(path, "visit")[visit_id]
    assert [(f["done"], f["done_on"]) for f in after["data"]["follow_ups"]] == [(False, None), (True, "2026-11-26")]
    assert after["rev"].startswith("4-") and after["revs"][3] == before["revs"][0]


# -- deleted and conflicting visits ---------------------------------------------------------------------
async def test_a_visit_deleted_from_its_view_says_so_and_the_neighbours_stay_reachable(tmp_path):
    path = demo_store(tmp_path)
    first = add_visit(path, SCHIRGIS, date(2025, 1, 10), summary="Davor")
    gone = add_visit(path, SCHIRGIS, date(2025, 5, 10), summary="Wird gelöscht")
    last = add_visit(path, SCHIRGIS, date(2025, 9, 10), summary="Danach")
    async with running(path) as (app, pilot):
        view = await open_from_dossier(app, pilot, gone, "schirgis", SCHIRGIS)
        await press(pilot, "e")
        await press(pilot, "f8")
        await press(pilot, "shift+tab", "enter")  # "Ja"
        assert app.screen is view
        text = static_text(q(app, "#vv-head"))
        assert text.startswith("Dieser Besuch in Schirgiswalde-Kirschau ist gelöscht")
        assert "Wird gelöscht" not in screen_text(app)
        assert "e Bearbeiten" not in footer_line(app)
        await press(pilot, "e")
        assert app.screen is view
        await burst(pilot, "right")
        assert view.visit_id == last and static_text(q(app, "#vv-summary")) == "Danach"
        await burst(pilot, "left")
        assert view.visit_id == first and static_text(q(app, "#vv-summary")) == "Davor"
    assert disk_records(path, "visit")[gone]["deleted"] is True


async def test_a_visit_that_is_gone_opens_with_a_message_not_a_crash(tmp_path):
    path = demo_store(tmp_path)
    visit_id = add_visit(path, PIRNA, date(2026, 11, 20), summary="Weg")
    edit_store(path, lambda repos: repos.delete_visit(visit_id))
    async with running(path) as (app, pilot):
        for missing in (visit_id, "gibtesnicht"):
            app.open_visit(missing)
            await burst(pilot, "left", "right", "e", "x")
            assert isinstance(app.screen, VisitViewScreen)
            assert static_text(q(app, "#vv-head")).startswith("Dieser Besuch ist gelöscht")
            assert "Dieser Besuch ist gelöscht" in screen_text(app)
            await press(pilot, "escape")
            assert isinstance(app.screen, OverviewScreen)


async def test_a_visit_in_conflict_carries_the_mark(tmp_path):
    from test_ui_conflicts import visit_conflicts

    a, _b, ids, _ = visit_conflicts(tmp_path)
    async with running(a) as (app, pilot):
        app.open_visit(ids["fields"])
        await press(pilot)
        assert q(app, "#vv-conflict").display
        assert "⚠ Widersprüchliche Versionen" in screen_text(app)
