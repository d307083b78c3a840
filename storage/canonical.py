"""Canonical JSON and revision identifiers (see docs/bundle.md, "Revisions").

Canonical JSON is orjson's output with sorted keys: compact, UTF-8, no floats in our data.
For the value domain of records (ASCII keys, integers, strings, booleans, null) it is
byte-identical to RFC 8785 (JCS), so other tools can recompute a revision.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import orjson

REV_RE = re.compile(r"^([1-9][0-9]*)-([0-9a-f]{32})$")
HASH_RE = re.compile(r"^[0-9a-f]{32}$")
MAX_REVS = 100


def canonical_json(value: Any) -> bytes:
    """Serialize ``value`` to canonical JSON bytes (sorted keys, no whitespace, UTF-8)."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def revision_hash(parent: str | None, deleted: bool, data: dict[str, Any] | None) -> str:
    """First 32 hex digits of sha256 over the canonical JSON of parent, deleted and data
    (``data`` is None in a tombstone)."""
    body = canonical_json({"parent": parent, "deleted": deleted, "data": data})
    return hashlib.sha256(body).hexdigest()[:32]


def make_rev(parent: str | None, deleted: bool, data: dict[str, Any] | None) -> str:
    """The full revision id ``"<N>-<hash>"`` for an edit on ``parent``; a delete is
    ``make_rev(parent, True, None)``, the same on every device that deletes that revision."""
    generation = rev_generation(parent) + 1 if parent else 1
    return f"{generation}-{revision_hash(parent, deleted, data)}"


def rev_generation(rev: str) -> int:
    """N of ``"<N>-<hash>"``."""
    return int(rev.split("-", 1)[0])


def rev_hash(rev: str) -> str:
    """The hash part of ``"<N>-<hash>"``."""
    return rev.split("-", 1)[1]


def parent_rev(rev: str, revs: list[str]) -> str | None:
    """The parent's full rev id, rebuilt from the ancestry list, or None for a first revision."""
    n = rev_generation(rev)
    if n == 1 or len(revs) < 2:
        return None
    return f"{n - 1}-{revs[1]}"
