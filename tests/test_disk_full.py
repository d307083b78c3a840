"""A full disk (a laptop's disk, a USB stick): the store still opens, typing is never lost, a failed save
says in German how much room is needed and succeeds once it is there, and the CLI ends with a message.

The disk is made full for the files of one store only (``disk_faults``): the writer in
``storage/durable.py`` gets ENOSPC for them, everything else in the process writes as usual.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from asskomm_tui import strings as S
from asskomm_tui.formatting import fmt_size
from asskomm_tui.screens.overview import OverviewScreen
from asskomm_tui.screens.strategy import StrategyScreen
from disk_faults import ENV, install, store_file, under
from storage import Store
from sync_helpers import introduce, new_store
from storage.backups import BackupManager
from ui_helpers import (
    new_pirna_visit,
    PIRNA,
    demo_store,
    disk_records,
    drafts_of,
    fast_autosave,  # noqa: F401  (fixture)
    press,
    q,
    running,
    settle,
    type_text,
    wait_for_draft,
)

TESTS = Path(__file__).parent
DISK_FULL = "Auf dem Datenträger von"
BACKUP_FAILED = "Die tägliche Sicherung wurde nicht angelegt: Auf dem Datenträger von"


def backups_folder(path: Path) -> Path:
    return BackupManager(path).folder


def without_backups(path: Path) -> Path:
    """The store with no backup yet, so that opening it today makes the daily one."""
    shutil.rmtree(path.parent / "backups", ignore_errors=True)
    return path


def temp_leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if ".tmp-" in p.name]


async def until(pilot, condition, rounds: int = 60) -> None:
    """Let the app run (autosave intervals) until ``condition()`` holds."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.05)
        await settle(pilot)
    raise AssertionError("the condition never came true")


# -- opening --------------------------------------------------------------------------------------
async def test_store_opens_with_a_warning_when_the_daily_backup_finds_the_disk_full(tmp_path, monkeypatch):
    path = without_backups(demo_store(tmp_path))
    folder = backups_folder(path)
    fault = install(under(folder), [folder], monkeypatch)
    before = set(disk_records(path, "visit"))
    async with running(path) as (app, pilot):
        assert isinstance(app.screen, OverviewScreen)  # not stuck at "Lade Speicher …"
        assert fault.failures == 1
        warnings = [m for m, severity in app.notes if severity == "warning"]
        assert len(warnings) == 1 and warnings[0].startswith(BACKUP_FAILED), app.notes
        assert f"{folder} ist nicht genug Platz: zum Speichern werden etwa {fmt_size(path.stat().st_size)}" \
               " gebraucht, frei sind 3,1 MB." in warnings[0]
        assert "Der Speicher ist trotzdem geöffnet" in warnings[0]
        # and it works: a visit typed and saved reaches the file
        await new_pirna_visit(app, pilot, "Trotz voller Platte")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, OverviewScreen)
    new = [r for i, r in disk_records(path, "visit").items() if i not in before]
    assert [r["data"]["summary"] for r in new] == ["Trotz voller Platte"]
    assert list(folder.glob("*.json")) == []  # no half backup either
    assert temp_leftovers(tmp_path) == []


# -- drafts ---------------------------------------------------------------------------------------
async def test_autosave_on_a_full_disk_warns_once_keeps_the_text_and_writes_when_room_is_back(
        tmp_path, monkeypatch, fast_autosave):
    path = demo_store(tmp_path)
    folder = path.with_name(path.name + ".drafts")
    fault = install(under(folder), [folder], monkeypatch)
    async with running(path) as (app, pilot):
        form = await new_pirna_visit(app, pilot, "Getippt auf voller Platte")
        await until(pilot, lambda: fault.failures >= 3)  # several autosaves have failed by now
        warnings = [m for m, severity in app.notes if severity == "warning"]
        assert len(warnings) == 1, app.notes  # once, not every interval
        assert warnings[0].startswith("Der Entwurf konnte nicht automatisch gesichert werden. "
                                      f"{DISK_FULL} {folder} ist nicht genug Platz: zum Speichern")
        assert "Das Formular bleibt mit allem Eingegebenen offen" in warnings[0]
        assert app.screen is form and q(app, "#summary").text == "Getippt auf voller Platte"
        assert drafts_of(path) == []

        fault.active = False  # room was made
        draft = await wait_for_draft(pilot, path)
        assert draft["payload"]["form"]["summary"] == "Getippt auf voller Platte"
        assert (S.DRAFT_SAVED_AGAIN, "information") in app.notes

        fault.active = True  # full again: the user is told again (the warning state had cleared)
        await type_text(pilot, " und mehr")
        failed = fault.failures
        await until(pilot, lambda: fault.failures > failed + 1)
        assert len([m for m, severity in app.notes if severity == "warning"]) == 2
        assert q(app, "#summary").text == "Getippt auf voller Platte und mehr"
        fault.active = False
        await until(pilot, lambda: "und mehr" in drafts_of(path)[0].read_text(encoding="utf-8"))
        app.exit()
    assert temp_leftovers(tmp_path) == []


# -- saving ---------------------------------------------------------------------------------------
async def test_save_on_a_full_disk_keeps_the_form_and_the_file_and_succeeds_once_room_is_made(tmp_path, monkeypatch):
    path = demo_store(tmp_path)
    fault = install(store_file(path), [tmp_path], monkeypatch)
    before_bytes = path.read_bytes()
    before = set(disk_records(path, "visit"))
    async with running(path, expected_errors=(DISK_FULL,)) as (app, pilot):
        store = app.repos.store
        count, seq = store.count("visit"), store.local.seq
        form = await new_pirna_visit(app, pilot, "Nicht verlieren")
        await press(pilot, "ctrl+s")
        errors = [m for m, severity in app.notes if severity == "error"]
        assert len(errors) == 1 and errors[0].startswith(
            f"{DISK_FULL} {tmp_path} ist nicht genug Platz: zum Speichern werden etwa "), errors
        assert "frei sind 3,1 MB. Bitte Platz schaffen und dann erneut speichern." in errors[0]
        assert app.screen is form and q(app, "#summary").text == "Nicht verlieren"
        assert path.read_bytes() == before_bytes
        assert temp_leftovers(tmp_path) == []
        # memory did not keep the visit the file never got
        assert (store.count("visit"), store.local.seq) == (count, seq)

        fault.active = False
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, OverviewScreen)
        assert (store.count("visit"), store.local.seq) == (count + 1, seq + 1)
    new = [r for i, r in disk_records(path, "visit").items() if i not in before]
    assert [(r["data"]["summary"], r["data"]["commune"]) for r in new] == [("Nicht verlieren", PIRNA)]
    # the size the message named is the size the store needed (the same visit, saved)
    assert f"etwa {fmt_size(path.stat().st_size)} gebraucht" in errors[0]
    assert drafts_of(path) == []


async def test_strategy_save_on_a_full_disk_keeps_the_screen_and_saves_when_room_is_back(tmp_path, monkeypatch):
    from test_ui_strategy import SID, open_strategy, prepared_strategy, to_tab

    path = prepared_strategy(tmp_path)
    stored = disk_records(path, "strategy")[SID]
    fault = install(store_file(path), [tmp_path], monkeypatch)
    before_bytes = path.read_bytes()
    async with running(path, expected_errors=(DISK_FULL,)) as (app, pilot):
        screen = await open_strategy(app, pilot)
        await to_tab(pilot, "s-causes")
        await type_text(pilot, "Keine Angebote für Jugendliche")
        await press(pilot, "ctrl+s")
        assert [m for m, severity in app.notes if severity == "error"][0].startswith(DISK_FULL)
        assert isinstance(app.screen, StrategyScreen) and app.screen is screen
        assert q(app, "#cause_analysis").text == "Keine Angebote für Jugendliche"
        assert path.read_bytes() == before_bytes
        fault.active = False
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, StrategyScreen)
    record = disk_records(path, "strategy")[SID]
    assert record["data"]["cause_analysis"] == "Keine Angebote für Jugendliche"
    assert record["rev"] != stored["rev"]


# -- the command line -----------------------------------------------------------------------------
SITECUSTOMIZE = f"""
import sys
sys.path.insert(0, {str(TESTS)!r})
from disk_faults import install_from_env
install_from_env()
"""


def asskomm(tmp_path: Path, *args: str, full: list[Path]) -> subprocess.CompletedProcess[str]:
    """Run the installed ``asskomm`` with a full disk for the files in ``full``."""
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    exe = shutil.which("asskomm", path=str(Path(sys.executable).parent)) or shutil.which("asskomm")
    assert exe, "the asskomm command is not installed"
    env = {**os.environ, "PYTHONPATH": str(site), ENV: os.pathsep.join(map(str, full))}
    env.pop("ASSKOMM_DB", None)
    return subprocess.run([exe, *args], capture_output=True, text=True, env=env, timeout=120)


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr


def test_the_fault_works_in_a_subprocess(tmp_path):
    """The injection itself (so that the tests below prove something): a write there really fails."""
    result = asskomm(tmp_path, "demo", "--db", str(tmp_path / "voll" / "d.json"), "--visits", "0",
                     full=[tmp_path / "voll"])
    assert result.returncode == 1
    no_traceback(result)
    assert result.stderr.startswith(f"asskomm: {DISK_FULL} {tmp_path / 'voll'} ist nicht genug Platz"), result.stderr


def test_cli_backup_create_on_a_full_disk_says_so_in_german_and_exits_1(tmp_path):
    path = without_backups(demo_store(tmp_path))
    before = path.read_bytes()
    folder = backups_folder(path)
    result = asskomm(tmp_path, "backup", "--db", str(path), "create", full=[folder])
    no_traceback(result)
    assert result.returncode == 1
    assert result.stderr == (
        f"asskomm: {DISK_FULL} {folder} ist nicht genug Platz: zum Speichern werden etwa "
        f"{fmt_size(len(before))} gebraucht, frei sind 3,1 MB. Bitte Platz schaffen und dann erneut speichern.\n")
    assert path.read_bytes() == before
    assert list(folder.glob("*")) == [] and temp_leftovers(tmp_path) == []


def test_cli_export_warns_about_the_daily_backup_and_goes_on(tmp_path):
    path = without_backups(demo_store(tmp_path))
    out = tmp_path / "export"
    result = asskomm(tmp_path, "export", "--db", str(path), "--out", str(out), full=[backups_folder(path)])
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"asskomm: {BACKUP_FAILED}"), result.stderr
    assert len(list(out.glob("*.asskomm"))) == 1
    assert "Exportiert:" in result.stdout


def test_cli_export_into_a_full_folder_fails_in_german_and_changes_nothing(tmp_path):
    path = demo_store(tmp_path)
    out = tmp_path / "stick"
    before = path.read_bytes()
    result = asskomm(tmp_path, "export", "--db", str(path), "--out", str(out), full=[out])
    no_traceback(result)
    assert result.returncode == 1
    assert result.stderr.startswith(f"asskomm: {DISK_FULL} {out} ist nicht genug Platz: zum Speichern werden etwa ")
    assert path.read_bytes() == before  # not even the export's bookkeeping
    assert list(out.glob("*")) == []


@pytest.mark.parametrize("full", ["store", "all"])
def test_cli_import_with_the_store_on_a_full_disk_applies_nothing(tmp_path, full):
    """The backup before an import (or the import's write) fails: a German report, exit 2, store unchanged."""
    source = demo_store(tmp_path / "a", name="a.json")
    (tmp_path / "b").mkdir()
    target = tmp_path / "b" / "b.json"
    new_store(target, "Zentrale LPR", "LPR", role="hq", known=False).close()
    with Store.open(source) as laptop, Store.open(target) as hq:
        introduce(laptop, hq)  # HQ can read the laptop's file
    bundle_dir = tmp_path / "bundle"
    made = asskomm(tmp_path, "export", "--db", str(source), "--full", "--out", str(bundle_dir), full=[])
    assert made.returncode == 0, made.stderr
    bundle = next(bundle_dir.glob("*.asskomm"))
    before = target.read_bytes()
    folders = [target.parent] if full == "all" else [backups_folder(target)]
    result = asskomm(tmp_path, "import", "--db", str(target), str(bundle), full=folders)
    no_traceback(result)
    assert result.returncode == 2, result.stdout + result.stderr
    assert DISK_FULL in result.stderr
    assert target.read_bytes() == before
