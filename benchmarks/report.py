"""Markdown tables of a results dict (``benchmarks/out/results.json``), for docs/PERFORMANCE.md.

``python -m benchmarks.report [results.json]`` renders a saved run again (default: benchmarks/out).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .common import OUT, median, ms, verdict, x


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
    b, bi, a, f = s["bare"], s["bare_input"], s["asskomm"], s["asskomm_first_of_day"]

    def row(label: str, key: str, kinds=(b, bi, a, f), bold: bool = False) -> str:
        cells = []
        for k in kinds:
            v = k.get(key)
            text = f"{ms(v['median'])} ms" if v else "–"
            if v and k is a:
                text += f" (p95 {ms(v['p95'])})"
            cells.append(f"**{text}**" if bold and v else text)
        return f"| {'**' + label + '**' if bold else label} | " + " | ".join(cells) + " |"

    lines = [
        "| phase (median of runs) | bare app (issue 8: Header, Input, 418-row DataTable, Footer) "
        "| bare app (one Input, the baseline before) | asskomm | asskomm, first start of the day |",
        "| --- | ---: | ---: | ---: | ---: |",
        row("process start → interactive (a key pressed at the first screen is shown)", "total", bold=True),
        row("process start → first screen shown with its data", "shown"),
        row("interpreter start (spawn → our code runs)", "interpreter"),
        row("imports (asskomm: as the `asskomm` command: cli, arguments, `cli.load_app()`)", "imports"),
        row("before `run_test` → first frame", "first_frame_from_run_test"),
        row("before `run_test` → first screen shown with its data", "shown_from_run_test"),
        row("shown → the key's frame", "shown_to_interactive"),
        row("CPU time of the process (all threads) at interactive", "cpu_interactive"),
        row("process start → F3 pressed after it → commune list with 418 rows", "rows_frame"),
        row("&nbsp;&nbsp;F3 → frame with 418 rows", "f3_to_rows"),
    ]
    for key, label in (
        ("f3_action", "&nbsp;&nbsp;F3 part: F3 action (`switch_mode`: compose + mount of the Kommunen screen)"),
        ("rows_load", "&nbsp;&nbsp;F3 part: `commune_rows` on the store thread"),
        ("rows_show", "&nbsp;&nbsp;F3 part: `show` (cells, search index, filter)"),
        ("show_to_frame", "&nbsp;&nbsp;F3 part: end of `show` → the frame with the rows"),
    ):
        if key in a:
            lines.append(row(label, key))
    lines += [
        "",
        "| ratio asskomm / bare (target ≤ 2×) | value | verdict |",
        "| --- | ---: | :---: |",
        f"| interactive first screen, from process start (the target's measure) | {x(r['ratio_total'])} "
        f"(paired by round {x(r['ratio_total_paired'])}) | {verdict(r['met'])} |",
        f"| first screen shown with its data | {x(r['ratio_shown'])} | (view) |",
        f"| CPU time to interactive | {x(r['ratio_cpu'])} | (view) |",
        f"| first start of the day, interactive | {x(r['ratio_first_of_day'])} | (view) |",
        f"| commune list (418 rows, after F3) vs the bare app's 418-row table | {x(r['ratio_communes'])} | (view) |",
        f"| commune list vs a lone Input's first frame (the measure before issue 8) | {x(r['ratio_old'])} | (view) |",
        "",
        f"{r['visits']:,} visits; {a['total']['n']} runs each (first start of the day: {f['total']['n']}), "
        "each a fresh process, after one warm-up run of each kind; bytecode cached; 1-min load average "
        f"during the rounds {r['loadavg_1min']['min']:.1f}–{r['loadavg_1min']['max']:.1f}.",
    ]
    if r.get("by_size"):
        lines += [
            "",
            "| visits | bare app, interactive | asskomm, first screen shown | asskomm, interactive | ratio interactive "
            "| ratio shown | runs |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for visits, v in r["by_size"].items():
            lines.append(f"| {int(visits):,} | {ms(v['bare'])} ms | {ms(v['asskomm_shown'])} ms | {ms(v['asskomm'])} ms "
                         f"| {x(v['ratio'])} | {x(v['ratio_shown'])} | {v['n']} |")
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


def _ms_or(value: float | None) -> str:
    return "–" if value is None or value != value else f"{ms(value)} ms"


def sync(r: dict[str, Any]) -> str:
    s = r["stats"]
    base = s["baseline"]

    def row(label: str, key: str, versus: str, ratio_key: str, paired_key: str, target: str, met_key: str) -> str:
        v = s[key]
        return (f"| {label} | {ms(v['median'])} ms (p95 {ms(v['p95'])}) | {versus} | {x(r[ratio_key])} "
                f"(paired {x(r['paired'][paired_key])}) | {target} | {verdict(r[met_key])} |")

    parse = f"parse + validate {ms(base['median'])} ms"
    lines = [
        "| measure | asskomm median (p95) | baseline (median) | ratio (paired) | target | verdict |",
        "| --- | ---: | ---: | ---: | :---: | :---: |",
        row("import of the full sealed bundle into a fresh HQ store", "import", parse, "ratio_import", "import",
            "≤ 3×", "met_import"),
        row("import again: the same file (its bundle_id is in the ledger)", "reimport_same", parse,
            "ratio_reimport_same", "reimport_same", "≤ 1.5×", "met_reimport_same"),
        row("import again: same records, new bundle_id (all unchanged)", "reimport_new", parse,
            "ratio_reimport_new", "reimport_new", "≤ 1.5×", "met_reimport_new"),
        row("export (full) of the 20,000-visit store", "export",
            f"`orjson.dumps` + write {ms(s['floor']['median'])} ms", "ratio_export", "export", "≤ 2×", "met_export"),
        "",
        f"Bundle: {r['records']:,} records ({r['visits']:,} visits), {_mb(r['bundle_bytes'])}; {r['rounds']} rounds "
        f"after 1 warm-up round, each operation timed once per round (order of the blocks rotating); \"paired\" = "
        "median of the per-round ratios. Baseline \"parse + validate\": read the file, `orjson.loads`, and "
        "`RECORD_ADAPTER.validate_json(orjson.dumps(record), strict=True)` for every record. The other reading of "
        f"\"parse and validate with pydantic\", `Bundle.model_validate_json(file, strict=True)` in one pass, took "
        f"{ms(s['baseline_pydantic']['median'])} ms (import = {x(r['ratio_import_vs_pydantic'])} of it), so the "
        "verdicts use the cheaper one.",
    ]
    g = r.get("gc", {})
    if g:
        lines += ["", "Garbage collection inside each timed operation (median total; full collections per run): "
                  + "; ".join(f"{name.replace('_', ' ')} {ms(v['total_median'])} ms ({v['gen2_count_median']:.0f} "
                              f"× gen 2, longest {ms(v['gen2_max'])} ms)"
                              for name, v in g.items()) + "."]
    ph = r.get("phases", {})
    if ph:
        def part(d: dict[str, Any], key: str) -> str:
            return ms(d[key]) if key in d else "–"

        lines += ["", "Where the time goes (one more round, not counted; functions wrapped, garbage collections "
                  "included where they struck):", "",
                  "| phase | import (all new) | again, same file | again, new bundle_id |",
                  "| --- | ---: | ---: | ---: |"]
        cols = [ph.get("import", {}), ph.get("reimport_same", {}), ph.get("reimport_new", {})]
        for label, key in (("`plan_import` (read + validate + ledger + merge)", "plan"),
                           ("&nbsp;&nbsp;`read_bundle` (every call)", "read_bundle"),
                           ("&nbsp;&nbsp;&nbsp;&nbsp;of which per-record schema validation", "record_validation"),
                           ("&nbsp;&nbsp;&nbsp;&nbsp;of which rev recomputation (`check_revision`)", "rev_check"),
                           ("&nbsp;&nbsp;&nbsp;&nbsp;of which checksum (canonical JSON + sha256)", "checksum"),
                           ("&nbsp;&nbsp;`merge_one` (all calls)", "merge_one"),
                           ("`apply_import`", "apply"),
                           ("&nbsp;&nbsp;backup before the import", "backup"),
                           ("&nbsp;&nbsp;`set_leaves` (in memory)", "set_leaves"),
                           ("&nbsp;&nbsp;durable write of the store", "store_write")):
            lines.append(f"| {label} | " + " | ".join(f"{part(c, key)} ms" if key in c else "–" for c in cols) + " |")
        calls = [c.get("calls", {}).get("read_bundle", 0) for c in cols]
        lines.append("| calls of `read_bundle` | " + " | ".join(str(n) for n in calls) + " |")
        e, f = ph.get("export", {}), ph.get("floor", {})
        if e:
            rest = e["total"] - sum(e.get(k, 0.0) for k in ("leaves", "encode", "write_file", "update_local"))
            lines += ["", f"Export, same round: {ms(e['total'])} ms = `store.leaves` for every record (parses the "
                      f"stored JSON) {part(e, 'leaves')} ms + `encode_bundle` {part(e, 'encode')} ms (of which the "
                      f"checksum {part(e, 'checksum')} ms) + writing the file {part(e, 'write_file')} ms + "
                      f"`update_local` (remembers the export: a durable write of the whole store) "
                      f"{part(e, 'update_local')} ms + the rest (collecting and sorting the keys, the loop) "
                      f"{ms(rest)} ms. Floor: `orjson.dumps` {part(f, 'dumps')} ms + write {part(f, 'write')} ms."]
    pc, pf = r.get("progress_calls", {}), r.get("progress_first", {})
    if pc:
        def first(name: str) -> str:
            vals = [v for v in pf.get(name, []) if v == v]
            return f"first after {ms(median(vals))} ms" if vals else "none"

        lines += ["", "Progress callbacks (median per run): "
                  f"import {median(pc['import']):.0f} ({first('import')} of {ms(s['import']['median'])} ms); "
                  f"again with a new bundle_id {median(pc['reimport_new']):.0f} ({first('reimport_new')}); "
                  f"export {median(pc['export']):.0f} ({first('export')} of {ms(s['export']['median'])} ms)."]
    app = r.get("app")
    if app:
        lines += ["", "**In the app** (Sync screen, 80×24; heartbeat frame wanted every 16.7 ms, a key every 40 ms; "
                  f"{r['app_runs']} runs per row, figures are the median of the runs, the worst run in brackets):", "",
                  "| operation, frame rate | duration | longest frame gap: idle / during | gaps > 50 ms (time in them) "
                  "| key → frame: idle max / during median, p95, max | longest event-loop stall: idle / during "
                  "| gen-2 collections during (longest) | progress callbacks (first after) |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for fps, ops in app.items():
            for op, runs in ops.items():
                med = lambda f: median([f(u) for u in runs])  # noqa: E731
                worst = lambda f: max(f(u) for u in runs)  # noqa: E731
                first = [u["progress_first"] for u in runs if u["progress_first"] is not None]
                lines.append(
                    f"| {op}, {fps} fps | {ms(med(lambda u: u['duration']))} ms "
                    f"| {ms(med(lambda u: u['max_gap_idle']))} / **{ms(med(lambda u: u['max_gap_op']))} ms** "
                    f"({ms(worst(lambda u: u['max_gap_op']))}) "
                    f"| {med(lambda u: u['gaps_over_50ms']):.0f} ({ms(med(lambda u: u['time_in_gaps_over_50ms']))} ms) "
                    f"| {ms(med(lambda u: u['keys_idle']['max']))} / {ms(med(lambda u: u['keys_op']['median']))}, "
                    f"{ms(med(lambda u: u['keys_op']['p95']))}, {ms(med(lambda u: u['keys_op']['max']))} ms "
                    f"({ms(worst(lambda u: u['keys_op']['max']))}) "
                    f"| {ms(med(lambda u: u['lag_idle']))} / {ms(med(lambda u: u['lag_op']))} ms "
                    f"| {med(lambda u: u['gen2_op']['count']):.0f} ({ms(worst(lambda u: u['gen2_op']['max']))} ms) "
                    f"| {med(lambda u: u['progress_calls']):.0f} "
                    f"({_ms_or(median(first) if first else None)}) |")
        lines.append("")
        for fps, ops in app.items():
            for op, runs in ops.items():
                u = max(runs, key=lambda u: u["max_gap_op"])
                ph = u["phases"]
                if op == "import":
                    steps = (f"check (`plan_import` on the store thread) {ms(ph['plan_end'] - ph['plan_start'])} ms, "
                             f"preview up after {ms(ph['preview_shown'])} ms, `apply_import` from "
                             f"{ms(ph['apply_start'])} to {ms(ph['apply_end'])} ms")
                else:
                    steps = f"`export_bundle` from {ms(ph['export_start'])} to {ms(ph['export_end'])} ms"
                gaps = ", ".join(f"{ms(g)} ms at {ms(t)} ms ({where})" for g, t, where in u["worst_gaps"][:3])
                lines.append(f"- {op}, {fps} fps, the run with the longest gap: {steps}, done (screen reloaded) at "
                             f"{ms(u['duration'])} ms. Longest gaps: {gaps}. Progress values shown: "
                             f"{u['progress_values_shown']}; keys lost: {u['keys_lost']}.")
    return "\n".join(lines)


def render(results: dict[str, Any]) -> str:
    parts = ["## Machine and run", "",
             machine(results["machine"], results["command"], results["seconds"], results.get("loadavg"))]
    if "save" in results:
        parts += ["", "## 1. Saving one visit", "", save(results["save"])]
    if "start" in results:
        parts += ["", "## 2. Start to an interactive first screen (5,000 visits)", "", start(results["start"])]
    if "filter" in results:
        parts += ["", "## 3. Filter keystroke to updated table (20,000 visits)", "", filter_(results["filter"])]
    if "memory" in results:
        parts += ["", "## 4. Peak memory (20,000 visits)", "", memory(results["memory"])]
    if "sync" in results:
        parts += ["", "## Issue 3: import and export of bundles (20,000 visits)", "", sync(results["sync"])]
    if "misc" in results:
        parts += ["", "## Other figures (no target)", "", misc(results["misc"])]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT / "results.json"
    print(render(json.loads(source.read_text())), end="")
