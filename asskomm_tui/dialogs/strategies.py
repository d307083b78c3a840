"""The strategies of one commune: open one, or start a new one for a period."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from storage.views import StrategyRow

from .. import strings as S
from ..widgets.footer import Footer
from ..workers import store_work
from ..formatting import fmt_datetime
from ..widgets.tables import RecordTable, cell


class StrategiesDialog(ModalScreen[None]):
    """Enter opens, N creates, Esc closes."""

    BINDINGS = [
        Binding("escape", "close", S.KEY_CLOSE, id="strategies_close"),
        Binding("n", "new", S.KEY_NEW_STRATEGY, id="strategies_new"),
    ]

    def __init__(self, ags: str, commune_name: str) -> None:
        super().__init__(classes="dialog")
        self.ags = ags
        self.commune_name = commune_name
        self.periods: list[tuple[int, int]] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Static(Content(S.STRATEGIES_TITLE.format(name=self.commune_name)), classes="title")
            yield Static(S.STRATEGIES_HINT, classes="hint")
            # widths that fit 80 columns; the title takes what a wider screen has
            yield RecordTable((S.COL_PERIOD, 11), (S.COL_TITLE, 16), (S.COL_STATUS, 12), (S.COL_MEASURES, 9),
                              (S.COL_UPDATED, 16), id="strategies", grow=1)
        # the dialog's own keys, not those of the screen below
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(RecordTable).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    @store_work(group="load", exclusive=True)
    async def reload(self) -> None:
        app = self.app
        rows: list[StrategyRow] = await app.db(app.repos.strategies, self.ags)  # type: ignore[attr-defined]
        self.periods = [(r.start, r.end) for r in rows]
        table = self.query_one(RecordTable)
        table.set_rows(
            (r.id, (cell(S.CONFLICT_MARK + r.period, "bold yellow") if r.conflict else r.period, r.title,
                    S.label(S.STRATEGY_STATUS, r.status), str(r.measures), fmt_datetime(r.updated_at.astimezone())))
            for r in rows)
        table.border_subtitle = "" if rows else S.STRATEGIES_NONE

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.app.open_strategy(event.row_key.value)  # type: ignore[attr-defined]

    def action_new(self) -> None:
        from .strategy_items import NewStrategyDialog

        self.app.push_screen(NewStrategyDialog(self.app.today, self.periods),  # type: ignore[attr-defined]
                             lambda period: self._create(*period) if period else None)

    @store_work
    async def _create(self, start: int, end: int, title: str) -> None:
        app = self.app
        record = await app.db(app.repos.create_strategy, self.ags, start, end, title)  # type: ignore[attr-defined]
        self.notify(S.STRATEGY_CREATED.format(period=record.data.period), markup=False)
        app.open_strategy(record.id)  # type: ignore[attr-defined]

    def action_close(self) -> None:
        self.dismiss(None)
