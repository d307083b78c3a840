"""Textual's own texts in German: key descriptions, the command palette, the header icon.

Textual (checked on 8.2.8) writes what its widgets show in English. Everything of it that a user of
asskomm can reach is made German here, and only here:

- Key descriptions and their tooltips (footer, Hilfe, command palette; e.g. "esc Dismiss menu" under
  every open dropdown): ``apply()``, called by the app before it starts, rewrites the ``BINDINGS`` of
  every Textual class with the table ``strings.TEXTUAL_KEYS``, also of the widget modules Textual
  loads later (it loads most of them on first use).
- The command palette's search prompt and "No matches found": ``CommandPalette``, which the app opens
  for Ctrl+P and for the theme picker.
- The tooltip of the header's icon: ``Header``, which the screens use instead of Textual's.

Textual's other English texts do not reach the user: the ctrl+c hint is the app's own
(``AsskommApp.action_help_quit``), the Keys panel, maximize and screenshot commands are not offered
(``AsskommApp.get_system_commands``), every ``Select`` has a German prompt or no blank entry. Left
as it is: "Loading...", which the palette's busy indicator shows instead of dots when animations are
off (TEXTUAL_ANIMATIONS=none) and a search takes over half a second; the app's commands answer at once.
"""

from __future__ import annotations

import dataclasses
import sys
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec, PathFinder, SourceFileLoader
from typing import Any, Iterator, Sequence

from rich.align import Align
from rich.text import Text
from textual import command
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.widgets import Header as _Header
from textual.widgets.option_list import Option

from . import strings as S

_translated: set[type[DOMNode]] = set()


def apply() -> None:
    """Make every Textual key description German, now and for Textual modules imported later."""
    if not any(isinstance(finder, _TranslateOnImport) for finder in sys.meta_path):
        sys.meta_path.insert(0, _TranslateOnImport())
    _translate_loaded_classes()


def german(text: str) -> str:
    """The German text for one of Textual's English texts (itself if the table does not know it)."""
    return S.TEXTUAL_KEYS.get(text, text)


def _translate_binding(binding: BindingType) -> BindingType:
    if isinstance(binding, tuple):
        binding = Binding(*binding)
    return dataclasses.replace(binding, description=german(binding.description),
                               tooltip=german(binding.tooltip))


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _translate_loaded_classes() -> None:
    changed = set()
    for cls in set(_subclasses(DOMNode)) | {DOMNode}:
        if cls in _translated or not cls.__module__.startswith("textual."):
            continue
        _translated.add(cls)
        own = cls.__dict__.get("BINDINGS")
        if own:
            cls.BINDINGS = [_translate_binding(b) for b in own]
            changed.add(cls)
    if not changed:
        return
    # Textual 8.2.8 merges a class's BINDINGS with those of its bases once, when the class is created
    # (``DOMNode.__init_subclass__`` → ``_merged_bindings``), and every new widget copies that merge.
    # There is no public way to redo it, so redo it for every class that inherits a changed list.
    for cls in _subclasses(DOMNode):
        if changed.intersection(cls.__mro__):
            cls._merged_bindings = cls._merge_bindings()


class _TranslatingLoader(SourceFileLoader):
    """Loads a Textual module as usual, then translates the classes it defined."""

    def exec_module(self, module: Any) -> None:
        super().exec_module(module)
        _translate_loaded_classes()


class _TranslateOnImport(MetaPathFinder):
    """Textual imports most widget modules on first use (``textual.widgets.__getattr__``), long after
    start-up: importing them all at start would cost some 35 ms. This finder lets each of them load
    normally and translates its classes right after, before any widget of it can exist."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: Any = None) -> ModuleSpec | None:
        if not fullname.startswith("textual."):
            return None
        spec = PathFinder.find_spec(fullname, path, target)
        if spec is None or type(spec.loader) is not SourceFileLoader:
            return None  # the usual finders take it
        spec.loader = _TranslatingLoader(spec.loader.name, spec.loader.path)
        return spec


class CommandPalette(command.CommandPalette):
    """Textual's command palette, with a German search prompt and "no matches" line."""

    def __init__(self, providers: command.ProviderSource | None = None, *,
                 placeholder: str = S.PALETTE_PLACEHOLDER, **kwargs: Any) -> None:
        super().__init__(providers, placeholder=placeholder, **kwargs)

    # Textual 8.2.8 writes "No matches found" inside this private method (there is no setting for it):
    # the same method with the German text.
    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(command.CommandList).add_option(Option(
                    Align.center(Text(S.PALETTE_NO_MATCHES, style="not bold")), disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class Header(_Header):
    """Textual's header, whose icon (a click opens the command palette) has a German tooltip."""

    def on_mount(self) -> None:
        # the icon sets its English tooltip when it mounts, which is before its header mounts
        icon = self.query_one("HeaderIcon")
        if icon.tooltip:
            icon.tooltip = S.HEADER_PALETTE_TOOLTIP
