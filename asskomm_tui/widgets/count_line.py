"""One line of plain text that changes on every keystroke ("12 von 418 Kommunen").

A ``Static`` parses its text as markup and builds it through Textual's content pipeline on each
update: a tenth of the commune filter's keystroke. This line is drawn from the string directly;
the text is shown literally.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget


class CountLine(Widget):
    """A single line of literal text, aligned by the ``text-align`` style (left or right)."""

    DEFAULT_CSS = "CountLine { height: 1; }"

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = text

    @property
    def text(self) -> str:
        """The text shown."""
        return self._text

    def update(self, text: str) -> None:
        """Show ``text`` (repainting only when it changed)."""
        if text != self._text:
            self._text = text
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        style = self.rich_style
        if y != 0:
            return Strip.blank(width, style)
        text = self._text if cell_len(self._text) <= width else self._text[: max(0, width)]
        padding = " " * max(0, width - cell_len(text))
        line = padding + text if self.styles.text_align in ("right", "end") else text + padding
        return Strip([Segment(line, style)], width)
