"""Dossier of a commune: head, visits, problem fields, open follow-ups, status dialog, contacts."""

from __future__ import annotations

from datetime import date

from asskomm_tui.dialogs.commune_status import CommuneStatusDialog
from asskomm_tui.dialogs.confirm import ConfirmDialog
from asskomm_tui.dialogs.items import ContactDialog
from asskomm_tui.screens.dossier import DossierScreen
from storage.collation import sort_key
from ui_helpers import (
    field_error,
    PIRNA,
    SCHIRGIS,
    add_visit,
    demo_store,
    disk_records,
    press,
    q,
    replace_input,
    row_keys,
    rows,
    running,
    screen_text,
    static_text,
    type_text,
)

SEVERITY = {1: "gering", 2: "mittel", 3: "hoch", 4: "sehr hoch"}


def fmt(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%d.%m.%Y") if iso else ""


async def open_dossier(app, pilot, query: str, ags: str) -> DossierScreen:
    await press(pilot, "f3")
    await type_text(pilot, query)
    await press(pilot, "enter")
    assert isinstance(app.screen, DossierScreen) and app.screen.ags == ags
    return app.screen


def prepare(tmp_path):
    path = demo_store(tmp_path)
    add_visit(path, PIRNA, date(2026, 11, 20), summary="Begehung Bahnhof",
              findings=({"problem_field": "graffiti", "severity": 4, "place": "Bahnhof"},
                        {"problem_field": "littering", "severity": 1}),
              follow_ups=({"text": "Graffiti entfernen lassen", "owner": "Bauhof", "due": date(2026, 11, 1)},
                          {"text": "Bürgerversammlung", "owner": "LPR", "due": date(2026, 12, 24)},
                          {"text": "Erledigtes", "done": True, "done_on": date(2026, 11, 21)}))
    add_visit(path, PIRNA, date(2025, 3, 4), mine=False, summary="Erstes Gespräch",
              findings=({"problem_field": "graffiti", "severity": 2},))
    return path


async def test_dossier_head_visits_fields_and_tasks(tmp_path):
    path = prepare(tmp_path)
    visits = {i: r["data"] for i, r in disk_records(path, "visit").items()
              if not r["deleted"] and r["data"]["commune"] == PIRNA}
    fields = {i: r["data"]["name"] for i, r in disk_records(path, "problem_field").items()}
    pirna = disk_records(path, "commune")[PIRNA]["data"]
    async with running(path) as (app, pilot):
        await open_dossier(app, pilot, "pirna", PIRNA)
        head = "Pirna · LK Sächsische Schweiz-Osterzgebirge · AGS 14628270 · 40.039 Einwohner"
        assert static_text(q(app, "#dossier-head")) == head
        status_line = f"ASSKomm-Mitglied seit {fmt(pirna['member_since'])} · Modellkommune · KPR: reaktiviert " \
                      f"({fmt(pirna['kpr_date'])})"
        assert static_text(q(app, "#dossier-status-line")).splitlines()[0] == status_line
        text = screen_text(app)  # at 80 columns the head and the status line wrap
        assert "Pirna · LK Sächsische Schweiz-Osterzgebirge · AGS 14628270 · 40.039" in text
        assert f"ASSKomm-Mitglied seit {fmt(pirna['member_since'])} · Modellkommune · KPR: reaktiviert" in text

        # 1: visits, newest first
        table = q(app, "#visits")
        assert app.screen.focused is table
        newest_first = sorted(visits, key=lambda i: (visits[i]["date"], i), reverse=True)
        assert row_keys(table) == newest_first
        assert [r[0] for r in rows(table)] == [fmt(visits[i]["date"]) for i in newest_first]
        top = rows(table)[0]
        assert top[:5] == ("20.11.2026", "Folgeberatung", "Begehung Bahnhof", "2", "2")

        # 2: problem fields with count, last seen and highest severity
        await press(pilot, "2")
        stats: dict[str, list] = {}
        for v in visits.values():
            for f in v["findings"]:
                s = stats.setdefault(f["problem_field"], [0, "", 0])
                s[0] += 1
                s[1] = max(s[1], v["date"])
                s[2] = max(s[2], f["severity"])
        expected = sorted(((fields[c], str(n), fmt(last), SEVERITY[sev]) for c, (n, last, sev) in stats.items()),
                          key=lambda r: (-[k for k, v in SEVERITY.items() if v == r[3]][0], -int(r[1]),
                                         sort_key(r[0])))
        assert rows(q(app, "#fields")) == expected
        graffiti = next(r for r in expected if r[0] == fields["graffiti"])
        assert graffiti[1:] == (str(stats["graffiti"][0]), fmt(stats["graffiti"][1]), "sehr hoch")
        assert app.screen.focused is q(app, "#fields")
        assert "sehr hoch" in screen_text(app)

        # 3: open follow-ups, overdue marked
        await press(pilot, "3")
        tasks = rows(q(app, "#tasks"))
        open_tasks = [(f, v) for v in visits.values() for f in v["follow_ups"] if not f["done"]]
        assert len(tasks) == len(open_tasks)
        assert ("01.11.2026 überfällig", "Graffiti entfernen lassen", "Bauhof", "20.11.2026") in tasks
        assert ("24.12.2026", "Bürgerversammlung", "LPR", "20.11.2026") in tasks
        assert "Erledigtes" not in {t[1] for t in tasks}
        assert "überfällig" in screen_text(app)

        # 4: status and contacts
        await press(pilot, "4")
        status = static_text(q(app, "#status"))
        assert "Kooperationsvereinbarung: unterzeichnet" in status
        assert "Coaching: angefragt – Coach aus dem LPR-Pool" in status
        assert rows(q(app, "#contacts")) == [(c["name"], c["role"], c["phone"], c["email"])
                                            for c in pirna["contacts"]]
        assert static_text(q(app, "#notes")) == f"Notizen:\n{pirna['notes']}"
        assert pirna["contacts"][0]["name"] in screen_text(app)


async def test_dossier_of_unvisited_commune_says_so(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await open_dossier(app, pilot, "schirgis", SCHIRGIS)
        assert static_text(q(app, "#dossier-status-line")).startswith("kein ASSKomm-Mitglied · KPR: keiner")
        assert rows(q(app, "#visits")) == []
        assert "Noch keine Besuche. Mit N einen Besuch erfassen." in screen_text(app)


async def test_status_dialog_saves_kpr_status_and_date(tmp_path):
    path = demo_store(tmp_path)
    before = disk_records(path, "commune")[PIRNA]
    async with running(path) as (app, pilot):
        await open_dossier(app, pilot, "pirna", PIRNA)
        await press(pilot, "e")
        dialog = app.screen
        assert isinstance(dialog, CommuneStatusDialog)
        assert "Status von Pirna" in screen_text(app)
        await press(pilot, "tab", "tab")
        await pick_kpr(pilot, dialog, "ruhend")
        await press(pilot, "tab")
        assert dialog.focused is q(app, "#kpr_date")
        await replace_input(pilot, "01.10.2026")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, DossierScreen)
        line = static_text(q(app, "#dossier-status-line"))
        assert "KPR: ruhend (01.10.2026)" in line
        assert "KPR: ruhend (01.10.2026)" in screen_text(app)
        assert ("Status von Pirna gespeichert.", "information") in app.notes
    after = disk_records(path, "commune")[PIRNA]
    assert after["data"] == {**before["data"], "kpr_status": "dormant", "kpr_date": "2026-10-01"}
    assert int(after["rev"].split("-")[0]) == int(before["rev"].split("-")[0]) + 1
    assert after["revs"][1:] == before["revs"]


async def pick_kpr(pilot, dialog, label):
    from ui_helpers import pick

    await pick(pilot, dialog.query_one("#kpr_status"), label)


async def test_status_dialog_wrong_date_shows_german_error_and_writes_nothing(tmp_path):
    path = demo_store(tmp_path)
    before = disk_records(path, "commune")[PIRNA]
    async with running(path) as (app, pilot):
        await open_dossier(app, pilot, "pirna", PIRNA)
        await press(pilot, "e")
        dialog = app.screen
        await press(pilot, "tab", "tab")
        await pick_kpr(pilot, dialog, "konstituiert")
        await press(pilot, "tab")
        await replace_input(pilot, "31.02.2026")
        await press(pilot, "ctrl+s")
        assert app.screen is dialog
        error = "Bitte ein gültiges Datum eingeben, z. B. 14.03.2026."
        # by the field, naming it at the top, with the cursor there
        assert field_error(dialog, "kpr_date") == error
        assert static_text(dialog.query_one("#form-error")) == "Bitte „KPR-Status seit“ prüfen."
        assert dialog.focused is dialog.query_one("#kpr_date")
        await replace_input(pilot, "1.1.1850")
        await press(pilot, "enter")
        assert app.screen is dialog
        assert field_error(dialog, "kpr_date") == "Das Datum muss zwischen 01.01.1990 und 31.12.2100 liegen."
        await press(pilot, "escape")  # cancel: nothing changes
        assert isinstance(app.screen, DossierScreen)
        assert "KPR: reaktiviert" in static_text(q(app, "#dossier-status-line"))
    assert disk_records(path, "commune")[PIRNA] == before


async def test_contacts_add_edit_delete(tmp_path):
    path = demo_store(tmp_path)
    before = disk_records(path, "commune")[PIRNA]["data"]["contacts"]
    async with running(path) as (app, pilot):
        dossier = await open_dossier(app, pilot, "pirna", PIRNA)
        # add
        await press(pilot, "k")
        assert isinstance(app.screen, ContactDialog)
        await type_text(pilot, "Maria Schulze")
        await press(pilot, "tab")
        await type_text(pilot, "Ordnungsamt")
        await press(pilot, "tab")
        await type_text(pilot, "03501 123456")
        await press(pilot, "tab")
        await type_text(pilot, "m.schulze@pirna.example.org")
        await press(pilot, "enter")
        assert app.screen is dossier
        await press(pilot, "4")
        contacts = q(app, "#contacts")
        assert rows(contacts)[-1] == ("Maria Schulze", "Ordnungsamt", "03501 123456", "m.schulze@pirna.example.org")
        assert "Maria Schulze" in screen_text(app)
        # edit: Enter on the contact opens it
        await press(pilot, "ctrl+end")
        assert contacts.current_key == row_keys(contacts)[-1]
        await press(pilot, "enter")
        dialog = app.screen
        assert isinstance(dialog, ContactDialog)
        assert dialog.query_one("#name").value == "Maria Schulze"
        await press(pilot, "tab", "tab")
        await replace_input(pilot, "03501 654321")
        await press(pilot, "ctrl+s")
        assert app.screen is dossier
        assert rows(contacts)[-1][2] == "03501 654321"
        # delete the first contact, after a confirmation
        await press(pilot, "ctrl+home", "delete")
        assert isinstance(app.screen, ConfirmDialog)
        assert f"Kontakt „{before[0]['name']}“ löschen?" in screen_text(app)
        await press(pilot, "escape")  # no
        assert len(rows(contacts)) == len(before) + 1
        await press(pilot, "delete")
        await press(pilot, "shift+tab", "enter")  # from "Nein" to "Ja"
        assert app.screen is dossier
        assert [r[0] for r in rows(contacts)] == [c["name"] for c in before[1:]] + ["Maria Schulze"]
        assert ("Kontakt gelöscht.", "information") in app.notes
    after = disk_records(path, "commune")[PIRNA]
    contacts_on_disk = after["data"]["contacts"]
    assert contacts_on_disk[:-1] == before[1:]
    new = contacts_on_disk[-1]
    assert {k: new[k] for k in ("name", "role", "phone", "email")} == {
        "name": "Maria Schulze", "role": "Ordnungsamt", "phone": "03501 654321",
        "email": "m.schulze@pirna.example.org"}
    assert after["rev"].startswith("5-")  # demo revision 2, then add, edit, delete


async def test_contact_needs_name_and_valid_email(tmp_path):
    path = demo_store(tmp_path)
    before = disk_records(path, "commune")[PIRNA]
    async with running(path) as (app, pilot):
        await open_dossier(app, pilot, "pirna", PIRNA)
        await press(pilot, "k")
        dialog = app.screen
        await press(pilot, "enter")
        assert field_error(dialog, "name") == "Bitte einen Namen eingeben."
        await type_text(pilot, "Maria Schulze")
        await press(pilot, "tab", "tab", "tab")
        await type_text(pilot, "maria(at)pirna")
        await press(pilot, "enter")
        assert app.screen is dialog
        assert field_error(dialog, "email") == "Bitte eine gültige E-Mail-Adresse eingeben (oder das Feld leer lassen)."
        assert field_error(dialog, "name") is None  # fixed: its message is gone
        await press(pilot, "escape")
    assert disk_records(path, "commune")[PIRNA] == before


async def test_tasks_tab_x_ticks_off_and_enter_opens_the_visit(tmp_path):
    path = prepare(tmp_path)
    visit_id = next(i for i, r in disk_records(path, "visit").items()
                    if r["data"]["summary"] == "Begehung Bahnhof")
    before = disk_records(path, "visit")[visit_id]
    async with running(path) as (app, pilot):
        dossier = await open_dossier(app, pilot, "pirna", PIRNA)
        await press(pilot, "3")
        tasks = q(app, "#tasks")
        assert tasks.current_key == f"{visit_id}/fu0"  # the overdue one comes first
        await press(pilot, "x")
        assert "Graffiti entfernen lassen" not in [r[1] for r in rows(tasks)]
        assert ("Erledigt: „Graffiti entfernen lassen“ – ^z macht es rückgängig.", "information") in app.notes
        # the visits list counts one open follow-up less
        assert rows(q(app, "#visits"))[0][4] == "1"
        await press(pilot, "3")
        index = [r[1] for r in rows(tasks)].index("Bürgerversammlung")
        await press(pilot, *(["down"] * index), "enter")
        from asskomm_tui.screens.visit_form import VisitFormScreen
        from asskomm_tui.screens.visit_view import VisitViewScreen

        # Enter shows the visit, with the cursor on that follow-up; e edits it
        view = app.screen
        assert isinstance(view, VisitViewScreen) and view.visit_id == visit_id
        assert q(app, "#vv-follow-ups").current_key == "fu1" and view.focused is q(app, "#vv-follow-ups")
        assert rows(q(app, "#vv-follow-ups"))[0] == ("Graffiti entfernen lassen", "Bauhof", "01.11.2026",
                                                     "erledigt am 26.11.2026")
        await press(pilot, "e")
        assert isinstance(app.screen, VisitFormScreen) and app.screen.visit_id == visit_id
        assert rows(q(app, "#follow_ups"))[0] == ("Graffiti entfernen lassen", "Bauhof", "01.11.2026", "ja")
        await press(pilot, "escape")
        assert app.screen is view
        await press(pilot, "escape")
        assert app.screen is dossier
    after = disk_records(path, "visit")[visit_id]
    assert [(f["done"], f["done_on"]) for f in after["data"]["follow_ups"]] == [
        (True, "2026-11-26"), (False, None), (True, "2026-11-21")]
    assert after["revs"][1] == before["revs"][0]


# -- the visit list: filters by problem field and period (issue 8) -----------------------------------
def pirna_visits(path) -> dict[str, dict]:
    """Pirna's live visits on disk, by id."""
    return {i: r["data"] for i, r in disk_records(path, "visit").items()
            if not r["deleted"] and r["data"]["commune"] == PIRNA}


def newest_first(visits: dict[str, dict], keep) -> list[str]:
    return sorted((i for i, v in visits.items() if keep(v)), key=lambda i: (visits[i]["date"], i), reverse=True)


def has_field(code: str):
    return lambda v: any(f["problem_field"] == code for f in v["findings"])


async def test_visit_filters_narrow_the_list_and_the_count(tmp_path):
    from asskomm_tui.widgets.choice import ChoiceOverlay
    from storage.records import Kind, ProblemFieldData
    from ui_helpers import H, edit_store

    path = prepare(tmp_path)
    edit_store(path, lambda repos: repos.store.put(
        Kind.PROBLEM_FIELD, "markup_feld", ProblemFieldData(code="markup_feld", name=f"Zzz {H}"), base_rev=None))
    marked = add_visit(path, PIRNA, date(2024, 5, 6), summary="Mit Markup-Feld",
                       findings=({"problem_field": "markup_feld", "severity": 3},))
    visits = pirna_visits(path)
    total = len(visits)
    littering = newest_first(visits, has_field("littering"))
    assert 0 < len(littering) < total
    async with running(path) as (app, pilot):
        await open_dossier(app, pilot, "pirna", PIRNA)
        table = q(app, "#visits")
        assert static_text(q(app, "#visit-count")) == f"{total} von {total} Besuchen"
        assert "f Problemfeld" in screen_text(app).splitlines()[-1]
        assert "p Zeitraum" in screen_text(app).splitlines()[-1]
        # F opens the problem-field dropdown; typing finds the field, Enter takes it, the list has the focus
        await press(pilot, "f")
        assert isinstance(app.screen.focused, ChoiceOverlay)
        text = screen_text(app)  # a catalog name from HQ is shown literally (wrapped in the dropdown)
        assert "Zzz [/x] [b]fett[/b]" in text and "<script>alert(1)</script>" in text
        await press(pilot, *"verm", "enter")
        assert app.screen.focused is table
        assert q(app, "#filter-field").value == "littering"
        assert row_keys(table) == littering
        assert static_text(q(app, "#visit-count")) == f"{len(littering)} von {total} Besuchen"
        assert f"{len(littering)} von {total} Besuchen" in screen_text(app)
        assert "Vermüllung öffentlicher Plätze" in screen_text(app)
        # P: the period, here the year 2026, on top of the field
        await press(pilot, "p", *"2026", "enter")
        assert q(app, "#filter-period").value == "y2026"
        expected = newest_first(visits, lambda v: has_field("littering")(v) and v["date"].startswith("2026"))
        assert row_keys(table) == expected and "20.11.2026" in [r[0] for r in rows(table)]
        # the field back to all: every visit of 2026
        await press(pilot, "f", "home", "enter")
        assert q(app, "#filter-field").value == "all"
        in_2026 = newest_first(visits, lambda v: v["date"].startswith("2026"))
        assert row_keys(table) == in_2026
        assert static_text(q(app, "#visit-count")) == f"{len(in_2026)} von {total} Besuchen"
        # the hostile field in a year without it: nothing, and the list says so
        await press(pilot, "f", *"zzz", "enter")
        assert q(app, "#filter-field").value == "markup_feld"
        assert rows(table) == []
        assert "Keine Besuche für diesen Filter" in screen_text(app)
        await press(pilot, "p", *"alle", "enter")
        assert row_keys(table) == [marked]
        # the last 12 months: 27.11.2025 to 26.11.2026
        await press(pilot, "f", "home", "enter", "p", *"letz", "enter")
        assert q(app, "#filter-period").value == "12m"
        assert row_keys(table) == newest_first(visits, lambda v: "2025-11-27" <= v["date"] <= "2026-11-26")
        # Enter on a filtered row shows that visit
        await press(pilot, "enter")
        from asskomm_tui.screens.visit_view import VisitViewScreen

        assert isinstance(app.screen, VisitViewScreen) and app.screen.visit_id == row_keys(table)[0]
        await press(pilot, "escape")
        assert row_keys(table) == newest_first(visits, lambda v: "2025-11-27" <= v["date"] <= "2026-11-26")


async def test_enter_on_a_problem_field_shows_the_visits_behind_it(tmp_path):
    path = prepare(tmp_path)
    add_visit(path, PIRNA, date(2025, 6, 7), summary="Ohne Graffiti", findings=({"problem_field": "littering"},))
    visits = pirna_visits(path)
    graffiti = newest_first(visits, has_field("graffiti"))
    assert 1 < len(graffiti) < len(visits)
    async with running(path) as (app, pilot):
        await open_dossier(app, pilot, "pirna", PIRNA)
        await press(pilot, "p", *"2025", "enter")  # a period set before: the field shows all its visits
        await press(pilot, "2")
        fields = q(app, "#fields")
        index = row_keys(fields).index("graffiti")
        await press(pilot, *(["down"] * index), "enter")
        table = q(app, "#visits")
        assert q(app, "#dossier-tabs").active == "tab-visits" and app.screen.focused is table
        assert q(app, "#filter-field").value == "graffiti" and q(app, "#filter-period").value == "all"
        assert row_keys(table) == graffiti
        assert static_text(q(app, "#visit-count")) == f"{len(graffiti)} von {len(visits)} Besuchen"
        assert "Sachbeschädigung und Graffiti" in screen_text(app)


async def test_open_dossier_at_a_contact(tmp_path):
    path = demo_store(tmp_path)
    contacts = disk_records(path, "commune")[PIRNA]["data"]["contacts"]
    assert len(contacts) >= 2
    async with running(path) as (app, pilot):
        app.open_dossier(PIRNA, tab="contacts", focus=contacts[-1]["id"])
        await press(pilot)
        table = q(app, "#contacts")
        assert q(app, "#dossier-tabs").active == "tab-status"
        assert app.screen.focused is table and table.current_key == contacts[-1]["id"]
        assert contacts[-1]["name"] in screen_text(app)
        await press(pilot, "enter")  # Enter edits that contact, as always
        assert isinstance(app.screen, ContactDialog)
        assert app.screen.query_one("#name").value == contacts[-1]["name"]
