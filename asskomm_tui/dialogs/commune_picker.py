"""Pick a commune by typing a few letters (for "Neuer Besuch" from anywhere)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from storage.views import CommuneRow

from .. import strings as S
from ..widgets.footer import Footer
from ..workers import store_work
from ..formatting import short_kreis
from ..services.search import Indexed, SearchIndex

MAX_SHOWN = 50


class CommunePicker(ModalScreen[str | None]):
    """Dismisses with the AGS of the chosen commune, or None."""

    BINDINGS = [
        Binding("escape", "cancel", S.KEY_CANCEL, id="picker_cancel"),
        Binding("down", "move(1)", show=False, id="picker_down"),
        Binding("up", "move(-1)", show=False, id="picker_up"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog")
        self._index: SearchIndex[CommuneRow] = SearchIndex([])

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box picker"):
            yield Static(S.PICK_COMMUNE_TITLE, classes="title")
            yield Input(placeholder=S.SEARCH_PLACEHOLDER, id="picker-search")
            yield OptionList(id="picker-list")
            yield Static(S.PICK_COMMUNE_HINT, classes="hint")
        # the dialog's own keys, not those of the screen below
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._load()

    @store_work
    async def _load(self) -> None:
        app = self.app
        rows = await app.db(app.repos.commune_rows, app.today)  # type: ignore[attr-defined]
        self._index = SearchIndex(Indexed.of(r, r.name, r.kreis, r.ags) for r in rows)
        self._refresh_options()

    def _refresh_options(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        hits = self._index.search(self.query_one(Input).value)[:MAX_SHOWN]
        options.add_options(Option(Content(f"{r.name} – {short_kreis(r.kreis)}"), id=r.ags) for r in hits)
        if hits:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refresh_options()

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + delta))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
