"""Erasure of a person (issue 10, DSGVO Art. 15 and 17): matching by salted word hashes, the scrub of
a record, the order record, and the order travelling through bundles (laptops -> HQ -> laptops)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from storage import Repositories, Store, StoreError
from storage.canonical import rev_hash
from storage.check import check_store
from storage.erasure import (ERASURE_ORIGIN, apply_orders, backups_holding, erase_person, find_person,
                             known_orders, matcher_for, order_report)
from storage.erasure_match import ERASED, Matcher, Person, occurrences, scrubbed
from storage.records import Contact, Finding, FollowUp, VisitData, parse_record
from storage.sync.exchange import export_bundle, import_bundle
from sync_helpers import PIRNA, WURZEN, add_visit, edit_visit, new_store

NAME = "Anna Müller"
SALT = "00112233445566778899aabbccddeeff"


def matcher(name: str = NAME) -> Matcher:
    return Matcher([Person.from_name(name, SALT)])


# -- matching ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["Anna Müller", "ANNA MÜLLER", "anna muller", "Anna Mueller", "Frau Anna  Müller,",
                                  "(Anna Müller)", "Dr. Anna Müller", "anna.mueller@pirna.de", "Änna Müller"])
def test_a_name_is_found_whatever_case_accents_and_transliteration(text):
    assert matcher().contains(text)


@pytest.mark.parametrize("text", ["Anna Müllerstraße", "Annalena Müller", "Müller, Anna", "Anna und Müller",
                                  "Anna-Müller", "Hanna Müller", "Anna Müllers Antrag", ""])
def test_only_whole_words_in_order_count(text):
    assert not matcher().contains(text)


def test_a_name_typed_with_ae_finds_the_umlaut_and_one_word_names_work():
    assert matcher("Anna Mueller").contains("Anna Müller")
    one = matcher("Müller")
    assert one.contains("Herr Müller kam") and not one.contains("Müllerabfuhr")


def test_replacing_keeps_markup_like_text_literal():
    m = matcher()
    assert m.replace("[b]Anna Müller[/b] [@click=app.quit]x[/]") == f"[b]{ERASED}[/b] [@click=app.quit]x[/]"
    assert m.replace("Anna Müller und anna müller") == f"{ERASED} und {ERASED}"
    assert m.replace("nichts") == "nichts"


def test_the_order_data_holds_no_name_and_two_salts_give_other_hashes():
    person = Person.from_name(NAME, SALT)
    flat = " ".join(h for w in person.as_data() for h in w)
    assert "nna" not in flat and "ller" not in flat
    assert Person.from_name(NAME, "f" * 32).words != person.words
    assert len(person.words) == 2 and len(person.words[1]) == 2  # muller, mueller


def test_scrub_of_a_visit_removes_participants_and_replaces_text():
    data = VisitData(commune=PIRNA, date=date(2026, 3, 4), participants=("Anna Müller (Ordnungsamt)", "Bürgermeister"),
                     summary="Mit Anna Müller gesprochen", notes="[b]Anna Müller[/b]",
                     findings=(Finding(id="f1", problem_field="graffiti", place="bei Anna Müller", note="x"),),
                     follow_ups=(FollowUp(id="t1", text="Anna Müller anrufen", owner="ANNA MÜLLER"),)
                     ).model_dump(mode="json")
    m = matcher()
    fields = {o.field for o in occurrences("visit", data, m)}
    assert fields == {"summary", "notes", "participants", "findings.place", "follow_ups.text", "follow_ups.owner"}
    out = scrubbed("visit", data, m)
    assert out["participants"] == ["Bürgermeister"]
    assert out["summary"] == f"Mit {ERASED} gesprochen" and out["notes"] == f"[b]{ERASED}[/b]"
    assert out["findings"][0]["place"] == f"bei {ERASED}" and out["findings"][0]["note"] == "x"
    assert out["follow_ups"][0] == {**data["follow_ups"][0], "text": f"{ERASED} anrufen", "owner": ERASED}
    assert scrubbed("visit", out, m) is None
    assert scrubbed("visit", {**data, "summary": "x", "notes": "", "participants": [], "findings": [],
                              "follow_ups": []}, m) is None


def test_a_contact_of_the_person_goes_and_other_contacts_stay():
    data = {"contacts": [Contact(id="c1", name="Anna Müller", role="Ordnungsamt").model_dump(mode="json"),
                         Contact(id="c2", name="Jens Bauer", role="Vertretung von Anna Müller").model_dump(mode="json")],
            "notes": "", "coaching_note": ""}
    out = scrubbed("commune", data, matcher())
    assert [c["id"] for c in out["contacts"]] == ["c2"] and out["contacts"][0]["role"] == f"Vertretung von {ERASED}"


def test_a_name_too_short_is_refused():
    with pytest.raises(StoreError, match="mindestens"):
        matcher_for("A.")


# -- one store ---------------------------------------------------------------------------------------
@pytest.fixture
def store(tmp_path):
    s = new_store(tmp_path / "a.json", "Anna Richter", "AR")
    yield s
    s.close()


def test_find_lists_current_history_and_drafts(store):
    repos = Repositories(store)
    visit = add_visit(store, summary="Gespräch mit Anna Müller")
    repos.save_commune(repos.commune(WURZEN).data.model_copy(update={
        "contacts": (Contact(id="k1", name="Anna Müller", email="anna.mueller@wurzen.de"),)}))
    strategy = repos.create_strategy(PIRNA, 2026, 2027)
    repos.save_strategy(strategy.data.model_copy(update={"cause_analysis": "laut Anna Müller"}), strategy.rev)
    strategy = repos.strategy(strategy.id)
    repos.save_strategy(strategy.data.model_copy(update={"cause_analysis": "anders"}), strategy.rev)
    store.drafts.save(f"visit-{visit}", {"visit_id": visit, "commune": PIRNA, "form": {"notes": "anna müller"}})
    hits = find_person(store, "anna mueller")
    where = {(h.kind, h.field, h.state) for h in hits}
    assert where == {("visit", "summary", "current"), ("commune", "contacts.name", "current"),
                     ("commune", "contacts.email", "current"), ("strategy", "cause_analysis", "history"),
                     ("draft", "form.notes", "draft")}
    assert all(h.commune in (PIRNA, WURZEN) for h in hits)
    assert {h.date for h in hits if h.kind == "visit"} == {"2026-03-04"}


def test_erasure_reaches_every_copy_in_the_store_and_writes_one_order(store):
    repos = Repositories(store)
    visit = add_visit(store, summary="Gespräch mit Anna Müller", notes="Protokoll")
    other = add_visit(store, summary="Ohne Namen")
    store.drafts.save(f"visit-{visit}", {"visit_id": visit, "form": {"summary": "Anna Müller"}})
    store.drafts.save("visit-new-1", {"form": {"summary": "nichts"}})
    finder = store.finder()
    assert finder.search("müller")
    before = store.raw("visit", visit)
    report = erase_person(store, NAME, reference="AZ 7/26 Anna Müller")
    assert report.applied.records == {"visit": 1} and report.applied.drafts == 1
    after = store.raw("visit", visit)
    assert after["data"]["summary"] == f"Gespräch mit {ERASED}" and after["origin"] == ERASURE_ORIGIN
    assert rev_hash(before["rev"]) == after["revs"][1]  # a child of the old revision
    assert store.raw("visit", other)["rev"] == store.raw("visit", other)["rev"]
    assert not store.finder().search("müller")
    assert [d.key for d in store.drafts.list()] == ["visit-new-1"]
    (order,) = known_orders(store)
    assert order["data"]["reference"] == f"AZ 7/26 {ERASED}" and order["data"]["device"] == store.local.device_id
    assert "Müller".encode() not in store.path.read_bytes() and b"MUELLER" not in store.path.read_bytes().upper()
    assert check_store(store.path).ok
    assert find_person(store, NAME) == []
    assert apply_orders(store).total == 0  # idempotent
    with Store.snapshot(store.path) as snap:  # what was written is what the store shows
        assert snap.raw("visit", visit) == after
    del repos


def test_strategy_history_loses_revisions_that_name_the_person(store):
    repos = Repositories(store)
    strategy = repos.create_strategy(PIRNA, 2026, 2027)
    repos.save_strategy(strategy.data.model_copy(update={"problem_description": "Anna Müller berichtet"}),
                        strategy.rev)
    strategy = repos.strategy(strategy.id)
    repos.save_strategy(strategy.data.model_copy(update={"title": "Sicher in Pirna mit Anna Müller",
                                                         "problem_description": "Bericht folgt"}), strategy.rev)
    assert {(h.field, h.state) for h in find_person(store, NAME)} == {("title", "current"),
                                                                      ("problem_description", "history")}
    report = erase_person(store, NAME)
    # the revision that named the person, and the one the erasure replaced; the first one stays
    assert report.applied.history == 2 and report.applied.records == {"strategy": 1}
    assert len(store.history("strategy", strategy.id)) == 2
    assert find_person(store, NAME) == []
    assert "Müller".encode() not in store.path.read_bytes()
    assert check_store(store.path).ok


def test_backups_that_hold_the_person_are_named_with_their_end(store):
    visit = add_visit(store, summary="Anna Müller")
    store.backup()
    today = date.today()
    report = erase_person(store, NAME)
    manual = [b for b in report.backups if b.reason == "manuell"]
    assert len(manual) == 1 and manual[0].remaining == 10 and manual[0].earliest is None
    daily = [b for b in report.backups if b.reason == "taeglich"]
    assert all(b.earliest is not None and b.earliest > today for b in daily)
    # the order's report, later, from the order alone (no name)
    again = order_report(store, report.order["id"], today)
    assert [b.name for b in again.backups] == [b.name for b in report.backups]
    assert again.applied.records == {"visit": 1}
    del visit


def test_a_daily_backup_holding_the_person_expires_after_the_rotation(tmp_path):
    path = tmp_path / "a.json"
    start = datetime(2026, 3, 1, 9)
    s = Store.open(path, now=start)
    s.setup_device("Anna Richter", "AR")
    add_visit(s, summary="Anna Müller")
    s.close()
    s = Store.open(path, now=start + timedelta(days=1))  # the daily backup of 2 March holds the visit
    held = backups_holding(s, matcher_for(NAME), date(2026, 3, 2))
    (daily,) = [b for b in held if b.reason == "taeglich"]
    assert daily.remaining == 14 and daily.earliest == date(2026, 3, 16)
    s.close()


# -- through bundles ---------------------------------------------------------------------------------
@pytest.fixture
def trio(tmp_path):
    stores = [new_store(tmp_path / "c1.json", "Anna Richter", "AR"), new_store(tmp_path / "c2.json", "Jens Böhme", "JB"),
              new_store(tmp_path / "hq.json", "Zentrale LPR", "LPR", role="hq")]
    yield stores
    for s in stores:
        s.close()


def send(source, target, folder: Path, full: bool | None = None):
    path = export_bundle(source, folder / "out", full=full).path
    report = import_bundle(target, path)
    assert report.error is None, report.error
    checked = check_store(target.path)
    assert checked.ok, checked.problems
    return path


def no_name(*stores) -> None:
    for s in stores:
        assert "Müller".encode() not in s.path.read_bytes(), s.path.name
        assert find_person(s, NAME) == []


def test_an_order_reaches_hq_and_the_other_laptop_and_old_bundles_bring_nothing_back(trio, tmp_path):
    c1, c2, hq = trio
    visit = add_visit(c1, summary="Gespräch mit Anna Müller")
    old_c1 = send(c1, hq, tmp_path)
    old_hq = send(hq, c2, tmp_path)
    # files made before the order and not imported anywhere yet (a USB stick found a week later)
    late_c1 = export_bundle(c1, tmp_path / "late", full=True).path
    late_hq = export_bundle(hq, tmp_path / "late").path
    erase_person(c1, NAME, "AZ 1")
    send(c1, hq, tmp_path)  # carries the order only: HQ derives the child itself
    send(hq, c2, tmp_path)
    no_name(c1, c2, hq)
    revs = {s.raw("visit", visit)["rev"] for s in trio}
    assert len(revs) == 1  # the same child everywhere
    assert not any(s.conflicted() for s in trio)
    for s, path in ((c2, old_hq), (hq, old_c1), (hq, late_c1), (c1, late_hq), (c2, late_hq)):
        report = import_bundle(s, path)
        visits = report.counts.get("visit", {})
        assert report.error is None and visits.get("new", 0) + visits.get("updated", 0) + visits.get("conflict", 0) == 0
    no_name(c1, c2, hq)
    assert {s.raw("visit", visit)["rev"] for s in trio} == revs and not any(s.conflicted() for s in trio)


def test_a_sibling_made_before_the_order_never_stores_the_name(trio, tmp_path):
    c1, c2, hq = trio
    visit = add_visit(c1, summary="Gespräch mit Anna Müller")
    send(c1, hq, tmp_path)
    send(hq, c2, tmp_path)
    edit_visit(c2, visit, notes="Anna Müller ruft zurück")  # c2 does not know the order yet
    erase_person(c1, NAME)
    send(c1, hq, tmp_path)
    no_name(hq)
    send(c2, hq, tmp_path)  # c2's sibling reaches HQ and is scrubbed before it is merged
    no_name(hq)
    send(hq, c1, tmp_path)
    send(hq, c2, tmp_path)
    no_name(c1, c2, hq)
    leaves = [sorted(leaf["rev"] for leaf in s.leaves("visit", visit)) for s in trio]
    assert leaves[0] == leaves[1] == leaves[2]
    assert all(leaf["data"]["notes"] in ("", f"{ERASED} ruft zurück") for leaf in hq.leaves("visit", visit))


def test_two_orders_arriving_in_either_order_give_one_revision(trio, tmp_path):
    c1, c2, hq = trio
    visit = add_visit(c1, summary="Anna Müller und Bernd Schulz")
    send(c1, hq, tmp_path)
    send(hq, c2, tmp_path)
    erase_person(c1, NAME)
    erase_person(c2, "Bernd Schulz")
    send(c1, hq, tmp_path)
    send(c2, hq, tmp_path)
    send(hq, c1, tmp_path)
    send(hq, c2, tmp_path)
    for s in trio:
        assert s.raw("visit", visit)["data"]["summary"] == f"{ERASED} und {ERASED}"
        assert not s.conflicted(), s.path.name
    assert len({s.raw("visit", visit)["rev"] for s in trio}) == 1


def test_a_changed_order_is_refused_with_the_store_unchanged(trio, tmp_path):
    from sync_helpers import read_json, rerev, reseal, write_json

    c1, _, hq = trio
    add_visit(c1, summary="Anna Müller")
    erase_person(c1, NAME)
    path = export_bundle(c1, tmp_path / "out").path
    assert import_bundle(hq, path).applied
    body = read_json(path)
    order = next(r for r in body["records"] if r["kind"] == "erasure")
    order["data"]["reference"] = "anders"
    rerev(order)
    body["bundle_id"] = "00000000-0000-4000-8000-000000000001"
    changed = write_json(tmp_path / "changed.json", reseal(body))
    before = hq.path.read_bytes()
    report = import_bundle(hq, changed)
    assert report.error and "unveränderlich" in report.error
    assert hq.path.read_bytes() == before


def test_an_order_record_is_immutable_and_names_its_author():
    raw = {"kind": "erasure", "id": "o1", "rev": "1-" + "0" * 32, "revs": ["0" * 32], "deleted": False,
           "updated_at": "2026-03-04T10:00:00Z", "updated_by": "me", "origin": "dev", "seq": 1,
           "data": {"salt": SALT, "words": [["a" * 32]], "ordered_at": "2026-03-04T10:00:00Z",
                    "ordered_by": "me", "device": "dev", "role": "consultant"}}
    parse_record(raw)
    with pytest.raises(ValueError, match="Absender"):
        parse_record({**raw, "origin": "other"})
    with pytest.raises(ValueError, match="unveränderlich"):
        parse_record({**raw, "rev": "2-" + "0" * 32, "revs": ["0" * 32, "1" * 32]})


def test_a_backup_restored_after_the_order_is_erased_again_at_once(store):
    visit = add_visit(store, summary="Gespräch mit Anna Müller")
    backup = store.backup()
    erase_person(store, NAME)
    store.restore_backup(backup.name)
    assert store.raw("visit", visit)["data"]["summary"] == f"Gespräch mit {ERASED}"
    assert len(known_orders(store)) == 1
    assert "Müller".encode() not in store.path.read_bytes()
    assert check_store(store.path).ok
