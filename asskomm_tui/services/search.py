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
from typing import Generic, Iterable, Sequence, TypeVar

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


def matches(key: str, words: Sequence[str]) -> bool:
    """True if every word occurs in the key."""
    return all(w in key for w in words)


@dataclass(frozen=True)
class Indexed(Generic[T]):
    """An item with its search key, its name folded both ways and as written (for ranking)."""

    item: T
    key: str
    names: tuple[str, ...]
    exact: str

    @classmethod
    def of(cls, item: T, name: str, *more: str) -> "Indexed[T]":
        """Index ``item`` under its name and further searchable parts (Kreis, AGS, …)."""
        return cls(item, search_key(name, *more), tuple(search_key(name).split("\n")), name.lower())


class SearchIndex(Generic[T]):
    """Items searchable by the words of a query, best matches first."""

    def __init__(self, entries: Iterable[Indexed[T]]) -> None:
        self.entries = list(entries)

    def search(self, query: str) -> list[T]:
        """Matching items, in list order within each rank: names starting with the first word as typed
        (only if it has an umlaut, ß or accent), then names starting with it folded, then names holding
        it as typed, then the rest."""
        words = query_words(query)
        if not words:
            return [e.item for e in self.entries]
        hits = [e for e in self.entries if matches(e.key, words)]
        first, exact = words[0], marked_word(query)
        ranks: tuple[list[T], ...] = ([], [], [], [])
        for e in hits:
            if exact is not None and e.exact.startswith(exact):
                rank = 0
            elif any(n.startswith(first) for n in e.names):
                rank = 1
            elif exact is not None and exact in e.exact:
                rank = 2
            else:
                rank = 3
            ranks[rank].append(e.item)
        return [item for rank in ranks for item in rank]
