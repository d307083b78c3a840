"""Compact in-memory summaries of records the lists need, kept by ``Store`` for every live record.

With these, the commune list, the overview and the dossier never parse 20,000 visits again. They
hold no free text (that is read from the record when a row is shown) and share equal values
(communes, dates, codes) between visits, so 20,000 summaries cost a few megabytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, TypeVar

T = TypeVar("T")
_pool: dict[Any, Any] = {}


def _shared(value: T) -> T:
    """One object per distinct value (AGS, day, code, tuple of those)."""
    return _pool.setdefault(value, value)


@dataclass(frozen=True, slots=True)
class VisitSummary:
    """What lists need of a visit."""

    id: str
    commune: str
    date: date
    kind: str
    consultants: tuple[str, ...]
    findings: tuple[tuple[str, int], ...]  # (problem field, severity)
    follow_ups: tuple[tuple[date | None, bool], ...]  # (due, done), in the visit's order
    done_on: tuple[date | None, ...] = ()  # when each follow-up was ticked off (the Bilanz counts by it)

    @property
    def open_follow_ups(self) -> int:
        return sum(1 for _, done in self.follow_ups if not done)


def summarize_visit(raw: dict[str, Any]) -> VisitSummary:
    """The summary of a raw visit record."""
    data = raw["data"]
    return VisitSummary(
        id=raw["id"],
        commune=_shared(data["commune"]),
        date=_shared(date.fromisoformat(data["date"])),
        kind=_shared(data.get("kind", "")),
        consultants=_shared(tuple(_shared(c) for c in data.get("consultants", ()))),
        findings=_shared(tuple(_shared((f["problem_field"], f.get("severity", 2)))
                               for f in data.get("findings", ()))),
        follow_ups=_shared(tuple(
            _shared((_shared(date.fromisoformat(f["due"])) if f.get("due") else None, bool(f.get("done"))))
            for f in data.get("follow_ups", ())
        )),
        done_on=_shared(tuple(_shared(date.fromisoformat(f["done_on"])) if f.get("done_on") else None
                              for f in data.get("follow_ups", ()))),
    )


SUMMARIZERS: dict[str, Callable[[dict[str, Any]], Any]] = {"visit": summarize_visit}
