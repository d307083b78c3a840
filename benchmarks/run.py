"""Run the asskomm benchmarks: ``.venv/bin/python -m benchmarks.run`` (or ``python benchmarks/run.py``).

Generates the demo stores (500, 5,000 and 20,000 visits; seed 1; ending 26.11.2026) in a work
folder, runs the benchmarks, prints Markdown tables and writes ``benchmarks/out/results.json`` and
``benchmarks/out/results.md``. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "benchmarks"

from benchmarks import bench_filter, bench_memory, bench_misc, bench_save, bench_start, bench_sync, report  # noqa: E402
from benchmarks.common import OUT, ROOT, SIZES, generate_store, log, machine  # noqa: E402

ALL = ("save", "start", "filter", "memory", "sync", "misc")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(ALL),
                        help=f"comma-separated subset of {','.join(ALL)} (default: all)")
    parser.add_argument("--quick", action="store_true", help="few repetitions: a smoke test, not figures")
    parser.add_argument("--work", type=Path, help="folder for the generated stores (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--out", type=Path, default=OUT, help="where results.json/.md go (default benchmarks/out)")
    args = parser.parse_args(argv)
    only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = set(only) - set(ALL)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")

    args.out = args.out.resolve()  # relative to where the command was given, not to ROOT
    args.work = args.work.resolve() if args.work else None
    os.chdir(ROOT)
    work = args.work or Path(tempfile.mkdtemp(prefix="asskomm-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    python = Path(sys.executable)
    try:
        python = python.relative_to(ROOT)
    except ValueError:
        pass
    command = f"{python} -m benchmarks.run" + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip()
    results: dict = {"machine": machine(work), "command": command.strip(), "quick": args.quick}
    try:
        # -- the stores, and how long generating them takes (3 runs each; the first one is kept)
        stores: dict[int, Path] = {}
        generation: dict[int, list[float]] = {}
        gen_reps = 1 if args.quick else 3
        for visits in SIZES:
            log(f"generating the {visits}-visit store")
            stores[visits] = work / "stores" / f"demo-{visits}" / "store.json"
            times = [generate_store(stores[visits], visits)]
            for i in range(1, gen_reps):
                scratch = work / "stores" / f"scratch-{visits}-{i}" / "store.json"
                times.append(generate_store(scratch, visits))
                shutil.rmtree(scratch.parent)
            generation[visits] = times
        results["store_bytes"] = {v: p.stat().st_size for v, p in stores.items()}

        benches = {
            "save": lambda: bench_save.run(stores, work, args.quick),
            "start": lambda: bench_start.run(stores, work, args.quick),
            "filter": lambda: bench_filter.run(stores, work, args.quick),
            "memory": lambda: bench_memory.run(stores, work, args.quick),
            "sync": lambda: bench_sync.run(stores, work, args.quick),
            "misc": lambda: bench_misc.run(stores, work, generation, args.quick),
        }
        results["loadavg"] = {}
        for name in ALL:
            if name in only:
                before = os.getloadavg()[0]
                results[name] = benches[name]()
                results["loadavg"][name] = (before, os.getloadavg()[0])
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    results["machine"]["loadavg_end"] = os.getloadavg()
    results["seconds"] = time.perf_counter() - started

    args.out.mkdir(parents=True, exist_ok=True)
    # the raw figures first: a failing report must not lose a run (``python -m benchmarks.report`` redoes it)
    (args.out / "results.json").write_text(json.dumps(results, indent=1, default=str) + "\n")
    markdown = report.render(results)
    (args.out / "results.md").write_text(markdown)
    print(markdown)
    log(f"done in {results['seconds'] / 60:.1f} min; results in {args.out / 'results.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
