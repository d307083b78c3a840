"""Konflikte (F7): records changed on two devices; resolved field by field or by whole versions, and the
resolution resolves the conflict on the other device too.

Anna's and Bernd's stores are prepared with the storage API: both edit (or delete) the same records
offline and then swap full bundles, so both hold the same conflicting versions.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date

from asskomm_tui.dialogs.confirm import ConfirmDialog
from asskomm_tui.screens.conflicts import ConflictsScreen, ResolveScreen
from asskomm_tui.screens.dossier import DossierScreen
from storage import Repositories, Store
from storage.canonical import rev_hash
from storage.records import FundingSource, Measure, StrategyData
from storage.sync.exchange import export_bundle, import_bundle
from sync_helpers import CIRCLE, PIRNA, add_visit, edit_visit, new_store
from ui_helpers import (
    disk,
    disk_records,
    list_keys,
    press,
    q,
    rows,
    running,
    screen_text,
    static_text,
    type_text,
)


def swap(anna: Store, bernd: Store, folder) -> None:
    """Both export everything they have to HQ, then each imports HQ's file (a laptop reads only HQ's)."""
    hq = next(s for s in CIRCLE if s.local.role == "hq")
    with Store.open(hq.path) if hq.closed else nullcontext(hq) as central:
        for laptop in (anna, bernd):
            assert import_bundle(central, export_bundle(laptop, folder, full=True).path).applied
        back = export_bundle(central, folder).path
    for laptop in (anna, bernd):
        assert import_bundle(laptop, back).applied


def pair(tmp_path):
    a, b = tmp_path / "ar.json", tmp_path / "bn.json"
    new_store(tmp_path / "hq.json", "Zentrale LPR", "LPR", role="hq").close()
    return a, b, new_store(a, "Anna Richter", "AR"), new_store(b, "Bernd Neumann", "BN")


def visit_conflicts(tmp_path):
    """Three visits in Pirna in conflict on both devices: two edited differently, one deleted by Anna
    and edited by Bernd. Returns the paths, the ids and each device's rev of every visit."""
    a, b, anna, bernd = pair(tmp_path)
    ids = {name: add_visit(anna, day=date(2026, 3, day), summary=name, notes="Notiz")
           for name, day in (("fields", 4), ("whole", 5), ("deleted", 6))}
    swap(anna, bernd, tmp_path / "tausch")
    revs = {
        "fields": (edit_visit(anna, ids["fields"], summary="Zusammenfassung von Anna", notes="Notizen von Anna"),
                   edit_visit(bernd, ids["fields"], summary="Zusammenfassung von Bernd", notes="Notizen von Bernd")),
        "whole": (edit_visit(anna, ids["whole"], summary="Ganz von Anna"),
                  edit_visit(bernd, ids["whole"], summary="Ganz von Bernd", notes="Bernds Notiz")),
        "deleted": (Repositories(anna).delete_visit(ids["deleted"]).rev,
                    edit_visit(bernd, ids["deleted"], summary="Bernd braucht ihn noch")),
    }
    swap(anna, bernd, tmp_path / "tausch")
    for store in (anna, bernd):
        assert store.conflicted() == {("visit", i) for i in ids.values()}
        store.close()
    return a, b, ids, revs


def version_columns(app) -> dict[str, int]:
    """Initials of the author -> table column of that author's version."""
    table = q(app, "#resolve-table")
    out = {}
    for i, column in enumerate(table.ordered_columns):
        label = str(column.label)
        for initials in ("AR", "BN"):
            if f" · {initials} · " in label:
                out[initials] = i
    return out


async def choose(pilot, table, row: int, column: int) -> None:
    """Move the cell cursor to (row, column) with the arrow keys and take that value with Enter."""
    current = table.cursor_coordinate
    keys = (["down"] * (row - current.row) + ["up"] * (current.row - row)
            + ["right"] * (column - current.column) + ["left"] * (current.column - column))
    await press(pilot, *keys, "enter")


def chosen(table) -> list[int]:
    """Per field row: the column whose value is chosen (marked ●)."""
    return [next(i for i, c in enumerate(r) if c.startswith("● ")) for r in rows(table)]


async def test_visit_conflict_is_marked_and_resolved_field_by_field_everywhere(tmp_path):
    a, b, ids, revs = visit_conflicts(tmp_path)
    visit = ids["fields"]
    async with running(a) as (app, pilot):
        await press(pilot, "f3")
        await type_text(pilot, "pirna")
        assert list_keys(app)[0] == PIRNA
        assert "⚠ Pirna" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, DossierScreen)
        assert "⚠ Widersprüchliche Versionen – F7 öffnet die Konflikte" in screen_text(app)
        assert [r[0] for r in rows(q(app, "#visits"))] == ["⚠ 06.03.2026", "⚠ 05.03.2026", "⚠ 04.03.2026"]

        await press(pilot, "f7")
        assert isinstance(app.screen, ConflictsScreen)
        listed = rows(q(app, "#conflict-list"))
        assert [r[:3] for r in listed] == [("Besuch", f"Besuch in Pirna am 0{d}.03.2026", "2") for d in (4, 5, 6)]
        assert sorted(listed[0][3].split(", ")) == ["AR", "BN"]
        await press(pilot, "enter")  # the first: the visit of 04.03.

        assert isinstance(app.screen, ResolveScreen)
        text = screen_text(app)
        assert "Konflikt lösen: Besuch in Pirna am 04.03.2026" in text
        for value in ("Zusammenfassung von Anna", "Zusammenfassung von Bernd", "Notizen von Anna",
                      "Notizen von Bernd"):
            assert value in text  # side by side
        table = q(app, "#resolve-table")
        assert [r[0] for r in rows(table)[:2]] == ["Zusammenfassung", "Notizen"]  # what differs comes first
        col = version_columns(app)
        assert sorted(col.values()) == [1, 2]
        assert str(table.ordered_columns[3].label) == "beide zusammen"

        await choose(pilot, table, 0, col["BN"])  # Bernd's summary
        await choose(pilot, table, 1, col["AR"])  # Anna's notes
        assert chosen(table)[:2] == [col["BN"], col["AR"]]
        assert static_text(q(app, "#resolve-detail")) == "Notizen: Notizen von Anna"
        assert "● Zusammenfassung von Bernd" in screen_text(app)
        await press(pilot, "ctrl+s")

        assert isinstance(app.screen, ConflictsScreen)
        assert [r[1] for r in rows(q(app, "#conflict-list"))] == ["Besuch in Pirna am 05.03.2026",
                                                                  "Besuch in Pirna am 06.03.2026"]
        assert ("Konflikt gelöst; die Zusammenführung wird mit dem nächsten Export verteilt.",
                "information") in app.notes
    record = disk_records(a, "visit")[visit]
    assert record["data"]["summary"] == "Zusammenfassung von Bernd"
    assert record["data"]["notes"] == "Notizen von Anna"
    assert {rev_hash(r) for r in revs["fields"]} <= set(record["revs"])  # both leaves merged
    assert record["deleted"] is False
    assert [c for c in disk(a).get("conflict", {}).values() if c["id"] == visit] == []

    # Anna's next export, through HQ, resolves the conflict on Bernd's device as well
    with Store.open(a) as anna, Store.open(tmp_path / "hq.json") as hq:
        assert import_bundle(hq, export_bundle(anna, tmp_path / "tausch").path).applied
        bundle = export_bundle(hq, tmp_path / "tausch").path
    with Store.open(b) as bernd:
        assert ("visit", visit) in bernd.conflicted()
        import_bundle(bernd, bundle)
        assert ("visit", visit) not in bernd.conflicted()
        assert bernd.leaves("visit", visit) == [record]


async def test_whole_version_by_number_and_edit_against_delete(tmp_path):
    a, b, ids, _ = visit_conflicts(tmp_path)
    async with running(a) as (app, pilot):
        await press(pilot, "f7", "down", "enter")  # the visit of 05.03.
        assert "Konflikt lösen: Besuch in Pirna am 05.03.2026" in screen_text(app)
        versions = app.screen.versions
        await press(pilot, "2")  # the whole second version
        table = q(app, "#resolve-table")
        assert chosen(table) == [2] * table.row_count
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConflictsScreen)
        whole = versions[1]

        await press(pilot, "down", "enter")  # the visit of 06.03.: Anna deleted it, Bernd edited it
        resolve = app.screen
        assert isinstance(resolve, ResolveScreen)
        heads = [str(c.label) for c in q(app, "#resolve-table").ordered_columns]
        assert heads[1].startswith("V1 · BN") and "GELÖSCHT" not in heads[1]  # the edit stays shown
        assert heads[2].startswith("V2 · GELÖSCHT · AR")
        assert "V2 · GELÖSCHT · AR" in screen_text(app)
        assert "Bernd braucht ihn noch" in screen_text(app)
        await press(pilot, "2", "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Die gewählte Version ist eine Löschung." in screen_text(app)
        await press(pilot, "escape")  # no: nothing is stored
        assert app.screen is resolve
        await press(pilot, "ctrl+s", "j")
        assert isinstance(app.screen, ConflictsScreen)
        assert [r[1] for r in rows(q(app, "#conflict-list"))] == ["Besuch in Pirna am 04.03.2026"]
    visits = disk_records(a, "visit")
    assert visits[ids["whole"]]["data"] == whole.data and not visits[ids["whole"]]["deleted"]
    assert visits[ids["deleted"]]["deleted"] is True
    assert [c["id"] for c in disk(a)["conflict"].values()] == [ids["fields"]]


async def test_strategy_edited_on_two_devices_merges_sections(tmp_path):
    a, b, anna, bernd = pair(tmp_path)
    strategy = Repositories(anna).create_strategy(PIRNA, 2027, 2029, title="Sicheres Pirna")
    swap(anna, bernd, tmp_path / "tausch")
    mine = strategy.data.model_copy(update={"cause_analysis": "Treffpunkte ohne Angebote für Jugendliche"})
    Repositories(anna).save_strategy(mine, strategy.rev)
    measure = Measure(id="m1", title="Graffiti-Mobil", problem_fields=("graffiti",), cost_cents=1_250_000,
                      funding=FundingSource.RL_KOMMPRAEV, own_share_cents=125_000)
    theirs = strategy.data.model_copy(update={"measures": (measure,), "cause_analysis": "Bernds Ursachen"})
    Repositories(bernd).save_strategy(theirs, strategy.rev)
    swap(anna, bernd, tmp_path / "tausch")
    anna.close()
    bernd.close()
    async with running(a) as (app, pilot):
        await press(pilot, "f7")
        assert [r[:3] for r in rows(q(app, "#conflict-list"))] == [("Strategie", "Strategie Pirna 2027–2029", "2")]
        await press(pilot, "enter")
        table = q(app, "#resolve-table")
        assert [r[0] for r in rows(table)[:2]] == ["Ursachenanalyse", "Maßnahmen"]
        assert "1: Graffiti-Mobil" in screen_text(app)
        col = version_columns(app)
        await choose(pilot, table, 0, col["AR"])  # Anna's cause analysis
        await choose(pilot, table, 1, col["BN"])  # Bernd's measures
        assert chosen(table)[:2] == [col["AR"], col["BN"]]
        await press(pilot, "ctrl+s")
        assert rows(q(app, "#conflict-list")) == []
        assert "Keine Konflikte." in screen_text(app)
    record = disk_records(a, "strategy")[strategy.id]
    expected = StrategyData.model_validate({**mine.model_dump(), "measures": (measure,)})
    assert StrategyData.model_validate(record["data"]) == expected
    assert record["data"]["measures"][0]["cost_cents"] == 1_250_000
    assert disk(a).get("conflict", {}) == {}
