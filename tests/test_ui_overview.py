"""Übersicht: greeting, my recent visits, my follow-ups due or overdue, the store's facts; x ticks off."""

from __future__ import annotations

from datetime import date

from asskomm_tui.screens.overview import OverviewScreen
from asskomm_tui.screens.visit_form import VisitFormScreen
from storage.backups import BackupManager
from ui_helpers import (
    PIRNA,
    add_visit,
    demo_store,
    disk_records,
    press,
    q,
    row_keys,
    rows,
    running,
    screen_text,
    static_text,
)

FOLLOW_UPS = (
    {"text": "Beleuchtung Unterführung prüfen", "owner": "Ordnungsamt", "due": date(2026, 11, 20)},  # overdue
    {"text": "Protokoll an den Stadtrat", "owner": "LPR", "due": date(2026, 12, 3)},  # due in 7 days
    {"text": "Förderantrag vorbereiten", "owner": "LPR", "due": date(2027, 2, 1)},  # beyond 14 days
    {"text": "Schon erledigt", "owner": "LPR", "due": date(2026, 11, 21), "done": True,
     "done_on": date(2026, 11, 21)},
    {"text": "Ohne Termin", "owner": "LPR"},
)


def prepare(tmp_path):
    path = demo_store(tmp_path)
    mine = add_visit(path, PIRNA, date(2026, 11, 25), summary="Abstimmung mit dem Ordnungsamt\nzweite Zeile",
                     follow_ups=FOLLOW_UPS)
    add_visit(path, PIRNA, date(2026, 11, 24), mine=False, summary="Besuch einer Kollegin",
              follow_ups=({"text": "Nicht meine Aufgabe", "due": date(2026, 11, 27)},))
    return path, mine


async def test_overview_shows_greeting_recent_due_and_facts(tmp_path):
    path, mine = prepare(tmp_path)
    visits = {i: r for i, r in disk_records(path, "visit").items() if not r["deleted"]}
    me = next(iter(disk_records(path, "consultant").values()))  # not needed to be me: checked below
    async with running(path) as (app, pilot):
        assert isinstance(app.screen, OverviewScreen)
        my_name = app.repos.me().data.name
        assert static_text(q(app, "#greeting")) == f"Guten Tag, {my_name}."
        assert f"Guten Tag, {my_name}." in screen_text(app)

        recent = q(app, "#recent")
        recent_rows = rows(recent)
        my_id = app.repos.store.local.consultant_id
        expected_ids = sorted((i for i, r in visits.items() if my_id in r["data"]["consultants"]),
                              key=lambda i: (visits[i]["data"]["date"], i), reverse=True)
        assert row_keys(recent) == expected_ids[:30]
        assert row_keys(recent)[0] == mine  # the newest of my visits
        assert recent_rows[0] == ("25.11.2026", "Pirna (LK Sächsische Schweiz-Osterzgebirge)", "Folgeberatung",
                                  "Abstimmung mit dem Ordnungsamt")
        assert "Besuch einer Kollegin" not in {r[3] for r in recent_rows}

        due = q(app, "#due")
        assert rows(due) == [
            ("20.11.2026 überfällig", "Pirna (LK Sächsische Schweiz-Osterzgebirge)",
             "Beleuchtung Unterführung prüfen", "Ordnungsamt"),
            ("03.12.2026", "Pirna (LK Sächsische Schweiz-Osterzgebirge)", "Protokoll an den Stadtrat", "LPR"),
        ]
        overdue_cell = due.get_row_at(0)[0]
        assert "red" in str(overdue_cell.style)  # overdue is marked red, the other is not
        assert "red" not in str(due.get_row_at(1)[0].style)
        text = screen_text(app)
        assert "Meine fälligen und überfälligen Folgeaufgaben" in text
        assert "20.11.2026 überfällig" in text
        # at 80 columns every column is on screen (long cells are cut with …)
        assert "25.11.2026  Pirna (LK Sächsische …  Folgeberatung  Abstimmung mit dem Ordnu…" in text
        assert "Beleuchtung Unterfüh…  Ordnungsamt" in text

        facts = static_text(q(app, "#facts"))
        open_fu = sum(1 for r in visits.values() for f in r["data"]["follow_ups"] if not f["done"])
        members = sum(1 for r in disk_records(path, "commune").values() if r["data"]["member_since"])
        assert facts.splitlines()[0] == (
            f"418 Kommunen · {members} ASSKomm-Mitglieder · {len(visits)} Besuche · "
            f"{open_fu} offene Folgeaufgaben · 12 Beratende")
        latest = BackupManager(path).latest()
        assert latest is not None
        assert f"Speicher: {path}" in facts
        assert f"Letzte Sicherung: {latest.created.strftime('%d.%m.%Y %H:%M')}" in facts
        assert "418 Kommunen" in text and "Speicher:" in text
    assert me["kind"] == "consultant"


async def test_overview_x_ticks_off_due_follow_up(tmp_path):
    path, mine = prepare(tmp_path)
    before = disk_records(path, "visit")[mine]
    async with running(path) as (app, pilot):
        due = q(app, "#due")
        await press(pilot, "tab")  # from "Meine letzten Besuche" to the follow-ups
        assert app.screen.focused is due
        assert due.current_key == f"{mine}/fu0"
        await press(pilot, "x")
        assert [r[2] for r in rows(due)] == ["Protokoll an den Stadtrat"]
        assert "Beleuchtung Unterführung prüfen" not in screen_text(app)
        assert ("Erledigt: „Beleuchtung Unterführung prüfen“ – ^z macht es rückgängig.", "information") \
            in app.notes
    after = disk_records(path, "visit")[mine]
    done = {f["id"]: f for f in after["data"]["follow_ups"]}
    assert done["fu0"]["done"] is True and done["fu0"]["done_on"] == "2026-11-26"
    assert [f["done"] for f in after["data"]["follow_ups"]] == [True, False, False, True, False]
    assert after["rev"].startswith("2-") and after["revs"][1] == before["revs"][0]
    # everything else in the visit is unchanged
    assert {k: v for k, v in after["data"].items() if k != "follow_ups"} == \
        {k: v for k, v in before["data"].items() if k != "follow_ups"}


async def test_overview_enter_opens_my_visit(tmp_path):
    path, mine = prepare(tmp_path)
    async with running(path) as (app, pilot):
        assert app.screen.focused is q(app, "#recent")
        await press(pilot, "enter")  # the visit, read-only; e edits it
        from asskomm_tui.screens.visit_view import VisitViewScreen

        view = app.screen
        assert isinstance(view, VisitViewScreen)
        assert static_text(q(app, "#vv-summary")) == "Abstimmung mit dem Ordnungsamt\nzweite Zeile"
        assert "Abstimmung mit dem Ordnungsamt" in screen_text(app)
        await press(pilot, "e")
        assert isinstance(app.screen, VisitFormScreen)
        assert q(app, "#summary").text == "Abstimmung mit dem Ordnungsamt\nzweite Zeile"
        assert "Besuch in Pirna" in screen_text(app)
        await press(pilot, "escape")
        assert app.screen is view
        await press(pilot, "escape")
        assert isinstance(app.screen, OverviewScreen)


async def test_a_follow_up_ticked_off_by_mistake_comes_back_with_ctrl_z(tmp_path):
    path, mine = prepare(tmp_path)
    async with running(path) as (app, pilot):
        due = q(app, "#due")
        await press(pilot, "tab", "x")
        assert "Beleuchtung Unterführung prüfen" not in screen_text(app)
        await press(pilot, "ctrl+z")
        assert [r[2] for r in rows(due)] == ["Beleuchtung Unterführung prüfen", "Protokoll an den Stadtrat"]
        assert ("Rückgängig gemacht: „Beleuchtung Unterführung prüfen“ ist wieder offen.", "information") \
            in app.notes
        await press(pilot, "ctrl+z")  # only once
        assert ("Nichts rückgängig zu machen.", "information") in app.notes
    follow_ups = {f["id"]: f for f in disk_records(path, "visit")[mine]["data"]["follow_ups"]}
    assert follow_ups["fu0"]["done"] is False and follow_ups["fu0"]["done_on"] is None


async def test_overview_facts_say_one_in_the_singular(tmp_path):
    """One member, one visit, one open follow-up, one consultant: each counted in the singular."""
    from storage import Store
    from storage.repositories import Repositories
    from storage.records import FollowUp, VisitData

    path = tmp_path / "eins.json"
    with Store.open(path) as store:
        store.setup_device("Anna Richter", "AR")
        repos = Repositories(store)
        pirna = repos.commune(PIRNA)
        repos.save_commune(pirna.data.model_copy(update={"member_since": date(2020, 1, 1)}), base_rev=pirna.rev)
        repos.create_visit(VisitData(commune=PIRNA, date=date(2026, 11, 1), summary="Erstgespräch",
                                     consultants=(store.local.consultant_id,),
                                     follow_ups=(FollowUp(id="fu0", text="Protokoll schicken"),)))
    async with running(path) as (app, pilot):
        facts = static_text(q(app, "#facts")).splitlines()[0]
        assert facts == ("418 Kommunen · 1 ASSKomm-Mitglied · 1 Besuch · 1 offene Folgeaufgabe · "
                         "1 beratende Person")


async def test_x_is_offered_only_where_it_ticks_off_a_follow_up(tmp_path):
    from ui_helpers import footer_line

    path = demo_store(tmp_path)
    add_visit(path, PIRNA, date(2026, 11, 20), summary="Mit Aufgabe",
              follow_ups=({"text": "Anrufen", "due": date(2026, 11, 30)},))
    async with running(path) as (app, pilot):
        q(app, "#recent").focus()
        await press(pilot)
        assert "Erledigt an/aus" not in footer_line(app)
        before = disk_records(path, "visit")
        await press(pilot, "x")  # nothing to tick off here: nothing changes
        assert disk_records(path, "visit") == before
        q(app, "#due").focus()
        await press(pilot)
        assert "x Erledigt an/aus" in footer_line(app)
