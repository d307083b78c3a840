"""Dialogs of the strategy screen: a new strategy, goals, measures, evaluation items, document export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select, Static, TextArea

from storage.records import (
    MAX_TEXT,
    EvaluationItem,
    FundingSource,
    Goal,
    Measure,
    MeasureState,
    period_label,
)
from storage.repositories import new_id

from .. import strings as S
from ..widgets.ticks import TickList
from ..formatting import fmt_date, fmt_eur, parse_eur
from ..widgets.choice import Choice
from .form import FieldError, FormDialog, date_field, line_field, text_of


def _year(text: str, field: str) -> int:
    try:
        year = int(text.strip())
    except ValueError:
        raise FieldError(S.ERR_YEAR, field) from None
    if not 2000 <= year <= 2100:
        raise FieldError(S.ERR_YEAR, field)
    return year


class NewStrategyDialog(FormDialog[tuple[int, int, str]]):
    """Period and title of a new strategy; a period that meets an existing one is refused here, with
    the input kept (one strategy per commune and period, and periods do not overlap)."""

    TITLE_TEXT = S.NEW_STRATEGY_TITLE

    def __init__(self, today: date, existing: list[tuple[int, int]] = ()) -> None:  # type: ignore[assignment]
        super().__init__()
        self.today = today
        self.existing = sorted(existing)

    def fields(self) -> ComposeResult:
        yield Static(S.NEW_STRATEGY_HINT, classes="hint")
        start, end = self._free_period()
        yield from self.labelled(S.NEW_STRATEGY_START, Input(str(start), id="start"))
        yield from self.labelled(S.NEW_STRATEGY_END, Input(str(end), id="end"))
        yield from self.labelled(S.NEW_STRATEGY_NAME, Input(id="title"))

    def _free_period(self) -> tuple[int, int]:
        """The suggested period: next year and two more, or the three years after the last strategy."""
        start = self.today.year + 1
        for _, other_end in self.existing:
            start = max(start, other_end + 1)
        return start, start + 2

    def on_mount(self) -> None:
        self.query_one("#start").focus()

    def result(self) -> tuple[int, int, str]:
        start, end = _year(self.value("start"), "start"), _year(self.value("end"), "end")
        if end < start:
            raise FieldError(S.ERR_PERIOD, "end")
        for other_start, other_end in self.existing:
            if start <= other_end and end >= other_start:
                other = period_label(other_start, other_end)
                message = (S.ERR_PERIOD_EXISTS.format(period=other) if (start, end) == (other_start, other_end)
                           else S.ERR_PERIOD_OVERLAP.format(period=other))
                raise FieldError(message, "start")
        return start, end, line_field(text_of(self.query_one("#title", Input)), "title", S.NEW_STRATEGY_NAME)


class GoalDialog(FormDialog[Goal]):
    TITLE_TEXT = S.GOAL_TITLE

    def __init__(self, goal: Goal | None) -> None:
        super().__init__()
        self.goal = goal

    def fields(self) -> ComposeResult:
        g = self.goal
        yield from self.labelled(S.GOAL_NAME, Input(g.title if g else "", id="title"))
        yield from self.labelled(S.GOAL_GROUP, Input(g.target_group if g else "", id="target_group"))
        yield from self.labelled(S.GOAL_INDICATOR, Input(g.indicator if g else "", id="indicator"))
        yield from self.labelled(S.GOAL_TARGET, Input(g.target_value if g else "", id="target_value"))

    def on_mount(self) -> None:
        self.query_one("#title").focus()

    def result(self) -> Goal:
        def line(field: str, label: str, required: str = "") -> str:
            return line_field(text_of(self.query_one(f"#{field}", Input)), field, label, required)

        return Goal(id=self.goal.id if self.goal else new_id()[:12], title=line("title", S.GOAL_NAME, S.ERR_GOAL),
                    target_group=line("target_group", S.GOAL_GROUP), indicator=line("indicator", S.GOAL_INDICATOR),
                    target_value=line("target_value", S.GOAL_TARGET))


class MeasureDialog(FormDialog[Measure]):
    TITLE_TEXT = S.MEASURE_TITLE

    def __init__(self, measure: Measure | None, fields: list[tuple[str, str]], goals: list[Goal]) -> None:
        """``fields``: (code, German name) of the problem fields to choose from."""
        super().__init__()
        self.measure = measure
        self.field_choices = fields
        self.goals = goals

    def fields(self) -> ComposeResult:
        m = self.measure
        chosen_fields = set(m.problem_fields) if m else set()
        chosen_goals = set(m.goals) if m else set()
        yield from self.labelled(S.MEASURE_NAME, Input(m.title if m else "", id="title"))
        yield from self.labelled(S.MEASURE_FIELDS, TickList(
            *[(Content(name), code, code in chosen_fields) for code, name in self.field_choices], id="problem_fields"))
        yield from self.labelled(S.MEASURE_GOALS, TickList(
            *[(Content(g.title), g.id, g.id in chosen_goals) for g in self.goals], id="goals"))
        yield from self.labelled(S.MEASURE_DESCRIPTION, TextArea(m.description if m else "", id="description",
                                                                 classes="short"))
        yield from self.labelled(S.MEASURE_LEAD, Input(m.lead if m else "", id="lead"))
        yield from self.labelled(S.MEASURE_PARTNERS, Input(m.partners if m else "", id="partners"))
        yield from self.labelled(S.MEASURE_START, Input(fmt_date(m.start) if m else "", id="start"))
        yield from self.labelled(S.MEASURE_END, Input(fmt_date(m.end) if m else "", id="end"))
        yield from self.labelled(S.MEASURE_COST, Input(fmt_eur(m.cost_cents, symbol=False) if m else "", id="cost"))
        yield from self.labelled(S.MEASURE_FUNDING, Choice(
            [(text, code) for code, text in S.FUNDING.items()], compact=True, id="funding", allow_blank=False,
            value=m.funding.value if m else FundingSource.RL_KOMMPRAEV.value))
        yield from self.labelled(S.MEASURE_OWN_SHARE,
                                 Input(fmt_eur(m.own_share_cents, symbol=False) if m else "", id="own_share"))
        yield from self.labelled(S.MEASURE_STATE_FIELD, Choice(
            [(text, code) for code, text in S.MEASURE_STATE.items()], compact=True, id="state", allow_blank=False,
            value=m.state.value if m else MeasureState.PLANNED.value))

    def on_mount(self) -> None:
        self.query_one("#title").focus()

    def _eur(self, field: str) -> int:
        try:
            return parse_eur(self.value(field))
        except ValueError:
            raise FieldError(S.ERR_EUR, field) from None

    def result(self) -> Measure:
        description = text_of(self.query_one("#description", TextArea))
        if len(description) > MAX_TEXT:
            raise FieldError(S.ERR_TOO_LONG.format(field=S.MEASURE_DESCRIPTION, max=MAX_TEXT), "description")
        start = date_field(self.value("start"), "start")
        end = date_field(self.value("end"), "end")
        if start and end and end < start:
            raise FieldError(S.ERR_PERIOD, "end")

        def line(field: str, label: str, required: str = "") -> str:
            return line_field(text_of(self.query_one(f"#{field}", Input)), field, label, required)

        return Measure(
            id=self.measure.id if self.measure else new_id()[:12],
            title=line("title", S.MEASURE_NAME, S.ERR_MEASURE),
            problem_fields=tuple(self.query_one("#problem_fields", TickList).selected),
            goals=tuple(self.query_one("#goals", TickList).selected),
            description=description, lead=line("lead", S.MEASURE_LEAD), partners=line("partners", S.MEASURE_PARTNERS),
            start=start, end=end, cost_cents=self._eur("cost"),
            funding=FundingSource(str(self.query_one("#funding", Select).value)),
            own_share_cents=self._eur("own_share"),
            state=MeasureState(str(self.query_one("#state", Select).value)),
        )


class EvaluationItemDialog(FormDialog[EvaluationItem]):
    TITLE_TEXT = S.EVAL_TITLE

    def __init__(self, item: EvaluationItem | None) -> None:
        super().__init__()
        self.item = item

    def fields(self) -> ComposeResult:
        i = self.item
        yield from self.labelled(S.EVAL_INDICATOR, Input(i.indicator if i else "", id="indicator"))
        yield from self.labelled(S.EVAL_METHOD, Input(i.method if i else "", id="method"))
        yield from self.labelled(S.EVAL_DUE, Input(fmt_date(i.due) if i else "", id="due"))

    def on_mount(self) -> None:
        self.query_one("#indicator").focus()

    def result(self) -> EvaluationItem:
        return EvaluationItem(
            id=self.item.id if self.item else new_id()[:12],
            indicator=line_field(text_of(self.query_one("#indicator", Input)), "indicator", S.EVAL_INDICATOR,
                                 S.ERR_EVAL),
            method=line_field(text_of(self.query_one("#method", Input)), "method", S.EVAL_METHOD),
            due=date_field(self.value("due"), "due"),
        )


class ExportDocumentDialog(FormDialog[tuple[str, Path]]):
    """Format and folder of a document (a strategy; the Bilanz with its own formats and title)."""

    TITLE_TEXT = S.EXPORT_DOC_TITLE

    def __init__(self, folder: Path, formats: tuple[tuple[str, str], ...] = ((S.FORMAT_HTML, "html"),
                                                                             (S.FORMAT_DOCX, "docx"),
                                                                             (S.FORMAT_MD, "md")),
                 title: str | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.formats = formats
        if title is not None:
            self.TITLE_TEXT = title

    def fields(self) -> ComposeResult:
        yield from self.labelled(S.EXPORT_DOC_FORMAT, Choice(list(self.formats), compact=True, id="format",
                                                             allow_blank=False, value=self.formats[0][1]))
        yield from self.labelled(S.EXPORT_DOC_FOLDER, Input(str(self.folder), id="folder"))

    def on_mount(self) -> None:
        self.query_one("#format").focus()

    def result(self) -> tuple[str, Path]:
        folder = Path(self.value("folder").strip() or ".").expanduser()
        return str(self.query_one("#format", Select).value), folder
