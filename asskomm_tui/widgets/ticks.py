"""Tick boxes, radio buttons and tick lists that read the same without colour.

Textual draws ``▐X▌`` for a ticked and an unticked box alike (and ``▐●▌`` for both radio buttons) and
tells them apart by colour only: on a monochrome terminal, a projector or for a colour-blind user
they look the same. Here an unticked box is empty (``▐ ▌``) and a ticked one shows ``✓``.
A tick list also highlights its first entry when it gets the focus, so the first Space ticks it.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList

TICKED = "✓"
UNTICKED = " "
CHOSEN = "●"


class Tick(Checkbox):
    """A checkbox: ``▐✓▌`` when ticked, ``▐ ▌`` when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return TICKED if self.value else UNTICKED


class Radio(RadioButton):
    """A radio button: ``▐●▌`` when chosen, ``▐ ▌`` when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return CHOSEN if self.value else UNTICKED


class TickList(SelectionList[str]):
    """A list of entries to tick with Space, ``✓`` before each ticked one."""

    def on_focus(self) -> None:
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        index = self.scroll_offset.y + y
        # the base class puts [left side, inner mark, right side, space, prompt…] before each entry
        if len(segments) < 4 or not 0 <= index < self.option_count:
            return strip
        selected = self.get_option_at_index(index).value in self._selected
        inner = segments[1]
        segments[1] = Segment(TICKED if selected else UNTICKED, inner.style, inner.control)
        return Strip(segments, strip.cell_length)
