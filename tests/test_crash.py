"""Other processes: kill -9 in the middle of writing, two instances on one store, a damaged file."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from storage import CorruptStoreError, Store, StoreLockedError, demo
from storage.check import check_store
from storage.durable import TEMP_MARK

WRITER = r"""
import sys
from datetime import date, timedelta
from storage import Repositories, Store
from storage.records import Finding, FollowUp, VisitData

store = Store.open(sys.argv[1])
repos = Repositories(store)
communes = sorted(store.ids("commune"))
print("ready", flush=True)
i = 0
while True:
    day = date(2024, 1, 1) + timedelta(days=i % 365)
    record = repos.create_visit(VisitData(
        commune=communes[i % len(communes)], date=day, summary=f"Besuch {i}\nzweite Zeile",
        findings=(Finding(id="f1", problem_field="graffiti", severity=1 + i % 4),),
        follow_ups=(FollowUp(id="u1", text=f"Aufgabe {i}", due=day + timedelta(days=14)),),
    ))
    print(record.id, flush=True)
    i += 1
"""

HOLDER = r"""
import sys
from storage import Store

store = Store.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()  # hold the store until the test closes our stdin
store.close()
print("closed", flush=True)
"""

OPENER = r"""
import sys
from storage import Store, StoreError

try:
    Store.open(sys.argv[1]).close()
except StoreError as exc:
    print(type(exc).__name__)
    print(exc.message)
    sys.exit(3)
print("opened")
"""


def spawn(script: str, path: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, **kwargs)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if TEMP_MARK in p.name)


def test_kill_9_never_loses_a_confirmed_visit(tmp_path):
    path = demo.generate(tmp_path / "s.json", visits=200, seed=11, end=date(2025, 6, 30))
    seed = int.from_bytes(os.urandom(4), "little")
    rng = random.Random(seed)
    confirmed: set[str] = set()
    kills = 0
    while kills < 28:
        proc = spawn(WRITER, path)
        if rng.random() < 0.2:
            # kill at a random moment of start-up: while opening, backing up or seeding
            time.sleep(rng.uniform(0.0, 0.4))
        else:
            ready = proc.stdout.readline()
            assert ready == b"ready\n", (seed, ready, proc.stderr.read().decode())
            # kill at a random moment while visits are being written
            time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert proc.returncode == -signal.SIGKILL, (seed, proc.stderr.read().decode())
        out = proc.stdout.read().decode().split()
        proc.stdout.close()
        proc.stderr.close()
        confirmed.update(line for line in out if line != "ready")
        kills += 1
        # the lock file of the dead writer is still there, but it must not block
        assert path.with_name(path.name + ".lock").exists()
        with Store.open(path) as store:
            stored = set(store.ids("visit"))
            missing = confirmed - stored
            assert not missing, f"seed {seed}: kill {kills} lost confirmed visits {sorted(missing)[:5]}"
            for visit_id in list(confirmed)[-3:]:
                assert store.get("visit", visit_id).data.summary.startswith("Besuch ")
        assert leftovers(path.parent) == []  # Store.open cleaned what a killed write left
    assert len(confirmed) >= 50, f"seed {seed}: the writers barely wrote ({len(confirmed)} visits)"
    report = check_store(path)
    assert report.ok, (seed, report.problems[:5])
    assert report.counts["visit"] >= 200 + len(confirmed)


def test_a_second_instance_is_refused_while_the_first_holds_the_store(tmp_path):
    path = tmp_path / "s.json"
    Store.open(path).close()
    holder = spawn(HOLDER, path, stdin=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"ready\n", holder.stderr.read().decode()
        before = path.read_bytes()
        with pytest.raises(StoreLockedError) as err:
            Store.open(path)
        message = err.value.message
        assert str(path) in message
        assert "bereits" in message and "geöffnet" in message
        assert f"Prozess {holder.pid}" in message
        other = subprocess.run([sys.executable, "-c", OPENER, str(path)], capture_output=True, text=True)
        assert other.returncode == 3, other.stderr
        kind, text = other.stdout.split("\n", 1)
        assert kind == "StoreLockedError" and str(path) in text
        assert path.read_bytes() == before
    finally:
        holder.stdin.close()
        holder.wait()
    assert holder.stdout.read() == b"closed\n"
    holder.stdout.close()
    holder.stderr.close()
    with Store.open(path) as store:
        assert store.count("commune") == 418
    again = subprocess.run([sys.executable, "-c", OPENER, str(path)], capture_output=True, text=True)
    assert (again.returncode, again.stdout) == (0, "opened\n"), again.stderr


def test_one_process_cannot_open_the_same_store_twice(tmp_path):
    path = tmp_path / "s.json"
    with Store.open(path):
        with pytest.raises(StoreLockedError):
            Store.open(tmp_path / "." / "s.json")
    Store.open(path).close()


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_a_corrupt_store_is_refused_with_a_clear_message_and_left_alone(tmp_path, damage):
    path = tmp_path / "s.json"
    with Store.open(path) as store:
        store.put("visit", "v1", {"commune": "14628270", "date": "2024-01-01"}, base_rev=None)
    good = path.read_bytes()
    broken = good[: len(good) * 2 // 3] if damage == "truncated" else os.urandom(4096)
    path.write_bytes(broken)
    tree = _tree(tmp_path)

    result = subprocess.run([sys.executable, "-c", OPENER, str(path)], capture_output=True, text=True)
    assert result.returncode == 3, result.stderr
    kind, message = result.stdout.split("\n", 1)
    assert kind == "CorruptStoreError"
    assert str(path) in message
    assert "beschädigt" in message and "nicht verändert" in message and "Sicherung" in message
    with pytest.raises(CorruptStoreError):
        Store.open(path)
    # the file is byte-identical, and nothing (no backup, no temp file) was added or replaced
    assert path.read_bytes() == broken
    assert _tree(tmp_path) == tree
