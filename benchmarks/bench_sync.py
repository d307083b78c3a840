"""Issue 3: import and export of bundles (20,000 visits), and the app's responsiveness while they run.

Setup (off the clock, in this process): an HQ store is made that has accepted the laptop of a copy
of the 20,000-visit demo store, which pinned HQ's key (issue 10); the laptop exports twice with
``export_bundle(store, file, full=True)``: bundles A and B hold the same records under different
``bundle_id``s, sealed to HQ and signed. Copies of the HQ store (with its key file) are the fresh
stores every import starts from, so each import checks the signature, decrypts, then validates.

**Store level** (one child process, ``python -m benchmarks.child sync-store``, so that the garbage
collector sees only this work and not what earlier benchmarks of the run left in memory). Each
round runs three blocks, their order rotating from round to round:

- ``baseline``: read bundle A's content (decrypted once, off the clock) + ``orjson.loads`` + ``RECORD_ADAPTER.validate_json(orjson.dumps(r),
  strict=True)`` for every record, exactly the per-record validation ``read_bundle`` does. Also, as a
  view, the cheapest "parse and validate" there is: ``Bundle.model_validate_json(file, strict=True)``
  (pydantic parses and validates the whole file in one pass).
- ``import``: a fresh HQ store (made off the clock), then, timed one by one,
  ``import_bundle(store, A)`` (everything new), ``import_bundle(store, A)`` again (the same file: the
  ledger knows the bundle_id) and ``import_bundle(store, B)`` (same records, new bundle_id: every
  record is unchanged, but the ledger gets an entry, so the store is written).
- ``export``: ``export_bundle(store, file, full=True)`` on the 20,000-visit store (opened once, as
  the app keeps it open), and the floor: ``orjson.dumps`` of the same records list (as exported) +
  temp file, fsync, ``os.replace`` (the floor of target 1).

One warm-up round is not counted. Verdicts on the medians; "paired" = median of the per-round
ratios. A last, uncounted round splits import and export into their phases (wrapped functions).

**App level** (``python -m benchmarks.child sync-app``): the app runs headless (80×24) on the
fresh HQ store (import) or the 20,000-visit store (export), on the Sync screen (F4). A
heartbeat changes the header's subtitle every 1/60 s, so the app wants a new frame at least that
often, and a key (``x`` / Backspace, alternating) is posted into the folder input every 40 ms
(straight to the driver, like ``pilot.press`` but without its wait for an idle process). Measured
for an idle stretch first, then during the operation started through the screen's own workers:
import = ``_plan([file])`` (read, validate, merge; with the screen's progress callback), then the
import preview's "apply" (``_apply``: backup, write); export = F5's ``action_export`` (full).
Reported: the longest gap between frames, the key latencies (key posted → first frame showing the
folder's new text), the longest event-loop stall, progress callbacks and garbage collections.
"""

from __future__ import annotations

import gc
import shutil
import time
from pathlib import Path
from typing import Any, Callable

from .common import child_env, fresh_copy, log, make_daily_backup, median, p95, percentile, ratio, run_child

VISITS = 20_000
ROUNDS = 5
WARMUP = 1
APP_RUNS = 2  # per operation and frame rate
FPS = ("1000", "60")
TARGET_IMPORT = 3.0  # import ≤ 3× parse + validate
TARGET_REIMPORT = 1.5  # import again ≤ half of that
TARGET_EXPORT = 2.0  # export ≤ 2× serialize + write


# -- the store-level child ---------------------------------------------------------------------------
class _GcLog:
    """Garbage collections while active: (generation, seconds)."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float]] = []
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.pauses.append((info["generation"], time.perf_counter() - self._start))

    def take(self) -> dict[str, float]:
        out = {"total": sum(d for _, d in self.pauses),
               "gen2_count": sum(1 for g, _ in self.pauses if g == 2),
               "gen2_max": max((d for g, d in self.pauses if g == 2), default=0.0)}
        self.pauses = []
        return out

    def stop(self) -> None:
        gc.callbacks.remove(self._callback)


class _Patch:
    """Time calls of ``owner.name`` (cumulative seconds and count into ``acc[label]``) until undone."""

    def __init__(self) -> None:
        self._undo: list[tuple[Any, str, Any, bool]] = []

    def time(self, owner: Any, name: str, acc: dict[str, list[float]], label: str) -> None:
        original = getattr(owner, name)
        own = name in vars(owner)  # False for a method of an instance: undo by deleting the override

        def timed(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                entry = acc.setdefault(label, [0.0, 0])
                entry[0] += time.perf_counter() - t
                entry[1] += 1

        self._undo.append((owner, name, original, own))
        setattr(owner, name, timed)

    def undo(self) -> None:
        for owner, name, original, own in reversed(self._undo):
            if own:
                setattr(owner, name, original)
            else:
                delattr(owner, name)
        self._undo = []


def measure_store(source: Path, bundle_a: Path, bundle_b: Path, folder: Path, rounds: int,
                  template: Path) -> dict[str, Any]:
    """The store-level rounds (runs in ``benchmarks.child sync-store``)."""
    import orjson

    from storage import Store
    from storage.records import RECORD_ADAPTER
    from storage.sync import bundle as bundle_mod
    from storage.sync import exchange
    from storage.sync.bundle import Bundle
    from storage.sync.exchange import export_bundle, import_bundle

    from .bench_save import floor_write

    folder.mkdir(parents=True, exist_ok=True)

    # the sealed bundle's content (format 1), as HQ reads it: the baselines parse and validate this
    content_a = folder / "content-a.json"
    with Store.open(template) as reader:
        content_a.write_bytes(exchange.StoreOpener(reader, exchange.utc_now())(bundle_a.read_bytes(), bundle_a.name))

    def exported_records() -> list[dict[str, Any]]:
        """The floor's input: the records list as exported. Loaded just before the floor is timed and
        dropped after it: kept alive all along, its ~200,000 dicts and lists would make every full garbage
        collection of the process (and so every other figure here) several times slower."""
        return orjson.loads(content_a.read_bytes())["records"]

    records = exported_records()
    count = len(records)
    visits = sum(1 for r in records if r["kind"] == "visit")
    del records

    def baseline() -> None:
        body = orjson.loads(content_a.read_bytes())
        for record in body["records"]:
            RECORD_ADAPTER.validate_json(orjson.dumps(record), strict=True)

    def baseline_pydantic() -> None:
        Bundle.model_validate_json(content_a.read_bytes(), strict=True)

    floor_input: list[Any] = []

    def floor() -> None:
        floor_write(folder / "floor.json", orjson.dumps(floor_input[0]))

    def fresh_store(name: str) -> Any:
        """HQ's store before its first import (a copy of the template with its keys): the source
        device is in its register, so the sealed bundle is checked, opened and merged."""
        from .common import fresh_copy

        return Store.open(fresh_copy(template, folder / name))

    progress_log: dict[str, list[float]] = {}

    def progress_for(label: str, t0: list[float]) -> Callable[[int, int], None]:
        calls = progress_log.setdefault(label, [])

        def report(done: int, total: int) -> None:
            calls.append(time.perf_counter() - t0[0])
        return report

    source_store = Store.open(source)
    gclog = _GcLog()
    names = ("baseline", "baseline_pydantic", "import", "reimport_same", "reimport_new", "export", "floor")
    times: dict[str, list[float]] = {n: [] for n in names}
    gcs: dict[str, list[dict[str, float]]] = {n: [] for n in names}
    progress_calls: dict[str, list[int]] = {"import": [], "reimport_new": [], "export": []}
    progress_first: dict[str, list[float]] = {"import": [], "reimport_new": [], "export": []}

    def timed(name: str, fn: Callable[[], Any], keep: bool) -> Any:
        gc.collect()
        gclog.take()
        t = time.perf_counter()
        value = fn()
        elapsed = time.perf_counter() - t
        g = gclog.take()
        if keep:
            times[name].append(elapsed)
            gcs[name].append(g)
        return value

    def with_progress(name: str, keep: bool, fn: Callable[[Callable[[int, int], None]], Any]) -> Any:
        t0 = [0.0]
        progress_log.pop(name, None)
        report = progress_for(name, t0)

        def run() -> Any:
            t0[0] = time.perf_counter()
            return fn(report)
        value = timed(name, run, keep)
        if keep:
            calls = progress_log.get(name, [])
            progress_calls[name].append(len(calls))
            progress_first[name].append(calls[0] if calls else float("nan"))
        return value

    try:
        for i in range(WARMUP + rounds):
            keep = i >= WARMUP
            blocks = ["baseline", "import", "export"]
            shift = i % len(blocks)
            for block in blocks[shift:] + blocks[:shift]:
                if block == "baseline":
                    pair = [("baseline", baseline), ("baseline_pydantic", baseline_pydantic)]
                    for name, fn in (pair if i % 2 == 0 else pair[::-1]):
                        timed(name, fn, keep)
                elif block == "import":
                    store = fresh_store(f"import-{i}")
                    try:
                        report = with_progress("import", keep, lambda p: import_bundle(store, bundle_a, progress=p))
                        assert report.applied and report.total("new") + report.total("updated") == count, report.as_dict()
                        report = timed("reimport_same", lambda: import_bundle(store, bundle_a), keep)
                        assert report.already_imported and not report.applied, report.as_dict()
                        report = with_progress("reimport_new", keep, lambda p: import_bundle(store, bundle_b, progress=p))
                        assert report.applied and report.total("unchanged") == count, report.as_dict()
                    finally:
                        store.close()
                        shutil.rmtree(store.path.parent, ignore_errors=True)
                else:
                    out = folder / "export.json"
                    pair = [("export", None), ("floor", floor)]
                    for name, fn in (pair if i % 2 == 0 else pair[::-1]):
                        if fn is None:
                            result = with_progress("export", keep, lambda p: export_bundle(
                                source_store, out, full=True, progress=p))
                            assert result.records == count, result
                            out.unlink()
                        else:
                            floor_input.append(exported_records())
                            timed(name, fn, keep)
                            floor_input.clear()

        # -- one more round, not counted: where the time goes (wrapped functions) -------------
        phases: dict[str, list[float]] = {}
        patch = _Patch()
        store = fresh_store("phases")
        try:
            patch.time(exchange, "read_bundle", phases, "read_bundle")
            patch.time(bundle_mod, "records_checksum", phases, "checksum")
            patch.time(bundle_mod, "check_revision", phases, "rev_check")
            patch.time(exchange, "merge_one", phases, "merge_one")
            patch.time(store, "backup", phases, "backup")
            patch.time(store, "set_leaves", phases, "set_leaves")
            patch.time(store.storage, "_flush", phases, "store_write")

            class Adapter:  # times the per-record schema validation inside read_bundle
                @staticmethod
                def validate_json(*args: Any, **kwargs: Any) -> Any:
                    t = time.perf_counter()
                    try:
                        return RECORD_ADAPTER.validate_json(*args, **kwargs)
                    finally:
                        entry = phases.setdefault("record_validation", [0.0, 0])
                        entry[0] += time.perf_counter() - t
                        entry[1] += 1
            bundle_mod.RECORD_ADAPTER = Adapter  # type: ignore[assignment]
            split: dict[str, dict[str, Any]] = {}
            for label, path in (("import", bundle_a), ("reimport_same", bundle_a), ("reimport_new", bundle_b)):
                phases.clear()
                gc.collect()
                t = time.perf_counter()
                plan = exchange.plan_import(store, path)
                t_plan = time.perf_counter() - t
                t = time.perf_counter()
                exchange.apply_import(store, plan)
                t_apply = time.perf_counter() - t
                split[label] = {"plan": t_plan, "apply": t_apply,
                                **{k: v[0] for k, v in phases.items()},
                                "calls": {k: v[1] for k, v in phases.items()}}
            bundle_mod.RECORD_ADAPTER = RECORD_ADAPTER
            patch.undo()

            phases.clear()
            patch.time(source_store, "leaves", phases, "leaves")
            patch.time(exchange, "encode_bundle", phases, "encode")
            patch.time(bundle_mod, "records_checksum", phases, "checksum")
            patch.time(exchange, "write_bundle", phases, "write_file")
            patch.time(source_store, "update_local", phases, "update_local")
            out = folder / "export.json"
            gc.collect()
            t = time.perf_counter()
            export_bundle(source_store, out, full=True)
            split["export"] = {"total": time.perf_counter() - t, **{k: v[0] for k, v in phases.items()}}
            out.unlink()
            patch.undo()
            records = exported_records()
            gc.collect()
            t = time.perf_counter()
            payload = orjson.dumps(records)
            split["floor"] = {"dumps": time.perf_counter() - t}
            t = time.perf_counter()
            floor_write(folder / "floor.json", payload)
            split["floor"]["write"] = time.perf_counter() - t
            del records, payload
        finally:
            bundle_mod.RECORD_ADAPTER = RECORD_ADAPTER
            patch.undo()
            store.close()
    finally:
        gclog.stop()
        source_store.close()

    stats = {n: {"n": len(v), "median": median(v), "p95": p95(v), "min": min(v), "max": max(v)}
             for n, v in times.items()}
    per_round = {
        "import": [a / b for a, b in zip(times["import"], times["baseline"])],
        "reimport_same": [a / b for a, b in zip(times["reimport_same"], times["baseline"])],
        "reimport_new": [a / b for a, b in zip(times["reimport_new"], times["baseline"])],
        "export": [a / b for a, b in zip(times["export"], times["floor"])],
    }
    gc_summary = {n: {"total_median": median([g["total"] for g in v]),
                      "gen2_count_median": median([g["gen2_count"] for g in v]),
                      "gen2_max": max((g["gen2_max"] for g in v), default=0.0)} for n, v in gcs.items() if v}
    return {
        "records": count, "visits": visits, "bundle_bytes": bundle_a.stat().st_size,
        "rounds": rounds, "stats": stats, "paired": {k: median(v) for k, v in per_round.items()},
        "gc": gc_summary, "phases": split,
        "progress_calls": progress_calls, "progress_first": progress_first,
    }


# -- the parent ---------------------------------------------------------------------------------------
def _phase_of(marks: dict[str, float], t: float) -> str:
    """Which part of the operation the moment ``t`` falls in."""
    if t < marks["op_start"]:
        return "idle"
    for name, start, end in (("check", "op_start", "preview_shown"), ("preview", "preview_shown", "apply_start"),
                             ("apply", "apply_start", "apply_end"), ("export", "op_start", "export_end")):
        if start in marks and end in marks and marks[start] <= t < marks[end]:
            return name
    return "after"  # the screen's reload and messages after the store call


def app_summary(r: dict[str, Any]) -> dict[str, Any]:
    """The figures of one ``sync-app`` child run."""
    m = r["marks"]
    t0, t1, ti = m["op_start"], m["op_end"], m["idle_start"]
    frames = [t for t, _ in r["frames"]]

    def gaps(a: float, b: float) -> list[tuple[float, float]]:
        ts = [a] + [t for t in frames if a < t < b] + [b]
        return [(y - x, x) for x, y in zip(ts, ts[1:])]

    idle, during = gaps(ti, t0), gaps(t0, t1)
    keys_idle = [lat for t, lat, ph in r["keys"] if ph == "idle" and lat is not None]
    keys_op = [lat for t, lat, ph in r["keys"] if ph == "op" and lat is not None]
    lags_idle = [lag for t, lag in r["lags"] if t < t0]
    lags_op = [lag for t, lag in r["lags"] if t >= t0]
    gen2 = [d for t, g, d in r["gc"] if g == 2 and t >= t0]
    gen2_idle = [d for t, g, d in r["gc"] if g == 2 and t < t0]
    progress = [t - t0 for t, _, _ in r["progress"]]
    shown = sorted({p for _, p in r["frames"] if p is not None})
    worst = sorted(during, reverse=True)[:5]
    out = {
        "op": r["op"],
        "duration": t1 - t0,
        "store_call": (m.get("apply_end", m.get("export_end", t1)) - m.get("plan_start", m.get("export_start", t0))),
        "phases": {k: v - t0 for k, v in m.items()},
        "frames_idle": len(idle) - 1, "frames_op": len(during) - 1,
        "max_gap_idle": max(g for g, _ in idle), "max_gap_op": max(g for g, _ in during),
        "p99_gap_idle": _pct(idle, 99), "p99_gap_op": _pct(during, 99),
        "gaps_over_50ms": sum(1 for g, _ in during if g > 0.05), "gaps_over_100ms": sum(1 for g, _ in during if g > 0.1),
        "time_in_gaps_over_50ms": sum(g for g, _ in during if g > 0.05),
        "worst_gaps": [(g, x - t0, _phase_of(m, x + g / 2)) for g, x in worst],
        "keys_idle": {"n": len(keys_idle), "median": median(keys_idle), "max": max(keys_idle, default=float("nan"))},
        "keys_op": {"n": len(keys_op), "median": median(keys_op), "p95": p95(keys_op),
                    "max": max(keys_op, default=float("nan"))},
        "keys_lost": sum(1 for _, lat, _ in r["keys"] if lat is None),
        "lag_idle": max(lags_idle, default=float("nan")), "lag_op": max(lags_op, default=float("nan")),
        "gen2_op": {"count": len(gen2), "max": max(gen2, default=0.0), "total": sum(gen2)},
        "gen2_idle": {"count": len(gen2_idle), "max": max(gen2_idle, default=0.0)},
        "progress_calls": len(progress),
        "progress_first": progress[0] if progress else None,
        "progress_last": progress[-1] if progress else None,
        "progress_values_shown": len(shown),
        "gc_objects": r["gc_objects"], "gc_frozen": r["gc_frozen"],
        "log": r["log"].splitlines()[0] if r["log"] else "",
    }
    return out


def _pct(gaps: list[tuple[float, float]], q: float) -> float:
    return percentile([g for g, _ in gaps], q)


def run(stores: dict[int, Path], work: Path, quick: bool = False) -> dict[str, Any]:
    from storage import Store
    from storage.sync.exchange import export_bundle

    base = work / "sync"
    source = fresh_copy(stores[VISITS], base / "source")
    make_daily_backup(source)
    bundles = base / "bundles"
    # HQ before its first import: it accepted the source laptop, which pinned HQ's key (issue 10:
    # the bundles are sealed to HQ and signed; the import checks and decrypts them first)
    from storage.trust import own_identity, trust

    template = base / "hq" / "store.json"
    template.parent.mkdir(parents=True, exist_ok=True)
    store = Store.open(source)
    try:
        with Store.open(template) as hq:
            hq.setup_device("Bench Zentrale", "BZ", role="hq")
            trust(store, own_identity(hq), "2026-01-01T00:00:00Z")
            trust(hq, own_identity(store), "2026-01-01T00:00:00Z")
        bundle_a = export_bundle(store, bundles / "bundle-a.asskomm", full=True).path
        bundle_b = export_bundle(store, bundles / "bundle-b.asskomm", full=True).path
    finally:
        store.close()

    rounds = 1 if quick else ROUNDS
    log(f"sync: import/export in a child process ({WARMUP} + {rounds} rounds)")
    _, result = run_child(["sync-store", "--db", str(source), "--bundle", str(bundle_a), "--bundle2",
                           str(bundle_b), "--out", str(base / "store-work"), "--rounds", str(rounds),
                           "--template", str(template)],
                          timeout=900)
    s = result["stats"]
    result["ratio_import"] = ratio(s["import"]["median"], s["baseline"]["median"])
    result["ratio_reimport_same"] = ratio(s["reimport_same"]["median"], s["baseline"]["median"])
    result["ratio_reimport_new"] = ratio(s["reimport_new"]["median"], s["baseline"]["median"])
    result["ratio_export"] = ratio(s["export"]["median"], s["floor"]["median"])
    result["ratio_import_vs_pydantic"] = ratio(s["import"]["median"], s["baseline_pydantic"]["median"])
    result["met_import"] = result["ratio_import"] <= TARGET_IMPORT
    result["met_reimport_same"] = result["ratio_reimport_same"] <= TARGET_REIMPORT
    result["met_reimport_new"] = result["ratio_reimport_new"] <= TARGET_REIMPORT
    result["met_export"] = result["ratio_export"] <= TARGET_EXPORT

    # -- the app --------------------------------------------------------------------------------------
    app_runs = 1 if quick else APP_RUNS
    app: dict[str, Any] = {}
    for fps in FPS:
        env = child_env(TEXTUAL_FPS=fps) if fps != "60" else child_env()
        for op in ("import", "export"):
            runs = []
            for i in range(app_runs):
                folder = base / f"app-{op}-{fps}-{i}"
                if op == "import":
                    db = fresh_copy(template, folder)
                else:
                    db = fresh_copy(source, folder)
                make_daily_backup(db)
                log(f"sync: app, {op}, {fps} fps, run {i + 1}/{app_runs}")
                _, r = run_child(["sync-app", "--db", str(db), "--bundle", str(bundle_a), "--op", op,
                                  "--out", str(folder / "out")], env, timeout=300)
                runs.append(app_summary(r))
                shutil.rmtree(folder, ignore_errors=True)
            app.setdefault(fps, {})[op] = runs
    result["app"] = app
    result["app_runs"] = app_runs
    shutil.rmtree(base, ignore_errors=True)
    return result


__all__ = ["measure_store", "run"]
