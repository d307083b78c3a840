"""Instant, forgiving search over the commune list.

"gorl" and "goerl" find Görlitz, "schirgis" finds Schirgiswalde-Kirschau, "budysin" finds
Bautzen / Budyšin, "14628" finds every commune of that Kreis, "pirna sächs" narrows by Kreis.
Every word of the query must occur in the commune's name, Kreis or AGS; case and accents are
ignored and umlauts match both as plain vowels and as ae/oe/ue.

Ranking: names that start with the first word come first. Who types an umlaut means it: "gör" finds
Gornau too, but Görlitz (starting with "gör" as typed) ranks above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Iterable, TypeVar

from storage.collation import fold, search_key

T = TypeVar("T")


def query_words(query: str) -> list[str]:
    """The folded words of a query."""
    return [fold(w) for w in query.split() if w.strip()]


def marked_word(query: str) -> str | None:
    """The first word of the query as typed (lower case), if it has an umlaut, ß or accent; else None."""
    words = query.split()
    if not words:
        return None
    word = words[0].lower()
    return word if not word.isascii() else None


@dataclass(frozen=True)
class Indexed(Generic[T]):
    """An item with its search key, its name folded both ways and as written (for ranking)."""

    item: T
    key: str
    names: tuple[str, ...]
    exact: str
    # the folded names, each after a line break: ``"\n" + word in starts`` tells whether a name starts
    # with the word in one test (it runs for every hit on every keystroke)
    starts: str

    @classmethod
    def of(cls, item: T, name: str, *more: str) -> "Indexed[T]":
        """Index ``item`` under its name and further searchable parts (Kreis, AGS, …)."""
        names = tuple(search_key(name).split("\n"))
        return cls(item, search_key(name, *more), names, name.lower(), "\n" + "\n".join(names))


class SearchIndex(Generic[T]):
    """Items searchable by the words of a query, best matches first."""

    def __init__(self, entries: Iterable[Indexed[T]]) -> None:
        self.entries = list(entries)
        # the words and hits of the last search: a query typed on from it searches only those hits
        self._last: tuple[list[str], list[Indexed[T]]] | None = None

    def _hits(self, words: list[str]) -> list[Indexed[T]]:
        """The entries holding every word (a list comprehension per word: a call per entry costs
        three times as much, and this runs on every keystroke)."""
        pool = self.entries
        last = self._last
        # each old word inside the new word at its place: the new hits are among the old ones
        if last is not None and len(last[0]) <= len(words) and all(o in n for o, n in zip(last[0], words)):
            pool = last[1]
        for word in words:
            pool = [e for e in pool if word in e.key]
        self._last = (words, pool)
        return pool

    def search(self, query: str) -> list[T]:
        """Matching items, in list order within each rank: names starting with the first word as typed
        (only if it has an umlaut, ß or accent), then names starting with it folded, then names holding
        it as typed, then the rest."""
        words = query_words(query)
        if not words:
            return [e.item for e in self.entries]
        hits = self._hits(words)
        lead, exact = "\n" + words[0], marked_word(query)
        ranks: tuple[list[T], ...] = ([], [], [], [])
        for e in hits:
            if exact is not None and e.exact.startswith(exact):
                rank = 0
            elif lead in e.starts:
                rank = 1
            elif exact is not None and exact in e.exact:
                rank = 2
            else:
                rank = 3
            ranks[rank].append(e.item)
        return [item for rank in ranks for item in rank]
