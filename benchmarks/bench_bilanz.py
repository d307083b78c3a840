"""Issue 9: the whole Bilanz costs at most as much as loading the store; XLSX export at most 3× CSV.

``python -m benchmarks.bench_bilanz [--rounds N]`` generates the three demo stores (500, 5,000,
20,000 visits) and measures, in one process and alternating, per round:

- **load**: ``Store.snapshot`` of the file (what ``asskomm bilanz`` and the read-only window do);
- **Bilanz since the start** (every visit, no previous period) and **a calendar year with the year
  before** (2025 vs 2024), ``services.bilanz.compute`` on that snapshot;
- **export** as ``asskomm bilanz`` does it after the load: compute + write, CSV (nine files) and XLSX
  (nine sheets, charts) into a temp folder; and the writers alone.

Medians of the rounds; every figure as a ratio to the load (or to CSV) of the same run.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from .common import SIZES, TODAY, generate_store, log, median, ratio


def measure(store_path: Path, rounds: int, work: Path) -> dict[str, float]:
    from asskomm_tui.services import bilanz_export as E
    from asskomm_tui.services.bilanz import Period, compute
    from storage import Store

    since, year = Period.since_start(TODAY), Period.calendar_year(2025)
    times: dict[str, list[float]] = {k: [] for k in ("load", "since", "year", "csv_export", "xlsx_export",
                                                    "csv_write", "xlsx_write")}
    for r in range(rounds):
        t = time.perf_counter()
        store = Store.snapshot(store_path)
        times["load"].append(time.perf_counter() - t)
        t = time.perf_counter()
        compute(store, since)
        times["since"].append(time.perf_counter() - t)
        t = time.perf_counter()
        compute(store, year)
        times["year"].append(time.perf_counter() - t)
        for fmt in ("csv", "xlsx") if r % 2 == 0 else ("xlsx", "csv"):
            out = work / f"{fmt}-{r}"
            t = time.perf_counter()
            b = compute(store, since)
            mid = time.perf_counter()
            E.write(b, fmt, out)
            end = time.perf_counter()
            times[f"{fmt}_export"].append(end - t)
            times[f"{fmt}_write"].append(end - mid)
            shutil.rmtree(out)
        store.close()
    return {k: median(v) for k, v in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-bilanz-"))
    try:
        rows = []
        for visits in SIZES:
            path = work / f"demo-{visits}.json"
            log(f"bilanz: generating {visits} visits")
            generate_store(path, visits)
            log(f"bilanz: {visits} visits, {args.rounds} rounds")
            m = measure(path, args.rounds, work)
            rows.append((visits, m))
        print(f"<!-- {date.today().isoformat()} -->")
        print("| visits | load (snapshot) | Bilanz since start | ÷ load | 2025 vs 2024 | ÷ load "
              "| export CSV | export XLSX | XLSX ÷ CSV | writers alone: CSV / XLSX |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for visits, m in rows:
            print(f"| {visits:,} | {m['load'] * 1000:.0f} ms | {m['since'] * 1000:.0f} ms | "
                  f"{ratio(m['since'], m['load']):.2f}× | {m['year'] * 1000:.0f} ms | {ratio(m['year'], m['load']):.2f}× | "
                  f"{m['csv_export'] * 1000:.0f} ms | {m['xlsx_export'] * 1000:.0f} ms | "
                  f"{ratio(m['xlsx_export'], m['csv_export']):.2f}× | "
                  f"{m['csv_write'] * 1000:.1f} / {m['xlsx_write'] * 1000:.1f} ms |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
