"""Auswertung (F12): the programme's Bilanz over a period, for HQ over everyone's data and for a
consultant over what their store holds.

The period (calendar years, programme years, "seit Beginn", any range with `d`), the Kreis and the
consultant are chosen above; every figure is compared with the previous period. Tabs: 1 Kennzahlen
(the highlighted figure's definition below the table), 2 Besuche (bars by kind, a sparkline by
month, bars by consultant), 3 Problemfelder (bars, highest severities), 4 Kreise (a tile map of the
13 Kreise shaded by a figure chosen with `f`, and Kreis × problem field), 5 Förderung (the budget
gauge, per year, strategies by status). `e` writes it as a file (the formats of ``asskomm bilanz``).

The figures are computed on the store thread (``services/bilanz.compute``), with progress as a
small replaceable message; the screen never waits for them. User text is data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Select, Static, TabbedContent, TabPane

from .. import strings as S
from ..formatting import fmt_date, fmt_eur, fmt_int, short_kreis
from ..services.bilanz import PROGRAMME_START, Bilanz, Period, Scope
from ..services.bilanz_tables import (FIGURE_LABELS, Table, budget_text, definition, month_label, plain, scope_text,
                                      table_strings, tables)
from ..textual_de import Header
from ..widgets import charts
from ..widgets.choice import FilterChoice
from ..widgets.footer import Footer
from ..widgets.tables import RecordTable
from ..workers import store_work
from .base import DataScreen

ALL = "*"
EXPORT_FORMATS = ((S.FORMAT_HTML, "html"), (S.FORMAT_XLSX, "xlsx"), (S.FORMAT_DOCX, "docx"), (S.FORMAT_MD, "md"),
                  (S.FORMAT_CSV, "csv"), (S.FORMAT_JSON, "json"))
# what the Kreis map can be shaded by: (label, figure of by_kreis or a problem field's findings)
MAP_FIGURES = (("communes_advised", S.BILANZ_MAP_ADVISED), ("visits", S.BILANZ_MAP_VISITS),
               ("findings", S.BILANZ_MAP_FINDINGS))


class Progress(Message):
    """How far the computation is (0–1); a newer one replaces one not yet handled."""

    def __init__(self, share: float) -> None:
        super().__init__()
        self.share = share

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Progress)


@dataclass(frozen=True)
class Request:
    period: Period
    scope: Scope


def period_options(today: date) -> list[tuple[str, str]]:
    """(label, key) of the periods to choose: calendar years newest first, programme years, since start."""
    options = [(S.BILANZ_PERIOD_YEAR.format(year=y), f"y{y}") for y in range(today.year, PROGRAMME_START.year - 1, -1)]
    number = today.year - PROGRAMME_START.year + (1 if (today.month, today.day) >= (PROGRAMME_START.month, PROGRAMME_START.day) else 0)
    for n in range(number, 0, -1):
        p = Period.programme_year(n)
        options.append((S.BILANZ_PERIOD_PROGRAMME.format(n=n, start=p.start.year, end=p.end.year % 100), f"p{n}"))
    options.append((S.BILANZ_PERIOD_SINCE, "s"))
    return options


def short_period(period: Period) -> str:
    """``2025``, ``Programmjahr 1``, or ``01.03.2025 – 31.03.2025``: a period as short as it can be said."""
    if period.calendar_year_number is not None:
        return str(period.calendar_year_number)
    if period.programme_year_number is not None:
        return S.BILANZ_PERIOD_PROGRAMME.format(n=period.programme_year_number, start=period.start.year,
                                               end=period.end.year % 100)
    return f"{fmt_date(period.start)} – {fmt_date(period.end)}"


def tile_label(kreis: str) -> str:
    """A Kreis's name for a map tile: ``Görlitz``, ``Leipzig (St)``."""
    if kreis.startswith("Landkreis "):
        return kreis[len("Landkreis "):]
    if kreis.startswith("Kreisfreie Stadt "):
        return kreis[len("Kreisfreie Stadt "):] + " (St)"
    return kreis


def number(text: str) -> Text:
    """A figure right-aligned in its column."""
    return Text(text, justify="right")


def period_of(key: str, today: date) -> Period:
    if key.startswith("y"):
        return Period.calendar_year(int(key[1:]))
    if key.startswith("p"):
        return Period.programme_year(int(key[1:]))
    if key.startswith("r"):  # a range typed in the dialog: r<from>_<to>
        start, end = key[1:].split("_")
        return Period(date.fromisoformat(start), date.fromisoformat(end))
    return Period.since_start(today)


class BilanzScreen(DataScreen):
    """The Bilanz of the chosen period, Kreis and consultant."""

    BINDINGS = [
        Binding("z", "choose('period')", S.KEY_BILANZ_PERIOD, tooltip=S.KEY_BILANZ_PERIOD_LONG, id="bilanz_period"),
        Binding("d", "range", S.KEY_BILANZ_RANGE, tooltip=S.KEY_BILANZ_RANGE_LONG, id="bilanz_range"),
        Binding("l", "choose('kreis')", S.KEY_BILANZ_KREIS, tooltip=S.KEY_BILANZ_KREIS_LONG, id="bilanz_kreis"),
        Binding("b", "choose('consultant')", S.KEY_BILANZ_CONSULTANT, tooltip=S.KEY_BILANZ_CONSULTANT_LONG,
                id="bilanz_consultant"),
        Binding("f", "map_figure", S.KEY_BILANZ_MAP, tooltip=S.KEY_BILANZ_MAP_LONG, id="bilanz_map"),
        Binding("e", "export", S.KEY_BILANZ_EXPORT, tooltip=S.KEY_BILANZ_EXPORT_LONG, id="bilanz_export"),
        Binding("h", "budget", S.KEY_BILANZ_BUDGET, tooltip=S.KEY_BILANZ_BUDGET_LONG, id="bilanz_budget"),
        *(Binding(str(n), f"tab({n - 1})", S.KEY_TAB.format(n=n), show=False, id=f"bilanz_tab_{n}")
          for n in range(1, 6)),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.bilanz: Bilanz | None = None  # what is shown (tests read it)
        self._request: Request | None = None
        self._map_figure = 0
        self._tables: dict[str, Table] = {}  # the shown Bilanz's tables, by key
        self._options: dict[str, list[tuple[str, str]]] = {}  # the Kreis and consultant choices' entries

    def compose(self) -> ComposeResult:
        today = self.asskomm.today
        yield Header()
        with Vertical(id="bilanz"):
            with Horizontal(id="bilanz-filters"):
                yield FilterChoice(period_options(today), value=f"y{today.year}", allow_blank=False, compact=True,
                                   id="bilanz-period")
                yield FilterChoice([(S.AGENDA_ALL_KREISE, ALL)], value=ALL, allow_blank=False, compact=True,
                                   id="bilanz-kreis")
                yield FilterChoice([(S.BILANZ_ALL_CONSULTANTS, ALL)], value=ALL, allow_blank=False, compact=True,
                                   id="bilanz-consultant")
            yield Static("", id="bilanz-status")
            with TabbedContent(id="bilanz-tabs"):
                with TabPane(S.BILANZ_TAB_FIGURES, id="tab-figures"):
                    yield RecordTable((S.BILANZ_COL_FIGURE, 31), (S.BILANZ_COL_VALUE, 12), (S.BILANZ_COL_BEFORE, 12),
                                      (S.BILANZ_COL_DELTA, 13), id="bilanz-figures", sortable=False)
                    yield Static("", id="bilanz-definition", classes="hint")
                with TabPane(S.BILANZ_TAB_VISITS, id="tab-visits"):
                    with VerticalScroll(id="scroll-visits"):
                        yield Static("", id="bilanz-kinds")
                        yield Static("", id="bilanz-months")
                        yield Static("", id="bilanz-consultants")
                with TabPane(S.BILANZ_TAB_FIELDS, id="tab-fields"):
                    with VerticalScroll(id="scroll-fields"):
                        yield Static("", id="bilanz-fields")
                        yield RecordTable((S.BILANZ_COL_SEVERITY, 7), (S.COL_DATE, 10), (S.COL_COMMUNE, 18),
                                          (S.BILANZ_COL_FIELD, 20), (S.BILANZ_COL_PLACE, 16), id="bilanz-severities")
                with TabPane(S.BILANZ_TAB_KREISE, id="tab-kreise"):
                    with VerticalScroll(id="scroll-kreise"):
                        yield Static("", id="bilanz-map")
                        yield RecordTable(id="bilanz-kreise", sortable=True)
                with TabPane(S.BILANZ_TAB_FUNDING, id="tab-funding"):
                    with VerticalScroll(id="scroll-funding"):
                        yield Static("", id="bilanz-gauge")
                        yield RecordTable((S.BILANZ_COL_YEAR, 6), (S.BILANZ_COL_COST, 15), (S.BILANZ_COL_OWN, 15),
                                          (S.BILANZ_COL_REQUESTED, 15), (S.BILANZ_COL_BUDGET, 15),
                                          id="bilanz-funding", sortable=False)
                        yield Static("", id="bilanz-strategies")
        yield Footer()

    def on_mount(self) -> None:
        self.title = S.BILANZ_SCREEN_TITLE
        self.query_one("#bilanz-figures", RecordTable).focus()

    # -- what to compute -----------------------------------------------------------------------------
    def request(self) -> Request:
        today = self.asskomm.today
        key = self.query_one("#bilanz-period", FilterChoice).value
        period = period_of(key if isinstance(key, str) else f"y{today.year}", today)
        kreis = self.query_one("#bilanz-kreis", FilterChoice).value
        consultant = self.query_one("#bilanz-consultant", FilterChoice).value
        return Request(period, Scope(kreis if isinstance(kreis, str) and kreis != ALL else None,
                                     consultant if isinstance(consultant, str) and consultant != ALL else None))

    def load(self) -> Bilanz:
        """Store thread: the Bilanz of what the filters ask (progress as messages)."""
        from ..services.bilanz import compute

        request = self._request or self.request()
        return compute(self.asskomm.repos.store, request.period, request.scope, made_on=self.asskomm.today,
                       progress=lambda share: self.post_message(Progress(share)))

    def reload(self) -> None:  # type: ignore[override]
        self._request = self.request()
        self._status(S.BILANZ_COMPUTING.format(share="0"))
        super().reload()

    def on_progress(self, message: Progress) -> None:
        if self.bilanz is None or self._request != Request(self.bilanz.period, self.bilanz.scope):
            self._status(S.BILANZ_COMPUTING.format(share=f"{message.share * 100:.0f}"))

    @on(Select.Changed)
    def _filter_changed(self, event: Select.Changed) -> None:
        event.stop()
        if self.bilanz is not None and self.request() != self._request:
            self.reload()

    def on_filter_choice_closed(self, event: FilterChoice.Closed) -> None:
        event.stop()
        # queued after Select puts the focus back on itself: the screen's letter keys work again
        self.query_one("#bilanz-figures", RecordTable).focus()

    def _status(self, text: str) -> None:
        self.query_one("#bilanz-status", Static).update(Content(text))

    # -- showing it --------------------------------------------------------------------------------
    def show(self, bilanz: Bilanz) -> None:
        if self._request is not None and Request(bilanz.period, bilanz.scope) != self._request:
            return  # the filters changed meanwhile: their own computation follows
        self.bilanz = bilanz
        self._tables = by_key = {t.key: t for t in tables(bilanz)}
        self._fill_choices(bilanz)
        before = bilanz.previous
        compare = S.BILANZ_COMPARED.format(period=short_period(before.period)) if before else S.BILANZ_NOT_COMPARED
        self._status(f"{short_period(bilanz.period)} · {scope_text(bilanz)} · {compare}")
        self._show_figures(by_key)
        self._show_visits(bilanz, by_key)
        self._show_fields(by_key)
        self._show_kreise(bilanz, by_key)
        self._show_funding(bilanz, by_key)

    def _fill_choices(self, b: Bilanz) -> None:
        names = b.names
        if names is None:
            return
        kreise = [(S.AGENDA_ALL_KREISE, ALL)] + sorted(((short_kreis(n), k) for k, n in names.kreise.items()),
                                                       key=lambda o: o[0])
        people = [(S.BILANZ_ALL_CONSULTANTS, ALL)] + sorted(
            ((names.consultant(i), i) for i in names.consultants), key=lambda o: o[0].casefold())
        for widget_id, options in (("#bilanz-kreis", kreise), ("#bilanz-consultant", people)):
            if options == self._options.get(widget_id):
                continue
            self._options[widget_id] = options
            choice = self.query_one(widget_id, FilterChoice)
            value = choice.value
            with choice.prevent(Select.Changed):
                choice.set_options([(Content(label), key) for label, key in options])  # names: user text
                choice.value = value if any(k == value for _, k in options) else ALL

    def _show_figures(self, by_key) -> None:  # type: ignore[no-untyped-def]
        """The figures table of every format (value, previous period, Δ), keyed by figure for its definition."""
        rows = table_strings(by_key["kennzahlen"])  # in the order of FIGURE_LABELS
        self.query_one("#bilanz-figures", RecordTable).set_rows(
            (key, (label, number(value), number(before), number(delta)))
            for key, (label, value, before, delta, _definition) in zip(FIGURE_LABELS, rows))
        self._show_definition()

    @on(RecordTable.RowHighlighted, "#bilanz-figures")
    def _highlighted(self, event: RecordTable.RowHighlighted) -> None:
        self._show_definition()

    def _show_definition(self) -> None:
        key = self.query_one("#bilanz-figures", RecordTable).current_key
        text = definition(key) if key else ""
        self.query_one("#bilanz-definition", Static).update(Content(text))

    def _show_visits(self, b: Bilanz, by_key) -> None:  # type: ignore[no-untyped-def]
        width = max(40, self.size.width - 4)
        kinds = by_key["besuche_nach_art"]
        self.query_one("#bilanz-kinds", Static).update(self._titled(kinds.title, charts.bars(
            [plain(r[0]) for r in kinds.rows], [float(r[1]) for r in kinds.rows], [plain(r[1]) for r in kinds.rows],
            width)))
        months = b.figures["visits_by_month"]
        values = list(months.values())
        if values:
            first, last = list(months)[0], list(months)[-1]
            line = Text(no_wrap=True)
            line.append(S.BILANZ_T_MONTHS + "\n", style="bold")
            for start in range(0, len(values), width - 20):
                chunk = values[start:start + width - 20]
                line.append(charts.sparkline(chunk) + "\n")
            line.append(S.BILANZ_MONTHS_RANGE.format(first=month_label(first), last=month_label(last),
                                                     low=fmt_int(min(values)),
                                                     high=fmt_int(max(values)), total=fmt_int(sum(values))))
            self.query_one("#bilanz-months", Static).update(line)
        people = by_key["besuche_nach_beratung"]
        self.query_one("#bilanz-consultants", Static).update(self._titled(people.title, charts.bars(
            [plain(r[0]) for r in people.rows], [float(r[1]) for r in people.rows], [plain(r[1]) for r in people.rows],
            width)))

    def _show_fields(self, by_key) -> None:  # type: ignore[no-untyped-def]
        width = max(40, self.size.width - 4)
        fields = by_key["problemfelder"]
        labels = [plain(r[0]) for r in fields.rows]
        texts = [S.BILANZ_FIELD_TEXT.format(findings=plain(r[2]), communes=plain(r[1])) for r in fields.rows]
        self.query_one("#bilanz-fields", Static).update(self._titled(fields.title, charts.bars(
            labels, [float(r[2]) for r in fields.rows], texts, width)))
        self.query_one("#bilanz-severities", RecordTable).set_rows(
            (f"s{i}", tuple(plain(c) for c in row)) for i, row in enumerate(by_key["schweregrade"].rows))

    def _show_kreise(self, b: Bilanz, by_key) -> None:  # type: ignore[no-untyped-def]
        from ..services.bilanz_export import KREIS_TILES

        figure, label = MAP_FIGURES[self._map_figure]
        tiles = []
        for key, k in b.figures["by_kreis"].items():
            if key not in KREIS_TILES:
                continue
            value = sum(k["problem_fields"].values()) if figure == "findings" else k[figure]
            tiles.append((*KREIS_TILES[key], tile_label(k["name"]) or key, float(value), fmt_int(value)))
        map_text = Text(S.BILANZ_MAP_HEADING.format(figure=label, key=self.key_of("bilanz_map")) + "\n", style="bold")
        map_text.append_text(charts.tile_map(tiles, max(12, min(16, (self.size.width - 2) // 5))))
        self.query_one("#bilanz-map", Static).update(map_text)
        table = by_key["kreise"]
        kreise = self.query_one("#bilanz-kreise", RecordTable)
        top = {i: max((int(r[i]) for r in table.rows), default=0) for i in range(3, len(table.header))}
        kreise.set_columns(*((h, 16 if i == 0 else max(8, min(14, len(h) + 2))) for i, h in enumerate(table.header)))
        kreise.set_rows((f"k{n}", tuple(
            plain(c) if i < 3 else f"{charts.shade(int(c), top[i])} {plain(c)}"  # type: ignore[arg-type]
            for i, c in enumerate(row))) for n, row in enumerate(table.rows))

    def _show_funding(self, b: Bilanz, by_key) -> None:  # type: ignore[no-untyped-def]
        f = b.figures["funding"]
        gauge = Text(S.BILANZ_GAUGE_TITLE + "\n", style="bold")
        gauge.append(charts.gauge(f["requested_cents"], f["budget_cents"], max(20, min(60, self.size.width - 8))))
        gauge.append("\n" + budget_text(f))
        self.query_one("#bilanz-gauge", Static).update(gauge)
        self.query_one("#bilanz-funding", RecordTable).set_rows(
            (f"y{row[0]}", (str(row[0]), *(number(plain(c)) for c in row[1:]))) for row in by_key["foerderung"].rows)
        strategies = by_key["strategien"]
        lines = Text(strategies.title + "\n", style="bold")
        lines.append("\n".join(f"{plain(r[0])}: {plain(r[1])}" for r in strategies.rows) or S.BILANZ_NONE)
        self.query_one("#bilanz-strategies", Static).update(lines)

    @staticmethod
    def _titled(title: str, body: Text) -> Text:
        out = Text(title + "\n", style="bold")
        out.append_text(body if body.plain else Text(S.BILANZ_NONE))
        return out

    # -- keys ----------------------------------------------------------------------------------------
    def action_choose(self, which: str) -> None:
        choice = self.query_one(f"#bilanz-{which}", FilterChoice)
        choice.focus()
        choice.expanded = True

    def action_tab(self, index: int) -> None:
        tabs = self.query_one(TabbedContent)
        panes = ["tab-figures", "tab-visits", "tab-fields", "tab-kreise", "tab-funding"]
        tabs.active = panes[index]

    def action_map_figure(self) -> None:
        self._map_figure = (self._map_figure + 1) % len(MAP_FIGURES)
        if self.bilanz is not None:
            self._show_kreise(self.bilanz, self._tables)
        self.action_tab(3)

    def action_range(self) -> None:
        from ..dialogs.period_range import PeriodRangeDialog

        current = self.bilanz.period if self.bilanz else Period.calendar_year(self.asskomm.today.year)
        self.app.push_screen(PeriodRangeDialog(current), self._range_chosen)

    def _range_chosen(self, period: Period | None) -> None:
        if period is None:
            return
        key = f"r{period.start.isoformat()}_{period.end.isoformat()}"
        label = S.BILANZ_PERIOD_RANGE.format(start=fmt_date(period.start), end=fmt_date(period.end))
        choice = self.query_one("#bilanz-period", FilterChoice)
        options = [o for o in period_options(self.asskomm.today)]
        with choice.prevent(Select.Changed):
            choice.set_options([(label, key), *options])
            choice.value = key
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "budget":  # HQ sets the budget; a consultant's device receives it
            return self.asskomm.ready and self.asskomm.repos.store.local.role == "hq"
        return super().check_action(action, parameters)

    def action_budget(self) -> None:
        from ..dialogs.period_range import BudgetDialog

        if self.bilanz is None:
            return
        self.app.push_screen(BudgetDialog(self.bilanz.annual_budget_cents), self._budget_chosen)

    def _budget_chosen(self, cents: int | None) -> None:
        if cents is not None:
            self._save_budget(cents)

    @store_work
    async def _save_budget(self, cents: int) -> None:
        await self.asskomm.db(self.asskomm.repos.set_annual_budget, cents)
        self.notify(S.BILANZ_BUDGET_SAVED.format(amount=fmt_eur(cents)), markup=False)
        self.reload()

    def action_export(self) -> None:
        bilanz = self.bilanz
        if bilanz is None:
            return
        from ..services.bilanz_export import write

        self.export_document(S.BILANZ_EXPORT_TITLE, lambda fmt, folder: write(bilanz, fmt, folder), EXPORT_FORMATS)
