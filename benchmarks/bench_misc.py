"""Useful figures without a target: opening, lists, dossier, garbage collection, check, demo generation.

Each figure comes with a baseline measured in the same process (or, for the CLI, in the same kind
of child process), interleaved with it:

- ``Store.open`` (today's backup exists) and ``check_store``: against reading the file and parsing
  it with ``orjson.loads`` (the least any open or check must do).
- ``Store.open`` first of the day: the same, but it also makes the daily backup.
- ``commune_rows`` / ``dossier`` of the commune with the most visits, cold (the store's version
  was bumped, as after any save, so the per-commune grouping of all visit summaries is rebuilt)
  and warm (cached): against ``CAL``, a fixed CPU-bound workload of this process (see
  ``calibrate``); the ratio says how many CAL units it costs, which travels between machines
  better than milliseconds.
- ``gc.collect()`` with the store open: against the same collection before the store was opened.
- ``asskomm check`` (CLI, child process): against a child that only imports the same modules.
- demo generation: against CAL.
"""

from __future__ import annotations

import gc
import hashlib
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

from .common import ROOT, TODAY, child_env, fresh_copy, log, make_daily_backup, median, p95, ratio, remove_backups

REPS = {500: 9, 5_000: 7, 20_000: 5}


def _calibration_workload() -> None:
    import orjson

    data = [{"id": f"{i:08x}", "n": i, "tags": ["a", "b", str(i % 7)]} for i in range(20_000)]
    blob = orjson.dumps(data)
    orjson.loads(blob)
    sorted(data, key=lambda d: (d["tags"][2], d["id"]))
    hashlib.sha256(blob).hexdigest()


def calibrate(reps: int = 11) -> list[float]:
    """Timings of the fixed CAL workload (about 20-40 ms on a 2020s laptop core)."""
    out = []
    for _ in range(reps):
        t = time.perf_counter()
        _calibration_workload()
        out.append(time.perf_counter() - t)
    return out


def _time(fn: Callable[[], Any]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _stats(values: list[float]) -> dict[str, float]:
    return {"n": len(values), "median": median(values), "p95": p95(values)}


def _cli(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(args, cwd=ROOT, env=child_env(), capture_output=True, check=True, timeout=300)
    return time.perf_counter() - t


def run_size(source: Path, work: Path, visits: int, quick: bool) -> dict[str, Any]:
    import orjson

    from storage import Repositories, Store
    from storage.check import check_store

    reps = 2 if quick else REPS[visits]
    path = fresh_copy(source, work / f"misc-{visits}")
    make_daily_backup(path)
    size = path.stat().st_size
    out: dict[str, Any] = {"visits": visits, "file_bytes": size}

    def parse_floor() -> None:
        orjson.loads(path.read_bytes())

    # -- open (regular and first of the day) vs read + orjson.loads --------------------------------
    opens, floors, firsts = [], [], []
    for i in range(reps):
        floors.append(_time(parse_floor))
        store_box: list[Store] = []
        opens.append(_time(lambda: store_box.append(Store.open(path))))
        store_box[0].close()
        if i < max(1, reps // 2):
            remove_backups(path)
            store_box.clear()
            firsts.append(_time(lambda: store_box.append(Store.open(path))))
            store_box[0].close()
    out["parse_floor"] = _stats(floors)
    out["open"] = _stats(opens)
    out["open_first_of_day"] = _stats(firsts)
    out["open_ratio"] = ratio(median(opens), median(floors))
    out["open_first_ratio"] = ratio(median(firsts), median(floors))

    # -- garbage collection with and without the store --------------------------------------------
    gc.collect()
    gc_before = [_time(gc.collect) for _ in range(3)]
    store = Store.open(path)
    try:
        repos = Repositories(store)
        gc_with = [_time(gc.collect) for _ in range(3)]
        out["gc_without_store"] = _stats(gc_before)
        out["gc_with_store"] = _stats(gc_with)
        out["gc_ratio"] = ratio(median(gc_with), median(gc_before))
        out["gc_tracked_objects"] = len(gc.get_objects())

        # -- lists -----------------------------------------------------------------------------
        big = max(repos.commune_rows(TODAY), key=lambda r: r.visits)
        out["dossier_commune"], out["dossier_visits"] = big.name, big.visits
        n = reps * 3
        rows_cold, rows_warm, dossier_cold, dossier_warm = [], [], [], []
        for _ in range(n):
            store.version += 1  # what every save does: derived caches are rebuilt on next use
            rows_cold.append(_time(lambda: repos.commune_rows(TODAY)))
            rows_warm.append(_time(lambda: repos.commune_rows(TODAY)))
            store.version += 1
            dossier_cold.append(_time(lambda: repos.dossier(big.ags, TODAY)))
            dossier_warm.append(_time(lambda: repos.dossier(big.ags, TODAY)))
        out["commune_rows_cold"] = _stats(rows_cold)
        out["commune_rows_warm"] = _stats(rows_warm)
        out["dossier_cold"] = _stats(dossier_cold)
        out["dossier_warm"] = _stats(dossier_warm)
    finally:
        store.close()
        del store
        gc.collect()

    # -- check (in process and CLI) vs parse ------------------------------------------------------
    check_reps = 1 if quick else (3 if visits < 20_000 else 2)
    checks, check_floors = [], []
    for _ in range(check_reps):
        check_floors.append(_time(parse_floor))
        report_box: list[Any] = []
        checks.append(_time(lambda: report_box.append(check_store(path))))
        assert report_box[0].ok, report_box[0].problems[:3]
    out["check"] = _stats(checks)
    out["check_ratio"] = ratio(median(checks), median(check_floors))
    cli_base = [sys.executable, "-c", "import asskomm_tui.cli, storage.check"]
    cli = [sys.executable, "-m", "asskomm_tui", "check", "--db", str(path)]
    cli_times, cli_base_times = [], []
    for _ in range(check_reps):
        cli_base_times.append(_cli(cli_base))
        cli_times.append(_cli(cli))
    out["check_cli"] = _stats(cli_times)
    out["check_cli_imports_only"] = _stats(cli_base_times)
    out["check_cli_ratio"] = ratio(median(cli_times), median(cli_base_times))
    return out


def run(stores: dict[int, Path], work: Path, generation: dict[int, list[float]],
        quick: bool = False) -> dict[str, Any]:
    cal = calibrate(5 if quick else 11)
    sizes = []
    for visits, source in stores.items():
        log(f"misc: {visits} visits")
        sizes.append(run_size(source, work, visits, quick))
    cal += calibrate(5 if quick else 11)
    unit = median(cal)
    for entry in sizes:
        gen = generation.get(entry["visits"], [])
        entry["generate"] = _stats(gen) if gen else None
        entry["generate_cal"] = ratio(median(gen), unit) if gen else None
        for key in ("commune_rows_cold", "commune_rows_warm", "dossier_cold", "dossier_warm"):
            entry[key]["cal"] = ratio(entry[key]["median"], unit)
    return {"cal": _stats(cal), "sizes": sizes}
