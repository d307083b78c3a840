"""What the visit form and the strategy screen share: autosaved drafts, the unsaved-changes guard,
editable item lists and the save that removes the draft."""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from textual.content import Content
from textual.screen import ModalScreen
from textual.binding import Binding
from textual.widgets import Static

from storage import StoreError

from .. import strings as S
from ..dialogs.confirm import ChoiceDialog
from ..dialogs.form import FieldError, FieldErrors
from ..errors import describe_error
from ..keys import KeysReady
from ..workers import store_work

T = TypeVar("T")
AUTOSAVE_SECONDS = 2.0


class EditorScreen(KeysReady, ModalScreen[str | None]):
    """A full-screen form over one record; dismisses with the record id, or None when left unsaved.

    Subclasses provide ``state()`` (the form as plain JSON values), ``draft_payload(state)``,
    ``_show_items()``, ``form_data()`` and ``_store(data)``; once the form is filled they set
    ``initial``, call ``start_autosave()`` and ``keys_ready()`` (keys typed while it loads wait).
    """

    UNSAVED_TEXT = S.UNSAVED_TEXT
    # a modal screen gets none of the app's keys but the priority ones: help is wanted here too
    BINDINGS = [Binding("f1", "app.help", S.KEY_HELP, id="editor_help")]

    def __init__(self, draft_key: str) -> None:
        super().__init__(classes="form-screen")
        self.draft_key = draft_key
        self.base_rev: str | None = None
        self.initial: dict[str, Any] | None = None
        self._drafted: dict[str, Any] | None = None
        self._draft_failed = False  # the last autosave failed and the user was told
        self._busy = False
        self.errors = FieldErrors(self)

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
        """Write the draft now if the form changed since the last one (or drop a pointless one).

        Never raises: a draft that cannot be written (a full disk) is a warning shown once; the form
        keeps everything typed and the next call tries again.
        """
        if self.initial is None or self._busy:
            return
        state = self.state()
        if state == self._drafted:
            return
        drafts = self.asskomm.repos.store.drafts
        try:
            if state == self.initial:
                await self.asskomm.db(drafts.delete, self.draft_key)
            else:
                await self.asskomm.db(drafts.save, self.draft_key, self.draft_payload(state))
        except Exception as exc:  # a timer callback that raised would end the app, typed text and all
            self.log.error(f"draft not saved: {exc!r}")
            if not self._draft_failed:  # once, not every few seconds while the disk stays full
                self._draft_failed = True
                self.notify(S.DRAFT_SAVE_FAILED.format(reason=describe_error(exc)), severity="warning",
                            timeout=15, markup=False)
            return  # ``_drafted`` stays behind, so the next interval tries again
        self._drafted = state
        if self._draft_failed:
            self._draft_failed = False
            self.notify(S.DRAFT_SAVED_AGAIN, markup=False)

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
        """The German message under its field (naming it) and as a notification; the cursor goes there."""
        if err.field:
            self.reveal_field(err.field)
        message = self.errors.show(err)
        self.notify(message, severity="error", markup=False)

    def reveal_field(self, field: str) -> None:
        """Make the field visible before it gets the focus (the strategy screen switches tabs)."""

    def on_input_changed(self, event: Any) -> None:
        self._revalidate()

    def on_text_area_changed(self, event: Any) -> None:
        self._revalidate()

    def on_select_changed(self, event: Any) -> None:
        self._revalidate()

    def _revalidate(self) -> None:
        if getattr(self, "ctx", None) is not None:
            self.errors.revalidate(self.form_data)

    async def store_and_close(self, call: Callable[..., T], *args: Any) -> T:
        """Run the store call that saves (or deletes) the record, drop the draft, and close."""
        self._busy = True
        try:
            # a failure (a full disk) propagates to the worker's report: the form stays open with
            # everything typed, the store is as before, and Ctrl+S may simply be pressed again
            result = await self.asskomm.db(call, *args)
            try:
                await self.asskomm.db(self.asskomm.repos.store.drafts.delete, self.draft_key)
            except StoreError as exc:  # the record is stored; a leftover draft is only offered again
                self.log.error(f"draft not removed: {exc!r}")
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
        """Ctrl+S: validate, show what is wrong, or store the record and close.

        Every key typed before Ctrl+S has reached its field by now (``keys.OrderedKeys``); keys typed
        after it wait until the form has closed, so they cannot land in a form that is going away.
        """
        if getattr(self, "ctx", None) is None or self._busy:
            return
        try:
            data = self.form_data()
        except FieldError as err:
            self.show_form_error(err)
            return
        self.errors.clear()
        self.keys_ready_event.clear()
        self._save(data)

    @store_work
    async def _save(self, data: Any) -> None:
        try:
            await self._store(data)
        finally:
            self.keys_ready()  # saved and closed, or failed and still open: keys go on

    async def save_before_quit(self) -> bool:
        """Ctrl+Q with unsaved changes, "save": store now; False (with the reason shown) if that failed."""
        if getattr(self, "ctx", None) is None:
            return False
        try:
            data = self.form_data()
        except FieldError as err:
            self.show_form_error(err)
            return False
        try:
            await self._store(data)
        except Exception as exc:  # the form stays, with everything typed
            self.app.report_error(exc)  # type: ignore[attr-defined]
            return False
        return True

    async def discard_before_quit(self) -> None:
        """Ctrl+Q with unsaved changes, "discard": drop the draft too."""
        await self.asskomm.db(self.asskomm.repos.store.drafts.delete, self.draft_key)

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

        self.app.push_screen(unsaved_dialog(self.UNSAVED_TEXT), chosen)

    @store_work
    async def _leave(self) -> None:
        self._busy = True
        await self.asskomm.db(self.asskomm.repos.store.drafts.delete, self.draft_key)
        self.dismiss(None)


def unsaved_dialog(text: str, quitting: bool = False) -> ChoiceDialog:
    """The question on leaving unsaved changes: save, discard, or keep editing (Esc)."""
    save, discard = (S.UNSAVED_SAVE_QUIT, S.UNSAVED_DISCARD_QUIT) if quitting else (S.UNSAVED_SAVE, S.UNSAVED_DISCARD)
    return ChoiceDialog(text, [("save", save), ("discard", discard), ("continue", S.UNSAVED_CONTINUE)],
                        title=S.UNSAVED_TITLE)
