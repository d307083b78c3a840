"""Suche: one search over everything the store holds, results as you type (issue 8).

The index (``storage/finder.py``) lives on the store thread, beside the store that keeps it up to
date on every save, import and resolution; every query runs there too, so a result can never
disagree with the store. Typing faster than the store thread answers costs nothing: while one
query runs, only the newest text waits for the next turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import Hit as PaletteHit, Hits, Provider
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from storage.finder import Hit

from .. import strings as S
from ..formatting import fmt_date, short_kreis
from ..textual_de import Header
from ..widgets.footer import Footer
from ..widgets.search_input import SearchInput
from ..workers import store_work
from .base import DataScreen

LIMIT = 100  # hits shown; more means the query should say more


@dataclass(frozen=True)
class Found:
    """A hit with what the screen shows of its commune (looked up on the store thread)."""

    hit: Hit
    commune: str
    kreis: str


@dataclass(frozen=True)
class Results:
    query: str
    found: list[Found]
    more: bool  # there were more than LIMIT hits


def find(store: object, text: str) -> Results:
    """Store thread: the hits for ``text`` (at most LIMIT), with their communes' names."""
    if not text.strip():
        return Results(text, [], False)
    finder = store.finder()  # type: ignore[attr-defined]
    hits = finder.search(text, limit=LIMIT + 1)
    found = [Found(h, *finder.communes.get(h.entry.commune, (h.entry.commune, ""))) for h in hits[:LIMIT]]
    return Results(text, found, len(hits) > LIMIT)


def hit_label(found: Found) -> Text:
    """Two lines: what matched, where and when (⚠ in conflict); then the snippet with the words marked."""
    e = found.hit.entry
    head = Text(no_wrap=True, overflow="ellipsis")
    if found.hit.conflict:
        head.append(S.CONFLICT_MARK, style="bold yellow")
    head.append(S.SEARCH_KIND[e.kind], style="bold")
    head.append(f" · {found.commune}")
    if found.kreis:
        head.append(f" ({short_kreis(found.kreis)})", style="dim")
    if e.date:
        head.append(f" · {fmt_date(date.fromisoformat(e.date))}")
    snippet = Text("  " + found.hit.snippet, no_wrap=True, overflow="ellipsis")
    for start, end in found.hit.marks:
        # reverse + bold: a highlight that shows in monochrome as well
        snippet.stylize("bold reverse", start + 2, end + 2)
    return Text("\n").join((head, snippet))


class SearchScreen(DataScreen):
    """The search: an input over the hits; Enter opens a hit where it lives, Esc goes back.

    As a ``DataScreen`` it searches when shown and again whenever the store changed meanwhile (a
    hit opened from here was edited or deleted there).
    """

    BINDINGS = [
        Binding("escape", "back", S.KEY_BACK, id="search_back"),
        Binding("enter", "open", S.KEY_OPEN, id="search_open"),
        Binding("down", "results", S.KEY_SEARCH_RESULTS, show=False, id="search_results"),
        Binding("ctrl+l", "edit_query", S.KEY_SEARCH_QUERY, id="search_query"),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self._text = query
        self._searching = False
        self._stale = False
        self.results: Results | None = None  # what is shown (tests read it)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="search-screen"):
            # no selection on focus: a letter typed over the hits (which focuses the field) must stay
            yield SearchInput(value=self._text, placeholder=S.SEARCH_ALL_PLACEHOLDER, id="search-query",
                              select_on_focus=False)
            yield Static(Content(S.SEARCH_HINT), id="search-status")
            yield OptionList(id="search-hits")
        yield Footer()

    def on_mount(self) -> None:
        self.title = S.SEARCH_TITLE
        query = self.query_one("#search-query", Input)
        query.focus()
        query.select_all()

    # -- searching ------------------------------------------------------------------------------
    @on(Input.Changed, "#search-query")
    def _changed(self, event: Input.Changed) -> None:
        self._text = event.value
        self.asskomm.last_search = event.value  # Strg+F opens with it again
        if event.value.strip() and not self.asskomm.repos.store.finder_built:
            self._status(S.SEARCH_BUILDING)
        self.reload()

    def reload(self) -> None:
        """Search for what the input holds. Typed faster than the store thread answers, only the
        newest text waits for the next turn (a query whose text went stale is not shown)."""
        if self._searching:
            self._stale = True
        else:
            self._searching = True
            self._search()

    @store_work(group="search")
    async def _search(self) -> None:
        try:
            while True:
                self._stale = False
                version = self.asskomm.repos.store.version
                results = await self.asskomm.db(self.load)
                if not self._stale:
                    self._loaded_version = version
                    self.show(results)
                    break
        finally:
            self._searching = False
            self.keys_ready()

    def load(self) -> Results:
        """Store thread: the hits for what the input holds now."""
        return find(self.asskomm.repos.store, self._text)

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(Content(text))

    def show(self, results: Results) -> None:
        # the same query again (back from an opened hit): the cursor stays where it was
        hits = self.query_one("#search-hits", OptionList)
        keep = hits.highlighted if self.results is not None and results.query == self.results.query else None
        self.results = results
        hits.clear_options()
        hits.add_options(Option(hit_label(f), id=str(i)) for i, f in enumerate(results.found))
        if results.found:
            hits.highlighted = keep if keep is not None and keep < len(results.found) else 0
        if not results.query.strip():
            self._status(S.SEARCH_HINT)
        elif not results.found:
            self._status(S.SEARCH_NONE.format(query=results.query))
        elif results.more:
            self._status(S.SEARCH_MORE.format(n=LIMIT))
        else:
            self._status(S.SEARCH_COUNT(len(results.found)))

    # -- keys -----------------------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss()

    def action_results(self) -> None:
        hits = self.query_one("#search-hits", OptionList)
        if hits.option_count:
            hits.focus()
            if hits.highlighted is None:
                hits.highlighted = 0

    @on(events.Key)
    def _typed_over_the_hits(self, event: events.Key) -> None:
        """A letter typed while the hits have the focus starts a new query (as in a browser's address
        bar after Strg+L): the list itself has no use for letters, and typing into nothing loses them."""
        if event.is_printable and event.character and self.focused is self.query_one("#search-hits"):
            event.stop()
            event.prevent_default()
            query = self.query_one("#search-query", Input)
            query.focus()
            query.value = event.character
            query.cursor_position = len(query.value)

    def action_edit_query(self) -> None:
        query = self.query_one("#search-query", Input)
        query.focus()
        query.select_all()

    def action_open(self) -> None:
        hits = self.query_one("#search-hits", OptionList)
        if self.results is None or hits.highlighted is None or not self.results.found:
            return
        self.open_hit(self.results.found[hits.highlighted].hit)

    @on(OptionList.OptionSelected, "#search-hits")
    @on(Input.Submitted, "#search-query")
    def _chosen(self, event: OptionList.OptionSelected | Input.Submitted) -> None:
        event.stop()
        self.action_open()

    def open_hit(self, hit: Hit) -> None:
        """Show the record where it lives: a visit in its view, a contact in its commune's dossier, a
        measure in its strategy."""
        app = self.asskomm
        e = hit.entry
        if e.kind in ("visit", "finding", "follow_up"):
            app.open_visit(e.id, part=e.part)
        elif e.kind == "contact":
            app.open_dossier(e.commune, tab="contacts", focus=e.part)
        elif e.kind == "commune":
            app.open_dossier(e.commune)
        else:
            app.open_strategy(e.id, measure=e.part)


class SearchCommands(Provider):
    """Strg+P: whatever is typed in the command palette can be looked for in everything."""

    async def search(self, query: str) -> Hits:
        app = self.app
        if not query.strip() or not getattr(app, "ready", False):
            return
        # offered only when no command matches ("Farbschema" is a command, "graffiti" is looked for)
        # and the search finds something: else the palette says "Keine Treffer" as usual
        matcher = self.matcher(query)
        if any(matcher.match(c.title) for c in app.get_system_commands(self.screen)):
            return
        results = await app.db(find, app.repos.store, query)  # type: ignore[attr-defined]
        if results.found:
            count = S.SEARCH_MORE_SHORT.format(n=LIMIT) if results.more else S.SEARCH_HITS(len(results.found))
            # the typed text is shown as data, never read as markup
            yield PaletteHit(0.01, Content(S.PALETTE_SEARCH.format(query=query.strip(), count=count)),
                             lambda: app.open_search(query.strip()),  # type: ignore[attr-defined]
                             text=query, help=S.PALETTE_SEARCH_HELP.format(key=app.key_of("search")))  # type: ignore[attr-defined]
