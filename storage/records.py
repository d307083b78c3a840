"""Synced records: the envelope of DESIGN.md and the entities' own data.

Every record is ``{kind, id, rev, revs, deleted, updated_at, updated_by, origin, seq, data}``;
a deleted record (a tombstone) has ``data`` null: a delete drops the body (issue 10).
Codes (enum values) are English and stable; their German labels live in ``asskomm_tui.strings``.
Text is stored exactly as typed: markup is data. Terminal control characters are refused,
because nothing that reaches a terminal may steer it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    field_validator,
    model_validator,
)

from .canonical import HASH_RE, MAX_REVS, REV_RE, rev_hash

_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")

MAX_LINE = 300
MAX_TEXT = 20_000


def _no_control_line(value: str) -> str:
    if _CONTROL_LINE.search(value):
        raise ValueError("enthält Steuerzeichen (z. B. Zeilenumbrüche oder Escape-Sequenzen)")
    return value


def _no_control_text(value: str) -> str:
    if _CONTROL_MULTILINE.search(value):
        raise ValueError("enthält Steuerzeichen (z. B. Escape-Sequenzen)")
    return value


def strip_control(value: str, multiline: bool = True) -> str:
    """Remove terminal control characters from user input (tabs and newlines kept if multiline)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    pattern = _CONTROL_MULTILINE if multiline else _CONTROL_LINE
    return pattern.sub("", value)


Line = Annotated[str, Field(max_length=MAX_LINE), AfterValidator(_no_control_line)]
Text = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(_no_control_text)]
Ident = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")]
Ags = Annotated[str, Field(pattern=r"^14[0-9]{6}$")]
ProblemCode = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,47}$")]
Email = Annotated[str, Field(max_length=MAX_LINE, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")]


class Kind(StrEnum):
    COMMUNE = "commune"
    VISIT = "visit"
    PROBLEM_FIELD = "problem_field"
    CONSULTANT = "consultant"
    STRATEGY = "strategy"
    PROGRAMME = "programme"
    ERASURE = "erasure"  # an order to erase a person (storage/erasure.py)


class KprStatus(StrEnum):
    NONE = "none"
    PLANNED = "planned"
    CONSTITUTED = "constituted"
    REACTIVATED = "reactivated"
    DORMANT = "dormant"


class AgreementStatus(StrEnum):
    NONE = "none"
    IN_PREPARATION = "in_preparation"
    SIGNED = "signed"


class CoachingStatus(StrEnum):
    NONE = "none"
    REQUESTED = "requested"
    RUNNING = "running"
    COMPLETED = "completed"


class AnalysisStatus(StrEnum):
    NONE = "none"
    PLANNED = "planned"
    RUNNING = "running"
    COMPLETED = "completed"


class VisitKind(StrEnum):
    FIRST_CONSULTATION = "first_consultation"
    FOLLOW_UP_CONSULTATION = "follow_up_consultation"
    WORKSHOP = "workshop"
    KPR_MEETING = "kpr_meeting"
    CITIZEN_DIALOGUE = "citizen_dialogue"
    COUNCIL_MEETING = "council_meeting"
    COACHING = "coaching"
    SECURITY_ANALYSIS = "security_analysis"
    PHONE_CALL = "phone_call"
    OTHER = "other"


SEVERITY_MIN, SEVERITY_MAX = 1, 4


def unique_ids(items: tuple[Any, ...]) -> tuple[Any, ...]:
    """Items of a list (findings, goals, …) must have distinct ids: edits and merges address them by id."""
    ids = [item.id for item in items]
    if len(ids) != len(set(ids)):
        raise ValueError("Einträge mit doppelter id")
    return items


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(_Data):
    id: Ident
    name: Line = Field(min_length=1)
    role: Line = ""
    phone: Line = ""
    email: Email = ""


class CommuneData(_Data):
    ags: Ags
    name: Line = Field(min_length=1)
    kreis: Line
    population: int = Field(ge=0)
    member_since: date | None = None
    model_commune: bool = False
    kpr_status: KprStatus = KprStatus.NONE
    kpr_date: date | None = None
    cooperation_agreement: AgreementStatus = AgreementStatus.NONE
    cooperation_agreement_date: date | None = None
    coaching: CoachingStatus = CoachingStatus.NONE
    coaching_note: Line = ""
    security_analysis: AnalysisStatus = AnalysisStatus.NONE
    security_analysis_date: date | None = None
    contacts: tuple[Contact, ...] = ()
    notes: Text = ""

    @property
    def is_member(self) -> bool:
        return self.member_since is not None


class Finding(_Data):
    id: Ident
    problem_field: ProblemCode
    severity: int = Field(default=2, ge=SEVERITY_MIN, le=SEVERITY_MAX)
    place: Line = ""
    evidence: Line = ""
    note: Text = ""


class FollowUp(_Data):
    id: Ident
    text: Line = Field(min_length=1)
    owner: Line = ""
    due: date | None = None
    done: bool = False
    done_on: date | None = None


class VisitData(_Data):
    commune: Ags
    date: date
    kind: VisitKind = VisitKind.FOLLOW_UP_CONSULTATION
    consultants: tuple[Ident, ...] = ()
    participants: tuple[Line, ...] = ()
    summary: Text = ""
    notes: Text = ""
    findings: tuple[Finding, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()

    @field_validator("findings", "follow_ups")
    @classmethod
    def _unique_ids(cls, items: tuple[Any, ...]) -> tuple[Any, ...]:
        return unique_ids(items)


class ProblemFieldData(_Data):
    code: ProblemCode
    name: Line = Field(min_length=1)
    description: Text = ""
    active: bool = True


class ConsultantData(_Data):
    name: Line = Field(min_length=1)
    initials: Annotated[str, Field(pattern=r"^[A-Za-zÄÖÜäöüß]{1,4}$")]
    email: Email = ""


def plain_kind(kind: str) -> str:
    """``Kind.VISIT`` -> ``"visit"``: table names and stored kinds must be plain str for orjson."""
    return getattr(kind, "value", kind)


class StrategyStatus(StrEnum):
    DRAFT = "draft"
    AGREED = "agreed"
    IN_PROGRESS = "in_progress"
    EVALUATED = "evaluated"


class FundingSource(StrEnum):
    RL_KOMMPRAEV = "rl_kommpraev"
    MUNICIPAL = "municipal_budget"
    THIRD_PARTY = "third_party"
    OTHER_PUBLIC = "other_public"
    NONE = "none"


class MeasureState(StrEnum):
    PLANNED = "planned"
    APPLIED = "applied"
    APPROVED = "approved"
    RUNNING = "running"
    DONE = "done"
    DROPPED = "dropped"


class FindingRef(_Data):
    """A finding of a visit taken into the problem description, with a copy of what it said then
    (so the strategy document does not change when the visit is edited later)."""

    visit_id: Ident
    finding_id: Ident
    visit_date: date
    problem_field: ProblemCode
    severity: int = Field(default=2, ge=SEVERITY_MIN, le=SEVERITY_MAX)
    place: Line = ""
    evidence: Line = ""


class Goal(_Data):
    id: Ident
    title: Line = Field(min_length=1)
    target_group: Line = ""
    indicator: Line = ""
    target_value: Line = ""


class Measure(_Data):
    id: Ident
    title: Line = Field(min_length=1)
    problem_fields: tuple[ProblemCode, ...] = ()
    goals: tuple[Ident, ...] = ()
    description: Text = ""
    lead: Line = ""
    partners: Line = ""
    start: date | None = None
    end: date | None = None
    cost_cents: int = Field(default=0, ge=0, le=10**12)
    funding: FundingSource = FundingSource.NONE
    own_share_cents: int = Field(default=0, ge=0, le=10**12)
    state: MeasureState = MeasureState.PLANNED


class EvaluationItem(_Data):
    id: Ident
    indicator: Line = Field(min_length=1)
    method: Line = ""
    due: date | None = None


class StrategyData(_Data):
    """A commune's prevention strategy for one period, along the Beccaria-Standards."""

    commune: Ags
    period_start: int = Field(ge=2000, le=2100)
    period_end: int = Field(ge=2000, le=2100)
    title: Line = ""
    status: StrategyStatus = StrategyStatus.DRAFT
    agreed_on: date | None = None
    agreed_with: Line = ""
    problem_description: Text = ""
    findings: tuple[FindingRef, ...] = ()
    cause_analysis: Text = ""
    goals: tuple[Goal, ...] = ()
    measures: tuple[Measure, ...] = ()
    implementation_notes: Text = ""
    evaluation: Text = ""
    evaluation_items: tuple[EvaluationItem, ...] = ()

    @model_validator(mode="after")
    def _period(self):
        if self.period_end < self.period_start:
            raise ValueError("Der Zeitraum endet vor seinem Beginn")
        return self

    @field_validator("goals", "measures", "evaluation_items")
    @classmethod
    def _unique_ids(cls, items: tuple[Any, ...]) -> tuple[Any, ...]:
        return unique_ids(items)

    @property
    def period(self) -> str:
        return period_label(self.period_start, self.period_end)


def period_label(start: int, end: int) -> str:
    """``2026–2028`` (or ``2026`` for one year)."""
    return str(start) if start == end else f"{start}–{end}"


def strategy_id(ags: str, start: int, end: int) -> str:
    """One strategy per commune and period: the id says which, so two consultants who start the
    same strategy offline edit the same record (and meet as a conflict, not as duplicates)."""
    return f"{ags}-{start}-{end}"


# the schema's way of saying what ``_data_unless_deleted`` checks: data is null only in a tombstone
_DATA_UNLESS_DELETED = {
    "if": {"properties": {"deleted": {"const": False}}},
    "then": {"properties": {"data": {"not": {"type": "null"}}}},
}


class _Envelope(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra=_DATA_UNLESS_DELETED)

    id: Ident
    rev: Annotated[str, Field(pattern=REV_RE.pattern)]
    revs: Annotated[list[Annotated[str, Field(pattern=HASH_RE.pattern)]],
                    Field(min_length=1, max_length=MAX_REVS)]
    deleted: bool = False
    updated_at: AwareDatetime
    updated_by: Ident
    origin: Ident
    seq: int = Field(ge=0)

    @model_validator(mode="after")
    def _revs_start_with_rev(self):
        if self.revs[0] != rev_hash(self.rev):
            raise ValueError("revs[0] ist nicht der Hash von rev")
        return self

    @model_validator(mode="after")
    def _data_unless_deleted(self):
        # a tombstone keeps no body (data null); a live record without one is no record.
        # Tombstones of older versions still carry their data: they are read, then replaced
        # by a child without it (``tombstones.py``)
        if getattr(self, "data", None) is None and not self.deleted:
            raise ValueError("data fehlt, obwohl der Datensatz nicht gelöscht ist")
        return self


class CommuneRecord(_Envelope):
    kind: Literal["commune"] = "commune"
    data: CommuneData | None  # None in a tombstone

    @model_validator(mode="after")
    def _id_is_ags(self):
        if self.data is not None and self.id != self.data.ags:
            raise ValueError("id einer Kommune muss ihr AGS sein")
        return self


class VisitRecord(_Envelope):
    kind: Literal["visit"] = "visit"
    data: VisitData | None  # None in a tombstone


class ProblemFieldRecord(_Envelope):
    kind: Literal["problem_field"] = "problem_field"
    data: ProblemFieldData | None  # None in a tombstone

    @model_validator(mode="after")
    def _id_is_code(self):
        if self.data is not None and self.id != self.data.code:
            raise ValueError("id eines Problemfelds muss sein Code sein")
        return self


PROGRAMME_ID = "programme"  # the one programme record
DEFAULT_ANNUAL_BUDGET_CENTS = 130_000_000  # 1.300.000 € a year for RL KommPräv (until HQ sets another)


class ProgrammeData(_Data):
    """The programme's settings, set by HQ and carried by its bundles to every device."""

    annual_budget_cents: int = Field(default=DEFAULT_ANNUAL_BUDGET_CENTS, ge=0, le=10**12)


class ProgrammeRecord(_Envelope):
    kind: Literal["programme"] = "programme"
    data: ProgrammeData | None  # None in a tombstone

    @model_validator(mode="after")
    def _the_one(self):
        if self.id != PROGRAMME_ID:
            raise ValueError(f"id der Programmeinstellungen muss {PROGRAMME_ID!r} sein")
        return self


class ConsultantRecord(_Envelope):
    kind: Literal["consultant"] = "consultant"
    data: ConsultantData | None  # None in a tombstone


class StrategyRecord(_Envelope):
    kind: Literal["strategy"] = "strategy"
    data: StrategyData | None  # None in a tombstone

    @model_validator(mode="after")
    def _id_is_commune_and_period(self):
        if self.data is not None and self.id != strategy_id(self.data.commune, self.data.period_start,
                                                            self.data.period_end):
            raise ValueError("id einer Strategie muss AGS-Beginn-Ende sein")
        return self


WordHashes = Annotated[tuple[Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")], ...], Field(min_length=1, max_length=2)]


class ErasureData(_Data):
    """An order to erase a person (DSGVO Art. 17), applied on every device that has it (``erasure.py``).

    It holds no name in clear text: per word of the name the salted sha256 of its normalised forms
    (``erasure_match.Person``), with the salt, so that a revision arriving later is recognised and
    scrubbed too. That is pseudonymous, not anonymous: with the salt, a guessed name can be tested.
    """

    salt: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
    words: Annotated[tuple[WordHashes, ...], Field(min_length=1, max_length=8)]
    ordered_at: AwareDatetime
    ordered_by: Ident  # the consultant (or HQ person) who gave the order
    device: Ident  # the device it was given on
    role: Literal["consultant", "hq"]
    reference: Line = ""  # Aktenzeichen or reason (stored with the name erased from it)


class ErasureRecord(_Envelope):
    """Immutable: one revision, never deleted, its author the one of the envelope."""

    kind: Literal["erasure"] = "erasure"
    data: ErasureData

    @model_validator(mode="after")
    def _one_revision_by_its_author(self):
        if self.deleted or not self.rev.startswith("1-") or len(self.revs) != 1:
            raise ValueError("eine Löschanordnung ist unveränderlich (eine Revision, nie gelöscht)")
        if self.data.device != self.origin or self.data.ordered_by != self.updated_by:
            raise ValueError("Gerät und Person der Löschanordnung passen nicht zu ihrem Absender")
        return self


AnyRecord = Annotated[
    Union[CommuneRecord, VisitRecord, ProblemFieldRecord, ConsultantRecord, StrategyRecord, ProgrammeRecord,
          ErasureRecord],
    Field(discriminator="kind"),
]
RECORD_ADAPTER: TypeAdapter[Any] = TypeAdapter(AnyRecord)

RECORD_TYPES: dict[str, type[_Envelope]] = {
    "commune": CommuneRecord,
    "visit": VisitRecord,
    "problem_field": ProblemFieldRecord,
    "consultant": ConsultantRecord,
    "strategy": StrategyRecord,
    "programme": ProgrammeRecord,
    "erasure": ErasureRecord,
}
DATA_TYPES: dict[str, type[_Data]] = {
    "commune": CommuneData,
    "visit": VisitData,
    "problem_field": ProblemFieldData,
    "consultant": ConsultantData,
    "strategy": StrategyData,
    "programme": ProgrammeData,
    "erasure": ErasureData,
}
Record = _Envelope


def parse_record(raw: dict[str, Any]) -> _Envelope:
    """Validate a raw record dict (as stored or as in a bundle) into its typed model."""
    return RECORD_ADAPTER.validate_python(raw)


def record_to_raw(record: _Envelope) -> dict[str, Any]:
    """The JSON-ready dict of a record, as stored and as exported."""
    return record.model_dump(mode="json")


def data_to_raw(data: _Data) -> dict[str, Any]:
    """The JSON-ready dict of an entity's data: the part that is hashed into the rev."""
    return data.model_dump(mode="json")


def utc_now() -> datetime:
    """Current time in UTC, to the second (record metadata; not hashed)."""
    from datetime import timezone

    return datetime.now(timezone.utc).replace(microsecond=0)


def parse_iso_date(value: str | None) -> date | None:
    """``date`` of an ISO string in raw data, or None."""
    return date.fromisoformat(value) if value else None
