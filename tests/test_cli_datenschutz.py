"""``asskomm datenschutz suchen|auskunft|löschen``, run as the installed command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from storage import Repositories, Store
from storage.records import Contact

ASSKOMM = str(Path(sys.executable).with_name("asskomm"))
PIRNA = "14628270"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ASSKOMM_DB"}
    return subprocess.run([ASSKOMM, *args], capture_output=True, text=True, env=env, input=stdin, timeout=120)


@pytest.fixture
def store(tmp_path) -> Path:
    path = tmp_path / "s.json"
    with Store.open(path) as s:
        s.setup_device("Anna Richter", "AR")
        repos = Repositories(s)
        from storage.records import VisitData

        repos.create_visit(VisitData(commune=PIRNA, date=date(2026, 3, 4), summary="[b]Jörg Weißbach[/b] berichtet",
                                     participants=("Jörg Weissbach", "Bürgermeisterin")))
        commune = repos.commune(PIRNA)
        repos.save_commune(commune.data.model_copy(update={"contacts": (Contact(id="k1", name="Jörg Weißbach"),)}),
                           base_rev=commune.rev)
    return path


def test_search_access_and_erase(store, tmp_path):
    found = run("datenschutz", "suchen", "jörg", "weissbach", "--json", "--db", str(store))
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert {(h["kind"], h["field"]) for h in hits} == {("visit", "summary"), ("visit", "participants"),
                                                       ("commune", "contacts.name")}
    text = run("--db", str(store), "datenschutz", "suchen", "Jörg Weißbach")
    assert "3 Stellen" in text.stdout and "[b]Jörg Weißbach[/b]" in text.stdout

    out = tmp_path / "auskunft.md"
    access = run("datenschutz", "auskunft", "Jörg Weißbach", "--out", str(out), "--db", str(store))
    assert access.returncode == 0, access.stderr
    assert "Art. 15" in out.read_text(encoding="utf-8") and "Weißbach" in out.read_text(encoding="utf-8")

    before = store.read_bytes()
    refused = run("datenschutz", "löschen", "Jörg Weißbach", "--db", str(store))  # no terminal, no --ja
    assert refused.returncode == 1 and "--ja" in refused.stderr
    assert store.read_bytes() == before

    erased = run("datenschutz", "loeschen", "Jörg Weißbach", "--aktenzeichen", "AZ 9 Jörg Weißbach", "--ja",
                 "--db", str(store))
    assert erased.returncode == 0, erased.stderr
    assert "gelöscht" in erased.stdout and "1 Besuch" in erased.stdout and "AZ 9 [gelöscht]" in erased.stdout
    body = store.read_bytes()
    assert "Weißbach".encode() not in body and b"Weissbach" not in body
    assert run("check", "--db", str(store)).returncode == 0
    again = run("datenschutz", "suchen", "Jörg Weißbach", "--json", "--db", str(store))
    assert json.loads(again.stdout) == []


def test_a_wrong_name_and_a_missing_store_are_german_errors(tmp_path):
    short = run("datenschutz", "suchen", "A", "--db", str(tmp_path / "s.json"))
    assert short.returncode == 1 and "mindestens" in short.stderr
    missing = run("datenschutz", "löschen", "Jörg Weißbach", "--ja", "--db", str(tmp_path / "none.json"))
    assert missing.returncode == 1 and not (tmp_path / "none.json").exists()
