"""The demo store generator and ``check_store``."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from storage import Repositories, Store, demo
from storage.check import check_store

END = date(2025, 6, 30)
VISITS = 150
MODEL_COMMUNES = {"Chemnitz", "Freital", "Görlitz", "Leipzig", "Pirna", "Plauen", "Wurzen", "Zwickau"}


def rev_for(parent: str | None, deleted: bool, data: dict) -> tuple[str, str]:
    """(rev, hash) computed independently of storage.canonical."""
    body = json.dumps({"parent": parent, "deleted": deleted, "data": data},
                      sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    h = hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]
    n = int(parent.split("-")[0]) + 1 if parent else 1
    return f"{n}-{h}", h


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    return demo.generate(tmp_path_factory.mktemp("demo") / "demo.json", visits=VISITS, seed=5, end=END)


@pytest.fixture
def copy(demo_file, tmp_path) -> Path:
    target = tmp_path / "kopie.json"
    shutil.copyfile(demo_file, target)
    return target


def tables_of(path: Path) -> dict:
    return json.loads(path.read_bytes())


def write_tables(path: Path, tables: dict) -> None:
    path.write_text(json.dumps(tables, ensure_ascii=False), "utf-8")


# -- the generator ------------------------------------------------------------------------------
def test_same_seed_size_and_end_give_byte_identical_files(demo_file, tmp_path):
    again = demo.generate(tmp_path / "nochmal" / "demo.json", visits=VISITS, seed=5, end=END)
    assert again.read_bytes() == demo_file.read_bytes()


def test_other_seeds_sizes_or_end_dates_give_other_stores(demo_file, tmp_path):
    original = demo_file.read_bytes()
    other_seed = demo.generate(tmp_path / "a.json", visits=VISITS, seed=6, end=END)
    other_end = demo.generate(tmp_path / "b.json", visits=VISITS, seed=5, end=date(2025, 7, 31))
    other_size = demo.generate(tmp_path / "c.json", visits=VISITS + 1, seed=5, end=END)
    for path in (other_seed, other_end, other_size):
        assert path.read_bytes() != original
    ids = {d["id"] for d in tables_of(demo_file)["visit"].values()}
    assert not ids & {d["id"] for d in tables_of(other_seed)["visit"].values()}


def test_generate_refuses_to_overwrite_and_absurd_sizes(demo_file, tmp_path):
    before = demo_file.read_bytes()
    with pytest.raises(FileExistsError):
        demo.generate(demo_file, visits=10)
    assert demo_file.read_bytes() == before
    with pytest.raises(ValueError):
        demo.generate(tmp_path / "x.json", visits=demo.MAX_VISITS + 1)
    with pytest.raises(ValueError):
        demo.generate(tmp_path / "y.json", visits=-1)


def test_demo_store_looks_like_real_work(demo_file):
    tables = tables_of(demo_file)
    communes = [d["data"] for d in tables["commune"].values()]
    consultants = {d["id"]: d["data"] for d in tables["consultant"].values()}
    visits = [d["data"] for d in tables["visit"].values()]
    assert len(communes) == 418
    assert 10 <= len(consultants) <= 14
    assert len({c["name"] for c in consultants.values()}) == len(consultants)
    assert all(c["email"].endswith("@example.org") for c in consultants.values())
    assert len(visits) == VISITS
    ags = {c["ags"] for c in communes}
    days = sorted(date.fromisoformat(v["date"]) for v in visits)
    assert days[0] >= demo.START and days[-1] <= END
    assert len({d.year for d in days}) >= 5  # spread over several years
    assert all(v["commune"] in ags for v in visits)
    assert all(set(v["consultants"]) <= set(consultants) and v["consultants"] for v in visits)
    with_findings = [v for v in visits if v["findings"]]
    assert len(with_findings) > VISITS // 2
    follow_ups = [f for v in visits for f in v["follow_ups"]]
    assert any(f["done"] for f in follow_ups) and any(not f["done"] for f in follow_ups)
    assert any(not f["done"] and date.fromisoformat(f["due"]) < END for f in follow_ups)  # overdue
    members = [c for c in communes if c["member_since"]]
    assert 40 <= len(members) <= 80
    assert {c["name"] for c in communes if c["model_commune"]} == MODEL_COMMUNES
    assert MODEL_COMMUNES <= {c["name"] for c in members}
    assert all(c["member_since"] == demo.START.isoformat() for c in members if c["model_commune"])
    statuses = {c["kpr_status"] for c in members}
    assert len(statuses) >= 3 and "none" not in statuses
    assert {c["kpr_status"] for c in communes if not c["member_since"]} == {"none"}
    assert any(c["contacts"] for c in members)
    local = tables["_local"]["1"]
    assert local["consultant_id"] in consultants and local["seq"] > 0


def test_demo_store_opens_with_a_consultant_set_up(copy):
    with Store.open(copy) as store:
        repos = Repositories(store)
        assert not store.needs_setup
        assert repos.me() is not None
        facts = repos.facts()
        assert (facts.communes, facts.visits, facts.consultants) == (418, VISITS, len(repos.consultants()))
        assert facts.members >= 40
        assert repos.recent_visits(store.local.consultant_id)  # the device's consultant has visits


# -- check_store --------------------------------------------------------------------------------
def test_check_store_is_ok_on_a_demo_store_and_never_writes(demo_file):
    before = demo_file.read_bytes()
    report = check_store(demo_file)
    assert report.ok, report.problems[:5]
    assert report.counts["commune"] == 418 and report.counts["visit"] == VISITS
    assert demo_file.read_bytes() == before


def _some_visit(tables: dict) -> tuple[str, dict]:
    doc_id = sorted(tables["visit"])[0]
    return doc_id, tables["visit"][doc_id]


def _rehash(doc: dict) -> None:
    """Give an edited first revision the rev it would have had: only the meaning is wrong."""
    assert doc["rev"].startswith("1-")
    doc["rev"], h = rev_for(None, doc["deleted"], doc["data"])
    doc["revs"] = [h]


def test_check_reports_a_tampered_field(copy):
    tables = tables_of(copy)
    doc_id, doc = _some_visit(tables)
    doc["data"]["summary"] = "nachträglich geändert"
    write_tables(copy, tables)
    before = copy.read_bytes()
    report = check_store(copy)
    assert not report.ok
    assert report.problems == [f"visit/{doc['id']} (Dokument {doc_id}): "
                               "rev passt nicht zum Inhalt (Daten wurden verändert)."]
    assert copy.read_bytes() == before


def test_check_reports_a_visit_in_an_unknown_commune(copy):
    tables = tables_of(copy)
    _, doc = _some_visit(tables)
    doc["data"]["commune"] = "14999999"
    _rehash(doc)
    write_tables(copy, tables)
    (problem,) = check_store(copy).problems
    assert doc["id"] in problem and "unbekannte Kommune 14999999" in problem


def test_check_reports_an_unknown_problem_field(copy):
    tables = tables_of(copy)
    doc = next(d for d in tables["visit"].values() if d["data"]["findings"])
    doc["data"]["findings"][0]["problem_field"] = "ufo_sichtungen"
    _rehash(doc)
    write_tables(copy, tables)
    (problem,) = check_store(copy).problems
    assert doc["id"] in problem and "unbekanntes Problemfeld 'ufo_sichtungen'" in problem


@pytest.mark.parametrize("field,value,words", [
    ("severity", 9, ["ungültig", "severity"]),
    ("summary", "rot \x1b[31m", ["ungültig", "summary", "Steuerzeichen"]),
])
def test_check_reports_a_record_failing_validation(copy, field, value, words):
    tables = tables_of(copy)
    doc = next(d for d in tables["visit"].values() if d["data"]["findings"])
    if field == "severity":
        doc["data"]["findings"][0]["severity"] = value
    else:
        doc["data"][field] = value
    _rehash(doc)
    write_tables(copy, tables)
    (problem,) = check_store(copy).problems
    assert doc["id"] in problem
    for word in words:
        assert word in problem


def test_check_reports_broken_json(copy):
    broken = copy.read_bytes()[:-500]
    copy.write_bytes(broken)
    report = check_store(copy)
    assert not report.ok
    (problem,) = report.problems
    assert str(copy) in problem and "beschädigt" in problem
    assert copy.read_bytes() == broken


def test_check_reports_a_missing_file(tmp_path):
    report = check_store(tmp_path / "fehlt.json")
    assert not report.ok and "existiert nicht" in report.problems[0]


# -- the showcase of ``asskomm --demo`` (issue 7, item 29) --------------------------------------------------
SHOW_END = date(2026, 11, 26)


@pytest.fixture(scope="module")
def showcase_file(tmp_path_factory) -> Path:
    return demo.generate(tmp_path_factory.mktemp("show") / "demo.json", visits=60, seed=1, end=SHOW_END,
                         showcase=True)


def test_the_showcase_is_reproducible_and_only_asked_for(showcase_file, tmp_path):
    again = demo.generate(tmp_path / "again.json", visits=60, seed=1, end=SHOW_END, showcase=True)
    assert again.read_bytes() == showcase_file.read_bytes()
    plain = tables_of(demo.generate(tmp_path / "plain.json", visits=60, seed=1, end=SHOW_END))
    assert "strategy" not in plain and "conflict" not in plain  # test stores stay as they were
    tiny = tables_of(demo.generate(tmp_path / "tiny.json", visits=9, seed=1, end=SHOW_END, showcase=True))
    assert "strategy" not in tiny and len(tiny["visit"]) == 9  # too few visits to build on


def test_the_showcase_passes_the_check_and_keeps_the_visit_count(showcase_file):
    report = check_store(showcase_file)
    assert report.ok, report.problems[:5]
    assert report.counts["visit"] == 60 and report.counts["strategy"] == 5 and report.counts["conflict"] == 2


def test_the_showcase_has_strategies_in_every_status_with_their_parts(showcase_file):
    tables = tables_of(showcase_file)
    strategies = [d["data"] for d in tables["strategy"].values()]
    visits = {d["id"]: d["data"] for d in tables["visit"].values()}
    assert {s["status"] for s in strategies} == {"draft", "agreed", "in_progress", "evaluated"}
    assert len({s["commune"] for s in strategies}) >= 4
    agreed = next(s for s in strategies if s["status"] == "agreed")
    assert agreed["agreed_on"] and agreed["agreed_with"]
    fundings = {m["funding"] for s in strategies for m in s["measures"]}
    assert {"rl_kommpraev", "municipal_budget", "third_party"} <= fundings
    rl = [m for s in strategies for m in s["measures"] if m["funding"] == "rl_kommpraev" and m["state"] != "dropped"]
    assert any(m["own_share_cents"] * 10 < m["cost_cents"] for m in rl)  # the check has something to say
    assert any(m["own_share_cents"] * 10 >= m["cost_cents"] for m in rl)
    for s in strategies:
        assert s["problem_description"] and s["cause_analysis"] and s["goals"] and s["measures"]
        assert s["evaluation_items"] and all(g["target_group"] for g in s["goals"])
        first, last = date(s["period_start"], 1, 1), date(s["period_end"], 12, 31)
        for m in s["measures"]:
            assert m["lead"] and m["partners"] and m["cost_cents"] > 0
            assert first <= date.fromisoformat(m["start"]) <= date.fromisoformat(m["end"]) <= last
        # the picked findings are the commune's own, as they were found
        assert s["findings"]
        for ref in s["findings"]:
            visit = visits[ref["visit_id"]]
            assert visit["commune"] == s["commune"] and visit["date"] == ref["visit_date"]
            finding = next(f for f in visit["findings"] if f["id"] == ref["finding_id"])
            assert finding["problem_field"] == ref["problem_field"] and finding["place"] == ref["place"]


def test_the_showcase_gives_this_devices_consultant_work_due_this_week(showcase_file):
    tables = tables_of(showcase_file)
    me = tables["_local"]["1"]["consultant_id"]
    mine = [f for d in tables["visit"].values() if me in d["data"]["consultants"] for f in d["data"]["follow_ups"]
            if not f["done"] and f["due"]]
    days = [date.fromisoformat(f["due"]) for f in mine]
    assert sum(SHOW_END <= d <= SHOW_END + timedelta(days=6) for d in days) >= 3
    assert any(d < SHOW_END for d in days)  # and overdue ones


def test_the_showcase_holds_a_visit_and_a_strategy_edited_on_two_devices(showcase_file):
    with Store.open(showcase_file) as store:
        assert {kind for kind, _ in store.conflicted()} == {"visit", "strategy"}
        for kind, record_id in store.conflicted():
            a, b = store.leaves(kind, record_id)
            assert a["origin"] != b["origin"] and a["updated_by"] != b["updated_by"]
            assert a["revs"][1] == b["revs"][1] and a["rev"].startswith("2-") and b["rev"].startswith("2-")
            assert a["data"] != b["data"]
        # the strategy in progress went through three revisions, kept for its history
        pirna = next(r for r in store.raws("strategy") if r["data"]["status"] == "in_progress"
                     and r["data"]["commune"] == "14628270")
        assert [h["rev"][0] for h in store.history("strategy", pirna["id"])] == ["3", "2", "1"]
        assert store.local.seq >= max(leaf["seq"] for k in store.conflicted() for leaf in store.leaves(*k)
                                      if leaf["origin"] == store.local.device_id)


def test_asskomm_demo_writes_the_showcase_and_check_passes(tmp_path):
    import subprocess

    exe = shutil.which("asskomm", path=str(Path(__file__).resolve().parents[1] / ".venv" / "bin")) or "asskomm"
    target = tmp_path / "demo.json"
    made = subprocess.run([exe, "demo", "--db", str(target), "--visits", "40", "--bis", "26.11.2026"],
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    checked = subprocess.run([exe, "check", "--db", str(target)], capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "5 Strategien" in checked.stdout and "2 Konfliktversionen" in checked.stdout


def test_the_showcase_with_the_programme_s_history_is_the_same_in_every_process(tmp_path):
    """Same seed and end date, same bytes, also for ``asskomm demo`` (the programme's history): two
    processes with other string hashes must write the same file."""
    import os
    import subprocess
    import sys

    asskomm = str(Path(sys.executable).with_name("asskomm"))
    files = []
    for hash_seed in ("1", "2"):
        path = tmp_path / f"demo-{hash_seed}.json"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([asskomm, "demo", "--db", str(path), "--visits", "700", "--seed", "3",
                               "--bis", "26.11.2026"], capture_output=True, text=True, timeout=120, env=env)
        assert done.returncode == 0, done.stderr
        files.append(path.read_bytes())
    assert files[0] == files[1]
