"""Sicherungen: list, create and restore backups of the open store."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from storage.backups import Backup

from .. import strings as S
from ..widgets.footer import Footer
from ..workers import store_work
from ..formatting import fmt_datetime, fmt_size
from ..widgets.tables import RecordTable
from .confirm import ConfirmDialog


class BackupsDialog(ModalScreen[None]):
    """Enter restores the highlighted backup (after a confirmation), S backs up now."""

    BINDINGS = [
        Binding("escape", "close", S.KEY_CLOSE, id="backups_close"),
        Binding("s", "backup_now", S.KEY_BACKUP_NOW, id="backup_now"),
        Binding("enter", "restore", S.KEY_RESTORE, id="backups_restore"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog")
        self._backups: dict[str, Backup] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Static(S.BACKUPS_TITLE, classes="title")
            yield Static(S.BACKUPS_HINT, classes="hint")
            yield RecordTable(S.COL_BACKUP_DATE, S.COL_BACKUP_REASON, S.COL_BACKUP_SIZE, id="backup-list")
        # the dialog's own keys, not those of the screen below
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(RecordTable).focus()
        self._load()

    @store_work(group="load", exclusive=True)
    async def _load(self) -> None:
        app = self.app
        backups = await app.db(app.repos.store.backups.list)  # type: ignore[attr-defined]
        self._backups = {b.name: b for b in backups}
        table = self.query_one(RecordTable)
        table.set_rows(
            (b.name, (fmt_datetime(b.created), S.label(S.BACKUP_REASON, b.reason), fmt_size(b.size)))
            for b in backups
        )
        table.border_subtitle = "" if backups else S.NO_BACKUPS

    def action_close(self) -> None:
        self.dismiss(None)

    @store_work
    async def action_backup_now(self) -> None:
        app = self.app
        backup = await app.db(app.repos.store.backup)  # type: ignore[attr-defined]
        if backup is not None:
            self.notify(S.BACKUP_DONE.format(name=backup.name), markup=False)
        self._load()

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        event.stop()
        self.action_restore()

    def action_restore(self) -> None:
        key = self.query_one(RecordTable).current_key
        backup = self._backups.get(key or "")
        if backup is None:
            return
        when = fmt_datetime(backup.created)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._restore(backup.name, when)

        self.app.push_screen(ConfirmDialog(S.CONFIRM_RESTORE.format(date=when), S.CONFIRM_RESTORE_HINT), confirmed)

    @store_work
    async def _restore(self, name: str, when: str) -> None:
        app = self.app
        await app.db(app.repos.store.restore_backup, name)  # type: ignore[attr-defined]
        self.notify(S.RESTORED.format(date=when))
        app.update_sub_title()  # type: ignore[attr-defined]
        self.dismiss(None)
