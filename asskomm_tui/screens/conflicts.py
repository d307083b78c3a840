"""Konflikte: records changed independently in two places, and the screen to merge them."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from storage.records import DATA_TYPES
from storage.views import ConflictRow, LeafView

from .. import strings as S
from ..textual_de import Header
from ..widgets.footer import Footer
from ..workers import store_work
from ..formatting import fmt_datetime
from ..services.conflict_values import LIST_FIELDS, describe, differing_fields, union
from ..widgets.tables import RecordTable
from .base import DataScreen


class ConflictsScreen(DataScreen):
    """The list of records in conflict; Enter opens one."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="conflicts"):
            yield Static(S.CONFLICTS_HINT, classes="hint")
            yield RecordTable(S.COL_KIND_OF, S.COL_RECORD, S.COL_VERSIONS, S.COL_CHANGED_BY, id="conflict-list")
        yield Footer()

    def on_mount(self) -> None:
        self.title = S.CONFLICTS_TITLE
        self.query_one(RecordTable).focus()

    def load(self) -> list[ConflictRow]:
        return self.asskomm.repos.conflicts()

    def show(self, rows: list[ConflictRow]) -> None:
        self._rows = {f"{r.kind}/{r.id}": r for r in rows}
        table = self.query_one(RecordTable)
        table.set_rows((key, (S.KIND_LABEL.get(r.kind, r.kind), r.label, str(r.versions), ", ".join(r.authors)))
                       for key, r in self._rows.items())
        table.border_subtitle = "" if rows else S.CONFLICTS_NONE

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        event.stop()
        row = self._rows.get(event.row_key.value or "")
        if row is not None:
            self.app.push_screen(ResolveScreen(row.kind, row.id, row.label))


class ResolveScreen(Screen[None]):
    """The versions side by side, one row per field; pick values field by field or whole versions.

    A deletion has no data (a tombstone keeps none): its column says so in every row, and taking
    any of its cells takes the whole deletion.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", S.KEY_SAVE, priority=True, id="resolve_save"),
        Binding("escape", "back", S.KEY_BACK, id="resolve_back"),
        *[Binding(str(n), f"take({n - 1})", S.KEY_TAKE_VERSION.format(n=n), show=n <= 2, id=f"resolve_take_{n}")
          for n in range(1, 10)],
    ]

    def __init__(self, kind: str, record_id: str, label: str) -> None:
        super().__init__()
        self.kind = kind
        self.record_id = record_id
        self.label = label
        self.versions: list[LeafView] = []
        self.fields: list[str] = []
        self.choice: dict[str, int] = {}
        self.whole: int | None = 0
        self.names: dict[tuple[str, str], str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="resolve"):
            yield Static(Content(S.RESOLVE_TITLE.format(label=self.label)), classes="title")
            yield Static("", id="resolve-hint", classes="hint")
            yield DataTable(id="resolve-table", cursor_type="cell", zebra_stripes=True)
            yield Static("", id="resolve-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = S.CONFLICTS_TITLE
        self._load()

    @store_work
    async def _load(self) -> None:
        app: Any = self.app
        self.versions, self.names = await app.db(self._fetch)
        datas = self._live_datas()
        # in the order of the form, whatever order the keys came in (a bundle's are sorted)
        order = {name: i for i, name in enumerate(DATA_TYPES[self.kind].model_fields)}
        fields = sorted(dict.fromkeys(k for d in datas for k in d), key=lambda f: order.get(f, len(order)))
        differing = set(differing_fields(datas))
        self.fields = [f for f in fields if f in differing] + [f for f in fields if f not in differing]
        self.choice = {f: self._first_live() for f in self.fields}
        read_only = getattr(self.app, "read_only", False)
        hint = S.RESOLVE_HINT_READ_ONLY if read_only else S.RESOLVE_HINT.format(n=len(self.versions))
        self.query_one("#resolve-hint", Static).update(hint)
        table = self.query_one(DataTable)
        table.add_column(S.RESOLVE_FIELD, key="field", width=16)
        for i, v in enumerate(self.versions):
            # a deletion says so up front: the header is cut at the column's width
            who = f"{S.RESOLVE_DELETED} · {v.author}" if v.deleted else v.author
            head = S.RESOLVE_VERSION.format(n=i + 1, who=who, when=fmt_datetime(v.updated_at.astimezone()))
            table.add_column(Text(head + (S.RESOLVE_CURRENT if i == 0 else "")), key=f"v{i}", width=30)
        table.add_column(S.RESOLVE_UNION, key="union", width=24)
        self._show_table()
        table.focus()

    def _fetch(self) -> tuple[list[LeafView], dict[tuple[str, str], str]]:
        """Store thread: the versions and the names of every record they mention."""
        repos = self.app.repos  # type: ignore[attr-defined]
        versions = repos.conflict_versions(self.kind, self.record_id)
        names: dict[tuple[str, str], str] = {}
        for v in versions:
            if v.data is None:  # a deletion: nothing to name
                continue
            if "commune" in v.data:
                names[("commune", v.data["commune"])] = repos.commune_name(v.data["commune"])[0]
            for cid in v.data.get("consultants", []):
                names[("consultant", cid)] = repos.consultant_label(cid)
            for f in v.data.get("findings", []):
                names[("problem_field", f["problem_field"])] = repos.problem_field_name(f["problem_field"])
        return versions, names

    def _record_name(self, kind: str, record_id: str) -> str:
        # not ``_name``: that is the widget's name attribute (None), which would shadow the method
        return self.names.get((kind, record_id), record_id[:8])

    def _live_datas(self) -> list[dict[str, Any]]:
        """The data of every version that is not a deletion (a tombstone has none)."""
        return [v.data for v in self.versions if v.data is not None]

    def _first_live(self) -> int:
        """The best version that is not a deletion (the current one, as alive beats deleted)."""
        return next((i for i, v in enumerate(self.versions) if v.data is not None), 0)

    def _is_deletion(self, column: int) -> bool:
        return column < len(self.versions) and self.versions[column].data is None

    def _value(self, field: str, column: int) -> Any:
        if column == len(self.versions):
            return union([d.get(field) or [] for d in self._live_datas()])
        data = self.versions[column].data
        return None if data is None else data.get(field)

    def _show_table(self) -> None:
        table = self.query_one(DataTable)
        differing = set(differing_fields(self._live_datas()))
        cursor = table.cursor_coordinate
        table.clear()
        for field in self.fields:
            cells: list[Text] = [Text(S.FIELD_LABEL.get(field, field), style="bold" if field in differing else "")]
            for i in range(len(self.versions) + 1):
                if i == len(self.versions) and field not in LIST_FIELDS:
                    cells.append(Text(""))
                    continue
                if self._is_deletion(i):
                    text = S.HISTORY_DELETED
                else:
                    text = describe(field, self._value(field, i), self._record_name)
                chosen = self.choice[field] == i
                style = "bold green" if chosen else ("yellow" if field in differing else "")
                cells.append(Text(("● " if chosen else "  ") + text, style=style, no_wrap=True, overflow="ellipsis"))
            table.add_row(*cells, key=field)
        table.move_cursor(row=cursor.row, column=cursor.column, animate=False)
        self._show_detail()

    def _show_detail(self) -> None:
        table = self.query_one(DataTable)
        row, column = table.cursor_coordinate
        if not self.fields or row >= len(self.fields) or column == 0:
            self.query_one("#resolve-detail", Static).update("")
            return
        field = self.fields[row]
        if column - 1 == len(self.versions) and field not in LIST_FIELDS:
            self.query_one("#resolve-detail", Static).update("")
            return
        value = self._value(field, column - 1)
        if self._is_deletion(column - 1):
            full = S.HISTORY_DELETED
        else:
            full = value if isinstance(value, str) else describe(field, value, self._record_name)
        self.query_one("#resolve-detail", Static).update(Content(f"{S.FIELD_LABEL.get(field, field)}: {full}"))

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._show_detail()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        row, column = event.coordinate
        if column == 0 or row >= len(self.fields):
            return
        field = self.fields[row]
        if column - 1 == len(self.versions) and field not in LIST_FIELDS:
            return
        if self._is_deletion(column - 1):  # a deletion has no fields: it is taken as a whole
            self.action_take(column - 1)
            return
        if self.whole is not None and self._is_deletion(self.whole):
            # from a deletion to a merge: the other fields come from the current version
            self.choice = {f: self._first_live() for f in self.fields}
        self.choice[field] = column - 1
        self.whole = None
        self._show_table()

    def action_take(self, index: int) -> None:
        if index < len(self.versions):
            self.choice = {f: index for f in self.fields}
            self.whole = index
            self._show_table()

    def action_back(self) -> None:
        self.dismiss()

    def action_save(self) -> None:
        if not self.versions:
            return
        deleted = self.whole is not None and self.versions[self.whole].deleted
        if deleted:
            from ..dialogs.confirm import ConfirmDialog

            self.app.push_screen(ConfirmDialog(S.RESOLVE_CONFIRM_DELETE),
                                 lambda yes: self._save(True) if yes else None)
        else:
            self._save(False)

    @store_work
    async def _save(self, deleted: bool) -> None:
        app: Any = self.app
        # a deletion keeps no data: the resolution is a tombstone without a body
        data = None if deleted else {field: self._value(field, column) for field, column in self.choice.items()}
        await app.db(app.repos.resolve_conflict, self.kind, self.record_id, data, deleted,
                     [v.rev for v in self.versions])
        self.notify(S.RESOLVE_SAVED)
        self.dismiss()
