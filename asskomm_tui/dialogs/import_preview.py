"""Show what an import would change, per file and kind; Ctrl+S or the button applies."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from storage.messages import fmt_int
from storage.sync.exchange import ImportPlan
from storage.sync.merge import Outcome

from .. import strings as S
from ..widgets.footer import Footer
from ..widgets.buttons import ButtonRow
from ..services.sync_report import kind_label
from ..widgets.tables import RecordTable


# one column per outcome, in Outcome's order: deletions apart from new and updated records
COLUMNS = {Outcome.NEW: S.COL_NEW, Outcome.UPDATED: S.COL_UPDATED_COUNT, Outcome.DELETED: S.COL_DELETED_COUNT,
           Outcome.UNCHANGED: S.COL_UNCHANGED, Outcome.STALE: S.COL_STALE, Outcome.CONFLICT: S.COL_CONFLICT}
HIGHLIGHT = {Outcome.DELETED: "bold", Outcome.CONFLICT: "bold yellow"}


class ImportPreview(ModalScreen[bool]):
    """Dismisses True to apply the importable files, False to cancel."""

    BINDINGS = [
        Binding("ctrl+s", "apply", S.KEY_APPLY, priority=True, id="preview_apply"),
        Binding("escape", "cancel", S.KEY_CANCEL, id="preview_cancel"),
    ]

    def __init__(self, plans: list[ImportPlan]) -> None:
        super().__init__(classes="dialog")
        self.plans = plans
        self.applicable = any(not p.report.error and not p.report.already_imported for p in plans)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Static(S.PREVIEW_TITLE, classes="title")
            yield Static(S.PREVIEW_HINT if self.applicable else S.PREVIEW_NOTHING, classes="hint")
            # the file name last: at 80 columns a long name would push the counts out of sight
            yield RecordTable(S.COL_KIND_OF, *(COLUMNS[o] for o in Outcome), S.COL_FILE, id="preview")
            yield Static("", id="preview-errors", classes="error")
            with ButtonRow(classes="buttons"):
                yield Button(S.KEY_APPLY, id="apply", variant="primary", disabled=not self.applicable)
                yield Button(S.CANCEL, id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        rows = []
        errors = []
        for i, plan in enumerate(self.plans):
            report = plan.report
            name = Path(report.file).name
            blank = ("",) * len(COLUMNS)
            if report.error:
                rows.append((f"{i}-err", (Text(S.PREVIEW_REJECTED, style="bold red"), *blank, name)))
                errors.append(report.error)
                continue
            if report.already_imported:
                rows.append((f"{i}-dup", (S.PREVIEW_ALREADY, *blank, name)))
                continue
            if report.plain:  # a format-1 file of the change-over: nobody vouches for its sender
                errors.append(f"{name}: {S.IMPORT_PLAIN_WARNING}")
            for kind, counts in sorted(report.counts.items()):
                cells = []
                for outcome in Outcome:
                    n = counts.get(outcome, 0)
                    style = HIGHLIGHT.get(outcome, "") if n else ""
                    cells.append(Text(fmt_int(n), style=style) if style else fmt_int(n))
                rows.append((f"{i}-{kind}", (kind_label(kind), *cells, name)))
        table = self.query_one(RecordTable)
        table.set_rows(rows)
        self.query_one("#preview-errors", Static).update(Content("\n".join(errors)))
        (self.query_one("#apply", Button) if self.applicable else table).focus()

    @on(Button.Pressed, "#apply")
    def _apply(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_apply()

    @on(Button.Pressed, "#cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_apply(self) -> None:
        if self.applicable:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
