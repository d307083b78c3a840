"""Besuch: create or edit a visit with its findings and follow-ups.

Unsaved changes are guarded on leaving and autosaved as a draft every few seconds (a small file
beside the store), so a crash or a dead battery costs at most the last seconds of typing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, SelectionList, Static, TextArea

from storage.drafts import Draft
from storage.records import MAX_TEXT, Finding, FollowUp, VisitData, VisitKind
from storage.views import VisitDetail

from .. import strings as S
from ..widgets.footer import Footer
from ..widgets.ticks import TickList
from ..errors import describe_error
from ..workers import store_work
from ..dialogs.confirm import ConfirmDialog
from ..dialogs.form import FieldError, date_field, text_of
from ..dialogs.items import FindingDialog, FollowUpDialog
from ..formatting import fmt_date
from ..widgets.tables import RecordTable
from ..widgets.choice import Choice
from .editor import EditorScreen


@dataclass
class FormContext:
    """What the form needs from the store, fetched once on the store thread."""

    commune: str
    commune_name: str
    kreis: str
    visit: VisitDetail | None
    catalog: list[Any]
    consultants: list[Any]
    me: str | None
    current_rev: str | None
    conflict: bool = False


def state_of_visit(data: VisitData) -> dict[str, Any]:
    """The form state (plain JSON values, as in a draft) of stored visit data."""
    return {
        "date": fmt_date(data.date),
        "kind": data.kind.value,
        "consultants": list(data.consultants),
        "participants": "\n".join(data.participants),
        "summary": data.summary,
        "notes": data.notes,
        "findings": [f.model_dump(mode="json") for f in data.findings],
        "follow_ups": [f.model_dump(mode="json") for f in data.follow_ups],
    }


class VisitFormScreen(EditorScreen):
    """Dismisses with the visit id after saving or deleting, None when left without saving."""

    BINDINGS = [
        Binding("ctrl+s", "save", S.KEY_SAVE, priority=True, id="visit_save"),
        Binding("escape", "close", S.KEY_CLOSE, id="visit_close"),
        Binding("f8", "delete_visit", S.KEY_DELETE_VISIT, id="visit_delete"),
        Binding("a", "add_item", S.KEY_ADD_ITEM, id="visit_add_item"),
        Binding("insert", "add_item", S.KEY_ADD_ITEM, show=False, id="visit_add_item_alt"),
        Binding("delete", "remove_item", S.KEY_REMOVE_ITEM, id="visit_remove_item"),
        Binding("space", "toggle_done", S.KEY_TOGGLE_DONE, id="visit_toggle_done"),
    ]

    def __init__(self, commune: str | None = None, visit_id: str | None = None,
                 draft: Draft | None = None) -> None:
        if draft is not None:
            visit_id = draft.payload.get("visit_id")
            commune = draft.payload.get("commune")
        super().__init__(draft.key if draft else (f"visit-{visit_id}" if visit_id else f"visit-new-{uuid.uuid4().hex}"))
        self.commune = commune
        self.visit_id = visit_id
        self.draft = draft
        self.ctx: FormContext | None = None
        self.findings: list[Finding] = []
        self.follow_ups: list[FollowUp] = []

    # -- layout ---------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="visit-form"):
            yield Static("", id="form-title", classes="title")
            with VerticalScroll(id="form-body"):
                with Horizontal(classes="row"):
                    with Vertical(classes="cell"):
                        yield Label(S.FIELD_DATE)
                        yield Input(id="date")
                    with Vertical(classes="cell"):
                        yield Label(S.FIELD_KIND)
                        yield Choice([(text, kind.value) for kind, text in S.VISIT_KIND.items()],
                                     prompt=S.SELECT_PROMPT, compact=True, id="kind")
                yield Label(S.FIELD_CONSULTANTS)
                yield TickList(id="consultants")
                yield Label(S.FIELD_PARTICIPANTS)
                yield TextArea(id="participants", classes="short")
                yield Label(S.FIELD_SUMMARY)
                yield TextArea(id="summary", classes="medium")
                yield Label(S.FIELD_FINDINGS)
                # widths that fit 80 columns; the place and the evidence take what a wider screen has
                yield RecordTable((S.COL_FIELD, 24), (S.FINDING_SEVERITY, 9), (S.COL_PLACE, 16),
                                  (S.COL_EVIDENCE, 16), id="findings", classes="items", grow=3)
                yield Label(S.FIELD_FOLLOW_UPS)
                yield RecordTable((S.COL_TASK, 34), (S.COL_OWNER, 15), (S.COL_DUE, 10), (S.COL_DONE, 8),
                                  id="follow_ups", classes="items")
                yield Label(S.FIELD_NOTES)
                yield TextArea(id="notes", classes="medium")
            yield Static("", id="form-error", classes="error")
        yield Footer()

    def on_mount(self) -> None:
        self._load()

    @store_work
    async def _load(self) -> None:
        try:
            await self._fill_from_store()
        finally:
            self.keys_ready()

    async def _fill_from_store(self) -> None:
        self.ctx = ctx = await self.asskomm.db(self._fetch_context)
        if ctx.visit is not None:
            self.base_rev = ctx.visit.record.rev
            self.initial = state_of_visit(ctx.visit.record.data)
        else:
            self.initial = self._new_state(ctx)
        start = self.initial
        if self.draft is not None:
            start = self.draft.payload["form"]
            draft_base = self.draft.payload.get("base_rev")
            if draft_base != ctx.current_rev:
                self.notify(S.DRAFT_STALE, severity="warning", timeout=10)
            else:
                self.notify(S.DRAFT_RESTORED)
            self._drafted = start
        self._fill(ctx, start)
        self.start_autosave()

    def _fetch_context(self) -> FormContext:
        """Store thread."""
        repos = self.asskomm.repos
        visit = None
        current_rev = None
        if self.visit_id:
            raw = repos.store.raw("visit", self.visit_id)
            current_rev = raw["rev"] if raw and not raw["deleted"] else None
            if current_rev:
                visit = repos.visit(self.visit_id)
                self.commune = visit.record.data.commune
        assert self.commune, "a visit form needs a commune"
        name, kreis = repos.commune_name(self.commune)
        me = repos.store.local.consultant_id
        conflict = bool(self.visit_id) and ("visit", self.visit_id) in repos.store.conflicted()
        return FormContext(self.commune, name, kreis, visit, repos.problem_fields(include_inactive=True),
                           repos.consultants(), me, current_rev, conflict)

    def _new_state(self, ctx: FormContext) -> dict[str, Any]:
        return {"date": fmt_date(self.asskomm.today), "kind": VisitKind.FOLLOW_UP_CONSULTATION.value,
                "consultants": [ctx.me] if ctx.me else [], "participants": "", "summary": "", "notes": "",
                "findings": [], "follow_ups": []}

    def _fill(self, ctx: FormContext, state: dict[str, Any]) -> None:
        title = (S.VISIT_EDIT_TITLE if ctx.visit else S.VISIT_NEW_TITLE).format(name=ctx.commune_name, kreis=ctx.kreis)
        if ctx.conflict:
            title += f"\n{S.CONFLICT_NOTICE}"
        self.query_one("#form-title", Static).update(Content(title))
        self.query_one("#date", Input).value = state["date"]
        kind = self.query_one("#kind", Select)
        kind.value = state["kind"] if state["kind"] in {k.value for k in VisitKind} else Select.NULL
        selection = self.query_one("#consultants", SelectionList)
        chosen = set(state["consultants"])
        known = {c.id for c in ctx.consultants}
        ordered = sorted(ctx.consultants, key=lambda c: c.id not in chosen)  # the chosen ones on top
        selection.add_options([(Content(f"{c.data.name} ({c.data.initials})"), c.id, c.id in chosen)
                               for c in ordered])
        selection.add_options([(Content(cid[:8]), cid, True) for cid in state["consultants"] if cid not in known])
        self.query_one("#participants", TextArea).text = state["participants"]
        self.query_one("#summary", TextArea).text = state["summary"]
        self.query_one("#notes", TextArea).text = state["notes"]
        self.findings = [Finding.model_validate(f) for f in state["findings"]]
        self.follow_ups = [FollowUp.model_validate(f) for f in state["follow_ups"]]
        self._show_items()
        self.query_one("#date", Input).focus()

    def _show_items(self) -> None:
        names = {p.id: p.data.name for p in self.ctx.catalog} if self.ctx else {}
        self.query_one("#findings", RecordTable).set_rows(
            (f.id, (names.get(f.problem_field, f.problem_field), S.label(S.SEVERITY, f.severity), f.place, f.evidence))
            for f in self.findings
        )
        self.query_one("#follow_ups", RecordTable).set_rows(
            (f.id, (f.text, f.owner, fmt_date(f.due), S.YES if f.done else S.NO)) for f in self.follow_ups
        )

    # -- state ----------------------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """The form as plain values (what a draft stores)."""
        kind = self.query_one("#kind", Select).value
        return {
            "date": self.query_one("#date", Input).value,
            "kind": kind if isinstance(kind, str) else None,
            "consultants": list(self.query_one("#consultants", SelectionList).selected),
            "participants": self.query_one("#participants", TextArea).text,
            "summary": self.query_one("#summary", TextArea).text,
            "notes": self.query_one("#notes", TextArea).text,
            "findings": [f.model_dump(mode="json") for f in self.findings],
            "follow_ups": [f.model_dump(mode="json") for f in self.follow_ups],
        }

    def visit_data(self) -> VisitData:
        """Validate the form into ``VisitData``; ``FieldError`` names the first problem."""
        assert self.ctx is not None
        today = self.asskomm.today
        when = date_field(self.query_one("#date", Input).value, "date", required=True,
                          earliest=date(1990, 1, 1), latest=today + timedelta(days=366))
        kind = self.query_one("#kind", Select).value
        if not isinstance(kind, str):
            raise FieldError(S.ERR_KIND, "kind")
        consultants = tuple(self.query_one("#consultants", SelectionList).selected)
        if not consultants:
            raise FieldError(S.ERR_CONSULTANTS, "consultants")
        texts = {}
        for field, label in (("summary", S.FIELD_SUMMARY), ("notes", S.FIELD_NOTES)):
            texts[field] = text_of(self.query_one(f"#{field}", TextArea))
            if len(texts[field]) > MAX_TEXT:
                raise FieldError(S.ERR_TOO_LONG.format(field=label, max=MAX_TEXT), field)
        participants = tuple(line.strip() for line in text_of(self.query_one("#participants", TextArea)).split("\n")
                             if line.strip())
        if not texts["summary"].strip() and not self.findings and not self.follow_ups:
            raise FieldError(S.ERR_EMPTY_VISIT, "summary")
        try:
            return VisitData(commune=self.ctx.commune, date=when, kind=VisitKind(kind), consultants=consultants,
                             participants=participants, summary=texts["summary"], notes=texts["notes"],
                             findings=tuple(self.findings), follow_ups=tuple(self.follow_ups))
        except ValidationError as err:
            raise FieldError(describe_error(err)) from None

    def unsaved_what(self) -> str:
        return S.UNSAVED_WHAT_VISIT.format(name=self.ctx.commune_name if self.ctx else "")

    def draft_payload(self, state: dict[str, Any]) -> dict[str, Any]:
        return {"visit_id": self.visit_id if self.base_rev else None, "base_rev": self.base_rev,
                "commune": self.ctx.commune if self.ctx else self.commune, "form": state}

    # -- items ----------------------------------------------------------------------------------------
    def _focused_items(self) -> RecordTable | None:
        focused = self.focused
        if isinstance(focused, RecordTable) and focused.id in ("findings", "follow_ups"):
            return focused
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add_item", "remove_item"):
            return self._focused_items() is not None
        if action == "toggle_done":
            table = self._focused_items()
            return table is not None and table.id == "follow_ups"
        if action == "delete_visit":
            return self.base_rev is not None
        return True

    def action_add_item(self) -> None:
        table = self._focused_items()
        if table is not None:
            self._edit_item(table.id or "", None)

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        event.stop()
        self._edit_item(event.data_table.id or "", event.row_key.value)

    def _edit_item(self, table_id: str, item_id: str | None) -> None:
        if self.ctx is None:
            return
        if table_id == "findings":
            current = next((f for f in self.findings if f.id == item_id), None)
            self.app.push_screen(FindingDialog(current, [p for p in self.ctx.catalog if p.data.active
                                                         or (current and p.id == current.problem_field)]),
                                 lambda f: self.put_item(self.findings, f))
        elif table_id == "follow_ups":
            current_fu = next((f for f in self.follow_ups if f.id == item_id), None)
            self.app.push_screen(FollowUpDialog(current_fu, self.asskomm.today),
                                 lambda f: self.put_item(self.follow_ups, f))

    def action_remove_item(self) -> None:
        table = self._focused_items()
        key = table.current_key if table else None
        if table is None or key is None:
            return
        items = self.findings if table.id == "findings" else self.follow_ups
        items[:] = [i for i in items if i.id != key]
        self._show_items()

    def action_toggle_done(self) -> None:
        table = self._focused_items()
        if table is None or table.id != "follow_ups" or table.current_key is None:
            return
        today = self.asskomm.today
        self.follow_ups = [
            f.model_copy(update={"done": not f.done, "done_on": None if f.done else today})
            if f.id == table.current_key else f
            for f in self.follow_ups
        ]
        self._show_items()

    # -- save, delete, leave --------------------------------------------------------------------------
    def form_data(self) -> VisitData:
        return self.visit_data()

    async def _store(self, data: VisitData) -> None:
        repos = self.asskomm.repos
        if self.base_rev is None:
            await self.store_and_close(repos.create_visit, data)
        else:
            await self.store_and_close(repos.update_visit, self.visit_id, data, self.base_rev)
        self.notify(S.VISIT_SAVED)

    def action_delete_visit(self) -> None:
        if self.base_rev is None or self.ctx is None or self.ctx.visit is None:
            return
        data = self.ctx.visit.record.data
        question = S.CONFIRM_DELETE_VISIT.format(date=fmt_date(data.date), name=self.ctx.commune_name)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._delete()

        self.app.push_screen(ConfirmDialog(question, S.CONFIRM_DELETE_VISIT_HINT), confirmed)

    @store_work
    async def _delete(self) -> None:
        await self.store_and_close(self.asskomm.repos.delete_visit, self.visit_id, self.base_rev)
        self.notify(S.VISIT_DELETED)
