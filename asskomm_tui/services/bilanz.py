"""The programme's Bilanz: the figures HQ reports, over one period, from the store's current records.

Every figure counts **current revisions only** (a record in conflict counts once, by the revision the
store shows) and never a deleted record. A period is a closed range of days (``Period``); "in the
period" means on its first day, its last day or between. The definitions are in ``DEFINITIONS``
(German, shown on the screen's help line and written into every document) and in
``docs/bilanz.md`` (the JSON keys). No Textual here: the CLI, the screen and the documents all call
``compute``.

Filters: a Kreis narrows every figure to that Kreis's communes. A consultant narrows the visit
figures to visits they took part in, and the commune figures (status, strategies, funding) to the
communes they advised in the period.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable, Iterable, Iterator

from storage.records import (
    AgreementStatus,
    AnalysisStatus,
    CoachingStatus,
    CommuneData,
    FundingSource,
    Kind,
    KprStatus,
    StrategyData,
    VisitKind,
)

from storage.summaries import VisitSummary

from storage.records import DEFAULT_ANNUAL_BUDGET_CENTS

from .beccaria import is_active, measure_finance

PROGRAMME_START = date(2019, 2, 6)  # the interior ministry started ASSKomm on 6 February 2019
TOP_SEVERITIES = 10
KPR_ACTIVE = (KprStatus.CONSTITUTED, KprStatus.REACTIVATED)


def kreis_key(ags: str) -> str:
    """The Kreis's key, the first five digits of a commune's AGS (``14628`` Sächsische Schweiz-Osterzgebirge)."""
    return ags[:5]


@dataclass(frozen=True)
class Period:
    """Days ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("Das Ende des Zeitraums liegt vor seinem Beginn.")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @classmethod
    def calendar_year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def programme_year(cls, number: int) -> "Period":
        """The programme's ``number``-th year: 6 February to 5 February of the next year (1: 2019/20)."""
        if number < 1:
            raise ValueError("Programmjahre zählen ab 1 (6. Februar 2019).")
        start = PROGRAMME_START.replace(year=PROGRAMME_START.year + number - 1)
        return cls(start, start.replace(year=start.year + 1) - timedelta(days=1))

    @classmethod
    def since_start(cls, end: date) -> "Period":
        return cls(PROGRAMME_START, end)

    @property
    def calendar_year_number(self) -> int | None:
        """The year, if the period is exactly one calendar year."""
        year = self.start.year
        return year if self == Period.calendar_year(year) else None

    @property
    def programme_year_number(self) -> int | None:
        """N, if the period is exactly the programme's N-th year."""
        number = self.start.year - PROGRAMME_START.year + 1
        return number if number >= 1 and self == Period.programme_year(number) else None

    def previous(self) -> "Period | None":
        """The period of the same kind just before: the year before, the programme year before, or as
        many days before; None for a period from the programme's start (nothing came before)."""
        if self.start <= PROGRAMME_START:
            return None
        if self.calendar_year_number is not None:
            return Period.calendar_year(self.calendar_year_number - 1)
        if self.programme_year_number is not None:
            return Period.programme_year(self.programme_year_number - 1)
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)


@dataclass(frozen=True)
class Scope:
    """Which records a Bilanz is about: a Kreis (its key) and a consultant (their id), or everything."""

    kreis: str | None = None
    consultant: str | None = None


DEFINITIONS: dict[str, str] = {
    "communes_advised": "Kommunen mit mindestens einem Besuch im Zeitraum.",
    "communes_first_contact": "Kommunen, deren erster Besuch überhaupt im Zeitraum liegt.",
    "members": "ASSKomm-Mitglieder am Ende des Zeitraums (Mitglied seit spätestens dem letzten Tag).",
    "members_new": "Kommunen, die im Zeitraum Mitglied wurden (Mitglied seit im Zeitraum).",
    "model_communes": "Modellkommunen (Kennzeichen in den Kommunendaten).",
    "kpr_constituted_or_reactivated": "Kommunen, deren KPR-Status „konstituiert“ oder „reaktiviert“ ist, "
                                      "mit Datum im Zeitraum.",
    "kpr_active": "Kommunen mit KPR „konstituiert“ oder „reaktiviert“ am Ende des Zeitraums "
                  "(Datum spätestens der letzte Tag oder ohne Datum).",
    "cooperation_agreements": "Kooperationsvereinbarungen „unterzeichnet“ mit Datum im Zeitraum.",
    "coaching_started": "Kommunen mit Coaching (läuft oder abgeschlossen), deren erster Coaching-Besuch "
                        "im Zeitraum liegt.",
    "coaching_completed": "Kommunen mit abgeschlossenem Coaching, deren letzter Coaching-Besuch im Zeitraum liegt.",
    "coaching_active": "Kommunen mit Coaching „läuft“ oder „abgeschlossen“ am Ende des Zeitraums "
                       "(erster Coaching-Besuch spätestens am letzten Tag).",
    "security_analyses": "Sicherheitsanalysen „abgeschlossen“ mit Datum im Zeitraum.",
    "visits": "Besuche im Zeitraum.",
    "problem_fields": "Feststellungen aus Besuchen im Zeitraum je Problemfeld, und in wie vielen Kommunen.",
    "follow_ups_created": "Folgeaufgaben aus Besuchen im Zeitraum.",
    "follow_ups_done": "Folgeaufgaben, die im Zeitraum erledigt wurden (Erledigt-Datum im Zeitraum).",
    "follow_ups_overdue": "Folgeaufgaben, die am Ende des Zeitraums fällig und nicht erledigt waren.",
    "strategies_by_status": "Präventionsstrategien, deren Zeitraum (Jahre) den Zeitraum berührt, nach Status.",
    "funding": "Maßnahmen nach RL KommPräv, die im Zeitraum beginnen: Kosten, Eigenanteil und beantragte "
               "Förderung (Kosten − Eigenanteil, höchstens 90 %), gegen das Jahresbudget.",
}


@dataclass
class Bilanz:
    """The figures of one period (and the previous period's, for the Δ)."""

    period: Period
    scope: Scope
    figures: dict[str, Any] = field(default_factory=dict)
    previous: "Bilanz | None" = None
    names: "Names | None" = None
    made_on: date | None = None  # the day it was computed (documents say so)
    annual_budget_cents: int = DEFAULT_ANNUAL_BUDGET_CENTS  # the yearly budget it compared with

    def to_json(self) -> dict[str, Any]:
        """The figures under the stable keys of ``docs/bilanz.md``."""
        out: dict[str, Any] = {
            "period": {"from": self.period.start.isoformat(), "to": self.period.end.isoformat()},
            "scope": {"kreis": self.scope.kreis, "consultant": self.scope.consultant},
            **self.figures,
        }
        if self.names is not None:
            out["names"] = self.names.to_json()
        if self.previous is not None:
            out["previous"] = {"period": {"from": self.previous.period.start.isoformat(),
                                          "to": self.previous.period.end.isoformat()},
                               **{k: self.previous.scalar(k) for k in SCALARS}}
            out["delta"] = self.delta()
        else:
            out["previous"] = None
            out["delta"] = None
        return out

    def delta(self) -> dict[str, int]:
        """Every single-number figure minus the previous period's (empty without one)."""
        if self.previous is None:
            return {}
        return {k: self.scalar(k) - self.previous.scalar(k) for k in SCALARS}

    def scalar(self, key: str) -> int:
        """A single-number figure by its dotted key (``follow_ups.done``, ``funding.requested_cents``)."""
        value: Any = self.figures
        for part in key.split("."):
            value = value[part]
        return int(value)


# the figures that are one number each: compared with the previous period
SCALARS = (
    "communes_advised", "communes_first_contact", "members", "members_new", "model_communes",
    "kpr_constituted_or_reactivated", "kpr_active", "cooperation_agreements",
    "coaching.started", "coaching.completed", "coaching.active", "security_analyses", "visits",
    "follow_ups.created", "follow_ups.done", "follow_ups.overdue",
    "funding.cost_cents", "funding.own_share_cents", "funding.requested_cents",
)


@dataclass(frozen=True)
class Names:
    """German names of what the figures name by code or id (for tables and documents)."""

    communes: dict[str, str]  # AGS -> name
    kreise: dict[str, str]  # Kreis key -> name
    consultants: dict[str, tuple[str, str]]  # id -> (name, initials)
    problem_fields: dict[str, str]  # code -> name

    def consultant(self, consultant_id: str) -> str:
        name, initials = self.consultants.get(consultant_id, (consultant_id, ""))
        return f"{name} ({initials})" if initials else name

    def to_json(self) -> dict[str, Any]:
        return {"consultants": {i: {"name": n, "initials": k} for i, (n, k) in self.consultants.items()},
                "problem_fields": self.problem_fields, "kreise": self.kreise}


def find_consultant(store: Any, text: str) -> str | None:
    """The id of the consultant ``text`` names: their initials (any case) or their id; None if nobody."""
    for consultant_id, data in _current(store, Kind.CONSULTANT):
        if text == consultant_id or text.casefold() == str(data.get("initials", "")).casefold():
            return consultant_id
    return None


def find_kreis(store: Any, text: str) -> str | None:
    """The key of the Kreis ``text`` names: its five-digit key, or its name (``Görlitz``, ``LK Görlitz``,
    ``Landkreis Görlitz``, ``Leipzig`` for the city; case and accents ignored); None if no Kreis."""
    from storage.collation import fold

    kreise = {kreis_key(ags): data["kreis"] for ags, data in _current(store, Kind.COMMUNE)}
    if text in kreise:
        return text
    wanted = fold(text.removeprefix("LK ").removeprefix("Landkreis "))
    for key, name in kreise.items():
        plain = name.removeprefix("Landkreis ").removeprefix("Kreisfreie Stadt ")
        if wanted in (fold(name), fold(plain)):
            return key
    return None


def _current(store: Any, kind: Kind) -> Iterator[tuple[str, dict[str, Any]]]:
    """(id, data) of every live record of ``kind``: the current revision, never a tombstone."""
    for raw in store.raws(kind):
        if not raw["deleted"]:
            yield raw["id"], raw["data"]


def compute(store: Any, period: Period, scope: Scope = Scope(), *, compare: bool = True,
            budget_cents: int | None = None, made_on: date | None = None,
            progress: Callable[[float], None] | None = None) -> Bilanz:
    """The Bilanz of ``period`` in ``scope`` (and of the period before, when ``compare``).

    Reads the store once; call it on the store thread (or on a snapshot: it only reads).
    ``progress`` is told the share done (0–1) now and then (reading the visits is most of it).
    ``budget_cents``: the yearly budget; by default the store's (``Repositories.annual_budget_cents``).
    """
    if budget_cents is None:  # HQ's setting (its bundles carry it), else 1.300.000 €
        from storage import Repositories

        budget_cents = Repositories(store).annual_budget_cents()
    data = _Data.read(store, progress)
    bilanz = data.bilanz(period, scope, budget_cents)
    bilanz.made_on = made_on
    bilanz.annual_budget_cents = budget_cents
    bilanz.names = Names(
        communes={a: c.name for a, c in data.communes.items()},
        kreise={kreis_key(a): c.kreis for a, c in data.communes.items()},
        consultants={i: (str(d.get("name", "")), str(d.get("initials", ""))) for i, d in _current(store, Kind.CONSULTANT)},
        problem_fields={c: str(d.get("name", c)) for c, d in _current(store, Kind.PROBLEM_FIELD)})
    if compare:
        before = period.previous()
        if before is not None:
            bilanz.previous = data.bilanz(before, scope, budget_cents)
    return bilanz


@dataclass
class _Data:
    """Everything the figures need, parsed once per ``compute``."""

    communes: dict[str, CommuneData]
    visits: list[VisitSummary]  # in date order
    days: list[date]  # their dates
    strategies: list[StrategyData]
    first_visit: dict[str, date]
    coaching_visits: dict[str, list[date]]
    store: Any  # for the few visits whose free text a figure shows (the highest severities' places)

    @classmethod
    def read(cls, store: Any, progress: Callable[[float], None] | None = None) -> "_Data":
        communes = {ags: CommuneData.model_validate(d) for ags, d in _current(store, Kind.COMMUNE)}
        # the store's summaries of the live visits (what the lists use): no visit is parsed again
        visits = sorted(store.summaries[Kind.VISIT].values(), key=lambda v: (v.date, v.id))
        if progress is not None:
            progress(0.9)
        strategies = [StrategyData.model_validate(d) for _, d in _current(store, Kind.STRATEGY)]
        first: dict[str, date] = {}
        coaching: dict[str, list[date]] = defaultdict(list)
        for v in visits:
            first.setdefault(v.commune, v.date)
            if v.kind == VisitKind.COACHING:
                coaching[v.commune].append(v.date)
        return cls(communes, visits, [v.date for v in visits], strategies, first, dict(coaching), store)

    def bilanz(self, period: Period, scope: Scope, budget_cents: int) -> Bilanz:
        in_kreis = (lambda ags: kreis_key(ags) == scope.kreis) if scope.kreis else (lambda ags: True)
        # the visits are in date order: the period is a slice of them
        first, last = bisect_left(self.days, period.start), bisect_right(self.days, period.end)
        visits = [v for v in self.visits[first:last] if in_kreis(v.commune)
                  and (scope.consultant is None or scope.consultant in v.consultants)]
        advised = {v.commune for v in visits}
        # a consultant's Bilanz is about the communes they advised; otherwise every commune (of the Kreis)
        communes = {a: c for a, c in self.communes.items() if in_kreis(a)
                    and (scope.consultant is None or a in advised)}
        figures: dict[str, Any] = {
            "communes_advised": len(advised),
            "communes_first_contact": sum(1 for a in advised if self.first_visit.get(a) in period),
            "members": sum(1 for c in communes.values() if c.member_since and c.member_since <= period.end),
            "members_new": sum(1 for c in communes.values() if c.member_since in period),
            "model_communes": sum(1 for c in communes.values() if c.model_commune),
            "kpr_constituted_or_reactivated": sum(1 for c in communes.values()
                                                  if c.kpr_status in KPR_ACTIVE and c.kpr_date in period),
            "kpr_active": sum(1 for c in communes.values() if c.kpr_status in KPR_ACTIVE
                              and (c.kpr_date is None or c.kpr_date <= period.end)),
            "cooperation_agreements": sum(1 for c in communes.values() if c.cooperation_agreement
                                          == AgreementStatus.SIGNED and c.cooperation_agreement_date in period),
            "coaching": self._coaching(communes, period),
            "security_analyses": sum(1 for c in communes.values() if c.security_analysis
                                     == AnalysisStatus.COMPLETED and c.security_analysis_date in period),
            "visits": len(visits),
            "visits_by_kind": dict(sorted(Counter(v.kind for v in visits).items())),
            "visits_by_month": _by_month(visits, period),
            "visits_by_consultant": dict(sorted(Counter(c for v in visits for c in v.consultants).items())),
            "problem_fields": _problem_fields(visits),
            "by_kreis": _by_kreis(visits, communes),
            "severities": _severities(self.store, visits),
            "follow_ups": _follow_ups(self.visits, visits, period, scope, in_kreis),
            "strategies_by_status": _strategies(self.strategies, period, communes),
            "funding": _funding(self.strategies, period, communes, budget_cents),
        }
        return Bilanz(period, scope, figures)

    def _coaching(self, communes: dict[str, CommuneData], period: Period) -> dict[str, int]:
        started = completed = active = 0
        for ags, c in communes.items():
            if c.coaching not in (CoachingStatus.RUNNING, CoachingStatus.COMPLETED):
                continue
            dates = self.coaching_visits.get(ags, [])
            if dates and dates[0] in period:
                started += 1
            if c.coaching == CoachingStatus.COMPLETED and dates and dates[-1] in period:
                completed += 1
            if dates and dates[0] <= period.end:
                active += 1
        return {"started": started, "completed": completed, "active": active}


def _by_month(visits: Iterable[VisitSummary], period: Period) -> dict[str, int]:
    """Visits per month of the period (every month listed, none left out as zero)."""
    counts = Counter(v.date.strftime("%Y-%m") for v in visits)
    months: dict[str, int] = {}
    day = period.start.replace(day=1)
    while day <= period.end:
        key = day.strftime("%Y-%m")
        months[key] = counts.get(key, 0)
        day = (day + timedelta(days=32)).replace(day=1)
    return months


def _problem_fields(visits: Iterable[VisitSummary]) -> dict[str, dict[str, int]]:
    findings: Counter[str] = Counter()
    communes: dict[str, set[str]] = defaultdict(set)
    for v in visits:
        for code, _severity in v.findings:
            findings[code] += 1
            communes[code].add(v.commune)
    return {code: {"communes": len(communes[code]), "findings": findings[code]} for code in sorted(findings)}


def _by_kreis(visits: Iterable[VisitSummary], communes: dict[str, CommuneData]) -> dict[str, dict[str, Any]]:
    """Per Kreis (by key): its name, communes advised, visits, and findings per problem field."""
    out: dict[str, dict[str, Any]] = {}
    for key in sorted({kreis_key(a) for a in communes}):
        out[key] = {"name": "", "communes_advised": 0, "visits": 0, "problem_fields": {}}
    for ags, c in communes.items():
        out[kreis_key(ags)]["name"] = c.kreis
    advised: dict[str, set[str]] = defaultdict(set)
    for v in visits:
        key = kreis_key(v.commune)
        if key not in out:
            continue
        entry = out[key]
        entry["visits"] += 1
        advised[key].add(v.commune)
        fields = entry["problem_fields"]
        for code, _severity in v.findings:
            fields[code] = fields.get(code, 0) + 1
    for key, entry in out.items():
        entry["communes_advised"] = len(advised[key])
        entry["problem_fields"] = dict(sorted(entry["problem_fields"].items()))
    return out


def _severities(store: Any, visits: Iterable[VisitSummary]) -> list[dict[str, Any]]:
    """The most severe findings of the period: severity, then the newest first (only these few
    visits are read in full, for the finding's id and place)."""
    found = [(severity, v, n) for v in visits for n, (_code, severity) in enumerate(v.findings)]
    found.sort(key=lambda t: (-t[0], -t[1].date.toordinal(), t[1].id, t[2]))
    out = []
    for severity, v, n in found[:TOP_SEVERITIES]:
        raw = store.raw(Kind.VISIT, v.id)
        finding = raw["data"]["findings"][n] if raw else {}
        out.append({"severity": severity, "date": v.date.isoformat(), "visit": v.id, "finding": finding.get("id"),
                    "problem_field": v.findings[n][0], "commune": v.commune, "place": finding.get("place", "")})
    return out


def _follow_ups(all_visits: list[VisitSummary], visits: list[VisitSummary], period: Period, scope: Scope,
                in_kreis: Any) -> dict[str, int]:
    created = sum(len(v.follow_ups) for v in visits)
    done = overdue = 0
    for v in all_visits:
        if not in_kreis(v.commune) or (scope.consultant and scope.consultant not in v.consultants):
            continue
        if v.date > period.end:
            continue  # agreed after the period: neither done nor overdue in it
        for (due, is_done), done_on in zip(v.follow_ups, v.done_on or (None,) * len(v.follow_ups)):
            if is_done and done_on in period:
                done += 1
            finished_by_end = is_done and (done_on is None or done_on <= period.end)
            if due is not None and due < period.end and not finished_by_end:
                overdue += 1
    return {"created": created, "done": done, "overdue": overdue}


def _strategies(strategies: Iterable[StrategyData], period: Period, communes: dict[str, CommuneData]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for s in strategies:
        if s.commune in communes and s.period_start <= period.end.year and s.period_end >= period.start.year:
            counts[s.status.value] += 1
    return dict(sorted(counts.items()))


def _funding(strategies: Iterable[StrategyData], period: Period, communes: dict[str, CommuneData],
             budget_cents: int) -> dict[str, Any]:
    years = {y: {"cost_cents": 0, "own_share_cents": 0, "requested_cents": 0, "budget_cents": budget_cents}
             for y in period.years()}
    for s in strategies:
        if s.commune not in communes:
            continue
        for m in s.measures:
            if m.funding != FundingSource.RL_KOMMPRAEV or not is_active(m) or m.start not in period:
                continue
            f = measure_finance(m)
            year = years[m.start.year]  # type: ignore[union-attr]
            year["cost_cents"] += m.cost_cents
            year["own_share_cents"] += m.own_share_cents
            year["requested_cents"] += f.requested_grant_cents
    total = {k: sum(y[k] for y in years.values()) for k in ("cost_cents", "own_share_cents", "requested_cents")}
    # the budget is a yearly one: a period of part of a year gets that share of it
    budget = round(budget_cents * period.days / 365.25) if period.days < 365 else budget_cents * len(years)
    return {**total, "budget_cents": budget, "by_year": {str(y): v for y, v in years.items()}}
