"""The measured child processes (``python -m benchmarks.child KIND ...``), started by the benchmarks.

Every child prints one ``BENCH-RESULT {json}`` line. Times that the parent compares with its own
clock are ``time.monotonic()`` values (CLOCK_MONOTONIC, shared by all processes of the machine).
Nothing heavy is imported at module level: what a child imports is part of what it measures.

Frames: Textual calls ``App._display(screen, renderable)`` with a non-None renderable each time
the compositor has produced a frame (in headless ``run_test`` too, where the write to the terminal
is then skipped). The children replace ``_display`` on the app instance with a wrapper that
timestamps every frame; writing the frame to a real terminal is therefore not included, for the
bare app and for asskomm alike.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path
from typing import Any

T_MAIN = time.monotonic()  # the interpreter has started and is running our code

from .common import ROOT, TODAY, emit  # noqa: E402  (stdlib only)
# no user settings file (a real keymap or theme would change what is measured): a path that does not exist
SETTINGS = Path("/nonexistent/asskomm-benchmark-settings.toml")

SIZE = (80, 24)
COMMUNES = 418
# typed into the search box, then erased key by key: 48 keys per pass
WORDS = ("gorlitz", "leipzig", "pirna", "14628")
TIMEOUT = 30.0


def key_steps() -> list[tuple[str, str]]:
    """(key, search text after it) for one pass."""
    steps = []
    for word in WORDS:
        for i, ch in enumerate(word):
            steps.append((ch, word[: i + 1]))
        for i in range(len(word), 0, -1):
            steps.append(("backspace", word[: i - 1]))
    return steps


async def _until(predicate, timeout: float = TIMEOUT, step: float = 0.0005) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not reached")
        await asyncio.sleep(step)


def _bare_app():
    from textual.app import App
    from textual.widgets import Input

    class Bare(App[None]):
        def compose(self):
            yield Input(placeholder="Suchen", id="search")

        def on_mount(self) -> None:
            self.query_one(Input).focus()

    return Bare()


def _bare_list_app():
    """Issue 8's baseline: Header, a focused Input, a DataTable of the 418 communes, Footer.

    The rows are read from the CSV the store ships (stdlib ``csv``, no project code imported).
    """
    import csv

    from textual.app import App
    from textual.widgets import DataTable, Footer, Header, Input

    class BareList(App[None]):
        def compose(self):
            yield Header()
            yield Input(placeholder="Suchen", id="search")
            yield DataTable(id="table", cursor_type="row", zebra_stripes=True)
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Name", "Kreis", "AGS", "Einwohner")
            with open(ROOT / "storage" / "data" / "sachsen_gemeinden.csv", encoding="utf-8") as f:
                table.add_rows((r["name"], r["kreis"], r["ags"], r["population"]) for r in csv.DictReader(f))
            self.query_one(Input).focus()

    return BareList()


# -- target 2: start -------------------------------------------------------------------------------
def _mark_calls(marks: dict[str, float], cls: type, name: str, label: str) -> None:
    """Note when the first call of ``cls.name`` starts and ends (``label_start``/``label_end``).

    Diagnostics only; if the product renames the method, the marks are simply missing.
    """
    method = getattr(cls, name, None)
    if method is None:
        return
    if asyncio.iscoroutinefunction(method):
        async def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            marks.setdefault(f"{label}_start", time.monotonic())
            try:
                return await method(*args, **kwargs)
            finally:
                marks.setdefault(f"{label}_end", time.monotonic())
    else:
        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            marks.setdefault(f"{label}_start", time.monotonic())
            try:
                return method(*args, **kwargs)
            finally:
                marks.setdefault(f"{label}_end", time.monotonic())
    timed.__name__ = method.__name__
    timed.__wrapped__ = method  # type: ignore[attr-defined]
    setattr(cls, name, timed)


def _frames(app, marks: dict[str, float], checks: list[tuple[str, Any]]) -> None:  # type: ignore[no-untyped-def]
    """Wrap ``app._display``: ``first_frame``, and for each (mark, predicate(screen)) in order the
    first frame after the previous mark's for which the predicate holds."""
    original = app._display

    def display(screen, renderable):  # type: ignore[no-untyped-def]
        if renderable is not None:
            now = time.monotonic()
            marks.setdefault("first_frame", now)
            for name, holds in checks:
                if name not in marks:
                    if holds(screen):
                        marks[name] = now
                        # CPU time of the whole process (all threads) since it started: steadier
                        # than wall time on a busy machine
                        marks[f"{name}_cpu"] = time.process_time()
                    break
        original(screen, renderable)

    app._display = display  # type: ignore[method-assign]


async def start_bare(kind: str) -> dict[str, Any]:
    """``list``: issue 8's baseline (Header, Input, 418-row DataTable, Footer); ``input``: one Input.

    Marks: ``shown`` = first frame with everything on it; ``interactive`` = the first frame showing
    a key ("a") that was pressed as soon as ``shown`` was seen.
    """
    t_import = time.monotonic()
    app = _bare_list_app() if kind == "list" else _bare_app()
    from textual.widgets import Input

    t_imported = time.monotonic()
    marks: dict[str, float] = {}

    def shown(screen) -> bool:  # type: ignore[no-untyped-def]
        if kind != "list":
            return True
        from textual.widgets import DataTable

        return screen.query_one(DataTable).row_count == COMMUNES

    _frames(app, marks, [("shown", shown), ("interactive", lambda s: s.query_one(Input).value == "a")])
    t_run = time.monotonic()
    async with app.run_test(size=SIZE):
        await _until(lambda: "shown" in marks)
        marks["key_sent"] = time.monotonic()
        _post_key(app, "a")  # not pilot.press: it waits for an idle process before it returns
        await _until(lambda: "interactive" in marks)
    return {"main": T_MAIN, "import_start": t_import, "imported": t_imported, "run_test": t_run, **marks}


async def start_asskomm(db: Path) -> dict[str, Any]:
    """The first screen (Übersicht) with its data, a key handled there, then F3 to the commune list.

    Marks: ``shown`` = first frame of the Übersicht with its rows; ``interactive`` = the first frame
    in which a Down pressed as soon as ``shown`` was seen has moved the cursor of the focused
    table (the key went through the app's ordered key handling, as a typed one does); then F3:
    ``rows_frame`` = first frame of the Kommunen screen with all 418 rows.
    """
    t_import = time.monotonic()
    # as the ``asskomm`` command starts the app: its module, its arguments, then ``run_app``'s import
    from asskomm_tui import cli

    cli.build_parser().parse_args(["--db", str(db)])
    if hasattr(cli, "load_app"):  # (older versions, measured with this harness for the "before" figures)
        AsskommApp = cli.load_app()  # noqa: N806
    else:
        from asskomm_tui.app import AsskommApp

    t_imported = time.monotonic()
    app = AsskommApp(db, today=TODAY, config_path=SETTINGS)
    marks: dict[str, float] = {}

    def overview_shown(screen) -> bool:  # type: ignore[no-untyped-def]
        from asskomm_tui.screens.overview import OverviewScreen

        if not isinstance(screen, OverviewScreen):
            return False
        return any(t.row_count for t in screen.query("RecordTable"))

    def moved(screen) -> bool:  # type: ignore[no-untyped-def]
        table = screen.focused
        return table is not None and getattr(table, "cursor_row", 0) == 1

    def commune_rows(screen) -> bool:  # type: ignore[no-untyped-def]
        from asskomm_tui.screens.communes import CommunesScreen
        from asskomm_tui.widgets.list_table import ListTable

        return isinstance(screen, CommunesScreen) and screen.query_one(ListTable).row_count == COMMUNES

    _frames(app, marks, [("shown", overview_shown), ("interactive", moved), ("rows_frame", commune_rows)])
    t_run = time.monotonic()
    async with app.run_test(size=SIZE):
        await _until(lambda: "shown" in marks)
        marks["ready"] = time.monotonic()
        _post_key(app, "down")  # not pilot.press: it waits for an idle process (the search index)
        await _until(lambda: "interactive" in marks)
        # the commune list (the benchmark's measure before issue 8): its screen's parts, marked
        from asskomm_tui.screens.communes import CommunesScreen

        _mark_calls(marks, AsskommApp, "action_communes", "f3_action")  # switch to the mode: mounts the screen
        _mark_calls(marks, CommunesScreen, "load", "rows_load")  # on the store thread
        _mark_calls(marks, CommunesScreen, "show", "rows_show")
        marks["f3_sent"] = time.monotonic()
        _post_key(app, "f3")
        await _until(lambda: "rows_frame" in marks)
    return {"main": T_MAIN, "import_start": t_import, "imported": t_imported, "run_test": t_run, **marks}


# -- target 3: keystroke to screen -------------------------------------------------------------------
async def _type_and_time(app, pilot, state, passes: int) -> tuple[list[float], list[str]]:  # type: ignore[no-untyped-def]
    """Press every key of ``key_steps`` ``passes`` times; the latency of each key to its frame.

    ``state()`` gives what a frame shows that matters (search text, and the list's rows); a key's
    latency is from just before ``pilot.press`` to the first frame after that moment whose state
    equals the expected one.
    """
    frames: list[tuple[float, Any]] = []
    original = app._display

    def display(screen, renderable):  # type: ignore[no-untyped-def]
        if renderable is not None:
            frames.append((time.perf_counter(), state()))
        original(screen, renderable)

    app._display = display
    gc_pauses = _GcPauses()
    updates = _SCREEN_UPDATES
    updates.durations.clear()
    updates.active = True
    steps = key_steps()
    latencies: list[float] = []
    labels: list[str] = []
    expected_of = getattr(app, "_bench_expected", None)
    for _ in range(passes):
        for key, text in steps:
            expected = expected_of(text) if expected_of else text
            start = len(frames)
            t0 = time.perf_counter()
            await pilot.press(key)

            def shown() -> bool:
                return any(t > t0 and s == expected for t, s in frames[start:])

            await _until(shown, timeout=5.0)
            t1 = next(t for t, s in frames[start:] if t > t0 and s == expected)
            latencies.append(t1 - t0)
            labels.append(key)
            await asyncio.sleep(0.005)  # let stragglers (a second frame) pass before the next key
    app._display = original
    gc_pauses.stop()
    updates.active = False
    app._bench_gc = gc_pauses.pauses  # type: ignore[attr-defined]
    app._bench_updates = list(updates.durations)  # type: ignore[attr-defined]
    return latencies, labels


class _ScreenUpdates:
    """Durations of the screens' update ticks (layout if needed, compositor render, ``_display``).

    Screens bind their update timer to the method when they are created, so this must be
    installed before the app starts; it records only while ``active``.
    """

    def __init__(self) -> None:
        self.durations: list[float] = []
        self.active = False

    def install(self) -> None:
        from textual.screen import Screen

        original = Screen._on_timer_update

        def timed(screen):  # type: ignore[no-untyped-def]
            if not self.active:
                return original(screen)
            t = time.perf_counter()
            original(screen)
            if screen.is_current:
                self.durations.append(time.perf_counter() - t)

        Screen._on_timer_update = timed  # type: ignore[method-assign]


_SCREEN_UPDATES = _ScreenUpdates()


class _GcPauses:
    """Records the duration of every garbage collection (generation, seconds) while it is active."""

    def __init__(self) -> None:
        import gc

        self.pauses: list[tuple[int, float]] = []
        self._start = 0.0
        self._gc = gc
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.pauses.append((info["generation"], time.perf_counter() - self._start))

    def stop(self) -> None:
        self._gc.callbacks.remove(self._callback)


async def filter_bare(passes: int) -> dict[str, Any]:
    from textual.widgets import Input

    _SCREEN_UPDATES.install()

    app = _bare_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        search = app.query_one(Input)
        search.cursor_blink = False  # blink frames would otherwise interleave with key frames
        await pilot.pause()
        for key in ("a", "b", "backspace", "backspace"):  # warm-up, not measured
            await pilot.press(key)
        latencies, labels = await _type_and_time(app, pilot, lambda: search.value, passes)
    return {"latencies": latencies, "keys": labels, "gc": _gc_summary(app), "updates": app._bench_updates}


async def filter_asskomm(db: Path, passes: int) -> dict[str, Any]:
    from asskomm_tui.app import AsskommApp
    from asskomm_tui.screens.communes import CommunesScreen
    from asskomm_tui.widgets.list_table import ListTable
    from textual.widgets import Input

    _SCREEN_UPDATES.install()
    app = AsskommApp(db, today=TODAY, config_path=SETTINGS)
    async with app.run_test(size=SIZE) as pilot:
        await _until(lambda: app.ready)
        await pilot.press("f3")
        await _until(lambda: isinstance(app.screen, CommunesScreen)
                     and app.screen.query_one(ListTable).row_count == COMMUNES)
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        screen = app.screen
        table = screen.query_one(ListTable)
        search = screen.query_one("#search", Input)
        search.cursor_blink = False
        await pilot.pause()
        for key in ("a", "b", "backspace", "backspace"):  # warm-up, not measured
            await pilot.press(key)
        await _until(lambda: table.row_count == COMMUNES)

        # what the list must show after each text: the screen's own search (computed off the clock)
        cache: dict[str, tuple[str, list[str]]] = {}

        def expected(text: str) -> tuple[str, list[str]]:
            if text not in cache:
                cache[text] = (text, [r.ags for r in screen._index.search(text)])
            return cache[text]

        for _, text in key_steps():
            expected(text)
        app._bench_expected = expected  # type: ignore[attr-defined]

        # time spent inside the keystroke by the screen's filter (search + show_keys)
        filter_times: list[float] = []
        apply_filter = screen.apply_filter

        def timed_filter() -> None:
            t = time.perf_counter()
            apply_filter()
            filter_times.append(time.perf_counter() - t)

        # the screen watches the search text with its bound method: swap in the timed one
        watchers = getattr(search, "__watchers", {}).get("value", [])
        for i, (node, callback) in enumerate(watchers):
            if callback == apply_filter:
                watchers[i] = (node, timed_filter)
        latencies, labels = await _type_and_time(
            app, pilot, lambda: (search.value, table._keys), passes)
    return {"latencies": latencies, "keys": labels, "filter_times": filter_times, "gc": _gc_summary(app),
            "updates": app._bench_updates}


def _gc_summary(app) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Collections during the measured keys: count and longest pause per generation."""
    import gc

    out: dict[str, Any] = {"objects": len(gc.get_objects())}
    for gen in (0, 1, 2):
        pauses = [d for g, d in getattr(app, "_bench_gc", []) if g == gen]
        out[f"gen{gen}"] = {"count": len(pauses), "max": max(pauses, default=0.0), "total": sum(pauses)}
    return out


# -- issue 3: the app during import and export --------------------------------------------------------
HEARTBEAT = 1 / 60  # the subtitle changes this often, so the app wants a frame at least at this rate
KEY_EVERY = 0.040  # a key into the folder input this often
IDLE = 2.0  # seconds measured before the operation starts


def _post_key(app, key: str) -> None:  # type: ignore[no-untyped-def]
    """Post a key event to the app like ``pilot.press``, without its waits for an idle process.

    ``pilot.press`` waits until the process's CPU time stops advancing (at most 1 s, twice): while
    the store thread works that never happens, so keys would be pressed only every ~2 s.
    """
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _get_unicode_name_from_key

    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def sync_app(db: Path, bundle: Path, op: str, out: Path) -> dict[str, Any]:
    import gc

    from asskomm_tui.app import AsskommApp
    from asskomm_tui.screens import sync as sync_screen
    from asskomm_tui.screens.sync import SyncScreen
    from asskomm_tui.dialogs.import_preview import ImportPreview
    from textual.widgets import Checkbox, Input, ProgressBar

    marks: dict[str, float] = {}

    # the store-thread calls of the screen's workers: when each starts and ends (monotonic)
    def mark(name: str, fn):  # type: ignore[no-untyped-def]
        def wrapped(*args, **kwargs):  # type: ignore[no-untyped-def]
            marks[f"{name}_start"] = time.monotonic()
            try:
                return fn(*args, **kwargs)
            finally:
                marks[f"{name}_end"] = time.monotonic()
        return wrapped

    sync_screen.plan_import = mark("plan", sync_screen.plan_import)
    sync_screen.apply_import = mark("apply", sync_screen.apply_import)
    sync_screen.export_bundle = mark("export", sync_screen.export_bundle)

    app = AsskommApp(db, today=TODAY, config_path=SETTINGS)
    frames: list[tuple[float, str, float | None]] = []  # (time, folder text shown, progress shown)
    state: dict[str, Any] = {}
    original = app._display

    def display(screen, renderable):  # type: ignore[no-untyped-def]
        if renderable is not None and state.get("recording"):
            folder, bar = state["folder"], state["bar"]
            frames.append((time.monotonic(), folder.value, bar.percentage if bar.display else None))
        original(screen, renderable)

    app._display = display  # type: ignore[method-assign]
    keys: list[tuple[float, float | None, str]] = []  # (posted at, latency or None, phase)
    lags: list[tuple[float, float]] = []  # (when, how late a 5 ms sleep woke up)
    progress: list[tuple[float, int, int]] = []
    gc_pauses: list[tuple[float, int, float]] = []
    gc_start = [0.0]

    def gc_callback(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            gc_start[0] = time.monotonic()
        elif state.get("recording"):
            gc_pauses.append((gc_start[0], info["generation"], time.monotonic() - gc_start[0]))

    async with app.run_test(size=SIZE) as pilot:
        await _until(lambda: app.ready, timeout=60)
        await pilot.press("f4")
        await _until(lambda: isinstance(app.screen, SyncScreen) and app.screen.data is not None, timeout=60)
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        screen = app.screen
        folder = screen.query_one("#folder", Input)
        bar = screen.query_one("#progress", ProgressBar)
        folder.cursor_blink = False
        if op == "export":
            folder.value = str(out)
            screen.query_one("#full", Checkbox).value = True
        folder.select_on_focus = False  # else the first key would replace the selected text
        folder.focus()
        await pilot.pause()
        folder.action_end()
        await pilot.pause()
        state.update(folder=folder, bar=bar)

        original_progress = screen._progress

        def counting_progress():  # type: ignore[no-untyped-def]
            report = original_progress()

            def wrapped(done: int, total: int) -> None:
                progress.append((time.monotonic(), done, total))
                report(done, total)
            return wrapped

        screen._progress = counting_progress  # type: ignore[method-assign]

        # the screen's reload after the operation: its store-thread part and its UI part
        for name in ("load", "show"):
            def timed_call(*args, _fn=getattr(screen, name), _name=name):  # type: ignore[no-untyped-def]
                started = time.monotonic()
                try:
                    return _fn(*args)
                finally:
                    if "op_start" in marks:
                        marks.setdefault(f"reload_{_name}_start", started)
                        marks.setdefault(f"reload_{_name}_end", time.monotonic())
            setattr(screen, name, timed_call)

        subtitle = app.sub_title
        beat = [0]

        def heartbeat() -> None:
            beat[0] += 1
            app.sub_title = subtitle + (" ·" if beat[0] % 2 else " ··")

        stop = asyncio.Event()

        def phase(now: float) -> str:
            return "idle" if now < marks.get("op_start", float("inf")) else "op"

        async def typist() -> None:
            step = 0
            while not stop.is_set():
                if app.screen is not screen:  # the import preview is up: keys would go there
                    await asyncio.sleep(0.005)
                    continue
                key = "x" if step % 2 == 0 else "backspace"
                expected = folder.value + "x" if key == "x" else folder.value[:-1]
                start = len(frames)
                t0 = time.monotonic()
                _post_key(app, key)
                step += 1
                latency = None
                deadline = t0 + 10.0
                while True:
                    hit = next((t for t, text, _ in frames[start:] if t > t0 and text == expected), None)
                    if hit is not None:
                        latency = hit - t0
                        break
                    if stop.is_set():
                        break
                    if time.monotonic() > deadline or (app.screen is not screen and folder.value != expected):
                        break  # lost: it went to the import preview that opened meanwhile (or no frame came)
                    await asyncio.sleep(0.001)
                if latency is None and stop.is_set():
                    break  # still in flight when the operation ended: not counted
                keys.append((t0, latency, phase(t0)))
                await asyncio.sleep(max(0.0, KEY_EVERY - (time.monotonic() - t0)))

        async def lag_probe() -> None:
            while not stop.is_set():
                t = time.monotonic()
                await asyncio.sleep(0.005)
                lags.append((t, time.monotonic() - t - 0.005))

        gc.callbacks.append(gc_callback)
        state["recording"] = True
        marks["idle_start"] = time.monotonic()
        timer = app.set_interval(HEARTBEAT, heartbeat)
        tasks = [asyncio.create_task(typist()), asyncio.create_task(lag_probe())]
        await asyncio.sleep(IDLE)
        marks["op_start"] = time.monotonic()
        if op == "import":
            screen._plan([bundle])
            await _until(lambda: isinstance(app.screen, ImportPreview), timeout=120)
            preview = app.screen
            # as a user would: only once the preview is up (its on_mount focuses "apply" last)
            await _until(lambda: getattr(app.focused, "id", None) == "apply", timeout=60)
            marks["preview_shown"] = time.monotonic()
            applicable = preview.applicable
            preview.action_apply()
            await _until(lambda: "apply_end" in marks, timeout=120)
        else:
            screen.action_export()
            await _until(lambda: "export_end" in marks, timeout=120)
            applicable = True
        await _until(lambda: not screen.busy, timeout=60)
        marks["not_busy"] = time.monotonic()
        await app.workers.wait_for_complete()  # the screen's reload after the operation
        marks["op_end"] = time.monotonic()
        stop.set()
        await asyncio.gather(*tasks)
        timer.stop()
        state["recording"] = False
        gc.callbacks.remove(gc_callback)
        log_text = str(screen.query_one("#sync-log").render())
    return {"op": op, "marks": marks, "frames": [(t, p) for t, _, p in frames], "keys": keys, "lags": lags,
            "progress": progress, "gc": gc_pauses, "applicable": applicable, "log": log_text[:500],
            "gc_objects": len(gc.get_objects()), "gc_frozen": gc.get_freeze_count()}


# -- target 4: memory ------------------------------------------------------------------------------
def _peak_rss_bytes() -> int:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _vm_hwm_bytes() -> int:
    """Linux: the peak resident set size of this process's memory (VmHWM); 0 elsewhere."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def memory(mode: str, db: Path | None, use_tracemalloc: bool) -> dict[str, Any]:
    # the same imports in every mode, so that the baseline holds the same code
    import tracemalloc

    from storage import Repositories, Store
    from storage.records import VisitData  # noqa: F401

    from .common import sample_visit

    if mode.startswith("app"):
        import asskomm_tui.app  # noqa: F401
        import textual.app  # noqa: F401

    rss_before = _peak_rss_bytes()
    if use_tracemalloc:
        tracemalloc.start()
    if mode == "store":
        assert db is not None
        store = Store.open(db)
        repos = Repositories(store)
        rows = repos.commune_rows(TODAY)
        big = max(rows, key=lambda r: r.visits)
        dossier = repos.dossier(big.ags, TODAY)
        repos.create_visit(sample_visit(1))
        extra = {"rows": len(rows), "dossier_commune": big.name, "dossier_visits": len(dossier.visits)}
        store.close()
    elif mode == "baseline":
        sample_visit(1)
        extra = {}
    elif mode in ("app", "app-baseline"):
        extra = asyncio.run(_memory_app(db if mode == "app" else None))
    else:
        raise SystemExit(f"unknown mode {mode}")
    traced = tracemalloc.get_traced_memory()[1] if use_tracemalloc else 0
    return {"mode": mode, "peak_rss": _peak_rss_bytes(), "vm_hwm": _vm_hwm_bytes(), "rss_after_imports": rss_before,
            "tracemalloc_peak": traced, **extra}


async def _memory_app(db: Path | None) -> dict[str, Any]:
    if db is None:
        app = _bare_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
        return {}
    from asskomm_tui.app import AsskommApp
    from asskomm_tui.screens.communes import CommunesScreen
    from asskomm_tui.widgets.list_table import ListTable

    from .common import sample_visit

    app = AsskommApp(db, today=TODAY, config_path=SETTINGS)
    async with app.run_test(size=SIZE) as pilot:
        await _until(lambda: app.ready)
        await pilot.press("f3")
        await _until(lambda: isinstance(app.screen, CommunesScreen)
                     and app.screen.query_one(ListTable).row_count == COMMUNES)
        rows = await app.db(app.repos.commune_rows, TODAY)
        big = max(rows, key=lambda r: r.visits)
        app.open_dossier(big.ags)
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        await app.db(app.repos.create_visit, sample_visit(2))
        await pilot.pause()
    return {"dossier_commune": big.name}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.child")
    parser.add_argument("kind", choices=["run-bare", "start-bare", "start-bare-input", "start-asskomm", "filter-bare", "filter-asskomm", "memory",
                                         "sync-store", "sync-app"])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--mode", default="store")
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--bundle", type=Path)
    parser.add_argument("--bundle2", type=Path)
    parser.add_argument("--template", type=Path)
    parser.add_argument("--op", choices=["import", "export"], default="import")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    if args.kind == "run-bare":  # in a real terminal (tmux_start.py): until the terminal closes it
        _bare_list_app().run()
        return
    if args.kind == "start-bare":
        result = asyncio.run(start_bare("list"))
    elif args.kind == "start-bare-input":
        result = asyncio.run(start_bare("input"))
    elif args.kind == "start-asskomm":
        result = asyncio.run(start_asskomm(args.db))
    elif args.kind == "filter-bare":
        result = asyncio.run(filter_bare(args.passes))
    elif args.kind == "filter-asskomm":
        result = asyncio.run(filter_asskomm(args.db, args.passes))
    elif args.kind == "sync-store":
        from .bench_sync import measure_store

        result = measure_store(args.db, args.bundle, args.bundle2, args.out, args.rounds, args.template)
    elif args.kind == "sync-app":
        result = asyncio.run(sync_app(args.db, args.bundle, args.op, args.out))
    else:
        result = memory(args.mode, args.db, args.tracemalloc)
    emit(result)


if __name__ == "__main__":
    main()
