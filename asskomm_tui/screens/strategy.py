"""Strategie: the commune's prevention strategy along the Beccaria-Standards, with a live check.

Like the visit form: Ctrl+S saves a new revision, Esc asks before dropping changes, and the open
form is autosaved as a draft every few seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, Static, TabbedContent, TabPane, Tabs, TextArea

from storage.collation import sort_key
from storage.drafts import Draft
from storage.records import (
    MAX_TEXT,
    EvaluationItem,
    FindingRef,
    Goal,
    Measure,
    StrategyData,
    StrategyRecord,
    StrategyStatus,
)
from storage.views import FindingCandidate, HistoryEntry

from .. import strings as S
from ..widgets.footer import Footer
from ..errors import describe_error
from ..workers import store_work
from ..dialogs.form import FieldError, date_field, line_field, text_of
from ..formatting import fmt_date, fmt_datetime, fmt_eur, short_kreis
from ..services.beccaria import RECENT_DAYS, BeccariaResult, MeasureFinance, capped_note, finance_lines, fmt_share
from ..services.beccaria import check as beccaria_check
from ..widgets.tables import RecordTable, cell
from ..widgets.choice import Choice
from .editor import EditorScreen

TABS = ("s-problem", "s-causes", "s-goals", "s-measures", "s-timeline", "s-evaluation", "s-status", "s-check",
        "s-history")
ITEM_TABLES = ("goals", "measures", "evaluation_items")


@dataclass
class StrategyContext:
    record: StrategyRecord
    commune_name: str
    kreis: str
    candidates: list[FindingCandidate]
    field_names: dict[str, str]
    recent_fields: dict[str, date]
    history: list[HistoryEntry]


def timeline(measures: list[Measure], start_year: int, end_year: int) -> str:
    """A text Gantt chart of the measures by quarter (derived, never typed)."""
    quarters = [(y, q) for y in range(start_year, end_year + 1) for q in range(1, 5)]
    head = " " * 24 + "".join(f"{y:<8}" if q == 1 else "" for y, q in quarters)
    lines = [head.rstrip()]
    for m in sorted(measures, key=lambda m: (m.start or date.max, sort_key(m.title))):
        bar = []
        for y, q in quarters:
            q_start = date(y, 3 * q - 2, 1)
            q_end = (date(y, 3 * q, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            inside = m.start is not None and m.start <= q_end and (m.end or m.start) >= q_start
            bar.append("██" if inside else "··")
        title = (m.title[:22] + "…") if len(m.title) > 23 else m.title
        lines.append(f"{title:<24}{''.join(bar)}")
    return "\n".join(lines) if measures else "—"


class StrategyScreen(EditorScreen):
    """Edit one strategy; dismisses with its id after saving, None when left without saving."""

    UNSAVED_TEXT = S.UNSAVED_STRATEGY

    BINDINGS = [
        Binding("ctrl+s", "save", S.KEY_SAVE, priority=True, id="strategy_save"),
        Binding("escape", "close", S.KEY_CLOSE, id="strategy_close"),
        # priority: a text area takes F6 for "select the line"
        Binding("f6", "export_document", S.KEY_EXPORT_DOCUMENT, priority=True, id="strategy_export"),
        # priority: the text areas and scroll containers bind Ctrl+PgUp/PgDn to horizontal scrolling
        Binding("ctrl+pagedown", "tab(1)", S.KEY_NEXT_TAB, priority=True, id="strategy_next_tab"),
        Binding("ctrl+pageup", "tab(-1)", S.KEY_PREV_TAB, priority=True, id="strategy_prev_tab"),
        Binding("a", "add_item", S.KEY_ADD_ITEM, id="strategy_add_item"),
        Binding("delete", "remove_item", S.KEY_REMOVE_ITEM, id="strategy_remove_item"),
        Binding("space", "toggle_finding", S.KEY_TOGGLE_FINDING, id="strategy_toggle_finding"),
    ]

    def __init__(self, strategy_id: str, draft: Draft | None = None, measure: str | None = None) -> None:
        """``measure``: open at this measure (its tab, the cursor on it), as the search does."""
        super().__init__(f"strategy-{strategy_id}")
        self.strategy_id = strategy_id
        self.draft = draft
        self.open_at_measure = measure
        self.ctx: StrategyContext | None = None
        self.findings: list[FindingRef] = []
        self.goals: list[Goal] = []
        self.measures: list[Measure] = []
        self.evaluation_items: list[EvaluationItem] = []

    # -- layout -------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="strategy"):
            yield Static("", id="strategy-title", classes="title")
            yield Static("", id="check-summary", classes="hint")
            with TabbedContent(id="strategy-tabs"):
                with TabPane(S.TAB_PROBLEM, id=TABS[0]):
                    with VerticalScroll():
                        yield Label(S.FIELD_PROBLEM)
                        yield TextArea(id="problem_description", classes="medium")
                        yield Label(S.FIELD_FINDINGS_PICK)
                        # widths that fit 80 columns; the evidence takes what a wider screen has
                        yield RecordTable((S.COL_INCLUDED, 2), (S.COL_DATE, 10), (S.COL_FIELD, 20),
                                          (S.FINDING_SEVERITY, 8), (S.COL_PLACE, 13), (S.COL_EVIDENCE, 13),
                                          id="findings", classes="items", grow=5)
                with TabPane(S.TAB_CAUSES, id=TABS[1]):
                    yield Label(S.FIELD_CAUSES)
                    yield TextArea(id="cause_analysis")
                with TabPane(S.TAB_GOALS, id=TABS[2]):
                    yield Label(S.FIELD_GOALS)
                    yield RecordTable(S.COL_GOAL, S.COL_TARGET_GROUP, S.COL_INDICATOR, S.COL_TARGET_VALUE, id="goals")
                with TabPane(S.TAB_MEASURES, id=TABS[3]):
                    yield Label(S.FIELD_MEASURES)
                    yield RecordTable((S.COL_MEASURE, 24), (S.COL_PERIOD, 23), (S.COL_COST, 13),
                                      (S.COL_FUNDING, 14), (S.COL_STATE, 11), id="measures")
                with TabPane(S.TAB_TIMELINE, id=TABS[4]):
                    with VerticalScroll():
                        yield Label(S.FIELD_TIMELINE)
                        yield Static("", id="timeline")
                        yield Label(S.FIELD_IMPLEMENTATION)
                        yield TextArea(id="implementation_notes", classes="medium")
                with TabPane(S.TAB_EVALUATION, id=TABS[5]):
                    with VerticalScroll():
                        yield Label(S.FIELD_EVALUATION)
                        yield TextArea(id="evaluation", classes="medium")
                        yield Label(S.FIELD_EVALUATION_ITEMS)
                        yield RecordTable(S.COL_INDICATOR, S.COL_METHOD, S.COL_WHEN, id="evaluation_items",
                                          classes="items")
                with TabPane(S.TAB_STRATEGY_STATUS, id=TABS[6]):
                    with VerticalScroll():
                        yield Label(S.FIELD_TITLE)
                        yield Input(id="title")
                        yield Label(S.FIELD_STATUS)
                        yield Choice([(text, code) for code, text in S.STRATEGY_STATUS.items()], compact=True,
                                     id="status",
                                     allow_blank=False, value=StrategyStatus.DRAFT.value)
                        yield Label(S.FIELD_AGREED_ON)
                        yield Input(id="agreed_on")
                        yield Label(S.FIELD_AGREED_WITH)
                        yield Input(id="agreed_with")
                with TabPane(S.TAB_CHECK, id=TABS[7]):
                    yield RecordTable((S.COL_FINANCE, 74), id="check-finance", wrap=True)
                    yield RecordTable((S.COL_HINT, 74), id="check", wrap=True)
                with TabPane(S.TAB_HISTORY, id=TABS[8]):
                    yield RecordTable(S.COL_UPDATED, S.COL_CHANGED_BY, S.COL_CHANGED, id="history")
            yield Static("", id="form-error", classes="error")
        yield Footer()

    def on_mount(self) -> None:
        self._load_strategy()

    @store_work
    async def _load_strategy(self) -> None:
        try:
            await self._fill_from_store()
        finally:
            self.keys_ready()

    async def _fill_from_store(self) -> None:
        self.ctx = ctx = await self.asskomm.db(self._fetch_context)
        self.base_rev = ctx.record.rev
        # the initial state is what the form shows for the stored version (German dates and all)
        self._fill(self._state_of(ctx.record.data))
        self.initial = self.state()
        if self.draft is not None:
            self._fill(self.draft.payload["form"])
            self._drafted = self.draft.payload["form"]
            if self.draft.payload.get("base_rev") != ctx.record.rev:
                self.notify(S.DRAFT_STALE, severity="warning", timeout=10)
            else:
                self.notify(S.DRAFT_RESTORED)
        self.start_autosave()

    def _fetch_context(self) -> StrategyContext:
        """Store thread."""
        repos = self.asskomm.repos
        record = repos.strategy(self.strategy_id)
        ags = record.data.commune
        name, kreis = repos.commune_name(ags)
        today = self.asskomm.today
        names = {p.id: p.data.name for p in repos.problem_fields(include_inactive=True)}
        return StrategyContext(record, name, kreis, repos.finding_candidates(ags), names,
                               repos.recent_problem_fields(ags, today - timedelta(days=RECENT_DAYS)),
                               repos.record_history("strategy", self.strategy_id))

    # -- state ------------------------------------------------------------------------------------------
    @staticmethod
    def _state_of(data: StrategyData) -> dict[str, Any]:
        return data.model_dump(mode="json")

    def state(self) -> dict[str, Any]:
        """The form as plain JSON values (what a draft stores; the shape of StrategyData)."""
        assert self.ctx is not None
        base = self.ctx.record.data
        status = self.query_one("#status", Select).value
        return {
            **self._state_of(base),
            "title": self.query_one("#title", Input).value,
            "status": status if isinstance(status, str) else base.status.value,
            "agreed_on": self.query_one("#agreed_on", Input).value,
            "agreed_with": self.query_one("#agreed_with", Input).value,
            "problem_description": self.query_one("#problem_description", TextArea).text,
            "cause_analysis": self.query_one("#cause_analysis", TextArea).text,
            "implementation_notes": self.query_one("#implementation_notes", TextArea).text,
            "evaluation": self.query_one("#evaluation", TextArea).text,
            "findings": [f.model_dump(mode="json") for f in self.findings],
            "goals": [g.model_dump(mode="json") for g in self.goals],
            "measures": [m.model_dump(mode="json") for m in self.measures],
            "evaluation_items": [i.model_dump(mode="json") for i in self.evaluation_items],
        }

    def _fill(self, state: dict[str, Any]) -> None:
        ctx = self.ctx
        assert ctx is not None
        data = ctx.record.data
        self.query_one("#strategy-title", Static).update(Content(S.STRATEGY_TITLE.format(
            name=ctx.commune_name, kreis=short_kreis(ctx.kreis), period=data.period)))
        agreed = state.get("agreed_on") or ""
        if agreed and "-" in agreed:  # ISO from the stored data; the form shows German dates
            agreed = fmt_date(date.fromisoformat(agreed))
        self.query_one("#title", Input).value = state.get("title", "")
        self.query_one("#status", Select).value = state.get("status", StrategyStatus.DRAFT.value)
        self.query_one("#agreed_on", Input).value = agreed
        self.query_one("#agreed_with", Input).value = state.get("agreed_with", "")
        for field in ("problem_description", "cause_analysis", "implementation_notes", "evaluation"):
            self.query_one(f"#{field}", TextArea).text = state.get(field, "")
        self.findings = [FindingRef.model_validate(f) for f in state.get("findings", [])]
        self.goals = [Goal.model_validate(g) for g in state.get("goals", [])]
        self.measures = [Measure.model_validate(m) for m in state.get("measures", [])]
        self.evaluation_items = [EvaluationItem.model_validate(i) for i in state.get("evaluation_items", [])]
        self._show_items()
        history = self.query_one("#history", RecordTable)
        history.set_rows(
            (h.rev, (fmt_datetime(h.updated_at.astimezone()), h.author, self._changed_text(h)))
            for h in ctx.history)
        measures = self.query_one("#measures", RecordTable)
        if self.open_at_measure is not None and self.open_at_measure in measures.rows:
            self.query_one(TabbedContent).active = TABS[3]
            measures.move_cursor(row=measures.get_row_index(self.open_at_measure), animate=False)
            measures.focus()
        else:
            self.query_one("#problem_description", TextArea).focus()

    @staticmethod
    def _changed_text(h: HistoryEntry) -> str:
        if h.deleted:
            return S.HISTORY_DELETED
        if not h.changed:
            return S.HISTORY_CREATED
        if h.changed == ("?",):
            return S.HISTORY_CHANGED_UNKNOWN
        return ", ".join(S.STRATEGY_FIELD.get(f, f) for f in h.changed)

    def _show_items(self) -> None:
        ctx = self.ctx
        assert ctx is not None
        included = {(f.visit_id, f.finding_id) for f in self.findings}
        rows = []
        # the picked findings first (their copy), then the visits' other findings
        for f in self.findings:
            rows.append((f"{f.visit_id}/{f.finding_id}", (
                cell("✓", "bold green"), fmt_date(f.visit_date), ctx.field_names.get(f.problem_field, f.problem_field),
                S.label(S.SEVERITY, f.severity), f.place, f.evidence)))
        for c in ctx.candidates:
            if (c.visit_id, c.finding_id) not in included:
                rows.append((f"{c.visit_id}/{c.finding_id}", (
                    "", fmt_date(c.visit_date), c.problem_field_name, S.label(S.SEVERITY, c.severity), c.place,
                    c.evidence)))
        self.query_one("#findings", RecordTable).set_rows(rows)
        self.query_one("#goals", RecordTable).set_rows(
            (g.id, (g.title, g.target_group, g.indicator, g.target_value)) for g in self.goals)
        self.query_one("#measures", RecordTable).set_rows(
            (m.id, (m.title, f"{fmt_date(m.start)}–{fmt_date(m.end)}" if m.start or m.end else "",
                    fmt_eur(m.cost_cents), S.label(S.FUNDING, m.funding), S.label(S.MEASURE_STATE, m.state)))
            for m in self.measures)
        self.query_one("#evaluation_items", RecordTable).set_rows(
            (i.id, (i.indicator, i.method, fmt_date(i.due))) for i in self.evaluation_items)
        data = ctx.record.data
        self.query_one("#timeline", Static).update(Content(timeline(self.measures, data.period_start,
                                                                    data.period_end)))
        self._run_check()

    def _run_check(self) -> None:
        """The Beccaria-Check on the form as it is now (warns, never blocks)."""
        ctx = self.ctx
        assert ctx is not None
        try:
            data = self.strategy_data(strict=False)
        except FieldError:
            return
        result = beccaria_check(data, ctx.recent_fields, ctx.field_names)
        totals = result.totals
        self.query_one("#check-summary", Static).update(Content(S.CHECK_SUMMARY(
            len(result.warnings), cost=fmt_eur(totals.total_cents), grant=fmt_eur(totals.requested_grant_cents))))
        finance = self.query_one("#check-finance", RecordTable)
        finance.set_rows(self._finance_rows(data, result))
        finance.border_subtitle = "" if data.measures else S.CHECK_NO_MEASURES
        table = self.query_one("#check", RecordTable)
        table.set_rows((f"w{i}", (w.message,)) for i, w in enumerate(result.warnings))
        table.border_subtitle = "" if result.warnings else S.CHECK_OK

    @staticmethod
    def _finance_rows(data: StrategyData, result: BeccariaResult) -> list[tuple[str, tuple[Text]]]:
        """One row per measure, numbered as in the document: its figures two to a line, the gap
        marked, and why the grant is capped; a dropped measure only says that it does not count. The
        sums come last, in the same lines."""
        rows: list[tuple[str, tuple[Text]]] = []

        def figures(text: Text, f: MeasureFinance) -> None:
            # a new line starts at the minimum and at the cap: cost/own, minimum/gap, cap/grant
            for i, (label, value) in enumerate(finance_lines(f)):
                text.append("\n" if i == 0 or label in (S.FIN_MIN_OWN, S.FIN_CAP) else " · ")
                text.append(f"{label}: ")
                text.append(value, style="bold red" if label == S.FIN_GAP else "bold")

        for number, m in enumerate(data.measures, 1):
            f = result.finance_of(m.id)
            text = Text(f"M{number} ", style="bold")
            text.append(m.title, style="bold")  # user text: appended as data, never parsed
            if not f.active:
                text.append(f" · {S.label(S.MEASURE_STATE, m.state)} – {S.CHECK_DROPPED}", style="dim")
                rows.append((m.id, (text,)))
                continue
            text.append(f" · {S.label(S.FUNDING, m.funding)}")
            figures(text, f)
            if not f.rl:
                text.append(f" · {S.FIN_NOT_RL}")
            if f.capped:
                text.append("\n" + capped_note(f), style="yellow")
            rows.append((m.id, (text,)))
        if rows:
            t = result.totals
            text = Text(S.FIN_SUM, style="bold")
            text.append(f"\n{S.FIN_COST}: ")
            text.append(fmt_eur(t.total_cents), style="bold")
            text.append(f" · {S.FIN_OWN}: ")
            text.append(fmt_eur(t.own_share_cents), style="bold")
            if t.rl_cost_cents:
                text.append(f"\n{S.FIN_RL_SUM}:", style="bold")
                figures(text, t.rl_sum())
                text.append(f" ({fmt_share(t.grant_percent)} %)")
            rows.append((":sum", (text,)))  # no measure id starts with ":"
        return rows

    def strategy_data(self, strict: bool = True) -> StrategyData:
        """Validate the form into ``StrategyData``; ``FieldError`` names the first problem."""
        assert self.ctx is not None
        base = self.ctx.record.data
        texts = {}
        for field, label in (("problem_description", S.FIELD_PROBLEM), ("cause_analysis", S.FIELD_CAUSES),
                             ("implementation_notes", S.FIELD_IMPLEMENTATION), ("evaluation", S.FIELD_EVALUATION)):
            texts[field] = text_of(self.query_one(f"#{field}", TextArea))
            if len(texts[field]) > MAX_TEXT:
                raise FieldError(S.ERR_TOO_LONG.format(field=label, max=MAX_TEXT), field)
        try:
            agreed_on = date_field(self.query_one("#agreed_on", Input).value, "agreed_on")
        except FieldError:
            if strict:
                raise
            agreed_on = None
        status = self.query_one("#status", Select).value
        try:
            return StrategyData(
                commune=base.commune, period_start=base.period_start, period_end=base.period_end,
                title=line_field(text_of(self.query_one("#title", Input)), "title", S.FIELD_TITLE),
                status=StrategyStatus(status if isinstance(status, str) else base.status),
                agreed_on=agreed_on,
                agreed_with=line_field(text_of(self.query_one("#agreed_with", Input)), "agreed_with",
                                       S.FIELD_AGREED_WITH),
                findings=tuple(self.findings), goals=tuple(self.goals), measures=tuple(self.measures),
                evaluation_items=tuple(self.evaluation_items), **texts,
            )
        except Exception as err:  # pydantic: a combination the model refuses
            raise FieldError(describe_error(err)) from None

    def draft_payload(self, state: dict[str, Any]) -> dict[str, Any]:
        assert self.ctx is not None
        return {"strategy_id": self.strategy_id, "base_rev": self.base_rev,
                "commune": self.ctx.record.data.commune, "form": state}

    # -- items ------------------------------------------------------------------------------------------------
    def _focused_table(self) -> RecordTable | None:
        focused = self.focused
        return focused if isinstance(focused, RecordTable) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        table = self._focused_table()
        if action in ("add_item", "remove_item"):
            return table is not None and table.id in ITEM_TABLES
        if action == "toggle_finding":
            return table is not None and table.id == "findings"
        return True

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        index = TABS.index(tabs.active) if tabs.active in TABS else 0
        tabs.active = TABS[(index + step) % len(TABS)]
        # the cursor goes along: left behind in the hidden tab, it would pull that tab back to the front
        pane = tabs.get_pane(tabs.active)
        target = next((w for w in self.focus_chain if pane in w.ancestors and not isinstance(w, VerticalScroll)),
                      None)
        (target or tabs.query_one(Tabs)).focus()

    def action_toggle_finding(self) -> None:
        table = self._focused_table()
        if table is None or table.id != "findings" or table.current_key is None or self.ctx is None:
            return
        visit_id, finding_id = table.current_key.split("/", 1)
        if any(f.visit_id == visit_id and f.finding_id == finding_id for f in self.findings):
            self.findings = [f for f in self.findings if not (f.visit_id == visit_id and f.finding_id == finding_id)]
        else:
            c = next(c for c in self.ctx.candidates if c.visit_id == visit_id and c.finding_id == finding_id)
            self.findings.append(FindingRef(visit_id=c.visit_id, finding_id=c.finding_id, visit_date=c.visit_date,
                                            problem_field=c.problem_field, severity=c.severity, place=c.place,
                                            evidence=c.evidence))
            self.findings.sort(key=lambda f: f.visit_date, reverse=True)
        self._show_items()

    def action_add_item(self) -> None:
        table = self._focused_table()
        if table is not None and table.id in ITEM_TABLES:
            self._edit_item(table.id, None)

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        event.stop()
        table_id = event.data_table.id or ""
        if table_id in ITEM_TABLES:
            self._edit_item(table_id, event.row_key.value)
        elif table_id == "findings":
            self.action_toggle_finding()

    def _edit_item(self, table_id: str, item_id: str | None) -> None:
        from ..dialogs.strategy_items import EvaluationItemDialog, GoalDialog, MeasureDialog

        items = getattr(self, table_id)
        current = next((i for i in items if i.id == item_id), None)
        if table_id == "goals":
            dialog: Any = GoalDialog(current)
        elif table_id == "measures":
            assert self.ctx is not None
            fields = sorted(self.ctx.field_names.items(), key=lambda kv: sort_key(kv[1]))
            dialog = MeasureDialog(current, [(code, name) for code, name in fields], list(self.goals))
        else:
            dialog = EvaluationItemDialog(current)
        self.app.push_screen(dialog, lambda item: self.put_item(items, item))

    def action_remove_item(self) -> None:
        table = self._focused_table()
        if table is None or table.id not in ITEM_TABLES or table.current_key is None:
            return
        items = getattr(self, table.id)
        key = table.current_key
        items[:] = [i for i in items if i.id != key]
        if table.id == "goals":  # measures must not point to a goal that is gone
            self.measures = [m.model_copy(update={"goals": tuple(g for g in m.goals if g != key)})
                             if key in m.goals else m for m in self.measures]
        self._show_items()

    # -- save, export, leave ----------------------------------------------------------------------------------
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self.ctx is not None:
            self._run_check()

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.ctx is not None:
            self._run_check()

    def on_select_changed(self, event: Select.Changed) -> None:
        if self.ctx is not None:
            self._run_check()

    def form_data(self) -> StrategyData:
        return self.strategy_data()

    def reveal_field(self, field: str) -> None:
        widget = self.query_one(f"#{field}")
        for pane in self.query(TabPane):
            if widget in pane.query("*"):
                self.query_one(TabbedContent).active = pane.id or ""

    def unsaved_what(self) -> str:
        ctx = self.ctx
        return S.UNSAVED_WHAT_STRATEGY.format(name=ctx.commune_name if ctx else "",
                                              period=ctx.record.data.period if ctx else "")

    async def _store(self, data: StrategyData) -> None:
        await self.store_and_close(self.asskomm.repos.save_strategy, data, self.base_rev)
        self.notify(S.STRATEGY_SAVED)

    def action_export_document(self) -> None:
        if self.ctx is None:
            return
        from ..dialogs.strategy_items import ExportDocumentDialog

        folder = self.asskomm.export_folder()
        self.app.push_screen(ExportDocumentDialog(folder), lambda choice: self._export(*choice) if choice else None)

    @store_work
    async def _export(self, fmt: str, folder: Path) -> None:
        from ..services.documents import write_strategy_document

        try:
            data = self.strategy_data(strict=False)
        except FieldError as err:
            self.notify(err.message, severity="error", markup=False)
            return
        path = await self.asskomm.db(write_strategy_document, self.asskomm.repos, data, fmt, folder,
                                     self.asskomm.today)
        self.notify(S.EXPORT_DOC_DONE.format(path=path), markup=False, timeout=8)
