"""Übersicht: my recent visits, my follow-ups due or overdue, and the store's facts."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from storage.views import FollowUpRow, StoreFacts, VisitRow

from .. import strings as S
from ..textual_de import Header
from ..widgets.footer import Footer
from ..formatting import fmt_date, fmt_datetime, fmt_size, short_kreis
from ..widgets.tables import RecordTable, due_cell
from .base import DataScreen


@dataclass(frozen=True)
class OverviewData:
    name: str
    recent: list[VisitRow]
    due: list[FollowUpRow]
    facts: StoreFacts


class OverviewScreen(DataScreen):
    """The start screen."""

    BINDINGS = [
        Binding("enter", "open", S.KEY_OPEN, id="open"),
        Binding("x", "toggle_done", S.KEY_TOGGLE_DONE, id="toggle_done"),
        Binding("tab", "app.focus_next", S.KEY_NEXT_TABLE, show=False, id="next_table"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="overview"):
            yield Static(S.LOADING, id="greeting")  # the first screen: shown while the store opens
            yield Static(S.OVERVIEW_RECENT, classes="section")
            # fixed widths: at 80 columns the long "Kommune (Kreis)" cells would push the rest off-screen
            yield RecordTable((S.COL_DATE, 10), (S.COL_COMMUNE, 22), (S.COL_KIND, 13), (S.COL_SUMMARY, 25),
                              id="recent")
            yield Static(S.OVERVIEW_DUE, classes="section", id="due-title")
            yield RecordTable((S.COL_DUE, 21), (S.COL_COMMUNE, 16), (S.COL_TASK, 19), (S.COL_OWNER, 14),
                              id="due", grow=2)
            yield Static("", id="facts")
        yield Footer()

    def on_mount(self) -> None:
        self.title = S.OVERVIEW_TITLE
        # the next 14 days here, every open follow-up in Folgeaufgaben (screens/agenda.py)
        self.query_one("#due-title", Static).update(
            S.OVERVIEW_DUE_ALL.format(title=S.OVERVIEW_DUE, key=self.asskomm.key_of("agenda")))

    def load(self) -> OverviewData:
        repos = self.asskomm.repos
        me = repos.me()
        cid = repos.store.local.consultant_id
        return OverviewData(
            name=me.data.name if me else "",
            recent=repos.recent_visits(cid, limit=30),
            due=repos.follow_ups_due(cid, self.asskomm.today),
            facts=repos.facts(),
        )

    def show(self, data: OverviewData) -> None:
        today = self.asskomm.today
        self.query_one("#greeting", Static).update(Content(S.OVERVIEW_GREETING.format(name=data.name)))
        recent = self.query_one("#recent", RecordTable)
        recent.set_rows(
            (v.id, (fmt_date(v.date), f"{v.commune_name} ({short_kreis(v.kreis)})",
                    S.label(S.VISIT_KIND, v.kind), v.summary))
            for v in data.recent
        )
        recent.border_subtitle = "" if data.recent else S.OVERVIEW_NO_RECENT
        due = self.query_one("#due", RecordTable)
        due.set_rows(
            (f"{f.visit_id}/{f.follow_up_id}",
             (due_cell(f, today),
              f"{f.commune_name} ({short_kreis(f.kreis)})", f.text, f.owner))
            for f in data.due
        )
        due.border_subtitle = "" if data.due else S.OVERVIEW_NO_DUE
        self._due = {f"{f.visit_id}/{f.follow_up_id}": f for f in data.due}
        facts = data.facts
        counts = (facts.communes, facts.members, facts.visits, facts.open_follow_ups, facts.consultants)
        line1 = " · ".join(part(n) for part, n in zip(S.FACTS, counts))
        backup = fmt_datetime(facts.last_backup) if facts.last_backup else S.NO_BACKUP_YET
        line2 = S.FACTS_STORE.format(path=facts.path, size=fmt_size(facts.size_bytes), backup=backup)
        self.query_one("#facts", Static).update(Content(f"{line1}\n{line2}"))

    def _focused_table(self) -> RecordTable | None:
        focused = self.focused
        return focused if isinstance(focused, RecordTable) else None

    def action_open(self) -> None:
        table = self._focused_table()
        key = table.current_key if table else None
        if not key:
            return
        visit_id, _, part = key.partition("/")  # a follow-up: "<visit>/<follow-up>"
        self.asskomm.open_visit(visit_id, part=part or None)

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # x ticks off a follow-up: offered (and in the footer) only on the follow-ups, as in the dossier
        if action == "toggle_done":
            return isinstance(self.focused, RecordTable) and self.focused.id == "due"
        return super().check_action(action, parameters)

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_toggle_done(self) -> None:
        table = self._focused_table()
        if table is None or table.id != "due" or table.current_key is None:
            return
        row = self._due.get(table.current_key)
        if row is not None:
            self.toggle_follow_up(row)

