"""The laptop -> HQ -> laptops loop on real store files (docs/bundle.md, "The loop").

Incremental exports and acknowledgements, lost and repeated files, the import preview, conflicts
(an edit against a delete included) and their resolution on another device, compressed files,
file names, and ``check_store`` on every store after the exchanges.
"""

from __future__ import annotations

import gzip
import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from asskomm_tui.services.sync_report import report_lines
from storage import Repositories, Store
from storage.check import check_store
from storage.keys import key_file_path
from storage.sync.bundle import read_bundle
from storage.sync.exchange import (ExportResult, ImportReport, StoreOpener, export_bundle, import_bundle,
                                   sync_status)
from storage.sync.sealed import header_line
from sync_helpers import WURZEN, add_visit, backup_names, edit_visit, leaf_revs, new_store, read_json, write_json


@dataclass
class Trio:
    """Two consultants' laptops and HQ, each a store file in one folder."""

    folder: Path
    c1: Store
    c2: Store
    hq: Store

    def __post_init__(self) -> None:
        self.sent: list[Path] = []  # every file that went from one store to another, in order

    def export(self, store: Store, full: bool | None = None, **kw: Any) -> ExportResult:
        initials = {id(self.c1): "AR", id(self.c2): "JB", id(self.hq): "LPR"}[id(store)]
        return export_bundle(store, self.folder / "out", full=full, initials=initials, **kw)

    def send(self, source: Store, target: Store, full: bool | None = None) -> ImportReport:
        path = self.export(source, full).path
        report = import_bundle(target, path)
        assert report.error is None and report.applied, report
        checked = check_store(target.path)  # the import's rules are the check's: an accepted file keeps it ok
        assert checked.ok, checked.problems
        self.sent.append(path)
        return report


@pytest.fixture
def trio(tmp_path):
    t = Trio(tmp_path, new_store(tmp_path / "c1.json", "Anna Richter", "AR"),
             new_store(tmp_path / "c2.json", "Jens Böhme", "JB"),
             new_store(tmp_path / "hq.json", "Zentrale LPR", "LPR", role="hq"))
    yield t
    for store in (t.c1, t.c2, t.hq):
        store.close()


def keys(path: Path) -> set[tuple[str, str, str]]:
    return {(r["kind"], r["id"], r["rev"]) for r in read_json(path)["records"]}


def local_on_disk(store: Store) -> dict[str, Any]:
    """The device-local state as written in the store file."""
    return read_json(store.path)["_local"]["1"]


def hq_ack_for(hq: Store, laptop: Store) -> int:
    return local_on_disk(hq).get("acks", {}).get(laptop.local.device_id, 0)


def shared(trio: Trio, *visits: str) -> None:
    """c1's visits reach HQ and c2."""
    trio.send(trio.c1, trio.hq)
    trio.send(trio.hq, trio.c2)
    for visit in visits:
        assert trio.c2.raw("visit", visit) == trio.c1.raw("visit", visit)


# -- incremental exports and acknowledgements --------------------------------------------------------
def test_incremental_export_holds_exactly_this_devices_leaves_above_hqs_ack(trio):
    c1, c2, hq = trio.c1, trio.c2, trio.hq
    other = add_visit(c2, WURZEN, summary="Besuch von Jens")
    trio.send(c2, hq)
    trio.send(hq, c1)  # c1 now holds c2's visit and consultant record: not c1's to send
    assert c1.raw("visit", other) is not None
    one, two = add_visit(c1, summary="eins"), add_visit(c1, summary="zwei")
    edit_visit(c1, one, summary="eins, ergänzt")
    assert c1.local.seq == 4  # consultant record, two visits, one edit

    result = trio.export(c1)
    body = read_json(result.path)
    mine = {("consultant", c1.local.consultant_id), ("visit", one), ("visit", two)}
    assert keys(result.path) == {(k, i, c1.raw(k, i)["rev"]) for k, i in mine}
    assert all(r == c1.raw(r["kind"], r["id"]) for r in body["records"])  # the leaves exactly as stored
    assert (body["scope"], body["base_seq"], body["up_to_seq"], body["count"]) == ("incremental", 0, 4, 3)
    assert body["origin"] == {"device_id": c1.local.device_id, "consultant_id": c1.local.consultant_id,
                              "role": "consultant"}
    assert body["acks"] == {}
    assert (result.records, result.base_seq, result.up_to_seq) == (3, 0, 4)

    assert import_bundle(hq, result.path).applied
    assert hq_ack_for(hq, c1) == 4
    back = import_bundle(c1, trio.export(hq).path)
    assert (back.ack_before, back.ack_after) == (0, 4)
    assert local_on_disk(c1)["ack"] == 4
    assert "  Die Zentrale bestätigt jetzt Änderungen bis Nr. 4." in report_lines(back)
    status = sync_status(c1, lambda cid: cid or "")
    assert (status.ack, status.pending, status.seq) == (4, 0, 4)

    assert trio.export(c1).records == 0  # nothing new
    new_rev = edit_visit(c1, two, summary="zwei, ergänzt")
    again = trio.export(c1)
    assert keys(again.path) == {("visit", two, new_rev)}
    assert (again.base_seq, again.up_to_seq) == (4, 5)


def test_a_lost_file_costs_nothing_the_next_export_repeats_it(trio):
    c1, hq = trio.c1, trio.hq
    first = add_visit(c1, summary="eins")
    lost = trio.export(c1)  # never arrives
    edit_visit(c1, first, summary="eins, ergänzt")
    second = add_visit(c1, summary="zwei")
    later = trio.export(c1)
    assert (lost.base_seq, later.base_seq) == (0, 0)
    later_records = read_json(later.path)["records"]
    for kind, record_id, rev in keys(lost.path):  # each lost revision, or a descendant of it, is repeated
        assert any(r["id"] == record_id and rev.split("-")[1] in r["revs"] for r in later_records)

    assert import_bundle(hq, later.path).applied
    for kind, record_id in [("visit", first), ("visit", second), ("consultant", c1.local.consultant_id)]:
        assert leaf_revs(hq, kind, record_id) == leaf_revs(c1, kind, record_id)
    assert hq_ack_for(hq, c1) == later.up_to_seq == 4

    before = leaf_revs(hq, "visit", first)
    late = import_bundle(hq, lost.path)  # the lost file turns up after all: nothing to do
    assert late.applied and late.total("stale") == 1 and late.total("unchanged") == 1
    assert leaf_revs(hq, "visit", first) == before
    assert hq_ack_for(hq, c1) == 4


def test_hq_ack_advances_only_when_nothing_before_the_file_is_missing(trio):
    """HQ loses a file's content (a restored backup); the laptop sends the gap again."""
    c1, hq = trio.c1, trio.hq
    first = add_visit(c1, summary="eins")
    trio.send(c1, hq)
    trio.send(hq, c1)
    assert (hq_ack_for(hq, c1), local_on_disk(c1)["ack"]) == (2, 2)

    edited = edit_visit(c1, first, summary="eins, ergänzt")  # seq 3
    trio.send(c1, hq)
    before_that = next(b.name for b in hq.backups.list() if b.reason == "vor-import")  # the newest
    assert hq_ack_for(hq, c1) == 3
    trio.send(hq, c1)
    assert local_on_disk(c1)["ack"] == 3

    second = add_visit(c1, summary="zwei")  # seq 4
    skipping = trio.export(c1)
    assert (skipping.base_seq, skipping.up_to_seq) == (3, 4)
    hq.restore_backup(before_that)  # HQ's disk died: back to the state before it had seq 3
    assert hq_ack_for(hq, c1) == 2 and leaf_revs(hq, "visit", first) != [edited]

    report = import_bundle(hq, skipping.path)
    assert report.applied and hq.raw("visit", second) is not None  # merged ...
    assert hq_ack_for(hq, c1) == 2  # ... but seq 3 is still missing, so no acknowledgement

    trio.send(hq, c1)
    gap = trio.export(c1)  # so the laptop sends the gap again
    assert ("visit", first, edited) in keys(gap.path)
    assert gap.base_seq == 2
    assert import_bundle(hq, gap.path).applied
    assert leaf_revs(hq, "visit", first) == [edited]
    assert hq_ack_for(hq, c1) == 4


def test_an_older_hq_file_imported_late_does_not_lower_the_ack(trio):
    c1, hq = trio.c1, trio.hq
    add_visit(c1)
    trio.send(c1, hq)
    morning = trio.export(hq, now=datetime(2026, 11, 26, 8, 0, tzinfo=timezone.utc))
    add_visit(c1)
    trio.send(c1, hq)
    noon = trio.export(hq, now=datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc))
    assert import_bundle(c1, noon.path).ack_after == 3
    late = import_bundle(c1, morning.path)
    assert late.applied and (late.ack_before, late.ack_after) == (3, 3)
    assert local_on_disk(c1)["ack"] == 3 and local_on_disk(c1)["last_hq_import"]["bundle_id"] == noon.bundle_id
    assert trio.export(c1).records == 0


def test_a_file_that_skips_ahead_is_merged_without_advancing_the_ack(trio):
    c1, hq = trio.c1, trio.hq
    add_visit(c1)
    trio.send(c1, hq)
    assert hq_ack_for(hq, c1) == 2
    add_visit(c1)
    result = trio.export(c1)
    body = read_json(result.path)
    body["base_seq"], body["up_to_seq"] = 5, 9  # as if edits 3-5 were in a file HQ never got
    write_json(result.path, body)
    assert import_bundle(hq, result.path).applied
    assert hq_ack_for(hq, c1) == 2
    body["bundle_id"], body["base_seq"] = "0" * 8 + body["bundle_id"][8:], 2
    write_json(result.path, body)
    assert import_bundle(hq, result.path).applied
    assert hq_ack_for(hq, c1) == 9


def test_importing_the_same_file_twice_says_so_and_changes_nothing(trio):
    c1, hq = trio.c1, trio.hq
    add_visit(c1)
    path = trio.export(c1).path
    assert import_bundle(hq, path).applied
    before, backups = hq.path.read_bytes(), backup_names(hq.path)
    copy = path.with_name("kopie-vom-stick.json")
    copy.write_bytes(path.read_bytes())
    for again in (path, copy):
        report = import_bundle(hq, again)
        assert report.already_imported and not report.applied and report.error is None
        assert report_lines(report)[0].endswith("wurde bereits eingelesen (Export " + report.bundle_id[:8]
                                                + "); nichts geändert.")
    assert hq.path.read_bytes() == before
    assert backup_names(hq.path) == backups


def test_a_dry_run_shows_the_preview_and_changes_nothing(trio):
    c1, hq = trio.c1, trio.hq
    add_visit(c1)
    path = trio.export(c1).path
    before, backups = hq.path.read_bytes(), backup_names(hq.path)
    preview = import_bundle(hq, path, dry_run=True)
    assert not preview.applied and preview.error is None
    assert preview.counts["visit"]["new"] == 1 and preview.counts["consultant"]["new"] == 1
    assert report_lines(preview, dry_run=True)[0].startswith(f"{path}: Vorschau – 2 Datensätze, Beratung")
    assert hq.path.read_bytes() == before and backup_names(hq.path) == backups
    applied = import_bundle(hq, path)
    assert applied.applied and applied.counts == preview.counts
    assert backup_names(hq.path) != backups  # a real import backs up first


def test_the_preview_counts_each_outcome(trio):
    c1, hq = trio.c1, trio.hq
    upd, same, stale, conf = (add_visit(c1, summary=s) for s in ("upd", "same", "stale", "conf"))
    trio.send(c1, hq, full=True)
    edit_visit(hq, stale, summary="stale, bei der Zentrale ergänzt")
    hq_conf = edit_visit(hq, conf, summary="conf, Zentrale")
    edit_visit(c1, upd, summary="upd, ergänzt")
    edit_visit(c1, conf, summary="conf, Anna")
    new = add_visit(c1, summary="neu")

    path = trio.export(c1, full=True).path
    preview = import_bundle(hq, path, dry_run=True)
    assert preview.counts["visit"] == {"new": 1, "updated": 1, "deleted": 0, "unchanged": 1, "stale": 1,
                                       "conflict": 1}
    assert preview.counts["consultant"] == {"new": 0, "updated": 0, "deleted": 0, "unchanged": 1, "stale": 0,
                                            "conflict": 0}
    assert preview.conflicts == [("visit", conf)]
    lines = report_lines(preview, dry_run=True)
    assert "  Besuche: 1 neu, 1 aktualisiert, 0 gelöscht, 1 unverändert, 1 veraltet, 1 Konflikt" in lines
    assert "  1 Datensatz mit Konflikt – bitte in asskomm unter „Konflikte“ lösen." in lines

    hq_stale = leaf_revs(hq, "visit", stale)
    report = import_bundle(hq, path)
    assert report.applied and report.counts == preview.counts
    assert leaf_revs(hq, "visit", new) == leaf_revs(c1, "visit", new)
    assert leaf_revs(hq, "visit", upd) == leaf_revs(c1, "visit", upd)
    assert leaf_revs(hq, "visit", stale) == hq_stale
    assert sorted(leaf_revs(hq, "visit", conf)) == sorted([c1.raw("visit", conf)["rev"], hq_conf])
    assert hq.conflicted() == {("visit", conf)}


def conflict_edit_vs_delete(trio: Trio) -> tuple[str, str, str]:
    """c1 deletes a visit that c2 edits meanwhile; both files reach HQ. Returns (visit, delete, edit)."""
    visit = add_visit(trio.c1, summary="Sitzung KPR")
    shared(trio, visit)
    gone = Repositories(trio.c1).delete_visit(visit).rev
    edited = edit_visit(trio.c2, visit, summary="Sitzung KPR, Protokoll ergänzt")
    trio.send(trio.c1, trio.hq)
    report = trio.send(trio.c2, trio.hq)
    assert report.counts["visit"]["conflict"] == 1 and report.conflicts == [("visit", visit)]
    return visit, gone, edited


def test_an_edit_against_a_delete_is_a_conflict_and_the_edit_stays_visible(trio, tmp_path):
    # HQ's store as it is now, copied with its keys (a spare HQ laptop): it reads the same files
    other_path = trio.hq.path.with_name("other-hq.json")
    other_path.write_bytes(trio.hq.path.read_bytes())
    key_file_path(other_path).write_bytes(key_file_path(trio.hq.path).read_bytes())
    visit, gone, edited = conflict_edit_vs_delete(trio)
    hq = trio.hq
    assert leaf_revs(hq, "visit", visit) == [edited, gone]
    assert hq.conflicted() == {("visit", visit)}
    repos = Repositories(hq)
    assert repos.visit(visit).record.data.summary == "Sitzung KPR, Protokoll ergänzt"
    assert visit in repos.visit_index.by_id  # listed, not hidden by the delete
    with Store.open(other_path) as other:  # the files in the other order
        for path in reversed(trio.sent):
            assert import_bundle(other, path).applied
        assert leaf_revs(other, "visit", visit) == [edited, gone]
    # the delete is not lost on the laptop that made it: HQ's file brings the edit back as current
    trio.send(hq, trio.c1)
    assert leaf_revs(trio.c1, "visit", visit) == [edited, gone]
    assert ("visit", visit) in trio.c1.conflicted()


def test_a_resolution_travels_and_a_stale_leaf_arriving_later_is_ignored(trio):
    c1, c2, hq = trio.c1, trio.c2, trio.hq
    visit, gone, edited = conflict_edit_vs_delete(trio)
    trio.send(hq, c1)
    trio.send(hq, c2)
    assert ("visit", visit) in c1.conflicted() and ("visit", visit) in c2.conflicted()
    old_full = trio.export(c2, full=True)  # still holds both leaves; arrives at HQ much later

    edit_leaf = next(leaf for leaf in c1.leaves("visit", visit) if leaf["rev"] == edited)
    resolution = c1.resolve("visit", visit, edit_leaf["data"], expected=[edited, gone])
    assert c1.conflicted() == set() and leaf_revs(c1, "visit", visit) == [resolution.rev]

    report = trio.send(c1, hq)
    assert report.counts["visit"]["updated"] == 1
    assert hq.conflicted() == set() and leaf_revs(hq, "visit", visit) == [resolution.rev]
    trio.send(hq, c2)
    assert c2.conflicted() == set() and leaf_revs(c2, "visit", visit) == [resolution.rev]

    late = import_bundle(hq, old_full.path)
    assert late.applied and late.counts["visit"]["stale"] == 2 and late.conflicts == []
    assert hq.conflicted() == set() and leaf_revs(hq, "visit", visit) == [resolution.rev]
    assert Repositories(hq).visit(visit).record.data.summary == "Sitzung KPR, Protokoll ergänzt"


@pytest.mark.parametrize("reopen", [False, True], ids=["after-an-edit", "after-reopening"])
def test_an_import_that_updates_the_newest_record_and_adds_one_keeps_both(trio, reopen):
    c1, c2, hq = trio.c1, trio.c2, trio.hq
    mine = add_visit(c1, summary="mein Besuch")
    edit_visit(c1, mine, summary="mein Besuch, ergänzt")
    trio.send(c1, hq)
    theirs = add_visit(c2, WURZEN, summary="Besuch von Jens")
    trio.send(c2, hq)
    edit_visit(hq, mine, summary="mein Besuch, von der Zentrale ergänzt")
    if reopen:  # the next morning
        c1.close()
        trio.c1 = c1 = Store.open(c1.path)
    report = trio.send(hq, c1)
    assert report.counts["visit"] == {"new": 1, "updated": 1, "deleted": 0, "unchanged": 0, "stale": 0,
                                      "conflict": 0}
    on_disk = {doc["id"]: doc["data"]["summary"] for doc in read_json(c1.path)["visit"].values()}
    assert on_disk == {mine: "mein Besuch, von der Zentrale ergänzt", theirs: "Besuch von Jens"}
    assert check_store(c1.path).ok
    assert len(Repositories(c1).visit_index.by_id) == 2
    another = add_visit(c1, summary="danach")  # and the next new record gets a free place too
    assert {doc["id"] for doc in read_json(c1.path)["visit"].values()} == {mine, theirs, another}


def test_the_same_resolution_made_on_two_devices_over_different_leaves_converges(trio):
    """HQ and Anna both press "keep the current version"; HQ also knew HQ's own delete.

    Both resolutions get the same rev (same parent, same data), but only HQ's lists the delete.
    Jens still has the delete as a leaf and sends it to Anna after her resolution: once HQ's file
    reaches her, the conflict is gone on her laptop too, as everywhere else.
    """
    c1, c2, hq = trio.c1, trio.c2, trio.hq
    visit = add_visit(c1, summary="Sitzung KPR")
    shared(trio, visit)
    edit_visit(c1, visit, summary="Sitzung KPR, Anna")
    edit_visit(c2, visit, summary="Sitzung KPR, Jens")
    Repositories(hq).delete_visit(visit)
    trio.send(c1, hq)
    jens = trio.export(c2)
    assert import_bundle(hq, jens.path).applied and import_bundle(c1, relayed(trio, jens.path)).applied
    trio.send(hq, c2)
    assert len(hq.leaves("visit", visit)) == len(c2.leaves("visit", visit)) == 3
    assert len(c1.leaves("visit", visit)) == 2  # Anna never saw HQ's delete

    current = c1.leaves("visit", visit)[0]
    assert hq.leaves("visit", visit)[0]["rev"] == current["rev"]  # the delete ranks last
    mine = c1.resolve("visit", visit, None)
    theirs = hq.resolve("visit", visit, None)
    assert mine.rev == theirs.rev and mine.revs != theirs.revs

    # Jens' laptop still holds all three leaves, the delete among them
    assert import_bundle(c1, relayed(trio, trio.export(c2, full=True).path)).applied
    again_later = relayed(trio, trio.export(c2, full=True).path)  # the same once more, turning up later
    trio.send(hq, c1)
    trio.send(hq, c2)
    trio.send(c1, hq, full=True)
    for store in (c1, c2, hq):
        assert leaf_revs(store, "visit", visit) == [mine.rev], store.path.name
        assert store.conflicted() == set()
        assert check_store(store.path).ok
    # Anna's laptop keeps what HQ's resolution replaced, on disk: the delete stays replaced
    on_disk = next(d for d in read_json(c1.path)["visit"].values() if d["id"] == visit)
    assert set(theirs.revs) <= set(on_disk["revs"]) and on_disk["revs"][:2] == mine.revs[:2]
    late = import_bundle(c1, again_later)
    assert late.applied and late.counts["visit"]["stale"] == 3 and late.conflicts == []
    assert leaf_revs(c1, "visit", visit) == [mine.rev]


def relayed(trio: Trio, path: Path) -> Path:
    """A consultant's file passed on by HQ to the laptops as it is: the same records in an HQ file.

    A laptop reads only HQ's files (each is sealed to HQ), so the records of one laptop reach another
    only inside HQ's; here exactly those records, so the test decides which revisions arrive where.
    """
    body = read_json(path)
    hq = trio.hq
    body.update(origin={"device_id": hq.local.device_id, "consultant_id": hq.local.consultant_id, "role": "hq"},
                bundle_id=str(uuid.uuid4()), acks={}, scope="full", base_seq=0)
    return write_json(path.with_name(f"weitergeleitet-{body['bundle_id'][:8]}.asskomm"), body)


def test_leaves_that_only_learnt_more_revs_are_written_again(trio):
    """What merge_one adds to a leaf's revs reaches the disk, for the current leaf and a conflict."""
    visit, gone, edited = conflict_edit_vs_delete(trio)
    hq = trio.hq
    current, other = hq.leaves("visit", visit)
    learnt = ["a" * 32, "b" * 32]
    hq.set_leaves({("visit", visit): [{**current, "revs": current["revs"] + learnt[:1]},
                                      {**other, "revs": other["revs"] + learnt[1:]}]})
    on_disk = read_json(hq.path)
    assert [d["revs"][-1] for d in on_disk["visit"].values() if d["id"] == visit] == learnt[:1]
    assert [d["revs"][-1] for d in on_disk["conflict"].values() if d["id"] == visit] == learnt[1:]
    assert leaf_revs(hq, "visit", visit) == [edited, gone] and hq.conflicted() == {("visit", visit)}
    assert check_store(hq.path).ok


def test_hq_exports_everything_with_its_acks(trio):
    c1, c2, hq = trio.c1, trio.c2, trio.hq
    v1, v2 = add_visit(c1), add_visit(c2, WURZEN)
    trio.send(c1, hq)
    trio.send(c2, hq)
    edit_visit(hq, v1, summary="von der Zentrale ergänzt")
    result = trio.export(hq, full=False)  # HQ's files are always full
    body = read_json(result.path)
    assert body["scope"] == "full" and body["origin"]["role"] == "hq"
    assert body["acks"] == {c1.local.device_id: 2, c2.local.device_id: 2}
    expected = {(kind, rid, rev) for (kind, rid, rev), (origin, _) in hq.leaf_meta.items() if origin != "reference"}
    assert keys(result.path) == expected
    assert {("visit", v1), ("visit", v2)} <= {(k, i) for k, i, _ in expected}
    assert len({i for k, i, _ in expected if k == "consultant"}) == 3
    assert not any(k == "commune" for k, _, _ in expected)  # unchanged reference data stays out


# -- files -----------------------------------------------------------------------------------------------
def test_gzip_export_and_import_round_trip(trio):
    c1, hq = trio.c1, trio.hq
    visit = add_visit(c1, summary="Ümläute – gepackt")
    packed = trio.export(c1, compress=True)
    unpacked = trio.export(c1, full=True)
    assert packed.path.name.endswith(".asskomm") and header_line(packed.path.read_bytes())[0]["compressed"]
    assert "Ümläute".encode() not in packed.path.read_bytes()  # packed inside the seal, then encrypted
    body = read_json(packed.path)
    assert body["records"] == [c1.raw("visit", visit), c1.raw("consultant", c1.local.consultant_id)]
    header, records = read_bundle(packed.path, opener=StoreOpener(hq, datetime.now(timezone.utc)))
    assert str(header.bundle_id) == packed.bundle_id and records == body["records"]
    assert packed.path.stat().st_size < unpacked.path.stat().st_size
    assert import_bundle(hq, packed.path).applied
    assert hq.raw("visit", visit) == c1.raw("visit", visit)

    (trio.folder / "stick").mkdir()
    named = export_bundle(c1, trio.folder / "stick" / "fuer-die-zentrale.json.gz", full=True)
    assert named.path == trio.folder / "stick" / "fuer-die-zentrale.json.gz"
    assert read_json(named.path)["bundle_id"] == named.bundle_id
    assert header_line(named.path.read_bytes())[0]["compressed"]  # .gz in the name: packed inside
    plain = export_bundle(c1, trio.folder / "stick" / "klartext.json", full=True)
    assert read_json(plain.path)["bundle_id"] == plain.bundle_id


def test_exported_files_read_back_and_have_telling_names(trio):
    c1, hq = trio.c1, trio.hq
    add_visit(c1)
    when = datetime(2026, 11, 26, 9, 12, 5, tzinfo=timezone.utc)
    results = [trio.export(c1, now=when), trio.export(c1, full=True, now=when)]
    trio.send(c1, hq)
    results.append(trio.export(hq, now=when))
    for result, initials in zip(results, ["AR", "AR", "LPR"]):
        assert re.fullmatch(rf"asskomm-{initials}-20261126-[0-9a-f]{{8}}\.asskomm", result.path.name)
        assert result.path.name[-16:-8] == result.bundle_id[:8]
        header, records = read_bundle(result.path, opener=StoreOpener(c1, when))
        assert str(header.bundle_id) == result.bundle_id and header.created_at == when
        assert len(records) == result.records == header.count
    assert len({r.path for r in results}) == 3  # no export overwrites another
    assert read_json(results[0].path)["created_at"] == "2026-11-26T09:12:05Z"
    assert local_on_disk(hq)["last_export"]["file"] == str(results[2].path)


def test_check_store_is_ok_on_every_store_after_exchanges(trio):
    visit, gone, edited = conflict_edit_vs_delete(trio)
    add_visit(trio.c2, WURZEN, notes="[b]fett[/b]")
    trio.send(trio.c2, trio.hq)
    trio.send(trio.hq, trio.c1)
    trio.send(trio.hq, trio.c2)
    for store in (trio.c1, trio.c2, trio.hq):
        assert ("visit", visit) in store.conflicted()
        report = check_store(store.path)
        assert report.ok, report.problems
        assert report.counts["conflict"] == 1
    trio.c2.resolve("visit", visit, None, deleted=True)
    trio.send(trio.c2, trio.hq)
    report = check_store(trio.hq.path)
    assert report.ok and "conflict" not in report.counts
    assert trio.hq.raw("visit", visit)["deleted"]
