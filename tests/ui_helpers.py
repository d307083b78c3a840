"""Helpers for the UI tests: start the app on a store in tmp_path, drive it, read the screen and the disk.

Screen: ``screen_text`` is what the terminal shows (every line of the active screen, the screens under
a dialog included, rendered by the compositor: what fits into 80x24, wrapped and cut as the user sees
it). Widget content: ``static_text`` (in Textual 8.2.8 ``Static.render()`` returns the ``Content`` it
shows, whose ``str`` is the plain text), ``rows`` (a DataTable's cells, rich ``Text`` made plain),
``list_keys`` (the commune list, a ``ListTable`` that keeps its shown keys in ``_keys``).
Disk: ``disk_records`` reads the store file as JSON; call it after the app has closed the store.

Waiting: every key goes through ``press`` (the app handles it, workers and the store thread finish;
all workers but the loader of a DirectoryTree, as in the import file picker, which runs as long as
the tree is shown); ``type_text`` queues runs of printable characters at once (they go to the
focused widget only).
"""

from __future__ import annotations

import asyncio
import json
import unicodedata
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any, AsyncIterator

import pytest
from rich.text import Text
from textual import events
from textual._wait import wait_for_idle
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, DirectoryTree, Static
from textual.worker import Worker

from asskomm_tui.app import AsskommApp
from storage import Repositories, Store
from storage.demo import generate

TODAY = date(2026, 11, 26)
SIZE = (80, 24)
# user text that would act or crash if it were read as markup
H = "[/x] [b]fett[/b] [@click=app.quit]x[/] <script>alert(1)</script>"
PIRNA, GOERLITZ, SCHIRGIS = "14628270", "14626110", "14625525"


# -- stores ------------------------------------------------------------------------------------------
def demo_store(tmp_path: Path, visits: int = 60, name: str = "s.json", showcase: bool = False) -> Path:
    """A small demo store whose device already has a consultant (no first-start dialog).

    Random visits only, unless ``showcase``: the tests add what they look at (strategies, due
    follow-ups, conflicts) themselves, so the showcase of ``asskomm --demo`` stays out of their counts."""
    return generate(tmp_path / name, visits=visits, seed=1, end=TODAY, showcase=showcase)


def disk(path: Path) -> dict[str, Any]:
    """The store file as JSON (read it only while no app holds it open)."""
    return json.loads(Path(path).read_bytes())


def disk_records(path: Path, kind: str) -> dict[str, dict[str, Any]]:
    """Every stored record of ``kind`` in the file, by id."""
    out: dict[str, dict[str, Any]] = {}
    for doc in disk(path).get(kind, {}).values():
        assert doc["id"] not in out, f"{kind}/{doc['id']} twice in the file"
        out[doc["id"]] = doc
    return out


def disk_local(path: Path) -> dict[str, Any]:
    """The device-local state stored in the file."""
    return disk(path)["_local"]["1"]


def edit_store(path: Path, fn: Any) -> Any:
    """Run ``fn(repos)`` on the store while no app is running (to prepare test data)."""
    with Store.open(path) as store:
        return fn(Repositories(store))


def drafts_of(path: Path) -> list[Path]:
    folder = path.with_name(path.name + ".drafts")
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


# -- running the app ---------------------------------------------------------------------------------
async def _drain(pilot: Pilot, rounds: int) -> None:
    """Let every widget of the active screen process what is queued, and every worker finish, a few times
    over (a message handled may queue the next one, a worker may start another)."""
    app = pilot.app
    for _ in range(rounds):
        await app.keys_idle()  # the app handles keys one after the other (asskomm_tui/keys.py)
        # a screen that was just pushed has no widgets to wait for until it is composed
        await asyncio.wait_for(app.screen._mounted_event.wait(), 10)
        await pilot._wait_for_screen()
        # a cancelled or failed worker must not stop the waiting (failures reach the user as a
        # notification, which ``running`` checks)
        await asyncio.gather(*(w.wait() for w in list(app.workers) if _finishes(w)), return_exceptions=True)


def _finishes(worker: Worker[Any]) -> bool:
    """Every worker but a DirectoryTree's loader (the import file picker's tree), which waits for
    folders to load for as long as the tree is shown: waiting for it would never end."""
    return not (worker.group == "_loader" and isinstance(worker.node, DirectoryTree))


async def settle(pilot: Pilot) -> None:
    """Let messages, workers and the store thread finish what the last key started."""
    await _drain(pilot, 3)
    await wait_for_idle(0)  # and until the CPU is idle, as Pilot.press does
    await _drain(pilot, 2)
    # Textual holds the screen back for 50 ms after some changes (``App.delay_update``: a command
    # chosen in the palette, a mode switch); what the test reads must be painted
    for _ in range(100):
        if not pilot.app._batch_count:
            break
        await asyncio.sleep(0.01)
    else:
        return
    await _drain(pilot, 1)
    # the footer composes its keys again after the next paint (Textual's call_after_refresh): on a
    # busy machine that can come after the drain above
    await _after_paints(pilot, lambda: not _footer_behind(pilot.app))


async def _after_paints(pilot: Pilot, condition: Any, paints: int = 50) -> bool:
    """Whether ``condition()`` holds now or after one of the next ``paints`` screen refreshes (each
    followed by a drain): for what the app does once a frame has been painted."""
    for _ in range(paints):
        if condition():
            return True
        await asyncio.wait_for(pilot.app.screen.wait_for_refresh(), 5)
        await _drain(pilot, 1)
    return bool(condition())


async def eventually(pilot: Pilot, condition: Any) -> bool:
    """Whether ``condition()`` comes to hold within a few frames: for what the app does a frame later
    by design (a page that scrolls to a row once the row has been laid out)."""
    return await _after_paints(pilot, condition)


def _footer_behind(app: AsskommApp) -> bool:
    """True while the screen's footer still shows other keys than the screen offers."""
    from asskomm_tui.widgets.footer import Footer

    footers = app.screen.query(Footer)
    if not footers:
        return False
    footer = footers.first()
    return footer.is_attached and footer._what_to_show() != getattr(footer, "_composed", None)


async def press(pilot: Pilot, *names: str) -> None:
    """Press keys one after the other, each after the app finished handling the one before."""
    for name in names:
        event = _key_event(name)
        event.set_sender(pilot.app)
        pilot.app.post_message(event)
        await _drain(pilot, 2)
    await settle(pilot)


def _key_event(name: str) -> events.Key:
    """The key event a terminal sends for a key name ("enter", "ctrl+s") or one typed character."""
    if len(name) == 1:  # a character: its key name, and the character itself
        key = name if name.isalnum() else _character_to_key(name)
        return events.Key(key, name)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(name, name)))
    except KeyError:
        char = None
    return events.Key(name, char)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type ``text`` into the focused widget (newlines as Enter).

    ``Pilot.press`` waits for an idle CPU after every key (~70 ms). Printable characters are handled
    by the focused Input/TextArea itself, in order, so runs of them are queued at once; other keys
    (Enter) travel through the bindings and are pressed one at a time.
    """
    run: list[str] = []
    for c in text + "\0":
        if c.isprintable() and c != "\0":
            run.append(c)
            continue
        for char in run:
            event = _key_event(char)
            event.set_sender(pilot.app)
            pilot.app.post_message(event)
        run = []
        if c == "\n":
            await press(pilot, "enter")
    await settle(pilot)


async def burst(pilot: Pilot, *keys: str) -> None:
    """Send every key at once, without waiting in between (a fast typist on a slow laptop, a
    keyboard macro), then wait until the app has handled them all. Keys are names ("ctrl+s",
    "enter") or single characters; ``*"text"`` types a text."""
    for name in keys:
        event = _key_event(name)
        event.set_sender(pilot.app)
        pilot.app.post_message(event)
    await settle(pilot)


async def replace_input(pilot: Pilot, text: str) -> None:
    """Replace the content of the focused Input: Home, Ctrl+K (delete to the end), then type."""
    await press(pilot, "home", "ctrl+k")
    await type_text(pilot, text)


async def paste(pilot: Pilot, text: str) -> None:
    """Paste ``text`` into the focused widget (a terminal's bracketed paste)."""
    pilot.app.post_message(events.Paste(text))
    await settle(pilot)


@asynccontextmanager
async def running(path: Path, today: date = TODAY, expected_errors: tuple[str, ...] = (),
                  notifications: bool = False, config: Path | None = None,
                  size: tuple[int, int] = SIZE, read_only: bool = False) -> AsyncIterator[tuple[AsskommApp, Pilot]]:
    """The app on ``path`` at 80x24 (or ``size``), started and idle; closed (store unlocked) on exit.

    Every notification is recorded in ``app.notes`` as (message, severity). A failed store call or
    worker reaches the user as an error notification: any error but the ``expected_errors`` (message
    prefixes) fails the test. ``notifications``: render the toasts too (hidden by default in tests,
    where they would cover the screen text the tests read). ``config``: the settings file, by default
    ``settings.toml`` beside the store (never the user's own). ``read_only``: as ``asskomm --lesen``.
    """
    app = AsskommApp(path, today=today, config_path=config or Path(path).with_name("settings.toml"),
                     read_only=read_only)
    app.animation_level = "none"  # tab underlines and scrolling jump instead of gliding: faster tests
    app.notes = []  # type: ignore[attr-defined]
    notify = app.notify

    def record(message: Any, *args: Any, **kwargs: Any) -> None:
        app.notes.append((str(message), kwargs.get("severity", "information")))  # type: ignore[attr-defined]
        notify(message, *args, **kwargs)

    app.notify = record  # type: ignore[method-assign]
    async with app.run_test(size=size, notifications=notifications) as pilot:
        await settle(pilot)
        yield app, pilot
        await settle(pilot)
    assert app.gateway.store is None or app.gateway.store.closed
    errors = [m for m, severity in app.notes if severity == "error"  # type: ignore[attr-defined]
              and not any(m.startswith(e) for e in expected_errors)]
    assert not errors, f"unexpected error messages: {errors}"


# -- reading the screen ------------------------------------------------------------------------------
def screen_text(app: AsskommApp) -> str:
    """What the terminal shows right now (the active screen, with the screens under a dialog)."""
    app.screen._on_timer_update()  # lay out and paint what is pending, as ``Pilot.pause`` does
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def plain(value: object) -> str:
    if isinstance(value, Text):
        return value.plain
    return str(value)


def static_text(widget: Static) -> str:
    """The plain text a Static shows."""
    return str(widget.render())


def rows(table: DataTable) -> list[tuple[str, ...]]:
    """Every row of a DataTable as plain strings, in display order."""
    return [tuple(plain(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


def row_keys(table: DataTable) -> list[str]:
    return [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]


def list_keys(app: AsskommApp) -> list[str]:
    """The AGS shown in the commune list, in order."""
    from asskomm_tui.widgets.list_table import ListTable

    return list(app.screen.query_one(ListTable)._keys)


def footer_line(app: AsskommApp) -> str:
    """The footer as shown: the screen's last line."""
    return screen_text(app).splitlines()[-1]


def field_error(screen: Any, field: str) -> str | None:
    """The validation message shown right under the field ``#field`` (without its marker), or None."""
    widget = screen.query_one(f"#{field}")
    siblings = list(widget.parent.children)
    after = siblings[siblings.index(widget) + 1:]
    if after and "field-error" in after[0].classes:
        return static_text(after[0]).removeprefix("▲ ")
    return None


def q(app: AsskommApp, selector: str, expect_type: type[Widget] | None = None) -> Any:
    """Query one widget of the active screen."""
    if expect_type is None:
        return app.screen.query_one(selector)
    return app.screen.query_one(selector, expect_type)


# -- test data ---------------------------------------------------------------------------------------
def add_visit(path: Path, commune: str, day: date, *, mine: bool = True, summary: str = "",
              follow_ups: tuple[dict[str, Any], ...] = (), findings: tuple[dict[str, Any], ...] = (),
              **more: Any) -> str:
    """Store a visit (by this device's consultant, or by another one) before the app starts; its id."""
    from storage.records import Finding, FollowUp, VisitData

    def make(repos: Repositories) -> str:
        me = repos.store.local.consultant_id
        other = next(c.id for c in repos.consultants() if c.id != me)
        data = VisitData(
            commune=commune, date=day, consultants=(me if mine else other,), summary=summary,
            follow_ups=tuple(FollowUp(id=f"fu{i}", **f) for i, f in enumerate(follow_ups)),
            findings=tuple(Finding(id=f"f{i}", **f) for i, f in enumerate(findings)), **more)
        return repos.create_visit(data).id

    return edit_store(path, make)


def my_id(path: Path) -> str:
    return disk_local(path)["consultant_id"]


async def pick(pilot: Pilot, select: Any, label: str) -> None:
    """Choose ``label`` in the focused Select with the keyboard: Enter opens it, arrows move, Enter picks."""
    from textual.widgets import Select

    assert isinstance(select, Select) and pilot.app.screen.focused is select, f"{select} is not focused"
    labels = [plain(prompt) for prompt, _ in select._options]
    values = [value for _, value in select._options]
    current = values.index(select.value) if select.value in values else 0
    target = labels.index(label)
    await press(pilot, "enter")
    delta = target - current
    await press(pilot, *(["down"] * delta if delta > 0 else ["up"] * -delta), "enter")
    assert plain(dict(zip(values, labels))[select.value]) == label, f"{select.value!r} chosen instead of {label}"


async def tab_to(pilot: Pilot, widget_id: str, limit: int = 20) -> Any:
    """Press Tab until the widget ``#widget_id`` has the focus (as a user would); that widget."""
    screen = pilot.app.screen
    for _ in range(limit):
        if screen.focused is not None and screen.focused.id == widget_id:
            return screen.focused
        await press(pilot, "tab")
    raise AssertionError(f"Tab never reaches #{widget_id}")


async def open_new_visit(pilot: Pilot, commune: str = "pirna") -> Any:
    """Ctrl+N, the commune typed into the picker, Enter: the new visit form."""
    from asskomm_tui.screens.visit_form import VisitFormScreen

    await press(pilot, "ctrl+n")
    await type_text(pilot, commune)
    await press(pilot, "enter")
    form = pilot.app.screen
    assert isinstance(form, VisitFormScreen)
    return form


async def new_pirna_visit(app: AsskommApp, pilot: Pilot, summary: str) -> Any:
    """A new visit in Pirna (``open_new_visit``), ``summary`` typed into its summary."""
    form = await open_new_visit(pilot)
    await press(pilot, "tab", "tab", "tab", "tab")
    assert form.focused is q(app, "#summary")
    await type_text(pilot, summary)
    return form


@pytest.fixture
def fast_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    """Autosave the open form every 50 ms instead of every 2 s (import it into a test module to use it)."""
    from asskomm_tui.screens import editor

    monkeypatch.setattr(editor, "AUTOSAVE_SECONDS", 0.05)


async def wait_for_draft(pilot: Pilot, path: Path, form: Any = None) -> dict[str, Any]:
    """Wait (a few autosave intervals at most) until a draft file is on disk that holds what the open
    form holds now (an autosave may have caught the form half-typed); its content."""
    form = form or pilot.app.screen
    for _ in range(40):
        if drafts_of(path):
            draft = json.loads(drafts_of(path)[0].read_bytes())
            if not hasattr(form, "state") or draft["payload"].get("form") == form.state():
                return draft
        await pilot.pause(0.05)
        await settle(pilot)
    raise AssertionError("no draft was autosaved")
