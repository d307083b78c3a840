"""First start: who works on this device, and is it a consultant's laptop or headquarters?"""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.widgets import Input, RadioButton, RadioSet, Static

from .. import strings as S
from ..widgets.ticks import Radio
from ..formatting import initials_of
from .form import FieldError, FormDialog, line_field, text_of

_INITIALS = re.compile(r"^[A-Za-zÄÖÜäöüß]{1,4}$")
_EMAIL = re.compile(r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")


class FirstStartDialog(FormDialog[dict]):
    """Asks once for name, initials, e-mail and role; Esc quits (nothing is written)."""

    TITLE_TEXT = S.FIRST_START_TITLE

    def fields(self) -> ComposeResult:
        yield Static(S.FIRST_START_TEXT, classes="hint")
        yield from self.labelled(S.FIRST_START_NAME, Input(id="name"))
        yield from self.labelled(S.FIRST_START_INITIALS, Input(id="initials", max_length=4))
        yield from self.labelled(S.FIRST_START_EMAIL, Input(id="email"))
        yield from self.labelled(S.FIRST_START_ROLE, RadioSet(
            Radio(S.ROLE["consultant"], value=True, id="role-consultant"), Radio(S.ROLE["hq"], id="role-hq"),
            id="role"))

    def on_mount(self) -> None:
        self.query_one("#name").focus()
        self._suggested = ""

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "name":
            initials = self.query_one("#initials", Input)
            if initials.value == self._suggested:  # only while the user has not typed their own
                self._suggested = initials_of(event.value)[:4]
                initials.value = self._suggested

    def result(self) -> dict:
        name = line_field(text_of(self.query_one("#name", Input)), "name", S.FIRST_START_NAME, S.ERR_NAME)
        initials = text_of(self.query_one("#initials", Input)).strip()
        if not _INITIALS.match(initials):
            raise FieldError(S.ERR_INITIALS, "initials")
        email = text_of(self.query_one("#email", Input)).strip()
        if not _EMAIL.match(email):
            raise FieldError(S.ERR_EMAIL, "email")
        hq = self.query_one("#role-hq", RadioButton).value
        return {"name": name, "initials": initials.upper(), "email": email, "role": "hq" if hq else "consultant"}
