"""Import and ``asskomm check`` apply one set of rules (item 12 of issue 7).

Each bundle here follows ``docs/bundle.schema.json`` (valid JSON, right types, revs and checksum
made to fit) but breaks a rule of meaning: a visit for a commune that does not exist, a finding with
an unknown problem field, commune records the packaged list does not hold or with empty names, a
consultant's bundle that extends the problem-field catalog. Each is refused with a German message
naming the record, the store stays byte-identical, and ``asskomm check`` still passes. What the
rules allow (an HQ bundle that adds a problem field and a visit using it) is taken, and the store
still passes ``check`` afterwards.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any, Callable

import pytest

from storage import Store
from storage.canonical import make_rev
from storage.check import check_store
from storage.demo import generate
from storage.sync.exchange import export_bundle, import_bundle
from sync_helpers import allow_plain_bundles, export_content, new_store, reseal, rerev, write_json

END = date(2026, 11, 26)
ASSKOMM = str(Path(sys.executable).with_name("asskomm"))  # the installed command


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> dict[str, Any]:
    """A real full export of a small demo store, with findings in its visits."""
    folder = tmp_path_factory.mktemp("rules")
    generate(folder / "demo.json", visits=12, seed=5, end=END)
    with Store.open(folder / "demo.json") as store:
        body = export_content(store, folder, full=True, initials="AR")
    assert any(r["data"].get("findings") for r in body["records"] if r["kind"] == "visit")
    return body


@pytest.fixture
def target(tmp_path) -> Path:
    """A consultant's store that passes ``check``."""
    path = tmp_path / "laptop.json"
    new_store(path, "Bernd Neumann", "BN").close()
    assert check_store(path).ok
    return path


def visit_with_findings(body: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in body["records"] if r["kind"] == "visit" and r["data"].get("findings"))


def new_record(template: dict[str, Any], record_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """A first revision of a record like ``template`` with another id and content."""
    record = copy.deepcopy(template)
    record.update(id=record_id, data=data, deleted=False)
    record["rev"] = make_rev(None, False, data)
    record["revs"] = [record["rev"].split("-", 1)[1]]
    return record


def unknown_commune(body: dict[str, Any]) -> None:
    visit = visit_with_findings(body)
    visit["data"]["commune"] = "14663574"
    rerev(visit)


def unknown_problem_field(body: dict[str, Any]) -> None:
    visit = visit_with_findings(body)
    visit["data"]["findings"][0]["problem_field"] = "jzad60566sjf"
    rerev(visit)


def commune_not_packaged(ags: str) -> Callable[[dict[str, Any]], None]:
    def change(body: dict[str, Any]) -> None:
        template = next(r for r in body["records"] if r["kind"] == "commune")
        data = {**template["data"], "ags": ags, "name": "0", "kreis": ""}
        body["records"].append(new_record(template, ags, data))
    return change


def empty_commune_name(body: dict[str, Any]) -> None:
    commune = next(r for r in body["records"] if r["kind"] == "commune")
    commune["data"]["name"] = " "
    rerev(commune)


def empty_kreis(body: dict[str, Any]) -> None:
    commune = next(r for r in body["records"] if r["kind"] == "commune")
    commune["data"]["kreis"] = " "
    rerev(commune)


def new_problem_field(body: dict[str, Any]) -> None:
    """A consultant's bundle brings a problem field of its own, and a finding that uses it."""
    template = next(r for r in body["records"] if r["kind"] == "consultant")
    data = {"code": "eigenes_feld", "name": "Eigenes Feld", "description": "", "active": True}
    field = new_record(template, "eigenes_feld", data)
    field["kind"] = "problem_field"
    body["records"].insert(0, field)
    visit = visit_with_findings(body)
    visit["data"]["findings"][0]["problem_field"] = "eigenes_feld"
    rerev(visit)


def programme_budget(body: dict[str, Any]) -> None:
    """A consultant's bundle sets the programme's yearly budget (only HQ does that)."""
    template = next(r for r in body["records"] if r["kind"] == "consultant")
    record = new_record(template, "programme", {"annual_budget_cents": 999_900})
    record["kind"] = "programme"
    body["records"].append(record)


CASES = [
    ("unknown-commune", unknown_commune, ["besuch", "unbekannte kommune 14663574"]),
    ("unknown-problem-field", unknown_problem_field, ["besuch", "unbekanntes problemfeld 'jzad60566sjf'"]),
    ("commune-14200000", commune_not_packaged("14200000"), ["kommune 14200000", "keine gemeinde"]),
    ("commune-14800000", commune_not_packaged("14800000"), ["kommune 14800000", "keine gemeinde"]),
    ("empty-commune-name", empty_commune_name, ["kommune", "name ist leer"]),
    ("empty-kreis", empty_kreis, ["kommune", "kreis ist leer"]),
    ("consultant-adds-problem-field", new_problem_field, ["problemfeld", "'eigenes_feld'", "zentrale"]),
    ("consultant-sets-budget", programme_budget, ["programmeinstellungen", "jahresbudget", "zentrale"]),
]


@pytest.mark.parametrize("name, change, words", CASES, ids=[c[0] for c in CASES])
def test_a_bundle_breaking_a_rule_is_refused_and_the_store_stays_sound(name, change, words, good, target,
                                                                       tmp_path):
    body = copy.deepcopy(good)
    change(body)
    path = write_json(tmp_path / f"{name}.json", reseal(body))
    before = target.read_bytes()

    # a plain file of the change-over: the rules are checked on a sealed file's content alike
    with Store.open(target) as store:
        preview = import_bundle(store, path, dry_run=True, allow_plain=True)
        report = import_bundle(store, path, allow_plain=True)
    assert report.error and not report.applied and preview.error == report.error
    message = report.error.lower()
    assert path.name.lower() in message and "datensatz" in message
    for word in words:
        assert word in message, (word, report.error)
    assert target.read_bytes() == before
    assert check_store(target).ok

    # the installed command says the same and exits 2
    allow_plain_bundles()
    done = subprocess.run([ASSKOMM, "import", str(path), "--db", str(target)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "ABGELEHNT" in done.stderr and report.error in done.stderr
    assert target.read_bytes() == before


def test_what_the_rules_allow_is_taken_and_check_still_passes(good, target, tmp_path):
    """An HQ bundle may add a problem field; a visit in the same bundle may use it."""
    body = copy.deepcopy(good)
    new_problem_field(body)
    body["origin"]["role"] = "hq"
    path = write_json(tmp_path / "zentrale.json", reseal(body))
    visit = visit_with_findings(body)

    with Store.open(target) as store:
        report = import_bundle(store, path, allow_plain=True)
        assert report.error is None and report.applied
        assert store.raw("problem_field", "eigenes_feld")["data"]["name"] == "Eigenes Feld"
        assert store.raw("visit", visit["id"])["data"]["findings"][0]["problem_field"] == "eigenes_feld"
    result = check_store(target)
    assert result.ok, result.problems
    done = subprocess.run([ASSKOMM, "check", "--db", str(target)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "in Ordnung" in done.stdout
