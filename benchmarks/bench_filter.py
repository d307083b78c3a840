"""Target 3: a keystroke in the commune filter to the updated table on screen (20,000 visits).

Four child processes, each typing the same 48-key sequence (``gorlitz``, ``leipzig``, ``pirna``,
``14628``, each typed and then erased with Backspace) ``PASSES`` times:

- ``bare``: a Textual ``App`` with a single ``Input``; a key's latency ends at the first frame after
  the key in which the Input shows the new text.
- ``asskomm``: the Kommunen screen of ``AsskommApp`` on the 20,000-visit store; a key's latency ends
  at the first frame after the key in which the search box shows the new text *and* the ListTable
  holds exactly the rows the screen's own search returns for it (computed before the clock runs).

Both start just before ``await pilot.press(key)``. The cursor blink of both inputs is switched off
(blink frames would otherwise interleave). Each pair runs with ``TEXTUAL_FPS=1000`` (Textual's frame
pacing then waits 1 ms instead of up to 16.7 ms, so the figures show the processing time) and with
the default 60 fps (what a user sees). Four keys of warm-up are not counted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .common import child_env, fresh_copy, log, make_daily_backup, median, p95, ratio, run_child

VISITS = 20_000
PASSES = 3
FPS = ("1000", "60")


def _stats(values: list[float]) -> dict[str, float]:
    return {"n": len(values), "median": median(values), "p95": p95(values), "max": max(values)}


def run(stores: dict[int, Path], work: Path, quick: bool = False) -> dict[str, Any]:
    passes = 1 if quick else PASSES
    store = fresh_copy(stores[VISITS], work / "filter")
    make_daily_backup(store)
    out: dict[str, Any] = {"visits": VISITS, "passes": passes, "keys_per_pass": 48, "fps": {}}
    for fps in FPS:
        env = child_env(TEXTUAL_FPS=fps) if fps != "60" else child_env()
        log(f"filter: bare, {fps} fps")
        _, bare = run_child(["filter-bare", "--passes", str(passes)], env)
        log(f"filter: asskomm, {fps} fps")
        _, app = run_child(["filter-asskomm", "--db", str(store), "--passes", str(passes)], env)
        b, a = _stats(bare["latencies"]), _stats(app["latencies"])
        entry = {
            "bare": b,
            "asskomm": a,
            "filter_inside_key": _stats(app["filter_times"]) if app["filter_times"] else None,
            "frame_production_bare": _stats(bare["updates"]) if bare.get("updates") else None,
            "frame_production_asskomm": _stats(app["updates"]) if app.get("updates") else None,
            "gc_asskomm": app["gc"],
            "gc_bare": bare["gc"],
            "ratio_median": ratio(a["median"], b["median"]),
            "ratio_p95": ratio(a["p95"], b["p95"]),
            "slowest_keys": sorted(zip(app["latencies"], app["keys"]), reverse=True)[:5],
        }
        entry["met_p95_16ms"] = a["p95"] <= 0.016
        entry["met_ratio"] = entry["ratio_median"] <= 2.0 and entry["ratio_p95"] <= 2.0
        entry["met"] = entry["met_p95_16ms"] and entry["met_ratio"]
        out["fps"][fps] = entry
    out["met"] = out["fps"]["1000"]["met"]
    return out
