"""One search over everything (issue 8, first part): the index in ``storage/finder.py`` and
``asskomm search``. A store is built with known records; each query's hits are known."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from storage import Repositories, Store
from storage.finder import build_finder, snippet_of
from storage.records import Contact, Finding, FollowUp, Goal, Measure, VisitData

ASSKOMM = str(Path(sys.executable).with_name("asskomm"))
PIRNA, ZITTAU, GOERLITZ = "14628270", "14626610", "14626110"
HOSTILE = "[bold red]Graffiti[/] <script>alert(1)</script> \\[x] $(rm -rf ~)"

HOLDER = r"""
import sys
from storage import Store

store = Store.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
store.close()
"""


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    """Pirna, Zittau and Görlitz with visits, findings, follow-ups, a contact and a strategy."""
    path = tmp_path_factory.mktemp("suche") / "s.json"
    with Store.open(path) as store:
        store.setup_device("Susanne Scholz", "SS")
        repos = Repositories(store)
        me = (store.local.consultant_id,)
        zittau = repos.commune(ZITTAU)
        repos.save_commune(zittau.data.model_copy(update={"contacts": (
            Contact(id="c1", name="Frau Weiß", role="Leiterin Ordnungsamt", phone="03583 752-0"),)}),
            base_rev=zittau.rev)
        repos.create_visit(VisitData(commune=PIRNA, date=date(2025, 3, 12), consultants=me,
                                     summary="Vereinbart: Graffitifläche an der Bahnunterführung",
                                     findings=(Finding(id="f1", problem_field="graffiti",
                                                       place="Eisenbahnbrücke Nord", evidence="Ortsbegehung"),),
                                     follow_ups=(FollowUp(id="u1", text="Förderantrag Straßenbeleuchtung",
                                                          owner="Bauamt", due=date(2025, 4, 1)),)))
        repos.create_visit(VisitData(commune=PIRNA, date=date(2025, 6, 3), consultants=me,
                                     summary="Sommerfest geplant"))
        repos.create_visit(VisitData(commune=GOERLITZ, date=date(2025, 3, 20), consultants=me,
                                     summary=HOSTILE,
                                     findings=(Finding(id="f2", problem_field="graffiti",
                                                       place="Unter der Bahnbrücke"),)))
        gone = repos.create_visit(VisitData(commune=ZITTAU, date=date(2025, 3, 1), consultants=me,
                                            summary="Geheimnisvoller Besuch"))
        repos.delete_visit(gone.id, base_rev=gone.rev)
        strategy = repos.create_strategy(PIRNA, 2026, 2028, title="Sicher und sauber in Pirna")
        data = strategy.data.model_copy(update={
            "cause_analysis": "Fehlende Treffpunkte für Jugendliche",
            "goals": (Goal(id="g1", title="Weniger Schmierereien"),),
            "measures": (Measure(id="m1", title="Legale Sprühfläche", lead="Jugendclub Alte Feuerwache",
                                 partners="Polizeirevier", problem_fields=("graffiti",), goals=("g1",)),)})
        repos.save_strategy(data, base_rev=strategy.rev)
    return path


@pytest.fixture(scope="module")
def finder(store_path):
    with Store.snapshot(store_path) as store:
        return build_finder(store)


def kinds(hits) -> list[tuple[str, str, str | None]]:
    return [(h.entry.kind, h.entry.commune, h.entry.date) for h in hits]


def test_umlauts_and_sz_match_either_way(finder):
    for query in ("weiß", "weiss", "WEISS"):
        assert [h.entry.kind for h in finder.search(query + " ordnungsamt")] == ["contact"], query
        assert "Weißwasser/O.L. / Běła Woda" in {h.snippet for h in finder.search(query)}  # communes too
    for query in ("goerlitz bahnbrücke", "görlitz bahnbruecke", "gorlitz BAHNBRUCKE"):
        hits = finder.search(query)
        assert ("finding", GOERLITZ, "2025-03-20") in kinds(hits), query


def test_every_word_must_match_the_record_or_its_commune(finder):
    assert kinds(finder.search("zittau ordnungsamt")) == [("contact", ZITTAU, None)]
    assert finder.search("zittau sommerfest") == []
    assert kinds(finder.search("pirna sommerfest")) == [("visit", PIRNA, "2025-06-03")]


def test_month_and_year_words_narrow_instead_of_having_to_occur(finder):
    hits = finder.search("pirna märz")
    assert {h.entry.kind for h in hits} == {"visit", "finding"}  # the follow-up is due in April
    assert all(h.entry.date.startswith("2025-03") and h.entry.commune == PIRNA for h in hits)
    assert kinds(finder.search("pirna maerz 2025")) == kinds(hits)
    assert finder.search("pirna märz 2024") == []
    assert kinds(finder.search("pirna 04.2025")) == [("follow_up", PIRNA, "2025-04-01")]
    dated = [h.entry.date for h in finder.search("2025")]
    assert dated == sorted(dated, reverse=True)  # newest first


def test_a_problem_field_word_finds_by_the_field(finder):
    hits = finder.search("graffiti brücke")  # where else did we see graffiti under a bridge?
    assert ("finding", PIRNA, "2025-03-12") in kinds(hits)  # "Eisenbahnbrücke": the field, not the text
    assert ("finding", GOERLITZ, "2025-03-20") in kinds(hits)
    assert all("rück" in h.snippet.lower() or "ruck" in h.snippet.lower() for h in hits)


def test_initials_in_capitals_narrow_to_a_consultants_records(finder):
    assert {h.entry.commune for h in finder.search("SS graffiti")} == {PIRNA, GOERLITZ}
    assert kinds(finder.search("SS sommerfest")) == [("visit", PIRNA, "2025-06-03")]
    # records nobody's initials are on (a commune, a contact, a strategy) drop out
    assert finder.search("SS zittau") == []


def test_strategies_measures_leads_and_partners_are_found(finder):
    assert [h.entry.kind for h in finder.search("feuerwache")] == ["measure"]
    assert [h.entry.kind for h in finder.search("treffpunkte jugendliche")] == ["strategy"]
    measure = finder.search("sprühfläche polizeirevier")[0]
    assert measure.entry.part == "m1"


def test_deleted_records_are_never_found(finder):
    assert finder.search("geheimnisvoller") == []


def test_snippets_mark_the_words_and_keep_hostile_text_literal(finder):
    (visit,) = [h for h in finder.search("script alert") if h.entry.kind == "visit"]
    assert visit.snippet == HOSTILE
    marked = [visit.snippet[s:e].lower() for s, e in visit.marks]
    assert marked == ["script", "alert", "script"]
    text, marks = snippet_of("Die Straße am Görlitzer Tor", ["strasse", "gorl"])
    assert [text[s:e] for s, e in marks] == ["Straße", "Görl"]


# -- the command -----------------------------------------------------------------------------------
def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([ASSKOMM, *args], capture_output=True, text=True, timeout=60, env=env)


def test_search_json_while_another_process_holds_the_store(store_path, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "ASSKOMM_DB"}
    env["HOME"] = str(tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(store_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout.readline().strip() == "ready"
        before = store_path.read_bytes()
        result = run("search", "pirna", "märz", "--json", "--db", str(store_path), env=env)
        assert result.returncode == 0, result.stderr
        hits = json.loads(result.stdout)
        assert [(h["kind"], h["commune"], h["date"]) for h in hits] == [
            ("visit", PIRNA, "2025-03-12"), ("finding", PIRNA, "2025-03-12")]
        assert {"kind", "id", "commune", "date", "snippet"} <= set(hits[0])
        assert hits[0]["id"] == hits[1]["id"]  # a finding's id is its visit's
        assert store_path.read_bytes() == before
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_search_prints_lines_limits_and_says_when_nothing_matches(store_path):
    result = run("search", "graffiti", "görlitz", "--limit", "2", "--db", str(store_path))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("20.03.2025  Besuch")  # newest first
    assert HOSTILE in lines[0] and "Görlitz (Landkreis Görlitz)" in lines[0]
    result = run("search", "nichtsdergleichen", "--db", str(store_path))
    assert result.returncode == 0 and result.stdout.strip() == "Keine Treffer für „nichtsdergleichen“."
    result = run("search", "x", "--limit", "viele", "--db", str(store_path))
    assert result.returncode == 2 and "keine gültige Anzahl" in result.stderr


def test_search_does_not_import_textual(store_path):
    code = ("import sys; from asskomm_tui.cli import main; "
            f"rc = main(['search', 'pirna', '--db', {str(store_path)!r}]); "
            "sys.exit(3 if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) else rc)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_a_commune_named_by_the_query_comes_before_the_dated_hits(store_path):
    """"görlitz" first lists the commune Görlitz (then the Kreis's communes and its visits, newest
    first): undated, it used to come after a hundred dated hits and could not be reached."""
    result = run("search", "goerlitz", "--json", "--db", str(store_path))
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert (hits[0]["kind"], hits[0]["id"]) == ("commune", GOERLITZ)
    dated = [h["date"] for h in hits if h["date"]]
    assert dated == sorted(dated, reverse=True) and len(dated) >= 1
    # a filter word (a month) asks for dated records: no commune is put first
    assert json.loads(run("search", "görlitz", "märz", "--json", "--db", str(store_path)).stdout)[0]["kind"] != "commune"
