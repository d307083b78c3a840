"""Issue 10: a delete drops the record's body. A tombstone keeps kind, id, rev, revs and the time, not
the data; earlier revisions of a deleted record are not kept in history, drafts or the search index.

Tombstones of older versions (a schema-1 store, a bundle of an old app) still carry their data: the
migration and the import replace each by its derived child without data, which every device
computes alike, so the copies merge as one revision.

The "old app" bundles here are written by hand (format 1, plain JSON), as an old version wrote them.
"""

from __future__ import annotations

import inspect
import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from asskomm_tui.cli import main as cli_main
from storage import Repositories, Store
from storage.canonical import make_rev, rev_hash
from storage.check import check_store
from storage.leafset import HISTORY_TABLE
from storage.migrations import SCHEMA_VERSION
from storage.records import parse_record, utc_now
from storage.sync.exchange import import_bundle, pending_leaves
from storage.sync.merge import derived_revision
from storage.tombstones import drop_tombstone_bodies, has_body, migrate_tables
from sync_helpers import PIRNA, add_visit, checksum, edit_visit, new_store
from ui_helpers import add_visit as add_visit_before_start
from ui_helpers import demo_store, press, q, row_keys, running, screen_text, static_text, type_text

SECRET = "Verdacht häusliche Gewalt bei Familie Krause"  # what must not outlive its delete
WORD = "krause"  # one word of it, folded as the index folds it


def file_bytes(path: Path) -> bytes:
    return Path(path).read_bytes()


def nowhere_in(path: Path, text: str = SECRET) -> bool:
    """``text`` is in neither the store file nor any draft of the store (backups are left alone)."""
    if text.encode() in file_bytes(path):
        return False
    drafts = path.with_name(path.name + ".drafts")
    return not any(text.encode() in p.read_bytes() for p in (drafts.glob("*") if drafts.is_dir() else ()))


def old_tombstone(raw: dict[str, Any]) -> dict[str, Any]:
    """The tombstone an older version wrote when deleting ``raw``: the data stayed in it."""
    rev = make_rev(raw["rev"], True, raw["data"])
    return {**raw, "rev": rev, "revs": [rev_hash(rev), *raw["revs"]], "deleted": True,
            "seq": raw["seq"] + 1}


def plain_bundle(path: Path, records: list[dict[str, Any]], device: str = "0ld4pp", role: str = "consultant"
                 ) -> Path:
    """A bundle as an old version wrote it: format 1, plain JSON."""
    body = {"format": "asskomm-bundle", "format_version": 1, "bundle_id": str(uuid.uuid4()),
            "created_at": "2026-11-20T08:00:00Z", "app_version": "0.1.0",
            "origin": {"device_id": device, "consultant_id": None, "role": role}, "scope": "full",
            "base_seq": 0, "up_to_seq": max((r["seq"] for r in records), default=0), "acks": {},
            "count": len(records), "sha256": checksum(records), "records": records}
    path.write_bytes(json.dumps(body, ensure_ascii=False).encode("utf-8"))  # plain, as it was
    return path


def import_old(store: Store, path: Path, dry_run: bool = False):
    """Import a plain format-1 bundle (allowed for the change-over, where the import asks for that)."""
    extra = {"allow_plain": True} if "allow_plain" in inspect.signature(import_bundle).parameters else {}
    return import_bundle(store, path, dry_run=dry_run, **extra)


def write_v1(path: Path, change) -> None:
    """Turn a closed store file into a schema-1 file as an older version left it; ``change(tables)``."""
    tables = json.loads(file_bytes(path))
    tables["_meta"]["1"]["schema_version"] = 1
    change(tables)
    path.write_text(json.dumps(tables, ensure_ascii=False), "utf-8")


def doc_of(tables: dict[str, Any], table: str, record_id: str) -> tuple[str, dict[str, Any]]:
    return next((d, raw) for d, raw in tables[table].items() if raw["id"] == record_id)


# -- a delete here -------------------------------------------------------------------------------------
def test_a_deleted_visit_leaves_no_text_in_the_file_history_drafts_or_search(tmp_path):
    path = tmp_path / "s.json"
    store = new_store(path, "Anna Richter", "AR")
    repos = Repositories(store)
    keep = add_visit(store, summary="Sitzung KPR", notes="Spielplatz Nord")
    visit = add_visit(store, summary="Hausbesuch", notes=SECRET)
    edited = edit_visit(store, visit, summary="Hausbesuch, ergänzt")
    store.drafts.save(f"visit-{visit}", {"visit_id": visit, "base_rev": "x", "form": {"notes": SECRET}})
    store.drafts.save("visit-new-abc", {"visit_id": None, "form": {"notes": "ein neuer Besuch"}})
    finder = store.finder()  # the live index: built before the delete, told of it by the store
    assert [h.entry.id for h in finder.search(WORD)] == [visit]
    assert SECRET.encode() in file_bytes(path)

    tombstone = repos.delete_visit(visit)
    assert tombstone.deleted and tombstone.data is None
    raw = store.raw("visit", visit)
    assert raw["data"] is None and raw["rev"] == make_rev(edited, True, None)  # the same on every device
    assert raw["revs"][1:] == [rev_hash(edited), *store.history("visit", visit)[0]["revs"][2:]]
    assert nowhere_in(path)
    assert [d.key for d in store.drafts.list()] == ["visit-new-abc"]  # the other draft stays
    assert finder.search(WORD) == [] and finder.search("hausbesuch") == []
    index = finder._index
    assert not any(WORD in token for token in index.postings) and WORD not in index.vocab
    assert not any(t and SECRET in " ".join(t) for t in index.texts)
    assert [h.entry.id for h in finder.search("spielplatz")] == [keep]  # the rest is still found
    assert [r["data"] for r in store.history("visit", visit)] == [None]  # the tombstone only, no body
    assert Repositories(store).record_history("visit", visit)[0].deleted
    store.close()
    assert check_store(path).ok
    with Store.open(path) as again:  # the index built anew from the file has nothing of it either
        assert again.finder().search(WORD) == []
        assert again.raw("visit", visit)["data"] is None


def test_a_deleted_strategy_loses_its_archived_revisions(tmp_path):
    path = tmp_path / "s.json"
    store = new_store(path, "Anna Richter", "AR")
    repos = Repositories(store)
    strategy = repos.create_strategy(PIRNA, 2027, 2029, title="Sicheres Pirna")
    edited = repos.save_strategy(strategy.data.model_copy(update={"cause_analysis": SECRET}), strategy.rev)
    repos.save_strategy(edited.data.model_copy(update={"cause_analysis": SECRET + ", ergänzt"}), edited.rev)
    assert len(store.history("strategy", strategy.id)) == 3
    assert len(json.loads(file_bytes(path))[HISTORY_TABLE]) == 2
    store.drafts.save(f"strategy-{strategy.id}", {"strategy_id": strategy.id, "form": {"x": SECRET}})

    store.delete("strategy", strategy.id)
    assert [r["data"] for r in store.history("strategy", strategy.id)] == [None]
    assert json.loads(file_bytes(path)).get(HISTORY_TABLE, {}) == {}
    assert nowhere_in(path)
    assert repos.strategies(PIRNA) == []
    store.close()
    assert check_store(path).ok


def test_the_record_envelope_takes_data_null_only_in_a_tombstone(tmp_path):
    store = new_store(tmp_path / "s.json", "Anna Richter", "AR")
    visit = add_visit(store)
    live = store.raw("visit", visit)
    gone = store.delete("visit", visit).model_dump(mode="json")
    assert parse_record(gone).data is None
    with pytest.raises(ValueError, match="data fehlt"):
        parse_record({**gone, "deleted": False})
    assert parse_record(old_tombstone(live)).data is not None  # an old version's tombstone is still read
    store.close()


def test_a_conflict_resolved_as_deleted_keeps_no_data_and_a_live_leaf_still_wins(tmp_path):
    anna = new_store(tmp_path / "a.json", "Anna Richter", "AR")
    visit = add_visit(anna, notes=SECRET)
    base = anna.raw("visit", visit)
    edited = edit_visit(anna, visit, summary="Anna braucht ihn noch")
    # another device deleted the revision both started from (its tombstone has no data)
    rev = make_rev(base["rev"], True, None)
    theirs = {**base, "rev": rev, "revs": [rev_hash(rev), *base["revs"]], "deleted": True, "data": None,
              "origin": "b3rnd", "updated_by": "b3rnd", "seq": 1}
    assert import_old(anna, plain_bundle(tmp_path / "b.json", [theirs], device="b3rnd")).applied
    leaves = anna.leaves("visit", visit)
    assert [leaf["rev"] for leaf in leaves] == [edited, rev]  # alive beats deleted
    versions = Repositories(anna).conflict_versions("visit", visit)
    assert [(v.deleted, v.data is None) for v in versions] == [(False, False), (True, True)]
    assert Repositories(anna).conflicts()[0].label == "Besuch in Pirna am 04.03.2026"

    resolution = anna.resolve("visit", visit, {"not": "used"}, deleted=True, expected=[edited, rev])
    assert resolution.data is None and resolution.deleted
    assert resolution.rev == make_rev(edited, True, None)
    assert anna.conflicted() == set()
    assert nowhere_in(anna.path)
    anna.close()
    assert check_store(anna.path).ok


# -- a bundle of an older version -------------------------------------------------------------------------
def test_an_old_apps_tombstone_with_data_imports_without_it(tmp_path):
    laptop = new_store(tmp_path / "laptop.json", "Anna Richter", "AR")
    visit = add_visit(laptop, notes=SECRET)
    live = laptop.raw("visit", visit)
    old = old_tombstone({**live, "origin": "0ld4pp", "updated_by": "0ld4pp"})
    bundle = plain_bundle(tmp_path / "old.json", [old])

    preview = import_old(laptop, bundle, dry_run=True)
    assert preview.error is None and preview.counts["visit"]["deleted"] == 1
    seq = laptop.local.seq
    report = import_old(laptop, bundle)
    assert report.applied and report.counts["visit"]["deleted"] == 1
    raw = laptop.raw("visit", visit)
    assert raw["deleted"] and raw["data"] is None
    assert raw["rev"] == make_rev(old["rev"], True, None)  # the derived child of the old tombstone
    assert raw["revs"] == [rev_hash(raw["rev"]), *old["revs"]]
    assert (raw["origin"], raw["seq"]) == (laptop.local.device_id, seq + 1) and laptop.local.seq == seq + 1
    assert ("visit", visit, raw["rev"]) in pending_leaves(laptop)  # the next export carries it to HQ
    assert nowhere_in(laptop.path)
    assert laptop.finder().search(WORD) == []
    # the old tombstone again (another old file): an ancestor of what is here, so stale
    again = plain_bundle(tmp_path / "again.json", [old])
    assert import_old(laptop, again).counts["visit"]["stale"] == 1
    assert laptop.raw("visit", visit) == raw and laptop.local.seq == seq + 1
    laptop.close()
    assert nowhere_in(laptop.path) and check_store(laptop.path).ok


def test_many_old_tombstones_in_one_file_leave_no_word_in_the_live_index(tmp_path):
    store = new_store(tmp_path / "s.json", "Anna Richter", "AR")
    keep = add_visit(store, notes="Spielplatz Nord bleibt")
    gone = [add_visit(store, day=date(2026, 3, 1 + n % 28), notes=f"Familie Geheimnis{n:03d} {SECRET}")
            for n in range(60)]  # more than the index forgets one by one: it compacts instead
    finder = store.finder()
    assert len(finder.search("geheimnis")) == 60
    old = [old_tombstone(store.raw("visit", v)) for v in gone]
    report = import_old(store, plain_bundle(tmp_path / "old.json", old))
    assert report.applied and report.counts["visit"]["deleted"] == 60
    assert all(store.raw("visit", v)["data"] is None for v in gone)
    assert finder.search("geheimnis") == [] and finder.search(WORD) == []
    index = finder._index
    assert not any("geheimnis" in token or token == WORD for token in index.postings)
    assert "geheimnis" not in index.vocab and "\x00krause\x00" not in index.vocab
    assert [h.entry.id for h in finder.search("spielplatz")] == [keep]
    assert nowhere_in(store.path)
    store.close()


def test_an_old_tombstone_that_another_record_of_the_file_replaces_is_left_to_the_merge(tmp_path):
    store = new_store(tmp_path / "s.json", "Anna Richter", "AR")
    visit = add_visit(store, notes=SECRET)
    old = old_tombstone(store.raw("visit", visit))
    # the old app undeleted it afterwards: a live revision on top of the old tombstone
    rev = make_rev(old["rev"], False, {**old["data"], "notes": "wieder da"})
    revived = {**old, "rev": rev, "revs": [rev_hash(rev), *old["revs"]], "deleted": False,
               "data": {**old["data"], "notes": "wieder da"}, "seq": old["seq"] + 1}
    out = drop_tombstone_bodies([old, revived], device_id="d", by="d", next_seq=5, now=utc_now())
    assert out == [old, revived]  # the tombstone is an ancestor: given a child it would be a conflict
    assert import_old(store, plain_bundle(tmp_path / "b.json", [old, revived])).applied
    assert store.conflicted() == set() and store.raw("visit", visit)["rev"] == rev
    store.close()


# -- a store of an older version -----------------------------------------------------------------------------
def test_an_old_store_is_migrated_and_check_passes(tmp_path, capsys):
    path = tmp_path / "alt.json"
    store = new_store(path, "Anna Richter", "AR")
    repos = Repositories(store)
    visit = add_visit(store, notes=SECRET)
    conflicted = add_visit(store, summary="Sitzung", notes="Die Zentrale hat gelöscht: " + SECRET)
    strategy = repos.create_strategy(PIRNA, 2027, 2029, title="Sicheres Pirna")
    repos.save_strategy(strategy.data.model_copy(update={"cause_analysis": SECRET}), strategy.rev)
    store.drafts.save(f"visit-{visit}", {"visit_id": visit, "form": {"notes": SECRET}})
    seq = store.local.seq
    store.close()

    def older(tables):
        for table, record_id in (("visit", visit), ("strategy", strategy.id)):
            doc, raw = doc_of(tables, table, record_id)
            tables[table][doc] = old_tombstone(raw)
        # an edit against an old delete: the delete is a conflicting leaf that keeps the data
        doc, raw = doc_of(tables, "visit", conflicted)
        gone = {**old_tombstone(raw), "origin": "hq1", "updated_by": "hq1", "seq": 7}
        data = {**raw["data"], "summary": "Sitzung, ergänzt", "notes": "nichts Vertrauliches mehr"}
        rev = make_rev(raw["rev"], False, data)
        tables["visit"][doc] = {**raw, "rev": rev, "revs": [rev_hash(rev), *raw["revs"]], "seq": seq + 1,
                                "data": data}
        tables["conflict"] = {"1": gone}
        tables["_local"]["1"]["seq"] = seq + 1
    write_v1(path, older)
    old_tables = json.loads(file_bytes(path))
    assert sum(has_body(r) for t in ("visit", "strategy", "conflict") for r in old_tables[t].values()) == 3
    assert check_store(path).problems  # an old file is reported as one (schema 1, tombstones with data)

    with Store.open(path) as store:
        assert store.migrated_from == [1]
        for kind, record_id in (("visit", visit), ("strategy", strategy.id)):
            raw = store.raw(kind, record_id)
            _, old = doc_of(old_tables, kind, record_id)
            assert raw["data"] is None and raw["rev"] == make_rev(old["rev"], True, None)
            assert raw["origin"] == store.local.device_id
        leaves = store.leaves("visit", conflicted)
        assert [leaf["deleted"] for leaf in leaves] == [False, True] and leaves[1]["data"] is None
        assert store.local.seq == seq + 4  # three children made here, on top of the edit
        made_here = [s for origin, s in store.leaf_meta.values() if origin == store.local.device_id]
        assert sorted(s for s in made_here if s > seq + 1) == [seq + 2, seq + 3, seq + 4]  # exported next
        assert store.history("strategy", strategy.id)[0]["data"] is None
        assert len(store.history("strategy", strategy.id)) == 1
        assert store.drafts.list() == []
        assert store.finder().search(WORD) == []
    tables = json.loads(file_bytes(path))
    assert tables["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert tables.get(HISTORY_TABLE, {}) == {}
    assert nowhere_in(path)
    assert check_store(path).ok, check_store(path).problems
    assert cli_main(["check", "--db", str(path)]) == 0
    assert "in Ordnung" in capsys.readouterr().out


def test_two_stores_migrating_the_same_old_tombstone_agree_and_merge_without_conflict(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    anna = new_store(a, "Anna Richter", "AR")
    visit = add_visit(anna, notes=SECRET)
    shared = anna.raw("visit", visit)
    bernd = new_store(b, "Bernd Neumann", "BN")
    assert import_old(bernd, plain_bundle(tmp_path / "share.json", [shared], device=anna.local.device_id)).applied
    old = old_tombstone(shared)  # the old app deleted it, and the delete reached both
    for store in (anna, bernd):
        store.close()
    for path in (a, b):
        write_v1(path, lambda tables: tables["visit"].update({doc_of(tables, "visit", visit)[0]: old}))

    anna, bernd = Store.open(a), Store.open(b)
    try:
        mine, theirs = anna.raw("visit", visit), bernd.raw("visit", visit)
        assert mine["rev"] == theirs["rev"] == make_rev(old["rev"], True, None)
        assert mine["revs"] == theirs["revs"]
        assert (mine["origin"], theirs["origin"]) == (anna.local.device_id, bernd.local.device_id)
        for sender, receiver, name in ((anna, bernd, "ab.json"), (bernd, anna, "ba.json")):
            report = import_old(receiver, plain_bundle(tmp_path / name, [sender.raw("visit", visit)],
                                                       device=sender.local.device_id))
            assert report.applied and report.counts["visit"]["unchanged"] == 1 and report.conflicts == []
            assert receiver.conflicted() == set()
        # an old laptop's file with the old tombstone, arriving later: stale everywhere
        late = import_old(anna, plain_bundle(tmp_path / "late.json", [old]))
        assert late.counts["visit"]["stale"] == 1 and anna.conflicted() == set()
        assert nowhere_in(a) and nowhere_in(b)
    finally:
        anna.close()
        bernd.close()


def test_the_migration_is_deterministic_and_leaves_new_tombstones_alone(tmp_path):
    store = new_store(tmp_path / "s.json", "Anna Richter", "AR")
    visit = add_visit(store)
    old = old_tombstone(store.raw("visit", visit))
    store.close()
    now = utc_now()
    tables = {"_local": {"1": {"device_id": "dev1", "consultant_id": "c1", "seq": 4}},
              "visit": {"1": old}, "conflict": {}}
    assert migrate_tables(tables, ["visit"], now) == 1
    child = tables["visit"]["1"]
    assert child == derived_revision(old, None, deleted=True, updated_at=child["updated_at"], updated_by="c1",
                                     origin="dev1", seq=5)
    assert tables["_local"]["1"]["seq"] == 5
    assert migrate_tables(tables, ["visit"], now) == 0 and tables["visit"]["1"] == child


# -- the app ---------------------------------------------------------------------------------------------
async def test_a_visit_deleted_in_the_app_leaves_no_text_in_the_store_file(tmp_path):
    from asskomm_tui.dialogs.confirm import ConfirmDialog
    from asskomm_tui.screens.visit_form import VisitFormScreen
    from asskomm_tui.screens.visit_view import VisitViewScreen

    path = demo_store(tmp_path)
    visit_id = add_visit_before_start(path, PIRNA, date(2026, 11, 20), summary="Hausbesuch", notes=SECRET)
    assert SECRET.encode() in file_bytes(path)
    async with running(path) as (app, pilot):
        await press(pilot, "f3")
        await type_text(pilot, "pirna")
        await press(pilot, "enter")
        index = row_keys(q(app, "#visits")).index(visit_id)
        await press(pilot, *(["down"] * index), "enter")
        assert isinstance(app.screen, VisitViewScreen)
        assert SECRET in screen_text(app)
        await press(pilot, "e")
        assert isinstance(app.screen, VisitFormScreen)
        await press(pilot, "f8")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "shift+tab", "enter")  # "Ja"
        assert static_text(q(app, "#vv-head")).startswith("Dieser Besuch in Pirna ist gelöscht")
        assert SECRET not in screen_text(app)
        assert nowhere_in(path)  # on disk at once, while the app still runs
    tables = json.loads(file_bytes(path))
    tomb = next(r for r in tables["visit"].values() if r["id"] == visit_id)
    assert tomb["deleted"] is True and tomb["data"] is None
    assert nowhere_in(path)
    assert check_store(path).ok


async def test_the_conflict_screen_shows_a_deletion_without_data_and_takes_it_whole(tmp_path):
    from asskomm_tui.screens.conflicts import ConflictsScreen, ResolveScreen
    from test_ui_conflicts import choose, chosen, visit_conflicts
    from ui_helpers import disk_records, rows

    a, _, ids, revs = visit_conflicts(tmp_path)
    async with running(a) as (app, pilot):
        await press(pilot, "f7", "down", "down", "enter")  # the visit of 06.03.: deleted by Anna, edited by Bernd
        assert isinstance(app.screen, ResolveScreen)
        versions = app.screen.versions
        assert [(v.deleted, v.data is None) for v in versions] == [(False, False), (True, True)]
        table = q(app, "#resolve-table")
        assert all(r[2] == "  gelöscht" for r in rows(table))  # every field of the deletion says so
        assert "Bernd braucht ihn noch" in screen_text(app)
        await choose(pilot, table, 1, 2)  # a cell of the deletion: the whole deletion
        assert chosen(table) == [2] * table.row_count and app.screen.whole == 1
        await choose(pilot, table, 0, 1)  # a value of Bernd's: a merge, the other fields his as well
        assert chosen(table) == [1] * table.row_count and app.screen.whole is None
        await press(pilot, "2", "ctrl+s", "j")  # the deletion after all, confirmed
        assert isinstance(app.screen, ConflictsScreen)
    gone = disk_records(a, "visit")[ids["deleted"]]
    assert gone["deleted"] is True and gone["data"] is None
    assert {rev_hash(r) for r in revs["deleted"]} <= set(gone["revs"])
