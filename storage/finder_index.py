"""The inverted index behind ``storage/finder.py``: which entries hold a word, in newest-first order.

Every entry gets a *slot* (an integer, never reused while the index lives); its fields are kept in
one list per field (``Entry`` objects are made only for hits). Three structures answer a query
without looking at every entry:

- **tokens**: each entry's folded key split at white space; ``postings[token]`` lists the slots
  whose key holds it. A query word (never white space) occurs in a key exactly when it occurs in
  one of the key's tokens, so substring semantics stay as they were ("brücke" still finds
  "Eisenbahnbrücke"): the tokens containing the word are found by ``str.find`` over one string of
  all tokens (``vocab``), then their postings are united.
- **lists** of slots per commune, problem field and consultant's initials, for the commune part of
  a word and for the filter words.
- **order**: the live slots sorted newest first (date, then kind, then record id and position, so
  the order never depends on the order records were indexed in), and a ``rank`` per slot that
  compares like the order (with gaps, so an insert rarely renumbers), so a small candidate set is
  sorted by rank instead of sorting everything per keystroke; a year is a contiguous run of it.

Removing an entry marks its slot dead (``dead``) instead of editing every list that holds it; the
lists are compacted once the dead are many. Arrays of 32-bit slots, not sets or lists: at 20,000
visits the index holds some 900,000 references to slots; a set costs about 40 bytes per element,
a list 8, an array 4 (and uniting arrays into a set is only a quarter slower than lists).

Knows nothing of records or queries: ``finder.py`` does.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from typing import Any, Callable, Iterable

GAP = 1 << 20  # rank distance between neighbours after a renumbering
COMPACT_AFTER = 2000  # dead slots (plus an eighth of the live ones) before the lists are compacted
SEP = "\x00"  # between the tokens in ``vocab``; a word holding it is checked entry by entry (``indexable``)


def date_number(day: str | None) -> int:
    """``"2025-03-12"`` → 20250312; undated → 0."""
    if not day:
        return 0
    return int(day[:4]) * 10000 + int(day[5:7]) * 100 + int(day[8:10])


def indexable(word: str) -> bool:
    """Whether the token lookup answers for ``word`` (else it is checked entry by entry)."""
    return bool(word) and SEP not in word and not any(c.isspace() for c in word)


def _list(lists: dict[str, array], name: str) -> array:
    listed = lists.get(name)
    if listed is None:
        listed = lists[name] = array("i")
    return listed


class EntryIndex:
    """Slots of entries with their tokens, sets and newest-first order (see the module docstring)."""

    def __init__(self, kind_order: dict[str, int], entry_type: Callable[..., Any]) -> None:
        """``entry_type(kind, id, part, commune, date, texts, key, fields, initials)`` makes an entry."""
        self.kind_order = kind_order
        self.entry_type = entry_type
        # slot → each field of its entry, one list per field: no object per entry, so that a full
        # garbage collection has 60,000 fewer objects to visit at 20,000 visits (20 ms less);
        # ``key`` and ``texts`` are None once the slot is dead
        self.kind: list[str] = []
        self.ids: list[str] = []
        self.part: list[str | None] = []
        self.commune: list[str] = []
        self.date: list[str | None] = []
        self.texts: list[tuple[str, ...] | None] = []
        self.key: list[str | None] = []
        self.fields: list[frozenset[str]] = []
        self.initials: list[frozenset[str]] = []
        self.negday = array("i")  # slot → -YYYYMMDD (0 undated): ascending is newest first
        self.pos = array("i")  # slot → position among its record's entries
        self.rank = array("q")  # slot → a number that sorts like ``order``
        self.order: list[int] = []  # live slots, newest first
        self.by_record: dict[tuple[str, str], tuple[int, ...]] = {}
        self.postings: dict[str, array] = {}  # token → slots (dead ones too, until compacted)
        self.tokens: list[str] = []  # token number → token
        self.starts: list[int] = []  # token number → where it starts in ``vocab``
        self.vocab = SEP
        self.by_commune: dict[str, array] = {}  # (dead ones too, like ``postings``)
        self.by_field: dict[str, array] = {}
        self.by_initial: dict[str, array] = {}
        self.dead: set[int] = set()
        self._stale_postings = 0  # dead slots still listed in ``postings``

    def __len__(self) -> int:
        return len(self.order)

    def entry(self, slot: int) -> Any:
        """The entry in a live slot."""
        return self.entry_type(self.kind[slot], self.ids[slot], self.part[slot], self.commune[slot], self.date[slot],
                               self.texts[slot], self.key[slot], self.fields[slot], self.initials[slot])

    # -- changes --------------------------------------------------------------------------------
    def sort_key(self, slot: int) -> tuple[int, int, str, int]:
        return self.negday[slot], self.kind_order[self.kind[slot]], self.ids[slot], self.pos[slot]

    def add(self, record: tuple[str, str], entries: Iterable[Any], place: bool = True) -> None:
        """Index a record's entries (a record already indexed must be removed first).

        ``place=False`` leaves them out of ``order`` (for many at once: ``resort`` afterwards).
        """
        slots = []
        postings, new_tokens = self.postings, []
        for i, e in enumerate(entries):
            slot = len(self.key)
            slots.append(slot)
            for column, value in ((self.kind, e.kind), (self.ids, e.id), (self.part, e.part),
                                  (self.commune, e.commune), (self.date, e.date), (self.texts, e.texts),
                                  (self.key, e.key), (self.fields, e.fields), (self.initials, e.initials)):
                column.append(value)
            self.negday.append(-date_number(e.date))
            self.pos.append(i)
            self.rank.append(0)
            for token in set(e.key.split()):
                listed = postings.get(token)
                if listed is None:
                    postings[token] = array("i", (slot,))
                    new_tokens.append(token)
                else:
                    listed.append(slot)
            _list(self.by_commune, e.commune).append(slot)
            for code in e.fields:
                _list(self.by_field, code).append(slot)
            for initials in e.initials:
                _list(self.by_initial, initials).append(slot)
            if place:
                self._place(slot)
        if new_tokens:
            self._add_tokens(new_tokens)
        if slots:
            self.by_record[record] = tuple(slots)  # a tuple of ints: the collector skips it

    def remove(self, record: tuple[str, str], place: bool = True, forget: bool = False) -> bool:
        """Forget a record's entries (nothing if it has none); ``place=False``: ``resort`` follows.

        ``forget``: also take its slots out of the posting lists at once, and drop the tokens only
        it held from the vocabulary, so that no word of its text stays in the index (a deleted
        record, issue 10; an edit leaves that to the next compaction). Returns whether a token
        was dropped: then ``rebuild_vocab`` must follow (once, after many removals).
        """
        dropped = False
        for slot in self.by_record.pop(record, ()):
            if place:
                at = bisect_left(self.order, self.sort_key(slot), key=self.sort_key)
                if at < len(self.order) and self.order[at] == slot:
                    del self.order[at]
            key = self.key[slot]
            if forget and key is not None:
                for token in set(key.split()):
                    listed = self.postings.get(token)
                    if listed is None:
                        continue
                    try:
                        listed.remove(slot)
                    except ValueError:
                        pass
                    if not listed:
                        del self.postings[token]
                        dropped = True
            else:
                self._stale_postings += 1
            self.key[slot] = self.texts[slot] = None
            self.dead.add(slot)
        return dropped

    def rebuild_vocab(self) -> None:
        """The vocabulary anew from the posting lists (after ``remove(forget=True)`` dropped tokens)."""
        self._rebuild_vocab()

    def _place(self, slot: int) -> None:
        """Insert a slot into ``order`` and give it a rank between its neighbours'."""
        order, rank = self.order, self.rank
        at = bisect_left(order, self.sort_key(slot), key=self.sort_key)
        low = rank[order[at - 1]] if at > 0 else None
        high = rank[order[at]] if at < len(order) else None
        if low is None and high is None:
            value = 0
        elif low is None:
            value = high - GAP
        elif high is None:
            value = low + GAP
        elif high - low >= 2:
            value = (low + high) // 2
        else:
            value = None
        order.insert(at, slot)
        if value is None:  # no room left between the neighbours: renumber (rare)
            self._renumber()
        else:
            rank[slot] = value

    def resort(self) -> None:
        """Sort every live slot into ``order`` anew (after many ``add(place=False)``)."""
        live = [s for s, key in enumerate(self.key) if key is not None]
        live.sort(key=self.sort_key)
        self.order = live
        self._renumber()

    def _renumber(self) -> None:
        rank = self.rank
        for i, slot in enumerate(self.order):
            rank[slot] = i * GAP

    def compact_if_needed(self, force: bool = False) -> None:
        """Drop dead slots from the posting lists once they are many (a few hundred saves), or
        now if ``force`` (after many deleted records: cheaper than forgetting each)."""
        if not force and self._stale_postings < COMPACT_AFTER + len(self.order) // 8:
            return
        dead = self.dead
        for lists in (self.postings, self.by_commune, self.by_field, self.by_initial):
            for name, listed in list(lists.items()):
                kept = array("i", (s for s in listed if s not in dead))
                if kept:
                    lists[name] = kept
                else:
                    del lists[name]
        self._rebuild_vocab()
        self._stale_postings = 0
        # slots stay dead (never reused), but nothing refers to them any more
        self.dead = set()

    def _add_tokens(self, new: list[str]) -> None:
        parts = []
        at = len(self.vocab)
        for token in new:
            self.tokens.append(token)
            self.starts.append(at)
            at += len(token) + 1
            parts.append(token)
        self.vocab += SEP.join(parts) + SEP

    def _rebuild_vocab(self) -> None:
        self.tokens, self.starts, self.vocab = [], [], SEP
        self._add_tokens(list(self.postings))

    # -- lookups --------------------------------------------------------------------------------
    def tokens_with(self, word: str, cap: int) -> list[str] | None:
        """The tokens containing ``word`` (an ``indexable`` one); None when more than ``cap`` do."""
        vocab = self.vocab
        if vocab.count(word) > cap:  # an upper bound, counted in C: the loop below is Python
            return None
        found = []
        starts, tokens = self.starts, self.tokens
        end = len(vocab)
        at = vocab.find(word)
        while at >= 0:
            number = bisect_right(starts, at) - 1
            found.append(tokens[number])
            nxt = starts[number + 1] if number + 1 < len(starts) else end
            at = vocab.find(word, nxt)
        return found

    def posting_size(self, tokens: list[str]) -> int:
        postings = self.postings
        return sum(len(postings[t]) for t in tokens)

    def union(self, tokens: Iterable[str] = (), communes: Iterable[str] = (), fields: Iterable[str] = (),
              initials: Iterable[str] = ()) -> set[int]:
        """Every live slot listed under one of ``tokens``, ``communes``, ``fields`` or ``initials``."""
        out: set[int] = set()
        for lists, names in ((self.postings, tokens), (self.by_commune, communes), (self.by_field, fields),
                             (self.by_initial, initials)):
            for name in names:
                out.update(lists.get(name, ()))
        if self.dead:
            out -= self.dead
        return out

    def day_range(self, first: int, last: int) -> tuple[int, int]:
        """Positions [start, stop) in ``order`` of the entries dated first..last (YYYYMMDD)."""
        key = self.negday.__getitem__
        return (bisect_left(self.order, -last, key=key), bisect_right(self.order, -first, key=key))
