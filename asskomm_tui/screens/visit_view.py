"""Besuch (read-only): everything about one visit on one screen.

Head, date, kind, consultants and participants, the summary, every finding and follow-up, and the
notes in full, in one scrolling page. ``e`` opens the edit form (the view shows the saved state
when it closes), ←/→ step through the commune's visits by date, ``x`` ticks off the follow-up under
the cursor (Strg+Z takes it back). Opening a visit anywhere (overview, dossier, search) shows this.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.widgets import Static

from storage.records import VisitRecord
from storage.views import FollowUpRow, VisitPage

from .. import strings as S
from ..formatting import fmt_date, short_kreis
from ..textual_de import Header
from ..widgets.footer import Footer
from ..widgets.tables import RecordTable, Row
from .base import DataScreen


class ItemTable(RecordTable):
    """A table of wrapped rows inside the scrolling page, laid out again when its width changes.

    Textual measures a wrapped row's height once, when the row is added: after a narrower
    terminal the text would be cut, after a wider one there would be gaps.
    """

    _all_rows: list[Row] = []
    _laid_width = -1

    def __init__(self, *columns: str | tuple[str, int], id: str, grow: int) -> None:
        # the visit's own order of findings and follow-ups is the one to read them in: no sorting
        super().__init__(*columns, id=id, wrap=True, grow=grow, sortable=False)

    def set_rows(self, rows: object) -> None:
        """Show ``rows`` (and keep them to lay out again on a resize)."""
        self._all_rows = list(rows)  # type: ignore[call-overload]
        self._laid_width = self.size.width
        super().set_rows(self._all_rows)

    def on_resize(self) -> None:
        # runs before RecordTable's own handler fits the columns: lay out after it
        if self.size.width != self._laid_width and self._all_rows:
            self.call_after_refresh(self._relayout)

    def _relayout(self) -> None:
        self._laid_width = self.size.width
        super().set_rows(self._all_rows)
        if self.has_focus:  # rows changed height: the page follows the cursor again
            self.call_after_refresh(self.screen._follow_cursor, self)  # type: ignore[attr-defined]


class VisitViewScreen(DataScreen):
    """One visit, read-only; ``part`` (a finding or follow-up id) gets the cursor when it opens."""

    BINDINGS = [
        Binding("escape", "back", S.KEY_BACK, id="visit_view_back"),
        Binding("e", "edit", S.KEY_VIEW_EDIT, id="visit_view_edit"),
        # priorities: the tables and the scrolling page would take ←/→ for sideways scrolling
        Binding("left", "step(-1)", S.KEY_VIEW_PREVIOUS, tooltip=S.KEY_VIEW_PREVIOUS_LONG, priority=True,
                id="visit_view_previous"),
        Binding("right", "step(1)", S.KEY_VIEW_NEXT, tooltip=S.KEY_VIEW_NEXT_LONG, priority=True,
                id="visit_view_next"),
        Binding("x", "toggle_done", S.KEY_VIEW_DONE, tooltip=S.KEY_TOGGLE_DONE, id="visit_view_toggle_done"),
        Binding("d", "document", S.KEY_DOCUMENT, tooltip=S.KEY_DOCUMENT_VISIT_LONG, id="visit_view_document"),
    ]

    def __init__(self, visit_id: str, part: str | None = None) -> None:
        super().__init__()
        self.visit_id = visit_id
        self.part = part
        self.page: VisitPage | None = None
        # where the visit shown last stood (commune, date): a deleted one keeps its place by it
        self._near: tuple[str, object] | None = None
        self._index = 0
        self._gone = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="visit-view"):
            yield Static("", id="vv-head")
            yield Static("", id="vv-position")
            yield Static("", id="vv-conflict")
            with VerticalScroll(id="vv-body"):
                yield Static("", id="vv-meta")
                yield Static(S.FIELD_SUMMARY, classes="section")
                yield Static("", id="vv-summary", classes="vv-text")
                yield Static("", id="vv-findings-title", classes="section")
                # widths that fit 80 columns; the note (the task) takes what a wider screen has
                yield ItemTable((S.COL_FIELD, 18), (S.FINDING_SEVERITY, 9), (S.COL_PLACE, 12),
                                (S.COL_EVIDENCE, 12), (S.VIEW_COL_NOTE, 14), id="vv-findings", grow=4)
                yield Static("", id="vv-follow-ups-title", classes="section")
                yield ItemTable((S.COL_TASK, 28), (S.COL_OWNER, 16), (S.COL_DUE, 10), (S.VIEW_COL_STATE, 11),
                                id="vv-follow-ups", grow=0)
                yield Static(S.FIELD_NOTES, classes="section")
                yield Static("", id="vv-notes", classes="vv-text")
        yield Footer()

    def on_mount(self) -> None:
        # the page scrolls with ↑/↓ until Tab moves on to the findings and follow-ups
        self.query_one("#vv-body").focus()

    # -- data ---------------------------------------------------------------------------------------
    def load(self) -> VisitPage:
        near = self._near if self._near and self._near[0] else None
        return self.asskomm.repos.visit_page(self.visit_id, near)  # type: ignore[arg-type]

    def show(self, page: VisitPage) -> None:
        if page.visit_id != self.visit_id:
            return  # a step was taken while this one loaded: its own load follows
        self.page = page
        self._index, self._gone = page.index, page.record is None
        record = page.record
        self.query_one("#vv-body").display = record is not None
        self.query_one("#vv-conflict").display = page.conflict
        if record is None:
            self.title = S.VIEW_TITLE.format(name=page.commune_name) if page.commune else S.APP_TITLE
            gone = S.VIEW_GONE_STEP.format(name=page.commune_name) if page.commune else S.VIEW_GONE
            self.query_one("#vv-head", Static).update(Content(gone))
            self.query_one("#vv-position", Static).update("")
            self.refresh_bindings()
            return
        data = record.data
        self._near = (page.commune, data.date)
        self.title = S.VIEW_TITLE.format(name=page.commune_name)
        self.query_one("#vv-head", Static).update(Content(S.VIEW_HEAD.format(
            name=page.commune_name, kreis=short_kreis(page.kreis), date=fmt_date(data.date),
            kind=S.label(S.VISIT_KIND, data.kind))))
        self.query_one("#vv-position", Static).update(Content(self._position(page)))
        self.query_one("#vv-conflict", Static).update(Content(S.CONFLICT_NOTICE))
        meta = [
            S.VIEW_META_CONSULTANTS.format(names=", ".join(page.consultants) or S.VIEW_NOBODY),
            S.VIEW_META_PARTICIPANTS.format(names=" · ".join(data.participants) or S.VIEW_NOBODY),
        ]
        self.query_one("#vv-meta", Static).update(Content("\n".join(meta)))
        self.query_one("#vv-summary", Static).update(Content(data.summary or S.VIEW_EMPTY_TEXT))
        self.query_one("#vv-notes", Static).update(Content(data.notes or S.VIEW_EMPTY_TEXT))
        self._show_items(page, record)
        self.refresh_bindings()
        if self.part is not None:
            part, self.part = self.part, None
            self._go_to_part(part)

    def _position(self, page: VisitPage) -> str:
        total = len(page.siblings)
        text = S.VIEW_POSITION.format(n=page.index + 1, total=total, name=page.commune_name)
        if total == 1:
            return text + S.VIEW_ONLY
        if page.index == 0:
            return text + S.VIEW_FIRST
        if page.index == total - 1:
            return text + S.VIEW_LAST
        return text

    def _show_items(self, page: VisitPage, record: VisitRecord) -> None:
        today = self.asskomm.today
        data = record.data
        findings = self.query_one("#vv-findings", ItemTable)
        findings.display = bool(data.findings)
        self.query_one("#vv-findings-title", Static).update(
            S.VIEW_FINDINGS(len(data.findings)) if data.findings else S.VIEW_NO_FINDINGS)
        findings.set_rows(
            (f.id, (page.field_names.get(f.problem_field, f.problem_field),
                    Text(S.label(S.SEVERITY, f.severity), style="bold" if f.severity >= 3 else ""),
                    f.place, f.evidence, f.note))
            for f in data.findings
        )
        follow_ups = self.query_one("#vv-follow-ups", ItemTable)
        follow_ups.display = bool(data.follow_ups)
        self.query_one("#vv-follow-ups-title", Static).update(self._follow_ups_title(record))
        rows = []
        for f in data.follow_ups:
            if f.done:
                state = Text(S.VIEW_DONE_ON.format(date=fmt_date(f.done_on)) if f.done_on else S.VIEW_DONE)
            elif f.due is not None and f.due < today:
                state = Text(S.OVERDUE, style="bold red")
            else:
                state = Text(S.VIEW_OPEN)
            rows.append((f.id, (f.text, f.owner, fmt_date(f.due), state)))
        follow_ups.set_rows(rows)

    def _follow_ups_title(self, record: VisitRecord) -> str:
        """"3 Folgeaufgaben · 2 offen, davon 1 überfällig" (or "Keine Folgeaufgaben.")."""
        items = record.data.follow_ups
        if not items:
            return S.VIEW_NO_FOLLOW_UPS
        today = self.asskomm.today
        still = [f for f in items if not f.done]
        late = sum(1 for f in still if f.due is not None and f.due < today)
        if not still:
            return S.VIEW_FOLLOW_UPS(len(items)) + S.VIEW_ALL_DONE(len(items))
        return (S.VIEW_FOLLOW_UPS(len(items)) + S.VIEW_OPEN_COUNT.format(n=len(still))
                + (S.VIEW_OVERDUE_COUNT.format(n=late) if late else ""))

    def _go_to_part(self, part: str) -> None:
        """Put the cursor on a finding or follow-up (what a search hit pointed at) and show it."""
        for table in self.query(ItemTable):
            if part in table.rows:
                table.focus()
                table.move_cursor(row=table.get_row_index(part), animate=False)
                # the row's height is known once the table has laid it out
                self.call_after_refresh(self._follow_cursor, table)
                return

    # -- the scrolling page follows the cursor of a table in it -------------------------------------------
    def on_data_table_row_highlighted(self, event: RecordTable.RowHighlighted) -> None:
        event.stop()
        if isinstance(event.data_table, ItemTable) and event.data_table.has_focus:
            self._follow_cursor(event.data_table)

    def _follow_cursor(self, table: ItemTable) -> None:
        """Scroll the page so that the highlighted row of ``table`` is in view (the table itself never scrolls)."""
        if not table.row_count:
            return
        row = table._get_row_region(table.cursor_row)  # Textual 8.2.8: the row in the table's own space
        top = table.virtual_region.y + row.y
        region = Region(0, top, 1, max(1, row.height))
        self.query_one("#vv-body", VerticalScroll).scroll_to_region(region, animate=False, force=True)

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        event.stop()  # nothing to open in a read-only view (Enter in the dossier would act on it)

    # -- keys ---------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit":
            return self.page is not None and self.page.record is not None
        if action == "toggle_done":
            return self._follow_up_row() is not None
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()  # x is offered only on the follow-ups

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    def action_back(self) -> None:
        self.dismiss()

    def action_document(self) -> None:
        """The visit record as a document (``services/record_docs.py``)."""
        if self._gone:
            return
        from ..services.record_docs import write_visit

        repos, visit_id, today = self.asskomm.repos, self.visit_id, self.asskomm.today
        self.export_document(S.DOC_R_EXPORT_VISIT, lambda fmt, folder: write_visit(repos, visit_id, fmt, folder, today))

    def action_edit(self) -> None:
        if self.page is not None and self.page.record is not None:
            self.asskomm.open_visit_form(visit_id=self.visit_id)  # back here, reloaded, when it closes

    def action_step(self, delta: int) -> None:
        """Show the commune's previous (-1) or next (+1) visit by date; at the ends say so.

        The step is taken from the visit asked for last, not the one shown: keys typed faster than
        the visits load still step one visit each.
        """
        page = self.page
        if page is None or not page.commune:
            return
        siblings = page.siblings
        # a deleted visit stood before siblings[index]: the step back is to index - 1, forward to index
        target = self._index + delta if not self._gone else (self._index - 1 if delta < 0 else self._index)
        if not 0 <= target < len(siblings):
            self.notify((S.VIEW_AT_FIRST if delta < 0 else S.VIEW_AT_LAST).format(name=page.commune_name),
                        markup=False)
            return
        self._index, self._gone = target, False
        self.visit_id = siblings[target]
        self.part = None
        self.reload()

    def _follow_up_row(self) -> FollowUpRow | None:
        """The follow-up under the cursor when the follow-ups have the focus."""
        table = self.focused
        page = self.page
        if (not isinstance(table, ItemTable) or table.id != "vv-follow-ups" or page is None
                or page.record is None or table.current_key is None):
            return None
        data = page.record.data
        f = next((f for f in data.follow_ups if f.id == table.current_key), None)
        if f is None:
            return None
        return FollowUpRow(page.visit_id, f.id, page.commune, page.commune_name, page.kreis, data.date,
                           f.text, f.owner, f.due, f.done)

    def action_toggle_done(self) -> None:
        row = self._follow_up_row()
        if row is not None:
            self.toggle_follow_up(row)
