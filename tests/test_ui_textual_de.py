"""Textual's own texts are German: the keys under an open dropdown, the command palette, the theme
picker, the help, the header icon; and every key description of every Textual widget the app uses."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap

from textual.command import CommandPalette

from asskomm_tui import strings as S
from asskomm_tui.dialogs.items import FindingDialog
from asskomm_tui.screens.help import HelpScreen
from ui_helpers import (
    demo_store, footer_line, open_new_visit, press, q, rows, running, screen_text, settle, tab_to, type_text,
)

# every text the UI shows comes from the strings module (constants, and the values of its tables)
UI_TEXTS = {v for v in vars(S).values() if isinstance(v, str)} | {
    t for v in vars(S).values() if isinstance(v, dict) for t in v.values() if isinstance(t, str)}


# texts with a number filled in ("Reiter {n}" → "Reiter 3"), as patterns
TEMPLATES = [re.compile(re.escape(t).replace(r"\{n\}", r"\d+")) for t in UI_TEXTS if "{n}" in t]


def is_german(text: str) -> bool:
    return text in UI_TEXTS or any(t.fullmatch(text) for t in TEMPLATES)


async def test_an_open_dropdown_shows_its_keys_in_german(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await open_new_visit(pilot)
        await tab_to(pilot, "kind")
        await press(pilot, "enter")  # the dropdown of "Art des Besuchs"
        assert "esc Auswahl schließen" in footer_line(app)
        assert "Dismiss" not in screen_text(app)
        await press(pilot, "escape")
        await tab_to(pilot, "findings")
        await press(pilot, "a", "enter")  # the problem-field dropdown of a finding
        assert isinstance(app.screen, FindingDialog)
        assert "esc Auswahl schließen" in footer_line(app)
        assert "Dismiss" not in screen_text(app) and "menu" not in screen_text(app)


async def test_command_palette_says_no_matches_in_german(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        assert "Befehl suchen …" in screen_text(app)
        await type_text(pilot, "xqzv")
        await pilot.pause(0.7)  # Textual shows its "no matches" line after half a second
        await settle(pilot)
        assert "Keine Treffer" in screen_text(app)
        assert "No matches" not in screen_text(app)


async def test_theme_picker_is_german(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        await press(pilot, "ctrl+p")
        await type_text(pilot, "Farbschema")
        await press(pilot, "enter")
        assert isinstance(app.screen, CommandPalette)
        assert "Farbschema suchen …" in screen_text(app)
        assert "Search for" not in screen_text(app)
        await type_text(pilot, "nord")
        await press(pilot, "enter")
        assert app.theme == "nord"


async def test_help_lists_textuals_keys_in_german(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        for mode_key in ("f2", "f3"):
            await press(pilot, mode_key, "f1")
            assert isinstance(app.screen, HelpScreen)
            descriptions = [d for _, d in rows(q(app, "#help-keys")) if d]
            assert "Markierten Text kopieren" in descriptions  # Textual's Screen: ctrl+c
            assert [d for d in descriptions if not is_german(d)] == []
            assert "Focus" not in screen_text(app) and "Copy" not in screen_text(app)
            await press(pilot, "escape")


async def test_header_icon_tooltip_is_german(tmp_path):
    path = demo_store(tmp_path)
    async with running(path) as (app, pilot):
        for mode_key in ("f2", "f3"):
            await press(pilot, mode_key)
            assert q(app, "HeaderIcon").tooltip == S.HEADER_PALETTE_TOOLTIP


# A fresh interpreter, as the app starts: the translation is applied, then every module of the app is
# imported (which loads Textual's TextArea, SelectionList, TabbedContent ... only now, as the app does
# on first use). Every widget class of the app and every Textual class of the same Textual modules
# (the dropdown a Select opens, the command palette's list ...) is listed with the key descriptions
# and tooltips a new widget of it gets.
WALK = textwrap.dedent("""
    import importlib, json, pkgutil, sys
    from asskomm_tui import textual_de
    textual_de.apply()
    lazy = "textual.widgets._text_area" not in sys.modules
    import asskomm_tui
    for info in pkgutil.walk_packages(asskomm_tui.__path__, "asskomm_tui."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    from textual.dom import DOMNode

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    used = {v for name, module in list(sys.modules.items()) if name.startswith("asskomm_tui")
            for v in vars(module).values() if isinstance(v, type) and issubclass(v, DOMNode)}
    modules = {c.__module__ for u in used for c in u.__mro__ if c.__module__.startswith("textual.")}
    classes = used | {c for c in subclasses(DOMNode) if c.__module__ in modules}
    texts = [[f"{cls.__module__}.{cls.__qualname__}", key, text]
             for cls in classes for key, b in cls._merged_bindings or ()  # what each new widget copies
             for text in (b.description, b.tooltip) if text]
    print(json.dumps({"lazy": lazy, "classes": sorted(c.__qualname__ for c in classes), "texts": texts}))
""")


def test_every_key_description_of_every_textual_widget_the_app_uses_is_german():
    done = subprocess.run([sys.executable, "-c", WALK], capture_output=True, text=True, timeout=120, check=True)
    found = json.loads(done.stdout.splitlines()[-1])
    assert found["lazy"], "TextArea was loaded before the translation: the walk would not test the lazy path"
    for name in ("Screen", "App", "Input", "TextArea", "Select", "SelectOverlay", "SelectionList", "OptionList",
                 "DataTable", "DirectoryTree", "Tree", "Tabs", "CommandPalette", "CommandInput", "RadioSet",
                 "Checkbox", "Button", "ScrollableContainer"):
        assert name in found["classes"], f"{name} not among the app's widget classes"
    english = sorted({(cls, text) for cls, _key, text in found["texts"] if not is_german(text)})
    assert english == [], "English key texts; add them to strings.TEXTUAL_KEYS"
    assert {"Auswahl schließen", "Rückgängig", "Zeichen links löschen", "Nächster Reiter"} <= {
        text for _, _, text in found["texts"]}
