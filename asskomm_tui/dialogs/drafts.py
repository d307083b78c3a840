"""Offer the autosaved drafts of forms that were never saved (crash, dead battery)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from storage.drafts import Draft

from .. import strings as S
from ..widgets.footer import Footer
from ..workers import store_work
from ..formatting import fmt_datetime
from ..widgets.tables import RecordTable


def draft_title(draft: Draft, commune_name: str) -> str:
    """What the draft was: "Neuer Besuch in Pirna" or "Besuch vom 12.03.2026 in Pirna"."""
    form = draft.payload.get("form", {})
    if draft.payload.get("strategy_id"):
        return S.DRAFT_STRATEGY.format(name=commune_name, period=f"{form.get('period_start')}–{form.get('period_end')}")
    if draft.payload.get("visit_id"):
        return S.DRAFT_VISIT_EDIT.format(date=form.get("date", ""), name=commune_name)
    return S.DRAFT_VISIT_NEW.format(name=commune_name)


class DraftsDialog(ModalScreen[None]):
    """Enter opens a draft in its form, Delete discards it, Esc keeps them for later."""

    BINDINGS = [
        Binding("escape", "close", S.KEY_CLOSE, id="drafts_close"),
        Binding("delete", "discard", S.KEY_DISCARD, id="draft_discard"),
    ]

    def __init__(self, drafts: list[tuple[Draft, str]]) -> None:
        """``drafts``: each draft with the name of its commune."""
        super().__init__(classes="dialog")
        self.drafts = {d.key: d for d, _ in drafts}
        self.names = {d.key: name for d, name in drafts}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Static(S.DRAFTS_TITLE, classes="title")
            yield Static(S.DRAFTS_TEXT, classes="hint")
            yield RecordTable(S.COL_DRAFT, S.COL_DRAFT_SAVED, id="draft-list")
        # the dialog's own keys, not those of the screen below
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(RecordTable)
        table.set_rows(
            (d.key, (draft_title(d, self.names[d.key]), fmt_datetime(d.saved_at.astimezone())))
            for d in self.drafts.values()
        )
        table.focus()

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        event.stop()
        draft = self.drafts.get(event.row_key.value or "")
        if draft is None:
            return
        self.dismiss(None)
        if draft.payload.get("strategy_id"):
            self.app.open_strategy(draft.payload["strategy_id"], draft=draft)  # type: ignore[attr-defined]
        else:
            self.app.open_visit_form(draft=draft)  # type: ignore[attr-defined]

    def action_close(self) -> None:
        """Esc: decide later; the drafts stay and are offered again (command list: Entwürfe)."""
        self.dismiss(None)

    def action_discard(self) -> None:
        """Entf: drop the highlighted draft, after a confirmation (it cannot be brought back)."""
        from .confirm import ConfirmDialog

        key = self.query_one(RecordTable).current_key
        draft = self.drafts.get(key or "")
        if draft is None:
            return
        question = S.CONFIRM_DISCARD_DRAFT.format(title=draft_title(draft, self.names[draft.key]))
        self.app.push_screen(ConfirmDialog(question, S.CONFIRM_DISCARD_DRAFT_HINT),
                             lambda yes: self._discard(draft.key) if yes else None)

    @store_work
    async def _discard(self, key: str) -> None:
        table = self.query_one(RecordTable)
        app = self.app
        await app.db(app.repos.store.drafts.delete, key)  # type: ignore[attr-defined]
        del self.drafts[key]
        table.remove_row(key)
        if not self.drafts:
            self.dismiss(None)
