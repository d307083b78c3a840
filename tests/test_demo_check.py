"""The demo store generator and ``check_store``."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
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
