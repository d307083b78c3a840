"""Read-only views the repositories hand to the UI: small, immutable, cheap to pass between threads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .records import CommuneRecord, VisitRecord


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    """An open (or done) follow-up with where it was agreed."""

    visit_id: str
    follow_up_id: str
    commune: str
    commune_name: str
    kreis: str
    visit_date: date
    text: str
    owner: str
    due: date | None
    done: bool

    def overdue(self, today: date) -> bool:
        return not self.done and self.due is not None and self.due < today


@dataclass(frozen=True, slots=True)
class VisitRow:
    """One visit in a list."""

    id: str
    commune: str
    commune_name: str
    kreis: str
    date: date
    kind: str
    consultants: tuple[str, ...]
    summary: str
    findings: int
    open_follow_ups: int
    conflict: bool = False


@dataclass(frozen=True, slots=True)
class CommuneRow:
    """One commune in the commune list."""

    ags: str
    name: str
    kreis: str
    population: int
    member_since: date | None
    model_commune: bool
    kpr_status: str
    last_visit: date | None
    visits: int
    open_follow_ups: int
    overdue_follow_ups: int
    conflict: bool = False  # the commune or one of its visits has conflicting versions

    @property
    def is_member(self) -> bool:
        return self.member_since is not None


@dataclass(frozen=True, slots=True)
class ProblemFieldSummary:
    """How a problem field showed up across one commune's visits."""

    code: str
    name: str
    count: int
    last_seen: date
    max_severity: int


@dataclass(frozen=True)
class Dossier:
    """Everything known about one commune."""

    commune: CommuneRecord
    visits: tuple[VisitRow, ...]
    problem_fields: tuple[ProblemFieldSummary, ...]
    open_follow_ups: tuple[FollowUpRow, ...]
    conflict: bool = False  # the commune record itself has conflicting versions


@dataclass(frozen=True)
class StoreFacts:
    """What the overview tells about the store itself."""

    path: str
    size_bytes: int
    communes: int
    members: int
    visits: int
    open_follow_ups: int
    consultants: int
    last_backup: datetime | None
    device_id: str
    seq: int


@dataclass(frozen=True)
class VisitDetail:
    """A visit as the form needs it: the record plus the names to show."""

    record: VisitRecord
    commune_name: str
    kreis: str


@dataclass(frozen=True)
class ConflictRow:
    """A record with conflicting versions."""

    kind: str
    id: str
    label: str
    versions: int
    authors: tuple[str, ...]


@dataclass(frozen=True)
class LeafView:
    """One version of a record in conflict."""

    rev: str
    deleted: bool
    data: dict | None  # None for a deletion: a tombstone keeps no data
    author: str
    updated_at: datetime


@dataclass(frozen=True)
class StrategyRow:
    """One strategy in a commune's list."""

    id: str
    period: str
    title: str
    status: str
    measures: int
    updated_at: datetime
    conflict: bool = False
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class FindingCandidate:
    """A finding from a visit that can be taken into a strategy's problem description."""

    visit_id: str
    finding_id: str
    visit_date: date
    problem_field: str
    problem_field_name: str
    severity: int
    place: str
    evidence: str
    note: str


@dataclass(frozen=True)
class HistoryEntry:
    """One revision of a record: when, by whom, and which parts changed against its parent."""

    rev: str
    updated_at: datetime
    author: str
    changed: tuple[str, ...]
    deleted: bool


@dataclass(frozen=True)
class VisitPage:
    """One visit as its read-only view shows it, with its place among the commune's visits.

    ``record`` is None when the visit is deleted (or unknown here); ``index`` is then where it stood
    among ``siblings`` (the commune's live visits, oldest first), so stepping on still works.
    """

    visit_id: str
    record: VisitRecord | None
    commune: str
    commune_name: str
    kreis: str
    consultants: tuple[str, ...]  # "Name (Kürzel)" in the visit's order
    field_names: dict[str, str]  # problem field code -> German name, for the findings
    conflict: bool
    siblings: tuple[str, ...]
    index: int


@dataclass(frozen=True)
class Agenda:
    """Every open follow-up of the current visits (the Folgeaufgaben screen), soonest first.

    ``rows`` are ordered by due date (undated ones last), then commune, visit date and text;
    ``my_visits``: ids of the visits this device's consultant took part in; ``me``: that
    consultant's name and initials (to recognise follow-ups whose owner names them).
    """

    rows: tuple[FollowUpRow, ...]
    my_visits: frozenset[str]
    me: tuple[str, ...]
