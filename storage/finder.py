"""One search over everything the store holds (issue 8): communes, contacts, visits, findings,
follow-ups, strategies and measures, folded like the commune search.

Every word of a query must match the entry's text or its commune's name, Kreis or AGS (as a
substring: "graff" and "brücke" in "Eisenbahnbrücke" both match). Words that name a month
("märz"), a year ("2025"), a month of a year ("03.2025"), a problem field ("graffiti") or a
consultant's initials ("SS") narrow instead: they are satisfied by the entry's date, problem
fields or consultants (a problem-field word also by the text). Hits come newest first. Only
current revisions are indexed; tombstones never, and a record that is deleted leaves no word of
its text behind in the index.

The index (``finder_index.py``) finds a query's candidates by word and filter instead of reading
every entry: at 20,000 visits a keystroke's query takes a millisecond or two (see
``benchmarks/bench_search.py``). It is built from raw records (no pydantic) and knows nothing of
Textual, so the CLI's ``asskomm search`` uses it too, on a snapshot. The app uses the live one
that ``Store.finder()`` keeps: the store tells it every new current revision (``Finder.note``)
and it re-indexes just those records before the next query.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Container, Iterable

from .collation import fold, search_key, sort_key, strip_accents, transliterate
from .finder_index import EntryIndex, indexable

# what a hit is, and the kind of record it lives in (a contact in its commune, a finding in its visit, …)
KINDS = ("commune", "contact", "visit", "finding", "follow_up", "strategy", "measure")
RECORD_KIND = {"commune": "commune", "contact": "commune", "visit": "visit", "finding": "visit",
               "follow_up": "visit", "strategy": "strategy", "measure": "strategy"}
INDEXED_KINDS = ("commune", "visit", "strategy")  # the records entries come from
# the records that change how others are indexed: field names in findings, initials as filters
REFERENCE_KINDS = ("consultant", "problem_field")

MONTHS = {
    "januar": 1, "jan": 1, "jänner": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "marz": 3, "mär": 3,
    "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}
_MONTHS_FOLDED = {fold(k): v for k, v in MONTHS.items()}
_YEAR = re.compile(r"^(19|20)\d\d$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[./](\d{4})$")
SNIPPET = 90

# A word in more index tokens than this, or listed under more than MATERIALIZE entries, is not
# looked up but checked entry by entry in newest-first order: it matches so much that the first
# hits come at once ("p", "e"); looking it up would cost more than the whole query.
TOKEN_CAP = 3000
MATERIALIZE = 60_000
NAMED_COMMUNES = 5  # communes named by a query, put first
# Candidates up to this many are sorted by rank; more are read in newest-first order until the
# first ``limit`` are found (sorting them all would cost more).
SORT_MAX = 3000
# Up to this many records deleted at once have their slots taken out of the posting lists one by
# one; more (an import) compact every list instead.
FORGET_ONE_BY_ONE = 50


@dataclass(frozen=True, slots=True)
class Entry:
    """One searchable thing: a record or a part of one (a finding of a visit, a contact of a commune)."""

    kind: str
    id: str  # the record's id (the visit of a finding, the commune of a contact, the strategy of a measure)
    part: str | None  # the part's own id (finding, follow-up, contact, measure), None for a whole record
    commune: str  # AGS
    date: str | None  # ISO
    texts: tuple[str, ...]  # what is shown in snippets, in order of importance
    key: str  # every text and the commune, folded (see ``_key``)
    fields: frozenset[str] = frozenset()  # problem-field codes
    initials: frozenset[str] = frozenset()  # consultants, folded

    @property
    def record(self) -> tuple[str, str]:
        """(kind, id) of the record the entry lives in."""
        return RECORD_KIND[self.kind], self.id


@dataclass(frozen=True)
class Hit:
    """A matching entry with the snippet to show and where in it the query's words are."""

    entry: Entry
    snippet: str
    marks: tuple[tuple[int, int], ...]  # (start, end) of each matched word in ``snippet``
    conflict: bool = False

    def as_json(self) -> dict[str, Any]:
        e = self.entry
        return {"kind": e.kind, "id": e.id, "part": e.part, "commune": e.commune, "date": e.date,
                "snippet": self.snippet, "conflict": self.conflict}


@dataclass
class Query:
    """A query split into words to find and filters."""

    words: list[str] = field(default_factory=list)  # folded
    months: set[int] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    month_years: set[tuple[int, int]] = field(default_factory=set)
    fields: list[tuple[str, frozenset[str]]] = field(default_factory=list)  # (word, codes it names)
    initials: set[str] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not (self.words or self.months or self.years or self.month_years or self.fields or self.initials)



def _key(*parts: str) -> str:
    """What ``search_key`` gives, in half the memory: the text folded, then only those words of the
    ae/oe/ue form that differ ("goerlitzer"). A query word has no white space, so it occurs in
    ``search_key`` exactly when it occurs in one of its words, and these are the same words."""
    text = " ".join(parts)
    lower = text.casefold()  # ß is ss from here on
    plain = strip_accents(lower)
    if "ä" not in lower and "ö" not in lower and "ü" not in lower:
        return plain  # the ae/oe/ue form is the same
    # = transliterate(text), without its per-character translate table (a third of the build)
    expanded = strip_accents(lower.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))
    extra = set(expanded.split()).difference(plain.split())
    return f"{plain}\n{' '.join(sorted(extra))}" if extra else plain


def _short(text: str) -> str:
    """One copy of each short text (participants, roles, owners repeat across thousands of visits)."""
    return sys.intern(text) if len(text) <= 40 else text


class Finder:
    """The index: entries of every current record, with the catalog and the consultants to read queries.

    Built by ``build_finder`` (a snapshot for the CLI) or kept live by ``Store.finder()``: then the
    store calls ``note`` with every new current revision and ``search`` first re-indexes the
    records noted since the last query (see ``follow``).
    """

    def __init__(self, entries: Iterable[Entry], field_names: dict[str, str], initials: Iterable[str],
                 communes: dict[str, tuple[str, str]], conflicts: Container[tuple[str, str]] = frozenset()) -> None:
        """``communes``: AGS → (name, Kreis) of every commune the entries name; ``conflicts``: (kind,
        id) of the records in conflict (a live store passes its own map, see ``follow``)."""
        self.field_names = dict(field_names)
        self.known_initials = {fold(i) for i in initials if i}
        self.communes = dict(communes)
        self.commune_keys = {ags: search_key(name, kreis, ags) for ags, (name, kreis) in self.communes.items()}
        self.name_keys = {ags: search_key(name) for ags, (name, _) in self.communes.items()}
        self.conflicts = conflicts
        self._field_words: dict[str, set[str]] = {}
        self._index_field_words()
        self._index = EntryIndex({k: i for i, k in enumerate(KINDS)}, Entry)
        # for live updates (``follow``): the records' sources and what their entries depend on
        self._source: Callable[[str, str], dict[str, Any] | None] | None = None
        self._pending: dict[tuple[str, str], dict[str, Any]] = {}
        self._fixed_names: set[str] = set()  # field names given by the caller, not by the store
        self._consultants: dict[str, str] = {}  # consultant id → initials
        self._by_consultant: dict[str, set[str]] = {}  # consultant id → visits naming them (or once did)
        self._shared: dict[frozenset[str], frozenset[str]] = {}  # one copy of each set of codes/initials
        grouped: dict[tuple[str, str], list[Entry]] = {}
        for e in entries:
            grouped.setdefault(e.record, []).append(e)
        for record, group in grouped.items():
            self._index.add(record, group, place=False)
        self._index.resort()

    def _index_field_words(self) -> None:
        self._field_words = {}
        for code, name in self.field_names.items():
            for word in re.split(r"[\s/,()-]+", fold(name)) + [fold(code)]:
                if len(word) >= 4 and word not in ("und", "oder", "offentlichen", "raum", "offentlicher"):
                    self._field_words.setdefault(word, set()).add(code)

    @property
    def entries(self) -> list[Entry]:
        """Every indexed entry, newest first (a copy: for counting and tests, not per keystroke)."""
        self._flush()
        return [self._index.entry(s) for s in self._index.order]

    # -- live updates ---------------------------------------------------------------------------
    def follow(self, source: Callable[[str, str], dict[str, Any] | None],
               conflicts: Container[tuple[str, str]]) -> None:
        """Keep in step with a live store: ``source(kind, id)`` gives a record's stored raw dict
        (to re-index the visits of a consultant or problem field that changed), ``conflicts`` is
        the store's own map of records in conflict (so ⚠ follows every import and resolution)."""
        self._source = source
        self.conflicts = conflicts

    def note(self, raw: dict[str, Any]) -> None:
        """The store made ``raw`` the current revision of its record (a save, an import, a
        resolution, a delete): it is re-indexed before the next query. Cheap: many notes in one
        import cost one pass; do not mutate ``raw`` afterwards."""
        if raw["kind"] in INDEXED_KINDS or raw["kind"] in REFERENCE_KINDS:
            self._pending[(raw["kind"], raw["id"])] = raw

    def _flush(self) -> None:
        """Re-index the records noted since the last query (and the visits their changes touch)."""
        if not self._pending:
            return
        pending, self._pending = self._pending, {}
        idx = self._index
        redo: set[tuple[str, str]] = set()
        fields_changed = False
        for (kind, rid), raw in pending.items():
            live = not raw["deleted"]
            if kind == "consultant":
                old = self._consultants.pop(rid, None)
                if live:
                    self._consultants[rid] = raw["data"]["initials"]
                if fold(old or "") != fold(self._consultants.get(rid, "")):
                    redo |= {("visit", vid) for vid in self._by_consultant.get(rid, ())}
            elif kind == "problem_field" and rid not in self._fixed_names:
                old = self.field_names.pop(rid, None)
                if live:
                    self.field_names[rid] = raw["data"]["name"]
                if old != self.field_names.get(rid):
                    fields_changed = True
                    redo |= {("visit", idx.ids[s]) for s in idx.by_field.get(rid, ()) if idx.kind[s] == "finding"}
            elif kind == "commune":
                self.communes.pop(rid, None)
                self.commune_keys.pop(rid, None)
                self.name_keys.pop(rid, None)
                if live:
                    d = raw["data"]
                    self.communes[rid] = (d["name"], d["kreis"])
                    self.commune_keys[rid] = search_key(d["name"], d["kreis"], rid)
                    self.name_keys[rid] = search_key(d["name"])
        self.known_initials = {fold(i) for i in self._consultants.values() if i}
        if fields_changed:
            self._index_field_words()
        records = {key: raw for key, raw in pending.items() if key[0] in INDEXED_KINDS}
        for key in redo - records.keys():
            if self._source is not None:
                records[key] = self._source(*key)
        many = len(records) > 100 + len(idx) // 50  # an import: sort once instead of inserting each
        # a deleted record's words leave the index now, not at some later compaction (issue 10):
        # a few are taken out of their posting lists one by one, many by compacting them all
        deleted = sum(1 for raw in records.values() if raw is None or raw["deleted"])
        one_by_one = deleted <= FORGET_ONE_BY_ONE
        dropped = False
        for key, raw in records.items():
            gone = raw is None or raw["deleted"]
            dropped |= idx.remove(key, place=not many, forget=gone and one_by_one)
            if not gone:
                idx.add(key, self._entries_of(raw), place=not many)
        if dropped:
            idx.rebuild_vocab()
        if many:
            idx.resort()
        idx.compact_if_needed(force=not one_by_one)

    # -- queries ------------------------------------------------------------------------------------
    def parse(self, text: str) -> Query:
        """Split ``text`` into words and filters."""
        q = Query()
        for raw in text.split():
            word = fold(raw)
            if not word:
                continue
            if word in _MONTHS_FOLDED:
                q.months.add(_MONTHS_FOLDED[word])
            elif _YEAR.match(word):
                q.years.add(int(word))
            elif (m := _MONTH_YEAR.match(word)) and 1 <= int(m.group(1)) <= 12:
                q.month_years.add((int(m.group(1)), int(m.group(2))))
            elif word in self.known_initials and raw.isupper():
                q.initials.add(word)
            elif codes := self._fields_named(word):
                q.fields.append((word, frozenset(codes)))
            else:
                q.words.append(word)
        return q

    def _fields_named(self, word: str) -> set[str]:
        if len(word) < 4:
            return set()
        out: set[str] = set()
        for field_word, codes in self._field_words.items():
            if field_word.startswith(word):
                out |= codes
        return out

    def search(self, text: str, limit: int | None = None) -> list[Hit]:
        """The entries matching ``text``, newest first (undated ones last, by kind), at most ``limit``.

        Only the hits returned get snippets, so a small ``limit`` (what the screen shows) keeps a
        keystroke cheap however many entries match. On a live finder (``Store.finder()``) call it
        on the store thread; records saved since the last call are re-indexed first.
        """
        self._flush()
        q = self.parse(text)
        if q.empty or limit == 0:
            return []
        entry = self._index.entry
        field_words = [w for w, _ in q.fields]
        named = self._named_communes(q)
        slots = named + [s for s in self._matching(q, limit) if s not in named]
        return [self._hit(entry(s), q.words, field_words) for s in slots[:limit]]

    def _named_communes(self, q: Query) -> list[int]:
        """The slots of the communes whose name holds every word of a query of words only, in list
        order: "görlitz" asks for Görlitz first, before the Kreis's 53 communes and the dated hits
        (which otherwise come first, newest first, and hide it behind a hundred of them)."""
        if not q.words or q.months or q.years or q.month_years or q.fields or q.initials:
            return []
        idx = self._index
        names = [ags for ags, key in self.name_keys.items() if all(w in key for w in q.words)]
        out = []
        for ags in sorted(names, key=lambda a: sort_key(self.communes[a][0])):
            for slot in idx.by_commune.get(ags, ()):
                if slot not in idx.dead and idx.entry(slot).kind == "commune":
                    out.append(slot)
                    break
        return out[:NAMED_COMMUNES]

    def _matching(self, q: Query, limit: int | None) -> list[int]:
        """Slots of the entries matching ``q``, newest first, at most ``limit``.

        The index gives a set that holds every match of the most selective conditions (and of the
        others it is cheap to intersect with); only the conditions left are checked entry by entry,
        in newest-first order, until ``limit`` are found.
        """
        idx = self._index
        chosen, rest = self._lookup(q)
        check = self._checker(rest)
        spans = self._spans(q)
        candidates: Iterable[int]
        if chosen is not None and (limit is None or len(chosen) <= SORT_MAX):
            candidates = sorted(chosen, key=idx.rank.__getitem__)
        else:
            order = idx.order
            runs = [order] if spans is None else [order[start:stop] for start, stop in spans]
            if chosen is None:
                candidates = (s for run in runs for s in run)
            else:  # many: reading the order until ``limit`` are found beats sorting them all
                candidates = (s for run in runs for s in run if s in chosen)
        found = []
        for slot in candidates:
            if check is None or check(slot):
                found.append(slot)
                if len(found) == limit:
                    return found
        return found

    def _lookup(self, q: Query) -> tuple[set[int] | None, Query]:
        """The slots that meet the query's most selective conditions (None: no condition is
        selective), and the query of the conditions they do not ensure."""
        idx = self._index
        # (at most how many slots, what it stands for, tokens, communes, problem fields, initials)
        options: list[tuple[int, tuple[str, int], list[str], list[str], Iterable[str], Iterable[str]]] = []
        for i, word in enumerate(q.words):
            tokens = idx.tokens_with(word, TOKEN_CAP) if indexable(word) else None
            if tokens is not None:
                communes = [ags for ags, key in self.commune_keys.items() if word in key]
                size = idx.posting_size(tokens) + sum(len(idx.by_commune.get(a, ())) for a in communes)
                options.append((size, ("word", i), tokens, communes, (), ()))
        for i, (word, codes) in enumerate(q.fields):
            tokens = idx.tokens_with(word, TOKEN_CAP) if indexable(word) else None
            if tokens is not None:
                size = idx.posting_size(tokens) + sum(len(idx.by_field.get(c, ())) for c in codes)
                options.append((size, ("field", i), tokens, [], codes, ()))
        if q.initials:
            size = sum(len(idx.by_initial.get(i, ())) for i in q.initials)
            options.append((size, ("initials", 0), [], [], (), q.initials))
        options.sort(key=lambda o: o[0])
        chosen: set[int] | None = None
        used: set[tuple[str, int]] = set()
        for size, what, tokens, communes, codes, initials in options:
            # intersecting with a big set costs more than checking the few candidates left
            if size > MATERIALIZE or (chosen is not None and size > 8 * len(chosen) + 1000):
                break
            found = idx.union(tokens, communes, codes, initials)
            chosen = found if chosen is None else chosen & found
            used.add(what)
        rest = Query([w for i, w in enumerate(q.words) if ("word", i) not in used], q.months, q.years,
                     q.month_years, [f for i, f in enumerate(q.fields) if ("field", i) not in used],
                     set() if ("initials", 0) in used else q.initials)
        return chosen, rest

    def _spans(self, q: Query) -> list[tuple[int, int]] | None:
        """Where in the newest-first order the entries of the query's years or months of years
        are (one run per year or month, newest first); None if the query names none."""
        if q.month_years:
            days = [(y * 10000 + m * 100, y * 10000 + m * 100 + 99) for m, y in q.month_years
                    if (not q.years or y in q.years) and (not q.months or m in q.months)]
        elif q.years:
            days = [(y * 10000, y * 10000 + 9999) for y in q.years]
        else:
            return None
        spans = [self._index.day_range(first, last) for first, last in days]
        return sorted(s for s in spans if s[0] < s[1])

    def _checker(self, q: Query) -> Callable[[int], bool] | None:
        """A test of a slot against ``q`` (the definition that the index only speeds up); None
        when ``q`` has no condition. One closure per query: it runs once per candidate."""
        words, fields, initials = q.words, q.fields, q.initials
        months, years, month_years = q.months, q.years, q.month_years
        dated = bool(months or years or month_years)
        if not (words or fields or initials or dated):
            return None
        idx, commune_keys = self._index, self.commune_keys
        negday, keys, communes, entry_fields, entry_initials = idx.negday, idx.key, idx.commune, idx.fields, idx.initials

        def check(slot: int) -> bool:
            if dated:
                day = -negday[slot]
                if not day:
                    return False
                year, month = day // 10000, day // 100 % 100
                if (years and year not in years) or (months and month not in months) \
                        or (month_years and (month, year) not in month_years):
                    return False
            if initials and initials.isdisjoint(entry_initials[slot]):
                return False
            key = keys[slot]
            for word, codes in fields:
                if codes.isdisjoint(entry_fields[slot]) and word not in key:
                    return False
            commune = None
            for word in words:
                if word not in key:
                    if commune is None:
                        commune = commune_keys.get(communes[slot], "")
                    if word not in commune:
                        return False
            return True

        return check

    def _hit(self, e: Entry, words: list[str], field_words: list[str]) -> Hit:
        """The snippet from the text holding most of the words (the words to find count double)."""
        # a word matched by the commune alone (or a problem field by its code) is in no text:
        # leaving it out changes no score and no mark, and spares folding every text for it
        key = e.key
        words = [w for w in words if w in key]
        field_words = [w for w in field_words if w in key]

        def score(text: str) -> int:
            key = search_key(text)
            return 2 * sum(w in key for w in words) + sum(w in key for w in field_words)

        if len(e.texts) > 1 and (words or field_words):
            text = max(e.texts, key=score)
        else:
            text = e.texts[0] if e.texts else ""
        snippet, marks = snippet_of(text, words + field_words)
        return Hit(e, snippet, marks, e.record in self.conflicts)

    # -- records to entries ---------------------------------------------------------------------
    def _entries_of(self, raw: dict[str, Any]) -> list[Entry]:
        """The entries of one current record (a commune, visit or strategy)."""
        kind, d = raw["kind"], raw["data"]
        if kind == "commune":
            return self._commune_entries(raw["id"], d)
        if kind == "visit":
            return self._visit_entries(raw["id"], d)
        return self._strategy_entries(raw["id"], d)

    def _same(self, values: frozenset[str]) -> frozenset[str]:
        return self._shared.setdefault(values, values) if values else frozenset()

    def _commune_entries(self, ags: str, d: dict[str, Any]) -> list[Entry]:
        texts = tuple(t for t in (d["name"], d.get("notes", ""), d.get("coaching_note", "")) if t)
        out = [Entry("commune", ags, None, ags, None, texts, _key(*texts, d["kreis"], ags))]
        for c in d.get("contacts", ()):
            texts = tuple(_short(t) for t in (c["name"], c.get("role", ""), c.get("phone", ""), c.get("email", ""))
                          if t)
            out.append(Entry("contact", ags, c["id"], ags, None, texts, _key(*texts)))
        return out

    def _visit_entries(self, vid: str, d: dict[str, Any]) -> list[Entry]:
        ags, day = sys.intern(d["commune"]), sys.intern(d["date"])
        for c in d.get("consultants", ()):
            self._by_consultant.setdefault(c, set()).add(vid)
        known = self._consultants
        who = self._same(frozenset(fold(known[c]) for c in d.get("consultants", ()) if c in known))
        codes = self._same(frozenset(f["problem_field"] for f in d.get("findings", ())))
        texts = tuple(_short(t) for t in (d.get("summary", ""), d.get("notes", ""), *d.get("participants", ())) if t)
        kind = _short(d.get("kind", ""))
        out = [Entry("visit", vid, None, ags, day, texts or (kind,), _key(*texts, kind), codes, who)]
        names = self.field_names
        for f in d.get("findings", ()):
            name = names.get(f["problem_field"], f["problem_field"])
            where = " · ".join(t for t in (name, f.get("place", "")) if t)
            texts = tuple(_short(t) for t in (where, f.get("evidence", ""), f.get("note", "")) if t)
            out.append(Entry("finding", vid, f["id"], ags, day, texts, _key(*texts),
                             self._same(frozenset((f["problem_field"],))), who))
        for f in d.get("follow_ups", ()):
            if f.get("done"):
                continue  # done work is history: the visit still finds it
            texts = tuple(_short(t) for t in (f["text"], f.get("owner", "")) if t)
            out.append(Entry("follow_up", vid, f["id"], ags, f.get("due") or day, texts, _key(*texts), codes, who))
        return out

    def _strategy_entries(self, sid: str, d: dict[str, Any]) -> list[Entry]:
        ags = sys.intern(d["commune"])
        day = d.get("agreed_on") or f"{d['period_start']}-01-01"
        sections = (d.get("title", ""), d.get("problem_description", ""), d.get("cause_analysis", ""),
                    d.get("implementation_notes", ""), d.get("evaluation", ""),
                    *(" ".join(v for v in (g["title"], g.get("target_group", ""), g.get("indicator", ""),
                                           g.get("target_value", "")) if v) for g in d.get("goals", ())))
        texts = tuple(t for t in sections if t)
        codes = self._same(frozenset(c for m in d.get("measures", ()) for c in m.get("problem_fields", ())))
        out = [Entry("strategy", sid, None, ags, day, texts or (f"{d['period_start']}–{d['period_end']}",),
                     _key(*texts), codes)]
        for m in d.get("measures", ()):
            texts = tuple(_short(t) for t in (m["title"], m.get("description", ""), m.get("lead", ""),
                                              m.get("partners", "")) if t)
            out.append(Entry("measure", sid, m["id"], ags, m.get("start") or day, texts, _key(*texts),
                             self._same(frozenset(m.get("problem_fields", ())))))
        return out


def snippet_of(text: str, words: list[str], width: int = SNIPPET) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of ``text`` (one line) around the first matched word, and where the words are in it.

    Matching is on the folded text, position for position: folding keeps the length of nearly every
    character (ä → a); where it would not (ß → ss), the word is looked up character by character.
    """
    line = " ".join(text.split())
    folded = fold(line)
    found: set[tuple[int, int]] = set()
    plain: list[str] | None = None
    expanded: list[str] | None = None
    for word in words:
        if len(folded) == len(line):  # nearly always: folding kept every position, str.find does it
            start = 0
            while (at := folded.find(word, start)) >= 0:
                found.add((at, at + len(word)))
                start = at + len(word)
        else:  # ß → ss and the like: per character, so that positions stay positions in the line
            plain = plain or [fold(c) or c for c in line]
            start = 0
            while (span := _find(plain, word, start)) is not None:
                found.add(span)
                start = span[1]
        if word not in folded and word in transliterate(line):
            # found only as ae/oe/ue ("goerlitz"): per character in the expanded form
            expanded = expanded or [transliterate(c) or c for c in line]
            start = 0
            while (span := _find(expanded, word, start)) is not None:
                found.add(span)
                start = span[1]
    spans = sorted(found)
    first = spans[0][0] if spans else 0
    begin = max(0, min(first - width // 3, len(line) - width))
    end = min(len(line), begin + width)
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(line) else ""
    window = prefix + line[begin:end] + suffix
    shift = len(prefix) - begin
    marks = tuple((s + shift, e + shift) for s, e in spans if s >= begin and e <= end)
    return window, marks


def _find(folded: list[str], word: str, start: int) -> tuple[int, int] | None:
    for i in range(start, len(folded)):
        j, k = i, 0
        while k < len(word) and j < len(folded):
            piece = folded[j]
            if not word.startswith(piece, k):
                if piece.startswith(word[k:]):  # the word ends inside this character ("stras" in "Straße")
                    k, j = len(word), j + 1
                break
            k += len(piece)
            j += 1
        if k >= len(word) and j > i:
            return i, j
    return None


def build_finder(store: Any, field_names: dict[str, str] | None = None) -> Finder:
    """The index over the current revisions of ``store`` (a ``Store`` or a snapshot of one).

    ``field_names`` (code → name) take precedence over the store's problem fields. The result
    does not follow later changes of the store: ``Store.finder()`` gives the one that does.
    """
    communes = {raw["id"]: raw for raw in store.raws("commune") if not raw["deleted"]}
    names = dict(field_names or {})
    for raw in store.raws("problem_field"):
        if not raw["deleted"]:
            names.setdefault(raw["id"], raw["data"]["name"])
    consultants = {raw["id"]: raw["data"]["initials"] for raw in store.raws("consultant") if not raw["deleted"]}
    conflicts = store.conflicted() if hasattr(store, "conflicted") else set()
    finder = Finder((), names, consultants.values(),
                    {ags: (raw["data"]["name"], raw["data"]["kreis"]) for ags, raw in communes.items()}, conflicts)
    finder._fixed_names = set(field_names or ())
    finder._consultants = consultants
    index = finder._index
    for raw in communes.values():
        index.add(("commune", raw["id"]), finder._entries_of(raw), place=False)
    for kind in ("visit", "strategy"):
        for raw in store.raws(kind):
            if not raw["deleted"]:
                index.add((kind, raw["id"]), finder._entries_of(raw), place=False)
    index.resort()
    return finder


__all__ = ["Entry", "Finder", "Hit", "KINDS", "MONTHS", "Query", "build_finder", "snippet_of"]
