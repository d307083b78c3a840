"""``asskomm check``: verify a store file without changing it.

Besides the file, the schema and every rev, it applies ``rules.py``, the rules an import applies
too: a store that passes this check passes it after any import that was taken.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .canonical import MAX_REVS, REV_RE, parent_rev, rev_generation, rev_hash, revision_hash

CONFLICT_TABLE = "conflict"  # also in store.py; check must not import the store (it reads files only)
from .durable import parse_store_bytes
from .errors import CorruptStoreError, validation_detail
from .migrations import LOCAL_TABLES, SCHEMA_VERSION, schema_version
from . import messages as M
from .records import RECORD_TYPES, parse_record
from .rules import record_problems

# the order the summary names the kinds in
SUMMARY_ORDER = ("commune", "visit", "strategy", "problem_field", "consultant", "conflict")


@dataclass
class CheckReport:
    """What ``check_store`` found."""

    path: Path
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """The German result line: ``in Ordnung (418 Kommunen, 1 Strategie, 2 Besuche …).`` or
        ``3 Probleme gefunden:`` (the problems follow it, one a line)."""
        if self.problems:
            return M.CHECK_PROBLEMS(len(self.problems))
        kinds = sorted(self.counts, key=lambda k: (SUMMARY_ORDER.index(k) if k in SUMMARY_ORDER else 99, k))
        counts = ", ".join(M.CHECK_COUNTS[k](self.counts[k]) if k in M.CHECK_COUNTS else f"{self.counts[k]} {k}"
                           for k in kinds)
        return M.CHECK_OK.format(counts=counts)


def check_revision(raw: dict[str, Any]) -> str | None:
    """None if the record's rev matches its content and ancestry, else what is wrong (German)."""
    rev, revs = raw.get("rev", ""), raw.get("revs", [])
    if not REV_RE.match(rev or ""):
        return f"rev {rev!r} hat nicht die Form N-hash"
    if not revs or revs[0] != rev_hash(rev):
        return "revs beginnt nicht mit dem Hash von rev"
    if len(revs) > MAX_REVS:
        return f"revs hat mehr als {MAX_REVS} Einträge"
    if len(set(revs)) != len(revs):
        return "revs enthält einen Hash doppelt"
    n = rev_generation(rev)
    # A first revision has no ancestors; later ones name their parent in revs[1]. A revision that
    # resolves a conflict lists the merged leaves too, so revs may be longer than N.
    if n == 1 and len(revs) != 1:
        return "eine erste Revision darf keine Vorgänger haben"
    if n > 1 and len(revs) < 2:
        return "revs nennt den Vorgänger nicht"
    expected = revision_hash(parent_rev(rev, revs), bool(raw.get("deleted")), raw.get("data"))
    if expected != rev_hash(rev):
        return "rev passt nicht zum Inhalt (Daten wurden verändert)"
    return None


def tombstone_problem(raw: dict[str, Any]) -> str | None:
    """None unless ``raw`` is a stored tombstone that still carries data: since schema 2 a delete
    keeps no body (the migration replaced every older one, an import replaces incoming ones)."""
    if raw.get("deleted") and raw.get("data") is not None:
        return "eine Löschung enthält noch die gelöschten Daten"
    return None


def check_store(path: Path | str) -> CheckReport:
    """Read the store at ``path`` and list every problem found (German). Never writes."""
    path = Path(path)
    report = CheckReport(path)
    try:
        tables = parse_store_bytes(path, path.read_bytes())
    except FileNotFoundError:
        report.problems.append(f"Die Datei {path} existiert nicht.")
        return report
    except CorruptStoreError as exc:
        report.problems.append(str(exc))
        return report
    if tables is None:
        report.problems.append(f"Die Datei {path} ist leer.")
        return report
    version = schema_version(tables)
    if version != SCHEMA_VERSION:
        report.problems.append(f"Schema-Version {version}, erwartet {SCHEMA_VERSION}.")
    codes: set[str] = set()  # the problem-field catalog, tombstones included
    valid: list[tuple[str, dict[str, Any]]] = []  # what the rules of rules.py then look at
    leaves: list[tuple[str, dict[str, Any]]] = []
    for table, docs in tables.items():
        if table in LOCAL_TABLES:
            continue
        if table == "history":  # earlier revisions kept for display; validated like records
            for doc_id, raw in (docs or {}).items():
                if not isinstance(raw, dict) or raw.get("kind") not in RECORD_TYPES:
                    report.problems.append(f"Verlauf (Dokument {doc_id}): unbekannte Art.")
                elif (problem := check_revision(raw)):
                    report.problems.append(f"Verlauf (Dokument {doc_id}): {problem}.")
            continue
        if table == CONFLICT_TABLE and isinstance(docs, dict):
            leaves += [(f"Konfliktversion (Dokument {doc_id})", raw) for doc_id, raw in docs.items()]
            continue
        if table not in RECORD_TYPES:
            report.problems.append(f"Unbekannte Tabelle {table!r}.")
            continue
        if not isinstance(docs, dict):
            report.problems.append(f"Tabelle {table!r} ist kein Objekt.")
            continue
        seen: set[str] = set()
        live = 0
        for doc_id, raw in docs.items():
            label = f"{table}/{raw.get('id', '?') if isinstance(raw, dict) else '?'} (Dokument {doc_id})"
            if not isinstance(raw, dict) or raw.get("kind") != table:
                report.problems.append(f"{label}: gehört nicht in die Tabelle {table!r}.")
                continue
            try:
                record = parse_record(raw)
            except ValidationError as exc:
                report.problems.append(f"{label}: ungültig – {validation_detail(exc)}")
                continue
            if record.id in seen:
                report.problems.append(f"{label}: id kommt mehrfach vor.")
            seen.add(record.id)
            problem = check_revision(raw) or tombstone_problem(raw)
            if problem:
                report.problems.append(f"{label}: {problem}.")
            if not record.deleted:
                live += 1
            if table == "problem_field":
                codes.add(record.id)
            valid.append((label, raw))
        report.counts[table] = live
    for label, raw in leaves:
        if not isinstance(raw, dict) or raw.get("kind") not in RECORD_TYPES:
            report.problems.append(f"{label}: unbekannte Art.")
            continue
        try:
            parse_record(raw)
        except ValidationError as exc:
            report.problems.append(f"{label}: ungültig – {validation_detail(exc)}")
            continue
        problem = check_revision(raw) or tombstone_problem(raw)
        if problem:
            report.problems.append(f"{label}: {problem}.")
        valid.append((label, raw))
        current = tables.get(raw["kind"], {})
        if not any(isinstance(d, dict) and d.get("id") == raw["id"] and d.get("rev") != raw["rev"]
                   for d in current.values()):
            report.problems.append(f"{label}: gehört zu keinem Datensatz {raw['kind']}/{raw['id']}.")
    if leaves:
        report.counts["conflict"] = len(leaves)
    # a deleted record keeps no earlier revision (issue 10)
    gone = {(table, doc.get("id")) for table in RECORD_TYPES if isinstance(tables.get(table), dict)
            for doc in tables[table].values() if isinstance(doc, dict) and doc.get("deleted")}
    for doc_id, raw in (tables.get("history") or {}).items():
        if isinstance(raw, dict) and (raw.get("kind"), raw.get("id")) in gone:
            report.problems.append(f"Verlauf (Dokument {doc_id}): eine frühere Fassung des gelöschten Datensatzes "
                                   f"{raw['kind']}/{raw['id']}.")
    for label, raw in valid:
        for problem in record_problems(raw, codes):
            report.problems.append(f"{label}: {problem}.")
    return report
