"""Base of the small editing dialogs: Ctrl+S or the OK button accepts, Esc cancels, errors show inline."""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, TypeVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Static

from .. import strings as S
from ..errors import describe_error

T = TypeVar("T")


class FieldError(ValueError):
    """A user input problem: the German message and the widget id to focus."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class FormDialog(ModalScreen[T], Generic[T]):
    """Subclasses yield their fields from ``fields()`` and build the result in ``result()``."""

    BINDINGS = [
        Binding("ctrl+s", "accept", S.KEY_SAVE, priority=True, id="dialog_save"),
        Binding("escape", "cancel", S.KEY_CANCEL, id="dialog_cancel"),
    ]
    TITLE_TEXT = ""

    def __init__(self) -> None:
        super().__init__(classes="dialog")

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box form"):
            yield Static(Content(self.TITLE_TEXT), classes="title")
            # above the fields: at 80x24 the end of a long form is below the fold
            yield Static("", id="form-error", classes="error")
            yield from self.fields()
            with Horizontal(classes="buttons"):
                yield Button(S.OK, id="ok", variant="primary")
                yield Button(S.CANCEL, id="cancel")
        # the keys (Strg+S, Esc) stay visible even when the buttons are below the fold at 80x24
        yield Footer()

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def result(self) -> T:
        """Read the fields; raise ``FieldError`` for bad input."""
        raise NotImplementedError

    @staticmethod
    def labelled(text: str, widget: Widget) -> ComposeResult:
        yield Label(text)
        yield widget

    def value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.action_accept()
        else:
            self.action_cancel()

    def action_accept(self) -> None:
        try:
            value = self.result()
        except FieldError as err:
            self.show_error(err.message, err.field)
            return
        except ValidationError as err:
            self.show_error(describe_error(err))
            return
        self.dismiss(value)

    def show_error(self, message: str, field: str | None = None) -> None:
        """Show a German error under the form and put the cursor into the field concerned."""
        self.query_one("#form-error", Static).update(Content(message))
        if field:
            self.query_one(f"#{field}").focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_accept()


def text_of(widget: Any) -> str:
    """Text of an Input or TextArea without terminal control characters."""
    from storage.records import strip_control

    raw = widget.text if hasattr(widget, "text") else widget.value
    return strip_control(raw, multiline=hasattr(widget, "text"))


def date_field(text: str, field: str, required: bool = False, earliest: "date | None" = None,
               latest: "date | None" = None) -> "date | None":
    """Parse a German date typed into ``field``; ``FieldError`` with a German message if wrong."""
    from datetime import date

    from ..formatting import fmt_date, parse_date

    try:
        value = parse_date(text)
    except ValueError:
        raise FieldError(S.ERR_DATE, field) from None
    if value is None:
        if required:
            raise FieldError(S.ERR_DATE, field)
        return None
    earliest = earliest or date(1990, 1, 1)
    latest = latest or date(2100, 12, 31)
    if not earliest <= value <= latest:
        raise FieldError(S.ERR_DATE_RANGE.format(min=fmt_date(earliest), max=fmt_date(latest)), field)
    return value


def line_field(text: str, field: str, label: str, required_message: str = "") -> str:
    """A single-line text field, trimmed; checks emptiness and length."""
    from storage.records import MAX_LINE

    value = text.strip()
    if required_message and not value:
        raise FieldError(required_message, field)
    if len(value) > MAX_LINE:
        raise FieldError(S.ERR_TOO_LONG.format(field=label, max=MAX_LINE), field)
    return value
