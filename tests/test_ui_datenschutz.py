"""The Datenschutz screen (Strg+G, the palette): a name typed fast, its hits, the Auskunft as a file,
the erasure with its dialog and report; afterwards the name is in no byte of the store file."""

from __future__ import annotations

import json
from datetime import date

from textual.command import CommandPalette

from asskomm_tui import strings as S
from asskomm_tui.screens.datenschutz import DatenschutzScreen, EraseDialog, ReportDialog
from storage.erasure_match import ERASED
from ui_helpers import (H, PIRNA, add_visit, burst, demo_store, disk_records, edit_store, press, q, rows, running,
                        screen_text, static_text, type_text)

NAME = "Henriette Quaaßdorf"


def prepared(tmp_path):
    path = demo_store(tmp_path)
    visit = add_visit(path, PIRNA, date(2026, 11, 20), summary=f"{H} mit Henriette Quaaßdorf",
                      participants=("HENRIETTE QUAASSDORF", "Bürgermeister"))

    def contact_and_draft(repos):
        from storage.records import Contact

        commune = repos.commune(PIRNA)
        repos.save_commune(commune.data.model_copy(update={"contacts": (
            *commune.data.contacts, Contact(id="hq1", name="Henriette Quaassdorf", role="[b]Amt[/b]"))}),
            base_rev=commune.rev)
        repos.store.drafts.save(f"visit-{visit}", {"visit_id": visit, "form": {"notes": "henriette quaaßdorf"}})

    edit_store(path, contact_and_draft)
    return path, visit


async def test_find_export_and_erase_a_person(tmp_path):
    path, visit = prepared(tmp_path)
    out = tmp_path / "auskunft"
    async with running(path) as (app, pilot):
        await press(pilot, "escape")  # the drafts offered at start: later
        await press(pilot, "ctrl+g")
        screen = app.screen
        assert isinstance(screen, DatenschutzScreen) and app.current_mode == "datenschutz"
        await burst(pilot, *"henriette quaassdorf", "enter")  # typed at once, Enter right after
        result = screen.result
        assert result is not None and result.name == "henriette quaassdorf"
        fields = {(f.hit.kind, f.hit.field) for f in result.found}
        assert fields == {("visit", "summary"), ("visit", "participants"), ("commune", "contacts.name"),
                          ("draft", "form.notes")}
        shown = rows(q(app, "#ds-hits"))
        assert len(shown) == 4
        assert any(H[:20] in r[4] or "mit Henriette" in r[4] for r in shown)  # markup stays literal
        assert "4 Stellen" in static_text(q(app, "#ds-status"))

        # e: the Auskunft as JSON (the dialog's first format)
        await press(pilot, "e")
        await press(pilot, "tab")
        folder = app.screen.query_one("#folder")
        folder.value = str(out)
        await press(pilot, "ctrl+s")
        (written,) = out.iterdir()
        body = json.loads(written.read_bytes())
        assert body["name"] == "henriette quaassdorf" and len(body["hits"]) == 4
        assert {h["field_label"] for h in body["hits"]} >= {"Zusammenfassung", "Teilnehmende", "Kontakt: Name"}
        assert any(H in h["text"] for h in body["hits"])

        # l: the dialog says what goes, takes an Aktenzeichen; the report follows
        await press(pilot, "l")
        dialog = app.screen
        assert isinstance(dialog, EraseDialog)
        text = screen_text(app)
        assert "4 Stellen" in text and "nicht zurücknehmen" in text.replace("\n", " ")
        await type_text(pilot, "AZ 17/26 Henriette Quaaßdorf")
        await press(pilot, "ctrl+s")
        report = app.screen
        assert isinstance(report, ReportDialog)
        lines = "\n".join(report.reports[0])
        assert "AZ 17/26 [gelöscht]" in lines and "1 Besuch" in lines and "1 Kommune" in lines
        assert "Sicherung" in lines
        await press(pilot, "escape")
        assert app.screen is screen
        assert screen.result is not None and screen.result.found == []  # searched again: nothing left
        # b: the reports of every order
        await press(pilot, "b")
        assert isinstance(app.screen, ReportDialog) and len(app.screen.reports) == 1
        await press(pilot, "escape")
    body = path.read_bytes()
    for needle in ("Quaaßdorf", "QUAASSDORF", "Quaassdorf", "quaaßdorf"):
        assert needle.encode() not in body
    visit_raw = disk_records(path, "visit")[visit]
    assert visit_raw["data"]["participants"] == ["Bürgermeister"]
    assert visit_raw["data"]["summary"] == f"{H} mit {ERASED}"
    assert all(c["id"] != "hq1" for c in disk_records(path, "commune")[PIRNA]["data"]["contacts"])
    assert not list(path.with_name(path.name + ".drafts").glob("*.json"))
    orders = disk_records(path, "erasure")
    assert len(orders) == 1 and next(iter(orders.values()))["data"]["reference"] == f"AZ 17/26 {ERASED}"


async def test_the_palette_opens_it_and_a_short_name_is_refused_in_place(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "Datenschutz")
        await press(pilot, "enter")
        assert isinstance(app.screen, DatenschutzScreen)
        await type_text(pilot, "A\n")
        assert "mindestens" in static_text(q(app, "#ds-status"))
        await press(pilot, "l")  # in the name field: a letter, not the erase key
        assert isinstance(app.screen, DatenschutzScreen)
        assert q(app, "#ds-name").value == "Al"
        await type_text(pilot, "brecht Nirgendwo\n")
        assert S.DS_NONE.format(name="Albrecht Nirgendwo") in static_text(q(app, "#ds-status"))
        await press(pilot, "escape", "escape")  # back to the name field; nothing else happens
        assert isinstance(app.screen, DatenschutzScreen)


async def test_cancelling_the_erasure_changes_nothing(tmp_path):
    path, _ = prepared(tmp_path)
    async with running(path) as (app, pilot):
        await press(pilot, "escape", "ctrl+g")
        await type_text(pilot, f"{NAME}\n")
        before = path.read_bytes()
        await press(pilot, "l")
        assert isinstance(app.screen, EraseDialog)
        await press(pilot, "escape")
        assert isinstance(app.screen, DatenschutzScreen)
        assert path.read_bytes() == before
    assert "Quaaßdorf".encode() in path.read_bytes()
