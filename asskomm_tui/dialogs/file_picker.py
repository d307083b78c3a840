"""Pick one or more bundle files: type a path or browse; Enter marks, Strg+S confirms."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Input, Label, Static

from .. import strings as S
from ..widgets.footer import Footer

SUFFIXES = (".asskomm", ".json", ".json.gz", ".gz")


class BundleTree(DirectoryTree):
    """Folders, sealed bundles (.asskomm) and .json / .json.gz files only."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [p for p in paths if not p.name.startswith(".")
                and (p.is_dir() or p.name.endswith(SUFFIXES))]


class FilePicker(ModalScreen[list[Path] | None]):
    """Dismisses with the marked files (or the highlighted one), None on Esc."""

    BINDINGS = [
        Binding("escape", "cancel", S.KEY_CANCEL, id="picker_files_cancel"),
        # Strg+S like every other "take this" in the app (F2 is the Übersicht everywhere)
        Binding("ctrl+s", "confirm", S.IMPORT_READ, priority=True, id="picker_files_read"),
    ]

    def __init__(self, start: Path) -> None:
        super().__init__(classes="dialog")
        self.start = start if start.is_dir() else Path.home()
        self.chosen: list[Path] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Static(S.IMPORT_PICK_TITLE, classes="title")
            yield Static(S.IMPORT_PICK_HINT, classes="hint")
            yield Label(S.IMPORT_PATH)
            yield Input(str(self.start), id="path")
            yield BundleTree(self.start, id="tree")
            yield Static(S.IMPORT_NONE_CHOSEN, id="chosen")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#path").focus()

    def _toggle(self, path: Path) -> None:
        if path in self.chosen:
            self.chosen.remove(path)
        else:
            self.chosen.append(path)
        names = ", ".join(p.name for p in self.chosen)
        self.query_one("#chosen", Static).update(
            Content(S.IMPORT_CHOSEN.format(files=names)) if self.chosen else S.IMPORT_NONE_CHOSEN)

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self._toggle(Path(event.path))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = Path(event.value).expanduser()
        if path.is_dir():
            tree = self.query_one(BundleTree)
            tree.path = path
            tree.focus()
        elif path.exists():
            self._toggle(path)
        else:
            self.query_one("#chosen", Static).update(Content(f"{path}: existiert nicht."))

    def action_confirm(self) -> None:
        if not self.chosen:
            tree = self.query_one(BundleTree)
            node = tree.cursor_node
            if node is not None and node.data is not None and Path(node.data.path).is_file():
                self.chosen.append(Path(node.data.path))
        if self.chosen:
            self.dismiss(list(self.chosen))

    def action_cancel(self) -> None:
        self.dismiss(None)
