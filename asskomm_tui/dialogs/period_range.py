"""The Auswertung's dialogs: a period typed as two dates ("beliebiger Zeitraum"), HQ's yearly budget."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input

from .. import strings as S
from ..formatting import fmt_date
from ..services.bilanz import Period
from .form import FieldError, FormDialog, date_field


class PeriodRangeDialog(FormDialog[Period]):
    """From and to (TT.MM.JJJJ); a wrong date or an end before the start is named under its field."""

    TITLE_TEXT = S.BILANZ_RANGE_TITLE

    def __init__(self, current: Period) -> None:
        super().__init__()
        self.current = current

    def fields(self) -> ComposeResult:
        yield from self.labelled(S.BILANZ_RANGE_FROM, Input(fmt_date(self.current.start), id="from"))
        yield from self.labelled(S.BILANZ_RANGE_TO, Input(fmt_date(self.current.end), id="to"))

    def on_mount(self) -> None:
        self.query_one("#from").focus()

    def result(self) -> Period:
        start = date_field(self.value("from"), "from", required=True)
        end = date_field(self.value("to"), "to", required=True)
        if end < start:
            raise FieldError(S.CLI_BILANZ_BAD_RANGE.format(start=fmt_date(start), end=fmt_date(end)), "to")
        return Period(start, end)


class BudgetDialog(FormDialog[int]):
    """HQ's yearly RL KommPräv budget in euros (``1.300.000`` or ``1300000,00``)."""

    TITLE_TEXT = S.BILANZ_BUDGET_TITLE

    def __init__(self, cents: int) -> None:
        super().__init__()
        self.cents = cents

    def fields(self) -> ComposeResult:
        from ..formatting import fmt_eur

        yield from self.labelled(S.BILANZ_BUDGET_FIELD, Input(fmt_eur(self.cents, symbol=False), id="budget"))

    def on_mount(self) -> None:
        self.query_one("#budget").focus()

    def result(self) -> int:
        from ..formatting import parse_eur

        try:
            return parse_eur(self.value("budget"))
        except ValueError:
            raise FieldError(S.ERR_EUR, "budget") from None
