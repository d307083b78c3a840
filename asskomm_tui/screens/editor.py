"""What the visit form and the strategy screen share: autosaved drafts, the unsaved-changes guard,
editable item lists and the save that removes the draft."""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from .. import strings as S
from ..dialogs.confirm import ChoiceDialog
from ..dialogs.form import FieldError
from ..workers import store_work

T = TypeVar("T")
AUTOSAVE_SECONDS = 2.0


class EditorScreen(ModalScreen[str | None]):
    """A full-screen form over one record; dismisses with the record id, or None when left unsaved.

    Subclasses provide ``state()`` (the form as plain JSON values), ``draft_payload(state)``,
    ``_show_items()``, ``form_data()`` and ``_store(data)``; they call ``start_autosave()`` once the
    form is filled and set ``initial``.
    """

    UNSAVED_TEXT = S.UNSAVED_TEXT

    def __init__(self, draft_key: str) -> None:
        super().__init__(classes="form-screen")
        self.draft_key = draft_key
        self.base_rev: str | None = None
        self.initial: dict[str, Any] | None = None
        self._drafted: dict[str, Any] | None = None
        self._busy = False

    @property
    def asskomm(self) -> Any:
        return self.app

    def state(self) -> dict[str, Any]:
        raise NotImplementedError

    def draft_payload(self, state: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def _show_items(self) -> None:
        raise NotImplementedError

    @property
    def dirty(self) -> bool:
        return self.initial is not None and self.state() != self.initial

    # -- drafts ---------------------------------------------------------------------------------------
    def start_autosave(self) -> None:
        """Write a draft every few seconds while the form has unsaved changes."""
        self.set_interval(AUTOSAVE_SECONDS, self.flush_draft)

    async def flush_draft(self) -> None:
        """Write the draft now if the form changed since the last one (or drop a pointless one)."""
        if self.initial is None or self._busy:
            return
        state = self.state()
        if state == self._drafted:
            return
        drafts = self.asskomm.repos.store.drafts
        if state == self.initial:
            await self.asskomm.db(drafts.delete, self.draft_key)
        else:
            await self.asskomm.db(drafts.save, self.draft_key, self.draft_payload(state))
        self._drafted = state

    # -- item lists -----------------------------------------------------------------------------------
    def put_item(self, items: list[Any], item: Any) -> None:
        """Replace the item with the same id in ``items``, or append it (None: a cancelled dialog)."""
        if item is None:
            return
        for i, existing in enumerate(items):
            if existing.id == item.id:
                items[i] = item
                break
        else:
            items.append(item)
        self._show_items()

    # -- save and leave -------------------------------------------------------------------------------
    def show_form_error(self, err: FieldError) -> None:
        """A German message under the form and as a notification; the cursor goes to the field."""
        self.query_one("#form-error", Static).update(Content(err.message))
        self.notify(err.message, severity="error", markup=False)
        if err.field:
            self.focus_field(err.field)

    def focus_field(self, field: str) -> None:
        self.query_one(f"#{field}").focus()

    async def store_and_close(self, call: Callable[..., T], *args: Any) -> T:
        """Run the store call that saves (or deletes) the record, drop the draft, and close."""
        self._busy = True
        try:
            result = await self.asskomm.db(call, *args)
            await self.asskomm.db(self.asskomm.repos.store.drafts.delete, self.draft_key)
        finally:
            self._busy = False
        self.dismiss(result.id)  # type: ignore[attr-defined]
        return result

    def form_data(self) -> Any:
        """The validated record data of the form; ``FieldError`` names the first problem."""
        raise NotImplementedError

    async def _store(self, data: Any) -> None:
        """Store ``data`` (through ``store_and_close``)."""
        raise NotImplementedError

    def action_save(self) -> None:
        """Ctrl+S: validate, show what is wrong, or store the record and close."""
        if getattr(self, "ctx", None) is None or self._busy:
            return
        try:
            data = self.form_data()
        except FieldError as err:
            self.show_form_error(err)
            return
        self.query_one("#form-error", Static).update("")
        self._save(data)

    @store_work
    async def _save(self, data: Any) -> None:
        await self._store(data)

    def action_close(self) -> None:
        """Esc: leave at once if nothing changed, else ask whether to save, drop or keep editing."""
        if not self.dirty:
            self._leave()
            return

        def chosen(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
            elif choice == "discard":
                self._leave()

        self.app.push_screen(ChoiceDialog(self.UNSAVED_TEXT, [("save", S.UNSAVED_SAVE),
                                                              ("discard", S.UNSAVED_DISCARD),
                                                              ("continue", S.UNSAVED_CONTINUE)],
                                          title=S.UNSAVED_TITLE), chosen)

    @store_work
    async def _leave(self) -> None:
        self._busy = True
        await self.asskomm.db(self.asskomm.repos.store.drafts.delete, self.draft_key)
        self.dismiss(None)



