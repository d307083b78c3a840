"""The verdict figures of several runs side by side: ``python -m benchmarks.compare A.json B.json ...``.

Each argument is a ``results.json`` written by ``benchmarks.run`` (copy it away between runs).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .common import SIZES, ms, x


def _row(r: dict[str, Any]) -> list[str]:
    m = r["machine"]
    load = r.get("loadavg")
    cells = [m["date"][:16].replace("T", " ") + f" ({m['git_commit']}{'+' if m['git_dirty'] else ''})",
             f"{m['loadavg_start'][0]:.1f}–{m.get('loadavg_end', [float('nan')])[0]:.1f}"
             + (f" (max {max(max(v) for v in load.values()):.1f})" if load else "")]
    saves = {s["visits"]: s for s in r.get("save", [])}
    for visits in SIZES:  # a run made with --only may lack them: keep the columns aligned
        s = saves.get(visits)
        cells.append(f"{x(s['speedup_vs_jsonstorage'])} / {x(s['ratio_to_floor'], 3)}" if s else "–")
    st = r.get("start")
    cells.append(f"{x(st['ratio_total'])} ({ms(st['stats']['asskomm']['total']['median'])} vs "
                 f"{ms(st['stats']['bare']['total']['median'])} ms)" if st else "–")
    f = r.get("filter", {}).get("fps", {}).get("1000")
    cells.append(f"{ms(f['asskomm']['p95'])} ms; {x(f['ratio_median'])} / {x(f['ratio_p95'])}" if f else "–")
    mem = r.get("memory")
    cells.append(f"{x(mem['store_later']['ratio'])} / {x(mem['store_first_of_day']['ratio'])}" if mem else "–")
    sy = r.get("sync")
    cells.append(f"{x(sy['ratio_import'])} / {x(sy['ratio_reimport_same'])} / {x(sy['ratio_reimport_new'])} / "
                 f"{x(sy['ratio_export'])}" if sy else "–")
    app = (sy or {}).get("app", {}).get("1000", {})
    cells.append(" / ".join(ms(max(u["max_gap_op"] for u in app[op])) + " ms" for op in ("import", "export") if op in app)
                 or "–")
    return cells


def table(runs: list[dict[str, Any]]) -> str:
    sizes = [f"{v:,}" for v in SIZES]
    head = (["run (commit; + = uncommitted changes)", "1-min load start–end"] + [f"1 @ {v}: vs JSONStorage / vs floor" for v in sizes]
            + ["2: ratio (asskomm vs bare)", "3 @ 1000 fps: p95; ratio median / p95", "4: RSS Δ / file (later / first)",
               "sync: import / again same file / again new id (vs parse) / export (vs floor)",
               "sync in the app @ 1000 fps: longest frame gap, import / export (worst run)"])
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for r in runs:
        lines.append("| " + " | ".join(_row(r)) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (argv if argv is not None else sys.argv[1:])]
    if not paths:
        print(__doc__)
        return 2
    print(table([json.loads(p.read_text()) for p in paths]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
