"""Folgeaufgaben (F10): every open follow-up, grouped by when it is due, filtered, ticked off with undo.

The app's today is fixed (ui_helpers.TODAY, Thursday 26.11.2026): this week runs to Sunday 29.11.
"""

from __future__ import annotations

from datetime import date

from asskomm_tui.screens.agenda import AgendaScreen, owner_names_me
from asskomm_tui.screens.overview import OverviewScreen
from asskomm_tui.screens.visit_view import VisitViewScreen
from ui_helpers import (
    GOERLITZ,
    H,
    PIRNA,
    SCHIRGIS,
    TODAY,
    add_visit,
    burst,
    demo_store,
    disk_records,
    edit_store,
    footer_line,
    press,
    q,
    row_keys,
    rows,
    running,
    screen_text,
    static_text,
)

assert TODAY == date(2026, 11, 26) and TODAY.weekday() == 3  # the groups below count on it

PIRNA_KREIS = "Pirna (LK Sächsische Schweiz-Osterzgebirge)"
GOERLITZ_KREIS = "Görlitz (LK Görlitz)"


def prepare(tmp_path, **more):
    """A store with no random visits: my visit in Pirna, a colleague's in Görlitz and in
    Schirgiswalde-Kirschau, and a deleted visit with an open follow-up; their ids by name."""
    path = demo_store(tmp_path, visits=0)
    me = edit_store(path, lambda repos: repos.me().data)
    mine = add_visit(path, PIRNA, date(2026, 11, 2), follow_ups=(
        {"text": "Beleuchtung prüfen", "owner": "Ordnungsamt", "due": date(2026, 11, 20)},  # overdue
        {"text": "Protokoll versenden", "owner": "LPR", "due": date(2026, 11, 29)},  # Sunday: this week
        {"text": "Heute anrufen", "owner": "Bauamt", "due": TODAY},  # today: this week, not overdue
        {"text": "Förderantrag", "owner": "LPR", "due": date(2026, 11, 30)},  # Monday: later
        {"text": "Schon erledigt", "owner": "LPR", "due": date(2026, 11, 10), "done": True,
         "done_on": date(2026, 11, 10)},
        {"text": "Irgendwann", "owner": ""},  # no due date
    ))
    theirs = add_visit(path, GOERLITZ, date(2026, 10, 1), mine=False, follow_ups=(
        {"text": "Uralt", "owner": "Ordnungsamt", "due": date(2026, 9, 1)},  # overdue, the oldest
        {"text": "Für mich", "owner": f"Bauamt, {me.initials}", "due": date(2026, 12, 10)},  # names me
    ))
    other = add_visit(path, SCHIRGIS, date(2026, 11, 20), mine=False, follow_ups=(
        {"text": "Nicht meine", "owner": "Polizeirevier", "due": date(2026, 11, 27)},
    ), **more)
    gone = add_visit(path, PIRNA, date(2026, 11, 1), follow_ups=(
        {"text": "Gelöschter Besuch", "owner": "LPR", "due": date(2026, 11, 21)},))
    edit_store(path, lambda repos: repos.delete_visit(gone))
    return path, {"mine": mine, "theirs": theirs, "other": other, "gone": gone, "me": me}


async def open_agenda(app, pilot) -> AgendaScreen:
    await press(pilot, "f10")
    assert isinstance(app.screen, AgendaScreen)
    return app.screen


def tasks(app) -> list[str]:
    """The tasks listed, in order (group headings as "# <name>")."""
    out = []
    for key, row in zip(row_keys(q(app, "#agenda-list")), rows(q(app, "#agenda-list"))):
        out.append(f"# {row[0]}" if key.startswith("group:") else row[2])
    return out


def status(app) -> str:
    return static_text(q(app, "#agenda-status"))


async def test_groups_overdue_this_week_later_undated_soonest_first(tmp_path):
    path, ids = prepare(tmp_path)
    async with running(path) as (app, pilot):
        await open_agenda(app, pilot)
        assert tasks(app) == [
            "# Überfällig", "Uralt", "Beleuchtung prüfen",
            "# Diese Woche", "Heute anrufen", "Nicht meine", "Protokoll versenden",
            "# Später", "Förderantrag", "Für mich",
            "# Ohne Termin", "Irgendwann",
        ]  # the done one and the deleted visit's are never listed
        table = q(app, "#agenda-list")
        listed = rows(table)
        assert listed[0][:2] == ("Überfällig", "2 Aufgaben")
        assert listed[1] == ("01.09.2026 !", GOERLITZ_KREIS, "Uralt", "Ordnungsamt", "01.10.2026")
        assert listed[4] == ("26.11.2026", PIRNA_KREIS, "Heute anrufen", "Bauamt", "02.11.2026")
        assert listed[8][0] == "30.11.2026" and listed[11][0] == ""
        assert "red" in str(table.get_row_at(1)[0].style) and "red" not in str(table.get_row_at(4)[0].style)
        assert status(app) == ("8 offene Folgeaufgaben: 2 überfällig · 3 diese Woche · 2 später · "
                               "1 ohne Termin")
        # the cursor starts on the first follow-up, not on the heading
        assert table.current_key == f"{ids['theirs']}/fu0"
        text = screen_text(app)
        assert "Gelöschter Besuch" not in text and "Schon erledigt" not in text
        assert "01.09.2026 !" in text and "Diese Woche" in text and "1 Aufgabe" in text
        # the cursor steps over the headings: down from the last overdue one lands on "Heute anrufen"
        await press(pilot, "down", "down")
        assert table.current_key == f"{ids['mine']}/fu2"
        await press(pilot, "up")
        assert table.current_key == f"{ids['mine']}/fu0"
        await press(pilot, "up", "up")  # over the first heading there is nothing: it stays below it
        assert table.current_key == f"{ids['theirs']}/fu0"


async def test_filters_by_owner_commune_kreis_and_mine_combine_and_clear(tmp_path):
    path, ids = prepare(tmp_path)
    async with running(path) as (app, pilot):
        await open_agenda(app, pilot)
        footer = footer_line(app)
        for key in ("x Erledigt", "v Verantw.", "k Kommune", "l Kreis", "m Meine", "esc Leeren"):
            assert key in footer
        owners = [str(prompt) for prompt, _ in q(app, "#agenda-owner")._options]
        assert owners == ["alle Verantwortlichen", "(niemand angegeben)", "Bauamt", "Bauamt, "
                          + ids["me"].initials, "LPR", "Ordnungsamt", "Polizeirevier"]

        await burst(pilot, "v", *"ord", "enter")  # the owner dropdown jumps to what is typed
        assert tasks(app) == ["# Überfällig", "Uralt", "Beleuchtung prüfen"]
        assert status(app) == ("2 von 8 offenen Folgeaufgaben (gefiltert: Verantwortlich „Ordnungsamt“): "
                               "2 überfällig")
        assert app.screen.focused is q(app, "#agenda-list")  # back on the list after choosing

        await burst(pilot, "k", *"pir", "enter")  # and the commune: both filters hold
        assert tasks(app) == ["# Überfällig", "Beleuchtung prüfen"]
        assert "Verantwortlich „Ordnungsamt“, Kommune " + PIRNA_KREIS in status(app)

        await burst(pilot, "l", *"goer", "enter")  # Kreis Görlitz and commune Pirna: nothing
        assert tasks(app) == []
        assert "Keine offenen Folgeaufgaben für diese Filter – esc zeigt alle." in screen_text(app)
        assert status(app).startswith("0 von 8 offenen Folgeaufgaben (gefiltert: Verantwortlich „Ordnungsamt“, "
                                      f"Kommune {PIRNA_KREIS}, Kreis LK Görlitz)")

        await burst(pilot, "escape")  # every filter off
        assert len(tasks(app)) == 12 and status(app).startswith("8 offene Folgeaufgaben")
        assert q(app, "#agenda-owner").value == q(app, "#agenda-commune").value == q(app, "#agenda-kreis").value

        await burst(pilot, "l", *"bautz", "enter")
        assert tasks(app) == ["# Diese Woche", "Nicht meine"]

        # mine: my visits, and a colleague's follow-up that names me as its owner
        await burst(pilot, "escape", "m")
        assert tasks(app) == ["# Überfällig", "Beleuchtung prüfen",
                              "# Diese Woche", "Heute anrufen", "Protokoll versenden",
                              "# Später", "Förderantrag", "Für mich", "# Ohne Termin", "Irgendwann"]
        assert q(app, "#agenda-mine").value is True
        assert "(gefiltert: nur meine)" in status(app)
        await burst(pilot, "k", *"gor", "enter")  # mine in Görlitz: only the one that names me
        assert tasks(app) == ["# Später", "Für mich"]
        await burst(pilot, "m")
        assert tasks(app) == ["# Überfällig", "Uralt", "# Später", "Für mich"]
        await burst(pilot, "escape")
        assert q(app, "#agenda-mine").value is False and len(tasks(app)) == 12


def test_owner_names_me_by_name_or_initials_not_by_chance():
    me = ("Susanne Scholz", "SS")
    assert owner_names_me("SS", me) and owner_names_me("Bauamt, ss", me) and owner_names_me("LPR und SS", me)
    assert owner_names_me("Frau Susanne Scholz", me) and owner_names_me("susanne scholz + Bauamt", me)
    assert not owner_names_me("Schlosser", me) and not owner_names_me("Bürgermeister/in", ("Ina Neu", "IN"))
    assert not owner_names_me("", me) and not owner_names_me("SS", ())


async def test_tick_off_leaves_the_list_and_undo_brings_it_back_on_disk_too(tmp_path):
    path, ids = prepare(tmp_path)
    key = f"{ids['mine']}/fu0"
    async with running(path) as (app, pilot):
        await open_agenda(app, pilot)
        table = q(app, "#agenda-list")
        await press(pilot, "down")
        assert table.current_key == key
        await burst(pilot, "x")
        assert "Beleuchtung prüfen" not in tasks(app)
        assert status(app).startswith("7 offene Folgeaufgaben: 1 überfällig")
        # the cursor stays where it was: on the next follow-up, not back at the top
        assert table.current_key == f"{ids['mine']}/fu2"
        assert ("Erledigt: „Beleuchtung prüfen“ – ^z macht es rückgängig.", "information") in app.notes
        done = {f["id"]: f for f in disk_records(path, "visit")[ids["mine"]]["data"]["follow_ups"]}
        assert done["fu0"]["done"] is True and done["fu0"]["done_on"] == "2026-11-26"

        await burst(pilot, "ctrl+z")
        assert tasks(app)[:3] == ["# Überfällig", "Uralt", "Beleuchtung prüfen"]
        assert status(app).startswith("8 offene Folgeaufgaben: 2 überfällig")
        reopened = {f["id"]: f for f in disk_records(path, "visit")[ids["mine"]]["data"]["follow_ups"]}
        assert reopened["fu0"]["done"] is False and reopened["fu0"]["done_on"] is None

        # ticked off under a filter that it alone matched: the filter stays, the list says it is empty
        await burst(pilot, "v", *"ba", "enter")
        assert q(app, "#agenda-owner").value == "o:Bauamt"
        assert tasks(app) == ["# Diese Woche", "Heute anrufen"]
        await burst(pilot, "x")
        assert tasks(app) == [] and q(app, "#agenda-owner").value == "o:Bauamt"
        await burst(pilot, "ctrl+z")
        assert tasks(app) == ["# Diese Woche", "Heute anrufen"]

        # the same with a commune: the emptied filter keeps its name
        await burst(pilot, "escape", "l", *"bautz", "enter", "x")
        assert tasks(app) == [] and q(app, "#agenda-kreis").value == "k:Landkreis Bautzen"
        assert "(gefiltert: Kreis LK Bautzen)" in status(app)
        await burst(pilot, "ctrl+z")
        assert tasks(app) == ["# Diese Woche", "Nicht meine"]
    after = {f["id"]: f for f in disk_records(path, "visit")[ids["mine"]]["data"]["follow_ups"]}
    assert not after["fu0"]["done"] and not after["fu2"]["done"] and after["fu4"]["done"]


async def test_enter_opens_the_visit_at_the_follow_up(tmp_path):
    path, ids = prepare(tmp_path)
    async with running(path) as (app, pilot):
        await open_agenda(app, pilot)
        await burst(pilot, "l", *"bautz", "enter", "enter")
        assert isinstance(app.screen, VisitViewScreen)
        assert app.screen.visit_id == ids["other"]
        assert q(app, "#vv-follow-ups").current_key == "fu0"
        await press(pilot, "escape")
        assert isinstance(app.screen, AgendaScreen) and tasks(app) == ["# Diese Woche", "Nicht meine"]


async def test_hostile_task_and_owner_show_literally(tmp_path):
    path = demo_store(tmp_path, visits=0)
    add_visit(path, PIRNA, date(2026, 11, 2), follow_ups=(
        {"text": H, "owner": H, "due": date(2026, 11, 1)},
        {"text": "[b]nicht fett[/b]", "owner": "[@click=app.quit]x[/]", "due": date(2026, 12, 24)},
    ))
    async with running(path, size=(160, 40)) as (app, pilot):
        await open_agenda(app, pilot)
        assert tasks(app) == ["# Überfällig", H, "# Später", "[b]nicht fett[/b]"]
        assert rows(q(app, "#agenda-list"))[1][3] == H
        text = screen_text(app)
        assert "[/x] [b]fett[/b] [@click=app.quit]x[/]" in text and "[b]nicht fett[/b]" in text
        owners = [str(prompt) for prompt, _ in q(app, "#agenda-owner")._options]
        assert owners == ["alle Verantwortlichen", H, "[@click=app.quit]x[/]"]
        await burst(pilot, "v", "down", "enter")  # choose the hostile owner
        assert q(app, "#agenda-owner").value == f"o:{H}"
        assert tasks(app) == ["# Überfällig", H]
        assert f"Verantwortlich „{H}“" in status(app)
        assert f"Verantwortlich „{H}“" in screen_text(app).replace("\n", "")
        assert app.is_running


async def test_at_80x24_due_task_and_footer_keys_show_and_at_120x40_more(tmp_path):
    path, _ = prepare(tmp_path)
    async with running(path) as (app, pilot):
        await open_agenda(app, pilot)
        text = screen_text(app)
        assert "01.09.2026 !  Görlitz (LK Gör…  Uralt                 Ordnungsa…  01.10.2026" in text
        assert "Beleuchtung prüfen" in text and "Besuch vom" in text and "02.11.2026" in text
        assert "Überfällig" in text and "Irgendwann" in text  # all 12 rows fit
        footer = footer_line(app)
        assert footer.startswith(" x Erledigt  v Verantw.  k Kommune  l Kreis  m Meine  esc Leeren")
        assert "Nur meine" in text and "alle Verantwortlichen" in text and "alle Kreise" in text
        assert "„Nur meine“: aus Ihren Besuchen oder mit Ihrem Namen oder Kürzel" in text
    async with running(path, size=(120, 40)) as (app, pilot):
        await open_agenda(app, pilot)
        text = screen_text(app)
        # the commune and the owner get wider too, not only the task
        assert "27.11.2026    Schirgiswalde-Kirschau (LK B…  Nicht meine" in text
        assert "Polizeirevier     20.11.2026" in text
        footer = footer_line(app)
        assert "esc Leeren  ^q Beenden  f1 Hilfe" in footer


async def test_reached_by_f10_from_any_screen_and_from_the_palette(tmp_path):
    path, _ = prepare(tmp_path)
    async with running(path) as (app, pilot):
        await press(pilot, "f3")  # Kommunen has its own F5 and F6: F10 is the same everywhere
        await press(pilot, "f10")
        assert isinstance(app.screen, AgendaScreen) and app.current_mode == "agenda"
        await press(pilot, "f2")
        assert isinstance(app.screen, OverviewScreen)
        assert "(nächste 14 Tage) · alle: f10" in screen_text(app)
        await burst(pilot, "ctrl+p", *"folgeaufg")
        assert "Alle offenen Folgeaufgaben: überfällig, diese Woche, später" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, AgendaScreen)


async def test_overview_lists_my_due_follow_ups_soonest_first(tmp_path):
    path = demo_store(tmp_path, visits=0)
    add_visit(path, GOERLITZ, date(2026, 11, 1), follow_ups=(
        {"text": "Bald", "due": date(2026, 12, 1)},
        {"text": "Lange überfällig", "due": date(2026, 10, 2)},
        {"text": "Zuerst Pirna? Nein, Görlitz", "due": date(2026, 11, 27)},
    ))
    add_visit(path, PIRNA, date(2026, 11, 20), follow_ups=(
        {"text": "Morgen", "due": date(2026, 11, 27)},
        {"text": "Gestern", "due": date(2026, 11, 25)},
        {"text": "Heute", "due": TODAY},
        {"text": "Zu spät für die Übersicht", "due": date(2026, 12, 20)},
    ))
    async with running(path) as (app, pilot):
        due = rows(q(app, "#due"))
        assert [r[2] for r in due] == ["Lange überfällig", "Gestern", "Heute",
                                       "Zuerst Pirna? Nein, Görlitz", "Morgen", "Bald"]  # same day: by commune
        assert [r[0] for r in due][:2] == ["02.10.2026 überfällig", "25.11.2026 überfällig"]


async def test_read_only_window_lists_and_filters_but_offers_no_tick_off(tmp_path):
    path, _ = prepare(tmp_path)
    before = path.read_bytes()
    async with running(path, read_only=True) as (app, pilot):
        await open_agenda(app, pilot)
        assert len(tasks(app)) == 12
        footer = footer_line(app)
        assert "Erledigt" not in footer and "v Verantw." in footer and "esc Leeren" in footer
        await burst(pilot, "x", "l", *"bautz", "enter")
        assert tasks(app) == ["# Diese Woche", "Nicht meine"]
        await burst(pilot, "x")
        assert tasks(app) == ["# Diese Woche", "Nicht meine"]
    assert path.read_bytes() == before
