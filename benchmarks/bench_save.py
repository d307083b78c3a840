"""Target 1: saving one visit, against TinyDB's JSONStorage and against the I/O floor.

All four contenders run in this process on copies of the same store file, interleaved round by
round (the order rotates), so a noisy neighbour hits them alike:

- ``asskomm``: ``Repositories.create_visit(VisitData)`` on a store opened once with ``Store.open``:
  the app's real durable write path (pydantic validation, rev hash, TinyDB table update, the
  store's serializer, temp file + fsync + ``os.replace`` + fsync of the folder).
- ``jsonstorage``: ``TinyDB(copy, storage=JSONStorage).table("visit").insert(doc)`` with the same
  envelope dict ``create_visit`` writes (prepared before the clock starts). JSONStorage re-reads
  and re-parses the whole file (json module) and rewrites it in place with fsync on every insert.
- ``floor_orjson``: ``orjson.dumps`` of the fully parsed tables + write to a temp file + fsync +
  ``os.replace`` (no folder fsync).
- ``floor_store``: the same, serializing with the store's own ``dump_tables`` over the tables as
  the store keeps them (unchanged documents are raw JSON bytes, so this is mostly a concatenation).
- ``floor_store_dirsync`` (diagnostic only): ``floor_store`` plus the fsync of the folder after the
  rename, which asskomm's durable write also does (so the rename survives a power cut).

The floor of target 1(b) is the cheaper of the two floors in each size (the strictest reading).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from .common import fresh_copy, log, median, p95, ratio, sample_visit

CONTENDERS = ("asskomm", "jsonstorage", "floor_orjson", "floor_store", "floor_store_dirsync")
REPS = {500: 60, 5_000: 40, 20_000: 15}
WARMUP = 2


def floor_write(path: Path, payload: bytes) -> None:
    """Temp file in the same folder, write, fsync, os.replace: the least a crash-safe save can do."""
    tmp = path.with_name(f".{path.name}.floor-tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def _jsonstorage_docs(store: Any, count: int) -> list[dict[str, Any]]:
    """Envelope dicts like the ones ``create_visit`` stores, with fresh ids (built off the clock)."""
    from storage.canonical import make_rev, rev_hash
    from storage.records import data_to_raw, utc_now

    docs = []
    for i in range(count):
        data = data_to_raw(sample_visit(100_000 + i))
        rev = make_rev(None, False, data)
        docs.append({
            "kind": "visit", "id": f"{i:032x}", "rev": rev, "revs": [rev_hash(rev)], "deleted": False,
            "updated_at": utc_now().isoformat().replace("+00:00", "Z"),
            "updated_by": store.local.consultant_id, "origin": store.local.device_id,
            "seq": store.local.seq + 1 + i, "data": data,
        })
    return docs


def run_size(source: Path, work: Path, visits: int, reps: int | None = None) -> dict[str, Any]:
    import orjson
    from tinydb import TinyDB
    from tinydb.storages import JSONStorage

    from storage import Repositories, Store
    from storage.durable import dump_tables, fsync_dir, load_tables

    reps = reps or REPS[visits]
    base = work / f"save-{visits}"
    durable_path = fresh_copy(source, base / "asskomm")
    json_path = fresh_copy(source, base / "jsonstorage")
    floor_dir = base / "floor"
    floor_dir.mkdir(parents=True, exist_ok=True)
    raw = source.read_bytes()
    parsed = orjson.loads(raw)
    kept = load_tables(raw, keep_bytes=True)
    assert kept is not None, "the demo store is not in dump_tables layout"

    store = Store.open(durable_path)  # makes today's daily backup now, off the clock
    repos = Repositories(store)
    db = TinyDB(json_path, storage=JSONStorage)
    table = db.table("visit")
    docs = _jsonstorage_docs(store, reps + WARMUP)
    visits_data = [sample_visit(i) for i in range(reps + WARMUP)]

    def op(name: str, i: int) -> float:
        if name == "asskomm":
            data = visits_data[i]
            t = time.perf_counter()
            repos.create_visit(data)
            return time.perf_counter() - t
        if name == "jsonstorage":
            doc = docs[i]
            t = time.perf_counter()
            table.insert(doc)
            return time.perf_counter() - t
        if name == "floor_orjson":
            t = time.perf_counter()
            floor_write(floor_dir / "orjson.json", orjson.dumps(parsed))
            return time.perf_counter() - t
        if name == "floor_store":
            t = time.perf_counter()
            floor_write(floor_dir / "store.json", dump_tables(kept))
            return time.perf_counter() - t
        # diagnostic, not a floor of the target: plus the fsync of the folder that asskomm also does
        t = time.perf_counter()
        floor_write(floor_dir / "store-dirsync.json", dump_tables(kept))
        fsync_dir(floor_dir)
        return time.perf_counter() - t

    times: dict[str, list[float]] = {name: [] for name in CONTENDERS}
    per_round: dict[str, list[float]] = {"vs_jsonstorage": [], "vs_floor": []}
    try:
        for i in range(reps + WARMUP):
            shift = i % len(CONTENDERS)
            order = CONTENDERS[shift:] + CONTENDERS[:shift]
            got = {name: op(name, i) for name in order}
            if i < WARMUP:
                continue
            for name, value in got.items():
                times[name].append(value)
            per_round["vs_jsonstorage"].append(ratio(got["jsonstorage"], got["asskomm"]))
            per_round["vs_floor"].append(ratio(got["asskomm"], min(got["floor_orjson"], got["floor_store"])))
        writes = store.storage.writes
    finally:
        store.close()
        db.close()

    stats = {name: {"median": median(v), "p95": p95(v), "n": len(v)} for name, v in times.items()}
    floor_name = min(("floor_orjson", "floor_store"), key=lambda n: stats[n]["median"])
    result = {
        "visits": visits,
        "file_bytes": len(raw),
        "reps": reps,
        "stats": stats,
        "floor": floor_name,
        "speedup_vs_jsonstorage": ratio(stats["jsonstorage"]["median"], stats["asskomm"]["median"]),
        "ratio_to_floor": ratio(stats["asskomm"]["median"], stats[floor_name]["median"]),
        "ratio_to_floor_orjson": ratio(stats["asskomm"]["median"], stats["floor_orjson"]["median"]),
        "ratio_to_floor_store": ratio(stats["asskomm"]["median"], stats["floor_store"]["median"]),
        "ratio_to_floor_store_dirsync": ratio(stats["asskomm"]["median"], stats["floor_store_dirsync"]["median"]),
        "paired_speedup_median": median(per_round["vs_jsonstorage"]),
        "paired_floor_ratio_median": median(per_round["vs_floor"]),
        "physical_writes": writes,
    }
    result["met_a"] = result["speedup_vs_jsonstorage"] >= 10
    result["met_b"] = result["ratio_to_floor"] <= 1.5
    return result


def run(stores: dict[int, Path], work: Path, quick: bool = False) -> list[dict[str, Any]]:
    results = []
    for visits, source in stores.items():
        log(f"save: {visits} visits")
        reps = max(4, REPS[visits] // 4) if quick else None
        results.append(run_size(source, work, visits, reps))
    return results
