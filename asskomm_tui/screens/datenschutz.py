"""Datenschutz: everything stored about a person, the Auskunft (DSGVO Art. 15) and the erasure (Art. 17).

Type a name and Enter: the table lists every field of every stored version that names the person
(``storage.erasure.find_person``: whole words, case and umlauts do not matter). ``e`` writes the
Auskunft as a file (JSON, Markdown, HTML, Word); ``l`` erases the person after a dialog that says
what will go and asks for an Aktenzeichen; the report then says what was erased and which
backups still hold the person until the rotation removes them. ``b`` shows the report of every
order this store holds (given here or imported). All store work runs on the store thread.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from .. import strings as S
from ..dialogs.form import FormDialog, line_field, text_of
from ..services import datenschutz as DS
from ..textual_de import Header
from ..widgets.footer import Footer
from ..widgets.tables import RecordTable, cell
from ..workers import store_work
from .base import DataScreen


def text_cell(found: DS.Found) -> Text:
    """The snippet around the name, the name marked (bold, reversed: readable without colour)."""
    line, marks = DS.snippet(found.hit.text, found.hit.spans)
    text = cell(line)
    for start, end in marks:
        text.stylize("bold reverse", start, end)
    return text


class EraseDialog(FormDialog[str]):
    """What will be erased, in words, and the Aktenzeichen; dismisses with it (None: cancelled)."""

    TITLE_TEXT = S.DS_ERASE_TITLE

    def __init__(self, result: DS.Findings) -> None:
        super().__init__()
        self.found = result

    def fields(self) -> Any:
        r = self.found
        what = (S.DS_ERASE_WHAT.format(name=r.name, count=S.DS_PLACES(len(r.found)), records=S.DS_RECORDS(r.records),
                                       kinds=r.kinds())
                if r.found else S.DS_ERASE_NOTHING.format(name=r.name))
        yield Static(Content(what), id="erase-what")
        yield Static(Content(S.DS_ERASE_TRAVEL), classes="hint")
        yield from self.labelled(S.DS_REFERENCE, Input(id="reference"))

    def on_mount(self) -> None:
        self.query_one("#reference").focus()

    def result(self) -> str:
        return line_field(text_of(self.query_one("#reference", Input)), "reference", S.DS_REFERENCE)


class ReportDialog(ModalScreen[None]):
    """Reports (German lines, user text as data); Esc or Enter closes."""

    BINDINGS = [Binding("escape,enter", "close", S.KEY_CLOSE, id="ds_report_close")]

    def __init__(self, title: str, reports: list[list[str]], empty: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.reports = reports
        self.empty = empty

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box wide", id="ds-report"):
            yield Static(Content(self.title_text), classes="title")
            if not self.reports:
                yield Static(Content(self.empty))
            for i, lines in enumerate(self.reports):
                yield Static(Content("\n".join(lines)), classes="ds-report" + (" ds-report-next" if i else ""))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ds-report").focus()

    def action_close(self) -> None:
        self.dismiss(None)


class DatenschutzScreen(DataScreen):
    """A name, its hits, and the two requests a person may make: Auskunft and Löschung."""

    BINDINGS = [
        Binding("e", "export", S.KEY_DS_EXPORT, tooltip=S.KEY_DS_EXPORT_LONG, id="datenschutz_export"),
        Binding("l", "erase", S.KEY_DS_ERASE, tooltip=S.KEY_DS_ERASE_LONG, id="datenschutz_erase"),
        Binding("b", "reports", S.KEY_DS_ORDERS, tooltip=S.KEY_DS_ORDERS_LONG, id="datenschutz_reports"),
        Binding("escape", "edit_name", S.KEY_DS_NAME, tooltip=S.KEY_DS_NAME_LONG, id="datenschutz_name"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.result: DS.Findings | None = None  # what the table shows (tests read it)
        self._orders = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="datenschutz"):
            yield Input(placeholder=S.DS_PLACEHOLDER, id="ds-name")
            yield Static(Content(S.DS_HINT), id="ds-status")
            yield RecordTable((S.DS_COL_WHERE, 18), (S.COL_DATE, 10), (S.DS_COL_FIELD, 14), (S.DS_COL_STATE, 8),
                              (S.DS_COL_TEXT, 16), id="ds-hits", grow=4)
            yield Static("", id="ds-orders", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.title = S.DS_TITLE
        self.query_one("#ds-name", Input).focus()

    # -- data -------------------------------------------------------------------------------------------
    def load(self) -> tuple[DS.Findings | None, int]:
        """Store thread: the hits for the name last searched (again: the store may have changed)."""
        from storage.erasure import known_orders

        store = self.asskomm.repos.store
        name = self.result.name if self.result is not None else ""
        return (DS.findings(store, name) if name else None), len(known_orders(store))

    def show(self, data: tuple[DS.Findings | None, int]) -> None:
        result, self._orders = data
        orders = self.query_one("#ds-orders", Static)
        orders.update(Content(S.DS_ORDERS_LINE(self._orders, key=self.key_of("datenschutz_reports"))
                              if self._orders else ""))
        if result is not None:
            self._show_result(result)

    @on(Input.Submitted, "#ds-name")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.search(event.value)

    @store_work(group="load", exclusive=True)
    async def search(self, name: str) -> None:
        """Enter: look the name up (on the store thread), then the hits take the focus."""
        from storage.erasure import check_name

        try:
            check_name(name)
        except Exception as exc:  # a name too short: said under the field, not as an error
            self._status(getattr(exc, "message", str(exc)))
            return
        self._status(S.DS_SEARCHING)
        version = self.asskomm.repos.store.version
        result = await self.asskomm.db(DS.findings, self.asskomm.repos.store, name)
        self._loaded_version = version
        self._show_result(result)
        table = self.query_one(RecordTable)
        if table.row_count:
            table.focus()

    def _show_result(self, result: DS.Findings) -> None:
        self.result = result
        table = self.query_one(RecordTable)
        table.set_rows((str(i), (f.where, f.day, f.field, f.state, text_cell(f))) for i, f in enumerate(result.found))
        if result.found:
            self._status(S.DS_COUNT(len(result.found), name=result.name, records=S.DS_RECORDS(result.records)))
        else:
            self._status(S.DS_NONE.format(name=result.name))

    def _status(self, text: str) -> None:
        self.query_one("#ds-status", Static).update(Content(text))

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        """Enter on a hit: its record where it lives (a visit's view, a commune's contacts, a strategy)."""
        event.stop()
        if self.result is None or event.row_key.value is None:
            return
        hit = self.result.found[int(event.row_key.value)].hit
        app = self.asskomm
        if hit.kind == "visit":
            app.open_visit(hit.record_id)
        elif hit.kind == "commune":
            app.open_dossier(hit.record_id, tab="contacts" if hit.field.startswith("contacts.") else None,
                             focus=hit.part if hit.field.startswith("contacts.") else None)
        elif hit.kind == "strategy":
            app.open_strategy(hit.record_id)

    # -- keys -------------------------------------------------------------------------------------------
    def action_edit_name(self) -> None:
        name = self.query_one("#ds-name", Input)
        name.focus()
        name.select_all()

    def _searched(self) -> DS.Findings | None:
        if self.result is None:
            self.notify(S.DS_NEED_SEARCH, markup=False)
            self.action_edit_name()
        return self.result

    def action_export(self) -> None:
        """e: the Auskunft for the name searched, as a file."""
        result = self._searched()
        if result is None:
            return
        store, name, today = self.asskomm.repos.store, result.name, self.asskomm.today
        self.export_document(S.DS_EXPORT_TITLE, lambda fmt, folder: DS.write_access(store, name, fmt, folder, today),
                             ((S.FORMAT_DS_JSON, "json"), (S.FORMAT_MD, "md"), (S.FORMAT_HTML, "html"),
                              (S.FORMAT_DOCX, "docx")))

    def action_erase(self) -> None:
        """l: after the dialog, erase the person here and give the order for every device."""
        result = self._searched()
        if result is None:
            return
        self.app.push_screen(EraseDialog(result), lambda reference: self._erase(result.name, reference)
                             if reference is not None else None)

    @store_work
    async def _erase(self, name: str, reference: str) -> None:
        from storage.erasure import erase_person

        app = self.asskomm
        store = app.repos.store

        def erase() -> list[str]:
            return DS.report_lines(store, erase_person(store, name, reference))

        self._status(S.DS_ERASING)  # a big store with many backups: some seconds (each backup is read)
        lines = await app.db(erase)
        self.notify(S.DS_ERASED.format(name=name), markup=False)
        self.app.push_screen(ReportDialog(S.DS_REPORT_TITLE, [lines]))
        self.reload()

    @store_work
    async def action_reports(self) -> None:
        """b: the report of every order this store holds."""
        app = self.asskomm
        reports = await app.db(DS.all_reports, app.repos.store, app.today)
        self.app.push_screen(ReportDialog(S.DS_ORDERS_TITLE, reports, S.DS_ORDERS_NONE))
