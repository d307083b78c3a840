"""Shared behaviour of the data screens: load from the store off the event loop, reload when stale."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from textual.screen import Screen

from .. import strings as S
from ..keys import KeysReady
from ..workers import store_work

if TYPE_CHECKING:
    from ..app import AsskommApp


class DataScreen(KeysReady, Screen[Any]):
    """A screen that shows store data: ``load`` runs on the store thread, ``show`` on the UI.

    It reloads whenever it becomes visible and the store changed since it last loaded. Keys typed
    before its first data arrived wait for it ("F3 pirna Enter" typed at once opens Pirna).
    """

    _loaded_version = -1

    @property
    def asskomm(self) -> "AsskommApp":
        return self.app  # type: ignore[return-value]

    def on_screen_resume(self) -> None:
        if self.asskomm.ready and self._loaded_version != self.asskomm.repos.store.version:
            self.reload()

    # Its own group: "exclusive" cancels the screen's other workers of the same group, and a load
    # must never cancel a save that is still waiting for the store thread.
    @store_work(group="load", exclusive=True)
    async def reload(self) -> None:
        """Fetch fresh data and show it."""
        try:
            version = self.asskomm.repos.store.version
            data = await self.asskomm.db(self.load)
            self._loaded_version = version
            self.show(data)
        finally:
            self.keys_ready()

    def key_of(self, binding_id: str) -> str:
        """How this screen's key ``binding_id`` is shown (after the user's key map)."""
        for _key, binding in self._bindings:
            if binding.id == binding_id:
                keys = self.app._keymap.get(binding_id, binding.key)
                return self.app.get_key_display(binding.with_key(keys.split(",")[0].strip()))
        return binding_id

    def export_document(self, title: str, write: Callable[[str, Path], Path],
                        formats: tuple[tuple[str, str], ...] | None = None) -> None:
        """Ask for the format and folder of a document (``ExportDocumentDialog``), then write it with
        ``write(fmt, folder)`` on the store thread and say where it went."""
        from ..dialogs.strategy_items import ExportDocumentDialog

        def chosen(choice: tuple[str, Path] | None) -> None:
            if choice:
                self._write_document(write, *choice)

        options = {} if formats is None else {"formats": formats}
        self.app.push_screen(ExportDocumentDialog(self.asskomm.export_folder(), title=title, **options), chosen)

    @store_work
    async def _write_document(self, write: Callable[[str, Path], Path], fmt: str, folder: Path) -> None:
        path = await self.asskomm.db(write, fmt, folder)
        self.notify(S.EXPORT_DOC_DONE.format(path=path), markup=False, timeout=8)

    @store_work
    async def toggle_follow_up(self, row: Any) -> None:
        """Tick a follow-up off (or reopen it) without opening its visit, then show the change.

        A ticked-off follow-up leaves the lists, so the app offers to take it back (Strg+Z).
        """
        app = self.asskomm
        done = not row.done
        await app.db(app.repos.set_follow_up_done, row.visit_id, row.follow_up_id, done, app.today)
        if done:
            async def reopen() -> None:
                await app.db(app.repos.set_follow_up_done, row.visit_id, row.follow_up_id, False, app.today)

            app.remember_undo(S.UNDO_TASK_DONE.format(task=row.text), reopen)
            self.notify(S.TASK_DONE_UNDO.format(task=row.text, key=app.key_of("undo")), markup=False)
        else:
            self.notify(S.TASK_REOPENED)
        self.reload()

    def load(self) -> Any:
        """Runs on the store thread: gather what ``show`` needs (plain values, no widgets)."""
        raise NotImplementedError

    def show(self, data: Any) -> None:
        """Runs on the UI: put ``data`` on the screen."""
        raise NotImplementedError
