"""One search over everything the store holds (issue 8): communes, contacts, visits, findings,
follow-ups, strategies and measures, folded like the commune search.

Every word of a query must match the entry's text or its commune's name, Kreis or AGS. Words
that name a month ("märz"), a year ("2025"), a month of a year ("03.2025"), a problem field
("graffiti") or a consultant's initials ("SS") narrow instead: they are satisfied by the entry's
date, problem fields or consultants (a problem-field word also by the text). Hits come newest
first. Only current revisions are indexed; tombstones never.

The index is built from raw records (no pydantic: a 20,000-visit store is indexed in a fraction
of its load time) and knows nothing of Textual, so the CLI's ``asskomm search`` uses it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from .collation import fold, search_key, transliterate

# what a hit is, and the kind of record it lives in (a contact in its commune, a finding in its visit, …)
KINDS = ("commune", "contact", "visit", "finding", "follow_up", "strategy", "measure")
RECORD_KIND = {"commune": "commune", "contact": "commune", "visit": "visit", "finding": "visit",
               "follow_up": "visit", "strategy": "strategy", "measure": "strategy"}

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


@dataclass(frozen=True)
class Entry:
    """One searchable thing: a record or a part of one (a finding of a visit, a contact of a commune)."""

    kind: str
    id: str  # the record's id (the visit of a finding, the commune of a contact, the strategy of a measure)
    part: str | None  # the part's own id (finding, follow-up, contact, measure), None for a whole record
    commune: str  # AGS
    date: str | None  # ISO
    texts: tuple[str, ...]  # what is shown in snippets, in order of importance
    key: str  # every text and the commune, folded
    fields: frozenset[str] = frozenset()  # problem-field codes
    initials: frozenset[str] = frozenset()  # consultants, folded


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


class Finder:
    """The index: entries of every current record, with the catalog and the consultants to read queries."""

    def __init__(self, entries: Iterable[Entry], field_names: dict[str, str], initials: Iterable[str],
                 communes: dict[str, tuple[str, str]], conflicts: set[tuple[str, str]] = frozenset()) -> None:
        """``communes``: AGS → (name, Kreis) of every commune the entries name."""
        self.entries = list(entries)
        self.field_names = field_names
        self.known_initials = {fold(i) for i in initials if i}
        self.communes = communes
        self.commune_keys = {ags: search_key(name, kreis, ags) for ags, (name, kreis) in communes.items()}
        self.conflicts = set(conflicts)
        self._field_words: dict[str, set[str]] = {}
        for code, name in field_names.items():
            for word in re.split(r"[\s/,()-]+", fold(name)) + [fold(code)]:
                if len(word) >= 4 and word not in ("und", "oder", "offentlichen", "raum", "offentlicher"):
                    self._field_words.setdefault(word, set()).add(code)

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
        """The entries matching ``text``, newest first (undated ones last, by kind)."""
        q = self.parse(text)
        if q.empty:
            return []
        found = [e for e in self.entries if self._matches(e, q)]
        found.sort(key=lambda e: (e.date or "", -KINDS.index(e.kind)), reverse=True)
        if limit is not None:
            found = found[:limit]
        return [self._hit(e, q.words, [w for w, _ in q.fields]) for e in found]

    def _matches(self, e: Entry, q: Query) -> bool:
        if q.months or q.years or q.month_years:
            if e.date is None:
                return False
            year, month = int(e.date[:4]), int(e.date[5:7])
            if q.years and year not in q.years:
                return False
            if q.months and month not in q.months:
                return False
            if q.month_years and (month, year) not in q.month_years:
                return False
        if q.initials and not (q.initials & e.initials):
            return False
        for word, codes in q.fields:
            if not (codes & e.fields) and word not in e.key:
                return False
        if q.words:
            commune = self.commune_keys.get(e.commune, "")
            for word in q.words:
                if word not in e.key and word not in commune:
                    return False
        return True

    def _hit(self, e: Entry, words: list[str], field_words: list[str]) -> Hit:
        """The snippet from the text holding most of the words (the words to find count double)."""
        def score(text: str) -> int:
            key = search_key(text)
            return 2 * sum(w in key for w in words) + sum(w in key for w in field_words)

        text = max(e.texts, key=score, default="")
        snippet, marks = snippet_of(text, words + field_words)
        return Hit(e, snippet, marks, (RECORD_KIND[e.kind], e.id) in self.conflicts)


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
    """The index over the current revisions of ``store`` (a ``Store`` or a snapshot of one)."""
    communes: dict[str, dict[str, Any]] = {}
    entries: list[Entry] = []
    for raw in store.raws("commune"):
        if raw["deleted"]:
            continue
        d = raw["data"]
        communes[raw["id"]] = d
        texts = tuple(t for t in (d["name"], d.get("notes", ""), d.get("coaching_note", "")) if t)
        entries.append(Entry("commune", raw["id"], None, raw["id"], None, texts,
                             search_key(" ".join(texts + (d["kreis"], raw["id"])))))
        for c in d.get("contacts", ()):
            texts = tuple(t for t in (c["name"], c.get("role", ""), c.get("phone", ""), c.get("email", "")) if t)
            entries.append(Entry("contact", raw["id"], c["id"], raw["id"], None, texts, search_key(" ".join(texts))))
    names = dict(field_names or {})
    for raw in store.raws("problem_field"):
        if not raw["deleted"]:
            names.setdefault(raw["id"], raw["data"]["name"])
    initials_by_id: dict[str, str] = {}
    for raw in store.raws("consultant"):
        if not raw["deleted"]:
            initials_by_id[raw["id"]] = raw["data"]["initials"]
    for raw in store.raws("visit"):
        if raw["deleted"]:
            continue
        d = raw["data"]
        vid, ags, day = raw["id"], d["commune"], d["date"]
        who = frozenset(fold(initials_by_id[c]) for c in d.get("consultants", ()) if c in initials_by_id)
        codes = frozenset(f["problem_field"] for f in d.get("findings", ()))
        texts = tuple(t for t in (d.get("summary", ""), d.get("notes", ""), *d.get("participants", ())) if t)
        kind = d.get("kind", "")
        entries.append(Entry("visit", vid, None, ags, day, texts or (kind,), search_key(" ".join(texts + (kind,))),
                             codes, who))
        for f in d.get("findings", ()):
            name = names.get(f["problem_field"], f["problem_field"])
            where = " · ".join(t for t in (name, f.get("place", "")) if t)
            texts = tuple(t for t in (where, f.get("evidence", ""), f.get("note", "")) if t)
            entries.append(Entry("finding", vid, f["id"], ags, day, texts, search_key(" ".join(texts)),
                                 frozenset((f["problem_field"],)), who))
        for f in d.get("follow_ups", ()):
            if f.get("done"):
                continue  # done work is history: the visit still finds it
            texts = tuple(t for t in (f["text"], f.get("owner", "")) if t)
            entries.append(Entry("follow_up", vid, f["id"], ags, f.get("due") or day, texts,
                                 search_key(" ".join(texts)), codes, who))
    for raw in store.raws("strategy"):
        if raw["deleted"]:
            continue
        d = raw["data"]
        sid, ags = raw["id"], d["commune"]
        day = d.get("agreed_on") or f"{d['period_start']}-01-01"
        sections = (d.get("title", ""), d.get("problem_description", ""), d.get("cause_analysis", ""),
                    d.get("implementation_notes", ""), d.get("evaluation", ""),
                    *(" ".join(v for v in (g["title"], g.get("target_group", ""), g.get("indicator", ""),
                                           g.get("target_value", "")) if v) for g in d.get("goals", ())))
        texts = tuple(t for t in sections if t)
        codes = frozenset(c for m in d.get("measures", ()) for c in m.get("problem_fields", ()))
        entries.append(Entry("strategy", sid, None, ags, day, texts or (f"{d['period_start']}–{d['period_end']}",),
                             search_key(" ".join(texts)), codes))
        for m in d.get("measures", ()):
            texts = tuple(t for t in (m["title"], m.get("description", ""), m.get("lead", ""), m.get("partners", ""))
                          if t)
            entries.append(Entry("measure", sid, m["id"], ags, m.get("start") or day, texts, search_key(" ".join(texts)),
                                 frozenset(m.get("problem_fields", ()))))
    conflicts = store.conflicted() if hasattr(store, "conflicted") else set()
    return Finder(entries, names, initials_by_id.values(),
                  {ags: (d["name"], d["kreis"]) for ags, d in communes.items()}, conflicts)


__all__ = ["Entry", "Finder", "Hit", "KINDS", "MONTHS", "Query", "build_finder", "snippet_of"]
