"""How the search over everything (``storage/finder.py``) grows with the store: 500 / 5,000 / 20,000 visits.

For each size, in one process and interleaved: the baseline is opening a snapshot of the store
(``Store.snapshot``: read and parse the file, what every reader pays); then building the index
(``build_finder``) and answering a fixed set of queries (words, month and year words, a problem
field, initials, a word found nowhere). Figures: medians and p95 in milliseconds and the build as
a ratio to the snapshot. The search UI's keystroke target (p95 within a frame against a bare
Input) needs the search screen and is measured once that exists.

    .venv/bin/python -m benchmarks.bench_search            # prints a Markdown table
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from .common import generate_store, median, p95

SIZES = (500, 5_000, 20_000)
QUERIES = ("pirna", "pirna märz", "graffiti bahn", "görlitz 2025", "SS graffiti", "polizeirevier",
           "jugendclub", "ordnungsamt zittau", "03.2025", "nichtsdergleichen", "ha", "sicherheitsanalyse")
ROUNDS = 5
LIMIT = 50  # what `asskomm search` shows by default; matching runs over every entry all the same


def run(work: Path) -> list[dict[str, float]]:
    from storage import Store
    from storage.finder import build_finder

    rows = []
    for visits in SIZES:
        path = work / f"s{visits}.json"
        generate_store(path, visits)
        opens, builds, queries = [], [], []
        hits = 0
        for _ in range(ROUNDS):
            t = time.perf_counter()
            with Store.snapshot(path) as store:
                opened = time.perf_counter()
                finder = build_finder(store)
                built = time.perf_counter()
            opens.append(opened - t)
            builds.append(built - opened)
            for q in QUERIES:
                t = time.perf_counter()
                hits += len(finder.search(q, limit=LIMIT))
                queries.append(time.perf_counter() - t)
        rows.append({"visits": visits, "entries": len(finder.entries), "open": median(opens),
                     "build": median(builds), "build_p95": p95(builds), "query": median(queries),
                     "query_p95": p95(queries), "hits": hits / ROUNDS})
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        rows = run(Path(folder))
    print("| visits | index entries | snapshot (baseline) | build index | build / snapshot | query median | query p95 |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['visits']:,} | {r['entries']:,} | {r['open'] * 1000:.0f} ms | {r['build'] * 1000:.0f} ms "
              f"(p95 {r['build_p95'] * 1000:.0f}) | {r['build'] / r['open']:.2f}× | {r['query'] * 1000:.1f} ms | "
              f"{r['query_p95'] * 1000:.1f} ms |")
    print(f"\n{len(QUERIES)} queries × {ROUNDS} rounds per size: {', '.join(QUERIES)}.")


if __name__ == "__main__":
    main()
