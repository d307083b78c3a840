"""The passphrase of this device's keys, asked at start when the key file is protected."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from .. import strings as S
from ..widgets.footer import Footer


class PassphraseDialog(ModalScreen[str | None]):
    """Enter gives the typed passphrase (shown as dots); Esc None (the app then ends: no way around it)."""

    BINDINGS = [Binding("escape", "cancel", S.KEY_PASSPHRASE_QUIT, id="passphrase_quit")]

    def __init__(self, problem: str = "") -> None:
        super().__init__(classes="dialog")
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(S.PASSPHRASE_TITLE, classes="title")
            yield Static(S.PASSPHRASE_TEXT, classes="hint")
            if self.problem:
                yield Static(Content(self.problem), id="passphrase-problem", classes="error")
            yield Input(password=True, id="passphrase")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
