"""A read-only table that renders only the visible lines: filtering 418 rows costs well under a frame.

``DataTable`` measures every cell of every row after each change (about 100 ms for the commune
list per keystroke); this widget keeps the rows as plain data and builds just the lines on screen.
Cells are shown literally (user text is never markup). Sortable by any column like ``RecordTable``
(``o``/Strg+O the next column, ``O``/Strg+T the other way round, a click on a header): the order of
all rows is worked out once per sort (and per ``set_data``), so filtering a sorted list costs one
``sorted`` by a precomputed rank on each keystroke, and nothing at all when it is not sorted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .. import strings as S
from .sorting import SortKey, SortKeys, SortOrder, clicked_order, marked_label, sorted_keys


BAR = 1  # the scroll bar's width, drawn in the table's own lines (one widget less to paint per keystroke)
BAR_TRACK = "▕"
BAR_THUMB = "█"
WHEEL_LINES = 3


def _fit(text: str, width: int, align: str) -> str:
    """``text`` cut with … or padded to exactly ``width`` cells."""
    text = text.replace("\n", " ")
    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + "…"
    padding = " " * (width - length)
    return padding + text if align == "right" else text + padding


@dataclass(frozen=True)
class Column:
    """A column: its label, its width (the least it gets), alignment, its share of spare width, and
    optionally its sort key (the cell → the value it sorts by; by default read off the cell's text)."""

    label: str
    width: int
    align: str = "left"
    grow: int = 0
    sort: SortKey | None = None


class ListTable(SortKeys, ScrollView, can_focus=True):
    """Rows of (key, cells) with a fixed header line and a row cursor."""

    COMPONENT_CLASSES = {"list-table--header", "list-table--cursor", "list-table--odd", "list-table--bar"}
    DEFAULT_CSS = """
    ListTable { height: 1fr; background: $surface; overflow-y: hidden; overflow-x: auto; }
    ListTable > .list-table--header { text-style: bold; background: $panel; }
    ListTable > .list-table--cursor { background: $block-cursor-blurred-background; }
    ListTable:focus > .list-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    ListTable > .list-table--odd { background: $surface-lighten-1; }
    ListTable > .list-table--bar { color: $panel-lighten-3; background: $panel; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        Binding("enter", "select", show=False),
        Binding("o,ctrl+o", "sort", S.KEY_SORT, tooltip=S.KEY_SORT_LONG, id="list_sort"),
        Binding("O,ctrl+t", "sort_reverse", S.KEY_SORT_REVERSE, tooltip=S.KEY_SORT_REVERSE_LONG, show=False,
                id="list_sort_reverse"),
    ]

    cursor = reactive(0, always_update=True, repaint=False)  # watch_cursor repaints the rows

    class Selected(Message):
        """Enter or a click on the highlighted row."""

        def __init__(self, table: "ListTable", key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> "ListTable":
            return self.table

    def __init__(self, *columns: Column, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = columns
        self._keys: list[str] = []
        self._cells: dict[str, Sequence[object]] = {}
        self._line_cache: dict[tuple[str, str], Strip] = {}
        self._widths = [c.width for c in columns]
        self._width = sum(self._widths) + 2 * len(columns)
        self._sorted_by: SortOrder | None = None
        self._rank: dict[str, int] | None = None  # key → place in the sorted order of all rows
        self._requested: list[str] = []  # the keys as last given to show_keys, in the caller's order

    # -- data -------------------------------------------------------------------------------------------
    def set_data(self, cells: dict[str, Sequence[object]]) -> None:
        """All rows that may ever be shown, by key (cells: str or rich Text)."""
        self._cells = cells
        self._rank = None
        self._line_cache.clear()

    def _fit_columns(self) -> bool:
        """Give spare width to the growing columns (wide terminals show more of the text); True if changed."""
        least = sum(c.width for c in self.columns) + 2 * len(self.columns)
        spare = max(0, self._view_width - least)
        weights = sum(c.grow for c in self.columns)
        widths = [c.width + (spare * c.grow // weights if weights else 0) for c in self.columns]
        if widths == self._widths:
            return False
        self._widths = widths
        self._width = sum(widths) + 2 * len(widths)
        self._line_cache.clear()
        return True

    def on_resize(self) -> None:
        if self._fit_columns():
            self.show_keys(self._keys)

    def show_keys(self, keys: list[str]) -> None:
        """Show these rows in this order (or in the table's sort order), keeping the cursor on the same
        key when possible."""
        current = self.current_key
        self._requested = keys
        if self._sorted_by is not None:
            rank = self._ranks()
            last = len(rank)
            keys = sorted(keys, key=lambda k: rank.get(k, last))
        self._keys = keys
        size = Size(self._width + BAR, len(keys) + 1)
        old = self.virtual_size
        if size != old:
            # Without a layout pass (the reactive would run one over the whole screen): the
            # scroll bar is drawn in the lines, so the widget's geometry does not change.
            self.set_reactive(ListTable.virtual_size, size)
            if size.width == old.width:
                # a filter changes only the height: the horizontal scrollbar stays as it is
                self.scroll_y = self.validate_scroll_y(self.scroll_y)
            else:
                self._scroll_update(size)
        if current in keys:
            self.cursor = keys.index(current)  # type: ignore[arg-type]
        else:
            self.cursor = 0
        self._refresh_rows()

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def current_key(self) -> str | None:
        if 0 <= self.cursor < len(self._keys):
            return self._keys[self.cursor]
        return None

    # -- sorting -----------------------------------------------------------------------------------------
    @property
    def column_sort(self) -> SortOrder | None:
        """The column the rows are sorted by (None: the caller's order)."""
        return self._sorted_by

    def sort_by(self, order: SortOrder | None) -> None:
        """Sort by ``order`` (None: the caller's order again), the cursor staying on its row; a cursor
        on the first row (where it starts: nothing chosen yet) stays on the first row, so that the
        top of the new order shows."""
        if order == self._sorted_by:
            return
        if order is not None and not 0 <= order.column < len(self.columns):
            raise IndexError(order.column)
        self._sorted_by = order
        self._rank = None
        self._line_cache.clear()  # the header line shows the mark
        at_top = self.cursor == 0
        self.show_keys(self._requested)
        if at_top:
            self.cursor = 0

    def _ranks(self) -> dict[str, int]:
        """Every row's place in the sorted order (worked out once per sort and per ``set_data``)."""
        if self._rank is None:
            order = self._sorted_by
            assert order is not None
            column = order.column
            keys = sorted_keys(self._cells, lambda k: self._cells[k][column], order, self.columns[column].sort)
            self._rank = {k: i for i, k in enumerate(keys)}
        return self._rank

    # what ``SortKeys`` asks of a table
    def _column_count(self) -> int:
        return len(self.columns)

    def _column_label(self, index: int) -> str:
        return self.columns[index].label

    def _column_in_view(self, index: int) -> bool:
        """Whether the whole header of the column at ``index`` shows (not scrolled off)."""
        left = sum(w + 2 for w in self._widths[:index])
        scroll_x = self.scroll_offset.x
        return left >= scroll_x and left + self._widths[index] + 2 <= scroll_x + self._view_width

    @property
    def _view_width(self) -> int:
        """Cells for the columns: the content width less the scroll bar."""
        return max(0, self.scrollable_content_region.width - BAR)

    def _column_at(self, x: int) -> int | None:
        """The column under the screen column ``x`` (of the widget), or None."""
        if x >= self._view_width:
            return None
        x += int(self.scroll_offset.x)
        for i, width in enumerate(self._widths):
            if x < width + 2:
                return i
            x -= width + 2
        return None

    # -- cursor -------------------------------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._keys) - 1)) if self._keys else 0

    def watch_cursor(self, old: int, new: int) -> None:
        # the rows between the header and the horizontal scrollbar (when the columns are wider)
        body = max(1, self.scrollable_content_region.height - 1)
        top = self.scroll_offset.y
        if new < top:
            self._scroll_rows(new)
        elif new >= top + body:
            self._scroll_rows(new - body + 1)
        self._refresh_rows()

    def _scroll_rows(self, y: int) -> None:
        """Scroll the rows so that ``y`` is the first one under the header (forced: the table has
        no vertical scrollbar widget, which Textual's scrolling otherwise asks for)."""
        self.scroll_to(y=y, animate=False, force=True)

    def _refresh_rows(self) -> None:
        """Repaint the lines, not the scrollbars: a whole-widget refresh repaints both scrollbars
        on every keystroke (a fifth of the filter's frame), though they change only with the row
        count, and then ``show_keys`` repaints the one that changed."""
        region = self.scrollable_content_region
        self.refresh(Region(0, 0, region.width, region.height))

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 2)

    def action_jump(self, where: int) -> None:
        self.cursor = 0 if where == 0 else len(self._keys) - 1

    def action_select(self) -> None:
        key = self.current_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    def on_click(self, event: events.Click) -> None:
        if event.x >= self._view_width:  # on the scroll bar: scroll to that place
            body = max(1, self.scrollable_content_region.height - 1)
            if event.y >= 1 and len(self._keys) > body:
                share = (event.y - 1) / max(1, body - 1)
                self._scroll_rows(round(share * (len(self._keys) - body)))
            return
        if event.y == 0:
            column = self._column_at(event.x)
            if column is not None:
                self.sort_and_say(clicked_order(self._sorted_by, column))
            return
        row = event.y - 1 + self.scroll_offset.y
        if 0 <= row < len(self._keys):
            already = row == self.cursor
            self.cursor = row
            if already or event.chain > 1:
                self.action_select()

    # -- rendering -----------------------------------------------------------------------------------------
    def _line(self, cells: Sequence[object], kind: str) -> list[Segment]:
        """Segments of one line, built directly (a rich Text render per line costs ~10x more)."""
        style = self.get_component_rich_style(f"list-table--{kind}") if kind else self._paint[2]
        segments = []
        for column, width, value in zip(self.columns, self._widths, cells):
            if isinstance(value, Text):
                plain = value.plain
                own = Style.parse(value.style) if isinstance(value.style, str) else value.style
                cell_style = style + own if own else style
            else:
                plain, cell_style = str(value), style
            segments.append(Segment(" ", style))
            segments.append(Segment(_fit(plain, width, column.align), cell_style))
            segments.append(Segment(" ", style))
        # one segment per run of one style: every frame filters and crops each segment again
        return list(Segment.simplify(segments))

    def _thumb(self) -> range:
        """The body lines (1 = the first row under the header) that the scroll bar's thumb covers;
        empty when every row fits."""
        body = max(1, self.scrollable_content_region.height - 1)
        rows = len(self._keys)
        if rows <= body:
            return range(0)
        size = max(1, round(body * body / rows))
        start = round(self.scroll_offset.y * (body - size) / (rows - body))
        return range(1 + start, 1 + start + size)

    def render_lines(self, crop):  # type: ignore[no-untyped-def]
        # looked up once per paint, not per line: the style lookups dominate otherwise
        bar = self.get_component_rich_style("list-table--bar")
        self._paint = (self._view_width, self.scroll_offset, self.rich_style, self._thumb(),
                       Segment(BAR_TRACK, bar), Segment(BAR_THUMB, bar),
                       Segment(" " * BAR, self.get_component_rich_style("list-table--header")))
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width, _, _, thumb, track, knob, corner = self._paint
        # no track when every row fits: a bar with nothing to scroll says the list goes on
        end = corner if y == 0 or not thumb else knob if y in thumb else track
        return Strip([*self._row_line(y), end], width + BAR)

    def _row_line(self, y: int) -> Strip:
        """Line ``y`` of the table without the scroll bar, scrolled sideways."""
        width, (scroll_x, scroll_y), base = self._paint[:3]
        if y == 0:
            key, kind = "", "header"
            order = self._sorted_by
            cells: Sequence[object] = [marked_label(c.label, order, i, w)
                                       for i, (c, w) in enumerate(zip(self.columns, self._widths))]
        else:
            row = y - 1 + scroll_y
            if row >= len(self._keys):
                return Strip.blank(width, base)
            key = self._keys[row]
            kind = "cursor" if row == self.cursor else ("odd" if row % 2 else "")
            cells = self._cells[key]
        strip = self._line_cache.get((key, kind))
        if strip is None:
            strip = self._line_cache[(key, kind)] = Strip(self._line(cells, kind), self._width)
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    # -- the scroll bar in the lines: the mouse wheel and a click on it ------------------------------------
    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self._scroll_rows(self.scroll_offset.y + WHEEL_LINES)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._scroll_rows(self.scroll_offset.y - WHEEL_LINES)

    def on_focus(self) -> None:
        self._line_cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._line_cache.clear()
        self.refresh()
