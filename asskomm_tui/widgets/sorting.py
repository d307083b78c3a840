"""Sorting a table by one of its columns, by value: what both table widgets share.

A table shows text, but a column is sorted by what the text means: ``09.03.2026`` before
``14.11.2025`` would be wrong, and so would ``9.000`` after ``12.345``. Unless a screen gives a
column its own key, the key is read off the cell: a German date (``d.m.yyyy``, with a time or words
after it: ``19.09.2026 überfällig``), a German number (``12.345``, ``1,5``, ``12.500,00 €``, a file
size ``897,0 KB`` < ``1,2 MB``), or else text in German order (DIN 5007-1,
``storage.collation.sort_key``). Marks in front of a value (``⚠ Pirna``) are skipped. Empty cells
(and cells without a letter or digit, like ``–``) come last in both directions; equal values keep
the order the screen gave.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterable, Mapping, Sequence, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from storage.collation import sort_key

from .. import strings as S

K = TypeVar("K")
SortKey = Callable[[object], Any]  # a cell as the screen gave it → a comparable value, None for empty

ASCENDING_MARK = "▲"
DESCENDING_MARK = "▼"

# leading marks that are not part of the value ("⚠ ", "• "), but not the minus of a number
_LEAD = re.compile(r"^(?:(?![-−]\d)\W)*")
_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?!\d)")
_NUMBER = re.compile(r"([-−]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\d.])")
_NUMBER_RANK, _DATE_RANK, _TEXT_RANK = 0, 1, 2
# file sizes as ``fmt_size`` writes them (binary units): "897,0 KB" is less than "1,2 MB"
_SIZE_UNITS = {"byte": 1, "kb": 1024, "mb": 1024 ** 2, "gb": 1024 ** 3}


def plain_text(value: object) -> str:
    """The text a cell shows (``rich.text.Text`` or anything ``str`` can show)."""
    return value.plain if isinstance(value, Text) else str(value)


def cell_sort_key(value: object) -> tuple[Any, ...] | None:
    """The inferred key of one cell (see the module docstring); None for an empty cell.

    Keys of different kinds compare by kind first (numbers, then dates, then text), so a column
    that mixes them still sorts without an error."""
    text = _LEAD.sub("", plain_text(value).strip())
    if not text or not any(c.isalnum() for c in text):
        return None
    if m := _DATE.match(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        when = (year, month, day, int(m[4] or 0), int(m[5] or 0), int(m[6] or 0))
        return (_DATE_RANK, when, sort_key(text[m.end():].strip()))
    if m := _NUMBER.match(text):
        number = Decimal(m[2].replace(".", "") + "." + (m[3] or "0"))
        rest = text[m.end():].strip()
        number *= _SIZE_UNITS.get(rest.casefold(), 1)
        return (_NUMBER_RANK, -number if m[1] else number, sort_key(rest))
    return (_TEXT_RANK, sort_key(text), ())


@dataclass(frozen=True)
class SortOrder:
    """Sorted by the column at ``column`` (0 = first), descending or ascending."""

    column: int
    descending: bool = False

    @property
    def mark(self) -> str:
        return DESCENDING_MARK if self.descending else ASCENDING_MARK


def next_order(current: SortOrder | None, columns: int) -> SortOrder | None:
    """The next column, ascending; after the last column the screen's own order again (None)."""
    if columns <= 0:
        return None
    if current is None:
        return SortOrder(0)
    return SortOrder(current.column + 1) if current.column + 1 < columns else None


def reversed_order(current: SortOrder | None, columns: int) -> SortOrder | None:
    """The same column the other way round (unsorted: the first column, descending)."""
    if columns <= 0:
        return None
    if current is None:
        return SortOrder(0, True)
    return SortOrder(current.column, not current.descending)


def clicked_order(current: SortOrder | None, column: int) -> SortOrder:
    """A click on a column's header: sort by it, or turn it round if it is sorted by it already."""
    if current is not None and current.column == column:
        return SortOrder(column, not current.descending)
    return SortOrder(column)


def sorted_keys(keys: Iterable[K], value_of: Callable[[K], object], order: SortOrder,
                key: SortKey | None = None) -> list[K]:
    """``keys`` ordered by the value ``value_of(k)``: by ``key`` (or the inferred key), empty values
    last in both directions, equal values in the given order (Python's sort is stable, reversed too)."""
    key = key or cell_sort_key
    filled: list[tuple[Any, K]] = []
    empty: list[K] = []
    for k in keys:
        value = key(value_of(k))
        if value is None or value == "":
            empty.append(k)
        else:
            filled.append((value, k))
    filled.sort(key=lambda pair: pair[0], reverse=order.descending)
    return [k for _, k in filled] + empty


def marked_label(label: str, order: SortOrder | None, column: int, width: int | None = None) -> str:
    """The header label of ``column`` with ▲/▼ when the table is sorted by it. With a ``width`` the
    label is cut (…) so that the mark always shows."""
    if order is None or order.column != column:
        return label
    if width is not None and cell_len(label) + 2 > width:
        # cut without "…": the mark right after it already shows that the header goes on
        label = set_cell_size(label, max(0, width - 2)).rstrip()
        return f"{label} {order.mark}" if label else order.mark
    return f"{label} {order.mark}"


def column_keys(count: int, given: Mapping[int, SortKey] | Sequence[SortKey | None] | None) -> list[SortKey]:
    """One key per column: the screen's own where it gave one, else the inferred key."""
    if given is None:
        return [cell_sort_key] * count
    if isinstance(given, Mapping):
        return [given.get(i) or cell_sort_key for i in range(count)]
    return [(given[i] if i < len(given) else None) or cell_sort_key for i in range(count)]


class SortKeys:
    """The sort keys of a table (``o``, ``O``, a click on a header) for both table widgets. A widget
    gives ``column_sort``, ``sort_by(order)``, ``_column_count()``, ``_column_label(i)`` and
    ``_column_in_view(i)``; its bindings (with their own ids) name the two actions."""

    def action_sort(self) -> None:
        """The next column, ascending; after the last one the screen's own order."""
        self.sort_and_say(next_order(self.column_sort, self._column_count()))  # type: ignore[attr-defined]

    def action_sort_reverse(self) -> None:
        """The same column the other way round."""
        self.sort_and_say(reversed_order(self.column_sort, self._column_count()))  # type: ignore[attr-defined]

    def sort_and_say(self, order: SortOrder | None) -> None:
        """Sort by ``order``, and say what the table is sorted by when the header with its mark is
        out of sight (at 80 columns the commune list's population)."""
        self.sort_by(order)  # type: ignore[attr-defined]
        order = self.column_sort  # type: ignore[attr-defined]
        if order is None or self._column_in_view(order.column):  # type: ignore[attr-defined]
            return
        self.notify(S.SORTED_BY.format(column=self._column_label(order.column),  # type: ignore[attr-defined]
                                       direction=S.SORT_DESCENDING if order.descending else S.SORT_ASCENDING),
                    markup=False, timeout=2)
