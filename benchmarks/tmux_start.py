"""Start in a real terminal (tmux, 80×24): launch → first screen with its data, bare app vs asskomm.

``.venv/bin/python -m benchmarks.tmux_start [--visits 5000] [--reps 7]``; needs tmux. Not part of
``benchmarks.run`` (it needs a terminal server), and the figures are coarser than
``bench_start.py``'s: the screen is read by polling ``tmux capture-pane`` (a few ms per poll), and
the frame really is encoded and written to a terminal.

For each repetition, in alternating order, a new detached tmux session runs

- ``bare``: ``python -m benchmarks.child run-bare`` (Header, Input, a DataTable of the 418
  communes, Footer: issue 8's baseline) until "Chemnitz" (its first row) is on the screen; then
  "x" is typed and the time until the Input shows it is taken ("key").
- ``asskomm``: the ``asskomm`` command on a copy of the demo store until the Übersicht greets the
  consultant ("Guten Tag", shown with its data); then F3 is sent and the time until the Kommunen
  screen says "418 von 418 Kommunen" is taken ("key").

The clock starts just before ``tmux new-session``; both sides pay tmux's own start the same way.
Bytecode is cached (as after an installation; see bench_start.py), the warm-up runs write it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from .common import ROOT, child_env, generate_store, make_daily_backup, median, p95

SESSION = "asskomm-bench-start"


def _capture() -> str:
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", SESSION], capture_output=True, text=True).stdout


def _until(holds: Callable[[str], bool], timeout: float = 20.0) -> float:
    """When the screen first satisfied ``holds`` (the moment the capture was asked for)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        asked = time.monotonic()
        if holds(_capture()):
            return asked
        time.sleep(0.002)
    raise TimeoutError(f"not on the screen:\n{_capture()}")


def one(command: list[str], env: dict[str, str], shown: Callable[[str], bool], key: str,
        after_key: Callable[[str], bool]) -> tuple[float, float]:
    """(launch → ``shown`` holds for the screen, key sent → ``after_key`` holds), in seconds."""
    subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
    # tmux's server passes on its own environment (here with PYTHONDONTWRITEBYTECODE=1)
    line = " ".join(["env", "-u", "PYTHONDONTWRITEBYTECODE", *(f"{k}={v}" for k, v in env.items()), *command])
    start = time.monotonic()
    subprocess.run(["tmux", "new-session", "-d", "-s", SESSION, "-x", "80", "-y", "24", line], check=True)
    try:
        seen = _until(shown)
        sent = time.monotonic()
        subprocess.run(["tmux", "send-keys", "-t", SESSION, key], check=True)
        done = _until(after_key)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
    return seen - start, done - sent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.tmux_start")
    parser.add_argument("--visits", type=int, default=5_000)
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        print("tmux is needed", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="asskomm-tmux-"))
    try:
        store = work / "store" / "store.json"
        generate_store(store, args.visits)
        make_daily_backup(store)
        base = child_env(PYTHONPYCACHEPREFIX=str(work / "pycache"), HOME=str(work / "home"),
                         ASSKOMM_CONFIG=str(work / "no-settings.toml"))
        base.pop("PYTHONDONTWRITEBYTECODE", None)
        # only what differs from tmux's own environment goes on the command line
        env = {k: v for k, v in base.items() if os.environ.get(k) != v and k in
               ("PYTHONPATH", "PYTHONPYCACHEPREFIX", "HOME", "ASSKOMM_CONFIG")}
        python = sys.executable
        bare_cmd = ["sh", "-c", f"'cd {ROOT} && exec {python} -m benchmarks.child run-bare'"]
        asskomm_cmd = [str(Path(python).parent / "asskomm"), "--db", str(store)]
        kinds = {
            # the typed "x" replaces the Input's placeholder
            "bare": lambda: one(bare_cmd, env, lambda s: "Chemnitz" in s, "x", lambda s: "Suchen" not in s),
            "asskomm": lambda: one(asskomm_cmd, env, lambda s: "Guten Tag" in s, "F3",
                                   lambda s: "418 von 418 Kommunen" in s),
        }
        for run in kinds.values():  # warm-up: bytecode, page cache
            run()
        results: dict[str, list[tuple[float, float]]] = {k: [] for k in kinds}
        loads = []
        for i in range(args.reps):
            loads.append(os.getloadavg()[0])
            for name, run in kinds.items():
                results[name].append(run())
        b = [s for s, _ in results["bare"]]
        a = [s for s, _ in results["asskomm"]]
        print(f"tmux 80×24, {args.visits:,} visits, {args.reps} runs each after one warm-up; "
              f"1-min load average {min(loads):.1f}–{max(loads):.1f}")
        print("| | bare app (Header, Input, 418-row DataTable, Footer) | asskomm | ratio |")
        print("| --- | ---: | ---: | ---: |")
        print(f"| launch → first screen with its data, median (p95) | {median(b) * 1000:.0f} ms ({p95(b) * 1000:.0f}) "
              f"| {median(a) * 1000:.0f} ms ({p95(a) * 1000:.0f}) | {median(a) / median(b):.2f}× |")
        kb = [k for _, k in results["bare"]]
        ka = [k for _, k in results["asskomm"]]
        print(f"| then a key → its effect on screen, median | x typed into the Input: {median(kb) * 1000:.0f} ms "
              f"| F3 → 418 communes listed: {median(ka) * 1000:.0f} ms | – |")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
