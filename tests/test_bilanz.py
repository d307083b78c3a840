"""The Bilanz (issue 9): every figure over a hand-built store whose answer is known, with the edges
(the period's first and last day, deleted records, records in conflict, dates outside the period,
funding that is not RL KommPräv)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from asskomm_tui.services.bilanz import PROGRAMME_START, Period, Scope, compute
from storage import Repositories, Store
from storage.records import (
    AgreementStatus,
    AnalysisStatus,
    CoachingStatus,
    Finding,
    FollowUp,
    FundingSource,
    KprStatus,
    Measure,
    MeasureState,
    VisitData,
    VisitKind,
)

PIRNA, ZITTAU, GOERLITZ, CHEMNITZ = "14628270", "14626610", "14626110", "14511000"
HOLDER = r"""
import sys
from storage import Store

store = Store.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
store.close()
"""
YEAR = Period.calendar_year(2025)


def edit_commune(repos: Repositories, ags: str, **changes) -> None:
    record = repos.commune(ags)
    repos.save_commune(record.data.model_copy(update=changes), base_rev=record.rev)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bilanz") / "s.json"
    with Store.open(path) as store:
        store.setup_device("Susanne Scholz", "SS", role="hq")
        repos = Repositories(store)
        me = store.local.consultant_id
        other = store.put("consultant", "kai", {"name": "Kai Berger", "initials": "KB", "email": ""}).id
        # Pirna: new member on the first day, KPR constituted on the last day, agreement signed the day
        # before the period, analysis completed in it, coaching running since a visit on the first day
        edit_commune(repos, PIRNA, member_since=date(2025, 1, 1), kpr_status=KprStatus.CONSTITUTED,
                     kpr_date=date(2025, 12, 31), cooperation_agreement=AgreementStatus.SIGNED,
                     cooperation_agreement_date=date(2024, 12, 31), security_analysis=AnalysisStatus.COMPLETED,
                     security_analysis_date=date(2025, 6, 1), coaching=CoachingStatus.RUNNING)
        # Zittau: KPR reactivated and member only the day after the period
        edit_commune(repos, ZITTAU, kpr_status=KprStatus.REACTIVATED, kpr_date=date(2026, 1, 1),
                     member_since=date(2026, 1, 1))
        edit_commune(repos, GOERLITZ, model_commune=True, kpr_status=KprStatus.DORMANT, kpr_date=date(2025, 3, 3))
        edit_commune(repos, CHEMNITZ, cooperation_agreement=AgreementStatus.SIGNED,
                     cooperation_agreement_date=date(2025, 3, 1))

        def visit(ags, day, kind=VisitKind.FOLLOW_UP_CONSULTATION, who=me, findings=(), follow_ups=()):
            return repos.create_visit(VisitData(commune=ags, date=day, kind=kind, consultants=(who,),
                                                summary="Besuch", findings=findings, follow_ups=follow_ups))

        visit(PIRNA, date(2025, 1, 1), VisitKind.COACHING,
              findings=(Finding(id="f1", problem_field="graffiti", severity=3),),
              follow_ups=(FollowUp(id="u1", text="Fläche suchen", due=date(2025, 2, 1)),))
        visit(PIRNA, date(2025, 12, 31), VisitKind.WORKSHOP,
              findings=(Finding(id="f1", problem_field="graffiti", severity=4, place="Bahnbrücke"),
                        Finding(id="f2", problem_field="littering", severity=1)),
              follow_ups=(FollowUp(id="u1", text="Protokoll", done=True, done_on=date(2025, 12, 31)),
                          FollowUp(id="u2", text="Termin", due=date(2026, 1, 15))))
        visit(ZITTAU, date(2024, 12, 31), VisitKind.FIRST_CONSULTATION,
              follow_ups=(FollowUp(id="u1", text="Rückruf", done=True, done_on=date(2025, 3, 1)),
                          FollowUp(id="u2", text="Alt", due=date(2024, 12, 31))))
        visit(ZITTAU, date(2025, 5, 5))
        visit(GOERLITZ, date(2025, 7, 1), VisitKind.FIRST_CONSULTATION, who=other,
              findings=(Finding(id="f1", problem_field="graffiti", severity=2),))
        gone = visit(GOERLITZ, date(2025, 8, 1), findings=(Finding(id="f1", problem_field="extremism", severity=4),))
        repos.delete_visit(gone.id, base_rev=gone.rev)
        visit(CHEMNITZ, date(2026, 1, 1))

        strategy = repos.create_strategy(PIRNA, 2025, 2026)
        measures = (
            Measure(id="m1", title="Graffitifläche", start=date(2025, 6, 1), cost_cents=1_000_000,
                    funding=FundingSource.RL_KOMMPRAEV, own_share_cents=50_000),  # grant capped: 9.000 €
            Measure(id="m2", title="Stadtfest", start=date(2025, 7, 1), cost_cents=500_000,
                    funding=FundingSource.MUNICIPAL, own_share_cents=500_000),
            Measure(id="m3", title="Später", start=date(2026, 2, 1), cost_cents=200_000,
                    funding=FundingSource.RL_KOMMPRAEV, own_share_cents=20_000),
            Measure(id="m4", title="Gestrichen", start=date(2025, 9, 1), cost_cents=300_000,
                    funding=FundingSource.RL_KOMMPRAEV, own_share_cents=30_000, state=MeasureState.DROPPED),
            Measure(id="m5", title="Erster Tag", start=date(2025, 1, 1), cost_cents=100_000,
                    funding=FundingSource.RL_KOMMPRAEV, own_share_cents=20_000),  # 800 €
        )
        repos.save_strategy(strategy.data.model_copy(update={"measures": measures}), base_rev=strategy.rev)
        store.kai = other  # type: ignore[attr-defined]
    return path


def bilanz(path: Path, period: Period = YEAR, scope: Scope = Scope()) -> dict:
    with Store.snapshot(path) as store:
        return compute(store, period, scope).to_json()


def test_every_figure_of_a_year_counts_its_first_and_last_day_and_nothing_deleted(store_path):
    b = bilanz(store_path)
    assert b["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    assert b["communes_advised"] == 3  # Pirna, Zittau, Görlitz (the deleted visit adds nothing)
    assert b["communes_first_contact"] == 2  # Pirna (first day), Görlitz; Zittau was first seen in 2024
    assert (b["members"], b["members_new"]) == (1, 1)  # Zittau only from the day after
    assert b["model_communes"] == 1
    assert b["kpr_constituted_or_reactivated"] == 1  # Pirna on the last day; Zittau outside, Görlitz dormant
    assert b["kpr_active"] == 1
    assert b["cooperation_agreements"] == 1  # Chemnitz; Pirna's was signed the day before
    assert b["security_analyses"] == 1
    assert b["coaching"] == {"started": 1, "completed": 0, "active": 1}
    assert b["visits"] == 4
    assert b["visits_by_kind"] == {"coaching": 1, "first_consultation": 1, "follow_up_consultation": 1,
                                   "workshop": 1}
    assert list(b["visits_by_month"]) == [f"2025-{m:02}" for m in range(1, 13)]
    assert (b["visits_by_month"]["2025-01"], b["visits_by_month"]["2025-12"], b["visits_by_month"]["2025-08"]) == (1, 1, 0)
    assert b["problem_fields"] == {"graffiti": {"communes": 2, "findings": 3},
                                   "littering": {"communes": 1, "findings": 1}}  # no extremism: deleted
    assert b["by_kreis"]["14626"]["communes_advised"] == 2 and b["by_kreis"]["14626"]["visits"] == 2
    assert b["by_kreis"]["14628"]["problem_fields"] == {"graffiti": 2, "littering": 1}
    assert b["by_kreis"]["14511"]["visits"] == 0  # Chemnitz's visit is in 2026
    assert [s["severity"] for s in b["severities"]] == [4, 3, 2, 1]
    assert b["severities"][0]["place"] == "Bahnbrücke" and b["severities"][0]["commune"] == PIRNA
    # created in the period: 1 + 2; done in it: Pirna's on the last day and Zittau's of 2024;
    # overdue at the end: Pirna's of February and Zittau's old one (due 31.12.2024)
    assert b["follow_ups"] == {"created": 3, "done": 2, "overdue": 2}
    assert b["strategies_by_status"] == {"draft": 1}


def test_funding_counts_rl_kommpraev_measures_starting_in_the_period_with_the_grant_capped(store_path):
    f = bilanz(store_path)["funding"]
    # m1: 10.000 € cost, 500 € own share, grant capped at 90 % = 9.000 €; m5: 1.000 €, 200 €, 800 €;
    # not: municipal funding (m2), starting 2026 (m3), dropped (m4)
    assert (f["cost_cents"], f["own_share_cents"], f["requested_cents"]) == (1_100_000, 70_000, 980_000)
    assert f["budget_cents"] == 130_000_000
    assert f["by_year"] == {"2025": {"cost_cents": 1_100_000, "own_share_cents": 70_000,
                                     "requested_cents": 980_000, "budget_cents": 130_000_000}}
    later = bilanz(store_path, Period(date(2025, 1, 2), date(2026, 12, 31)))["funding"]
    assert later["requested_cents"] == 900_000 + 180_000  # m1 and m3; m5 starts the day before
    assert set(later["by_year"]) == {"2025", "2026"} and later["budget_cents"] == 2 * 130_000_000


def test_the_previous_period_and_the_deltas(store_path):
    b = bilanz(store_path)
    assert b["previous"]["period"] == {"from": "2024-01-01", "to": "2024-12-31"}
    assert b["previous"]["communes_advised"] == 1 and b["previous"]["visits"] == 1
    assert b["delta"]["communes_advised"] == 2 and b["delta"]["visits"] == 3
    assert b["delta"]["cooperation_agreements"] == 1 - 1  # Pirna's in 2024, Chemnitz's in 2025
    assert bilanz(store_path, Period.since_start(date(2025, 12, 31)))["previous"] is None


def test_a_kreis_and_a_consultant_narrow_every_figure(store_path):
    kreis = bilanz(store_path, scope=Scope(kreis="14626"))  # LK Görlitz: Zittau and Görlitz
    assert (kreis["communes_advised"], kreis["visits"], kreis["model_communes"]) == (2, 2, 1)
    assert kreis["cooperation_agreements"] == 0 and kreis["funding"]["requested_cents"] == 0
    assert set(kreis["by_kreis"]) == {"14626"}
    assert kreis["follow_ups"] == {"created": 0, "done": 1, "overdue": 1}
    kai = bilanz(store_path, scope=Scope(consultant="kai"))
    assert (kai["communes_advised"], kai["visits"], kai["communes_first_contact"]) == (1, 1, 1)
    assert kai["model_communes"] == 1 and kai["members"] == 0  # Görlitz only
    assert kai["problem_fields"] == {"graffiti": {"communes": 1, "findings": 1}}


def test_periods_programme_years_and_wrong_ranges():
    first = Period.programme_year(1)
    assert (first.start, first.end) == (PROGRAMME_START, date(2020, 2, 5))
    assert Period.programme_year(2).previous() == first
    assert first.previous() is None  # nothing before the programme
    assert Period.calendar_year(2021).previous() == Period.calendar_year(2020)
    assert Period(date(2025, 3, 1), date(2025, 3, 31)).previous() == Period(date(2025, 1, 29), date(2025, 2, 28))
    with pytest.raises(ValueError):
        Period(date(2025, 2, 1), date(2025, 1, 1))
    with pytest.raises(ValueError):
        Period.programme_year(0)


def test_a_visit_in_conflict_counts_once_by_the_revision_the_store_shows(tmp_path):
    from test_ui_conflicts import visit_conflicts

    a, _, ids, _ = visit_conflicts(tmp_path)
    with Store.snapshot(a) as store:
        assert store.conflicted() == {("visit", i) for i in ids.values()}
        live = sum(not store.raw("visit", i)["deleted"] for i in ids.values())
        b = compute(store, Period.calendar_year(2026)).to_json()
    assert b["visits"] == live and live in (2, 3)
    assert b["communes_advised"] == 1


# -- the command and its files --------------------------------------------------------------------
ASSKOMM = str(Path(sys.executable).with_name("asskomm"))
HOSTILE = "<script>alert(1)</script> [bold]x[/] **y** | =SUMME(A1) ;\"q\""


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([ASSKOMM, *args], capture_output=True, timeout=120)


def test_the_command_prints_the_json_of_compute(store_path):
    result = run("bilanz", "--von", "01.01.2025", "--bis", "31.12.2025", "--db", str(store_path))
    assert result.returncode == 0, result.stderr.decode()
    printed = json.loads(result.stdout)
    assert printed == bilanz(store_path) | {"names": printed["names"]}
    for key in ("period", "communes_advised", "communes_first_contact", "members", "model_communes",
                "kpr_constituted_or_reactivated", "kpr_active", "cooperation_agreements", "coaching",
                "security_analyses", "visits", "visits_by_kind", "problem_fields", "by_kreis", "follow_ups",
                "strategies_by_status", "funding"):
        assert key in printed, key
    assert set(printed["funding"]) >= {"cost_cents", "own_share_cents", "requested_cents", "budget_cents"}
    # a Kreis by name, a consultant by initials (any case)
    kreis = json.loads(run("bilanz", "--von", "1.1.2025", "--kreis", "LK Görlitz", "--db", str(store_path)).stdout)
    assert kreis["scope"]["kreis"] == "14626" and kreis["communes_advised"] == 2
    kai = json.loads(run("bilanz", "--von", "1.1.2025", "--berater", "kb", "--db", str(store_path)).stdout)
    assert kai["scope"]["consultant"] == "kai" and kai["visits"] == 1
    first = json.loads(run("bilanz", "--programmjahr", "1", "--db", str(store_path)).stdout)
    assert first["period"] == {"from": "2019-02-06", "to": "2020-02-05"}


def test_wrong_calls_say_what_is_wrong_in_german_and_change_nothing(store_path, tmp_path):
    before = store_path.read_bytes()
    for args, words in ((("--von", "31.02.2025"), "kein gültiges Datum"),
                        (("--von", "01.03.2025", "--bis", "01.02.2025"), "liegt vor dem Beginn"),
                        (("--kreis", "Atlantis"), "Kein Kreis „Atlantis“"),
                        (("--berater", "ZZ"), "Kürzel „ZZ“"),
                        (("--programmjahr", "0"), "kein gültiges Programmjahr"),
                        (("--format", "pdf"), "ungültige Wahl: 'pdf'")):
        result = run("bilanz", *args, "--db", str(store_path))
        assert result.returncode == 2, args
        assert words in result.stderr.decode(), (args, result.stderr.decode())
        assert not result.stdout
    broken = tmp_path / "kaputt.json"
    broken.write_bytes(before[:200])
    result = run("bilanz", "--db", str(broken))
    assert result.returncode == 1 and "beschädigt" in result.stderr.decode()
    assert broken.read_bytes() == before[:200] and store_path.read_bytes() == before
    missing = run("bilanz", "--db", str(tmp_path / "gibtsnicht.json"))
    assert missing.returncode == 1 and not (tmp_path / "gibtsnicht.json").exists()


@pytest.fixture(scope="module")
def hostile_path(tmp_path_factory) -> Path:
    """A store whose user text (a consultant's name, a finding's place) is markup and formulas."""
    path = tmp_path_factory.mktemp("feindlich") / "s.json"
    with Store.open(path) as store:
        store.setup_device(HOSTILE, "HX")
        repos = Repositories(store)
        repos.create_visit(VisitData(commune=PIRNA, date=date(2025, 4, 1), consultants=(store.local.consultant_id,),
                                     summary="x", findings=(Finding(id="f1", problem_field="graffiti", severity=4,
                                                                    place=HOSTILE),)))
    return path


def test_every_file_holds_the_json_figures_and_hostile_text_literally(hostile_path, store_path, tmp_path):
    import csv
    from html.parser import HTMLParser

    import docx
    import openpyxl

    for path in (store_path, hostile_path):
        figures = json.loads(run("bilanz", "--von", "1.1.2025", "--db", str(path)).stdout)
        out = tmp_path / path.parent.name
        for fmt in ("csv", "md", "html", "xlsx", "docx", "json"):
            result = run("bilanz", "--von", "1.1.2025", "--format", fmt, "--out", str(out), "--db", str(path))
            assert result.returncode == 0, result.stderr.decode()
            assert "Bilanz 01.01.2025 – 31.12.2025 geschrieben" in result.stdout.decode()
        base = out / "bilanz_2025-01-01_2025-12-31"
        assert json.loads((out / f"{base.name}.json").read_text("utf-8")) == figures
        # CSV: UTF-8 with BOM, ';', decimal comma; the figures table as the JSON has them
        raw = (base / "kennzahlen.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
        by_label = {r[0]: r[1:] for r in rows[1:]}
        assert by_label["Kommunen beraten"][0] == str(figures["communes_advised"])
        assert by_label["Besuche"][:2] == [str(figures["visits"]), str(figures["previous"]["visits"])]
        requested = figures["funding"]["requested_cents"]
        assert by_label["RL KommPräv: beantragte Förderung"][0] == f"{requested // 100},{requested % 100:02d}"
        assert len(list(base.glob("*.csv"))) == 9
        # XLSX: read by openpyxl; numbers as numbers, euros with a € format, frozen header, charts
        book = openpyxl.load_workbook(out / f"{base.name}.xlsx")
        sheet = book["kennzahlen"]
        cells = {sheet.cell(r, 1).value: sheet.cell(r, 2) for r in range(5, sheet.max_row + 1)}
        assert cells["Kommunen beraten"].value == figures["communes_advised"]
        assert cells["RL KommPräv: beantragte Förderung"].value == requested / 100
        assert "€" in cells["RL KommPräv: beantragte Förderung"].number_format
        assert sheet.freeze_panes == "B5"
        assert book["besuche_nach_art"]._charts  # a native chart beside the table
        # DOCX: read back; the headline figures are in it
        text = "\n".join(p.text for p in docx.Document(str(out / f"{base.name}.docx")).paragraphs)
        tables_text = "\n".join(c.text for t in docx.Document(str(out / f"{base.name}.docx")).tables
                                for row in t.rows for c in row.cells)
        assert f"Kommunen beraten: {figures['communes_advised']}" in text
        # HTML: parses, holds SVG charts and the figures; no script element from user text
        page = (out / f"{base.name}.html").read_text("utf-8")
        tags: list[str] = []

        class Tags(HTMLParser):
            def handle_starttag(self, tag, attrs):
                tags.append(tag)

        Tags().feed(page)
        assert "script" not in tags and tags.count("svg") >= 4
        md = (out / f"{base.name}.md").read_text("utf-8")
        assert f"| Kommunen beraten | {figures['communes_advised']} |" in md
        if path == hostile_path:
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
            assert HOSTILE in tables_text  # DOCX stores the text as it is
            assert HOSTILE in [sheet.cell(r, 5).value for sheet in [book["schweregrade"]]
                               for r in range(5, sheet.max_row + 1)]
            assert "<script>" not in md and "\\[bold\\]" in md
            severities = (base / "schweregrade.csv").read_bytes().decode("utf-8-sig")
            assert HOSTILE.replace('"', '""') in severities


def test_the_command_reads_a_store_that_the_app_holds(store_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(store_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = run("bilanz", "--von", "01.01.2025", "--db", str(store_path))
        assert result.returncode == 0, result.stderr.decode()
        assert json.loads(result.stdout)["communes_advised"] == 3
    finally:
        holder.communicate("", timeout=30)


def test_the_bilanz_and_its_files_need_no_textual():
    """The Bilanz runs in HQ scripts and the CLI without the UI: no Textual, no Rich imported."""
    code = ("import sys, asskomm_tui.services.bilanz, asskomm_tui.services.bilanz_export, "
            "asskomm_tui.services.doc_model, asskomm_tui.cli_bilanz; "
            "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in ('textual', 'rich')}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("seed", [1, 7])
def test_the_demo_replays_what_the_programme_reported(tmp_path, seed):
    """asskomm demo: the first programme year shows 64 communes advised, 16 KPRs constituted or
    reactivated and the 8 model communes; up to November 2021, 126 communes contacted, KPRs in 26
    places, 29 cooperation agreements, 32 communes with a coach, 12 Sicherheitsanalysen, and the
    requested funding within each year's budget."""
    path = tmp_path / "demo.json"
    result = run("demo", "--db", str(path), "--seed", str(seed), "--bis", "26.11.2026")
    assert result.returncode == 0, result.stderr.decode()
    first = json.loads(run("bilanz", "--programmjahr", "1", "--db", str(path)).stdout)
    assert (first["communes_advised"], first["kpr_constituted_or_reactivated"], first["model_communes"]) == (64, 16, 8)
    with Store.snapshot(path) as store:
        models = sorted(r["data"]["name"] for r in store.raws("commune") if r["data"]["model_commune"])
    assert models == ["Chemnitz", "Freital", "Görlitz", "Leipzig", "Pirna", "Plauen", "Wurzen", "Zwickau"]
    nov = json.loads(run("bilanz", "--seit-beginn", "--bis", "30.11.2021", "--db", str(path)).stdout)
    assert nov["communes_advised"] == 126
    assert nov["kpr_active"] == 26
    assert nov["cooperation_agreements"] == 29
    assert nov["coaching"]["active"] == 32
    assert nov["security_analyses"] == 12
    years = nov["funding"]["by_year"]
    assert sum(y["requested_cents"] for y in years.values()) > 0  # there is funding to compare
    assert all(y["requested_cents"] <= y["budget_cents"] for y in years.values())


def test_hq_sets_the_yearly_budget_and_its_bundle_carries_it_to_a_laptop(tmp_path):
    from storage.errors import InvalidInputError
    from storage.sync.exchange import export_bundle, import_bundle
    from sync_helpers import new_store

    hq = new_store(tmp_path / "zentrale.json", "Zentrale LPR", "LP", role="hq")
    laptop = new_store(tmp_path / "laptop.json", "Anna Richter", "AR")
    try:
        assert Repositories(laptop).annual_budget_cents() == 130_000_000  # until HQ says otherwise
        with pytest.raises(InvalidInputError, match="Zentrale"):
            Repositories(laptop).set_annual_budget(1)
        Repositories(hq).set_annual_budget(250_000_000)
        bundle = export_bundle(hq, tmp_path / "aus", full=True).path
        report = import_bundle(laptop, bundle)
        assert report.applied and report.error is None
        assert Repositories(laptop).annual_budget_cents() == 250_000_000
        b = compute(laptop, Period.calendar_year(2026)).to_json()
        assert b["funding"]["budget_cents"] == 250_000_000
        assert b["funding"]["by_year"]["2026"]["budget_cents"] == 250_000_000
    finally:
        hq.close()
        laptop.close()
