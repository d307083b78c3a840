"""The Textual application: modes, global keys, the store gateway and error reporting in one place."""

from __future__ import annotations

import asyncio
import gc
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from storage import CorruptStoreError, Repositories, StoreError

from . import strings as S
from . import textual_de
from .errors import describe_error
from .keys import OrderedKeys
from .settings import LoadedSettings, keep_keymap_order, load_settings
from .workers import store_work
from .gateway import StoreGateway
from .readonly import ReadOnlyWindow
from .screens.base import DataScreen
from .screens.loading import StoreErrorScreen
from .screens.overview import OverviewScreen

T = TypeVar("T")


def _styled(screen: Screen) -> Screen:
    """A new mode screen, marked as up to date with the app's CSS.

    Textual 8.2 re-parses every stylesheet and restyles the whole DOM twice when it first switches
    to a mode whose screen has not seen a CSS refresh (~40 ms at start and again on the first F3),
    although a new screen's widgets get their styles as they mount. A theme change after this
    still reaches the screen: it bumps the app's count again.
    """
    from textual._context import active_app

    screen._css_update_count = active_app.get()._css_update_count
    return screen


def _communes_screen() -> Screen:
    from .screens.communes import CommunesScreen  # not needed for the first screen

    return _styled(CommunesScreen())


def _sync_screen() -> Screen:
    from .screens.sync import SyncScreen

    return SyncScreen()


def _search_commands() -> Any:
    from .screens.search import SearchCommands

    return SearchCommands


def _conflicts_screen() -> Screen:
    from .screens.conflicts import ConflictsScreen

    return ConflictsScreen()


def _agenda_screen() -> Screen:
    from .screens.agenda import AgendaScreen

    return _styled(AgendaScreen())  # no full restyle on the first F10 (see _styled)


def _bilanz_screen() -> Screen:
    from .screens.bilanz import BilanzScreen

    return _styled(BilanzScreen())


def _datenschutz_screen() -> Screen:
    from .screens.datenschutz import DatenschutzScreen

    return _styled(DatenschutzScreen())


class AsskommApp(ReadOnlyWindow, OrderedKeys, App[int]):
    """asskomm: visits, communes and follow-ups, offline."""

    CSS_PATH = "app.tcss"
    TITLE = S.APP_TITLE
    # Sync and Konflikte are imported when first shown: they are not needed to start.
    # The app starts in the Übersicht: it says "Lade Speicher …" until the store is open and its data
    # is there (keys typed meanwhile wait for it), so no second screen is built and styled at start.
    DEFAULT_MODE = "overview"
    MODES = {"overview": lambda: _styled(OverviewScreen()), "communes": lambda: _communes_screen(),
             "sync": lambda: _sync_screen(),
             "conflicts": lambda: _conflicts_screen(),
             "agenda": lambda: _agenda_screen(),
             "bilanz": lambda: _bilanz_screen(),
             "datenschutz": lambda: _datenschutz_screen()}
    COMMANDS = App.COMMANDS | {_search_commands}
    BINDINGS = [
        # the read-only window only (asskomm --lesen): what the other window saved since; first, so
        # that the footer shows it right after Beenden
        Binding("ctrl+r", "reload_store", S.KEY_RELOAD, id="reload_store"),
        Binding("f1", "help", S.KEY_HELP, id="help"),
        Binding("question_mark", "help", S.KEY_HELP, show=False, id="help_alt"),
        # early, so that an 80-column footer still shows it; a priority, because the question comes
        # up while notes are being typed (in a text field Strg+F would delete a word)
        Binding("ctrl+f", "search", S.KEY_SEARCH_ALL, priority=True, id="search"),
        Binding("slash", "search", S.KEY_SEARCH_ALL, show=False, id="search_slash"),
        Binding("f2", "overview", S.KEY_OVERVIEW, id="overview"),
        Binding("f3", "communes", S.KEY_COMMUNES, id="communes"),
        Binding("f4", "sync", S.KEY_SYNC, id="sync"),
        Binding("f7", "conflicts", S.KEY_CONFLICTS, id="conflicts"),
        # F10: F5, F6 and F8 are the screens' own keys (filters, export, import, delete)
        Binding("f10", "agenda", S.KEY_AGENDA, id="agenda"),
        # F12: F11 is the full-screen key of many terminals
        Binding("f12", "bilanz", S.KEY_BILANZ, id="bilanz"),
        # Strg+G: no text field uses it; rare work, so not in the footer (help and palette list it)
        Binding("ctrl+g", "datenschutz", S.KEY_DATENSCHUTZ, show=False, id="datenschutz"),
        Binding("ctrl+n", "new_visit", S.KEY_NEW_VISIT, id="new_visit"),
        Binding("f9", "backups", S.KEY_BACKUPS, id="backups"),
        Binding("ctrl+p", "command_palette", S.KEY_PALETTE, show=False, priority=True, id="command_palette"),
        Binding("ctrl+q", "quit", S.KEY_QUIT, priority=True, id="quit"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        # not a priority: in a text field Strg+Z undoes typing there
        Binding("ctrl+z", "undo", S.KEY_UNDO, show=False, id="undo"),
    ]

    def __init__(self, db_path: Path, today: date | None = None, config_path: Path | None = None,
                 read_only: bool = False) -> None:
        """``read_only``: a window that only looks (``asskomm --lesen``, ``readonly.py``)."""
        textual_de.apply()  # before any widget copies Textual's (English) key descriptions
        super().__init__()
        self.db_path = Path(db_path)
        self.user_settings: LoadedSettings = load_settings(config_path)  # the user's file (``settings.py``)
        self._today = today
        self.read_only = read_only
        self.gateway = StoreGateway(self.db_path, read_only=read_only)
        self.ready = False
        self.exit_code = 0
        # (what it undoes, how): the last few reversible one-key actions, newest last
        self._undo: list[tuple[str, Callable[[], Any]]] = []
        self.last_search = ""  # Strg+F opens the search with it again (selected: typing replaces it)

    # -- store access -----------------------------------------------------------------------------
    @property
    def today(self) -> date:
        """Today's date (fixed in tests)."""
        return self._today or date.today()

    @property
    def repos(self) -> Repositories:
        assert self.gateway.repos is not None, "store not open"
        return self.gateway.repos

    async def db(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a store call off the event loop (errors propagate to the worker's one handler)."""
        return await self.gateway.call(fn, *args, **kwargs)

    def report_error(self, error: BaseException) -> None:
        """The one place where failed work reaches the user: as a German message, never a traceback."""
        self.log.error(f"failed: {error!r}")
        self.notify(describe_error(error), severity="error", timeout=10, markup=False)

    # -- start ------------------------------------------------------------------------------------
    _opening: "asyncio.Future[Any] | None" = None

    def on_load(self) -> None:
        # Before the first screen is built: the store thread opens the file meanwhile, not after it.
        self._opening = asyncio.ensure_future(self.db(self.gateway.open))

    def on_mount(self) -> None:
        self.apply_settings()
        self.start_ordered_keys()
        self.open_store()

    @store_work
    async def open_store(self) -> None:
        try:
            await self._open_store()
        finally:
            gc.enable()  # paused for the start (``cli.load_app``); what the start made is frozen by now

    async def _open_store(self) -> None:
        opening, self._opening = self._opening, None  # started in on_load (a restore opens anew)
        try:
            await (opening if opening is not None else self.db(self.gateway.open))
        except Exception as exc:  # any failure gets the error screen, never an endless "Lade Speicher …"
            self.log.error(f"store not opened: {exc!r}")
            error = exc if isinstance(exc, StoreError) else StoreError(describe_error(exc))
            self.exit_code = 1
            restorable = isinstance(exc, CorruptStoreError) and not self.read_only  # a restore writes
            self.push_screen(StoreErrorScreen(error, self.db_path, restorable=restorable))
            return
        self.exit_code = 0  # e.g. opened after restoring a backup on the error screen
        store = self.repos.store
        if store.backup_warning:  # the daily backup failed (a full disk): the store opened anyway
            self.notify(store.backup_warning, severity="warning", timeout=20, markup=False)
        if not self.read_only and store.keys.locked:  # a passphrase protects the keys: asked first
            self._ask_passphrase()
            return
        await self._after_keys()

    def _ask_passphrase(self, problem: str = "") -> None:
        from .dialogs.passphrase import PassphraseDialog

        self.push_screen(PassphraseDialog(problem), self._passphrase_given)

    def _passphrase_given(self, passphrase: str | None) -> None:
        if passphrase is None:
            self.exit(0)  # no way around the passphrase
            return
        self._unlock(passphrase)

    @store_work
    async def _unlock(self, passphrase: str) -> None:
        from storage.keys import KeyError_

        try:
            await self.db(self.repos.store.keys.unlock, passphrase)
        except KeyError_ as exc:
            self._ask_passphrase(exc.message)
            return
        await self._after_keys()

    async def _after_keys(self) -> None:
        store = self.repos.store
        if store.needs_setup and not self.read_only:  # setting up writes: the other window does it
            from .dialogs.first_start import FirstStartDialog

            self.push_screen(FirstStartDialog(), self._after_setup)
        else:
            await self._enter()

    def _after_setup(self, result: dict[str, str] | None) -> None:
        if result is None:
            self.exit(0)
            return
        self._setup(result)

    @store_work
    async def _setup(self, result: dict[str, str]) -> None:
        await self.db(self.repos.store.setup_device, **result)
        self.notify(S.WELCOME.format(name=result["name"]), markup=False)
        await self._enter()

    async def _enter(self) -> None:
        self.ready = True
        self.update_sub_title()
        self.refresh_bindings()  # the store's keys (F2, F3 …) are offered from now on
        await self.switch_mode("overview")
        if isinstance(self.screen, DataScreen):
            self.screen.on_screen_resume()  # shown before the store was open: load it now
        # Everything loaded so far lives as long as the app: keep it out of the garbage collector's
        # full passes, which otherwise pause typing for ~100 ms now and then on a big store.
        gc.freeze()
        self._after_first_screen(self._build_search_index)
        self.start_refresh()
        drafts = await self.db(self._drafts_with_names)
        if drafts:
            from .dialogs.drafts import DraftsDialog

            self.push_screen(DraftsDialog(drafts))

    # After the first screen has its data: a moment for the first keys (F3, Strg+F) before slow
    # background work takes the store thread and, with it, most of the interpreter.
    QUIET_AFTER_START = 0.3

    @store_work(group="start")
    async def _after_first_screen(self, then: Callable[[], Any]) -> None:
        """Call ``then`` a moment after the first screen has its data on the terminal.

        Work queued on the store thread before (the search index: 0.4 s at 5,000 visits, 1.7 s at
        20,000) would hold the interpreter while the data is drawn, delay the first keys, and make
        a first F3 wait for its rows until the index is built. A search typed meanwhile builds the
        index itself (``Store.finder``); ``then`` finds it built.
        """
        ready = getattr(self.screen, "keys_ready_event", None)
        if isinstance(ready, asyncio.Event):
            try:
                await asyncio.wait_for(ready.wait(), 5)
            except asyncio.TimeoutError:
                pass
        self.call_after_refresh(self.set_timer, self.QUIET_AFTER_START, then)

    @store_work(group="index")
    async def _build_search_index(self) -> None:
        """Build the search index once the first screen is up; the store keeps it current from then on."""
        if self.gateway.closed:  # quit within the moment after the start (QUIET_AFTER_START)
            return
        await self.db(self.repos.store.finder)
        gc.freeze()  # the index lives as long as the store: out of the collector's full passes too

    def _drafts_with_names(self) -> list[tuple[Any, str]]:
        """Store thread: every readable draft with the name of its commune."""
        return [(d, self.repos.commune_name(d.payload.get("commune", ""))[0])
                for d in self.repos.store.drafts.list()]

    def update_sub_title(self) -> None:
        """Header: who works here, in which role, on which store."""
        me = self.repos.me()
        role = S.label(S.ROLE, self.repos.store.local.role)
        who = f"{me.data.name} ({me.data.initials})" if me else ""
        self.sub_title = f"{who} · {role}" if who else role
        if self.read_only:  # first: it must not be cut off at 80 columns; the header's colour says it too
            self.sub_title = f"{self.read_only_mark()} · {self.sub_title}"
            self.add_class("read-only-window")

    def on_unmount(self) -> None:
        self.stop_ordered_keys()
        self.gateway.close()

    # -- settings (settings.py) -------------------------------------------------------------------
    def apply_settings(self) -> None:
        """Key map and theme from the user's settings file; its problems become one warning."""
        settings = self.user_settings.settings
        if settings.keymap:
            keep_keymap_order()
        self.set_keymap(settings.keymap)
        if "command_palette" in settings.keymap:  # Textual's footer looks the palette key up by this name
            self.COMMAND_PALETTE_BINDING = settings.keymap["command_palette"].split(",")[0]
        if settings.theme in self.available_themes:  # ($TEXTUAL_THEME may name none)
            self.theme = settings.theme
        self.theme_changed_signal.subscribe(self, self._theme_chosen)
        if settings.keymap:
            self._check_binding_ids()  # warns when done, with the file's other problems
        else:
            self._warn_settings(self.user_settings.problems)

    def _warn_settings(self, problems: tuple[str, ...]) -> None:
        if problems:
            text = "\n".join((S.SET_PROBLEMS_IN.format(path=self.user_settings.path), *problems))
            self.notify(text, title=S.SET_PROBLEMS_TITLE(len(problems)), severity="warning", timeout=30,
                        markup=False)

    @store_work(group="settings")
    async def _check_binding_ids(self) -> None:
        """Drop key map entries for ids that no binding has (and say so).

        The ids are known only once every screen module is imported (~0.2 s): that happens on a
        thread, after start, and only for users with a key map.
        """
        import asyncio

        from .settings import binding_catalogue, drop_unknown_bindings

        try:
            ids = await asyncio.to_thread(binding_catalogue)
            checked = drop_unknown_bindings(self.user_settings, ids)
            if checked is not self.user_settings:
                self.user_settings = checked
                self.set_keymap(checked.settings.keymap)
        finally:
            self._warn_settings(self.user_settings.problems)

    def _theme_chosen(self, theme: Any) -> None:
        """A theme picked in the palette (Farbschema) is kept for the next start."""
        if theme.name != self.user_settings.settings.theme:
            self.save_setting("theme", theme.name)

    @store_work(group="settings")
    async def save_setting(self, key: str, value: str) -> None:
        """Write one flat setting (theme, export_folder) into the settings file, in order, off the event loop."""
        from dataclasses import replace

        from .settings import Settings, SettingsError, save_setting as write_setting

        loaded = self.user_settings
        settings = Settings.model_validate({**loaded.settings.model_dump(), key: value})
        self.user_settings = replace(loaded, settings=settings)  # a second choice compares with this one
        try:
            await self.db(write_setting, loaded.path, key, value)  # the store thread keeps the writes in order
        except SettingsError as exc:
            self.notify(exc.message, severity="warning", timeout=15, markup=False)
            return
        self.user_settings = replace(self.user_settings, exists=True)
        if key == "theme":
            self.notify(S.SET_THEME_SAVED.format(theme=value, path=loaded.path), markup=False)

    def export_folder(self) -> Path:
        """Where exports go unless the user picks another folder: the settings' export folder, else the
        folder this device used last (kept in the store before there were settings), else home."""
        folder = self.user_settings.settings.export_folder
        if folder is None and self.gateway.repos is not None:
            folder = self.repos.store.local.extra.get("export_folder") or None
        return Path(folder or Path.home()).expanduser()

    def remember_export_folder(self, folder: Path) -> None:
        """Keep ``folder`` as the export folder in the settings file (if it is another one)."""
        if Path(folder) != self.user_settings.settings.export_folder:
            self.save_setting("export_folder", str(folder))

    # -- actions ----------------------------------------------------------------------------------
    # Keys that need an open store: not offered (nor shown in the footer) while it opens or when it
    # cannot be opened (the lock and error screens).
    STORE_ACTIONS = frozenset({"overview", "communes", "sync", "conflicts", "new_visit", "backups", "drafts", "search", "agenda", "bilanz", "datenschutz",
                               "change_role", "undo"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.STORE_ACTIONS and not self.ready:
            return False
        if action == "reload_store":  # the read-only window's; its writing keys: readonly.py
            return self.read_only and self.ready
        return True

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_overview(self) -> None:
        if self.ready:
            await self._show_mode("overview")

    async def action_communes(self) -> None:
        if self.ready:
            await self._show_mode("communes")

    async def action_sync(self) -> None:
        if self.ready:
            await self._show_mode("sync")

    async def action_conflicts(self) -> None:
        if self.ready:
            await self._show_mode("conflicts")

    async def action_agenda(self) -> None:
        """F10: every open follow-up (screens/agenda.py)."""
        if self.ready:
            await self._show_mode("agenda")

    async def action_bilanz(self) -> None:
        """F12: the Bilanz over a period (screens/bilanz.py)."""
        if self.ready:
            await self._show_mode("bilanz")

    async def action_datenschutz(self) -> None:
        """Strg+G: find, export and erase what is stored about a person (screens/datenschutz.py)."""
        if self.ready:
            await self._show_mode("datenschutz")

    def action_change_role(self) -> None:
        """Switch this device between consultant and HQ, after a confirmation."""
        if not self.ready:
            return
        from .dialogs.confirm import ConfirmDialog

        old = self.repos.store.local.role
        new = "hq" if old == "consultant" else "consultant"
        question = S.ROLE_CONFIRM.format(old=S.label(S.ROLE, old), new=S.label(S.ROLE, new))
        self.push_screen(ConfirmDialog(question, S.ROLE_CONFIRM_HINT),
                         lambda yes: self._set_role(new) if yes else None)

    @store_work
    async def _set_role(self, role: str) -> None:
        await self.db(self.repos.store.update_local, role=role)
        self.update_sub_title()
        self.notify(S.ROLE_CHANGED.format(role=S.label(S.ROLE, role)))
        from .screens.sync import SyncScreen

        if isinstance(self.screen, SyncScreen):
            self.screen.reload()

    async def _show_mode(self, mode: str) -> None:
        """Switch to a mode, closing any pushed screens of the current one (dossier etc.)."""
        if self.current_mode == mode:
            while len(self.screen_stack) > 1 and not self.screen.is_modal:
                self.pop_screen()
            return
        await self.switch_mode(mode)

    def action_new_visit(self) -> None:
        if not self.ready or self.screen.is_modal:
            return
        from .dialogs.commune_picker import CommunePicker

        self.push_screen(CommunePicker(), self._open_new_visit)

    def _open_new_visit(self, ags: str | None) -> None:
        if ags:
            self.open_visit_form(commune=ags)

    def open_visit_form(self, *, commune: str | None = None, visit_id: str | None = None,
                        draft: Any = None, on_close: Callable[[str | None], None] | None = None) -> None:
        """Open the visit form for a new visit in ``commune`` or for ``visit_id`` (or from a draft).

        Read-only: a visit shows in its read-only view; a new one is refused (there is no key for it).
        """
        from .screens.visit_form import VisitFormScreen

        if self.read_only:
            if visit_id and draft is None:
                self.open_visit(visit_id)
            else:
                self.refuse_edit()
            return
        self.push_screen(VisitFormScreen(commune=commune, visit_id=visit_id, draft=draft), on_close)

    def open_visit(self, visit_id: str, part: str | None = None) -> None:
        """Show a visit read-only (``e`` there edits it); ``part``: a finding or follow-up id to put the cursor on."""
        from .screens.visit_view import VisitViewScreen

        self.push_screen(VisitViewScreen(visit_id, part=part))

    def open_strategy(self, strategy_id: str, draft: Any = None, measure: str | None = None) -> None:
        """Open the strategy editor (on top of whatever is showing), at ``measure`` if one is given."""
        from .screens.strategy import StrategyScreen

        self.push_screen(StrategyScreen(strategy_id, draft=draft, measure=measure))

    def action_search(self) -> None:
        """Strg+F or /: the search over everything, over whatever is showing (a form keeps its text)."""
        if not self.ready:
            return
        from .screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            self.screen.action_edit_query()
        elif not textual_de.CommandPalette.is_open(self):
            self.open_search(self.last_search)

    def open_search(self, query: str) -> None:
        """The search over everything, with ``query`` typed in (selected: typing replaces it)."""
        from .screens.search import SearchScreen

        self.push_screen(SearchScreen(query))

    def open_dossier(self, ags: str, tab: str | None = None, focus: str | None = None) -> None:
        """Show the dossier of a commune on top of the current screen.

        ``tab``: "visits", "fields", "tasks" or "contacts" to open instead of the visits; ``focus``: the
        key of the row there to put the cursor on (a contact's id).
        """
        from .screens.dossier import DossierScreen

        self.push_screen(DossierScreen(ags, tab=tab, focus=focus))

    def action_backups(self) -> None:
        if not self.ready or self.screen.is_modal:
            return
        from .dialogs.backups import BackupsDialog

        self.push_screen(BackupsDialog())

    def action_drafts(self) -> None:
        if self.ready:
            self.show_drafts()

    @store_work
    async def show_drafts(self) -> None:
        from .dialogs.drafts import DraftsDialog

        drafts = await self.db(self._drafts_with_names)
        if drafts:
            self.push_screen(DraftsDialog(drafts))
        else:
            self.notify(S.DRAFTS_TITLE + ": 0", markup=False)

    async def action_quit(self) -> None:
        """Quit; unsaved forms and dialogs first ask (save / discard / keep editing), like Esc does.

        Open forms write their drafts before the question, so even a crash while it is open loses
        nothing.
        """
        unsaved = [s for s in reversed(self.screen_stack) if getattr(s, "dirty", False)]
        if not unsaved:
            self.exit(self.exit_code, return_code=self.exit_code)
            return
        for screen in unsaved:
            if hasattr(screen, "flush_draft"):
                try:
                    await screen.flush_draft()
                except Exception as exc:  # the question must come even if the draft cannot be written
                    self.log.error(f"draft not saved on quit: {exc!r}")
        from .screens.editor import unsaved_dialog

        whats = [screen.unsaved_what() for screen in unsaved]
        text = (S.QUIT_UNSAVED if len(whats) == 1 else S.QUIT_UNSAVED_MANY).format(what=", ".join(whats))

        def chosen(choice: str | None) -> None:
            if choice in ("save", "discard"):
                self._quit_after(unsaved, save=choice == "save")

        self.push_screen(unsaved_dialog(text, quitting=True), chosen)

    @store_work
    async def _quit_after(self, unsaved: list[Any], save: bool) -> None:
        """Save (or discard) the unsaved screens from the top down, then quit; stop at the first failure.

        Saving a dialog hands its result to the screen below (a finding to its visit form), which
        may make that one unsaved in turn: so the stack is looked at again after each save.
        """
        if not save:
            for screen in unsaved:
                await screen.discard_before_quit()
            self.exit(self.exit_code, return_code=self.exit_code)
            return
        for _ in range(len(self.screen_stack) + 1):
            dirty = [s for s in reversed(self.screen_stack) if getattr(s, "dirty", False)]
            if not dirty:
                break
            if not await dirty[0].save_before_quit():
                self.notify(S.QUIT_NOT_SAVED, severity="warning", markup=False)
                return
            await self.store_work_done()
        self.exit(self.exit_code, return_code=self.exit_code)

    async def store_work_done(self) -> None:
        """Wait until the store work that the last step started (a dialog's result being stored) is done."""
        from textual.worker import get_current_worker

        await self._after(self)  # a dismissed dialog's callback runs through the app's queue
        try:
            me = get_current_worker()
        except Exception:
            me = None
        pending = [w for w in self.workers if w.group == "db" and w is not me and not w.is_finished]
        if pending:
            await self.workers.wait_for_complete(pending)

    # -- undo -------------------------------------------------------------------------------------
    def remember_undo(self, label: str, undo: Callable[[], Any]) -> None:
        """Offer ``undo`` (an async store action) under Strg+Z; ``label`` says what it takes back."""
        self._undo = [*self._undo[-9:], (label, undo)]

    def key_of(self, binding_id: str) -> str:
        """How the key of a binding is shown to the user (after the user's own key map)."""
        for _key, binding in self._bindings:
            if binding.id == binding_id:
                keys = self._keymap.get(binding_id, binding.key)
                return self.get_key_display(binding.with_key(keys.split(",")[0].strip()))
        return binding_id

    def action_undo(self) -> None:
        """Strg+Z: take back the last reversible action (a follow-up ticked off)."""
        if not self.ready:
            return
        if not self._undo:
            self.notify(S.NOTHING_TO_UNDO, markup=False)
            return
        self._run_undo(*self._undo.pop())

    @store_work
    async def _run_undo(self, label: str, undo: Callable[[], Any]) -> None:
        await undo()
        self.notify(S.UNDONE.format(what=label), markup=False)
        screen = self.screen
        if hasattr(screen, "reload"):
            screen.reload()

    def action_help_quit(self) -> None:
        self.notify(S.QUIT_HINT)

    def action_command_palette(self) -> None:
        """Textual's command palette, in German."""
        if self.use_command_palette and not textual_de.CommandPalette.is_open(self):
            self.push_screen(textual_de.CommandPalette(id="--command-palette"))

    def search_themes(self) -> None:
        """The theme picker (Textual's, in German)."""
        from textual.theme import ThemeProvider

        self.push_screen(textual_de.CommandPalette(providers=[ThemeProvider], placeholder=S.THEME_PLACEHOLDER))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if self.read_only:  # no entry that writes (readonly.py), and one to read the store again
            commands = [c for c in self._commands(screen) if self.offers_command(c.callback)]
            if self.ready:
                commands.insert(0, self._command(S.CMD_RELOAD, self.action_reload_store, "reload_store"))
            return commands
        return self._commands(screen)

    def _commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if self.ready:
            yield self._command(S.CMD_OVERVIEW, self.action_overview, "overview")
            yield self._command(S.CMD_COMMUNES, self.action_communes, "communes")
            yield self._command(S.CMD_AGENDA, self.action_agenda, "agenda")
            yield self._command(S.CMD_BILANZ, self.action_bilanz, "bilanz")
            yield self._command(S.CMD_DATENSCHUTZ, self.action_datenschutz, "datenschutz")
            yield self._command(S.CMD_NEW_VISIT, self.action_new_visit, "new_visit")
            yield self._command(S.CMD_SEARCH, self.action_search, "search")
            yield self._command(S.CMD_SYNC, self.action_sync, "sync")
            yield self._command(S.CMD_CONFLICTS, self.action_conflicts, "conflicts")
            yield self._command(S.CMD_BACKUPS, self.action_backups, "backups")
            yield SystemCommand(*S.CMD_ROLE, self.action_change_role)
            yield SystemCommand(*S.CMD_DRAFTS, self.action_drafts)
        yield self._command(S.CMD_HELP, self.action_help, "help")
        yield SystemCommand(*S.CMD_THEME, self.action_change_theme)
        yield self._command(S.CMD_QUIT, self.action_quit, "quit")

    def _command(self, spec: tuple[str, str], callback: Callable[[], Any], binding_id: str) -> SystemCommand:
        """A palette entry whose help text names its key as the user has it (after the key map)."""
        name, help_text = spec
        return SystemCommand(name, S.CMD_WITH_KEY.format(help=help_text, key=self.key_of(binding_id)), callback)
