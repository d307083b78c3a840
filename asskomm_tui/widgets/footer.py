"""A footer that shows the keys that fit, whole, instead of cutting the last one mid-word.

Textual's footer lays every key out in a row and cuts what does not fit ("esc Filte",
"k Kontakt hinzufüg"). This one leaves out the keys that would not fit completely, from the end
(the screen's own keys come first, the app's after them), keeps Strg+P on the right, and lays
itself out again when the terminal's width changes. F1 lists every key.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widgets import Footer as _Footer
from textual.widgets._footer import FooterKey


def key_width(key: FooterKey) -> int:
    """The cells one key takes: " key " plus "description " (as Textual 8.2.8 pads them)."""
    width = cell_len(key.key_display) + 2
    if key.description:
        width += cell_len(key.description) + 1
    return width


class Footer(_Footer):
    """Textual's footer, showing only whole keys."""

    _fitted_width = -1

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        available = self.size.width
        self._fitted_width = available
        if not available:  # not laid out yet: everything, fitted on the first resize
            yield from widgets
            return
        palette = [w for w in widgets if isinstance(w, FooterKey) and "-command-palette" in w.classes]
        room = available - sum(key_width(w) for w in palette) - 1
        used = 0
        for widget in widgets:
            if widget in palette:
                continue
            if isinstance(widget, FooterKey):
                used += key_width(widget)
                if used > room:
                    break
            yield widget
        yield from palette

    async def on_resize(self) -> None:
        if self.size.width != self._fitted_width:
            await self.recompose()
