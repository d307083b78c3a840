"""Domain questions and edits over an open ``Store``: communes, visits, problem fields, consultants.

The visit index is kept up to date incrementally from the store's change notifications, so lists
over 20,000 visits never scan or parse the records again.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from .collation import sort_key
from .records import (
    CommuneData,
    FindingRef,
    StrategyData,
    StrategyRecord,
    strategy_id,
    CommuneRecord,
    ConsultantRecord,
    Kind,
    ProblemFieldRecord,
    VisitData,
    VisitRecord,
)
from . import messages as M
from .rules import packaged_communes
from .store import Store
from .summaries import VisitSummary
from .views import (
    Agenda,
    CommuneRow,
    ConflictRow,
    Dossier,
    FindingCandidate,
    HistoryEntry,
    LeafView,
    StrategyRow,
    FollowUpRow,
    ProblemFieldSummary,
    StoreFacts,
    VisitDetail,
    VisitPage,
    VisitRow,
)


def _ref(c: FindingCandidate) -> FindingRef:
    return FindingRef(visit_id=c.visit_id, finding_id=c.finding_id, visit_date=c.visit_date,
                      problem_field=c.problem_field, severity=c.severity, place=c.place, evidence=c.evidence)


def due_order(f: FollowUpRow) -> tuple[Any, ...]:
    """Sort key of follow-ups: by due date (undated last), then commune, visit date, text."""
    return (f.due or date.max, sort_key(f.commune_name), f.visit_date, sort_key(f.text), f.follow_up_id)


def new_id() -> str:
    """A new record or item id (UUID4, hex)."""
    return uuid.uuid4().hex


class VisitIndex:
    """Live visit summaries by id and by commune, derived from the store's summaries on demand."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._version = -1
        self._by_commune: dict[str, dict[str, VisitSummary]] = {}

    @property
    def by_id(self) -> dict[str, VisitSummary]:
        return self.store.summaries[Kind.VISIT]

    @property
    def by_commune(self) -> dict[str, dict[str, VisitSummary]]:
        if self._version != self.store.version:
            grouped: dict[str, dict[str, VisitSummary]] = {}
            for entry in self.by_id.values():
                grouped.setdefault(entry.commune, {})[entry.id] = entry
            self._by_commune = grouped
            self._version = self.store.version
        return self._by_commune


class Repositories:
    """The domain API the UI, the CLI and the services use."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.visit_index = VisitIndex(store)

    # -- names ----------------------------------------------------------------------------------
    def commune_name(self, ags: str) -> tuple[str, str]:
        """(name, Kreis) of a commune, or the AGS and "" if unknown."""
        raw = self.store.raw(Kind.COMMUNE, ags)
        if raw is None or raw["data"] is None:  # unknown, or a tombstone (no data)
            return ags, ""
        return raw["data"]["name"], raw["data"]["kreis"]

    def problem_fields(self, include_inactive: bool = False) -> list[ProblemFieldRecord]:
        """The catalog, sorted by German name."""
        out = [self.store.get(Kind.PROBLEM_FIELD, raw["id"]) for raw in self.store.raws(Kind.PROBLEM_FIELD)
               if not raw["deleted"] and (include_inactive or raw["data"].get("active", True))]
        return sorted(out, key=lambda r: sort_key(r.data.name))  # type: ignore[attr-defined]

    def problem_field_name(self, code: str) -> str:
        raw = self.store.raw(Kind.PROBLEM_FIELD, code)
        return raw["data"]["name"] if raw and raw["data"] is not None else code

    def consultants(self) -> list[ConsultantRecord]:
        """Every consultant known to this store, by name."""
        out = [self.store.get(Kind.CONSULTANT, raw["id"]) for raw in self.store.raws(Kind.CONSULTANT)
               if not raw["deleted"]]
        return sorted(out, key=lambda r: sort_key(r.data.name))  # type: ignore[attr-defined]

    def consultant_label(self, consultant_id: str) -> str:
        """Initials of a consultant (or a short id if unknown)."""
        raw = self.store.raw(Kind.CONSULTANT, consultant_id)
        return raw["data"]["initials"] if raw and raw["data"] is not None else consultant_id[:6]

    def me(self) -> ConsultantRecord | None:
        """This device's consultant."""
        cid = self.store.local.consultant_id
        raw = self.store.raw(Kind.CONSULTANT, cid) if cid else None
        return self.store.get(Kind.CONSULTANT, cid) if raw and not raw["deleted"] else None  # type: ignore[return-value]

    # -- communes -------------------------------------------------------------------------------
    def commune_rows(self, today: date) -> list[CommuneRow]:
        """Every commune with its ASSKomm facts, last visit and follow-up counts, by name."""
        rows = []
        by_commune = self.visit_index.by_commune
        conflicted = self._conflicted_communes()
        packaged = packaged_communes()
        for raw in self.store.raws(Kind.COMMUNE):
            # a commune outside the packaged list is never listed (an older import took it; check reports it)
            if raw["deleted"] or raw["id"] not in packaged:
                continue
            d = raw["data"]
            visits = by_commune.get(raw["id"], {})
            last = max((v.date for v in visits.values()), default=None)
            open_fu = overdue = 0
            for v in visits.values():
                for due, done in v.follow_ups:
                    if not done:
                        open_fu += 1
                        if due is not None and due < today:
                            overdue += 1
            rows.append(CommuneRow(
                ags=raw["id"], name=d["name"], kreis=d["kreis"], population=d["population"],
                member_since=date.fromisoformat(d["member_since"]) if d.get("member_since") else None,
                model_commune=bool(d.get("model_commune")), kpr_status=d.get("kpr_status", "none"),
                last_visit=last, visits=len(visits), open_follow_ups=open_fu, overdue_follow_ups=overdue,
                conflict=raw["id"] in conflicted,
            ))
        rows.sort(key=lambda r: (sort_key(r.name), r.ags))
        return rows

    def commune(self, ags: str) -> CommuneRecord:
        return self.store.get(Kind.COMMUNE, ags)  # type: ignore[return-value]

    def save_commune(self, data: CommuneData, base_rev: str | None | object = ...) -> CommuneRecord:
        """Store edited status, contacts or notes of a commune."""
        return self.store.put(Kind.COMMUNE, data.ags, data, base_rev=base_rev)  # type: ignore[return-value]

    def dossier(self, ags: str, today: date) -> Dossier:
        """The commune with its visits (newest first), problem fields and open follow-ups."""
        commune = self.commune(ags)
        entries = sorted(self.visit_index.by_commune.get(ags, {}).values(),
                         key=lambda v: (v.date, v.id), reverse=True)
        visits = tuple(self._visit_row(v) for v in entries)
        stats: dict[str, list[Any]] = {}
        for v in entries:
            for code, severity in v.findings:
                s = stats.setdefault(code, [0, v.date, 0])
                s[0] += 1
                s[1] = max(s[1], v.date)
                s[2] = max(s[2], severity)
        fields = tuple(sorted(
            (ProblemFieldSummary(code, self.problem_field_name(code), n, last, sev)
             for code, (n, last, sev) in stats.items()),
            key=lambda p: (-p.max_severity, -p.count, sort_key(p.name)),
        ))
        follow_ups = tuple(sorted(
            (f for v in entries if v.open_follow_ups for f in self._follow_up_rows(v) if not f.done),
            key=lambda f: (f.due or date.max, f.visit_date),
        ))
        conflict = (Kind.COMMUNE.value, ags) in self.store.conflicted()
        return Dossier(commune, visits, fields, follow_ups, conflict)

    # -- visits ---------------------------------------------------------------------------------
    def _visit_row(self, v: VisitSummary) -> VisitRow:
        name, kreis = self.commune_name(v.commune)
        raw = self.store.raw(Kind.VISIT, v.id) or {"data": {}}
        summary = raw["data"].get("summary", "").split("\n", 1)[0]
        return VisitRow(v.id, v.commune, name, kreis, v.date, v.kind,
                        tuple(self.consultant_label(c) for c in v.consultants), summary,
                        len(v.findings), v.open_follow_ups,
                        (Kind.VISIT.value, v.id) in self.store.conflicted())

    def _follow_up_rows(self, v: VisitSummary) -> list[FollowUpRow]:
        """The follow-ups of a visit with their texts (read from the record)."""
        name, kreis = self.commune_name(v.commune)
        raw = self.store.raw(Kind.VISIT, v.id) or {"data": {}}
        return [
            FollowUpRow(v.id, f["id"], v.commune, name, kreis, v.date, f["text"], f.get("owner", ""),
                        date.fromisoformat(f["due"]) if f.get("due") else None, bool(f.get("done")))
            for f in raw["data"].get("follow_ups", ())
        ]

    def visit(self, visit_id: str) -> VisitDetail:
        """A visit with the commune's name, for the form."""
        record: VisitRecord = self.store.get(Kind.VISIT, visit_id)  # type: ignore[assignment]
        name, kreis = self.commune_name(record.data.commune)
        return VisitDetail(record, name, kreis)

    def visit_page(self, visit_id: str, near: tuple[str, date] | None = None) -> VisitPage:
        """A visit for its read-only view: names, conflict flag and the commune's visits in date order.

        For a deleted visit ``near`` (its commune and date, as last seen) keeps its place among the
        commune's visits; without it the page knows nothing but the id.
        """
        from bisect import bisect_left

        raw = self.store.raw(Kind.VISIT, visit_id)
        record: VisitRecord | None = None
        if raw is not None and not raw["deleted"]:
            record = self.store.get(Kind.VISIT, visit_id)  # type: ignore[assignment]
            commune, day = record.data.commune, record.data.date
        elif near is not None:
            commune, day = near
        else:
            return VisitPage(visit_id, None, "", "", "", (), {}, False, (), 0)
        name, kreis = self.commune_name(commune)
        ordered = sorted(self.visit_index.by_commune.get(commune, {}).values(), key=lambda v: (v.date, v.id))
        index = bisect_left([(v.date, v.id) for v in ordered], (day, visit_id))
        consultants: tuple[str, ...] = ()
        fields: dict[str, str] = {}
        if record is not None:
            people = []
            for cid in record.data.consultants:
                person = self.store.raw(Kind.CONSULTANT, cid)
                people.append(f"{person['data']['name']} ({person['data']['initials']})"
                              if person and not person["deleted"] else cid[:8])
            consultants = tuple(people)
            fields = {f.problem_field: self.problem_field_name(f.problem_field) for f in record.data.findings}
        conflict = (Kind.VISIT.value, visit_id) in self.store.conflicted()
        return VisitPage(visit_id, record, commune, name, kreis, consultants, fields, conflict,
                         tuple(v.id for v in ordered), index)

    def visit_fields(self, ags: str) -> dict[str, frozenset[str]]:
        """The problem fields found in each of the commune's visits (visit id -> codes)."""
        return {v.id: frozenset(code for code, _ in v.findings)
                for v in self.visit_index.by_commune.get(ags, {}).values()}

    def create_visit(self, data: VisitData) -> VisitRecord:
        """Store a new visit."""
        self.commune(data.commune)  # refuses unknown communes with a clear message
        return self.store.put(Kind.VISIT, new_id(), data, base_rev=None)  # type: ignore[return-value]

    def update_visit(self, visit_id: str, data: VisitData, base_rev: str) -> VisitRecord:
        """Store an edited visit made from revision ``base_rev``."""
        return self.store.put(Kind.VISIT, visit_id, data, base_rev=base_rev)  # type: ignore[return-value]

    def delete_visit(self, visit_id: str, base_rev: str | object = ...) -> VisitRecord:
        """Delete a visit (a tombstone revision)."""
        return self.store.delete(Kind.VISIT, visit_id, base_rev=base_rev)  # type: ignore[return-value]

    def set_follow_up_done(self, visit_id: str, follow_up_id: str, done: bool, today: date) -> VisitRecord:
        """Tick a follow-up off (or reopen it) without opening the visit form."""
        record: VisitRecord = self.store.get(Kind.VISIT, visit_id)  # type: ignore[assignment]
        items = tuple(
            f.model_copy(update={"done": done, "done_on": today if done else None}) if f.id == follow_up_id else f
            for f in record.data.follow_ups
        )
        data = record.data.model_copy(update={"follow_ups": items})
        return self.update_visit(visit_id, data, record.rev)

    def recent_visits(self, consultant_id: str | None, limit: int = 30) -> list[VisitRow]:
        """The newest visits this consultant took part in."""
        mine = [v for v in self.visit_index.by_id.values() if consultant_id in v.consultants]
        mine.sort(key=lambda v: (v.date, v.id), reverse=True)
        return [self._visit_row(v) for v in mine[:limit]]

    def follow_ups_due(self, consultant_id: str | None, today: date, horizon_days: int = 14) -> list[FollowUpRow]:
        """Open follow-ups from this consultant's visits that are overdue or due within the horizon."""
        until = today + timedelta(days=horizon_days)
        rows = [
            f for v in self.visit_index.by_id.values()
            if consultant_id in v.consultants
            and any(not done and due is not None and due <= until for due, done in v.follow_ups)
            for f in self._follow_up_rows(v) if not f.done and f.due is not None and f.due <= until
        ]
        rows.sort(key=due_order)  # overdue first (the oldest due date), then the soonest
        return rows

    def open_follow_ups(self, consultant_id: str | None) -> Agenda:
        """Every open follow-up of every current visit (deleted visits have none), soonest first."""
        rows = sorted((f for v in self.visit_index.by_id.values() if v.open_follow_ups
                       for f in self._follow_up_rows(v) if not f.done), key=due_order)
        mine = frozenset(v.id for v in self.visit_index.by_id.values()
                         if consultant_id is not None and consultant_id in v.consultants)
        me = self.me()
        return Agenda(tuple(rows), mine, (me.data.name, me.data.initials) if me else ())

    # -- strategies ------------------------------------------------------------------------------
    def strategies(self, ags: str) -> list[StrategyRow]:
        """The commune's strategies, newest period first."""
        from datetime import datetime

        conflicted = self.store.conflicted()
        rows = []
        for raw in self.store.raws(Kind.STRATEGY):
            d = raw["data"]
            if raw["deleted"] or d["commune"] != ags:  # a tombstone has no data
                continue
            rows.append(StrategyRow(
                raw["id"], f"{d['period_start']}–{d['period_end']}" if d["period_end"] != d["period_start"]
                else str(d["period_start"]), d.get("title", ""), d.get("status", "draft"), len(d.get("measures", ())),
                datetime.fromisoformat(raw["updated_at"].replace("Z", "+00:00")),
                (Kind.STRATEGY.value, raw["id"]) in conflicted, d["period_start"], d["period_end"]))
        rows.sort(key=lambda r: r.id, reverse=True)
        return rows

    def strategy(self, record_id: str) -> StrategyRecord:
        return self.store.get(Kind.STRATEGY, record_id)  # type: ignore[return-value]

    def create_strategy(self, ags: str, start: int, end: int, title: str = "",
                        take_findings_since: date | None = None) -> StrategyRecord:
        """Start the strategy of a commune for a period (one per commune and period).

        The problem description starts with the findings of the commune's visits since
        ``take_findings_since`` (default: the two years before the period), which the consultant
        then trims.
        """
        from .errors import InvalidInputError

        self.commune(ags)
        record_id = strategy_id(ags, start, end)
        existing = self.store.raw(Kind.STRATEGY, record_id)
        for other in self.strategies(ags):
            if start <= other.end and end >= other.start:
                template = M.STRATEGY_EXISTS if other.id == record_id else M.STRATEGY_OVERLAPS
                raise InvalidInputError(template.format(period=other.period))
        since = take_findings_since or date(start - 2, 1, 1)
        refs = tuple(_ref(c) for c in self.finding_candidates(ags) if c.visit_date >= since)
        data = StrategyData(commune=ags, period_start=start, period_end=end, title=title, findings=refs)
        base = existing["rev"] if existing else None
        return self.store.put(Kind.STRATEGY, record_id, data, base_rev=base)  # type: ignore[return-value]

    def save_strategy(self, data: StrategyData, base_rev: str) -> StrategyRecord:
        """Store an edited strategy made from revision ``base_rev``."""
        record_id = strategy_id(data.commune, data.period_start, data.period_end)
        return self.store.put(Kind.STRATEGY, record_id, data, base_rev=base_rev)  # type: ignore[return-value]

    def finding_candidates(self, ags: str) -> list[FindingCandidate]:
        """Every finding of the commune's visits, newest first."""
        out = []
        for v in self.visit_index.by_commune.get(ags, {}).values():
            if not v.findings:
                continue
            raw = self.store.raw(Kind.VISIT, v.id)
            if raw is None:
                continue
            for f in raw["data"].get("findings", ()):
                out.append(FindingCandidate(
                    v.id, f["id"], v.date, f["problem_field"], self.problem_field_name(f["problem_field"]),
                    f.get("severity", 2), f.get("place", ""), f.get("evidence", ""), f.get("note", "")))
        out.sort(key=lambda c: (c.visit_date, c.visit_id, c.finding_id), reverse=True)
        return out

    def recent_problem_fields(self, ags: str, since: date) -> dict[str, date]:
        """Problem fields found in the commune's visits since ``since``, with the last date seen."""
        seen: dict[str, date] = {}
        for v in self.visit_index.by_commune.get(ags, {}).values():
            if v.date >= since:
                for code, _ in v.findings:
                    seen[code] = max(seen.get(code, v.date), v.date)
        return seen

    def record_history(self, kind: str, record_id: str) -> list[HistoryEntry]:
        """Who changed what and when, from the revisions this store has seen (newest first)."""
        from datetime import datetime

        revisions = self.store.history(kind, record_id)
        by_hash = {r["revs"][0]: r for r in revisions}
        out = []
        for r in revisions:
            parent = by_hash.get(r["revs"][1]) if len(r["revs"]) > 1 else None
            if parent is None:
                changed: tuple[str, ...] = () if len(r["revs"]) == 1 else ("?",)
            else:
                # a tombstone has no data: a delete (or an undelete) changed only that
                mine, theirs = r["data"] or {}, parent["data"] or {}
                keys = dict.fromkeys([*mine, *theirs]) if r["data"] is not None and parent["data"] is not None else {}
                changed = tuple(k for k in keys if mine.get(k) != theirs.get(k))
                if r["deleted"] != parent["deleted"]:
                    changed += ("deleted",)
            out.append(HistoryEntry(r["rev"], datetime.fromisoformat(r["updated_at"].replace("Z", "+00:00")),
                                    self.consultant_label(r["updated_by"]), changed, r["deleted"]))
        return out

    # -- conflicts ------------------------------------------------------------------------------
    def _conflicted_communes(self) -> set[str]:
        """AGS of communes whose record or one of whose visits has conflicting versions."""
        out = set()
        by_id = self.visit_index.by_id
        for kind, record_id in self.store.conflicted():
            if kind == Kind.COMMUNE:
                out.add(record_id)
            elif kind == Kind.VISIT:
                raw = self.store.raw(kind, record_id)
                if record_id in by_id:
                    out.add(by_id[record_id].commune)
                elif raw is not None and raw["data"] is not None:
                    out.add(raw["data"]["commune"])
        return out

    def record_label(self, kind: str, raw: dict[str, Any]) -> str:
        """A short German description of a record (for lists of conflicts)."""
        data = raw["data"]
        template = M.RECORD_LABEL.get(kind)
        if template is None:
            return f"{kind} {raw['id']}"
        if data is None:  # a tombstone has no data to name it by
            return f"{M.KIND_NAME.get(kind, kind)} {raw['id'][:8]}"
        if kind == Kind.VISIT:
            commune, _ = self.commune_name(data["commune"])
            return template.format(commune=commune, day=date.fromisoformat(data["date"]).strftime("%d.%m.%Y"))
        if kind == Kind.STRATEGY:
            commune, _ = self.commune_name(data["commune"])
            return template.format(commune=commune, start=data["period_start"], end=data["period_end"])
        return template.format(name=data["name"])

    def conflicts(self) -> list[ConflictRow]:
        """Every record with conflicting versions."""
        rows = []
        for kind, record_id in self.store.conflicted():
            leaves = self.store.leaves(kind, record_id)
            if not leaves:
                continue
            authors = tuple(dict.fromkeys(self.consultant_label(leaf["updated_by"]) for leaf in leaves))
            # named by its current version (alive beats deleted), if any version has data
            named = next((leaf for leaf in leaves if leaf["data"] is not None), leaves[0])
            rows.append(ConflictRow(kind, record_id, self.record_label(kind, named), len(leaves), authors))
        rows.sort(key=lambda r: (r.kind, sort_key(r.label)))
        return rows

    def conflict_versions(self, kind: str, record_id: str) -> list[LeafView]:
        """The versions of a record in conflict, the one currently shown first (a deletion has
        ``data`` None)."""
        from datetime import datetime

        return [
            LeafView(leaf["rev"], leaf["deleted"], leaf["data"], self.consultant_label(leaf["updated_by"]),
                     datetime.fromisoformat(leaf["updated_at"].replace("Z", "+00:00")))
            for leaf in self.store.leaves(kind, record_id)
        ]

    def resolve_conflict(self, kind: str, record_id: str, data: dict[str, Any] | None, deleted: bool,
                         expected: list[str]) -> None:
        """Store the merged version that resolves every leaf the user saw (``deleted``: a
        tombstone, whose data is None whatever ``data`` says)."""
        self.store.resolve(kind, record_id, data, deleted=deleted, expected=expected)

    # -- the store itself ------------------------------------------------------------------------
    # -- the programme's settings (HQ's) -------------------------------------------------------------
    def annual_budget_cents(self) -> int:
        """The yearly RL KommPräv budget the Bilanz compares with: HQ's setting, else 1.300.000 €."""
        from .records import DEFAULT_ANNUAL_BUDGET_CENTS, PROGRAMME_ID

        raw = self.store.raw(Kind.PROGRAMME, PROGRAMME_ID)
        if raw is None or raw["deleted"]:
            return DEFAULT_ANNUAL_BUDGET_CENTS
        return int(raw["data"].get("annual_budget_cents", DEFAULT_ANNUAL_BUDGET_CENTS))

    def set_annual_budget(self, cents: int) -> Any:
        """Set the yearly budget (HQ only: its bundles carry it to every device)."""
        from .errors import InvalidInputError
        from .records import PROGRAMME_ID, ProgrammeData

        if self.store.local.role != "hq":
            raise InvalidInputError(M.PROGRAMME_HQ_ONLY)
        raw = self.store.raw(Kind.PROGRAMME, PROGRAMME_ID)
        return self.store.put(Kind.PROGRAMME, PROGRAMME_ID, ProgrammeData(annual_budget_cents=cents),
                              base_rev=raw["rev"] if raw else None)

    def facts(self) -> StoreFacts:
        """Path, size and counts for the overview."""
        store = self.store
        try:
            size = store.path.stat().st_size
        except OSError:
            size = 0
        latest = store.backups.latest()
        members = sum(1 for r in store.raws(Kind.COMMUNE) if not r["deleted"] and r["data"].get("member_since"))
        open_fu = sum(v.open_follow_ups for v in self.visit_index.by_id.values())
        return StoreFacts(
            path=str(store.path), size_bytes=size, communes=store.count(Kind.COMMUNE), members=members,
            visits=len(self.visit_index.by_id), open_follow_ups=open_fu,
            consultants=store.count(Kind.CONSULTANT),
            last_backup=latest.created if latest else None,
            device_id=store.local.device_id, seq=store.local.seq,
        )
