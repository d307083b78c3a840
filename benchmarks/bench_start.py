"""Target 2: from process start to an interactive commune list (5,000 visits), against a bare app.

Each repetition is a fresh ``python -m benchmarks.child`` process (see child.py). The clock starts
in this process just before the child is spawned, so interpreter start, imports, the app's start,
opening the store and the first frames are all included, for both sides:

- ``bare``: a minimal Textual ``App`` with one focused ``Input``; stops at its first frame.
- ``asskomm``: ``AsskommApp(store, today=26.11.2026)`` under ``run_test`` (80×24, headless); as soon
  as ``app.ready`` (store open, overview shown) the benchmark presses F3; stops at the first frame
  of the Kommunen screen in which the ListTable holds all 418 rows.

Bare and asskomm runs alternate; the first run of each kind is a warm-up and is not counted. The
regular start finds today's daily backup already made; the "first start of the day" variant
deletes the backups before each run, so the start also copies the store into a new backup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .common import child_env, fresh_copy, log, make_daily_backup, median, p95, ratio, remove_backups, run_child

VISITS = 5_000
REPS = 9
REPS_FIRST_OF_DAY = 5


def _phases(spawn: float, r: dict[str, Any], end_key: str) -> dict[str, float]:
    out = {
        "total": r[end_key] - spawn,
        "interpreter": r["main"] - spawn,
        "imports": r["imported"] - r["import_start"],
        "from_run_test": r[end_key] - r["run_test"],
        "first_frame_from_run_test": r["first_frame"] - r["run_test"],
    }
    if "ready" in r:
        out["ready_from_run_test"] = r["ready"] - r["run_test"]
        out["f3_to_rows"] = r[end_key] - r["ready"]
    # diagnostics of the F3 part (missing if the product renamed the methods)
    if {"f3_action_start", "f3_action_end"} <= r.keys():
        out["f3_key_to_action"] = r["f3_action_start"] - r["ready"]
        out["f3_action"] = r["f3_action_end"] - r["f3_action_start"]
    if {"rows_load_start", "rows_load_end"} <= r.keys():
        out["rows_load"] = r["rows_load_end"] - r["rows_load_start"]
    if {"rows_show_start", "rows_show_end"} <= r.keys():
        out["rows_show"] = r["rows_show_end"] - r["rows_show_start"]
        out["show_to_frame"] = r[end_key] - r["rows_show_end"]
    return out


def run(stores: dict[int, Path], work: Path, quick: bool = False) -> dict[str, Any]:
    reps = 3 if quick else REPS
    reps_first = 2 if quick else REPS_FIRST_OF_DAY
    store = fresh_copy(stores[VISITS], work / "start")
    make_daily_backup(store)
    env = child_env()
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "asskomm": [], "asskomm_first_of_day": []}

    def bare() -> dict[str, float]:
        spawn, r = run_child(["start-bare"], env)
        return _phases(spawn, r, "first_frame")

    def asskomm(first_of_day: bool = False) -> dict[str, float]:
        if first_of_day:
            remove_backups(store)
        spawn, r = run_child(["start-asskomm", "--db", str(store)], env)
        return _phases(spawn, r, "rows_frame")

    log("start: warm-up")
    bare()
    asskomm()
    for i in range(reps):
        log(f"start: round {i + 1}/{reps}")
        runs["bare"].append(bare())
        runs["asskomm"].append(asskomm())
        if i < reps_first:
            runs["asskomm_first_of_day"].append(asskomm(first_of_day=True))
    make_daily_backup(store)

    stats: dict[str, dict[str, dict[str, float]]] = {}
    for kind, samples in runs.items():
        stats[kind] = {}
        for phase in samples[0]:
            values = [s[phase] for s in samples if phase in s]
            stats[kind][phase] = {"median": median(values), "p95": p95(values), "n": len(values)}
    result = {
        "visits": VISITS,
        "reps": reps,
        "stats": stats,
        "ratio_total": ratio(stats["asskomm"]["total"]["median"], stats["bare"]["total"]["median"]),
        "ratio_from_run_test": ratio(stats["asskomm"]["from_run_test"]["median"],
                                     stats["bare"]["from_run_test"]["median"]),
        "ratio_first_of_day": ratio(stats["asskomm_first_of_day"]["total"]["median"],
                                    stats["bare"]["total"]["median"]),
    }
    result["met"] = result["ratio_total"] <= 2.0
    return result
