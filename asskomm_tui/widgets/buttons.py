"""A row of dialog buttons that ←/→ move between, as in every desktop dialog."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button

from .. import strings as S


class ButtonRow(Horizontal):
    """Buttons side by side; ←/→ move the focus to the neighbouring button (Enter presses it)."""

    BINDINGS = [
        Binding("left", "step(-1)", S.KEY_PREVIOUS_BUTTON, show=False, id="buttons_left"),
        Binding("right", "step(1)", S.KEY_NEXT_BUTTON, show=False, id="buttons_right"),
    ]

    def action_step(self, delta: int) -> None:
        buttons = [b for b in self.query(Button) if b.focusable]
        focused = self.screen.focused
        if not buttons or focused not in buttons:
            return
        index = buttons.index(focused)  # type: ignore[arg-type]
        buttons[max(0, min(len(buttons) - 1, index + delta))].focus()
