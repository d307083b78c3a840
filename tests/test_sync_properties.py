"""Property tests of the merge model (docs/bundle.md, "Merge model").

Pure functions over synthetic revision histories: the leaves after importing a set of revisions do
not depend on the order, on duplicates or on how the set was split; a resolution resolves what it
merged. Then real stores: three consultants and HQ edit, delete, resolve and exchange bundles in a
random order (some files imported twice, some lost); after a final full exchange every store holds
the same leaves, and no revision any store ever accepted vanished without a descendant.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage import Repositories
from storage.canonical import make_rev, rev_hash
from storage.check import check_revision, check_store
from storage.records import KprStatus, VisitKind
from storage.sync.exchange import export_bundle, import_bundle
from storage.sync.merge import Outcome, merge_one, resolution_rev, resolution_revs, sort_leaves, winner
from sync_helpers import PIRNA, PLAUEN, WURZEN, add_visit, introduce, new_store

PURE = settings(max_examples=300, deadline=None, derandomize=True, database=None)
STORES = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- synthetic revision histories ------------------------------------------------------------------
def child(parent: dict[str, Any] | None, data: dict[str, Any], deleted: bool = False) -> dict[str, Any]:
    rev = make_rev(parent["rev"] if parent else None, deleted, data)
    return {"rev": rev, "revs": [rev_hash(rev)] + (parent["revs"][:99] if parent else []),
            "deleted": deleted, "data": data}


def fold(leaves: list[dict[str, Any]], revisions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for revision in revisions:
        _, leaves = merge_one(leaves, revision)
    return leaves


def resolve(leaves: list[dict[str, Any]], data: dict[str, Any], deleted: bool) -> dict[str, Any]:
    base = leaves[0]
    rev = resolution_rev(base, deleted, data)
    return {"rev": rev, "revs": resolution_revs(base, leaves, rev_hash(rev)), "deleted": deleted, "data": data}


def expected_leaves(seen: list[dict[str, Any]]) -> set[str]:
    """The specification: every revision seen whose hash no revision seen names as an ancestor."""
    ancestors = {h for revision in seen for h in revision["revs"][1:]}
    return {r["rev"] for r in seen if rev_hash(r["rev"]) not in ancestors}


def revs_of(leaves: list[dict[str, Any]]) -> set[str]:
    return {leaf["rev"] for leaf in leaves}


@st.composite
def histories(draw) -> list[dict[str, Any]]:
    """Revisions of one record as replicas make them: edits, deletes and resolutions of conflicts.

    Contents come from a tiny domain, so different replicas often make the very same edit (the same
    rev) - also the same resolution ("keep the current version") over different sets of leaves,
    which gives one rev with two different ``revs``.
    """
    small = st.integers(0, 3)
    made = [child(None, {"v": draw(small)})]
    for _ in range(draw(st.integers(1, 14))):
        op = draw(st.sampled_from(["edit", "edit", "edit", "delete", "resolve", "resolve"]))
        if op == "edit":
            made.append(child(draw(st.sampled_from(made)), {"v": draw(small)}))
        elif op == "delete":
            parent = draw(st.sampled_from(made))
            made.append(child(parent, parent["data"], deleted=True))
        else:  # what some replica holds after seeing some of the revisions, resolved
            known = draw(st.lists(st.sampled_from(made), min_size=1, max_size=5))
            leaves = fold([], known)
            how = draw(st.sampled_from(["keep", "keep", "pick", "new"]))
            pick = leaves[0] if how == "keep" else draw(st.sampled_from(leaves))
            data = {"v": draw(small)} if how == "new" else pick["data"]
            made.append(resolve(leaves, data, pick["deleted"]))
    return made


@given(st.data())
@PURE
def test_leaves_depend_only_on_the_set_of_revisions_seen(data):
    made = data.draw(histories())
    seen = data.draw(st.lists(st.sampled_from(made), min_size=1, max_size=25))
    one = fold([], seen)
    other = fold([], data.draw(st.permutations(seen)) + data.draw(st.lists(st.sampled_from(seen), max_size=6)))
    assert revs_of(one) == revs_of(other) == expected_leaves(seen)
    assert winner(one)["rev"] == winner(other)["rev"] == one[0]["rev"]
    assert [leaf["rev"] for leaf in one] == [leaf["rev"] for leaf in sort_leaves(one)]


@given(st.data())
@PURE
def test_merging_is_commutative_and_idempotent(data):
    made = data.draw(histories())
    start = fold([], data.draw(st.lists(st.sampled_from(made), max_size=8)))
    a, b = data.draw(st.sampled_from(made)), data.draw(st.sampled_from(made))
    ab = fold(start, [a, b])
    assert revs_of(ab) == revs_of(fold(start, [b, a]))
    outcome, again = merge_one(ab, a)
    assert outcome in (Outcome.UNCHANGED, Outcome.STALE)
    assert revs_of(again) == revs_of(ab)
    # two replicas that saw some revisions each, merged either way, hold the leaves of all they saw
    one, two = (data.draw(st.lists(st.sampled_from(made), min_size=1, max_size=8)) for _ in range(2))
    left, right = fold([], one), fold([], two)
    assert revs_of(fold(left, right)) == revs_of(fold(right, left)) == expected_leaves(one + two)


@given(st.data())
@PURE
def test_no_revision_vanishes_without_a_descendant(data):
    made = data.draw(histories())
    leaves: list[dict[str, Any]] = []
    ever: dict[str, str] = {}
    for revision in data.draw(st.lists(st.sampled_from(made), min_size=1, max_size=25)):
        _, leaves = merge_one(leaves, revision)
        ever.update({leaf["rev"]: rev_hash(leaf["rev"]) for leaf in leaves})
    known = {h for leaf in leaves for h in leaf["revs"]}
    assert all(h in known for h in ever.values())


@given(st.data())
@PURE
def test_merge_outcomes_say_what_happened(data):
    made = data.draw(histories())
    leaves = fold([], data.draw(st.lists(st.sampled_from(made), min_size=1, max_size=10)))
    incoming = data.draw(st.sampled_from(made))
    outcome, after = merge_one(leaves, incoming)
    h = rev_hash(incoming["rev"])
    held = any(h in leaf["revs"] for leaf in leaves)  # incoming is here already, or an ancestor of a leaf
    named = {leaf["rev"] for leaf in leaves if h not in leaf["revs"] and rev_hash(leaf["rev"]) in incoming["revs"]}
    if held and not named:
        assert outcome == (Outcome.UNCHANGED if incoming["rev"] in revs_of(leaves) else Outcome.STALE)
        assert revs_of(after) == revs_of(leaves)
    elif held:  # the same resolution, made elsewhere over more leaves: those go too
        assert outcome == Outcome.UPDATED and revs_of(after) == revs_of(leaves) - named
    elif rev_hash(leaves[0]["rev"]) in incoming["revs"]:
        assert outcome == Outcome.UPDATED and revs_of(after) == revs_of(leaves) - named | {incoming["rev"]}
    else:
        assert outcome == Outcome.CONFLICT and revs_of(after) == revs_of(leaves) - named | {incoming["rev"]}
        assert len(after) >= 2
    assert all(check_revision(leaf) is None for leaf in after)  # learnt revs keep revs[1] the parent


@given(st.data())
@PURE
def test_a_resolution_replaces_every_leaf_it_merged(data):
    made = data.draw(histories())
    leaves = fold([], data.draw(st.lists(st.sampled_from(made), min_size=2, max_size=10)))
    pick = data.draw(st.sampled_from(leaves))
    resolution = resolve(leaves, pick["data"], pick["deleted"])
    assert check_revision(resolution) is None  # revs[1] is the base: a valid child of it
    assert resolution["revs"][:2] == [rev_hash(resolution["rev"]), rev_hash(leaves[0]["rev"])]
    assert len(set(resolution["revs"])) == len(resolution["revs"])
    outcome, after = merge_one(leaves, resolution)
    assert revs_of(after) == {resolution["rev"]}
    assert outcome == Outcome.UPDATED
    # an old leaf arriving afterwards, from a replica that had not seen the resolution, is stale
    for leaf in leaves:
        assert merge_one(after, leaf) == (Outcome.STALE, after)
    # and a replica that saw the leaves in another order resolves to the same single leaf
    assert revs_of(fold(fold([], data.draw(st.permutations(leaves))), [resolution])) == {resolution["rev"]}


def test_the_same_resolution_made_over_different_leaves_converges():
    """Two replicas press "keep the current version" on a conflict; one of them knew a third leaf.

    Both resolutions have the same rev (same parent, same data), but only one of them lists the
    third leaf. Whatever order a replica sees them and the third leaf in, it ends with one leaf.
    """
    root = child(None, {"v": 0})
    first, second, third = (child(root, {"v": n}) for n in (9, 1, 2))
    small = resolve(fold([], [first, second]), first["data"], False)
    big = resolve(fold([], [first, second, third]), first["data"], False)
    assert small["rev"] == big["rev"] and small["revs"] != big["revs"]
    seen = [small, big, third]
    results = {frozenset(revs_of(fold([], order))) for order in (
        [small, third, big], [big, third, small], [third, small, big], [small, big, third], [third, big, small])}
    assert results == {frozenset(expected_leaves(seen))} == {frozenset({big["rev"]})}
    # and an edit made on top of the smaller one does not bring the third leaf back either
    edit = child(small, {"v": 7})
    assert revs_of(fold([], [big, edit, third])) == revs_of(fold([], [third, edit, big])) == {edit["rev"]}


def test_alive_beats_deleted_then_generation_then_hash():
    root = child(None, {"v": 0})
    edit = child(root, {"v": 1})
    gone = child(child(root, {"v": 2}), {"v": 2}, deleted=True)  # generation 3, deleted
    assert winner([gone, edit]) is edit
    twins = [child(root, {"v": n}) for n in range(4)]
    assert winner(twins)["rev"] == max(t["rev"] for t in twins)
    assert winner([edit, child(edit, {"v": 5})])["rev"].startswith("3-")


# -- real stores ---------------------------------------------------------------------------------
CONSULTANTS = [("Anna Richter", "AR"), ("Jens Böhme", "JB"), ("Katrin Lehmann", "KL")]
HQ = 3
COMMUNES = (WURZEN, PLAUEN)
SUMMARIES = ["Erstgespräch", "KPR gegründet", "Graffiti am Bahnhof"]
NOTES = ["", "[b]x[/b] folgt", "Protokoll folgt"]
KINDS = [VisitKind.FOLLOW_UP_CONSULTATION, VisitKind.WORKSHOP, VisitKind.KPR_MEETING]
KPR = [KprStatus.NONE, KprStatus.PLANNED, KprStatus.CONSTITUTED]

devices = st.integers(0, 3)
edits = st.tuples(st.just("edit"), devices, st.integers(0, 99), st.integers(0, 26))
creates = st.tuples(st.just("create"), devices, st.integers(0, 2), st.just(0))
deletes = st.tuples(st.just("delete"), devices, st.integers(0, 99), st.just(0))
resolves = st.tuples(st.just("resolve"), devices, st.integers(0, 99), st.integers(0, 99))
exports = st.tuples(st.just("export"), devices, st.booleans(), st.just(0))
imports = st.tuples(st.just("import"), devices, st.integers(0, 99), st.booleans())
sends = st.tuples(st.just("send"), devices, devices, st.booleans())  # export, and another device imports it
# first mostly editing, then (after a full exchange brought the conflicts to light) mostly resolving
steps = st.one_of(edits, edits, edits, creates, deletes, resolves, exports, imports, sends, sends)
later_steps = st.one_of(resolves, resolves, resolves, edits, deletes, exports, imports, sends, sends)


class World:
    """Three consultants and HQ, each a real store file in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # known=False: hypothesis runs many worlds in one test; each knows only its own keys
        self.stores = [new_store(folder / f"c{i}.json", n, ini, known=False) for i, (n, ini) in enumerate(CONSULTANTS)]
        self.stores.append(new_store(folder / "hq.json", "Zentrale LPR", "LPR", role="hq", known=False))
        introduce(*self.stores)
        self.bundles: list[Path] = []
        self.made_by: dict[Path, int] = {}  # which device wrote each file
        self.imported: set[tuple[int, Path]] = set()
        # every revision any store ever held as a leaf: (kind, id, rev) -> its hash
        self.ever: dict[tuple[str, str, str], str] = {}
        self.records: list[tuple[str, str]] = []

    def close(self) -> None:
        for store in self.stores:
            store.close()

    def export(self, device: int, full: bool) -> Path:
        store = self.stores[device]
        result = export_bundle(store, self.folder / "out", full=full, initials=f"D{device}")
        self.bundles.append(result.path)
        self.made_by[result.path] = device
        return result.path

    def import_(self, device: int, path: Path) -> None:
        again = (device, path) in self.imported
        before = self.stores[device].path.read_bytes()
        report = import_bundle(self.stores[device], path)
        sender = self.made_by[path]
        if sender != device and (sender == HQ) == (device == HQ):
            # sealed to HQ (or by HQ to the laptops): another laptop cannot read it, and nothing changes
            assert report.error and not report.applied
            assert self.stores[device].path.read_bytes() == before
            return
        assert report.error is None, report.error
        if again:  # a file imported twice changes nothing the second time
            assert report.already_imported and not report.applied
            assert self.stores[device].path.read_bytes() == before
        else:
            assert report.applied
            checked = check_store(self.stores[device].path)  # an accepted import keeps the store ok
            assert checked.ok, checked.problems
        self.imported.add((device, path))

    def remember(self) -> None:
        for store in self.stores:
            for kind, record_id in self.records:
                for leaf in store.leaves(kind, record_id):
                    self.ever[(kind, record_id, leaf["rev"])] = rev_hash(leaf["rev"])

    def full_exchange(self) -> None:
        hq = self.stores[HQ]
        for device in range(HQ):
            self.import_(HQ, self.export(device, full=True))
        back = self.export(HQ, full=True)
        for device in range(HQ):
            self.import_(device, back)
        self.remember()


def apply_step(world: World, step: tuple[str, int, int, Any], position: int) -> None:
    op, device, a, b = step
    # Hypothesis favours small numbers; turning the devices with the position in the plan makes
    # even a plan of zeros an exchange between all four, with edits that meet and conflict.
    device = (device + position) % 4
    if op == "edit":  # and the content with it, or two devices would make the very same edit
        b = (b + 5 * position) % 27
    store = world.stores[device]
    repos = Repositories(store)
    editable = [key for key in world.records if key[0] in ("visit", "commune")]
    if op == "create":
        if len(editable) < 8:  # a few new visits: an import then adds records and updates others
            visit = add_visit(store, COMMUNES[a % 2], date(2026, 4, a + 1), SUMMARIES[a])
            world.records.append(("visit", visit))
    elif op == "edit":  # mostly the three shared visits, so that edits meet and conflict
        kind, record_id = editable[a % (3 if a < 60 else len(editable))]
        raw = store.raw(kind, record_id)
        if raw is None or raw["deleted"]:
            return
        if kind == "visit":
            record = repos.visit(record_id).record
            data = record.data.model_copy(update={
                "summary": SUMMARIES[b % 3], "notes": NOTES[b // 3 % 3], "kind": KINDS[b // 9 % 3]})
            repos.update_visit(record_id, data, base_rev=record.rev)
        else:
            record = repos.commune(record_id)
            data = record.data.model_copy(update={"notes": NOTES[b % 3], "kpr_status": KPR[b // 3 % 3],
                                                  "population": 1000 + b // 9})
            repos.save_commune(data, base_rev=record.rev)
    elif op == "delete":
        kind, record_id = editable[a % len(editable)]
        raw = store.raw(kind, record_id)
        if kind == "visit" and raw is not None and not raw["deleted"]:
            repos.delete_visit(record_id, base_rev=raw["rev"])
    elif op == "resolve":  # on this device, or on the next one that has a conflict
        store = next((world.stores[(device + n) % 4] for n in range(4) if world.stores[(device + n) % 4].conflicted()),
                     store)
        conflicted = sorted(store.conflicted())
        if not conflicted:
            return
        kind, record_id = conflicted[a % len(conflicted)]
        leaves = store.leaves(kind, record_id)
        assert len(leaves) >= 2
        pick = leaves[b % len(leaves)]
        store.resolve(kind, record_id, pick["data"], deleted=pick["deleted"],
                      expected=[leaf["rev"] for leaf in leaves])
        assert store.leaves(kind, record_id)[0]["data"] == pick["data"]
        assert (kind, record_id) not in store.conflicted()
    elif op == "export":
        world.export(device, full=a)
    elif op == "import" and world.bundles:  # mostly one of the newest files, sometimes an old one
        path = world.bundles[-1 - a % min(len(world.bundles), 3 if a < 70 else 99)]
        world.import_(device, path)
        if b:  # the same file again, e.g. from a second USB stick
            world.import_(device, path)
    elif op == "send":  # a laptop's file goes to HQ, HQ's to a laptop (only they can read them)
        target = (device + 1 + a) % 4
        world.import_(target if HQ in (device, target) else HQ, world.export(device, full=b))


@given(st.lists(steps, min_size=10, max_size=30), st.lists(later_steps, min_size=5, max_size=20))
@STORES
def test_consultants_and_hq_converge_whatever_the_order(plan, later):
    """Work, a full exchange (which brings the conflicts to light), more work, then the final exchange.

    fsync is switched off while it runs: durability has its own tests (test_durable, test_crash), and
    the hundreds of small writes here would otherwise wait for the disk most of the time.
    """
    with patch.object(os, "fsync", lambda fd: None), \
            tempfile.TemporaryDirectory(prefix="asskomm-sync-") as folder:
        world = World(Path(folder))
        try:
            run(world, plan, later)
        finally:
            world.close()


def run(world: World, plan: list[tuple[str, int, int, Any]], later: list[tuple[str, int, int, Any]]) -> None:
    first = world.stores[0]
    visits = [add_visit(first, PIRNA, date(2026, 3, n + 1), SUMMARIES[n]) for n in range(3)]
    world.records = [("visit", v) for v in visits] + [("commune", c) for c in COMMUNES]
    world.records += [("consultant", s.local.consultant_id) for s in world.stores]
    world.full_exchange()  # everyone starts with the three visits and everyone's consultant record
    for store in world.stores:
        assert [store.raw("visit", v)["rev"] for v in visits] == [first.raw("visit", v)["rev"] for v in visits]

    for position, step in enumerate(plan):
        apply_step(world, step, position)
        world.remember()
    world.full_exchange()
    for position, step in enumerate(later):
        apply_step(world, step, position)
        world.remember()

    world.full_exchange()  # one round is enough: HQ merges everyone's leaves, everyone merges HQ's

    reference = world.stores[HQ]
    for kind, record_id in world.records:
        expected = reference.leaves(kind, record_id)
        assert expected, (kind, record_id)
        for store in world.stores:
            leaves = store.leaves(kind, record_id)
            assert leaves[0]["rev"] == expected[0]["rev"], (kind, record_id, store.path.name)
            assert sorted(leaf["rev"] for leaf in leaves) == sorted(leaf["rev"] for leaf in expected)
            assert ((kind, record_id) in store.conflicted()) == (len(expected) > 1)
        for store in world.stores:  # what a user sees: the same current content everywhere
            assert store.leaves(kind, record_id)[0]["data"] == expected[0]["data"]
    for store in world.stores:
        assert store.conflicted() == reference.conflicted()
        assert set(store.leaf_meta) == set(reference.leaf_meta)  # every leaf of every record
        report = check_store(store.path)
        assert report.ok, report.problems

    final = {}
    for store in world.stores:
        for kind, record_id in world.records:
            final.setdefault((kind, record_id), []).extend(store.leaves(kind, record_id))
    for (kind, record_id, rev), h in world.ever.items():
        leaves = final[(kind, record_id)]
        assert any(leaf["rev"] == rev or h in leaf["revs"] for leaf in leaves), (kind, record_id, rev)


# -- erasure orders (issue 10, storage/erasure.py) ---------------------------------------------------
PERSON = "Anna Müller"
PERSON_BYTES = ("Müller".encode(), "Mueller".encode(), "MÜLLER".encode())
erasure_steps = st.lists(st.one_of(
    st.tuples(st.just("edit"), devices, st.integers(0, 2), st.booleans()),  # naming the person or not
    st.tuples(st.just("send"), devices, devices, st.booleans()),
), min_size=2, max_size=14)


@given(erasure_steps, devices, st.integers(0, 14))
@settings(max_examples=20, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_an_erasure_order_reaches_every_store_and_old_bundles_bring_nothing_back(plan, issuer, at):
    """Visits name a person; the stores edit them (a laptop that has no order yet may name the person
    again: a sibling made before it got the order) and exchange files in a random order; one device
    gives the order somewhere in between. After the order has gone round, no store file holds a byte
    of the name, every store holds the same leaves, and every file written before the order,
    imported again (or for the first time) anywhere it can be read, brings nothing back."""
    from storage.erasure import erase_person, known_orders

    with patch.object(os, "fsync", lambda fd: None), \
            tempfile.TemporaryDirectory(prefix="asskomm-erasure-") as folder:
        world = World(Path(folder))
        try:
            first = world.stores[0]
            visits = [add_visit(first, PIRNA, date(2026, 3, 1), "Gespräch mit Anna Müller"),
                      add_visit(first, PIRNA, date(2026, 3, 2), "Ohne Namen", notes="ANNA MUELLER rief an"),
                      add_visit(first, WURZEN, date(2026, 3, 3), "Graffiti am Bahnhof")]
            world.full_exchange()
            old: list[tuple[int, Path]] = []  # files made before the order, with who made them
            at = at % (len(plan) + 1)
            for position, (op, device, a, b) in enumerate([*plan[:at], ("order", issuer, 0, 0), *plan[at:]]):
                device = (device + position) % 4
                store = world.stores[device]
                if op == "order":
                    old += [(d, world.export(d, full=True)) for d in range(4)]
                    erase_person(store, PERSON, reference="AZ 1")
                elif op == "edit":
                    visit = visits[a]
                    raw = store.raw("visit", visit)
                    named = b and not known_orders(store)  # after the order nobody types the name again
                    notes = f"{PERSON} ({position})" if named else f"Protokoll {position}"
                    record = store.get("visit", visit)
                    Repositories(store).update_visit(visit, record.data.model_copy(update={"notes": notes}),
                                                     base_rev=raw["rev"])
                else:  # a laptop's file goes to HQ, HQ's to a laptop
                    target = (device + 1 + a) % 4
                    path = world.export(device, full=b)
                    if device != HQ and not any(known_orders(s) for s in world.stores):
                        old.append((device, path))
                    world.import_(target if HQ in (device, target) else HQ, path)
            world.full_exchange()  # the order has reached everyone now
            world.full_exchange()  # and everything scrubbed on the way has come back to everyone

            def leaves_of(store):
                return {v: sorted(leaf["rev"] for leaf in store.leaves("visit", v)) for v in visits}

            def check_clean():
                for store in world.stores:
                    body = store.path.read_bytes()
                    assert not any(b in body for b in PERSON_BYTES), store.path.name
                    assert len(known_orders(store)) == 1
                    report = check_store(store.path)
                    assert report.ok, report.problems
                reference = leaves_of(world.stores[HQ])
                for store in world.stores:
                    assert leaves_of(store) == reference, store.path.name

            check_clean()
            before = [leaves_of(store) for store in world.stores]
            for sender, path in old:  # every old file, everywhere it can be read; some were imported before
                for device in range(4):
                    if device != sender and (device == HQ) != (sender == HQ):
                        world.import_(device, path)
            check_clean()
            assert [leaves_of(store) for store in world.stores] == before
        finally:
            world.close()
