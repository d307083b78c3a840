"""A footer that shows the keys that fit, whole, instead of cutting the last one mid-word.

Textual's footer lays every key out in a row and cuts what does not fit ("esc Filte",
"k Kontakt hinzufüg"). This one leaves out the keys that would not fit completely, from the end
and orders them by where they are bound: the screen's keys first, in the order its BINDINGS give
them (Speichern before Reiter), then the focused widget's, then the app's. Textual orders by the
first widget in the focus chain that names a key, so a text area's own Ctrl+PgUp put the screen's
Ctrl+PgUp ahead of Strg+S, which then did not fit at 80 columns. Strg+P stays on the right, and
the footer lays itself out again when the terminal's width changes. F1 lists every key.
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
    _composed: object = None  # what the keys shown were composed from (``_what_to_show``)

    def _order(self) -> dict[str, tuple[int, int]]:
        """Each shown key's place: (0 screen, 1 a focused widget, 2 the app; position in its BINDINGS)."""
        screen = self.screen
        order: dict[str, tuple[int, int]] = {}
        for key, active in screen.active_bindings.items():
            node = active.node
            tier = 0 if node is screen else 2 if node is self.app else 1
            # by action, not key: a user's keymap rebinds keys, the actions keep their places
            actions = [b.action for bs in node._bindings.key_to_bindings.values() for b in bs]
            action = active.binding.action
            order[key] = (tier, actions.index(action) if action in actions else len(actions))
        return order

    def _what_to_show(self) -> object:
        """Everything the composed keys depend on: the screen's active keys, their order, the width."""
        bindings = self.screen.active_bindings
        return (self.size.width, self.compact, self._bindings_ready, self.show_command_palette,
                self.app.COMMAND_PALETTE_BINDING, self._order(),
                tuple((key, a.binding, a.enabled, a.tooltip) for key, a in bindings.items()))

    async def recompose(self) -> None:
        """Compose again only when the keys to show changed.

        Textual recomposes the footer after every change of focus or bindings (eight times while
        the app starts, most with the same keys); each time it removes and mounts every key widget.
        """
        if self.is_attached and self._what_to_show() == self._composed:
            return
        await super().recompose()

    def compose(self) -> ComposeResult:
        self._composed = self._what_to_show()
        widgets = list(super().compose())
        order = self._order()
        widgets.sort(key=lambda w: order.get(w.key, (3, 0)) if isinstance(w, FooterKey) else (3, 0))
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
                if used + key_width(widget) > room:
                    # left out; a shorter key further on may still fit (a table's "o Sortieren"
                    # after a screen's long "entf Kontakt löschen")
                    continue
                used += key_width(widget)
            yield widget
        yield from palette

    async def on_resize(self) -> None:
        if self.size.width != self._fitted_width:
            await self.recompose()
