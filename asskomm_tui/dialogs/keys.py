"""Schlüssel: this device's fingerprint, HQ's pinned key and HQ's register (``asskomm keys`` in the app).

T takes a key from a file (HQ: accepts a device; laptop: pins HQ) after the user compared the
fingerprint, X writes this device's public keys for the other side, N rotates, and at HQ S revokes
the highlighted device. All of it runs on the store thread (``store_work``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from storage.records import utc_now

from .. import strings as S
from ..widgets.footer import Footer
from ..widgets.tables import RecordTable
from ..workers import store_work
from .confirm import ConfirmDialog


def _now() -> str:
    return utc_now().isoformat().replace("+00:00", "Z")


class KeysDialog(ModalScreen[None]):
    """The keys of this device and whom it trusts."""

    BINDINGS = [
        Binding("escape", "close", S.KEY_CLOSE, id="keys_close"),
        Binding("t", "trust", S.KEY_KEYS_TRUST, id="keys_trust"),
        Binding("x", "export", S.KEY_KEYS_EXPORT, id="keys_export"),
        Binding("n", "rotate", S.KEY_KEYS_ROTATE, id="keys_rotate"),
        Binding("s", "revoke", S.KEY_KEYS_REVOKE, id="keys_revoke"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog")
        self.view: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Static(S.KEYS_TITLE, classes="title")
            yield Static("", id="keys-own")
            yield Static(S.KEYS_HINT, classes="hint")
            yield RecordTable(S.COL_KEY_DEVICE, S.COL_KEY_FINGERPRINT, S.COL_KEY_STATUS, S.COL_KEY_NAME,
                              id="key-register")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(RecordTable).focus()
        self._load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "revoke":
            return self.view.get("role") == "hq"
        return True

    @store_work(group="load", exclusive=True)
    async def _load(self) -> None:
        from ..cli_keys import hq_line, key_overview

        app: Any = self.app
        self.view = await app.db(key_overview, app.repos.store)
        view = self.view
        lines = [S.CLI_KEYS_OWN.format(role=S.CLI_KEYS_ROLE_HQ if view["role"] == "hq" else S.CLI_KEYS_ROLE_CONSULTANT,
                                       device=view["device_id"][:12], fingerprint=view["fingerprint"]),
                 S.CLI_KEYS_PROTECTED if view["protected"] else S.CLI_KEYS_UNPROTECTED]
        if view["role"] != "hq":
            lines.append(hq_line(view["hq"]))
        self.query_one("#keys-own", Static).update(Text("\n".join(lines)))
        table = self.query_one(RecordTable)
        table.set_rows(
            (e["device_id"], (e["device_id"][:12], e["fingerprint"],
                              S.CLI_KEYS_REVOKED if e["status"] == "revoked" else S.CLI_KEYS_ACCEPTED,
                              e["label"] or "–"))
            for e in view["register"]
        )
        table.border_subtitle = S.CLI_KEYS_REGISTER(len(view["register"]))
        self.refresh_bindings()

    def action_close(self) -> None:
        self.dismiss(None)

    # -- trust a key from a file --------------------------------------------------------------------
    def action_trust(self) -> None:
        from .file_picker import FilePicker

        app: Any = self.app
        self.app.push_screen(FilePicker(app.export_folder()), self._picked)

    def _picked(self, files: list[Path] | None) -> None:
        if files:
            self._plan_trust(files[0])

    @store_work
    async def _plan_trust(self, path: Path) -> None:
        from storage.trust import identity_from_file, plan_trust

        app: Any = self.app
        store = app.repos.store

        def prepare() -> tuple[Any, str]:
            identity = identity_from_file(path)
            return identity, plan_trust(store, identity)

        identity, what = await app.db(prepare)
        question = S.KEYS_TRUST_QUESTION.format(fingerprint=identity.fingerprint)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._trust(identity)

        self.app.push_screen(ConfirmDialog(question, S.KEYS_TRUST_DETAIL.format(what=what)), confirmed)

    @store_work
    async def _trust(self, identity: Any) -> None:
        from storage.trust import trust

        app: Any = self.app
        done = await app.db(trust, app.repos.store, identity, _now())
        self.notify(done, markup=False)
        self._load()

    # -- export, rotate, revoke -----------------------------------------------------------------------
    @store_work
    async def action_export(self) -> None:
        from storage.trust import export_public

        app: Any = self.app
        store = app.repos.store
        me = app.repos.me()
        name = me.data.name if me else ""
        initials = me.data.initials if me else "X"
        folder = app.export_folder()
        path = folder / f"asskomm-schluessel-{initials}.json"
        identity = await app.db(export_public, store, path, name, _now())
        self.notify(S.CLI_KEYS_EXPORTED.format(path=path, fingerprint=identity.fingerprint), markup=False,
                    timeout=15)

    def action_rotate(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self._rotate()

        self.app.push_screen(ConfirmDialog(S.KEYS_ROTATE_QUESTION, S.KEYS_ROTATE_DETAIL), confirmed)

    @store_work
    async def _rotate(self) -> None:
        app: Any = self.app
        keys = app.repos.store.keys

        def rotate() -> str:
            keys.rotate(_now())
            keys.save()
            return keys.fingerprint

        fingerprint = await app.db(rotate)
        self.notify(S.CLI_KEYS_ROTATED.format(fingerprint=fingerprint), markup=False, timeout=15)
        self._load()

    def action_revoke(self) -> None:
        device = self.query_one(RecordTable).current_key
        entry = next((e for e in self.view.get("register", []) if e["device_id"] == device), None)
        if entry is None or entry["status"] == "revoked":
            return
        question = S.KEYS_REVOKE_QUESTION.format(device=device[:12], fingerprint=entry["fingerprint"])

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._revoke(device)

        self.app.push_screen(ConfirmDialog(question, S.KEYS_REVOKE_DETAIL), confirmed)

    @store_work
    async def _revoke(self, device: str) -> None:
        from storage.trust import revoke

        app: Any = self.app
        entry = await app.db(revoke, app.repos.store, device, _now())
        self.notify(S.CLI_KEYS_REVOKED_DONE.format(device=entry["device_id"][:12], fingerprint=entry["fingerprint"]),
                    markup=False, timeout=15)
        self._load()
