"""Folgeaufgaben: every open follow-up of the current visits, grouped by when it is due.

Groups (relative to the app's today): Überfällig (due before today), Diese Woche (today up to this
week's Sunday), Später, Ohne Termin; soonest first within each. The list filters by owner, commune
and Kreis (dropdowns that jump to what is typed) and by "nur meine": follow-ups of visits this
device's consultant took part in, or whose owner names that consultant (name or initials). ``x``
ticks one off (Strg+Z takes it back), Enter shows its visit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Checkbox, Select, Static
from textual.widgets.data_table import ColumnKey

from storage.collation import fold, sort_key
from storage.views import Agenda, FollowUpRow

from .. import strings as S
from ..formatting import fmt_date, fmt_int, short_kreis
from ..textual_de import Header
from ..widgets.footer import Footer
from ..widgets.tables import RecordTable, cell, due_cell
from ..widgets.ticks import Tick
from .base import DataScreen
from ..widgets.choice import FilterChoice

ALL = "*"  # no filter; every other filter value has a prefix, so no user text can be mistaken for it
GROUPS = ("overdue", "week", "later", "undated")
GROUP_KEY = "group:"  # row keys of the group headings (follow-up rows are "<visit>/<follow-up>")
# owners are free text: "LPR, Ordnungsamt" or "SS + Bauamt" name two; "/" stays ("Bürgermeister/in")
_OWNER_PARTS = re.compile(r"\s*(?:[,;&+]|\bund\b)\s*")


def group_of(row: FollowUpRow, today: date) -> str:
    """Which group a follow-up belongs to: overdue, this week (up to Sunday), later, undated."""
    if row.due is None:
        return "undated"
    if row.due < today:
        return "overdue"
    if row.due <= today + timedelta(days=6 - today.weekday()):
        return "week"
    return "later"


def owner_names_me(owner: str, me: tuple[str, ...]) -> bool:
    """True if the owner text names this consultant: one of its parts is the name or the initials,
    or it contains the full name ("Frau Susanne Scholz"); case and accents do not matter."""
    if not owner or not me:
        return False
    mine = {fold(m).strip() for m in me if m.strip()}
    text = fold(owner)
    parts = {p.strip() for p in _OWNER_PARTS.split(text)}
    return bool(mine & parts) or any(len(m) > 3 and re.search(rf"\b{re.escape(m)}\b", text) for m in mine)


def is_mine(row: FollowUpRow, agenda: Agenda) -> bool:
    """"Nur meine": from a visit this device's consultant took part in, or owned by that consultant."""
    return row.visit_id in agenda.my_visits or owner_names_me(row.owner, agenda.me)


@dataclass(frozen=True)
class Filters:
    """The filter values: ``ALL`` or a prefixed value (``o:<owner>``, ``c:<AGS>``, ``k:<Kreis>``)."""

    owner: str = ALL
    commune: str = ALL
    kreis: str = ALL
    mine: bool = False

    @property
    def active(self) -> bool:
        return self != Filters()


def filter_rows(agenda: Agenda, filters: Filters) -> list[FollowUpRow]:
    """The follow-ups the filters let through (all of them combine), in the agenda's order."""
    return [f for f in agenda.rows
            if (filters.owner == ALL or filters.owner == f"o:{f.owner}")
            and (filters.commune == ALL or filters.commune == f"c:{f.commune}")
            and (filters.kreis == ALL or filters.kreis == f"k:{f.kreis}")
            and (not filters.mine or is_mine(f, agenda))]


def filter_options(agenda: Agenda, keep: Filters,
                   known: dict[str, str] | None = None) -> dict[str, list[tuple[str, str]]]:
    """The dropdowns' entries: the owners, communes and Kreise that occur among the open follow-ups.

    The chosen value of each stays an entry even when its last follow-up is gone (ticked off): the
    filter then shows an empty list, and Strg+Z brings the follow-up back into it. ``known``: the
    entries' labels so far (by value), for such a kept one.
    """
    owners: dict[str, str] = {}
    communes: dict[str, str] = {}
    kreise: dict[str, str] = {}
    for f in agenda.rows:
        owners.setdefault(f"o:{f.owner}", f.owner or S.AGENDA_NO_OWNER)
        communes.setdefault(f"c:{f.commune}", f"{f.commune_name} ({short_kreis(f.kreis)})" if f.kreis
                            else f.commune_name)
        if f.kreis:
            kreise.setdefault(f"k:{f.kreis}", short_kreis(f.kreis))
    for chosen, seen in ((keep.owner, owners), (keep.commune, communes), (keep.kreis, kreise)):
        if chosen != ALL and chosen not in seen:
            seen[chosen] = (known or {}).get(chosen) or chosen.split(":", 1)[1] or S.AGENDA_NO_OWNER

    def ordered(first: str, entries: dict[str, str]) -> list[tuple[str, str]]:
        return [(first, ALL), *sorted(((label, key) for key, label in entries.items()),
                                      key=lambda e: (sort_key(e[0]), e[1]))]

    return {"#agenda-owner": ordered(S.AGENDA_ALL_OWNERS, owners),
            "#agenda-commune": ordered(S.AGENDA_ALL_COMMUNES, communes),
            "#agenda-kreis": ordered(S.AGENDA_ALL_KREISE, kreise)}


class AgendaTable(RecordTable):
    """The follow-up list: a wider terminal widens the commune and the owner too, not only the task
    (at 120 columns "Schirgiswalde-Kirschau (LK Bautzen)" shows whole)."""

    # (column, share of the spare width, most it grows by); the task takes the rest
    SHARES = ((1, 3, 22), (3, 6, 10))

    def _fit_columns(self) -> None:
        pad = 2 * self.cell_padding
        widths = [width or 0 for _, width in self._columns]
        spare = self.scrollable_content_region.width - sum(w + pad for w in widths)
        if spare > 0:
            left = spare
            for index, share, most in self.SHARES:
                extra = min(spare // share, most)
                widths[index] += extra
                left -= extra
            widths[2] += left
        changed = False
        for index, width in enumerate(widths):
            column = self.columns.get(ColumnKey(f"c{index}"))  # type: ignore[call-overload]
            if column is not None and column.width != width:
                column.width = width
                changed = True
        if changed:  # as RecordTable._fit_columns (Textual 8.2.8 has no public call for it)
            self._require_update_dimensions = True
            self._clear_caches()
            self.refresh()


class AgendaScreen(DataScreen):
    """All open follow-ups, grouped, filtered, ticked off with ``x``."""

    BINDINGS = [
        Binding("enter", "open", S.KEY_OPEN, id="agenda_open"),
        Binding("x", "toggle_done", S.KEY_AGENDA_DONE, tooltip=S.KEY_AGENDA_DONE_LONG, id="agenda_toggle_done"),
        Binding("v", "filter('owner')", S.KEY_AGENDA_OWNER, tooltip=S.KEY_AGENDA_OWNER_LONG, id="agenda_owner"),
        Binding("k", "filter('commune')", S.KEY_AGENDA_COMMUNE, tooltip=S.KEY_AGENDA_COMMUNE_LONG,
                id="agenda_commune"),
        Binding("l", "filter('kreis')", S.KEY_AGENDA_KREIS, tooltip=S.KEY_AGENDA_KREIS_LONG, id="agenda_kreis"),
        Binding("m", "toggle_mine", S.KEY_AGENDA_MINE, tooltip=S.KEY_AGENDA_MINE_LONG, id="agenda_mine"),
        Binding("escape", "clear", S.FOOT_CLEAR, tooltip=S.KEY_CLEAR, id="agenda_clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._agenda = Agenda((), frozenset(), ())
        self._shown: dict[str, FollowUpRow] = {}
        self._options: dict[str, list[tuple[str, str]]] = {}
        self._last_row = 0  # the cursor's last follow-up row (a heading is stepped over from there)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="agenda"):
            with Horizontal(id="agenda-filters"):
                yield FilterChoice([(S.AGENDA_ALL_OWNERS, ALL)], value=ALL, allow_blank=False, compact=True,
                                   id="agenda-owner")
                yield FilterChoice([(S.AGENDA_ALL_COMMUNES, ALL)], value=ALL, allow_blank=False, compact=True,
                                   id="agenda-commune")
                yield FilterChoice([(S.AGENDA_ALL_KREISE, ALL)], value=ALL, allow_blank=False, compact=True,
                                   id="agenda-kreis")
                yield Tick(S.AGENDA_MINE, id="agenda-mine")
            yield Static("", id="agenda-status")
            yield Static("", id="agenda-hint", classes="hint")
            # widths that fit 80 columns with the scrollbar; the task takes what a wider screen has
            yield AgendaTable((S.COL_DUE, 12), (S.COL_COMMUNE, 16), (S.COL_TASK, 19), (S.COL_OWNER, 10),
                              (S.COL_VISIT_DATE, 10), id="agenda-list", sortable=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = S.AGENDA_TITLE
        self.query_one("#agenda-hint", Static).update(S.AGENDA_HINT)
        self.query_one(RecordTable).focus()

    # -- data -----------------------------------------------------------------------------------------
    def load(self) -> Agenda:
        return self.asskomm.repos.open_follow_ups(self.asskomm.repos.store.local.consultant_id)

    def show(self, agenda: Agenda) -> None:
        self._agenda = agenda
        self._fill_filters()
        self._show_rows()

    def filters(self) -> Filters:
        """The filters as the dropdowns and the tick box have them."""
        def value(widget_id: str) -> str:
            chosen = self.query_one(widget_id, FilterChoice).value
            return chosen if isinstance(chosen, str) else ALL

        return Filters(value("#agenda-owner"), value("#agenda-commune"), value("#agenda-kreis"),
                       self.query_one("#agenda-mine", Tick).value)

    def _fill_filters(self) -> None:
        known = {key: label for options in self._options.values() for label, key in options}
        for widget_id, options in filter_options(self._agenda, self.filters(), known).items():
            if options == self._options.get(widget_id):
                continue
            self._options[widget_id] = options
            choice = self.query_one(widget_id, FilterChoice)
            value = choice.value
            with choice.prevent(Select.Changed):  # the list is shown once, after all three
                # owners, names: user text, never markup
                choice.set_options([(Content(label), key) for label, key in options])
                choice.value = value if any(key == value for _, key in options) else ALL

    def _show_rows(self) -> None:
        """The list as the filters have it: group headings with counts, the follow-ups, the status line."""
        today = self.asskomm.today
        filters = self.filters()
        shown = filter_rows(self._agenda, filters)
        groups: dict[str, list[FollowUpRow]] = {g: [] for g in GROUPS}
        for f in shown:
            groups[group_of(f, today)].append(f)
        self._shown = {f"{f.visit_id}/{f.follow_up_id}": f for f in shown}
        table = self.query_one(RecordTable)
        before, index = table.current_key, table.cursor_row
        table.set_rows(self._table_rows(groups, today))
        if table.row_count and before not in self._shown:  # ticked off: the cursor stays where it was
            table.move_cursor(row=min(max(index, 0), table.row_count - 1), animate=False)
        self._step_off_heading(table, table.cursor_row)
        clear = self.key_of("agenda_clear")
        table.border_subtitle = ("" if shown else S.AGENDA_NO_MATCH.format(clear=clear) if self._agenda.rows
                                 else S.AGENDA_NONE)
        self.query_one("#agenda-status", Static).update(Content(self._status(filters, groups, len(shown))))

    def _table_rows(self, groups: dict[str, list[FollowUpRow]],
                    today: date) -> Iterable[tuple[str, tuple[object, ...]]]:
        for group in GROUPS:
            rows = groups[group]
            if not rows:
                continue
            yield (GROUP_KEY + group, (cell(S.AGENDA_GROUPS[group], "bold underline"),
                                       cell(S.AGENDA_GROUP_COUNT(len(rows)), "bold"), "", "", ""))
            for f in rows:
                where = f"{f.commune_name} ({short_kreis(f.kreis)})" if f.kreis else f.commune_name
                yield (f"{f.visit_id}/{f.follow_up_id}",
                       (due_cell(f, today, S.AGENDA_OVERDUE_MARK), where, f.text, f.owner, fmt_date(f.visit_date)))

    def _status(self, filters: Filters, groups: dict[str, list[FollowUpRow]], shown: int) -> str:
        """How many are shown of how many, what is filtered, and the count of each group."""
        total = len(self._agenda.rows)
        head = S.AGENDA_SHOWN(total, shown=fmt_int(shown)) if filters.active else S.AGENDA_TOTAL(total)
        counts = " · ".join(S.AGENDA_COUNTS[g].format(n=len(groups[g])) for g in GROUPS if groups[g])
        parts = []
        labels = {key: label for options in self._options.values() for label, key in options}
        if filters.owner != ALL:
            parts.append(S.AGENDA_FILTER_OWNER.format(owner=filters.owner[2:] or S.AGENDA_NO_OWNER))
        if filters.commune != ALL:
            parts.append(S.AGENDA_FILTER_COMMUNE.format(name=labels.get(filters.commune, filters.commune[2:])))
        if filters.kreis != ALL:
            parts.append(S.AGENDA_FILTER_KREIS.format(kreis=labels.get(filters.kreis, filters.kreis[2:])))
        if filters.mine:
            parts.append(S.AGENDA_FILTER_MINE)
        line = head + (f" ({S.AGENDA_FILTERED_BY.format(filters=', '.join(parts))})" if parts else "")
        return f"{line}: {counts}" if counts else line

    # -- the cursor never rests on a heading ----------------------------------------------------------
    def _step_off_heading(self, table: RecordTable, row: int) -> None:
        """On a group heading, move to the follow-up next to it (in the direction the cursor went)."""
        key = table.current_key
        if key is None or not key.startswith(GROUP_KEY):
            self._last_row = row
            return
        step = -1 if row < self._last_row and row > 0 else 1
        target = row + step
        if 0 <= target < table.row_count:
            self._last_row = target
            table.move_cursor(row=target, animate=False)

    def on_data_table_row_highlighted(self, event: RecordTable.RowHighlighted) -> None:
        event.stop()
        self._step_off_heading(event.data_table, event.cursor_row)  # type: ignore[arg-type]

    # -- actions --------------------------------------------------------------------------------------
    def _current(self) -> FollowUpRow | None:
        key = self.query_one(RecordTable).current_key
        return self._shown.get(key) if key else None

    def action_open(self) -> None:
        """Enter: the follow-up's visit, read-only, with the cursor on it."""
        row = self._current()
        if row is not None:
            self.asskomm.open_visit(row.visit_id, part=row.follow_up_id)

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_toggle_done(self) -> None:
        """x: tick the highlighted follow-up off (it leaves the list; Strg+Z brings it back)."""
        row = self._current()
        if row is not None:
            self.toggle_follow_up(row)

    def action_filter(self, which: str) -> None:
        """v, k or l: open the owner, commune or Kreis dropdown (typing a name jumps to it)."""
        choice = self.query_one(f"#agenda-{which}", FilterChoice)
        choice.focus()
        choice.action_show_overlay()

    def action_toggle_mine(self) -> None:
        tick = self.query_one("#agenda-mine", Tick)
        tick.value = not tick.value

    def action_clear(self) -> None:
        """Esc: every filter off (the list keeps the focus)."""
        for widget_id in ("#agenda-owner", "#agenda-commune", "#agenda-kreis"):
            choice = self.query_one(widget_id, FilterChoice)
            with choice.prevent(Select.Changed):
                choice.value = ALL
        tick = self.query_one("#agenda-mine", Tick)
        with tick.prevent(Checkbox.Changed):
            tick.value = False
        self._show_rows()
        self.query_one(RecordTable).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._show_rows()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._show_rows()

    def on_filter_choice_closed(self, event: FilterChoice.Closed) -> None:
        event.stop()
        # queued after Select puts the focus back on itself: the list is what the filter was for
        self.query_one(RecordTable).focus()
