"""Dossier: everything known about one commune on one screen.

The visit list filters by problem field and period (F and P open the dropdowns above it); Enter on
a problem field shows the visits behind it; Enter on a visit or a follow-up shows the visit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Select, Static, TabbedContent, TabPane

from storage.collation import sort_key
from storage.records import CommuneData, Contact, KprStatus
from storage.views import Dossier, FollowUpRow, VisitRow

from .. import strings as S
from ..textual_de import Header
from ..widgets.footer import Footer
from ..workers import store_work
from ..formatting import fmt_date, fmt_int, short_kreis
from ..widgets.choice import FilterChoice
from ..widgets.tables import RecordTable, cell, due_cell
from .base import DataScreen

TABS = ("tab-visits", "tab-fields", "tab-tasks", "tab-status")
# open_dossier(tab=...): the tab and the table in it
TAB_NAMES = {"visits": (0, "visits"), "fields": (1, "fields"), "tasks": (2, "tasks"), "contacts": (3, "contacts")}
ALL = "all"
LAST_12_MONTHS = "12m"


@dataclass(frozen=True)
class DossierData:
    """What the dossier shows: the commune's dossier and the problem fields of each of its visits."""

    dossier: Dossier
    visit_fields: dict[str, frozenset[str]]


def period_range(period: str, today: date) -> tuple[date, date] | None:
    """The first and last day a period filter value stands for (None: every visit)."""
    if period == LAST_12_MONTHS:
        try:
            year_ago = today.replace(year=today.year - 1)
        except ValueError:  # 29 February
            year_ago = today.replace(year=today.year - 1, day=28)
        return year_ago + timedelta(days=1), today
    if period.startswith("y") and period[1:].isdigit():
        year = int(period[1:])
        return date(year, 1, 1), date(year, 12, 31)
    return None


def filter_visits(visits: tuple[VisitRow, ...], fields: dict[str, frozenset[str]], field: str, period: str,
                  today: date) -> list[VisitRow]:
    """The visits with a finding in ``field`` (or any) within ``period`` (or any)."""
    span = period_range(period, today)
    return [v for v in visits
            if (field == ALL or field in fields.get(v.id, ()))
            and (span is None or span[0] <= v.date <= span[1])]


def status_lines(c: CommuneData) -> list[str]:
    """The commune's ASSKomm status as German lines."""
    def dated(text: str, when: object) -> str:
        return f"{text} ({fmt_date(when)})" if when else text  # type: ignore[arg-type]

    member = S.STATUS_MEMBER.format(date=fmt_date(c.member_since)) if c.member_since else S.NOT_MEMBER
    if c.model_commune:
        member += f" · {S.STATUS_MODEL}"
    return [
        member,
        S.STATUS_KPR.format(status=dated(S.label(S.KPR_STATUS, c.kpr_status),
                                         c.kpr_date if c.kpr_status != KprStatus.NONE else None)),
        S.STATUS_AGREEMENT.format(status=dated(S.label(S.AGREEMENT_STATUS, c.cooperation_agreement),
                                               c.cooperation_agreement_date)),
        S.STATUS_COACHING.format(status=S.label(S.COACHING_STATUS, c.coaching)
                                 + (f" – {c.coaching_note}" if c.coaching_note else "")),
        S.STATUS_ANALYSIS.format(status=dated(S.label(S.ANALYSIS_STATUS, c.security_analysis),
                                              c.security_analysis_date)),
    ]


class DossierScreen(DataScreen):
    """One commune: status, contacts, visits, problem fields, open follow-ups."""

    BINDINGS = [
        Binding("escape", "back", S.KEY_BACK, id="back"),
        Binding("n", "new_visit_here", S.KEY_NEW_VISIT, id="dossier_new_visit"),
        Binding("f", "filter('field')", S.KEY_FILTER_FIELD, tooltip=S.KEY_FILTER_FIELD_LONG, id="dossier_filter_field"),
        Binding("p", "filter('period')", S.KEY_FILTER_PERIOD, tooltip=S.KEY_FILTER_PERIOD_LONG,
                id="dossier_filter_period"),
        Binding("e", "edit_status", S.FOOT_EDIT_STATUS, tooltip=S.KEY_EDIT_STATUS, id="edit_status"),
        Binding("k", "add_contact", S.FOOT_ADD_CONTACT, tooltip=S.KEY_ADD_CONTACT, id="add_contact"),
        Binding("s", "strategies", S.KEY_STRATEGIES, id="dossier_strategies"),
        # not in the footer: at 80 columns it would push out the sort key (F1 lists it)
        Binding("d", "document", S.KEY_DOCUMENT, tooltip=S.KEY_DOCUMENT_COMMUNE_LONG, show=False, id="dossier_document"),
        Binding("delete", "delete_contact", S.KEY_DELETE_CONTACT, id="delete_contact"),
        Binding("x", "toggle_done", S.KEY_TOGGLE_DONE, id="dossier_toggle_done"),
        Binding("1", "tab(0)", S.KEY_TAB.format(n=1), show=False, id="tab_1"),
        Binding("2", "tab(1)", S.KEY_TAB.format(n=2), show=False, id="tab_2"),
        Binding("3", "tab(2)", S.KEY_TAB.format(n=3), show=False, id="tab_3"),
        Binding("4", "tab(3)", S.KEY_TAB.format(n=4), show=False, id="tab_4"),
    ]

    def __init__(self, ags: str, tab: str | None = None, focus: str | None = None) -> None:
        """``tab`` (a key of ``TAB_NAMES``) opens on that tab; ``focus``: the row key there to put the cursor on."""
        super().__init__()
        self.ags = ags
        self.dossier: Dossier | None = None
        self._tasks: dict[str, FollowUpRow] = {}
        self._visit_fields: dict[str, frozenset[str]] = {}
        self._tab = tab if tab in TAB_NAMES else None
        self._focus = focus
        self._field_options: list[tuple[str, str]] = []
        self._period_options: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="dossier"):
            yield Static("", id="dossier-head")
            yield Static("", id="dossier-status-line")
            with TabbedContent(id="dossier-tabs"):
                with TabPane(S.TAB_VISITS, id=TABS[0]):
                    with Horizontal(id="visit-filters"):
                        yield FilterChoice([(S.FILTER_ALL_FIELDS, ALL)], value=ALL, allow_blank=False,
                                           compact=True, id="filter-field")
                        yield FilterChoice([(S.FILTER_ALL_PERIODS, ALL)], value=ALL, allow_blank=False,
                                           compact=True, id="filter-period")
                        yield Static("", id="visit-count")
                    # widths that fit 80 columns; the summary takes what a wider screen has
                    yield RecordTable((S.COL_DATE, 10), (S.COL_KIND, 13), (S.COL_SUMMARY, 22),
                                      (S.COL_FINDINGS, 7), (S.COL_OPEN, 5), (S.COL_CONSULTANTS, 9), id="visits")
                with TabPane(S.TAB_FIELDS, id=TABS[1]):
                    yield RecordTable(S.COL_FIELD, S.COL_COUNT, S.COL_LAST_SEEN, S.COL_SEVERITY, id="fields")
                with TabPane(S.TAB_TASKS, id=TABS[2]):
                    yield RecordTable(S.COL_DUE, S.COL_TASK, S.COL_OWNER, S.COL_VISIT_DATE, id="tasks")
                with TabPane(S.TAB_STATUS, id=TABS[3]):
                    with VerticalScroll():
                        yield Static("", id="status")
                        yield RecordTable(S.COL_CONTACT_NAME, S.COL_CONTACT_ROLE, S.COL_CONTACT_PHONE,
                                          S.COL_CONTACT_EMAIL, id="contacts")
                        yield Static("", id="notes")
        yield Footer()

    def on_mount(self) -> None:
        if self._tab is not None:
            self.action_tab(TAB_NAMES[self._tab][0])
        else:
            self.query_one("#visits", RecordTable).focus()

    def load(self) -> DossierData:
        repos = self.asskomm.repos
        return DossierData(repos.dossier(self.ags, self.asskomm.today), repos.visit_fields(self.ags))

    def show(self, data: DossierData) -> None:
        dossier = data.dossier
        self.dossier = dossier
        self._visit_fields = data.visit_fields
        today = self.asskomm.today
        c = dossier.commune.data
        self.title = c.name
        self.query_one("#dossier-head", Static).update(Content(S.DOSSIER_HEAD.format(
            name=c.name, kreis=short_kreis(c.kreis), ags=c.ags, population=fmt_int(c.population))))
        lines = status_lines(c)
        conflict = dossier.conflict or any(v.conflict for v in dossier.visits)
        head = " · ".join(lines[:2]) + (f"\n{S.CONFLICT_NOTICE}" if conflict else "")
        self.query_one("#dossier-status-line", Static).update(Content(head))
        self._fill_filters(dossier)
        self._show_visits()
        fields = self.query_one("#fields", RecordTable)
        fields.set_rows(
            (p.code, (p.name, str(p.count), fmt_date(p.last_seen), S.label(S.SEVERITY, p.max_severity)))
            for p in dossier.problem_fields
        )
        fields.border_subtitle = "" if dossier.problem_fields else S.NO_FIELDS
        self._tasks = {f"{f.visit_id}/{f.follow_up_id}": f for f in dossier.open_follow_ups}
        tasks = self.query_one("#tasks", RecordTable)
        tasks.set_rows(
            (key, (due_cell(f, today), f.text, f.owner, fmt_date(f.visit_date)))
            for key, f in self._tasks.items()
        )
        tasks.border_subtitle = "" if dossier.open_follow_ups else S.NO_TASKS
        self.query_one("#status", Static).update(Content("\n".join(lines)))
        contacts = self.query_one("#contacts", RecordTable)
        contacts.set_rows((ct.id, (ct.name, ct.role, ct.phone, ct.email)) for ct in c.contacts)
        contacts.border_subtitle = "" if c.contacts else S.NO_CONTACTS
        notes = f"{S.STATUS_NOTES}:\n{c.notes}" if c.notes else ""
        self.query_one("#notes", Static).update(Content(notes))
        if self._focus is not None:  # once: the row open_dossier(focus=...) asked for
            focus, self._focus = self._focus, None
            table = self.query_one(f"#{TAB_NAMES[self._tab or 'visits'][1]}", RecordTable)
            if focus in table.rows:
                table.move_cursor(row=table.get_row_index(focus), animate=False)
                self.call_after_refresh(table.scroll_visible, animate=False)

    # -- the visit list and its filters -------------------------------------------------------------
    def _fill_filters(self, dossier: Dossier) -> None:
        """The dropdowns' entries: the problem fields seen in this commune, and the years with visits."""
        today = self.asskomm.today
        fields = sorted(((p.name, p.code) for p in dossier.problem_fields), key=lambda f: sort_key(f[0]))
        years = sorted({v.date.year for v in dossier.visits} | {today.year}, reverse=True)
        periods = [(S.FILTER_ALL_PERIODS, ALL), (S.FILTER_LAST_12_MONTHS, LAST_12_MONTHS),
                   *((S.FILTER_YEAR.format(year=y), f"y{y}") for y in years)]
        for widget_id, options, attr in (("#filter-field", [(S.FILTER_ALL_FIELDS, ALL), *fields], "_field_options"),
                                         ("#filter-period", periods, "_period_options")):
            if options == getattr(self, attr):
                continue
            setattr(self, attr, options)
            choice = self.query_one(widget_id, FilterChoice)
            value = choice.value
            # names are user text (HQ edits the catalog): Content, never markup
            choice.set_options([(Content(label), key) for label, key in options])
            choice.value = value if any(key == value for _, key in options) else ALL

    def _filter_values(self) -> tuple[str, str]:
        field = self.query_one("#filter-field", FilterChoice).value
        period = self.query_one("#filter-period", FilterChoice).value
        return (field if isinstance(field, str) else ALL), (period if isinstance(period, str) else ALL)

    def _show_visits(self) -> None:
        """The visit list as the filters have it, with the count."""
        dossier = self.dossier
        if dossier is None:
            return
        field, period = self._filter_values()
        shown = filter_visits(dossier.visits, self._visit_fields, field, period, self.asskomm.today)
        visits = self.query_one("#visits", RecordTable)
        visits.set_rows(
            (v.id, (cell(S.CONFLICT_MARK + fmt_date(v.date), "bold yellow") if v.conflict else fmt_date(v.date),
                    S.label(S.VISIT_KIND, v.kind), v.summary, str(v.findings or ""),
                    str(v.open_follow_ups or ""), ", ".join(v.consultants)))
            for v in shown
        )
        visits.border_subtitle = "" if shown else S.DOSSIER_NO_MATCH if dossier.visits else S.NO_VISITS
        self.query_one("#visit-count", Static).update(
            S.DOSSIER_VISIT_COUNT(len(dossier.visits), shown=fmt_int(len(shown))))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._show_visits()

    def on_filter_choice_closed(self, event: FilterChoice.Closed) -> None:
        event.stop()
        # queued after Select puts the focus back on itself: the list is what the filter was for
        self.query_one("#visits", RecordTable).focus()

    def action_filter(self, which: str) -> None:
        """F or P: the visits tab, with the problem-field or period dropdown open."""
        self.query_one(TabbedContent).active = TABS[0]
        choice = self.query_one("#filter-field" if which == "field" else "#filter-period", FilterChoice)
        choice.focus()
        choice.action_show_overlay()

    def show_field(self, code: str) -> None:
        """The visits tab, showing every visit with a finding in problem field ``code``."""
        self.query_one("#filter-period", FilterChoice).value = ALL
        field = self.query_one("#filter-field", FilterChoice)
        if any(key == code for _, key in self._field_options):
            field.value = code
        self._show_visits()
        self.action_tab(0)

    # -- navigation ---------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # keys that act on one list are offered (and shown in the footer) only there: at 80 columns
        # the footer has room for the keys that apply
        if action == "delete_contact":
            return isinstance(self.focused, RecordTable) and self.focused.id == "contacts"
        if action == "toggle_done":
            return isinstance(self.focused, RecordTable) and self.focused.id == "tasks"
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_document(self) -> None:
        """The commune report as a document (``services/record_docs.py``)."""
        from ..services.record_docs import write_commune

        repos, ags, today = self.asskomm.repos, self.ags, self.asskomm.today
        self.export_document(S.DOC_R_EXPORT_COMMUNE, lambda fmt, folder: write_commune(repos, ags, fmt, folder, today))

    def action_back(self) -> None:
        self.dismiss()

    def action_tab(self, index: int) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = TABS[index]
        table_id = {0: "visits", 1: "fields", 2: "tasks", 3: "contacts"}[index]
        self.query_one(f"#{table_id}", RecordTable).focus()

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        event.stop()
        table_id = event.data_table.id
        key = event.row_key.value
        if table_id == "visits" and key:
            self.asskomm.open_visit(key)
        elif table_id == "tasks" and key:
            visit_id, _, follow_up_id = key.partition("/")
            self.asskomm.open_visit(visit_id, part=follow_up_id)
        elif table_id == "fields" and key:
            self.show_field(key)
        elif table_id == "contacts" and key:
            self._edit_contact(key)

    def action_strategies(self) -> None:
        if self.dossier is None:
            return
        from ..dialogs.strategies import StrategiesDialog

        self.app.push_screen(StrategiesDialog(self.ags, self.dossier.commune.data.name))

    def action_new_visit_here(self) -> None:
        self.asskomm.open_visit_form(commune=self.ags)

    # -- status and contacts ------------------------------------------------------------------------
    def action_edit_status(self) -> None:
        if self.dossier is None:
            return
        from ..dialogs.commune_status import CommuneStatusDialog

        record = self.dossier.commune
        self.app.push_screen(CommuneStatusDialog(record.data),
                             lambda data: self._save_commune(data, record.rev, S.SAVED_STATUS) if data else None)

    def action_add_contact(self) -> None:
        if self.dossier is None:
            return
        from ..dialogs.items import ContactDialog

        record = self.dossier.commune

        def done(contact: Contact | None) -> None:
            if contact is not None:
                data = record.data.model_copy(update={"contacts": (*record.data.contacts, contact)})
                self._save_commune(data, record.rev, S.SAVED_CONTACT)

        self.app.push_screen(ContactDialog(None), done)

    def _edit_contact(self, contact_id: str) -> None:
        if self.dossier is None:
            return
        from ..dialogs.items import ContactDialog

        record = self.dossier.commune
        current = next((c for c in record.data.contacts if c.id == contact_id), None)
        if current is None:
            return

        def done(contact: Contact | None) -> None:
            if contact is not None:
                items = tuple(contact if c.id == contact_id else c for c in record.data.contacts)
                self._save_commune(record.data.model_copy(update={"contacts": items}), record.rev,
                                   S.SAVED_CONTACT)

        self.app.push_screen(ContactDialog(current), done)

    def action_delete_contact(self) -> None:
        table = self.query_one("#contacts", RecordTable)
        if self.dossier is None or self.focused is not table or table.current_key is None:
            return
        from ..dialogs.confirm import ConfirmDialog

        record = self.dossier.commune
        key = table.current_key
        contact = next((c for c in record.data.contacts if c.id == key), None)
        if contact is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                items = tuple(c for c in record.data.contacts if c.id != key)
                self._save_commune(record.data.model_copy(update={"contacts": items}), record.rev,
                                   S.DELETED_CONTACT)

        self.app.push_screen(ConfirmDialog(S.CONFIRM_DELETE_CONTACT.format(name=contact.name)), done)

    @store_work
    async def _save_commune(self, data: CommuneData, base_rev: str, message: str) -> None:
        await self.asskomm.db(self.asskomm.repos.save_commune, data, base_rev)
        self.notify(message.format(name=data.name), markup=False)
        self.reload()

    def action_toggle_done(self) -> None:
        table = self.query_one("#tasks", RecordTable)
        if self.focused is not table or table.current_key is None:
            return
        row = self._tasks.get(table.current_key)
        if row is not None:
            self.toggle_follow_up(row)

