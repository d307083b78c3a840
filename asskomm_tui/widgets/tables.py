"""A DataTable that never reads user text as markup, keeps its cursor on the same record, and sorts.

Every ``RecordTable`` sorts by its columns with no code in the screen: ``o`` (or Strg+O) sorts by
the next column, ``O`` (or Strg+T) turns the order round, a click on a header sorts by that column.
Values sort as what they mean (``widgets/sorting.py``); the order holds when the screen reloads
the rows, and the cursor stays on the record it was on.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable, Mapping, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from .. import strings as S
from ..formatting import fmt_date
from .sorting import SortKey, SortKeys, SortOrder, clicked_order, column_keys, marked_label, sorted_keys


def cell(value: object, style: str = "") -> Text:
    """A table cell showing ``value`` literally (``[b]`` stays ``[b]``)."""
    if isinstance(value, Text):
        return value
    return Text(str(value), style=style, no_wrap=True, overflow="ellipsis")


def due_cell(row: Any, today: date, mark: str = " " + S.OVERDUE) -> Text:
    """The due date of a follow-up (a ``FollowUpRow``); an overdue one says so after the date, in
    bold (readable without colour) and red."""
    if row.overdue(today):
        return cell(fmt_date(row.due) + mark, "bold red")
    return cell(fmt_date(row.due))


Row = tuple[str, Sequence[object]]  # (row key, cells)


class RecordTable(SortKeys, DataTable):
    """Rows keyed by record id; cells are rendered as plain text; sortable by any column."""

    BINDINGS = [
        # Strg+O/Strg+T as well: the same keys sort the commune list, whose search field keeps the focus
        Binding("o,ctrl+o", "sort", S.KEY_SORT, tooltip=S.KEY_SORT_LONG, id="table_sort"),
        Binding("O,ctrl+t", "sort_reverse", S.KEY_SORT_REVERSE, tooltip=S.KEY_SORT_REVERSE_LONG, show=False,
                id="table_sort_reverse"),
    ]

    DEFAULT_CSS = """
    RecordTable { height: 1fr; }
    /* an empty table shows its hint (border_subtitle) in a blank bottom border */
    RecordTable.-empty { border-bottom: blank; border-subtitle-align: left; border-subtitle-color: $text-muted; }
    """

    def __init__(self, *columns: str | tuple[str, int], id: str | None = None, classes: str | None = None,
                 wrap: bool = False, grow: int | None = None, sortable: bool = True,
                 sort_keys: Mapping[int, SortKey] | None = None) -> None:
        """``columns``: header labels, or (label, width) for a width (longer text is cut with …).
        ``wrap``: long cells wrap onto more lines instead of being cut (give the columns widths).
        ``grow``: the column (index) that takes the spare width of a wide terminal; by default the
        widest one with a width (a summary, a task), so that wider screens show more of the text.
        ``sortable``: False for a list whose order is its meaning (no sort keys then).
        ``sort_keys``: per column index, a function from the cell (as given to ``set_rows``) to the
        value it sorts by (None: empty, sorted last); other columns sort by what their text shows."""
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self._columns = [c if isinstance(c, tuple) else (c, None) for c in columns]
        self._wrap = wrap
        sized = [i for i, (_, width) in enumerate(self._columns) if width]
        self._grow = grow if grow is not None else (max(sized, key=lambda i: self._columns[i][1]) if sized else None)
        self.sortable = sortable
        self._sort_keys = column_keys(len(self._columns), sort_keys)
        self._sorted_by: SortOrder | None = None
        self._source: list[Row] = []  # the rows in the screen's order, as given

    def on_mount(self) -> None:
        self._add_columns()

    def _add_columns(self) -> None:
        for i, (label, width) in enumerate(self._columns):
            self.add_column(Text(marked_label(label, self._sorted_by, i, width)), key=f"c{i}", width=width)

    def set_columns(self, *columns: str | tuple[str, int]) -> None:
        """Replace the columns (a table whose columns depend on the data: Kreis × problem field);
        the rows go with them and the sort order is dropped."""
        self._columns = [c if isinstance(c, tuple) else (c, None) for c in columns]
        self._sort_keys = column_keys(len(self._columns), None)
        self._sorted_by = None
        self._grow = None
        self._source = []
        self.clear(columns=True)
        self._add_columns()

    def on_resize(self) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Give the growing column the width the others leave (never less than its own)."""
        if self._grow is None or any(width is None for _, width in self._columns):
            return  # columns sized by their content: Textual measures them
        pad = 2 * self.cell_padding
        others = sum(width + pad for i, (_, width) in enumerate(self._columns) if i != self._grow)
        least = self._columns[self._grow][1] or 0
        room = self.scrollable_content_region.width - others - pad
        width = max(least, room)
        column = self.columns.get(ColumnKey(f"c{self._grow}"))  # type: ignore[call-overload]
        if column is not None and column.width != width:
            column.width = width
            # Textual 8.2.8 has no public call for "a column's width changed": its own add_column
            # does exactly this
            self._require_update_dimensions = True
            self._clear_caches()
            self.refresh()

    def set_rows(self, rows: Iterable[Row]) -> None:
        """Replace every row, keeping the cursor on the previously highlighted key if it is still there.

        ``rows`` come in the screen's order; a table sorted by a column shows them in that order."""
        self._source = list(rows)
        self._fill()

    def _fill(self, keep_cursor: bool = True) -> None:
        """Show the rows of ``_source`` (sorted, if so) with the cursor on the same key (or on the first
        row, without ``keep_cursor``)."""
        current = self.current_key if keep_cursor else None
        self.clear()
        self._add(self._ordered(self._source))
        self.set_class(not self.row_count, "-empty")
        if current is not None and current in self.rows:
            self.move_cursor(row=self.get_row_index(current), animate=False)

    def add_rows_keyed(self, rows: Iterable[Row]) -> None:
        """Add rows after the others (in a sorted table: where the order puts them)."""
        rows = list(rows)
        self._source.extend(rows)
        if self._sorted_by is None:
            self._add(rows)
        else:
            self._fill()

    def remove_row(self, row_key: RowKey | str) -> None:
        """Remove a row (for good: a later sort does not bring it back)."""
        value = row_key.value if isinstance(row_key, RowKey) else row_key
        self._source = [row for row in self._source if row[0] != value]
        super().remove_row(row_key)

    def _add(self, rows: Iterable[Row]) -> None:
        for key, cells in rows:
            if self._wrap:
                self.add_row(*(c if isinstance(c, Text) else Text(str(c)) for c in cells), key=key, height=None)
            else:
                self.add_row(*(cell(c) for c in cells), key=key)

    @property
    def current_key(self) -> str | None:
        """Key of the highlighted row, or None for an empty table."""
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:
            return None

    # -- sorting ------------------------------------------------------------------------------------------
    @property
    def column_sort(self) -> SortOrder | None:
        """The column the rows are sorted by (None: the screen's own order)."""
        return self._sorted_by

    def sort_by(self, order: SortOrder | None) -> None:
        """Sort by ``order`` (None: the screen's order again), the cursor staying on its record; a cursor
        on the first row (where it starts: nothing chosen yet) stays on the first row, so that the
        top of the new order shows."""
        if not self.sortable or order == self._sorted_by:
            return
        if order is not None and not 0 <= order.column < len(self._columns):
            raise IndexError(order.column)
        self._sorted_by = order
        self._mark_headers()
        self._fill(keep_cursor=self.cursor_row > 0)

    def _ordered(self, rows: list[Row]) -> list[Row]:
        order = self._sorted_by
        if order is None:
            return rows
        return sorted_keys(rows, lambda row: row[1][order.column] if order.column < len(row[1]) else "",
                           order, self._sort_keys[order.column])

    def _mark_headers(self) -> None:
        """▲/▼ after the label of the sorted column (cut to fit a fixed width, the mark always shows)."""
        for i, (label, width) in enumerate(self._columns):
            column = self.columns.get(ColumnKey(f"c{i}"))  # type: ignore[call-overload]
            if column is None:
                continue
            column.label = Text(marked_label(label, self._sorted_by, i, width))
            # an auto-sized column grows to show its mark (Textual measures labels only in add_column)
            column.content_width = max(column.content_width, cell_len(column.label.plain))
        self._require_update_dimensions = True
        self._clear_caches()
        self.refresh()

    # what ``SortKeys`` asks of a table (and ``_column_in_view`` below)
    def _column_count(self) -> int:
        return len(self._columns)

    def _column_label(self, index: int) -> str:
        return self._columns[index][0]

    def _column_in_view(self, index: int) -> bool:
        """Whether the whole header of the column at ``index`` shows (not scrolled or cut off)."""
        left = 0
        for i, column in enumerate(self.ordered_columns):
            width = column.get_render_width(self)
            if i == index:
                return left >= self.scroll_x and left + width <= self.scroll_x + self.scrollable_content_region.width
            left += width
        return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("sort", "sort_reverse"):
            return self.sortable and bool(self._columns)
        return super().check_action(action, parameters)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        if event.data_table is not self or not self.sortable:
            return
        self.sort_and_say(clicked_order(self._sorted_by, event.column_index))
