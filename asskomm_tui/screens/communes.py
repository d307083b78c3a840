"""Kommunen: all 418 communes, filtered as you type, sorted by any column, Enter opens the dossier.

The search field keeps the focus while the list is browsed, so the list's sort keys (``o``, ``O``)
would be typed into it: here Strg+O and Strg+T sort (the list itself takes them too).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input

from storage.views import CommuneRow

from .. import strings as S
from ..textual_de import Header
from ..widgets.count_line import CountLine
from ..widgets.footer import Footer
from ..widgets.ticks import Tick
from ..formatting import fmt_date, fmt_int, short_kreis
from ..services.search import Indexed, SearchIndex
from ..widgets.list_table import Column, ListTable
from ..widgets.search_input import SearchInput
from ..widgets.tables import cell
from .base import DataScreen


def commune_cells(row: CommuneRow) -> tuple[Text, ...]:
    """The table cells of one commune (built once per load, reused on every keystroke)."""
    if row.model_commune:
        asskomm = S.MODEL_COMMUNE
    elif row.member_since:
        asskomm = S.MEMBER_SINCE.format(year=row.member_since.year)
    else:
        asskomm = ""
    kpr = S.label(S.KPR_STATUS, row.kpr_status) if row.kpr_status != "none" else ""
    open_tasks = cell(str(row.open_follow_ups) if row.open_follow_ups else "",
                      "bold red" if row.overdue_follow_ups else "")
    name = (S.CONFLICT_MARK + row.name) if row.conflict else row.name
    return (cell(name, "bold yellow" if row.conflict else ""), cell(short_kreis(row.kreis)), cell(fmt_date(row.last_visit)), open_tasks,
            cell(asskomm), cell(kpr), cell(fmt_int(row.population)))


def open_count(value: object) -> tuple[int, int]:
    """The open follow-ups column sorts by number; its empty cells are none open (0), not unknown."""
    text = value.plain if isinstance(value, Text) else str(value)
    return (0, int(text) if text.strip() else 0)


class CommunesScreen(DataScreen):
    """Find a commune in a keystroke or two."""

    BINDINGS = [
        Binding("slash", "focus_search", S.KEY_SEARCH, id="focus_search"),
        Binding("f5", "toggle_members", S.FOOT_MEMBERS, tooltip=S.KEY_MEMBERS, id="filter_members"),
        Binding("f6", "toggle_open", S.FOOT_OPEN_TASKS, tooltip=S.KEY_OPEN_TASKS, id="filter_open"),
        Binding("ctrl+o", "sort", S.KEY_SORT, tooltip=S.KEY_SORT_LONG, id="communes_sort"),
        Binding("ctrl+t", "sort_reverse", S.KEY_SORT_REVERSE, tooltip=S.KEY_SORT_REVERSE_LONG, show=False,
                id="communes_sort_reverse"),
        Binding("down", "cursor(1)", show=False, id="cursor_down"),
        Binding("up", "cursor(-1)", show=False, id="cursor_up"),
        Binding("pagedown", "cursor(10)", show=False, id="page_down"),
        Binding("pageup", "cursor(-10)", show=False, id="page_up"),
        Binding("enter", "open", S.KEY_OPEN, id="open_dossier"),
        Binding("escape", "clear", S.FOOT_CLEAR, tooltip=S.KEY_CLEAR, id="clear_filter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[CommuneRow] = []
        self._cells: dict[str, tuple[Text, ...]] = {}
        self._index: SearchIndex[CommuneRow] = SearchIndex([])
        self._shown: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="communes"):
            yield SearchInput(placeholder=S.SEARCH_PLACEHOLDER, id="search")
            with Horizontal(id="filters"):
                yield Tick(S.FILTER_MEMBERS, id="members")
                yield Tick(S.FILTER_OPEN, id="open")
                yield CountLine(id="count")
            # ordered and sized so that at 80 columns everything but the population is visible
            # (which is wide enough for "Einwohner ▼" when the list is sorted by it)
            yield ListTable(Column(S.COL_NAME, 21, grow=2), Column(S.COL_KREIS, 11, grow=3), Column(S.COL_LAST_VISIT, 10),
                            Column(S.COL_OPEN, 5, "right", sort=open_count), Column(S.COL_ASSKOMM, 7), Column(S.COL_KPR, 12),
                            Column(S.COL_POPULATION, 11, "right"), id="communes-table")
        yield Footer()

    def on_mount(self) -> None:
        self.title = S.COMMUNES_TITLE
        search = self.query_one("#search", Input)
        search.focus()
        # A watcher runs inside the keystroke (an Input.Changed message would be handled after the
        # next frame), so the typed letter and the filtered list reach the screen in the same frame.
        self.watch(search, "value", self.apply_filter, init=False)

    def load(self) -> list[CommuneRow]:
        return self.asskomm.repos.commune_rows(self.asskomm.today)

    def show(self, rows: list[CommuneRow]) -> None:
        self._rows = rows
        self._cells = {r.ags: commune_cells(r) for r in rows}
        self.query_one(ListTable).set_data(self._cells)
        self._index = SearchIndex(Indexed.of(r, r.name, r.kreis, r.ags) for r in rows)
        self._shown = []
        self.apply_filter()

    def apply_filter(self) -> None:
        """Show the communes matching the search text and the filter boxes."""
        query = self.query_one("#search", Input).value
        members = self.query_one("#members", Checkbox).value
        open_only = self.query_one("#open", Checkbox).value
        rows = self._index.search(query)
        if members:
            rows = [r for r in rows if r.is_member]
        if open_only:
            rows = [r for r in rows if r.open_follow_ups]
        keys = [r.ags for r in rows]
        if keys != self._shown:
            self._shown = keys
            self.query_one(ListTable).show_keys(keys)
        self.query_one("#count", CountLine).update(
            S.COMMUNES_COUNT.format(shown=fmt_int(len(keys)), total=fmt_int(len(self._rows))))

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.apply_filter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_open()

    def on_list_table_selected(self, event: ListTable.Selected) -> None:
        event.stop()
        self.asskomm.open_dossier(event.key)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "/" typed into the search field is a slash: the footer offers it only where it focuses the
        # search (this also leaves room at 80 columns for the sort key)
        if action == "focus_search":
            return getattr(self.focused, "id", None) != "search"
        return super().check_action(action, parameters)

    def action_sort(self) -> None:
        self.query_one(ListTable).action_sort()

    def action_sort_reverse(self) -> None:
        self.query_one(ListTable).action_sort_reverse()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_toggle_members(self) -> None:
        box = self.query_one("#members", Checkbox)
        box.value = not box.value

    def action_toggle_open(self) -> None:
        box = self.query_one("#open", Checkbox)
        box.value = not box.value

    def action_cursor(self, delta: int) -> None:
        self.query_one(ListTable).cursor += delta

    def action_open(self) -> None:
        key = self.query_one(ListTable).current_key
        if key:
            self.asskomm.open_dossier(key)

    def action_clear(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        search.focus()
