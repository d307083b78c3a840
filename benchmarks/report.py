"""Markdown tables of a results dict (``benchmarks/out/results.json``), for docs/PERFORMANCE.md.

``python -m benchmarks.report [results.json]`` renders a saved run again (default: benchmarks/out).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .common import OUT, ms, verdict, x


def _mb(n: float) -> str:
    return f"{n / 1_000_000:.1f} MB"


def machine(m: dict[str, Any], command: str, seconds: float, during: dict[str, Any] | None = None) -> str:
    load = lambda v: " / ".join(f"{a:.2f}" for a in v)  # noqa: E731
    extra = []
    if during:
        extra.append("| 1-min load average before → after each benchmark | "
                     + "; ".join(f"{name} {a:.1f} → {b:.1f}" for name, (a, b) in during.items()) + " |")
    return "\n".join([
        "| | |", "| --- | --- |",
        f"| date | {m['date']} |",
        f"| command | `{command}` ({seconds / 60:.1f} min) |",
        f"| CPU | {m['cpu']}, nproc = {m['nproc']}, {m['memory']} RAM |",
        f"| OS | {m['os']} |",
        f"| file system of the stores | {m['filesystem']} |",
        f"| Python / Textual / TinyDB | {m['python']} / {m['textual']} / {m['tinydb']} |",
        f"| orjson / pydantic / rich | {m['orjson']} / {m['pydantic']} / {m['rich']} |",
        f"| code | commit {m['git_commit']}{' + uncommitted changes in storage/ or asskomm_tui/' if m['git_dirty'] else ''} |",
        f"| load average (1/5/15 min) at start / end | {load(m['loadavg_start'])} — {load(m.get('loadavg_end', []))} |",
        *extra,
    ])


def save(results: list[dict[str, Any]]) -> str:
    lines = [
        "| visits | file | asskomm `create_visit` | JSONStorage insert | floor (orjson) | floor (store serializer) "
        "| speed-up vs JSONStorage (≥ 10×) | 1(a) | ratio to floor (≤ 1.5×) | 1(b) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: | :---: |",
    ]
    for r in results:
        s = r["stats"]
        lines.append(
            f"| {r['visits']:,} | {_mb(r['file_bytes'])} "
            f"| {ms(s['asskomm']['median'])} ms (p95 {ms(s['asskomm']['p95'])}) "
            f"| {ms(s['jsonstorage']['median'])} ms (p95 {ms(s['jsonstorage']['p95'])}) "
            f"| {ms(s['floor_orjson']['median'])} ms | {ms(s['floor_store']['median'])} ms "
            f"| {x(r['speedup_vs_jsonstorage'])} (paired {x(r['paired_speedup_median'])}) | {verdict(r['met_a'])} "
            f"| {x(r['ratio_to_floor'], 3)} vs {r['floor'].replace('floor_', '')} (paired {x(r['paired_floor_ratio_median'])}; "
            f"vs orjson {x(r['ratio_to_floor_orjson'])}) | {verdict(r['met_b'])} |"
        )
    lines.append("")
    lines.append("Diagnostic: the store floor plus the folder fsync that asskomm's durable write also does: "
                 + ", ".join(f"{ms(r['stats']['floor_store_dirsync']['median'])} ms at {r['visits']:,} "
                             f"(asskomm = {x(r['ratio_to_floor_store_dirsync'])} of it)" for r in results) + ".")
    lines.append("")
    lines.append("Medians over " + ", ".join(f"{r['reps']} saves at {r['visits']:,}" for r in results)
                 + " (after 2 warm-up rounds). \"paired\" = median of the per-round ratios. Physical writes of "
                 "the store per save: " + ", ".join(f"{r['physical_writes'] / (r['reps'] + 2):.0f}" for r in results) + ".")
    return "\n".join(lines)


def start(r: dict[str, Any]) -> str:
    s = r["stats"]
    b, a, f = s["bare"], s["asskomm"], s["asskomm_first_of_day"]
    lines = [
        "| phase (median of runs) | bare Textual app | asskomm | asskomm, first start of the day |",
        "| --- | ---: | ---: | ---: |",
        f"| **process start → displayed** | **{ms(b['total']['median'])} ms** (p95 {ms(b['total']['p95'])}) "
        f"| **{ms(a['total']['median'])} ms** (p95 {ms(a['total']['p95'])}) | {ms(f['total']['median'])} ms |",
        f"| interpreter start (spawn → our code runs) | {ms(b['interpreter']['median'])} ms "
        f"| {ms(a['interpreter']['median'])} ms | {ms(f['interpreter']['median'])} ms |",
        f"| imports | {ms(b['imports']['median'])} ms | {ms(a['imports']['median'])} ms | {ms(f['imports']['median'])} ms |",
        f"| before `run_test` → first frame | {ms(b['first_frame_from_run_test']['median'])} ms "
        f"| {ms(a['first_frame_from_run_test']['median'])} ms | {ms(f['first_frame_from_run_test']['median'])} ms |",
        f"| before `run_test` → store open, overview shown (`app.ready`) | – "
        f"| {ms(a['ready_from_run_test']['median'])} ms | {ms(f['ready_from_run_test']['median'])} ms |",
        f"| F3 → frame with 418 rows | – | {ms(a['f3_to_rows']['median'])} ms | {ms(f['f3_to_rows']['median'])} ms |",
        f"| before `run_test` → displayed | {ms(b['from_run_test']['median'])} ms "
        f"| {ms(a['from_run_test']['median'])} ms | {ms(f['from_run_test']['median'])} ms |",
    ]
    for key, label in (
        ("f3_key_to_action", "&nbsp;&nbsp;F3 part: `app.ready` → F3 action starts (overview still being set up)"),
        ("f3_action", "&nbsp;&nbsp;F3 part: F3 action (`switch_mode`: compose + mount of the Kommunen screen)"),
        ("rows_load", "&nbsp;&nbsp;F3 part: `commune_rows` on the store thread (inside the action)"),
        ("rows_show", "&nbsp;&nbsp;F3 part: `show` (cells, search index, filter)"),
        ("show_to_frame", "&nbsp;&nbsp;F3 part: end of `show` → the frame with the rows"),
    ):
        if key in a:
            lines.append(f"| {label} | – | {ms(a[key]['median'])} ms | {ms(f[key]['median']) if key in f else '–'} ms |")
    lines += [
        "",
        f"| ratio asskomm / bare (target ≤ 2×) | value | verdict |",
        "| --- | ---: | :---: |",
        f"| from process start (the target's measure) | {x(r['ratio_total'])} | {verdict(r['met'])} |",
        f"| from just before `run_test` (imports excluded) | {x(r['ratio_from_run_test'])} | (view) |",
        f"| first start of the day, from process start | {x(r['ratio_first_of_day'])} | (view) |",
        "",
        f"{r['visits']:,} visits; {a['total']['n']} runs each (first start of the day: {f['total']['n']}), "
        "each a fresh process, after one warm-up run of each kind.",
    ]
    return "\n".join(lines)


def filter_(r: dict[str, Any]) -> str:
    lines = [
        "| frame rate | bare Input median / p95 | asskomm median / p95 | max (asskomm) | ratio median | ratio p95 "
        "| p95 ≤ 16 ms | ≤ 2× bare | verdict |",
        "| --- | ---: | ---: | ---: | ---: | ---: | :---: | :---: | :---: |",
    ]
    for fps, e in r["fps"].items():
        b, a = e["bare"], e["asskomm"]
        label = "TEXTUAL_FPS=1000 (the target's measure)" if fps == "1000" else "default (60 fps)"
        lines.append(
            f"| {label} | {ms(b['median'])} / {ms(b['p95'])} ms | {ms(a['median'])} / {ms(a['p95'])} ms "
            f"| {ms(a['max'])} ms | {x(e['ratio_median'])} | {x(e['ratio_p95'])} "
            f"| {'yes' if e['met_p95_16ms'] else 'no'} | {'yes' if e['met_ratio'] else 'no'} "
            f"| {verdict(e['met']) if fps == '1000' else '(view)'} |"
        )
    lines.append("")
    lines.append(f"{r['visits']:,} visits, {r['passes']} passes × {r['keys_per_pass']} keys = "
                 f"{r['passes'] * r['keys_per_pass']} keys per cell.")
    for fps, e in r["fps"].items():
        fb, fa = e.get("frame_production_bare"), e.get("frame_production_asskomm")
        if fb and fa:
            lines.append("")
            lines.append(f"At {fps} fps, producing one frame (the screen's update tick: compositor render and "
                         f"`_display`) took {ms(fa['median'])} ms median / {ms(fa['p95'])} ms p95 for asskomm, "
                         f"{ms(fb['median'])} / {ms(fb['p95'])} ms for the bare Input.")
        f = e["filter_inside_key"]
        g = e["gc_asskomm"]
        slow = ", ".join(f"{ms(t)} ms ({k})" for t, k in e["slowest_keys"][:3])
        part = (f"At {fps} fps: the screen's filter (search + `show_keys`) took {ms(f['median'])} ms median, "
                f"{ms(f['p95'])} ms p95 inside the keystroke; " if f else f"At {fps} fps: ")
        lines.append("")
        lines.append(part + f"slowest keys {slow}; garbage collections during the keys: "
                     f"gen 2 × {g['gen2']['count']} (longest {ms(g['gen2']['max'])} ms), "
                     f"gen 1 × {g['gen1']['count']}, gen 0 × {g['gen0']['count']} "
                     f"({g['objects']:,} objects tracked by gc; bare app: {e['gc_bare']['objects']:,}, "
                     f"gen 2 × {e['gc_bare']['gen2']['count']}).")
    return "\n".join(lines)


def memory(r: dict[str, Any]) -> str:
    p = r["peak_rss"]
    t = r["tracemalloc"]
    lines = [
        "| measure | peak | minus baseline | / file size (target ≤ 5×) | verdict |",
        "| --- | ---: | ---: | ---: | :---: |",
        f"| baseline process (same imports, no store) | {_mb(p['baseline'])} | – | – | |",
        f"| store work, later start (backup of today exists) | {_mb(p['store_later'])} "
        f"| {_mb(r['store_later']['delta'])} | {x(r['store_later']['ratio'])} | {verdict(r['store_later']['ratio'] <= 5)} |",
        f"| store work, first start of the day (makes the backup) | {_mb(p['store_first_of_day'])} "
        f"| {_mb(r['store_first_of_day']['delta'])} | {x(r['store_first_of_day']['ratio'])} "
        f"| {verdict(r['store_first_of_day']['ratio'] <= 5)} |",
        f"| tracemalloc peak, later start | {_mb(t['later']['peak'])} | – | {x(t['later']['ratio'])} | (view) |",
        f"| tracemalloc peak, first start of the day | {_mb(t['first_of_day']['peak'])} | – "
        f"| {x(t['first_of_day']['ratio'])} | (view) |",
        f"| full app (F3, dossier, save) vs bare Textual app | {_mb(p['app'])} vs {_mb(p['app_baseline'])} "
        f"| {_mb(r['app']['delta'])} | {x(r['app']['ratio'])} | (view) |",
        "",
        f"{r['visits']:,} visits, file {_mb(r['file_bytes'])}; peak RSS = median of {r['reps']} fresh processes "
        f"each; dossier of {r['dossier']} ({r['dossier_visits']} visits).",
    ]
    return "\n".join(lines)


def misc(r: dict[str, Any]) -> str:
    sizes = r["sizes"]
    head = "| | " + " | ".join(f"{s['visits']:,} visits" for s in sizes) + " |"
    sep = "| --- |" + " ---: |" * len(sizes)

    def row(label: str, fn) -> str:  # type: ignore[no-untyped-def]
        return f"| {label} | " + " | ".join(fn(s) for s in sizes) + " |"

    lines = [
        head, sep,
        row("file size", lambda s: _mb(s["file_bytes"])),
        row("read + `orjson.loads` (baseline)", lambda s: f"{ms(s['parse_floor']['median'])} ms"),
        row("`Store.open`", lambda s: f"{ms(s['open']['median'])} ms ({x(s['open_ratio'])})"),
        row("`Store.open`, first of the day", lambda s: f"{ms(s['open_first_of_day']['median'])} ms ({x(s['open_first_ratio'])})"),
        row("`commune_rows`, cold / warm",
            lambda s: f"{ms(s['commune_rows_cold']['median'])} / {ms(s['commune_rows_warm']['median'])} ms "
                      f"({s['commune_rows_cold']['cal']:.2f} / {s['commune_rows_warm']['cal']:.2f} CAL)"),
        row("`dossier` of the biggest commune, cold / warm",
            lambda s: f"{ms(s['dossier_cold']['median'])} / {ms(s['dossier_warm']['median'])} ms "
                      f"({s['dossier_cold']['cal']:.2f} / {s['dossier_warm']['cal']:.2f} CAL; {s['dossier_visits']} visits)"),
        row("`gc.collect()` with the store open (vs before)",
            lambda s: f"{ms(s['gc_with_store']['median'])} ms ({x(s['gc_ratio'])}; {s['gc_tracked_objects']:,} objects)"),
        row("`check_store` in process (vs parse)", lambda s: f"{ms(s['check']['median'])} ms ({x(s['check_ratio'])})"),
        row("`asskomm check` CLI (vs same imports only)",
            lambda s: f"{ms(s['check_cli']['median'])} ms ({x(s['check_cli_ratio'])}; imports "
                      f"{ms(s['check_cli_imports_only']['median'])} ms)"),
        row("demo generation", lambda s: (f"{ms(s['generate']['median'])} ms ({s['generate_cal']:.0f} CAL; "
                                          f"n = {s['generate']['n']})") if s.get("generate") else "–"),
        "",
        f"CAL (the calibration workload of this run) = {ms(r['cal']['median'])} ms median (p95 {ms(r['cal']['p95'])}, "
        f"n = {r['cal']['n']}). Ratios in parentheses are to the baseline named in the row.",
    ]
    return "\n".join(lines)


def render(results: dict[str, Any]) -> str:
    parts = ["## Machine and run", "",
             machine(results["machine"], results["command"], results["seconds"], results.get("loadavg"))]
    if "save" in results:
        parts += ["", "## 1. Saving one visit", "", save(results["save"])]
    if "start" in results:
        parts += ["", "## 2. Start to an interactive commune list (5,000 visits)", "", start(results["start"])]
    if "filter" in results:
        parts += ["", "## 3. Filter keystroke to updated table (20,000 visits)", "", filter_(results["filter"])]
    if "memory" in results:
        parts += ["", "## 4. Peak memory (20,000 visits)", "", memory(results["memory"])]
    if "misc" in results:
        parts += ["", "## Other figures (no target)", "", misc(results["misc"])]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT / "results.json"
    print(render(json.loads(source.read_text())), end="")
