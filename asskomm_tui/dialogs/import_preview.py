"""Show what an import would change, per file and kind; Ctrl+S or the button applies."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Button, Static

from storage.sync.exchange import ImportPlan
from storage.sync.merge import Outcome

from .. import strings as S
from ..services.sync_report import kind_label
from ..widgets.tables import RecordTable


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
            yield RecordTable(S.COL_KIND_OF, S.COL_NEW, S.COL_UPDATED_COUNT, S.COL_UNCHANGED, S.COL_STALE,
                              S.COL_CONFLICT, S.COL_FILE, id="preview")
            yield Static("", id="preview-errors", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(S.KEY_APPLY, id="apply", variant="primary", disabled=not self.applicable)
                yield Button(S.CANCEL, id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        rows = []
        errors = []
        for i, plan in enumerate(self.plans):
            report = plan.report
            name = report.file.rsplit("/", 1)[-1]
            if report.error:
                rows.append((f"{i}-err", (Text(S.PREVIEW_REJECTED, style="bold red"), "", "", "", "", "", name)))
                errors.append(report.error)
                continue
            if report.already_imported:
                rows.append((f"{i}-dup", (S.PREVIEW_ALREADY, "", "", "", "", "", name)))
                continue
            for kind, counts in sorted(report.counts.items()):
                conflicts = counts.get(Outcome.CONFLICT, 0)
                rows.append((f"{i}-{kind}", (
                    kind_label(kind), str(counts.get(Outcome.NEW, 0)), str(counts.get(Outcome.UPDATED, 0)),
                    str(counts.get(Outcome.UNCHANGED, 0)), str(counts.get(Outcome.STALE, 0)),
                    Text(str(conflicts), style="bold yellow" if conflicts else ""), name)))
        table = self.query_one(RecordTable)
        table.set_rows(rows)
        self.query_one("#preview-errors", Static).update(Content("\n".join(errors)))
        (self.query_one("#apply", Button) if self.applicable else table).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "apply":
            self.action_apply()
        else:
            self.action_cancel()

    def action_apply(self) -> None:
        if self.applicable:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
