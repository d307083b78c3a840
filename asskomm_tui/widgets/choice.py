"""A dropdown that jumps to an entry as its name is typed, the way a German reader spells it.

Textual's ``Select`` searches only prompts that are ``str`` or ``Text``; ours are ``Content`` (user
text is never markup), so typing found nothing. Besides, a closed ``Select`` ignores letters, and the
search neither folds umlauts nor prefers entries that begin with what was typed. ``Choice`` fixes
all three: a letter on the closed dropdown opens it at the first match; typing on narrows ("ge" →
"Gewalt im öffentlichen Raum", "hä" or "hae" → "Häusliche Gewalt"); the same letter again steps
to the next entry beginning with it ("v", "v" → "Vandalismus", then "Verkehrssicherheit").
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay

from storage.collation import fold, search_key


def prompt_forms(prompt: object) -> tuple[str, ...] | None:
    """An entry's name as the commune search folds it: plain vowels and ae/oe/ue (None: no text)."""
    if isinstance(prompt, (Content, Text)):
        prompt = prompt.plain
    if not isinstance(prompt, str):
        return None
    return tuple(search_key(prompt).split("\n"))


def find_match(prompts: list[tuple[str, ...] | None], query: str, current: int | None) -> int | None:
    """The index of the entry ``query`` names: prefix first, then a word's start, then anywhere.

    ``prompts``: each entry's ``prompt_forms``. A query of one letter typed several times ("vv")
    steps through the entries beginning with it, starting after ``current``. Umlauts match as the
    commune search has them: "hä", "ha" and "hae" all find "Häusliche Gewalt".
    """
    q = fold(query)
    if not q:
        return None
    if len(q) > 1 and len(set(q)) == 1:
        starts = [i for i, forms in enumerate(prompts) if forms and forms[0].startswith(q[0])]
        if starts:
            later = [i for i in starts if current is None or i > current]
            return (later or starts)[0]
    best: tuple[int, int, int] | None = None
    for index, forms in enumerate(prompts):
        for form in forms or ():
            at = form.find(q)
            if at < 0:
                continue
            rank = 0 if at == 0 else 1 if form[at - 1] in " -/(" else 2
            candidate = (rank, at, index)
            if best is None or candidate < best:
                best = candidate
    return best[2] if best else None


class ChoiceOverlay(SelectOverlay):
    """The open list of a ``Choice``: type-to-search with ``find_match``."""

    opening_query = ""
    """The letter that opened the list: the search goes on from it (taking the focus resets it)."""

    def watch_has_focus(self, value: bool) -> None:
        super().watch_has_focus(value)
        if value and self.opening_query:
            self._search_query, self.opening_query = self.opening_query, ""

    def _find_search_match(self, query: str) -> int | None:
        prompts = [prompt_forms(option.prompt) for option in self._options]
        return find_match(prompts, query, self.highlighted)


class Choice(Select):
    """``Select`` whose entries are found by typing, closed or open (see the module's docstring)."""

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield ChoiceOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)

    async def _on_key(self, event: events.Key) -> None:
        # a letter on the closed dropdown opens it at the first entry that letter names
        if self.expanded or not self._type_to_search or not event.is_printable or event.character in (None, " "):
            return
        event.stop()
        event.prevent_default()
        overlay = self.query_one(ChoiceOverlay)
        self.action_show_overlay()
        overlay.opening_query = event.character
        index = overlay._find_search_match(event.character)
        if index is not None:
            overlay.select(index)


class FilterChoice(Choice):
    """A filter dropdown that says when its list closes (picked or not), so the list it filters gets the focus back."""

    class Closed(Message):
        pass

    def watch_expanded(self, expanded: bool) -> None:
        if not expanded:
            self.post_message(self.Closed())
