"""Hilfe: every key binding of the app and of the screen it was opened from, generated from BINDINGS."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from .. import strings as S
from ..widgets.footer import Footer
from ..widgets.list_table import ListTable
from ..widgets.tables import RecordTable


def binding_rows(app, node, priority_only: bool = False, with_id: bool = False) -> list[tuple[str, str]]:
    """(keys, description) of every described binding of ``node``, merged by description.

    ``priority_only``: just the priority bindings (the only app keys that work on a modal screen).
    ``with_id``: just the bindings with an id (asskomm's own, not Textual's of a widget).
    """
    rows: dict[str, list[str]] = {}
    bindings = node._bindings.copy()
    if app._keymap:  # the user's keys (settings file), as the footer and the key handling see them
        bindings.apply_keymap(app._keymap)
    for _key, binding in bindings:
        if not isinstance(binding, Binding) or not binding.description or binding.system:
            continue
        if priority_only and not binding.priority:
            continue
        if with_id and binding.id is None:
            continue
        if not app.offers(node, binding):  # an edit key in the read-only window (readonly.py)
            continue
        # the long form where the footer shows a short one (German, Textual's own too: textual_de.apply)
        description = binding.tooltip or binding.description
        rows.setdefault(description, [])
        shown = app.get_key_display(binding)
        if shown not in rows[description]:
            rows[description].append(shown)
    return [(" / ".join(keys), description) for description, keys in rows.items()]


class HelpScreen(ModalScreen[None]):
    """Lists the keys; Esc, F1 or ? closes."""

    BINDINGS = [
        Binding("escape", "dismiss_help", S.KEY_CLOSE, id="help_close"),
        Binding("f1", "dismiss_help", S.KEY_CLOSE, show=False, id="help_close_f1"),
        Binding("question_mark", "dismiss_help", S.KEY_CLOSE, show=False, id="help_close_q"),
    ]

    def __init__(self, origin: Screen) -> None:
        super().__init__(classes="dialog")
        self.origin = origin

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide", id="help"):
            yield Static(S.HELP_TITLE, classes="title")
            yield Static(S.HELP_INTRO.format(palette=self.app.key_of("command_palette")), classes="hint")
            yield RecordTable(S.HELP_KEY, S.HELP_SCREEN, id="help-keys", sortable=False)  # in sections
        # the dialog's own keys, not those of the screen below
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(RecordTable)
        rows = [(f"s{i}", r) for i, r in enumerate(binding_rows(self.app, self.origin))]
        # the keys of the list that has the focus (o Sortieren); only asskomm's own, which have an id
        focused = self.origin.focused
        if isinstance(focused, RecordTable | ListTable):
            # a key the screen offers for the same thing (Strg+O in the commune list) shares its line
            at = {row[1]: n for n, (_, row) in enumerate(rows)}
            for i, (keys, description) in enumerate(binding_rows(self.app, focused, with_id=True)):
                if description in at:
                    key, (shown, _) = rows[at[description]]
                    merged = shown.split(" / ") + [k for k in keys.split(" / ") if k not in shown.split(" / ")]
                    rows[at[description]] = (key, (" / ".join(merged), description))
                else:
                    rows.append((f"w{i}", (keys, description)))
        rows.append(("global", ("", Text(S.HELP_GLOBAL, style="bold"))))  # the app's keys below
        everywhere = binding_rows(self.app, self.app, self.origin.is_modal)
        rows += [(f"a{i}", r) for i, r in enumerate(everywhere)]
        if self.origin.is_modal:  # a form or dialog takes the keys: the app's other keys work after Esc
            rest = [r for r in binding_rows(self.app, self.app) if r not in everywhere]
            if rest:
                rows.append(("outside", ("", Text(S.HELP_OUTSIDE_FORMS, style="bold"))))
                rows += [(f"o{i}", r) for i, r in enumerate(rest)]
        table.set_rows(rows)
        table.focus()

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
