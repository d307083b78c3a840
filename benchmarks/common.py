"""Shared helpers: statistics, demo stores, the machine description, child processes.

Only the standard library is imported at module level, so the child processes started for the
start-up and memory measurements do not pay for anything they do not measure.
"""

from __future__ import annotations

import json
import math
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Sequence

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
TODAY = date(2026, 11, 26)  # end date of every demo store and "today" of the app
SEED = 1
SIZES = (500, 5_000, 20_000)
RESULT_MARK = "BENCH-RESULT "
PIRNA = "14628270"


# -- statistics ------------------------------------------------------------------------------------
def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation between closest ranks (numpy's default)."""
    data = sorted(values)
    if not data:
        return math.nan
    if len(data) == 1:
        return data[0]
    pos = (len(data) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


def p95(values: Sequence[float]) -> float:
    return percentile(values, 95)


def summary(values: Sequence[float]) -> dict[str, float]:
    """n, median, p95, min, max of a sample."""
    return {"n": len(values), "median": median(values), "p95": p95(values),
            "min": min(values) if values else math.nan, "max": max(values) if values else math.nan}


def ratio(a: float, b: float) -> float:
    return a / b if b else math.inf


def ms(seconds: float) -> str:
    """Seconds as a millisecond figure for the tables."""
    if seconds != seconds:  # NaN
        return "–"
    if seconds >= 10:
        return f"{seconds * 1000:,.0f}"
    if seconds >= 0.1:
        return f"{seconds * 1000:,.0f}"
    if seconds >= 0.01:
        return f"{seconds * 1000:.1f}"
    return f"{seconds * 1000:.2f}"


def x(value: float, digits: int = 2) -> str:
    """A ratio for the tables."""
    if value != value:
        return "–"
    return f"{value:.{digits}f}×" if value < 10 else f"{value:.1f}×"


def verdict(ok: bool) -> str:
    return "**MET**" if ok else "**NOT MET**"


# -- stores ----------------------------------------------------------------------------------------
def generate_store(path: Path, visits: int) -> float:
    """Write the demo store of ``visits`` visits (seed 1, ending 26.11.2026); returns the seconds it took."""
    from storage.demo import generate

    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    generate(path, visits=visits, seed=SEED, end=TODAY)
    return time.perf_counter() - started


def fresh_copy(source: Path, folder: Path, name: str = "store.json") -> Path:
    """A copy of ``source`` alone in an empty ``folder`` (its own lock, drafts and backups)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    target = folder / name
    shutil.copyfile(source, target)
    keys = source.with_name(source.name + ".keys")
    if keys.exists():  # the same device: its keys come along (else the copy makes new ones)
        shutil.copyfile(keys, target.with_name(target.name + ".keys"))
    return target


def remove_backups(store: Path) -> None:
    """Forget the store's backups, so that the next open makes the daily one again."""
    shutil.rmtree(store.parent / "backups", ignore_errors=True)


def make_daily_backup(store: Path) -> None:
    """Open and close the store once, so that today's daily backup exists (a "later" open)."""
    from storage import Store

    Store.open(store).close()


def sample_visit(i: int = 0):
    """A realistic new visit in Pirna: two findings, two follow-ups, a few lines of text."""
    from storage.records import Finding, FollowUp, VisitData, VisitKind

    return VisitData(
        commune=PIRNA, date=TODAY, kind=VisitKind.KPR_MEETING, consultants=(),
        participants=("Bürgermeister/in", "Ordnungsamt", "Polizeirevier"),
        summary=f"KPR-Sitzung {i}: Graffiti am Bahnhof und Vermüllung im Stadtpark besprochen.",
        notes="Protokoll folgt. Nächster Termin im Januar.\nFotos liegen dem Ordnungsamt vor.",
        findings=(
            Finding(id=f"f{i:08d}a", problem_field="graffiti", severity=3, place="Bahnhofsvorplatz",
                    evidence="Ortsbegehung", note="Neue Tags seit Oktober."),
            Finding(id=f"f{i:08d}b", problem_field="littering", severity=2, place="Stadtpark",
                    evidence="Bürgerhinweise"),
        ),
        follow_ups=(
            FollowUp(id=f"u{i:08d}a", text="Termin mit dem Polizeirevier vereinbaren", owner="Ordnungsamt",
                     due=date(2026, 12, 10)),
            FollowUp(id=f"u{i:08d}b", text="Förderantrag RL KommPräv vorbereiten", owner="LPR",
                     due=date(2027, 1, 15)),
        ),
    )


# -- the machine -----------------------------------------------------------------------------------
def _version(module: str) -> str:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:
        return "?"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _filesystem(path: Path) -> str:
    """Type of the file system holding ``path`` (Linux: from /proc/mounts)."""
    try:
        best, kind = "", "?"
        resolved = str(path.resolve())
        for line in Path("/proc/mounts").read_text().splitlines():
            parts = line.split()
            if len(parts) > 2 and resolved.startswith(parts[1]) and len(parts[1]) > len(best):
                best, kind = parts[1], parts[2]
        return kind
    except OSError:
        return "?"


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
    except Exception:
        return "?"


def machine(work: Path) -> dict[str, Any]:
    """What the figures were measured on."""
    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:
        affinity = os.cpu_count() or 0
    try:
        mem = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        mem_gib = f"{int(mem) / 1024 / 1024:.1f} GiB"
    except Exception:
        mem_gib = "?"
    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "nproc": affinity,
        "cpu": _cpu_model(),
        "memory": mem_gib,
        "os": platform.platform(),
        "python": platform.python_version(),
        "textual": _version("textual"),
        "tinydb": _version("tinydb"),
        "orjson": _version("orjson"),
        "pydantic": _version("pydantic"),
        "rich": _version("rich"),
        "filesystem": _filesystem(work),
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain", "--", "storage", "asskomm_tui")),
        "loadavg_start": os.getloadavg(),
    }


# -- child processes -------------------------------------------------------------------------------
def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child: ours minus Textual's dev switches, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL") and k != "ASSKOMM_DB"}
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update(extra)
    return env


def run_child(args: Iterable[str], env: dict[str, str] | None = None, timeout: float = 300,
              via_shell: bool = False) -> tuple[float, dict[str, Any]]:
    """Run ``python -m benchmarks.child ARGS``; returns (monotonic time just before the spawn, its result).

    ``via_shell``: start the child from a small ``sh`` that forks it (for peak-memory figures). On
    Linux a process's ``ru_maxrss`` starts from the high-water mark of the memory it was forked
    from: a child forked straight from this (big) process would report our peak, not its own.
    """
    args = list(args)
    cmd = [sys.executable, "-m", "benchmarks.child", *args]
    if via_shell:
        # not the last command of the script, so the shell forks python instead of exec'ing it
        cmd = ["sh", "-c", '"$0" "$@"; status=$?; exit $status', *cmd]
    spawn = time.monotonic()
    proc = subprocess.run(cmd, cwd=ROOT, env=env or child_env(), capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"child {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            return spawn, json.loads(line[len(RESULT_MARK):])
    raise RuntimeError(f"child {' '.join(args)} printed no result:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")


def emit(result: dict[str, Any]) -> None:
    """Child side of ``run_child``."""
    sys.stdout.write(RESULT_MARK + json.dumps(result) + "\n")
    sys.stdout.flush()


def log(message: str) -> None:
    """Progress on stderr (the report goes to stdout and to files)."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
