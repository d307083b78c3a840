"""Sync: export for HQ, import bundles, what is pending, and (for HQ) the devices' last files."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Static

from storage.sync.exchange import (SyncStatus, apply_import, export_bundle, nothing_to_export, plan_import,
                                   sync_status)

from .. import strings as S
from ..textual_de import Header
from ..widgets.footer import Footer
from ..widgets.ticks import Tick
from ..widgets.buttons import ButtonRow
from ..workers import store_work
from ..formatting import fmt_datetime
from ..services.sync_report import report_lines
from ..widgets.tables import RecordTable
from .base import DataScreen

SILENT_DAYS = 30


@dataclass(frozen=True)
class SyncData:
    status: SyncStatus
    folder: str
    initials: str


def _when(iso: str | None) -> str:
    if not iso:
        return ""
    return fmt_datetime(datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone())


class SyncScreen(DataScreen):
    """Export and import of bundles, with progress; keys work while they run."""

    BINDINGS = [
        Binding("f5", "export", S.KEY_EXPORT, id="sync_export"),
        Binding("f6", "import", S.KEY_IMPORT, id="sync_import"),
        Binding("k", "keys", S.KEY_KEYS, id="sync_keys"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: SyncData | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="sync"):
            yield Static("", id="sync-status")
            yield Label(S.SYNC_FOLDER)
            yield Input(id="folder")
            with Horizontal(classes="row"):
                yield Tick(S.SYNC_FULL, id="full")
                yield Tick(S.SYNC_GZ, id="gz")
            with ButtonRow(classes="buttons left"):
                yield Button(f"{S.KEY_EXPORT} (F5)", id="export", variant="primary")
                yield Button(f"{S.KEY_IMPORT} (F6)", id="import")
                yield Button(S.KEY_ROLE, id="role")
                yield Button(f"{S.KEY_KEYS} (k)", id="keys")
            yield ProgressBar(id="progress", show_eta=False)
            yield Static("", id="sync-log")
            yield Static(S.SYNC_DEVICES, id="devices-title", classes="section")
            yield RecordTable((S.COL_DEVICE_CONSULTANT, 20), (S.COL_DEVICE_LAST, 16), (S.COL_DEVICE_SEQ, 7),
                              (S.COL_DEVICE_ACK, 9), (S.COL_DEVICE_DAYS, 16), id="devices", grow=0)
        yield Footer()

    def on_mount(self) -> None:
        self.title = S.SYNC_TITLE
        self.query_one("#progress").display = False

    # -- data -------------------------------------------------------------------------------------------
    def load(self) -> SyncData:
        repos = self.asskomm.repos
        store = repos.store

        def consultant_name(cid: str | None) -> str:
            if not cid:
                return "?"
            raw = store.raw("consultant", cid)
            return f"{raw['data']['name']} ({raw['data']['initials']})" if raw and raw["data"] else cid[:8]

        me = repos.me()
        folder = str(self.asskomm.export_folder())
        return SyncData(sync_status(store, consultant_name), folder, me.data.initials if me else "")

    def show(self, data: SyncData) -> None:
        self.data = data
        st = data.status
        lines = [S.SYNC_ROLE.format(role=S.label(S.ROLE, st.role))]
        if st.role == "hq":
            lines.append(S.SYNC_HQ_INFO)
        elif st.pending:
            lines.append(S.SYNC_PENDING(st.pending, ack=st.ack, seq=st.seq))
        else:
            lines.append(S.SYNC_PENDING_NONE.format(ack=st.ack))
        if st.last_export:
            e = st.last_export
            lines.append(S.SYNC_LAST_EXPORT.format(
                when=_when(e.get("at")), file=Path(e.get("file", "")).name, records=S.REPORT_RECORDS(e.get("records", 0)),
                scope=S.SCOPE_FULL if e.get("scope") == "full" else S.SCOPE_INCREMENTAL))
        else:
            lines.append(S.SYNC_NO_EXPORT)
        if st.last_hq_import:
            h = st.last_hq_import
            lines.append(S.SYNC_LAST_HQ.format(created=_when(h.get("created_at")), when=_when(h.get("at")),
                                               file=h.get("file", "")))
        else:
            lines.append(S.SYNC_NO_HQ)
        if st.conflicts:
            lines.append(S.SYNC_CONFLICTS(st.conflicts))
        self.query_one("#sync-status", Static).update(Content("\n".join(lines)))
        folder = self.query_one("#folder", Input)
        if not folder.value:
            folder.value = data.folder
        full = self.query_one("#full", Checkbox)
        full.disabled = st.role == "hq"
        hq = st.role == "hq"
        self.query_one("#devices-title").display = hq
        table = self.query_one("#devices", RecordTable)
        table.display = hq
        if hq:
            now = datetime.now().astimezone()
            rows = []
            for d in st.devices:
                days = d.days_silent(now)
                silent = days is not None and days > SILENT_DAYS
                rows.append((d.device_id, (
                    d.consultant, fmt_datetime(d.last_bundle_at.astimezone()) if d.last_bundle_at else "",
                    str(d.up_to_seq), str(d.ack),
                    Text(S.SILENT.format(days=days), style="bold red") if silent else ("" if days is None else str(days)),
                )))
            table.set_rows(rows)

    # -- progress -----------------------------------------------------------------------------------------
    def _progress(self) -> Callable[[int, int], None]:
        """A progress callback for the store thread that updates the bar on the UI thread."""
        loop = asyncio.get_running_loop()
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)

        def report(done: int, total: int) -> None:
            loop.call_soon_threadsafe(lambda: bar.update(total=max(total, 1), progress=done))

        return report

    def _log(self, lines: list[str]) -> None:
        self.query_one("#sync-log", Static).update(Content("\n".join(lines)))

    # -- export ---------------------------------------------------------------------------------------------
    @on(Button.Pressed, "#export")
    def _export(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_export()

    @on(Button.Pressed, "#import")
    def _import(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_import()

    @on(Button.Pressed, "#role")
    def _role(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.action_change_role()  # type: ignore[attr-defined]

    @on(Button.Pressed, "#keys")
    def _keys_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_keys()

    def action_export(self) -> None:
        if not self.busy:
            self._export()

    @store_work
    async def _export(self) -> None:
        store = self.asskomm.repos.store
        folder = Path(self.query_one("#folder", Input).value.strip() or Path.home()).expanduser()
        full = self.query_one("#full", Checkbox).value
        gz = self.query_one("#gz", Checkbox).value
        if await self.asskomm.db(nothing_to_export, store, full):
            # an empty incremental bundle would only be a file for HQ to import for nothing
            self._log([S.SYNC_NOTHING_TO_EXPORT])
            self.notify(S.SYNC_NOTHING_TO_EXPORT, markup=False)
            return
        self.busy = True
        try:
            result = await self.asskomm.db(export_bundle, store, folder, full=full, compress=gz,
                                           initials=self.data.initials if self.data else "",
                                           progress=self._progress())
            self.asskomm.remember_export_folder(result.path.parent)
        finally:
            self.busy = False
            self.query_one("#progress").display = False
        message = S.SYNC_EXPORTED.format(file=result.path, records=S.REPORT_RECORDS(result.records))
        self._log([message])
        self.notify(message, markup=False)
        self.reload()

    def action_keys(self) -> None:
        from ..dialogs.keys import KeysDialog

        self.app.push_screen(KeysDialog(), lambda _: self.reload())

    # -- import ---------------------------------------------------------------------------------------------
    def action_import(self) -> None:
        if self.busy:
            return
        from ..dialogs.file_picker import FilePicker

        start = Path(self.query_one("#folder", Input).value.strip() or Path.home()).expanduser()
        self.app.push_screen(FilePicker(start), self._picked)

    def _picked(self, files: list[Path] | None) -> None:
        if files:
            self._plan(files)

    @store_work
    async def _plan(self, files: list[Path]) -> None:
        from ..dialogs.import_preview import ImportPreview

        store = self.asskomm.repos.store
        plans: list[Any] = []
        self.busy = True
        try:
            for path in files:
                self._log([S.IMPORT_CHECKING.format(file=path.name)])
                plans.append(await self.asskomm.db(plan_import, store, path, progress=self._progress(),
                                                   allow_plain=self.asskomm.user_settings.settings.plain_bundles))
        finally:
            self.busy = False
            self.query_one("#progress").display = False
        self._log([line for p in plans for line in report_lines(p.report, dry_run=True)])

        def decided(apply: bool | None) -> None:
            if apply:
                self._apply(plans)

        self.app.push_screen(ImportPreview(plans), decided)

    @store_work
    async def _apply(self, plans: list[Any]) -> None:
        store = self.asskomm.repos.store
        lines: list[str] = []
        self.busy = True
        try:
            for plan in plans:
                report = await self.asskomm.db(apply_import, store, plan)
                lines += report_lines(report)
                self._log(lines)
        finally:
            self.busy = False
        self.notify(S.IMPORT_DONE)
        self.reload()
