"""Yes/no and multiple-choice questions."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from .. import strings as S
from ..widgets.footer import Footer
from ..widgets.buttons import ButtonRow


class ChoiceDialog(ModalScreen[str | None]):
    """A question with a few buttons; dismisses with the chosen button's key (None on Esc)."""

    BINDINGS = [Binding("escape", "cancel", S.KEY_CANCEL, id="dialog_cancel")]

    def __init__(self, question: str, choices: list[tuple[str, str]], detail: str = "",
                 title: str = "") -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.detail = detail
        self.choices = choices
        self.dialog_title = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box choice"):
            if self.dialog_title:
                yield Static(Content(self.dialog_title), classes="title")
            yield Static(Content(self.question), id="question")
            if self.detail:
                yield Static(Content(self.detail), classes="hint")
            with ButtonRow(classes="buttons"):
                for i, (key, text) in enumerate(self.choices):
                    yield Button(Content(text), id=f"choice-{key}", variant="primary" if i == 0 else "default")
        # the dialog's own keys, not those of the screen below
        yield Footer()

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """Yes or no; Esc means no."""

    BINDINGS = [
        Binding("escape", "answer(False)", S.CONFIRM_NO, id="confirm_no"),
        Binding("j", "answer(True)", S.CONFIRM_YES, show=False, id="confirm_yes_key"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Content(self.question), id="question")
            if self.detail:
                yield Static(Content(self.detail), classes="hint")
            with ButtonRow(classes="buttons"):
                yield Button(S.CONFIRM_YES, id="yes", variant="error")
                yield Button(S.CONFIRM_NO, id="no")
        # the dialog's own keys, not those of the screen below
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
