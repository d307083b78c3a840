"""Target 2 (issue 8): from process start to an interactive first screen (5,000 visits), against a bare app.

Each repetition is a fresh ``python -m benchmarks.child`` process (see child.py). The clock starts
in this process just before the child is spawned, so interpreter start, imports, the app's start,
opening the store and the first frames are all included, for both sides:

- ``bare``: issue 8's baseline, a Textual ``App`` with Header, a focused Input, a DataTable of the
  418 communes and Footer. ``shown`` = its first frame with the 418 rows; then "a" is pressed and
  ``interactive`` = the first frame showing it in the Input.
- ``bare_input``: the baseline of the runs before issue 8 (one focused Input, nothing else), so
  that the old ratio can still be given.
- ``asskomm``: started as the ``asskomm`` command starts it (``asskomm_tui.cli`` imported, the
  arguments parsed, ``cli.load_app()``), then ``AsskommApp(store, today=26.11.2026)`` under
  ``run_test`` (80×24, headless). ``shown`` = the first frame of the Übersicht (the first screen)
  with its rows; then Down is pressed and ``interactive`` = the first frame in which the cursor of
  the focused table has moved (the key went through the app's ordered key handling, like a typed
  one). Then F3: ``rows_frame`` = the first frame of the Kommunen screen with all 418 rows (the
  measure of the runs before issue 8).

The verdict is ``interactive`` of asskomm over ``interactive`` of ``bare``. Bytecode is cached for
every child (``PYTHONPYCACHEPREFIX`` in the work folder, written by the warm-up runs) as after an
installation; this machine's environment sets ``PYTHONDONTWRITEBYTECODE=1``, with which every
asskomm start compiled the project's ~12,000 lines again while Textual's came compiled from pip.

Kinds alternate; the first run of each kind is a warm-up and is not counted. The regular start
finds today's daily backup already made; the "first start of the day" variant deletes the backups
before each run, so the start also copies the store into a new backup.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .common import child_env, fresh_copy, log, make_daily_backup, median, p95, ratio, remove_backups, run_child

VISITS = 5_000
REPS = 9
REPS_FIRST_OF_DAY = 5
# how it grows with the store (no verdict): fewer rounds, each with a bare run of its own
OTHER_SIZES = (500, 20_000)
REPS_OTHER = 5


def _phases(spawn: float, r: dict[str, Any]) -> dict[str, float]:
    out = {
        "total": r["interactive"] - spawn,
        "shown": r["shown"] - spawn,
        "interpreter": r["main"] - spawn,
        "imports": r["imported"] - r["import_start"],
        "first_frame_from_run_test": r["first_frame"] - r["run_test"],
        "shown_from_run_test": r["shown"] - r["run_test"],
        "shown_to_interactive": r["interactive"] - r["shown"],
        "cpu_interactive": r["interactive_cpu"],
    }
    if "rows_frame" in r:
        out["rows_frame"] = r["rows_frame"] - spawn
        out["f3_to_rows"] = r["rows_frame"] - r["f3_sent"]
    # diagnostics of the F3 part (missing if the product renamed the methods)
    if {"f3_action_start", "f3_action_end"} <= r.keys():
        out["f3_key_to_action"] = r["f3_action_start"] - r["f3_sent"]
        out["f3_action"] = r["f3_action_end"] - r["f3_action_start"]
    if {"rows_load_start", "rows_load_end"} <= r.keys():
        out["rows_load"] = r["rows_load_end"] - r["rows_load_start"]
    if {"rows_show_start", "rows_show_end"} <= r.keys() and "rows_frame" in r:
        out["rows_show"] = r["rows_show_end"] - r["rows_show_start"]
        out["show_to_frame"] = r["rows_frame"] - r["rows_show_end"]
    return out


def run(stores: dict[int, Path], work: Path, quick: bool = False) -> dict[str, Any]:
    reps = 3 if quick else REPS
    reps_first = 2 if quick else REPS_FIRST_OF_DAY
    store = fresh_copy(stores[VISITS], work / "start")
    make_daily_backup(store)
    env = child_env(PYTHONPYCACHEPREFIX=str(work / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "bare_input": [], "asskomm": [], "asskomm_first_of_day": []}
    loads: list[float] = []

    def bare(kind: str = "start-bare") -> dict[str, float]:
        spawn, r = run_child([kind], env)
        return _phases(spawn, r)

    def asskomm(first_of_day: bool = False) -> dict[str, float]:
        if first_of_day:
            remove_backups(store)
        spawn, r = run_child(["start-asskomm", "--db", str(store)], env)
        return _phases(spawn, r)

    log("start: warm-up (also compiles the bytecode)")
    bare()
    bare("start-bare-input")
    asskomm()
    for i in range(reps):
        log(f"start: round {i + 1}/{reps}")
        loads.append(os.getloadavg()[0])
        runs["bare"].append(bare())
        runs["asskomm"].append(asskomm())
        runs["bare_input"].append(bare("start-bare-input"))
        if i < reps_first:
            runs["asskomm_first_of_day"].append(asskomm(first_of_day=True))
    make_daily_backup(store)

    stats: dict[str, dict[str, dict[str, float]]] = {}
    for kind, samples in runs.items():
        stats[kind] = {}
        for phase in samples[0]:
            values = [s[phase] for s in samples if phase in s]
            stats[kind][phase] = {"median": median(values), "p95": p95(values), "n": len(values)}
    a, b, bi = stats["asskomm"], stats["bare"], stats["bare_input"]
    # the same ratio run by run (bare and asskomm of one round were started one after the other)
    paired = [x["total"] / y["total"] for x, y in zip(runs["asskomm"], runs["bare"])]
    result = {
        "visits": VISITS,
        "reps": reps,
        "stats": stats,
        "loadavg_1min": {"min": min(loads), "max": max(loads)},
        "ratio_total": ratio(a["total"]["median"], b["total"]["median"]),
        "ratio_total_paired": median(paired),
        "ratio_shown": ratio(a["shown"]["median"], b["shown"]["median"]),
        "ratio_cpu": ratio(a["cpu_interactive"]["median"], b["cpu_interactive"]["median"]),
        "ratio_first_of_day": ratio(stats["asskomm_first_of_day"]["total"]["median"], b["total"]["median"]),
        # the commune list with its 418 rows against the bare app's 418-row table
        "ratio_communes": ratio(a["rows_frame"]["median"], b["shown"]["median"]),
        # the measure before issue 8: commune list against the first frame of a lone Input
        "ratio_old": ratio(a["rows_frame"]["median"], bi["shown"]["median"]),
    }
    result["met"] = result["ratio_total"] <= 2.0

    by_size: dict[int, dict[str, float]] = {VISITS: {
        "bare": b["total"]["median"], "asskomm": a["total"]["median"], "asskomm_shown": a["shown"]["median"],
        "ratio": result["ratio_total"], "ratio_shown": result["ratio_shown"], "n": reps}}
    for visits in OTHER_SIZES:
        if visits not in stores:
            continue
        other = fresh_copy(stores[visits], work / f"start-{visits}")
        make_daily_backup(other)
        samples: dict[str, list[dict[str, float]]] = {"bare": [], "asskomm": []}
        spawn, r = run_child(["start-asskomm", "--db", str(other)], env)  # warm-up (page cache)
        for i in range(2 if quick else REPS_OTHER):
            log(f"start at {visits:,} visits: round {i + 1}")
            samples["bare"].append(bare())
            spawn, r = run_child(["start-asskomm", "--db", str(other)], env)
            samples["asskomm"].append(_phases(spawn, r))
        bt = median([x["total"] for x in samples["bare"]])
        at = median([x["total"] for x in samples["asskomm"]])
        ash = median([x["shown"] for x in samples["asskomm"]])
        bsh = median([x["shown"] for x in samples["bare"]])
        by_size[visits] = {"bare": bt, "asskomm": at, "asskomm_shown": ash, "ratio": ratio(at, bt),
                           "ratio_shown": ratio(ash, bsh), "n": len(samples["asskomm"])}
    result["by_size"] = {k: by_size[k] for k in sorted(by_size)}
    return result
