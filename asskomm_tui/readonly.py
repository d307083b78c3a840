"""The read-only window (``asskomm --lesen``): which keys, commands and screens change the store.

A second window looks things up in a store that another window holds (``Store.snapshot``: no lock,
nothing written). It offers no edit keys: one list here names every binding (by its id) that writes,
and the app hides those everywhere at once (footer, help, palette) and refuses them if pressed
(``AsskommApp._check_action_state`` and ``run_action``), so no screen needs a read-only branch of its
own. Screens that only edit a record (the visit form, the strategy, the item dialogs) open with their
fields locked: readable, scrollable, not changeable. Whatever slips through still meets the store,
which refuses every write in this mode (``gateway.StoreGateway``).

A new key that writes belongs in ``WRITE_BINDINGS``; a new dialog that edits a record in
``EDIT_SCREENS``. ``ReadOnlyWindow`` is the app's side (a mixin of ``AsskommApp``): the refusals,
the locked screens, and reading the file again (Strg+R, and every few seconds by itself).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from . import strings as S
from .workers import store_work

# Every binding id that changes the store (or its drafts and backups), or opens a screen that
# exists only to do so.
WRITE_BINDINGS = frozenset({
    # app
    "new_visit", "backups", "undo", "sync",
    # overview, dossier, strategies
    "toggle_done", "dossier_new_visit", "edit_status", "add_contact", "delete_contact", "dossier_toggle_done",
    "strategies_new",
    # visit form and strategy editor
    "visit_save", "visit_delete", "visit_add_item", "visit_add_item_alt", "visit_remove_item",
    "visit_toggle_done", "strategy_save", "strategy_add_item", "strategy_remove_item", "strategy_toggle_finding",
    # sync, import, conflicts
    "sync_export", "sync_import", "preview_apply", "resolve_save",
    *(f"resolve_take_{n}" for n in range(1, 10)),
    # drafts and backups
    "draft_discard", "backup_now", "backups_restore", "restore_backup",
    # the visit view, the Folgeaufgaben (screens/agenda.py)
    "visit_view_edit", "visit_view_toggle_done", "agenda_toggle_done",
    # the Auswertung (screens/bilanz.py): HQ's budget
    "bilanz_budget",
    # Datenschutz (screens/datenschutz.py): the erasure of a person
    "datenschutz_erase",
})

# The read-only window's own keys (Neu laden): not offered in the window that writes.
READ_ONLY_BINDINGS = frozenset({"reload_store"})

# App actions without a key of their own (palette entries) that write.
WRITE_ACTIONS = frozenset({"change_role", "drafts"})

# Bindings that write only on an edit screen: a form dialog's Strg+S stores the record it edits,
# but in the document export dialog it only names the file to write.
SAVE_BINDINGS = frozenset({"dialog_save"})

# Screens (class names) that only edit a record: in the read-only window they open locked.
EDIT_SCREENS = frozenset({
    "VisitFormScreen", "StrategyScreen",
    "FindingDialog", "FollowUpDialog", "ContactDialog", "CommuneStatusDialog",
    "GoalDialog", "MeasureDialog", "EvaluationItemDialog", "NewStrategyDialog", "FirstStartDialog",
})


def is_edit_screen(screen: Any) -> bool:
    """True for a screen that exists to edit a record (it opens locked in the read-only window)."""
    return type(screen).__name__ in EDIT_SCREENS


def writes(node: Any, binding_id: str | None) -> bool:
    """True if the binding ``binding_id`` of ``node`` (a screen, widget or the app) changes the store."""
    if not binding_id:
        return False
    return binding_id in WRITE_BINDINGS or (binding_id in SAVE_BINDINGS and is_edit_screen(node))


def action_writes(node: Any, action: str) -> bool:
    """True if ``action`` as bound on ``node`` (``"toggle_done"``, ``"app.new_visit"``) writes.

    Looked up through the node's bindings (an action is known by the id of the key that runs it);
    app actions without a key by ``WRITE_ACTIONS``.
    """
    name = action.removeprefix("app.").split("(", 1)[0]
    if name in WRITE_ACTIONS and (action.startswith("app.") or _is_app(node)):
        return True  # the app's own (it has a screen stack)
    bindings = getattr(node, "_bindings", None)
    if bindings is None:
        return False
    return any(b.action == action and writes(node, b.id)
               for group in bindings.key_to_bindings.values() for b in group)


def _is_app(node: Any) -> bool:
    return hasattr(node, "screen_stack")


def lock_fields(screen: Any) -> None:
    """Make an edit screen readable only: text areas read-only (they still scroll and select), every
    other field and every button but Cancel disabled, and a line on top that says so."""
    from textual.widgets import Button, Checkbox, Input, RadioButton, Select, SelectionList, Static, TextArea

    for widget in screen.query("*"):
        if isinstance(widget, TextArea):
            widget.read_only = True
        elif isinstance(widget, (Input, Select, Checkbox, RadioButton, SelectionList)):
            widget.disabled = True
        elif isinstance(widget, Button) and widget.id != "cancel":
            widget.disabled = True
    screen.add_class("read-only")
    screen.mount(Static(S.RO_LOCKED_BANNER, classes="read-only-banner"))
    if screen.focused is None:
        screen.focus_next()  # a table or text to read, instead of nothing


class ReadOnlyWindow:
    """App mixin for ``asskomm --lesen``: no edit keys, locked edit screens, the file read again.

    ``read_only`` is set before the store opens (``AsskommApp(read_only=True)``), or on the lock
    screen when the user chooses to look things up instead (``open_read_only``).
    """

    read_only = False
    # how often the window looks whether the other window has saved (a stat of the file, no read)
    REFRESH_SECONDS = 3.0
    _refreshing = False
    _refresh_failed = False

    # -- no edit keys ----------------------------------------------------------------------------------
    def _check_action_state(self, action: str, default_namespace: Any) -> bool | None:
        # Textual asks this for every key it shows (footer) or lists (the app's active bindings)
        if self.read_only and action_writes(default_namespace, action):
            return False
        return super()._check_action_state(action, default_namespace)  # type: ignore[misc]

    async def run_action(self, action: Any, default_namespace: Any = None, namespaces: Any = None) -> bool:
        """Textual runs every key binding through here: a writing one does nothing read-only."""
        if self.read_only and isinstance(action, str) and action_writes(default_namespace or self, action):
            return False
        return await super().run_action(action, default_namespace, namespaces)  # type: ignore[misc]

    def offers(self, node: Any, binding: Any) -> bool:
        """False for a key that this window does not offer (the help asks): an edit key in the
        read-only window, the read-only window's own keys in the other."""
        binding_id = getattr(binding, "id", None)
        if self.read_only:
            return not writes(node, binding_id)
        return binding_id not in READ_ONLY_BINDINGS

    def offers_command(self, callback: Any) -> bool:
        """False for a palette entry whose action (``action_new_visit``) writes."""
        name = getattr(callback, "__name__", "")
        return not (self.read_only and name.startswith("action_")
                    and action_writes(self, name.removeprefix("action_")))

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Screens that only edit open locked in the read-only window."""
        result = super().push_screen(screen, *args, **kwargs)  # type: ignore[misc]
        if self.read_only and is_edit_screen(screen):
            # queued behind the screen's compose and mount: its fields exist, its data may follow
            screen.call_later(lock_fields, screen)
        return result

    def refuse_edit(self) -> None:
        """Say why nothing happens (an edit asked for in a way that has no key to hide)."""
        app: Any = self
        app.notify(S.RO_REFUSED, severity="warning", markup=False)

    def open_read_only(self) -> None:
        """Open the store read-only after all (the lock screen's L): as ``asskomm --lesen`` would."""
        app: Any = self
        self.read_only = True
        app.gateway.read_only = True
        app.open_store()

    # -- the header --------------------------------------------------------------------------------------
    def read_only_mark(self) -> str:
        """``NUR LESEN · Stand 14:32`` (the other window's last save), for the header's sub-title."""
        app: Any = self
        saved = app.gateway.saved_at
        if saved is None:
            return S.RO_MARK
        when = saved.strftime("%H:%M") if saved.date() == date.today() else saved.strftime("%d.%m.%Y %H:%M")
        return S.RO_MARK_SAVED.format(time=when)

    # -- reading the file again ---------------------------------------------------------------------------
    def start_refresh(self) -> None:
        """Look every few seconds whether the other window saved, and show it if so."""
        app: Any = self
        if self.read_only:
            app.set_interval(self.REFRESH_SECONDS, self._poll_store)

    def _poll_store(self) -> None:
        if not self._refreshing:
            self.refresh_store(manual=False)

    def action_reload_store(self) -> None:
        """Strg+R: read the store again now."""
        app: Any = self
        if self.read_only and app.ready:
            self.refresh_store(manual=True)

    @store_work(group="refresh")
    async def refresh_store(self, manual: bool) -> None:
        """Read the file again if it changed; reload what is shown. ``manual``: say what happened."""
        from storage import StoreError

        app: Any = self
        self._refreshing = True
        try:
            try:
                changed = await app.db(app.gateway.refresh)
            except StoreError as exc:  # being replaced, damaged, gone: the last snapshot stays shown
                if manual or not self._refresh_failed:
                    app.notify(S.RO_REFRESH_FAILED.format(reason=exc.message, mark=self.read_only_mark()),
                               severity="warning", timeout=15, markup=False)
                self._refresh_failed = True
                return
            self._refresh_failed = False
            if changed:
                self._show_refreshed()
            if manual:
                text = S.RO_REFRESHED if changed else S.RO_UNCHANGED
                app.notify(text.format(mark=self.read_only_mark()), markup=False)
        finally:
            self._refreshing = False

    def _show_refreshed(self) -> None:
        """The new snapshot is in: the header, every visible data screen, the search index."""
        from .screens.base import DataScreen

        app: Any = self
        app.update_sub_title()
        for screen in reversed(app.screen_stack):  # the top screen, and those a dialog leaves visible
            if isinstance(screen, DataScreen):
                screen.reload()
            if not screen.is_modal:
                break
        build_index = getattr(app, "_build_search_index", None)
        if build_index is not None:
            build_index()
