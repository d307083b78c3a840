"""How the search over everything (``storage/finder.py``) grows with the store: 500 / 5,000 / 20,000 visits.

For each size:

- **build**: ``Store.finder()`` on an open store (what the app does after the first frame), with
  opening a snapshot (``Store.snapshot``: read and parse the file) as the baseline;
- **keystrokes**: a realistic mix of queries typed letter by letter (``TYPED``), one query per
  letter as the search screen sends it, the first ``LIMIT`` hits with snippets; median and p95
  over every letter of ``ROUNDS`` rounds, and the slowest letters;
- **one save**: ``update_visit`` with the live index attached and without it, and the first query
  after the save (that query re-indexes the saved visit) against the same query without a save;
- **memory**: in a fresh child process per size, VmRSS after the imports, after ``Store.open`` and
  after ``store.finder()``; the ratio (store + index) / file size is issue 8's "within 5×".

The keystroke figures are set against a bare Textual ``Input`` measured in the same run by
``benchmarks/child.py filter-bare`` (the same child as ``bench_filter.py``: 48 keys to the frame
showing them, at ``TEXTUAL_FPS=1000`` and at the default 60 fps). The search screen's own cost per
keystroke is then about the bare Input's plus the query's.

    .venv/bin/python -m benchmarks.bench_search              # prints Markdown tables
    .venv/bin/python -m benchmarks.bench_search --sizes 500  # a quick look
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from .common import (ROOT, SIZES, child_env, generate_store, log, median, p95, ratio, run_child, sample_visit,
                     summary)

# typed letter by letter; a name, month and year words, a problem field, initials, a compound's
# inner part ("brücke" in "Eisenbahnbrücke"), a contact, a word found nowhere
TYPED = ("pirna märz", "graffiti brücke", "SS 2025", "görlitz 2025", "ordnungsamt zittau", "jugendclub",
         "polizeirevier", "müll stadtpark", "bahnbr", "03.2025", "nichtsdergleichen", "sicherheitsanalyse")
ROUNDS = 5
LIMIT = 50  # hits given snippets per keystroke (the screen shows fewer than that at 80×24)
SAVES = 15
BARE_PASSES = 2


def _typed_letters() -> list[str]:
    return [text[:i] for text in TYPED for i in range(1, len(text) + 1) if not text[:i].endswith(" ")]


def _keystrokes(finder: Any) -> tuple[list[float], list[tuple[float, str]]]:
    times: list[float] = []
    labels: list[tuple[float, str]] = []
    for _ in range(ROUNDS):
        for typed in _typed_letters():
            t = time.perf_counter()
            finder.search(typed, limit=LIMIT)
            took = time.perf_counter() - t
            times.append(took)
            labels.append((took, typed))
    return times, sorted(labels, reverse=True)[:5]


def _one_save(path: Path) -> dict[str, float]:
    """Save one visit's summary SAVES times with and without a live index; the query after it."""
    from storage import Repositories, Store

    out: dict[str, list[float]] = {"save_plain": [], "save_live": [], "query_after_save": [], "query_alone": []}
    with Store.open(path) as store:
        repos = Repositories(store)
        record = repos.create_visit(sample_visit(1))
        for live in (False, True):
            finder = store.finder() if live else None
            for i in range(SAVES):
                data = record.data.model_copy(update={"summary": f"KPR-Sitzung {live} {i}: Graffiti am Bahnhof"})
                t = time.perf_counter()
                record = repos.update_visit(record.id, data, base_rev=record.rev)
                out["save_live" if live else "save_plain"].append(time.perf_counter() - t)
                if finder is not None:
                    t = time.perf_counter()
                    store.finder().search("pirna bahnhof", limit=LIMIT)  # re-indexes the visit first
                    out["query_after_save"].append(time.perf_counter() - t)
                    t = time.perf_counter()
                    store.finder().search("pirna bahnhof", limit=LIMIT)
                    out["query_alone"].append(time.perf_counter() - t)
    return {k: median(v) for k, v in out.items()}


def _memory(path: Path) -> dict[str, Any]:
    """VmRSS of a fresh process: imports, + ``Store.open``, + ``store.finder()`` (a child per size)."""
    proc = subprocess.run([sys.executable, "-m", "benchmarks.bench_search", "--memory-child", str(path)],
                          cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _rss() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def memory_child(path: Path) -> None:
    """The child of ``_memory``: prints one JSON line."""
    import gc

    from storage import Store
    from storage.finder import build_finder  # noqa: F401  (the same code loaded in every phase)

    gc.collect()
    imports = _rss()
    store = Store.open(path)
    gc.collect()
    opened = _rss()
    finder = store.finder()
    gc.collect()
    indexed = _rss()
    print(json.dumps({"imports": imports, "store": opened - imports, "index": indexed - opened,
                      "entries": len(finder.entries)}))
    store.close()


def run(work: Path, sizes: tuple[int, ...] = SIZES) -> list[dict[str, Any]]:
    from storage import Store

    rows = []
    for visits in sizes:
        path = work / f"s{visits}.json"
        generate_store(path, visits)
        log(f"search: {visits} visits")
        opens, builds = [], []
        for _ in range(3):
            t = time.perf_counter()
            Store.snapshot(path).close()
            opens.append(time.perf_counter() - t)
        copy = work / f"open{visits}" / "s.json"
        copy.parent.mkdir()
        shutil.copyfile(path, copy)
        with Store.open(copy) as store:
            for _ in range(3):
                store._load()  # drops the index, as a restore does
                t = time.perf_counter()
                finder = store.finder()
                builds.append(time.perf_counter() - t)
            times, slowest = _keystrokes(finder)
            entries = len(finder.entries)
        saves = _one_save(copy)
        mem = _memory(path)
        size = path.stat().st_size
        rows.append({"visits": visits, "file": size, "entries": entries, "open": median(opens),
                     "build": median(builds), "keys": summary(times), "slowest": slowest, **saves, **mem,
                     "ratio_store": mem["store"] / size, "ratio_total": (mem["store"] + mem["index"]) / size})
    return rows


def bare_input() -> dict[str, dict[str, float]]:
    """The bare Textual Input's keystroke to frame, as ``bench_filter.py`` measures it."""
    out = {}
    for fps in ("1000", "60"):
        env = child_env(TEXTUAL_FPS=fps) if fps != "60" else child_env()
        log(f"search: bare Input, {fps} fps")
        _, bare = run_child(["filter-bare", "--passes", str(BARE_PASSES)], env)
        out[fps] = summary(bare["latencies"])
    return out


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds * 1000:,.0f} ms"


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def report(rows: list[dict[str, Any]], bare: dict[str, dict[str, float]]) -> str:
    b1, b60 = bare["1000"], bare["60"]
    lines = [
        f"Bare Textual Input, keystroke to frame: {_ms(b1['median'])} (p95 {_ms(b1['p95'])}) at TEXTUAL_FPS=1000, "
        f"{_ms(b60['median'])} (p95 {_ms(b60['p95'])}) at 60 fps.",
        "",
        "| visits | file | entries | snapshot (baseline) | build `store.finder()` | keystroke query median | p95 "
        "| p95 / bare Input p95 (1000 fps / 60 fps) | bare Input p95 + query p95 (60 fps) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        k = r["keys"]
        lines.append(f"| {r['visits']:,} | {_mb(r['file'])} | {r['entries']:,} | {_ms(r['open'])} | {_ms(r['build'])} "
                     f"| {_ms(k['median'])} | {_ms(k['p95'])} | {ratio(k['p95'], b1['p95']):.2f}× / "
                     f"{ratio(k['p95'], b60['p95']):.2f}× | {_ms(b60['p95'] + k['p95'])} |")
    lines += ["", "| visits | save, no index | save, live index | first query after the save | same query alone "
              "| RSS store | RSS index | (store + index) / file |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r['visits']:,} | {_ms(r['save_plain'])} | {_ms(r['save_live'])} | {_ms(r['query_after_save'])} "
                     f"| {_ms(r['query_alone'])} | {_mb(r['store'])} ({r['ratio_store']:.2f}×) | {_mb(r['index'])} "
                     f"| {r['ratio_total']:.2f}× |")
    lines += ["", f"{len(_typed_letters())} keystrokes × {ROUNDS} rounds per size, typed from: "
              + ", ".join(f"„{t}“" for t in TYPED) + f"; {LIMIT} hits with snippets each.", ""]
    for r in rows:
        lines.append(f"Slowest keystrokes at {r['visits']:,}: "
                     + ", ".join(f"„{t}“ {_ms(s)}" for s, t in r["slowest"]) + ".")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_search")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--memory-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        memory_child(args.memory_child)
        return
    sizes = tuple(int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory() as folder:
        bare = bare_input()
        rows = run(Path(folder), sizes)
    print(f"<!-- {date.today()} -->")
    print(report(rows, bare))


if __name__ == "__main__":
    main()
