"""Finding a person's name in records without knowing it: salted word hashes (issue 10, Art. 15/17).

An erasure order (``erasure.py``) must find the person again in revisions that arrive later, on
every device, without carrying the name in clear text. So a name is kept as its *words*, each as
the salted sha256 of its normalised forms (``Person``); a text names the person where its words,
normalised and hashed with the same salt, follow each other in the same order.

Normalisation is the search's (``collation.py``): case and accents do not matter and ß is ss
(``fold``), and the German transliteration counts too (``transliterate``): "Anna Müller" is found
as "ANNA MÜLLER", "anna muller" and "Anna Mueller". Matching is by whole words: "Müller" is not
found in "Müllerstraße" or "Müllers"; a hyphenated name is one word ("Müller-Lüdenscheid").
Between the words of a name only white space and dots may stand ("A. Müller" is "A" then "Müller",
"Dr. Anna Müller" contains "Anna Müller"); "Müller, Anna" is another order of words and is not
found by "Anna Müller".

The hashes are pseudonymous, not anonymous: the salt travels with them, so whoever holds an order
can test a guessed name against it (a list of common names takes seconds). They keep the name out
of plain sight in bundles and stores; they do not make it secret.

Which fields of a record hold text about people, and what a match does there, is ``SPEC``: free
text has the name replaced by ``ERASED``; a contact whose name matches and a participant entry
that names the person are removed. Pure functions over raw dicts; no store, no Textual.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any, Iterable

from .collation import fold, transliterate
from .records import MAX_LINE, MAX_TEXT

ERASED = "[gelöscht]"
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
GAP = re.compile(r"[\s.]+")  # what may stand between the words of a name
MAX_WORDS = 8
HASH_LEN = 32  # hex digits of a word hash (128 bits)


def forms(word: str) -> set[str]:
    """The normalised forms a word is found by: ``Müller`` → ``{"muller", "mueller"}``."""
    return {fold(word), transliterate(word)}


def word_hash(salt: str, form: str) -> str:
    """The salted hash of one normalised word form."""
    return hashlib.sha256(bytes.fromhex(salt) + form.encode("utf-8")).hexdigest()[:HASH_LEN]


def name_words(name: str) -> list[str]:
    """The words of a typed name (``"Dr. Anna Müller"`` → ``["Dr", "Anna", "Müller"]``)."""
    return WORD.findall(name)


@dataclass(frozen=True)
class Person:
    """A person as an order names them: per word of the name, the salted hashes of its forms."""

    salt: str
    words: tuple[frozenset[str], ...]

    @classmethod
    def from_name(cls, name: str, salt: str) -> "Person":
        words = name_words(name)
        if not words or len(words) > MAX_WORDS:
            raise ValueError(f"a name has 1 to {MAX_WORDS} words: {len(words)}")
        return cls(salt, tuple(frozenset(word_hash(salt, f) for f in forms(w)) for w in words))

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "Person":
        """The person of an order's data (``ErasureData`` as raw JSON)."""
        return cls(data["salt"], tuple(frozenset(w) for w in data["words"]))

    def as_data(self) -> list[list[str]]:
        """The words as stored in an order: sorted, so that the order's content is canonical."""
        return [sorted(w) for w in self.words]


class Matcher:
    """Finds the people of one or more orders in texts. Keeps what it learnt of each word it saw
    (a few hashes per distinct word, not per occurrence), so use one per pass over a store."""

    def __init__(self, people: Iterable[Person]) -> None:
        self.people = tuple(people)
        self._salts = sorted({p.salt for p in self.people})
        self._memo: dict[str, frozenset[tuple[int, int]]] = {}

    def __bool__(self) -> bool:
        return bool(self.people)

    def _roles(self, token: str) -> frozenset[tuple[int, int]]:
        """(person, word position) pairs that ``token`` can stand for."""
        roles = self._memo.get(token)
        if roles is None:
            found = set()
            token_forms = forms(token)
            hashes = {salt: {word_hash(salt, f) for f in token_forms} for salt in self._salts}
            for p, person in enumerate(self.people):
                mine = hashes[person.salt]
                for k, word in enumerate(person.words):
                    if mine & word:
                        found.add((p, k))
            roles = self._memo[token] = frozenset(found)
        return roles

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, person) of every place in ``text`` that names a person, in text order."""
        if not self.people or not text:
            return []
        roles = self._roles
        if not any(roles(t) for t in WORD.findall(text)):
            return []  # nearly every text: no word of any name at all
        tokens = [(m.start(), m.end(), roles(m.group())) for m in WORD.finditer(text)]
        found = []
        for i, (start, _, first) in enumerate(tokens):
            for p, k in first:
                if k != 0:
                    continue
                n = len(self.people[p].words)
                if i + n > len(tokens):
                    continue
                if all((p, j) in tokens[i + j][2] and GAP.fullmatch(text[tokens[i + j - 1][1]:tokens[i + j][0]])
                       for j in range(1, n)):
                    found.append((start, tokens[i + n - 1][1], p))
        return sorted(found)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where ``text`` names a person: (start, end), overlapping places merged."""
        out: list[tuple[int, int]] = []
        for start, end, _ in self.matches(text):
            if out and start <= out[-1][1]:
                out[-1] = (out[-1][0], max(end, out[-1][1]))
            else:
                out.append((start, end))
        return out

    def contains(self, text: str) -> bool:
        return bool(self.matches(text))

    def replace(self, text: str, limit: int = MAX_TEXT) -> str:
        """``text`` with every place that names a person replaced by ``ERASED`` (cut to ``limit``)."""
        spans = self.spans(text)
        if not spans:
            return text
        parts, at = [], 0
        for start, end in spans:
            parts += [text[at:start], ERASED]
            at = end
        parts.append(text[at:])
        return "".join(parts)[:limit]


# -- which fields of a record are text about people ------------------------------------------------
@dataclass(frozen=True)
class Items:
    """A list of items in a record (a visit's findings, a commune's contacts) and its text fields."""

    key: str
    texts: tuple[str, ...]
    drop_on: tuple[str, ...] = ()  # a match in one of these removes the whole item (a contact's name)
    id_key: str = "id"


# kind -> (text fields, item lists, lists of names whose entries are removed when they name the person)
SPEC: dict[str, tuple[tuple[str, ...], tuple[Items, ...], tuple[str, ...]]] = {
    "commune": (("notes", "coaching_note"),
                (Items("contacts", ("name", "role", "phone", "email"), drop_on=("name",)),), ()),
    "visit": (("summary", "notes"),
              (Items("findings", ("place", "evidence", "note")), Items("follow_ups", ("text", "owner"))),
              ("participants",)),
    "strategy": (("title", "agreed_with", "problem_description", "cause_analysis", "implementation_notes",
                  "evaluation"),
                 (Items("findings", ("place", "evidence"), id_key="finding_id"),
                  Items("goals", ("title", "target_group", "indicator", "target_value")),
                  Items("measures", ("title", "description", "lead", "partners")),
                  Items("evaluation_items", ("indicator", "method"))), ()),
    "consultant": (("name", "email"), (), ()),
    "problem_field": (("description",), (), ()),
}
# fields that hold long text (``records.Text``); every other text field is a line (``records.Line``)
LONG_TEXT = frozenset({"notes", "summary", "note", "description", "problem_description", "cause_analysis",
                       "implementation_notes", "evaluation"})


def _limit(name: str) -> int:
    return MAX_TEXT if name in LONG_TEXT else MAX_LINE


@dataclass(frozen=True)
class Occurrence:
    """One field of a record that names a person."""

    field: str  # "summary", "findings.note", "contacts.name", "participants"
    part: str | None  # the item's id (finding, follow-up, contact, measure …); None for the record's own fields
    text: str
    spans: tuple[tuple[int, int], ...]
    people: frozenset[int] = frozenset()  # which of the matcher's people it names


def occurrences(kind: str, data: dict[str, Any] | None, matcher: Matcher) -> list[Occurrence]:
    """Every field of a record's data that names a person of ``matcher``."""
    spec = SPEC.get(kind)
    if spec is None or not data or not matcher:
        return []
    texts, lists, names = spec
    out = []

    def look(field: str, part: str | None, value: Any) -> None:
        if isinstance(value, str) and value:
            found = matcher.matches(value)
            if found:
                out.append(Occurrence(field, part, value, tuple(matcher.spans(value)),
                                      frozenset(p for _, _, p in found)))

    for name in texts:
        look(name, None, data.get(name))
    for name in names:
        for value in data.get(name) or ():
            look(name, None, value)
    for items in lists:
        for item in data.get(items.key) or ():
            for name in items.texts:
                look(f"{items.key}.{name}", str(item.get(items.id_key, "")) or None, item.get(name))
    return out


def scrubbed(kind: str, data: dict[str, Any] | None, matcher: Matcher) -> dict[str, Any] | None:
    """The record's data with every person of ``matcher`` erased, or None if it names none of them.

    Free text keeps its other words and has the name replaced by ``ERASED`` (cut to the field's
    length); a contact whose name names the person and a participant entry naming them are removed.
    """
    spec = SPEC.get(kind)
    if spec is None or not data or not matcher:
        return None
    texts, lists, names = spec
    changed = False
    out = dict(data)

    def clean(name: str, value: Any) -> Any:
        nonlocal changed
        if isinstance(value, str) and value:
            new = matcher.replace(value, _limit(name))
            if new != value:
                changed = True
                return new
        return value

    for name in texts:
        if name in out:
            out[name] = clean(name, out[name])
    for name in names:
        if name in out:
            kept = [v for v in out[name] if not (isinstance(v, str) and matcher.contains(v))]
            if len(kept) != len(out[name]):
                changed = True
                out[name] = kept
    for items in lists:
        if not out.get(items.key):
            continue
        new_items = []
        for item in out[items.key]:
            if any(isinstance(item.get(n), str) and matcher.contains(item[n]) for n in items.drop_on):
                changed = True
                continue
            new_items.append({k: (clean(k, v) if k in items.texts else v) for k, v in item.items()})
        out[items.key] = new_items
    return out if changed else None


def strings_naming(value: Any, matcher: Matcher, path: str = "") -> list[tuple[str, str]]:
    """(path, text) of every string inside a JSON value (a draft's payload) that names a person."""
    found: list[tuple[str, str]] = []
    if isinstance(value, str):
        if matcher.contains(value):
            found.append((path, value))
    elif isinstance(value, dict):
        for key, item in value.items():
            found += strings_naming(item, matcher, f"{path}.{key}" if path else str(key))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            found += strings_naming(item, matcher, f"{path}[{i}]")
    return found


def names_anyone(value: Any, matcher: Matcher) -> bool:
    """True if any string inside a JSON value names a person (stops at the first)."""
    if isinstance(value, str):
        return matcher.contains(value)
    if isinstance(value, dict):
        return any(names_anyone(v, matcher) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(names_anyone(v, matcher) for v in value)
    return False


__all__ = ["ERASED", "Items", "Matcher", "Occurrence", "Person", "SPEC", "forms", "name_words", "names_anyone",
           "occurrences", "scrubbed", "strings_naming", "word_hash"]
