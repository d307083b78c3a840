"""A DataTable that never reads user text as markup and keeps its cursor on the same record."""

from __future__ import annotations

from typing import Iterable, Sequence

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey


def cell(value: object, style: str = "") -> Text:
    """A table cell showing ``value`` literally (``[b]`` stays ``[b]``)."""
    if isinstance(value, Text):
        return value
    return Text(str(value), style=style, no_wrap=True, overflow="ellipsis")


Row = tuple[str, Sequence[object]]  # (row key, cells)


class RecordTable(DataTable):
    """Rows keyed by record id; cells are rendered as plain text."""

    DEFAULT_CSS = """
    RecordTable { height: 1fr; }
    /* an empty table shows its hint (border_subtitle) in a blank bottom border */
    RecordTable.-empty { border-bottom: blank; border-subtitle-align: left; border-subtitle-color: $text-muted; }
    """

    def __init__(self, *columns: str | tuple[str, int], id: str | None = None, classes: str | None = None,
                 wrap: bool = False, grow: int | None = None) -> None:
        """``columns``: header labels, or (label, width) for a width (longer text is cut with …).
        ``wrap``: long cells wrap onto more lines instead of being cut (give the columns widths).
        ``grow``: the column (index) that takes the spare width of a wide terminal; by default the
        widest one with a width (a summary, a task), so that wider screens show more of the text."""
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self._columns = [c if isinstance(c, tuple) else (c, None) for c in columns]
        self._wrap = wrap
        sized = [i for i, (_, width) in enumerate(self._columns) if width]
        self._grow = grow if grow is not None else (max(sized, key=lambda i: self._columns[i][1]) if sized else None)

    def on_mount(self) -> None:
        for i, (label, width) in enumerate(self._columns):
            self.add_column(label, key=f"c{i}", width=width)

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
        """Replace every row, keeping the cursor on the previously highlighted key if it is still there."""
        current = self.current_key
        self.clear()
        self.add_rows_keyed(rows)
        self.set_class(not self.row_count, "-empty")
        if current is not None and current in self.rows:
            self.move_cursor(row=self.get_row_index(current), animate=False)

    def add_rows_keyed(self, rows: Iterable[Row]) -> None:
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
