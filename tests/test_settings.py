"""The settings file: key map, theme and export folder; German problems naming the line; ``asskomm config``.

Every app here runs on a settings file in tmp_path (``running(config=...)``) and every command with
``ASSKOMM_CONFIG`` or a temporary HOME: nothing touches the user's own config folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets._footer import FooterKey

from asskomm_tui.screens.communes import CommunesScreen
from asskomm_tui.screens.help import HelpScreen
from asskomm_tui.screens.overview import OverviewScreen
from asskomm_tui.settings import (SettingsError, binding_catalogue, load_settings, normalize_keys,
                                  save_setting)
from ui_helpers import demo_store, press, q, rows, running, screen_text, static_text, type_text


def footer_keys(app) -> list[tuple[str, str]]:
    """(key, description) of every key the footer of the active screen shows."""
    return [(k.key_display, k.description) for k in app.screen.query(FooterKey)]


def warnings(app) -> list[str]:
    return [m for m, severity in app.notes if severity == "warning"]


# -- the app ------------------------------------------------------------------------------------------
async def test_a_keymap_rebinds_a_key_everywhere_the_user_sees_keys(tmp_path):
    path = demo_store(tmp_path)
    config = tmp_path / "settings.toml"
    config.write_text('[keymap]\noverview = "f11"\ncommand_palette = "ctrl+k"\n', "utf-8")
    # 100 columns: at 80 the focused table's "o Sortieren" leaves no room for "f11 Übersicht"
    async with running(path, config=config, size=(100, 24)) as (app, pilot):
        assert isinstance(app.screen, OverviewScreen)
        shown = footer_keys(app)
        assert ("f11", "Übersicht") in shown and ("f2", "Übersicht") not in shown
        assert shown[-1] == ("^k", "Befehle")
        # in its place: the footer shows what fits, and a rebound key keeps its place among the others
        # (x "Erledigt an/aus" only with the follow-ups focused, not the recent visits the overview starts on)
        assert [d for _, d in shown][:5] == ["Sortieren", "Beenden", "Hilfe", "Suche", "Übersicht"]
        await press(pilot, "f3")
        assert isinstance(app.screen, CommunesScreen)
        await press(pilot, "f2")  # the old key does nothing now
        assert isinstance(app.screen, CommunesScreen)
        await press(pilot, "f11")
        assert isinstance(app.screen, OverviewScreen)

        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        keys = rows(q(app, "#help-keys"))
        assert ("f11", "Übersicht") in keys and ("f2", "Übersicht") not in keys
        assert "; ^k öffnet die Befehlsliste" in static_text(q(app, "#help .hint"))
        await press(pilot, "escape")

        await press(pilot, "ctrl+p")
        assert not isinstance(app.screen, CommandPalette)
        await press(pilot, "ctrl+k")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "Übersicht")
        assert "Meine letzten Besuche, fällige Folgeaufgaben, Speicher (f11)" in screen_text(app)
        await press(pilot, "escape")
    assert not warnings(app)


async def test_a_broken_file_starts_the_app_with_defaults_and_a_german_warning_naming_the_line(tmp_path):
    path = demo_store(tmp_path)
    config = tmp_path / "settings.toml"
    config.write_bytes(b'[keymap]\ncommunes = "f11"\ntheme = nord\n')  # not quoted: no TOML
    before = config.read_bytes()
    async with running(path, config=config) as (app, pilot):
        assert isinstance(app.screen, OverviewScreen)
        (warning,) = warnings(app)
        assert "Zeile 3, Spalte 9" in warning and "theme = nord" in warning
        assert "Anführungszeichen" in warning and "Standardeinstellungen" in warning
        assert "Invalid" not in warning and "line" not in warning  # tomllib's English is not shown
        assert app.theme == "textual-dark"
        await press(pilot, "f3")  # the default keys apply
        assert isinstance(app.screen, CommunesScreen)
        # a theme picked now is not written into the broken file: the user's text stays as it is
        app.theme = "nord"
        await press(pilot, "f2")
        assert any(m.startswith("Nicht gespeichert") for m in warnings(app))
    assert config.read_bytes() == before


async def test_an_unknown_binding_id_and_a_bad_theme_are_named_and_the_rest_applies(tmp_path):
    path = demo_store(tmp_path)
    exports = tmp_path / "exporte"
    config = tmp_path / "settings.toml"
    config.write_text(f'theme = "neon"\nexport_folder = "{exports}"\n\n[keymap]\ngibtsnicht = "f12"\n'
                      'communes = "f11"\nsync = "strg+t"\n', "utf-8")
    async with running(path, config=config) as (app, pilot):
        (warning,) = warnings(app)  # one warning with every problem
        assert "Zeile 1: das Farbschema „neon“ gibt es nicht; es gilt „textual-dark“" in warning
        assert "Zeile 5: keymap: kein Tastenkürzel hat die ID „gibtsnicht“" in warning
        assert "Zeile 7: keymap.sync: „strg+t“ ist keine Taste" in warning
        assert str(config) in warning
        assert app.theme == "textual-dark"
        await press(pilot, "f4")  # sync keeps its default key
        assert app.current_mode == "sync"
        assert q(app, "#folder").value == str(exports)  # the export folder of the settings
        assert app.export_folder() == exports
        await press(pilot, "f11")
        assert isinstance(app.screen, CommunesScreen)


async def test_a_theme_chosen_in_the_palette_is_saved_and_used_at_the_next_start(tmp_path):
    path = demo_store(tmp_path)
    config = tmp_path / "settings.toml"
    config.write_text('# meine Einstellungen\n\n# Tasten\n[keymap]\ncommunes = "f11"  # wie früher\n', "utf-8")
    async with running(path, config=config) as (app, pilot):
        await press(pilot, "ctrl+p")
        await type_text(pilot, "Farbschema")
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, CommandPalette)  # now the list of themes
        await type_text(pilot, "nord")
        await press(pilot, "down", "enter")
        assert app.theme == "nord"
    text = config.read_text("utf-8")
    # one line added above the key map; the user's comments and keys are kept
    assert text == '# meine Einstellungen\n\ntheme = "nord"\n# Tasten\n[keymap]\ncommunes = "f11"  # wie früher\n'
    async with running(path, config=config) as (app, pilot):
        assert app.theme == "nord"
        assert not warnings(app)
        await press(pilot, "f11")
        assert isinstance(app.screen, CommunesScreen)


async def test_the_export_folder_falls_back_to_the_one_the_store_remembers(tmp_path):
    from storage import Store

    path = demo_store(tmp_path)
    old = tmp_path / "alt"
    with Store.open(path) as store:
        store.update_local(export_folder=str(old))  # where versions without settings kept it
    async with running(path) as (app, pilot):
        assert app.export_folder() == old
        await press(pilot, "f4")
        assert q(app, "#folder").value == str(old)
    assert not (tmp_path / "settings.toml").exists()  # reading never writes


# -- reading and writing the file ---------------------------------------------------------------------
def test_keys_are_normalized_and_non_keys_refused():
    assert normalize_keys("Ctrl+S, F10") == ("ctrl+s,f10", None)
    assert normalize_keys("?") == ("question_mark", None)
    assert normalize_keys("shift+ctrl+a") == ("ctrl+shift+a", None)
    assert normalize_keys("x,slash,ctrl+pagedown")[1] is None
    assert normalize_keys("Ctrl+A") == ("ctrl+a", None)  # as the German UI writes "Strg+A"
    for bad in ("strg+s", "esc", "f99", "", "ctrl+", "ctrl+ctrl+a", "Entf"):
        assert normalize_keys(bad)[1] is not None, bad


def test_unknown_settings_and_wrong_types_keep_the_valid_rest(tmp_path):
    config = tmp_path / "settings.toml"
    config.write_text('farbe = "rot"\ntheme = 3\nexport_folder = "~/Export"\n[keymap]\ncommunes = 4\n'
                      'sync = "f12"\n', "utf-8")
    loaded = load_settings(config, binding_ids=binding_catalogue())
    assert loaded.settings.keymap == {"sync": "f12"}
    assert loaded.settings.export_folder == Path("~/Export").expanduser()
    assert loaded.settings.theme == "textual-dark"
    assert [p.split(":")[0] for p in loaded.problems] == ["Zeile 1", "Zeile 2", "Zeile 5"]
    assert "unbekannte Einstellung „farbe“" in loaded.problems[0]
    assert "muss ein Text in Anführungszeichen sein" in loaded.problems[1]
    assert "keymap.communes" in loaded.problems[2]


def test_every_binding_id_is_found_with_its_default_key():
    catalogue = binding_catalogue()
    assert catalogue["communes"].key == "f3" and catalogue["communes"].description == "Kommunen"
    assert catalogue["dossier_new_visit"].key == "n"
    assert catalogue["quit"].key == "ctrl+q"


def test_saving_changes_one_line_and_keeps_everything_else(tmp_path):
    config = tmp_path / "neu" / "settings.toml"
    save_setting(config, "export_folder", 'C:\\Users\\Anna\\"Export"')  # a new file, folder created
    assert tomllib.loads(config.read_text("utf-8")) == {"export_folder": 'C:\\Users\\Anna\\"Export"'}
    config.write_text('theme = "dracula" # dunkel\nexport_folder = "/a"\n[keymap]\ntheme = "f5"\n', "utf-8")
    save_setting(config, "theme", "nord")
    assert config.read_text("utf-8") == 'theme = "nord"\nexport_folder = "/a"\n[keymap]\ntheme = "f5"\n'


@pytest.mark.parametrize("text", ['theme = nord\n', 'theme = """\nnord"""\n'])
def test_saving_never_touches_a_file_it_cannot_change_safely(tmp_path, text):
    config = tmp_path / "settings.toml"
    config.write_text(text, "utf-8")
    with pytest.raises(SettingsError) as caught:
        save_setting(config, "theme", "dracula")
    assert caught.value.message.startswith("Nicht gespeichert")
    assert config.read_text("utf-8") == text


# -- asskomm config -----------------------------------------------------------------------------------
def asskomm(*args: str, config: Path | None = None, home: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("asskomm", path=str(Path(sys.executable).parent)) or shutil.which("asskomm")
    assert exe, "the asskomm command is not installed"
    env = {k: v for k, v in os.environ.items() if k not in ("ASSKOMM_CONFIG", "XDG_CONFIG_HOME")}
    env["HOME"] = str(home)
    if config is not None:
        env["ASSKOMM_CONFIG"] = str(config)
    return subprocess.run([exe, *args], env=env, capture_output=True, text=True, timeout=60)


def test_config_without_a_file_shows_the_default_path_and_exits_0(tmp_path):
    done = asskomm("config", home=tmp_path)
    assert done.returncode == 0, done.stderr
    expected = tmp_path / ".config" / "asskomm" / "settings.toml"
    if sys.platform.startswith("linux"):
        assert f"Einstellungsdatei: {expected} (nicht vorhanden" in done.stdout
    assert "Farbschema (theme): textual-dark" in done.stdout
    assert done.stderr == ""
    assert not (tmp_path / ".config").exists()  # showing creates nothing


def test_config_shows_the_effective_settings_and_every_key(tmp_path):
    config = tmp_path / "settings.toml"
    config.write_text(f'theme = "nord"\nexport_folder = "{tmp_path}"\n[keymap]\ncommunes = "F11"\n', "utf-8")
    done = asskomm("config", "--keys", config=config, home=tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert f"Einstellungsdatei: {config} (vorhanden)" in out
    assert "Farbschema (theme): nord" in out
    assert f"Exportordner (export_folder): {tmp_path}" in out
    assert "Tastenbelegung (keymap): 1 geänderte Taste\n  communes = f11\n" in out
    lines = {line.split()[0]: line.split() for line in out.splitlines()[7:] if line.strip()}
    assert lines["communes"] == ["communes", "f3", "f11", "Kommunen"]
    assert lines["quit"] == ["quit", "ctrl+q", "ctrl+q", "Beenden"]


def test_config_with_a_broken_file_names_the_line_on_stderr_and_exits_1(tmp_path):
    config = tmp_path / "settings.toml"
    config.write_text('# asskomm\n[keymap]\ncommunes = f11\n', "utf-8")
    done = asskomm("config", config=config, home=tmp_path)
    assert done.returncode == 1
    assert "Farbschema (theme): textual-dark" in done.stdout  # what applies: the defaults
    assert f"asskomm: {config}: 1 Problem:" in done.stderr
    assert "Zeile 3, Spalte 12 („communes = f11“): kein gültiges TOML" in done.stderr
    assert "Traceback" not in done.stderr and "Invalid" not in done.stderr
