"""Target 4: peak memory at 20,000 visits, relative to the store file's size.

Every figure comes from a fresh child process (``python -m benchmarks.child memory``):

- ``baseline``: imports exactly what ``store`` imports, builds one VisitData, opens no store.
- ``store``: ``Store.open`` + ``Repositories.commune_rows`` + ``dossier`` of the commune with the most
  visits + ``create_visit`` (one durable save) + close.
- peak RSS is ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` at the end; the store's cost is
  median(store) − median(baseline), divided by the file size.
- tracemalloc (a second view): peak of Python allocations from ``tracemalloc.start()`` (after the
  imports) to the end, in a separate run (tracing itself costs memory, so it is not mixed with RSS).
- the full app (optional view): ``AsskommApp`` under ``run_test`` → F3 (418 rows) → dossier of the
  biggest commune → one saved visit, against a bare Textual app with the same imports.

``first of the day`` runs start without backups, so opening also copies the file into the daily
backup (reading the whole file once more); ``later`` runs find today's backup already there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .common import child_env, fresh_copy, log, make_daily_backup, median, ratio, remove_backups, run_child

VISITS = 20_000
REPS = 3


def run(stores: dict[int, Path], work: Path, quick: bool = False) -> dict[str, Any]:
    reps = 1 if quick else REPS
    store = fresh_copy(stores[VISITS], work / "memory")
    size = store.stat().st_size
    env = child_env()
    make_daily_backup(store)  # a "first of the day" child makes it again after removing it

    def child(mode: str, first_of_day: bool = False, traced: bool = False) -> dict[str, Any]:
        if first_of_day:
            remove_backups(store)
        args = ["memory", "--mode", mode, "--db", str(store)] + (["--tracemalloc"] if traced else [])
        result = run_child(args, env, via_shell=True)[1]
        if result["vm_hwm"] and abs(result["vm_hwm"] - result["peak_rss"]) > 0.05 * result["vm_hwm"]:
            raise RuntimeError(f"ru_maxrss {result['peak_rss']} disagrees with VmHWM {result['vm_hwm']}")
        return result

    samples: dict[str, list[dict[str, Any]]] = {k: [] for k in (
        "baseline", "store_later", "store_first_of_day", "app_baseline", "app")}
    for i in range(reps):
        log(f"memory: round {i + 1}/{reps}")
        samples["baseline"].append(child("baseline"))
        samples["store_later"].append(child("store"))
        samples["store_first_of_day"].append(child("store", first_of_day=True))
        samples["app_baseline"].append(child("app-baseline"))
        samples["app"].append(child("app"))
    log("memory: tracemalloc")
    traced_later = child("store", traced=True)
    traced_first = child("store", first_of_day=True, traced=True)

    peak = {k: median([s["peak_rss"] for s in v]) for k, v in samples.items()}
    out: dict[str, Any] = {
        "visits": VISITS,
        "file_bytes": size,
        "reps": reps,
        "peak_rss": peak,
        "dossier": samples["store_later"][0].get("dossier_commune"),
        "dossier_visits": samples["store_later"][0].get("dossier_visits"),
    }
    for variant in ("store_later", "store_first_of_day"):
        delta = peak[variant] - peak["baseline"]
        out[variant] = {"delta": delta, "ratio": ratio(delta, size)}
    app_delta = peak["app"] - peak["app_baseline"]
    out["app"] = {"delta": app_delta, "ratio": ratio(app_delta, size)}
    out["tracemalloc"] = {
        "later": {"peak": traced_later["tracemalloc_peak"], "ratio": ratio(traced_later["tracemalloc_peak"], size)},
        "first_of_day": {"peak": traced_first["tracemalloc_peak"],
                         "ratio": ratio(traced_first["tracemalloc_peak"], size)},
    }
    worst = max(out["store_later"]["ratio"], out["store_first_of_day"]["ratio"])
    out["met"] = worst <= 5.0
    return out
