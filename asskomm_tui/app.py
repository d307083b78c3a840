"""The Textual application: modes, global keys, the store gateway and error reporting in one place."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from storage import CorruptStoreError, Repositories, StoreError

from . import strings as S
from .errors import describe_error
from .workers import store_work
from .gateway import StoreGateway
from .screens.loading import LoadingScreen, StoreErrorScreen
from .screens.overview import OverviewScreen
from .screens.communes import CommunesScreen

T = TypeVar("T")


def _sync_screen() -> Screen:
    from .screens.sync import SyncScreen

    return SyncScreen()


def _conflicts_screen() -> Screen:
    from .screens.conflicts import ConflictsScreen

    return ConflictsScreen()


class AsskommApp(App[int]):
    """asskomm: visits, communes and follow-ups, offline."""

    CSS_PATH = "app.tcss"
    TITLE = S.APP_TITLE
    # Sync and Konflikte are imported when first shown: they are not needed to start.
    MODES = {"overview": OverviewScreen, "communes": CommunesScreen, "sync": lambda: _sync_screen(),
             "conflicts": lambda: _conflicts_screen()}
    BINDINGS = [
        Binding("f1", "help", S.KEY_HELP, id="help"),
        Binding("question_mark", "help", S.KEY_HELP, show=False, id="help_alt"),
        Binding("f2", "overview", S.KEY_OVERVIEW, id="overview"),
        Binding("f3", "communes", S.KEY_COMMUNES, id="communes"),
        Binding("f4", "sync", S.KEY_SYNC, id="sync"),
        Binding("f7", "conflicts", S.KEY_CONFLICTS, id="conflicts"),
        Binding("ctrl+n", "new_visit", S.KEY_NEW_VISIT, id="new_visit"),
        Binding("f9", "backups", S.KEY_BACKUPS, id="backups"),
        Binding("ctrl+p", "command_palette", S.KEY_PALETTE, show=False, priority=True, id="command_palette"),
        Binding("ctrl+q", "quit", S.KEY_QUIT, priority=True, id="quit"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(self, db_path: Path, today: date | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self._today = today
        self.gateway = StoreGateway(self.db_path)
        self.ready = False
        self.exit_code = 0

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
    def get_default_screen(self) -> Screen:
        return LoadingScreen()

    def on_mount(self) -> None:
        self.open_store()

    @store_work
    async def open_store(self) -> None:
        try:
            await self.db(self.gateway.open)
        except StoreError as exc:
            self.exit_code = 1
            self.push_screen(StoreErrorScreen(exc, self.db_path, restorable=isinstance(exc, CorruptStoreError)))
            return
        self.exit_code = 0  # e.g. opened after restoring a backup on the error screen
        store = self.repos.store
        if store.needs_setup:
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
        await self.switch_mode("overview")
        # Everything loaded so far lives as long as the app: keep it out of the garbage collector's
        # full passes, which otherwise pause typing for ~100 ms now and then on a big store.
        gc.freeze()
        drafts = await self.db(self._drafts_with_names)
        if drafts:
            from .dialogs.drafts import DraftsDialog

            self.push_screen(DraftsDialog(drafts))

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

    def on_unmount(self) -> None:
        self.gateway.close()

    # -- actions ----------------------------------------------------------------------------------
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
        """Open the visit form for a new visit in ``commune`` or for ``visit_id`` (or from a draft)."""
        from .screens.visit_form import VisitFormScreen

        self.push_screen(VisitFormScreen(commune=commune, visit_id=visit_id, draft=draft), on_close)

    def open_strategy(self, strategy_id: str, draft: Any = None) -> None:
        """Open the strategy editor (on top of whatever is showing)."""
        from .screens.strategy import StrategyScreen

        self.push_screen(StrategyScreen(strategy_id, draft=draft))

    def open_dossier(self, ags: str) -> None:
        """Show the dossier of a commune on top of the current screen."""
        from .screens.dossier import DossierScreen

        self.push_screen(DossierScreen(ags))

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
        """Quit; an open form first writes its draft, so not even the last seconds are lost."""
        from .screens.visit_form import VisitFormScreen

        from .screens.strategy import StrategyScreen

        for screen in self.screen_stack:
            if isinstance(screen, (VisitFormScreen, StrategyScreen)):
                try:
                    await screen.flush_draft()
                except Exception as exc:  # quitting must never be blocked by a failing draft
                    self.log.error(f"draft not saved on quit: {exc!r}")
        self.exit(self.exit_code, return_code=self.exit_code)

    def action_help_quit(self) -> None:
        self.notify(S.QUIT_HINT)

    def action_command_palette(self) -> None:
        """Textual's command palette, with a German search prompt."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=S.PALETTE_PLACEHOLDER, id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if self.ready:
            yield SystemCommand(*S.CMD_OVERVIEW, self.action_overview)
            yield SystemCommand(*S.CMD_COMMUNES, self.action_communes)
            yield SystemCommand(*S.CMD_NEW_VISIT, self.action_new_visit)
            yield SystemCommand(*S.CMD_SYNC, self.action_sync)
            yield SystemCommand(*S.CMD_CONFLICTS, self.action_conflicts)
            yield SystemCommand(*S.CMD_BACKUPS, self.action_backups)
            yield SystemCommand(*S.CMD_ROLE, self.action_change_role)
            yield SystemCommand(*S.CMD_DRAFTS, self.action_drafts)
        yield SystemCommand(*S.CMD_HELP, self.action_help)
        yield SystemCommand(*S.CMD_THEME, self.action_change_theme)
        yield SystemCommand(*S.CMD_QUIT, self.action_quit)
