"""Dialogs for the items of a visit and a commune: finding, follow-up, contact."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Checkbox, Input, Select, TextArea

from storage.records import MAX_TEXT, Contact, Finding, FollowUp, ProblemFieldRecord
from storage.repositories import new_id

from .. import strings as S
from ..widgets.ticks import Tick
from ..formatting import fmt_date
from ..widgets.choice import Choice
from .form import FieldError, FormDialog, date_field, line_field, text_of

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class FindingDialog(FormDialog[Finding]):
    """Add or edit a finding: problem field, severity, place, evidence, note."""

    TITLE_TEXT = S.FINDING_TITLE

    def __init__(self, finding: Finding | None, catalog: list[ProblemFieldRecord]) -> None:
        super().__init__()
        self.finding = finding
        self.catalog = catalog

    def fields(self) -> ComposeResult:
        f = self.finding
        options = [(Content(p.data.name), p.id) for p in self.catalog]  # type: ignore[attr-defined]
        if f and f.problem_field not in {code for _, code in options}:
            options.append((Content(f.problem_field), f.problem_field))  # unknown code from newer data
        yield from self.labelled(S.FINDING_FIELD, Choice(
            options, prompt=S.SELECT_PROMPT, compact=True, id="problem_field",
            value=f.problem_field if f else Select.NULL))
        yield from self.labelled(S.FINDING_SEVERITY, Choice(
            [(label, n) for n, label in S.SEVERITY.items()], compact=True, id="severity", allow_blank=False,
            value=f.severity if f else 2))
        yield from self.labelled(S.FINDING_PLACE, Input(f.place if f else "", id="place"))
        yield from self.labelled(S.FINDING_EVIDENCE, Input(f.evidence if f else "", id="evidence"))
        yield from self.labelled(S.FINDING_NOTE, TextArea(f.note if f else "", id="note", classes="short"))

    def on_mount(self) -> None:
        self.query_one("#problem_field").focus()

    def result(self) -> Finding:
        code = self.query_one("#problem_field", Select).value
        if code is Select.NULL or not isinstance(code, str):
            raise FieldError(S.ERR_FINDING_FIELD, "problem_field")
        note = text_of(self.query_one("#note", TextArea))
        if len(note) > MAX_TEXT:
            raise FieldError(S.ERR_TOO_LONG.format(field=S.FINDING_NOTE, max=MAX_TEXT), "note")
        return Finding(
            id=self.finding.id if self.finding else new_id()[:12],
            problem_field=code,
            severity=int(self.query_one("#severity", Select).value),  # type: ignore[arg-type]
            place=line_field(text_of(self.query_one("#place", Input)), "place", S.FINDING_PLACE),
            evidence=line_field(text_of(self.query_one("#evidence", Input)), "evidence", S.FINDING_EVIDENCE),
            note=note,
        )


class FollowUpDialog(FormDialog[FollowUp]):
    """Add or edit a follow-up: task, owner, due date, done."""

    TITLE_TEXT = S.FOLLOW_UP_TITLE

    def __init__(self, follow_up: FollowUp | None, today: "object") -> None:
        super().__init__()
        self.follow_up = follow_up
        self.today = today

    def fields(self) -> ComposeResult:
        f = self.follow_up
        yield from self.labelled(S.FOLLOW_UP_TEXT, Input(f.text if f else "", id="text"))
        yield from self.labelled(S.FOLLOW_UP_OWNER, Input(f.owner if f else "", id="owner"))
        yield from self.labelled(S.FOLLOW_UP_DUE, Input(fmt_date(f.due) if f else "", id="due"))
        yield Tick(S.FOLLOW_UP_DONE, f.done if f else False, id="done")

    def on_mount(self) -> None:
        self.query_one("#text").focus()

    def result(self) -> FollowUp:
        done = self.query_one("#done", Checkbox).value
        previous = self.follow_up
        return FollowUp(
            id=previous.id if previous else new_id()[:12],
            text=line_field(text_of(self.query_one("#text", Input)), "text", S.FOLLOW_UP_TEXT,
                            S.ERR_FOLLOW_UP_TEXT),
            owner=line_field(text_of(self.query_one("#owner", Input)), "owner", S.FOLLOW_UP_OWNER),
            due=date_field(self.value("due"), "due"),
            done=done,
            done_on=(previous.done_on if previous and previous.done else self.today) if done else None,
        )


class ContactDialog(FormDialog[Contact]):
    """Add or edit a contact person of a commune."""

    TITLE_TEXT = S.CONTACT_TITLE

    def __init__(self, contact: Contact | None) -> None:
        super().__init__()
        self.contact = contact

    def fields(self) -> ComposeResult:
        c = self.contact
        yield from self.labelled(S.CONTACT_NAME, Input(c.name if c else "", id="name"))
        yield from self.labelled(S.CONTACT_ROLE, Input(c.role if c else "", id="role"))
        yield from self.labelled(S.CONTACT_PHONE, Input(c.phone if c else "", id="phone"))
        yield from self.labelled(S.CONTACT_EMAIL, Input(c.email if c else "", id="email"))

    def on_mount(self) -> None:
        self.query_one("#name").focus()

    def result(self) -> Contact:
        email = line_field(text_of(self.query_one("#email", Input)), "email", S.CONTACT_EMAIL)
        if email and not _EMAIL.match(email):
            raise FieldError(S.ERR_EMAIL, "email")
        return Contact(
            id=self.contact.id if self.contact else new_id()[:12],
            name=line_field(text_of(self.query_one("#name", Input)), "name", S.CONTACT_NAME, S.ERR_CONTACT_NAME),
            role=line_field(text_of(self.query_one("#role", Input)), "role", S.CONTACT_ROLE),
            phone=line_field(text_of(self.query_one("#phone", Input)), "phone", S.CONTACT_PHONE),
            email=email,
        )
