"""The live search index (``Store.finder()``, issue 8): every save, delete, import, resolution and
restore shows in the very next query, and the index's shortcuts (token lookup, sets) find, keystroke
after keystroke, exactly what checking every entry would.

Storage only, no Textual. "Fresh" below means ``build_finder`` over the same store now: the live
index, after any history of changes, must answer every query as a freshly built one does.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from storage import Repositories, Store
from storage.collation import search_key, sort_key
from storage.demo import generate
from storage.finder import Finder, _key, build_finder
from storage.records import ConsultantData, Contact, Finding, FollowUp, Measure, ProblemFieldData, VisitData
from storage.sync.exchange import export_bundle, import_bundle
from sync_helpers import PIRNA, edit_visit, hand_over, new_store

ZITTAU = "14626610"
HOSTILE = "[/x] [@click=app.quit]boom[/] <b>Wasserturm</b>"
QUERIES = ("wasserturm", "rathaus", "pirna", "zittau", "graffiti", "vermull", "brücke", "bruecke", "märz 2026",
           "AR", "AR graffiti", "03.2026", "pirna m", "zz", "ordnungsamt", "sprühfläche", "2026", "e")


def hits(store_or_finder: Store | Finder, text: str, limit: int | None = None) -> list[tuple[str, str, str | None]]:
    finder = store_or_finder.finder() if isinstance(store_or_finder, Store) else store_or_finder
    return [(h.entry.kind, h.entry.id, h.entry.part) for h in finder.search(text, limit)]


def assert_like_fresh(store: Store, queries=QUERIES) -> None:
    """The live index answers every query exactly as one built from the store now."""
    fresh = build_finder(store)
    for text in queries:
        for limit in (None, 3):
            live = store.finder().search(text, limit)
            again = fresh.search(text, limit)
            assert [(h.entry, h.snippet, h.marks, h.conflict) for h in live] == \
                   [(h.entry, h.snippet, h.marks, h.conflict) for h in again], (text, limit)


@pytest.fixture
def store(tmp_path):
    s = new_store(tmp_path / "s.json", "Anna Richter", "AR")
    yield s
    s.close()


def visit(store: Store, summary: str, day: date = date(2026, 3, 4), commune: str = PIRNA, **extra) -> str:
    data = VisitData(commune=commune, date=day, summary=summary, consultants=(store.local.consultant_id,), **extra)
    return Repositories(store).create_visit(data).id


# -- saves and deletes ------------------------------------------------------------------------------
def test_a_saved_visit_is_found_at_once_and_its_old_words_no_more(store):
    finder = store.finder()
    assert hits(store, "wasserturm") == []
    vid = visit(store, HOSTILE, findings=(Finding(id="f1", problem_field="graffiti", place="Eisenbahnbrücke"),),
                follow_ups=(FollowUp(id="u1", text="Rathaus anschreiben", owner="Bauamt"),))
    assert hits(store, "wasserturm") == [("visit", vid, None)]
    (hit,) = store.finder().search("wasserturm")
    assert hit.snippet == HOSTILE and [hit.snippet[s:e] for s, e in hit.marks] == ["Wasserturm"]  # literal
    assert ("finding", vid, "f1") in hits(store, "brücke")  # inside a compound
    assert ("follow_up", vid, "u1") in hits(store, "rathaus")

    edit_visit(store, vid, summary="Sprühereien am Rathaus", findings=(), follow_ups=())
    assert store.finder() is finder  # kept up to date, not built again
    assert hits(store, "wasserturm") == [] and ("finding", vid, "f1") not in hits(store, "brücke")
    assert [h for h in hits(store, "rathaus") if h[1] == vid] == [("visit", vid, None)]
    assert_like_fresh(store)


def test_a_deleted_visit_is_never_found_nor_its_findings_and_follow_ups(store):
    store.finder()
    vid = visit(store, "Geheimnisvoller Besuch", findings=(Finding(id="f1", problem_field="graffiti"),),
                follow_ups=(FollowUp(id="u1", text="Geheimnis lüften"),))
    assert {k for k, _, _ in hits(store, "geheim")} == {"visit", "follow_up"}
    Repositories(store).delete_visit(vid)
    for text in ("geheim", "geheimnisvoller", "graffiti", "pirna", "AR", "2026"):
        assert vid not in {i for _, i, _ in hits(store, text)}, text
    assert_like_fresh(store)


def test_a_done_follow_up_leaves_the_index_and_a_reopened_one_returns(store):
    store.finder()
    vid = visit(store, "Sitzung", follow_ups=(FollowUp(id="u1", text="Förderantrag stellen"),))
    repos = Repositories(store)
    repos.set_follow_up_done(vid, "u1", True, date(2026, 3, 5))
    assert hits(store, "förderantrag") == []  # done work is history
    repos.set_follow_up_done(vid, "u1", False, date(2026, 3, 5))
    assert ("follow_up", vid, "u1") in hits(store, "förderantrag")
    assert_like_fresh(store)


def test_a_failed_write_leaves_nothing_behind_in_the_index(store):
    store.finder()
    with pytest.raises(RuntimeError):
        with store.transaction():
            visit(store, "Nie gespeichert")
            assert hits(store, "gespeichert") != []  # memory is ahead of the file inside the write
            raise RuntimeError("disk gone")
    assert hits(store, "gespeichert") == []
    assert b"Nie gespeichert" not in store.path.read_bytes()


# -- what other records change: communes, consultants, problem fields ---------------------------------
def test_a_commune_rename_and_its_contacts_are_searchable_at_once(store):
    store.finder()
    vid = visit(store, "Begehung", commune=ZITTAU)
    repos = Repositories(store)
    zittau = repos.commune(ZITTAU)
    repos.save_commune(zittau.data.model_copy(update={
        "name": "Zittau-Neustadt", "contacts": (Contact(id="c1", name="Frau Weiß", role="Ordnungsamt"),)}),
        base_rev=zittau.rev)
    assert ("visit", vid, None) in hits(store, "neustadt begehung")  # the visit by its commune's new name
    assert hits(store, "weiss ordnungsamt") == [("contact", ZITTAU, "c1")]
    assert store.finder().communes[ZITTAU][0] == "Zittau-Neustadt"
    zittau = repos.commune(ZITTAU)
    repos.save_commune(zittau.data.model_copy(update={"name": "Zittau", "contacts": ()}), base_rev=zittau.rev)
    assert ("visit", vid, None) not in hits(store, "neustadt")  # (other communes are called Neustadt)
    assert ("contact", ZITTAU, "c1") not in hits(store, "weiss")
    assert_like_fresh(store, QUERIES + ("neustadt", "weiss", "begehung"))


def test_changed_initials_filter_by_the_new_ones(store):
    finder = store.finder()
    vid = visit(store, "Sitzung KPR")
    assert hits(store, "AR sitzung") == [("visit", vid, None)]
    me = store.local.consultant_id
    old = store.get("consultant", me)
    store.put("consultant", me, ConsultantData(name="Anna Richter", initials="ARi"), base_rev=old.rev)
    assert hits(store, "ARI sitzung") == [("visit", vid, None)]
    assert "ar" not in finder.known_initials and not finder.parse("AR").initials  # a word to find now
    assert_like_fresh(store, QUERIES + ("ARI", "ARI sitzung"))


def test_a_renamed_problem_field_finds_its_findings_by_the_new_name(store):
    store.finder()
    vid = visit(store, "Begehung", findings=(Finding(id="f1", problem_field="noise", place="Marktplatz"),))
    assert ("finding", vid, "f1") in hits(store, "ruhestorung")
    field = store.get("problem_field", "noise")
    store.put("problem_field", "noise", ProblemFieldData(code="noise", name="Nächtlicher Lärm"), base_rev=field.rev)
    assert ("finding", vid, "f1") in hits(store, "nachtlich")
    assert ("finding", vid, "f1") not in hits(store, "ruhestorung")
    assert_like_fresh(store, QUERIES + ("nachtlich", "ruhestorung", "larm"))


def test_a_strategy_and_its_measures_follow_every_save(store):
    store.finder()
    repos = Repositories(store)
    strategy = repos.create_strategy(PIRNA, 2026, 2028, title="Sicher in Pirna")
    data = strategy.data.model_copy(update={"measures": (
        Measure(id="m1", title="Legale Sprühfläche", lead="Jugendclub", problem_fields=("graffiti",)),)})
    saved = repos.save_strategy(data, base_rev=strategy.rev)
    assert hits(store, "sprühfläche") == [("measure", strategy.id, "m1")]
    repos.save_strategy(saved.data.model_copy(update={"measures": ()}), base_rev=saved.rev)
    assert hits(store, "sprühfläche") == []
    assert_like_fresh(store)


# -- imports, conflicts, restores ---------------------------------------------------------------------
def test_an_import_and_a_conflict_and_its_resolution_show_at_once(tmp_path):
    c1 = new_store(tmp_path / "c1.json", "Anna Richter", "AR")
    c2 = new_store(tmp_path / "c2.json", "Jens Böhme", "JB")
    try:
        c2.finder()
        vid = visit(c1, "Treffen am Wasserturm")
        assert hand_over(c1, c2, tmp_path / "out").applied
        (hit,) = c2.finder().search("wasserturm")
        assert (hit.entry.id, hit.conflict) == (vid, False)

        mine = edit_visit(c2, vid, summary="Treffen am Wasserturm, Protokoll von Jens")
        edit_visit(c1, vid, summary="Treffen am Wasserturm, Fotos von Anna")
        assert hand_over(c1, c2, tmp_path / "out").applied
        assert c2.conflicted() == {("visit", vid)}
        (hit,) = c2.finder().search("wasserturm")
        assert hit.conflict  # ⚠
        assert len(hits(c2, "protokoll")) + len(hits(c2, "fotos")) == 1  # only the current leaf is indexed
        assert_like_fresh(c2)

        leaves = c2.leaves("visit", vid)
        merged = dict(leaves[0]["data"], summary="Treffen am Wasserturm: Protokoll und Fotos")
        c2.resolve("visit", vid, merged, expected=[leaf["rev"] for leaf in leaves])
        (hit,) = c2.finder().search("wasserturm")
        assert not hit.conflict and "Protokoll und Fotos" in hit.snippet
        assert mine not in {leaf["rev"] for leaf in c2.leaves("visit", vid)}
        assert_like_fresh(c2)
    finally:
        c1.close()
        c2.close()


def test_a_restored_backup_is_what_the_index_holds(store):
    kept = visit(store, "Vor der Sicherung")
    backup = store.backup()
    assert backup is not None
    finder = store.finder()
    gone = visit(store, "Nach der Sicherung")
    assert ("visit", gone, None) in hits(store, "sicherung")
    store.restore_backup(backup.name)
    assert store.finder() is not finder
    assert hits(store, "sicherung") == [("visit", kept, None)]
    assert_like_fresh(store)


# -- the index finds what checking every entry finds ---------------------------------------------------
def reference(finder: Finder, text: str) -> list[tuple[str, str, str | None]]:
    """Issue 8's rule applied to every entry in order, without the index (the first version's scan)."""
    q = finder.parse(text)
    if q.empty:
        return []
    out = []
    for e in finder.entries:
        if q.months or q.years or q.month_years:
            if e.date is None:
                continue
            year, month = int(e.date[:4]), int(e.date[5:7])
            if (q.years and year not in q.years) or (q.months and month not in q.months) or \
                    (q.month_years and (month, year) not in q.month_years):
                continue
        if q.initials and not (q.initials & e.initials):
            continue
        if any(not (codes & e.fields) and word not in e.key for word, codes in q.fields):
            continue
        commune = finder.commune_keys.get(e.commune, "")
        if any(word not in e.key and word not in commune for word in q.words):
            continue
        out.append((e.kind, e.id, e.part))
    # a query of words only puts first the (at most five) communes whose name holds them all, A to Z
    if q.words and not (q.months or q.years or q.month_years or q.fields or q.initials):
        named = sorted((ags for ags, (name, _) in finder.communes.items()
                        if all(w in search_key(name) for w in q.words)), key=lambda a: sort_key(finder.communes[a][0]))
        first = [("commune", ags, None) for ags in named][:5]
        out = first + [hit for hit in out if hit not in first]
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, list[str]]:
    """A demo store of 400 visits, and pieces of query words: parts of its words, months, years,
    problem fields, initials, communes, umlauts both ways."""
    path = generate(tmp_path_factory.mktemp("demo") / "s.json", visits=400, seed=3, end=date(2026, 11, 26))
    with Store.snapshot(path) as store:
        finder = build_finder(store)
        initials = sorted({r["data"]["initials"] for r in store.raws("consultant")})
    words = sorted({w for e in finder.entries[::7] for t in e.texts for w in t.split() if len(w) > 2})
    pieces = words[::max(1, len(words) // 60)]
    pieces += [w[1:5] for w in pieces[::3]] + initials + [i + "x" for i in initials]
    pieces += ["märz", "mär", "Mai", "2025", "2026", "03.2026", "graffiti", "vermüll", "Pirna", "görlitz", "goerlitz",
               "straße", "strasse", "ß", "nichtsdergleichen", "e", "a",
               # a filter word that typing on turns into a word to find
               "junge", "maier", "20261", "augustusburg", "03.20261"]
    return path, pieces


def check_typing(path: Path, text: str, limit: int | None) -> None:
    """Type ``text`` letter by letter: each keystroke's hits are a fresh search's and a full scan's."""
    with Store.snapshot(path) as store:
        typing, fresh = build_finder(store), build_finder(store)
    for i in range(1, len(text) + 1):
        typed = text[:i]
        got = hits(typing, typed, limit)
        assert got == hits(fresh, typed, limit), typed
        assert got == reference(fresh, typed)[:limit], typed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_typing_letter_by_letter_finds_what_a_fresh_search_and_a_full_scan_find(demo, data):
    path, pieces = demo
    words = data.draw(st.lists(st.sampled_from(pieces), min_size=1, max_size=3))
    check_typing(path, " ".join(words), data.draw(st.sampled_from([None, 1, 7, 50])))


@pytest.mark.parametrize("text", ["augustusburg", "Mai maier", "2026 20261", "03.2026 03.20261", "graffiti graffitis",
                                  "pirna märz 2026", "pirna märzen"])
def test_typing_on_past_a_filter_word_is_searched_anew(demo, text):
    """"aug" is August, "augu" a word: the entries of August are no longer the only candidates."""
    check_typing(demo[0], text, None)
    check_typing(demo[0], text, 7)


@given(st.text(alphabet="aäoöuüßsSÄÖÜẞ eé\u0308\u00a0-", max_size=30))
def test_the_compact_key_holds_the_same_words_as_search_key(text):
    assert set(_key(text).split()) == set(search_key(text).split())



def test_many_edits_with_compaction_and_renumbering_at_every_step(store, monkeypatch):
    """With no room between ranks and the lists compacted after every change, the index still
    answers as a fresh one (the rare paths made the only ones)."""
    from storage import finder_index

    monkeypatch.setattr(finder_index, "GAP", 1)
    monkeypatch.setattr(finder_index, "COMPACT_AFTER", -10**9)  # whatever the size of the index
    store.finder()
    ids = [visit(store, f"Runde {i} am Wasserturm", day=date(2026, 3, 1 + i % 3)) for i in range(6)]
    for i, vid in enumerate(ids):
        edit_visit(store, vid, summary=f"Runde {i} am Rathaus", date=date(2026, 2 + i % 2, 10))
        if i % 2:
            Repositories(store).delete_visit(vid)
        assert_like_fresh(store, ("runde", "rathaus", "wasserturm", "märz", "2026", "AR"))
    assert hits(store, "wasserturm") == []
    assert len(hits(store, "runde rathaus")) == 3


def test_an_import_of_many_records_is_indexed_in_one_pass(tmp_path):
    c1 = new_store(tmp_path / "c1.json", "Anna Richter", "AR")
    c2 = new_store(tmp_path / "c2.json", "Jens Böhme", "JB")
    try:
        visits = [VisitData(commune=PIRNA, date=date(2025, 1 + i % 12, 1 + i % 28), summary=f"Sitzung {i} Jugendclub",
                            consultants=(c1.local.consultant_id,)) for i in range(160)]
        repos = Repositories(c1)
        with c1.transaction():
            ids = [repos.create_visit(v).id for v in visits]
        finder = c2.finder()
        assert hand_over(c1, c2, tmp_path / "out").applied
        assert len(finder._pending) > 100 + len(finder._index) // 50  # the bulk path: one sort for all
        assert {i for _, i, _ in hits(c2, "jugendclub")} == set(ids)
        assert [h.entry.date for h in c2.finder().search("jugendclub märz")] == \
               sorted((v.date.isoformat() for v in visits if v.date.month == 3), reverse=True)
        assert_like_fresh(c2, QUERIES + ("jugendclub", "sitzung 15", "AR jugendclub"))
    finally:
        c1.close()
        c2.close()
