"""Base of the small editing dialogs: Ctrl+S or the OK button accepts, Esc cancels, errors show by the field.

A validation message appears right under the field it is about, names it, scrolls it into view and
takes the cursor there; it goes away as soon as the field is fixed (``FieldErrors``, shared with the
visit form and the strategy screen).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, TypeVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, Select, SelectionList, Static, TextArea

from .. import strings as S
from ..widgets.footer import Footer
from ..widgets.buttons import ButtonRow
from ..errors import describe_error

T = TypeVar("T")


class FieldError(ValueError):
    """A user input problem: the German message and the widget id to focus."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def field_values(screen: Any) -> dict[str, Any]:
    """The current value of every input widget of a form, by id (to tell whether anything changed)."""
    out: dict[str, Any] = {}
    for widget in screen.query("Input, TextArea, Select, Checkbox, RadioButton, SelectionList"):
        if not widget.id:
            continue
        if isinstance(widget, TextArea):
            out[widget.id] = widget.text
        elif isinstance(widget, SelectionList):
            out[widget.id] = tuple(widget.selected)
        else:
            out[widget.id] = widget.value
    return out


def field_label(widget: Widget) -> str:
    """The German name of a field: the text of the label just above it (or its own label)."""
    if isinstance(widget, (Checkbox, RadioButton)):
        return str(widget.label)
    parent = widget.parent
    if parent is not None:
        siblings = list(parent.children)
        index = siblings.index(widget)
        for sibling in reversed(siblings[:index]):
            if isinstance(sibling, Label):
                return str(sibling.render()).split(" (")[0].strip()
            if not isinstance(sibling, Static) or "field-error" not in sibling.classes:
                break
    return ""


class FieldErrors:
    """Validation messages under their fields, for any screen with a ``result``-like validator.

    ``show(err)``: the message under the field (naming it), the field scrolled into view and focused.
    ``revalidate(validate)``: after any change, run the validator again and drop each message whose
    field is no longer wrong (new problems only appear on the next save).
    """

    def __init__(self, screen: Any, summary_id: str = "form-error") -> None:
        self.screen = screen
        self.summary_id = summary_id
        self.shown: dict[str, Static] = {}

    def show(self, err: "FieldError") -> str:
        """Show ``err``; returns the full message (with the field's name) for a notification."""
        self.clear()
        widget = self.screen.query_one(f"#{err.field}") if err.field else None
        name = field_label(widget) if widget is not None else ""
        full = f"{name}: {err.message}" if name else err.message
        summary = self.screen.query(f"#{self.summary_id}")
        if widget is None:
            self._summary(err.message)
            return full
        self._summary(S.ERR_SEE_FIELD.format(field=name) if name else "")
        note = Static(Content(f"▲ {err.message}"), classes="field-error")
        self.shown[err.field or ""] = note
        widget.parent.mount(note, after=widget)
        widget.focus()
        # once the message is laid out, show the field and its message
        self.screen.call_after_refresh(note.scroll_visible, animate=False)
        return full

    def clear(self, field: str | None = None) -> None:
        for key in [k for k in self.shown if field is None or k == field]:
            self.shown.pop(key).remove()
        if field is None or not self.shown:
            self._summary("")

    def _summary(self, text: str) -> None:
        for summary in self.screen.query(f"#{self.summary_id}"):
            summary.update(Content(text))
            summary.display = bool(text)

    def revalidate(self, validate: Any) -> None:
        if not self.shown:
            return
        try:
            validate()
        except FieldError as err:
            still = err.field
        except Exception:
            return
        else:
            still = None
        for field in list(self.shown):
            if field != still:
                self.clear(field)


class FormDialog(ModalScreen[T], Generic[T]):
    """Subclasses yield their fields from ``fields()`` and build the result in ``result()``."""

    BINDINGS = [
        Binding("ctrl+s", "accept", S.KEY_SAVE, priority=True, id="dialog_save"),
        Binding("escape", "cancel", S.KEY_CANCEL, id="dialog_cancel"),
    ]
    TITLE_TEXT = ""

    def __init__(self) -> None:
        super().__init__(classes="dialog")
        self.errors = FieldErrors(self)
        self._initial_values: dict[str, Any] | None = None

    def on_mount(self) -> None:
        # runs after the subclass's on_mount (Textual calls every class's handler): fields are filled
        self._initial_values = field_values(self)

    @property
    def dirty(self) -> bool:
        """True once any field differs from what the dialog opened with."""
        return self._initial_values is not None and field_values(self) != self._initial_values

    def unsaved_what(self) -> str:
        return S.UNSAVED_WHAT_DIALOG.format(title=self.TITLE_TEXT)

    async def save_before_quit(self) -> bool:
        """Ctrl+Q, "save": accept the dialog (its result is stored by whoever opened it)."""
        return self.action_accept()

    async def discard_before_quit(self) -> None:
        """Ctrl+Q, "discard": nothing was written, nothing to drop."""

    def on_input_changed(self, event: Input.Changed) -> None:
        self.errors.revalidate(self.result)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.errors.revalidate(self.result)

    def on_select_changed(self, event: Select.Changed) -> None:
        self.errors.revalidate(self.result)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.errors.revalidate(self.result)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box form"):
            yield Static(Content(self.TITLE_TEXT), classes="title")
            # above the fields: at 80x24 the end of a long form is below the fold
            summary = Static("", id="form-error", classes="error")
            summary.display = False  # a line only while there is something to say
            yield summary
            yield from self.fields()
            with ButtonRow(classes="buttons"):
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

    @on(Button.Pressed, "#ok")
    def _ok(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_accept()

    @on(Button.Pressed, "#cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_accept(self) -> bool:
        """Ctrl+S or OK: dismiss with the result, or show what is wrong (False)."""
        try:
            value = self.result()
        except FieldError as err:
            self.show_error(err.message, err.field)
            return False
        except ValidationError as err:
            self.show_error(describe_error(err))
            return False
        self.dismiss(value)
        return True

    def show_error(self, message: str, field: str | None = None) -> None:
        """Show a German error under the field concerned (or at the top) and put the cursor there."""
        self.errors.show(FieldError(message, field))

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
