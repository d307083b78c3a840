"""Every key reaches the widget it was typed into, in the order it was typed.

Textual hands a key to the focused widget by posting it to that widget's queue and goes on with the
next key at once. A key that the widget does not take (Tab, Ctrl+S, a hotkey) travels back up to the
app and is acted on only then, after the keys typed behind it were already sent on. Typed quickly
(a fast typist, a slow laptop), ``Zusammenfassung<Strg+S>`` saved the form before the letters had
arrived, and the digits of a date typed before Strg+S switched the tabs of the dossier that appeared
after the dialog closed.

``OrderedKeys`` (a mixin for the ``App``) therefore handles keys and pastes one at a time: each is
followed up the widget tree until it has been taken or acted on, before the next one is looked at.
A key for a screen that is still opening (or a form that is still loading) waits until the screen
can take it. And a character typed before the current screen appeared never fires one of that
screen's hotkeys (``n``, ``e``, ``x``, ``1`` … in the dossier): it was meant for the screen before.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual import events
from textual._time import get_time  # the clock of ``Message.time`` (monotonic; perf_counter on Windows)
from textual.message_pump import MessagePump

# How long one step may take before the key is let go unordered (a handler that hangs must never
# freeze the keyboard for good).
STEP_TIMEOUT = 2.0
# How long a key waits for a screen that is still opening or loading its data.
READY_TIMEOUT = 5.0


class KeysReady:
    """Mixin for screens that fill their widgets after mounting (a form loading its record).

    Keys typed while the screen loads wait until ``keys_ready()`` is called, so they land in the
    filled form instead of being overwritten by it.
    """

    _keys_ready: asyncio.Event | None = None

    @property
    def keys_ready_event(self) -> asyncio.Event:
        if self._keys_ready is None:
            self._keys_ready = asyncio.Event()
        return self._keys_ready

    def keys_ready(self) -> None:
        """The screen can take keys now."""
        self.keys_ready_event.set()


class OrderedKeys:
    """App mixin: keys and pastes are handled strictly one after the other (see module docstring)."""

    _key_queue: asyncio.Queue[events.Event] | None = None
    _key_task: asyncio.Task[None] | None = None
    _screen_since: float = 0.0

    def start_ordered_keys(self) -> None:
        """Start handling keys in order (call once the app is mounted)."""
        app: Any = self
        self._key_queue = asyncio.Queue()
        self._key_task = asyncio.create_task(self._handle_keys(), name="asskomm-keys")
        self._screen_since = get_time()
        app.screen_change_signal.subscribe(app, self._screen_changed)

    def stop_ordered_keys(self) -> None:
        if self._key_task is not None:
            self._key_task.cancel()
            self._key_task = None

    async def keys_idle(self) -> None:
        """Wait until every key typed so far has been handled (for tests and benchmarks)."""
        if self._key_queue is not None:
            await self._key_queue.join()

    def _screen_changed(self, screen: Any) -> None:
        self._screen_since = get_time()

    def typed_ahead(self, event: events.Key) -> bool:
        """True for a character typed before the current screen appeared."""
        return event.is_printable and len(event.character or "") == 1 and event.time < self._screen_since

    # -- the app's side ------------------------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if (self._key_queue is not None and isinstance(event, (events.Key, events.Paste))
                and not event.is_forwarded):
            self._key_queue.put_nowait(event)
            return
        await super().on_event(event)  # type: ignore[misc]

    async def _on_key(self, event: events.Key) -> None:
        # A key that came back up unhandled: the app's bindings would act on it now. Not on a
        # character typed before this screen appeared.
        if self.typed_ahead(event):
            event.prevent_default()
            event.stop()

    # -- one key at a time ---------------------------------------------------------------------------
    async def _handle_keys(self) -> None:
        assert self._key_queue is not None
        while True:
            event = await self._key_queue.get()
            try:
                await self._handle_one(event)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # a bug in a handler: report it as Textual's own loop would
                app: Any = self
                app._handle_exception(error)
            finally:
                self._key_queue.task_done()

    async def _handle_one(self, event: events.Event) -> None:
        app: Any = self
        await self._screen_ready(app.screen)
        target = app.focused or app.screen
        await super().on_event(event)  # type: ignore[misc]  # Textual: priority keys, else forward
        if not event.is_forwarded:
            return  # a priority binding took it
        # Up the tree to the app: each node in turn has handled it (taken it, or passed it on to its
        # parent before the callback posted after it runs). Whether a node stopped the key cannot be
        # read from the key itself: by the time this task looks, the key may be further up.
        node: MessagePump | None = target
        while node is not None:
            if not await self._after(node):
                return  # the widget went away (its screen closed) and the key with it
            node = node._parent

    async def _screen_ready(self, screen: Any) -> None:
        """Wait until ``screen`` is mounted, its data loaded and its focus set (with a time limit)."""
        app: Any = self
        waits = []
        if not screen.is_mounted:
            waits.append(screen._mounted_event.wait())
        ready = getattr(screen, "keys_ready_event", None)
        if isinstance(ready, asyncio.Event) and not ready.is_set():
            waits.append(ready.wait())
        for wait in waits:
            try:
                await asyncio.wait_for(wait, READY_TIMEOUT)
            except asyncio.TimeoutError:
                app.log.warning(f"{screen} not ready for keys after {READY_TIMEOUT} s")
        if waits:
            await self._after(app)  # ``Widget.focus()`` takes effect through the app's queue

    async def _after(self, node: MessagePump) -> bool:
        """Wait until ``node`` has handled every message it had when this was called."""
        done = asyncio.get_running_loop().create_future()

        def mark() -> None:
            if not done.done():
                done.set_result(True)

        if not node.call_later(mark):
            return False
        try:
            await asyncio.wait_for(done, STEP_TIMEOUT)
        except asyncio.TimeoutError:
            return False
        return True
