"""A realistic, deterministic demo store: all communes, a dozen consultants, visits over several years,
and (``showcase``) strategies, follow-ups due this week and conflicts, so every screen has something to show
(see ``demo_showcase.py``).

Everything (ids, devices, timestamps) is drawn from one seeded random generator and the end date,
never from the clock, so the same seed, size and end date give byte-identical files. Names of people
are invented; e-mail addresses use the reserved example.org domain.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from . import demo_history, demo_showcase
from .canonical import make_rev, rev_hash
from .records import (
    AgreementStatus,
    AnalysisStatus,
    CoachingStatus,
    CommuneData,
    ConsultantData,
    Contact,
    Finding,
    FollowUp,
    KprStatus,
    VisitData,
    VisitKind,
    data_to_raw,
)
from .reference import PROBLEM_FIELDS, commune_rows
from .store import Store

MAX_VISITS = 20_000
FIELD_NAMES = {code: name for code, name, _ in PROBLEM_FIELDS}
START = date(2019, 2, 6)  # ASSKomm started on 6 February 2019
MODEL_COMMUNES = ("Chemnitz", "Freital", "Görlitz", "Leipzig", "Pirna", "Plauen", "Wurzen", "Zwickau")

_FIRST = ["Anna", "Jens", "Katrin", "Thomas", "Susanne", "Mirko", "Claudia", "Ronny", "Ulrike",
          "Sebastian", "Franziska", "Matthias", "Heike", "Steffen", "Juliane", "André"]
_LAST = ["Richter", "Böhme", "Lehmann", "Fiedler", "Scholz", "Vogel", "Köhler", "Neumann", "Winkler",
         "Krause", "Seidel", "Ullrich", "Zimmermann", "Hänel", "Förster", "Ebert"]
_ROLES = ["Bürgermeister/in", "Präventionskoordinator/in", "Leiter/in Ordnungsamt",
          "Polizeirevier, Bürgerpolizist/in", "Schulsozialarbeit", "Jugendhilfe Landkreis",
          "Hauptamtsleiter/in", "Stadtrat, Vorsitz KPR"]
_PARTICIPANTS = ["Bürgermeister/in", "Ordnungsamt", "Polizeirevier", "Jugendamt", "Schulsozialarbeit",
                 "Quartiersmanagement", "Vereinsvertreter/innen", "Stadtwerke", "Wohnungsgenossenschaft",
                 "Streetwork", "Seniorenbeirat", "Feuerwehr"]
_PLACES = ["Bahnhofsvorplatz", "Marktplatz", "Stadtpark", "Skaterpark", "Unterführung Bahnhofstraße",
           "Schulzentrum", "Busbahnhof", "Spielplatz am Teich", "Einkaufszentrum", "Freibad",
           "Friedhofsweg", "Plattenbaugebiet Nord", "Uferpromenade", "Sportplatz"]
_EVIDENCE = ["Ortsbegehung", "Bürgerhinweise", "Polizeiliche Kriminalstatistik", "Hinweis Ordnungsamt",
             "Bürgerbefragung", "Sicherheitsanalyse", "Presseberichte", "Schulleitung"]
_NOTES = ["Lage hat sich seit dem Frühjahr verschärft.", "Vor allem an Wochenenden.",
          "Anwohner fühlen sich nicht ernst genommen.", "Protokoll folgt [Entwurf v2].",
          "Fotos liegen dem Ordnungsamt vor.", "Thema im nächsten KPR vertiefen.", ""]
_TASKS = ["Termin mit dem Polizeirevier vereinbaren", "Entwurf der Kooperationsvereinbarung senden",
          "Beleuchtung der Unterführung prüfen lassen", "Förderantrag RL KommPräv vorbereiten",
          "Coach für den KPR anfragen", "Befragung für die Sicherheitsanalyse abstimmen",
          "Protokoll an den Stadtrat verteilen", "Streetwork-Angebot klären",
          "Graffiti-Fläche mit Jugendclub planen", "Präventionsmaterial Enkeltrick bestellen",
          "Ratsbeschluss zur Gründung des KPR vorbereiten", "Ortsbegehung mit Anwohnern ansetzen"]
_OWNERS = ["Bürgermeister/in", "Ordnungsamt", "Polizeirevier", "Präventionskoordinator/in", "LPR"]
_SUMMARIES = [
    "Gespräch zur aktuellen Sicherheitslage; {fields} wurden als drängendste Themen genannt.",
    "Vorstellung der ASSKomm-Bausteine; Interesse an {fields}-Projekten.",
    "KPR-Sitzung mit Schwerpunkt {fields}; Arbeitsgruppen berichten.",
    "Auswertung der Bürgerhinweise, Schwerpunkte: {fields}.",
    "Abstimmung der nächsten Schritte; offen bleiben {fields}.",
]
# the same visits when nothing was found (one for one, so the random choices stay the same)
_QUIET_SUMMARIES = [
    "Gespräch zur aktuellen Sicherheitslage; keine neuen Probleme genannt.",
    "Vorstellung der ASSKomm-Bausteine; noch kein konkretes Projektinteresse.",
    "KPR-Sitzung ohne neue Schwerpunkte; Arbeitsgruppen berichten.",
    "Auswertung der Bürgerhinweise: keine neuen Schwerpunkte.",
    "Abstimmung der nächsten Schritte; keine offenen Probleme.",
]


def _summary(template: str, labels: str) -> str:
    """The summary for the problem fields found (``labels``), or its counterpart when none were."""
    return template.format(fields=labels) if labels else _QUIET_SUMMARIES[_SUMMARIES.index(template)]


_KIND_WEIGHTS = {
    VisitKind.FIRST_CONSULTATION: 4, VisitKind.FOLLOW_UP_CONSULTATION: 30, VisitKind.WORKSHOP: 8,
    VisitKind.KPR_MEETING: 18, VisitKind.CITIZEN_DIALOGUE: 5, VisitKind.COUNCIL_MEETING: 4,
    VisitKind.COACHING: 8, VisitKind.SECURITY_ANALYSIS: 3, VisitKind.PHONE_CALL: 15, VisitKind.OTHER: 2,
}
_FIELD_WEIGHTS = {"graffiti": 12, "littering": 10, "dog_mess": 8, "vandalism": 7, "public_alcohol": 7,
                  "fear_spaces": 6, "noise": 6, "juvenile_delinquency": 6, "drug_abuse": 5,
                  "public_violence": 5, "extremism": 4, "traffic_safety": 4, "senior_fraud_cybercrime": 4,
                  "burglary": 3, "domestic_violence": 2, "school_absenteeism": 2, "bullying": 2}


class _Gen:
    def __init__(self, seed: int, end: date) -> None:
        self.rng = random.Random(seed)
        self.end = end

    def uid(self) -> str:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4).hex

    def day_between(self, a: date, b: date) -> date:
        return a + timedelta(days=self.rng.randint(0, max(0, (b - a).days)))

    def stamp(self, d: date) -> str:
        t = datetime.combine(d, time(15 + self.rng.randint(0, 4), self.rng.randint(0, 59)), timezone.utc)
        return t.isoformat().replace("+00:00", "Z")


def _contacts(g: _Gen, ags: str) -> tuple[Contact, ...]:
    """Two to four invented contacts of a commune (example.org addresses)."""
    rng = g.rng
    return tuple(
        Contact(id=g.uid()[:12], name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", role=role,
                phone=f"0{rng.randint(3400, 3799)} {rng.randint(100000, 999999)}",
                email=f"kontakt{n + 1}@{ags}.example.org")
        for n, role in enumerate(rng.sample(_ROLES, rng.randint(2, 4)))
    )


def _record(kind: str, record_id: str, data: dict[str, Any], parent: dict[str, Any] | None,
            when: str, author: str, origin: str, seq: int) -> dict[str, Any]:
    rev = make_rev(parent["rev"] if parent else None, False, data)
    return {"kind": kind, "id": record_id, "rev": rev,
            "revs": [rev_hash(rev)] + (parent["revs"][:99] if parent else []), "deleted": False,
            "updated_at": when, "updated_by": author, "origin": origin, "seq": seq, "data": data}


def generate(path: Path | str, visits: int = 2000, seed: int = 1, end: date | None = None,
             showcase: bool = False) -> Path:
    """Write a demo store to ``path`` (which must not exist yet) and return its path.

    ``visits`` is the number of visits in the store. With ``showcase`` (``asskomm --demo`` and
    ``asskomm demo``; it needs at least ``demo_showcase.VISITS`` visits) that many of them are the
    showcase's, which also adds strategies and two records in conflict. Without it the store holds
    random visits only, exactly as before the showcase existed: test stores build the strategies and
    follow-ups they look at themselves, and must not meet the showcase's.
    """
    if not 0 <= visits <= MAX_VISITS:
        raise ValueError(f"visits must be between 0 and {MAX_VISITS}")
    path = Path(path)
    if path.exists() and path.stat().st_size:
        raise FileExistsError(path)
    g = _Gen(seed, end or date.today())
    rng = g.rng
    showcase = showcase and visits >= demo_showcase.VISITS
    random_visits = visits - demo_showcase.VISITS if showcase else visits

    names = rng.sample([(f, l) for f in _FIRST for l in _LAST], 12)
    consultants = []
    for first, last in names:
        cid, device = g.uid(), g.uid()
        data = data_to_raw(ConsultantData(
            name=f"{first} {last}", initials=(first[0] + last[0]).upper(),
            email=f"{first.lower()}.{last.lower()}@example.org".replace("é", "e").replace("ö", "oe")
            .replace("ä", "ae").replace("ü", "ue")))
        consultants.append({"id": cid, "device": device, "data": data, "seq": 0})

    def author(c: dict[str, Any]) -> tuple[str, str, int]:
        c["seq"] += 1
        return c["id"], c["device"], c["seq"]

    communes = list(commune_rows())
    by_name = {c.name: c for c in communes}
    members = [by_name[n] for n in MODEL_COMMUNES]
    others = [c for c in communes if c.name not in MODEL_COMMUNES]
    members += rng.sample(others, 46)
    responsible = {c.ags: rng.choice(consultants) for c in communes}
    # the showcase replays the programme's history (demo_history.py); test stores stay as they were
    history = demo_history.plan(g, communes, MODEL_COMMUNES) \
        if showcase and demo_history.possible(g.end, random_visits) else None
    if history is not None:
        members = [c for c in communes if c.ags in history.status]

    from .reference import reference_record

    records: list[dict[str, Any]] = []
    for c in consultants:
        cid, device, seq = author(c)
        records.append(_record("consultant", cid, c["data"], None, g.stamp(START), cid, device, seq))

    for i, c in enumerate(members):
        model = c.name in MODEL_COMMUNES
        if history is not None:
            _history_commune(g, c, history, records, responsible, author)
            continue
        since = START if model else g.day_between(date(2019, 6, 1), min(g.end, date(2025, 6, 30)))
        kpr = rng.choices([KprStatus.CONSTITUTED, KprStatus.REACTIVATED, KprStatus.PLANNED, KprStatus.DORMANT],
                          [6, 3, 3, 1])[0]
        agreement = rng.choices(list(AgreementStatus), [3, 2, 5])[0]
        coaching = rng.choices(list(CoachingStatus), [3, 1, 3, 3])[0]
        analysis = rng.choices(list(AnalysisStatus), [6, 2, 2, 2])[0]
        contacts = _contacts(g, c.ags)
        data = c.model_copy(update={
            "member_since": since, "model_commune": model, "kpr_status": kpr,
            "kpr_date": g.day_between(since, g.end) if kpr != KprStatus.NONE else None,
            "cooperation_agreement": agreement,
            "cooperation_agreement_date": g.day_between(since, g.end) if agreement != AgreementStatus.NONE else None,
            "coaching": coaching, "coaching_note": "Coach aus dem LPR-Pool" if coaching != CoachingStatus.NONE else "",
            "security_analysis": analysis,
            "security_analysis_date": g.day_between(since, g.end) if analysis != AnalysisStatus.NONE else None,
            "contacts": contacts,
            "notes": "Modellkommune seit dem Start von ASSKomm." if model else "",
        })
        CommuneData.model_validate(data.model_dump())
        parent = reference_record("commune", c.ags, data_to_raw(c))
        cid, device, seq = author(responsible[c.ags])
        records.append(_record("commune", c.ags, data_to_raw(data), parent, g.stamp(since), cid, device, seq))

    member_ags = [c.ags for c in members]
    kinds, kind_w = list(_KIND_WEIGHTS), list(_KIND_WEIGHTS.values())
    fields, field_w = list(_FIELD_WEIGHTS), list(_FIELD_WEIGHTS.values())
    known = {code for code, _, _ in PROBLEM_FIELDS}
    assert set(fields) <= known
    forced: dict[tuple[date, str], VisitKind] = {}
    if history is None:
        visit_plan = sorted(
            (g.day_between(START, g.end), rng.choice(member_ags) if rng.random() < 0.75 else rng.choice(communes).ags)
            for _ in range(random_visits)
        )
    else:
        visit_plan, forced = _history_visits(g, history, random_visits)
    for day, ags in visit_plan:
        lead = responsible[ags]
        team = [lead["id"]] + ([rng.choice(consultants)["id"]] if rng.random() < 0.25 else [])
        found = rng.choices(fields, field_w, k=rng.randint(0, 4))
        findings = tuple(
            Finding(id=g.uid()[:12], problem_field=code, severity=rng.choices([1, 2, 3, 4], [3, 5, 3, 1])[0],
                    place=rng.choice(_PLACES), evidence=rng.choice(_EVIDENCE), note=rng.choice(_NOTES))
            for code in dict.fromkeys(found)
        )
        follow_ups = []
        for _ in range(rng.randint(0, 3)):
            due = day + timedelta(days=rng.randint(7, 90))
            done = due < g.end - timedelta(days=rng.randint(-30, 120))
            follow_ups.append(FollowUp(
                id=g.uid()[:12], text=rng.choice(_TASKS), owner=rng.choice(_OWNERS), due=due, done=done,
                done_on=min(due, g.end) if done else None))
        labels = ", ".join(FIELD_NAMES[f.problem_field] for f in findings)
        kind = rng.choices(kinds, kind_w)[0]
        if history is not None:
            kind = forced.get((day, ags)) or kind
            if kind == VisitKind.COACHING and not (ags in history.coaching_start
                                                   and day >= history.coaching_start[ags]):
                kind = VisitKind.FOLLOW_UP_CONSULTATION  # coaching starts with its planned first visit
        data = VisitData(
            commune=ags, date=day, kind=kind, consultants=tuple(dict.fromkeys(team)),
            participants=tuple(rng.sample(_PARTICIPANTS, rng.randint(1, 4))),
            summary=_summary(rng.choice(_SUMMARIES), labels),
            notes=rng.choice(_NOTES), findings=findings, follow_ups=tuple(follow_ups),
        )
        cid, device, seq = author(lead)
        records.append(_record("visit", g.uid(), data_to_raw(data), None, g.stamp(day), cid, device, seq))

    if history is not None:
        from .records import strategy_id

        for data in demo_history.strategies(g, history):
            cid, device, seq = author(responsible[data.commune])
            records.append(_record("strategy", strategy_id(data.commune, data.period_start, data.period_end),
                                   data_to_raw(data), None, g.stamp(date(data.period_start, 1, 15)), cid, device, seq))
    me = consultants[0]
    extra = demo_showcase.Showcase()
    if showcase:
        extra = demo_showcase.build(g, me, consultants[1], author, _record, START)
    store = Store.open(path)
    try:
        with store.transaction():
            store.local.device_id = me["device"]
            store.local.consultant_id = me["id"]
            store.local.seq = me["seq"]
            # a demo HQ whose key is pinned, so that an export can be tried; made from the seed (the
            # same bytes for the same seed), its private half thrown away: nobody can read those files
            store.local.extra["hq_key"] = demo_hq_key(seed)
            store.replace_raw_many(records + extra.first)
            for revisions in extra.later:  # the revisions they replace are kept as history
                store.replace_raw_many(revisions)
            if extra.leaves:
                store.set_leaves(extra.leaves)
            store.update_local()
    finally:
        store.close()
    return path


def _history_commune(g: _Gen, c: CommuneData, history: "demo_history.History", records: list[dict[str, Any]],
                     responsible: dict[str, dict[str, Any]], author: Any) -> None:
    """A commune's record as the programme's history has it (status, dates, contacts)."""
    from .reference import reference_record

    rng = g.rng
    status = history.status[c.ags]
    contacts = _contacts(g, c.ags) if c.ags in history.contact else ()
    model = status.get("model_commune", False)
    data = c.model_copy(update={**status, "contacts": contacts,
                                "notes": "Modellkommune seit dem Start von ASSKomm." if model else ""})
    CommuneData.model_validate(data.model_dump())
    dates = [d for d in (status.get("member_since"), status.get("kpr_date"), status.get("cooperation_agreement_date"),
                         status.get("security_analysis_date")) if d]
    parent = reference_record("commune", c.ags, data_to_raw(c))
    cid, device, seq = author(responsible[c.ags])
    records.append(_record("commune", c.ags, data_to_raw(data), parent, g.stamp(max(dates, default=START)), cid,
                           device, seq))


def _history_visits(g: _Gen, history: "demo_history.History",
                    visits: int) -> tuple[list[tuple[date, str]], dict[tuple[date, str], VisitKind]]:
    """The visit plan of the history: every contacted commune's first visit on its day, every coaching's
    first coaching visit, and the rest drawn among the communes contacted by then (members more often)."""
    import bisect

    rng = g.rng
    forced: dict[tuple[date, str], VisitKind] = {}
    plan = []
    for ags, day in history.contact.items():
        plan.append((day, ags))
        forced[(day, ags)] = VisitKind.FIRST_CONSULTATION
    for ags, day in history.coaching_start.items():
        plan.append((day, ags))
        forced[(day, ags)] = VisitKind.COACHING
    order = sorted(history.contact.items(), key=lambda kv: kv[1])
    days = [d for _, d in order]
    members = {a for a, st in history.status.items() if "member_since" in st}
    for _ in range(max(0, visits - len(plan))):
        day = g.day_between(demo_history.START, g.end)
        known = [a for a, _ in order[:bisect.bisect_right(days, day)]]
        if not known:
            continue
        keen = [a for a in known if a in members]
        plan.append((day, rng.choice(keen) if keen and rng.random() < 0.75 else rng.choice(known)))
    return sorted(plan), forced


def demo_hq_key(seed: int) -> dict[str, Any]:
    """The pinned key of the demo's HQ (``trust.pinned_hq``), derived from the seed."""
    import hashlib

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from .keys import public_bytes
    from .trust import DEMO_HQ, Identity

    secret = hashlib.sha256(f"asskomm-demo-hq-{seed}".encode()).digest()
    sign = public_bytes(Ed25519PrivateKey.from_private_bytes(secret).public_key())
    enc = public_bytes(X25519PrivateKey.from_private_bytes(hashlib.sha256(secret).digest()).public_key())
    return Identity(DEMO_HQ, "hq", sign, enc, name="Demo-Zentrale").entry("accepted", "2020-02-06T00:00:00Z")
