"""``asskomm --lesen``: a read-only window on a store that another process holds.

A real second process holds the store (and its lock) and saves a visit on request; the app runs as
``cli.run_app(path, read_only=True)`` builds it. It shows the overview, the communes, the dossier, a
visit and a strategy; it offers no edit key (footer, help, palette), pressing one changes nothing,
and the store's folder is byte- and mtime-identical afterwards. Strg+R (and a timer) shows what the
other process saved.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, TextArea

from asskomm_tui import strings as S
from asskomm_tui.app import AsskommApp
from asskomm_tui.readonly import WRITE_BINDINGS
from asskomm_tui.screens.dossier import DossierScreen
from asskomm_tui.screens.help import HelpScreen
from asskomm_tui.screens.loading import StoreErrorScreen
from asskomm_tui.screens.overview import OverviewScreen
from asskomm_tui.screens.strategy import StrategyScreen
from asskomm_tui.screens.visit_form import VisitFormScreen
from storage import ReadOnlyStoreError, Repositories, Store
from storage.messages import shell_quote
from storage.records import Contact, VisitData
from ui_helpers import (
    H,
    PIRNA,
    TODAY,
    add_visit,
    demo_store,
    edit_store,
    footer_line,
    press,
    q,
    rows,
    running,
    screen_text,
    settle,
    static_text,
    type_text,
)

# Holds the store like an open asskomm window; "add SUMMARY" saves a visit in Pirna, as a user there would.
HOLDER = r"""
import sys
from datetime import date
from storage import Repositories, Store
from storage.records import VisitData

store = Store.open(sys.argv[1])
repos = Repositories(store)
print("ready", flush=True)
for line in sys.stdin:
    command, _, text = line.rstrip("\n").partition(" ")
    if command == "add":
        data = VisitData(commune="14628270", date=date(2026, 11, 25), summary=text,
                         consultants=(store.local.consultant_id,))
        print(repos.create_visit(data).id, flush=True)
store.close()
"""


class Holder:
    """The other window: a process that holds the store until closed."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "ready", self.proc.stderr.read()

    def add_visit(self, summary: str) -> str:
        """Save a visit in Pirna over there; its id."""
        self.proc.stdin.write(f"add {summary}\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def close(self) -> None:
        self.proc.stdin.close()
        assert self.proc.wait(timeout=30) == 0, self.proc.stderr.read()


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A store with a hostile visit, a contact and a strategy in Pirna."""
    path = demo_store(tmp_path / "kreis", visits=40)
    add_visit(path, PIRNA, date(2026, 11, 24), summary=H, notes=H,
              follow_ups=({"text": H, "owner": "Bauamt", "due": date(2026, 11, 28)},))

    def prepare(repos: Repositories) -> None:
        commune = repos.commune(PIRNA)
        contact = Contact(id="c1", name="Frau Ordnung", role="Ordnungsamt", phone="03501 1234")
        repos.save_commune(commune.data.model_copy(update={"contacts": (contact,)}), commune.rev)
        repos.create_strategy(PIRNA, 2026, 2028, title="Sicher in Pirna")

    edit_store(path, prepare)
    return path


@pytest.fixture
def holder(store: Path):
    other = Holder(store)
    try:
        yield other
    finally:
        other.close()


def folder_state(path: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in the store's folder (backups, drafts, lock included): its bytes and mtime."""
    return {str(p.relative_to(path.parent)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(path.parent.rglob("*")) if p.is_file()}


def shown_binding_ids(app: AsskommApp) -> set[str]:
    """The ids of the keys the footer may show now (what Textual offers on this screen)."""
    return {active.binding.id for active in app.screen.active_bindings.values() if active.binding.id}


def header(app: AsskommApp) -> str:
    return screen_text(app).splitlines()[0]


async def palette_names(app: AsskommApp, pilot) -> list[str]:
    await press(pilot, "ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    commands = q(app, CommandList)
    names = [str(commands.get_option_at_index(i).prompt).split("\n")[0] for i in range(commands.option_count)]
    await press(pilot, "escape")
    return names


async def test_the_read_only_window_shows_everything_offers_no_edit_and_writes_nothing(store, holder):
    before = folder_state(store)  # after the holder's open (its day's backup, its lock)
    async with running(store, read_only=True) as (app, pilot):
        # the overview, marked read-only in the header, user text shown as it was typed
        assert isinstance(app.screen, OverviewScreen)
        assert "NUR LESEN" in header(app)
        assert H in [r[3] for r in rows(q(app, "#recent"))]
        assert not shown_binding_ids(app) & WRITE_BINDINGS
        assert "reload_store" in shown_binding_ids(app)
        assert "Erledigt" not in footer_line(app)
        q(app, "#due").focus()
        await press(pilot, "x", "ctrl+n", "ctrl+z", "f9", "f4")
        assert isinstance(app.screen, OverviewScreen) and app.current_mode == "overview"
        assert H in [r[2] for r in rows(q(app, "#due"))]  # not ticked off
        await press(pilot, "f10")  # Folgeaufgaben: readable, nothing to tick off
        assert app.current_mode == "agenda" and not shown_binding_ids(app) & WRITE_BINDINGS
        await press(pilot, "x", "f2")

        # help and palette: no edit key, no writing command, Neu laden instead
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        described = {r[1] for r in rows(q(app, "#help-keys"))}
        assert {"Erledigt an/aus", S.KEY_NEW_VISIT, S.KEY_BACKUPS, S.KEY_SYNC}.isdisjoint(described)
        assert S.KEY_RELOAD in described and S.KEY_OVERVIEW in described
        await press(pilot, "escape")
        names = await palette_names(app, pilot)
        assert {"Neuer Besuch", "Sicherungen", "Entwürfe", "Rolle wechseln", "Sync"}.isdisjoint(names)
        assert {"Neu laden", "Kommunen", "Übersicht", "Hilfe"} <= set(names)

        # the communes and the dossier
        await press(pilot, "f3")
        assert app.current_mode == "communes" and "NUR LESEN" in header(app)
        await type_text(pilot, "pirna")
        await press(pilot, "enter")
        dossier = app.screen
        assert isinstance(dossier, DossierScreen) and dossier.ags == PIRNA
        assert not shown_binding_ids(app) & WRITE_BINDINGS
        footer = footer_line(app)
        for word in ("Neuer Besuch", "Status", "Kontakt"):
            assert word not in footer
        assert "Strategien" in footer
        await press(pilot, "n", "e", "k", "3", "x", "4", "delete")
        assert app.screen is dossier  # no form, no dialog, no question
        assert [r[0] for r in rows(q(app, "#contacts"))] == ["Frau Ordnung"]
        assert H in [r[1] for r in rows(q(app, "#tasks"))]

        # a contact opens locked: readable, not changeable, Strg+S does nothing
        await press(pilot, "enter")
        dialog = app.screen
        assert type(dialog).__name__ == "ContactDialog"
        name = q(app, "#name", Input)
        assert name.value == "Frau Ordnung" and name.disabled
        assert S.RO_LOCKED_BANNER in screen_text(app)
        assert "dialog_save" not in shown_binding_ids(app)
        await press(pilot, "ctrl+s", "escape")
        assert app.screen is dossier

        # a visit opens in its read-only view, never in the form
        await press(pilot, "1", "enter")
        view = app.screen
        assert not isinstance(view, VisitFormScreen) and H in screen_text(app)
        assert not shown_binding_ids(app) & WRITE_BINDINGS
        await press(pilot, "e", "x")
        assert app.screen is view
        await press(pilot, "escape")

        # a strategy opens locked: its text can be read, not typed into; Esc leaves without a question
        await press(pilot, "s")
        assert "n Neu" not in footer_line(app)
        await press(pilot, "n")
        assert type(app.screen).__name__ == "StrategiesDialog"
        await press(pilot, "enter")
        strategy = app.screen
        assert isinstance(strategy, StrategyScreen)
        assert strategy.query_one("#title", Input).value == "Sicher in Pirna"
        assert "Strategie Pirna" in screen_text(app) and S.RO_LOCKED_BANNER in screen_text(app)
        assert all(area.read_only for area in strategy.query(TextArea))
        assert all(field.disabled for field in strategy.query(Input))
        assert not shown_binding_ids(app) & (WRITE_BINDINGS | {"dialog_save"})
        state = strategy.state()
        text = strategy.query_one("#problem_description", TextArea)
        text.focus()
        await type_text(pilot, "abc")
        await press(pilot, "ctrl+s")
        assert strategy.state() == state and not strategy.dirty
        await press(pilot, "escape")
        assert type(app.screen).__name__ == "StrategiesDialog"
        await press(pilot, "escape")
        assert app.screen is dossier

        # the last guard: the store refuses every write in this window, in German
        commune = await app.db(app.repos.commune, PIRNA)
        data = VisitData(commune=PIRNA, date=TODAY, summary="darf nicht ankommen")
        changed = commune.data.model_copy(update={"notes": "darf nicht ankommen"})
        for call, args in ((app.repos.create_visit, (data,)), (app.repos.save_commune, (changed, commune.rev)),
                           (app.repos.store.drafts.save, ("visit-x", {"form": {}})),
                           (app.repos.store.backup, ()), (app.repos.store.update_local, ()),
                           (Store.restore_closed, (store, "x"))):
            with pytest.raises(ReadOnlyStoreError, match="nur zum Lesen geöffnet"):
                await app.db(call, *args)
        await press(pilot, "ctrl+q")
    assert app.return_code == 0
    assert folder_state(store) == before  # not one byte, no mtime, no draft, backup or lock file more
    holder.close()
    with Store.snapshot(store) as snap:
        assert "darf nicht ankommen" not in {v["data"]["summary"] for v in snap.raws("visit")}


async def test_strg_r_shows_what_the_other_window_saved(store, holder, monkeypatch):
    monkeypatch.setattr(AsskommApp, "REFRESH_SECONDS", 3600.0)  # only the key reads again here
    async with running(store, read_only=True) as (app, pilot):
        recent = [r[3] for r in rows(q(app, "#recent"))]
        assert "Vom anderen Fenster" not in recent
        before = app.repos.store.version
        holder.add_visit("Vom anderen Fenster")
        await settle(pilot)
        assert "Vom anderen Fenster" not in [r[3] for r in rows(q(app, "#recent"))]  # a snapshot
        await press(pilot, "ctrl+r")
        assert "Vom anderen Fenster" in [r[3] for r in rows(q(app, "#recent"))]
        assert app.repos.store.version > before
        assert any(m.startswith("Neu eingelesen") for m, _ in app.notes)
        await press(pilot, "ctrl+r")
        assert app.notes[-1][0].startswith("Nichts Neues")
        # a screen further down the stack shows it once it is visible again
        await press(pilot, "f3")
        await type_text(pilot, "pirna")
        await press(pilot, "enter")
        holder.add_visit("Noch ein Besuch")
        await press(pilot, "ctrl+r")
        assert "Noch ein Besuch" in [r[2] for r in rows(q(app, "#visits"))]
        await press(pilot, "f2")
        assert "Noch ein Besuch" in [r[3] for r in rows(q(app, "#recent"))]


async def test_the_window_reads_again_by_itself_when_the_other_one_saves(store, holder, monkeypatch):
    monkeypatch.setattr(AsskommApp, "REFRESH_SECONDS", 0.05)
    async with running(store, read_only=True) as (app, pilot):
        holder.add_visit("Von selbst gesehen")
        for _ in range(100):  # a few timer intervals, however slow the machine
            await pilot.pause(0.05)
            await settle(pilot)
            if "Von selbst gesehen" in [r[3] for r in rows(q(app, "#recent"))]:
                break
        else:
            raise AssertionError("the saved visit never showed")
        assert not [m for m, _ in app.notes if m.startswith("Neu eingelesen")]  # quietly


async def test_the_lock_message_offers_the_read_only_window(store, holder):
    before = folder_state(store)
    async with running(store) as (app, pilot):
        assert isinstance(app.screen, StoreErrorScreen)
        hint = static_text(q(app, "#store-locked-hint"))
        assert f"asskomm --lesen --db {shell_quote(str(store))}" in hint
        assert "Nur lesen öffnen" in footer_line(app)
        await press(pilot, "l")
        assert isinstance(app.screen, OverviewScreen) and app.read_only
        assert "NUR LESEN" in header(app)
        assert not shown_binding_ids(app) & WRITE_BINDINGS
        await press(pilot, "ctrl+q")
    assert app.return_code == 0
    assert folder_state(store) == before


async def test_a_store_without_lock_opens_read_only_too_and_stays_untouched(store):
    before = folder_state(store)
    async with running(store, read_only=True, size=(120, 40)) as (app, pilot):
        assert "NUR LESEN · Stand" in header(app)
        await press(pilot, "f3", "f7", "f10", "f2")
        assert "Neu laden" in footer_line(app)  # room for it at 120 columns
        # a writer can open it meanwhile: the read-only window holds no lock
        with Store.open(store) as other:
            assert not other.read_only
    after = folder_state(store)
    assert after.keys() == before.keys()  # no lock, draft or backup file of the window's own
    unlocked = {k: v for k, v in before.items() if not k.endswith(".lock")}  # the writer took the lock
    assert {k: v for k, v in after.items() if k in unlocked} == unlocked


def asskomm(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The installed ``asskomm`` command."""
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "xdg"), "XDG_CONFIG_HOME": str(home / "cfg")}
    env.pop("ASSKOMM_DB", None)
    command = Path(sys.executable).with_name("asskomm")
    return subprocess.run([str(command), *args], capture_output=True, text=True, env=env, timeout=60)


def test_lesen_on_a_missing_store_says_so_and_creates_nothing(tmp_path):
    missing = tmp_path / "neu" / "missing.json"
    result = asskomm("--lesen", "--db", str(missing), home=tmp_path / "home")
    assert result.returncode == 1
    assert f"Die Speicherdatei {missing} gibt es nicht." in result.stderr
    assert "Nur zum Lesen öffnet asskomm nur einen vorhandenen Speicher" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "neu").exists()
    empty = tmp_path / "leer.json"
    empty.write_bytes(b"")
    result = asskomm("--lesen", "--db", str(empty), home=tmp_path / "home")
    assert result.returncode == 1 and "ist leer" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["leer.json"]
    assert empty.read_bytes() == b""


def test_lesen_is_for_the_window_only(tmp_path):
    result = asskomm("--lesen", "check", "--db", str(tmp_path / "x.json"), home=tmp_path / "home")
    assert result.returncode == 2
    assert S.CLI_READ_ONLY_ALONE in result.stderr
    result = asskomm("--help", home=tmp_path / "home")
    assert "--lesen" in result.stdout and "nur zum Lesen" in result.stdout


async def test_the_writing_window_offers_no_reload_key(store):
    async with running(store) as (app, pilot):
        assert not app.read_only and "NUR LESEN" not in header(app)
        q(app, "#due").focus()  # x is offered on the follow-ups (the edit key the other window lacks)
        await press(pilot)
        assert "reload_store" not in shown_binding_ids(app) and "toggle_done" in shown_binding_ids(app)
        await press(pilot, "f1")
        described = {r[1] for r in rows(q(app, "#help-keys"))}
        assert S.KEY_RELOAD not in described and S.KEY_NEW_VISIT in described
        await press(pilot, "escape")
        assert "Neu laden" not in await palette_names(app, pilot)


async def test_a_conflict_shown_read_only_does_not_offer_to_store_a_merge(tmp_path):
    from asskomm_tui import strings as S
    from test_ui_conflicts import visit_conflicts

    a, _, _, _ = visit_conflicts(tmp_path)
    before = a.read_bytes()
    async with running(a, read_only=True) as (app, pilot):
        await press(pilot, "f7", "enter")
        text = " ".join(screen_text(app).split())
        assert "nur zum Lesen" in text and "Strg+S" not in text
        await press(pilot, "ctrl+s")
    assert a.read_bytes() == before
