"""What shows when the store cannot be opened (while it opens, the Übersicht says so: ``overview.py``)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from storage import StoreLockedError
from storage.backups import BackupManager
from storage.messages import shell_quote
from storage.store import Store

from .. import strings as S
from ..textual_de import Header
from ..widgets.footer import Footer
from ..workers import store_work
from ..formatting import fmt_datetime, fmt_size
from ..widgets.tables import RecordTable


class StoreErrorScreen(Screen[None]):
    """The store could not be opened: say why, and offer the backups if the file is damaged."""

    BINDINGS = [
        Binding("enter", "restore", S.KEY_RESTORE, id="restore_backup"),
        # another window holds the store: look things up here anyway, read-only (readonly.py)
        Binding("l", "open_read_only", S.KEY_OPEN_READ_ONLY, id="open_read_only"),
    ]

    def __init__(self, error: Exception, path: Path, restorable: bool) -> None:
        super().__init__()
        self.error = error
        self.path = path
        self.restorable = restorable
        self.backups = BackupManager(path).list() if restorable else []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="store-error"):
            yield Static(S.ERR_STORE_TITLE, classes="title")
            yield Static(Content(str(self.error)), id="store-error-message")
            if self.backups:
                yield Static(S.ERR_STORE_RESTORE_HINT)
                yield RecordTable(S.COL_BACKUP_DATE, S.COL_BACKUP_REASON, S.COL_BACKUP_SIZE, id="backups")
            else:
                yield Static(S.ERR_STORE_QUIT_HINT)
            if self.locked:
                command = f"asskomm --lesen --db {shell_quote(str(self.path))}"
                yield Static(Content(S.RO_LOCKED_HINT.format(command=command)), id="store-locked-hint")
        yield Footer()

    def on_mount(self) -> None:
        if self.backups:
            table = self.query_one(RecordTable)
            table.set_rows(
                (b.name, (fmt_datetime(b.created), S.label(S.BACKUP_REASON, b.reason), fmt_size(b.size)))
                for b in self.backups
            )
            table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return bool(self.backups)
        if action == "open_read_only":
            return self.locked
        return True

    @property
    def locked(self) -> bool:
        """Another window holds the store (it is not damaged): it can still be read."""
        return isinstance(self.error, StoreLockedError) and not getattr(self.app, "read_only", False)

    def action_open_read_only(self) -> None:
        """L: open the store read-only in this window instead (``asskomm --lesen``)."""
        app = self.app
        self.dismiss()
        app.open_read_only()  # type: ignore[attr-defined]

    def action_restore(self) -> None:
        key = self.query_one(RecordTable).current_key
        if key:
            self._restore(key)

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        event.stop()
        self.action_restore()

    @store_work
    async def _restore(self, name: str) -> None:
        app = self.app
        await app.db(Store.restore_closed, self.path, name)  # type: ignore[attr-defined]
        app.notify(S.RESTORED.format(date=name), markup=False)
        self.dismiss()
        app.open_store()  # type: ignore[attr-defined]
