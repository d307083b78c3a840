"""Instant, forgiving search over the commune list.

"gorl" and "goerl" find Görlitz, "schirgis" finds Schirgiswalde-Kirschau, "budysin" finds
Bautzen / Budyšin, "14628" finds every commune of that Kreis, "pirna sächs" narrows by Kreis.
Every word of the query must occur in the commune's name, Kreis or AGS; case and accents are
ignored and umlauts match both as plain vowels and as ae/oe/ue.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Generic, Iterable, Sequence, TypeVar

T = TypeVar("T")

_EXPAND = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case without accents: ``Görlitz`` → ``gorlitz``, ``Budyšin`` → ``budysin``."""
    return _strip_accents(text.casefold().replace("ß", "ss"))


def search_key(*parts: str) -> str:
    """Everything a query may match, folded both ways (``gorlitz`` and ``goerlitz``)."""
    text = " ".join(parts).casefold()
    return f"{fold(text)}\n{_strip_accents(text.translate(_EXPAND))}"


def query_words(query: str) -> list[str]:
    """The folded words of a query."""
    return [fold(w) for w in query.split() if w.strip()]


def matches(key: str, words: Sequence[str]) -> bool:
    """True if every word occurs in the key."""
    return all(w in key for w in words)


@dataclass(frozen=True)
class Indexed(Generic[T]):
    """An item with its search key and its name folded both ways (for ranking)."""

    item: T
    key: str
    names: tuple[str, ...]

    @classmethod
    def of(cls, item: T, name: str, *more: str) -> "Indexed[T]":
        """Index ``item`` under its name and further searchable parts (Kreis, AGS, …)."""
        return cls(item, search_key(name, *more), tuple(search_key(name).split("\n")))


class SearchIndex(Generic[T]):
    """Items searchable by the words of a query, best matches first."""

    def __init__(self, entries: Iterable[Indexed[T]]) -> None:
        self.entries = list(entries)

    def search(self, query: str) -> list[T]:
        """Matching items: names starting with the first word first, then the rest in list order."""
        words = query_words(query)
        if not words:
            return [e.item for e in self.entries]
        hits = [e for e in self.entries if matches(e.key, words)]
        first = words[0]
        starts, rest = [], []
        for e in hits:
            (starts if any(n.startswith(first) for n in e.names) else rest).append(e.item)
        return starts + rest
