"""The part of the demo store that shows every corner of the app: strategies in every status, follow-ups
due this week, and conflicts to resolve.

Four communes (Pirna, Freital, Plauen, Görlitz) get a few visits of this device's consultant whose
findings the strategies take up, five strategies (Entwurf, abgestimmt, two in Umsetzung, evaluiert) with
goals, measures, costs and funding (some RL KommPräv own shares below 10 %, so the Beccaria-Check has
something to say), follow-ups due in the week after the end date and overdue ones, and one visit and one
strategy edited on two devices from the same revision (a conflict each, as an import would leave them).

Everything is relative to the end date and drawn from the demo's seeded generator: the same seed and
end date give the same records. Names of people are invented; institutions are generic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Callable

from .records import (
    EvaluationItem,
    Finding,
    FindingRef,
    FollowUp,
    FundingSource,
    Goal,
    Measure,
    MeasureState,
    StrategyData,
    StrategyStatus,
    VisitData,
    VisitKind,
    data_to_raw,
    strategy_id,
)

if TYPE_CHECKING:
    from .demo import _Gen

PIRNA, FREITAL, PLAUEN, GOERLITZ = "14628270", "14628110", "14523320", "14626110"
VISITS = 10  # visits the showcase adds (taken from the demo's visit budget)

Author = Callable[[dict[str, Any]], tuple[str, str, int]]
MakeRecord = Callable[..., dict[str, Any]]


@dataclass
class Showcase:
    """Raw records to write in order: ``first`` with the other records, then each of ``later`` (so the
    revisions they replace go to the history), then ``leaves`` (records in conflict: every leaf)."""

    first: list[dict[str, Any]] = field(default_factory=list)
    later: list[list[dict[str, Any]]] = field(default_factory=list)
    leaves: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)


def _eur(euros: int) -> int:
    return euros * 100


def build(g: "_Gen", me: dict[str, Any], colleague: dict[str, Any], author: Author,
          record: MakeRecord, start: date) -> Showcase:
    """The showcase records for the demo generator ``g`` (its rng and end date)."""
    end, y = g.end, g.end.year
    out = Showcase()

    def day(d: date) -> date:
        return max(start, min(end, d))

    def fid() -> str:
        return g.uid()[:12]

    def visit(ags: str, when: date, kind: VisitKind, summary: str, participants: tuple[str, ...],
              findings: tuple[tuple[str, int, str, str, str], ...] = (), follow_ups: tuple[FollowUp, ...] = (),
              notes: str = "", team: tuple[str, ...] = ()) -> tuple[str, VisitData]:
        data = VisitData(
            commune=ags, date=day(when), kind=kind, consultants=(me["id"], *team), participants=participants,
            summary=summary, notes=notes, follow_ups=follow_ups,
            findings=tuple(Finding(id=fid(), problem_field=code, severity=sev, place=place, evidence=evidence,
                                   note=note) for code, sev, place, evidence, note in findings))
        return g.uid(), data

    def task(text: str, owner: str, due: date, done: bool = False) -> FollowUp:
        return FollowUp(id=fid(), text=text, owner=owner, due=due, done=done, done_on=due if done else None)

    def put(kind: str, rid: str, data: Any, who: dict[str, Any], when: date,
            parent: dict[str, Any] | None = None) -> dict[str, Any]:
        cid, device, seq = author(who)
        return record(kind, rid, data_to_raw(data), parent, g.stamp(when), cid, device, seq)

    def refs(vid: str, v: VisitData) -> tuple[FindingRef, ...]:
        return tuple(FindingRef(visit_id=vid, finding_id=f.id, visit_date=v.date, problem_field=f.problem_field,
                                severity=f.severity, place=f.place, evidence=f.evidence) for f in v.findings)

    # -- visits -------------------------------------------------------------------------------------
    p_old = visit(PIRNA, date(y - 5, 5, 6), VisitKind.WORKSHOP,
                  "Workshop mit Schulen und Jugendhilfe: Sachbeschädigungen rund um das Schulzentrum.",
                  ("Schulsozialarbeit", "Polizeirevier", "Jugendamt"),
                  (("graffiti", 3, "Schulzentrum", "Schulleitung", "Vor allem an Wochenenden."),
                   ("juvenile_delinquency", 2, "Busbahnhof", "Polizeiliche Kriminalstatistik", "")))
    p_analysis = visit(PIRNA, date(y - 2, 9, 18), VisitKind.SECURITY_ANALYSIS,
                       "Auswertung der Sicherheitsanalyse: Graffiti an der Bahnunterführung und Vermüllung am "
                       "Marktplatz sind die größten Ärgernisse.",
                       ("Bürgermeister/in", "Ordnungsamt", "Polizeirevier", "Seniorenbeirat"),
                       (("graffiti", 3, "Bahnunterführung Dohnaer Straße", "Sicherheitsanalyse",
                         "Neue Schriftzüge fast jede Woche."),
                        ("littering", 3, "Marktplatz", "Bürgerbefragung", "Besonders nach Markttagen."),
                        ("fear_spaces", 2, "Bahnunterführung Dohnaer Straße", "Bürgerbefragung",
                         "Ältere meiden die Unterführung nach Einbruch der Dunkelheit.")))
    p_kpr = visit(PIRNA, date(y - 1, 1, 14), VisitKind.KPR_MEETING,
                  "Sitzung des Präventionsrats: Entwurf der Strategie, Arbeitsgruppen Jugend und Sauberkeit.",
                  ("Präventionskoordinator/in", "Ordnungsamt", "Schulsozialarbeit", "Gewerbeverein"),
                  (("public_alcohol", 2, "Busbahnhof", "Hinweis Ordnungsamt", "Trinkergruppe seit dem Sommer."),))
    p_now = visit(PIRNA, end - timedelta(days=9), VisitKind.FOLLOW_UP_CONSULTATION,
                  "Zwischenstand der Strategie: Graffitifläche gut angenommen, Förderantrag für die "
                  "Präventionskoordination offen.", ("Präventionskoordinator/in", "Hauptamt"),
                  follow_ups=(
                      task("Kostenschätzung Beleuchtung vom Bauamt anfordern", "Bauamt", end - timedelta(days=6)),
                      task("Zwischenbericht Graffitifläche an das LPR senden", "LPR", end + timedelta(days=2)),
                      task("Ortsbegehung Bahnunterführung mit Polizeirevier ansetzen", "Präventionskoordinator/in",
                           end + timedelta(days=5)),
                      task("Protokoll an den Präventionsrat verteilen", "LPR", end - timedelta(days=7), done=True)))
    f_dialog = visit(FREITAL, end - timedelta(days=150), VisitKind.CITIZEN_DIALOGUE,
                     "Bürgerdialog in Deuben: Müll und Hundekot auf Spielplätzen, Lärm am Skaterpark.",
                     ("Bürgermeister/in", "Ordnungsamt", "Wohnungsgenossenschaft", "Streetwork"),
                     (("littering", 2, "Spielplatz am Teich", "Bürgerhinweise", ""),
                      ("dog_mess", 2, "Stadtpark", "Bürgerhinweise", "Spender fehlen."),
                      ("noise", 2, "Skaterpark", "Hinweis Ordnungsamt", "Beschwerden vor allem freitags.")))
    f_kpr = visit(FREITAL, end - timedelta(days=3), VisitKind.KPR_MEETING,
                  "KPR-Sitzung: Entwurf der Strategie für Deuben, Maßnahmen und Kosten besprochen.",
                  ("Präventionskoordinator/in", "Ordnungsamt", "Polizeirevier"),
                  follow_ups=(
                      task("Protokoll der KPR-Sitzung verteilen", "Präventionskoordinator/in",
                           end - timedelta(days=1)),
                      task("Stellungnahme des Polizeireviers einholen", "Polizeirevier", end + timedelta(days=1)),
                      task("Entwurf der Strategie an die Lenkungsgruppe senden", "LPR", end + timedelta(days=6))),
                  team=(colleague["id"],))
    pl_workshop = visit(PLAUEN, end - timedelta(days=300), VisitKind.WORKSHOP,
                        "Workshop Sicherheit in der Innenstadt mit Polizei, Suchtberatung und Schulen.",
                        ("Ordnungsamt", "Polizeirevier", "Schulsozialarbeit", "Streetwork"),
                        (("public_alcohol", 3, "Busbahnhof", "Polizeiliche Kriminalstatistik",
                          "Alkoholverbot wird diskutiert."),
                         ("drug_abuse", 3, "Schulzentrum", "Schulleitung", ""),
                         ("fear_spaces", 2, "Stadtpark", "Bürgerbefragung", "Dichte Hecken, kaum Licht.")))
    pl_council = visit(PLAUEN, end - timedelta(days=25), VisitKind.COUNCIL_MEETING,
                       "Stadtrat beschließt die Präventionsstrategie; Förderantrag für die Suchtprävention folgt.",
                       ("Bürgermeister/in", "Stadtrat, Vorsitz KPR", "Ordnungsamt"),
                       follow_ups=(
                           task("Beschlussauszug an das LPR senden", "Hauptamtsleiter/in", end - timedelta(days=2)),
                           task("Antragsunterlagen RL KommPräv mit der Kämmerei abstimmen", "LPR",
                                end + timedelta(days=4))))
    g_walk = visit(GOERLITZ, end - timedelta(days=500), VisitKind.FOLLOW_UP_CONSULTATION,
                   "Ortsbegehung Innenstadt mit dem Seniorenbeirat: Graffiti und Betrugsversuche am Telefon.",
                   ("Seniorenbeirat", "Polizeirevier", "Quartiersmanagement"),
                   (("graffiti", 2, "Einkaufszentrum", "Ortsbegehung", ""),
                    ("senior_fraud_cybercrime", 3, "Plattenbaugebiet Nord", "Polizeiliche Kriminalstatistik",
                     "Mehrere Fälle des Enkeltricks im Frühjahr."),
                    ("vandalism", 2, "Uferpromenade", "Fotos des Ordnungsamts", "")))
    g_call = visit(GOERLITZ, end - timedelta(days=40), VisitKind.PHONE_CALL,
                   "Telefonat mit dem Präventionskoordinator: Senioren-Sicherheitstage laufen.",
                   ("Präventionskoordinator/in",),
                   follow_ups=(task("Präventionsmaterial Enkeltrick nachbestellen", "LPR", end + timedelta(days=3)),
                               task("Termine der Sicherheitstage an die Presse geben", "Präventionskoordinator/in",
                                    end - timedelta(days=30), done=True)))
    visits = [p_old, p_analysis, p_kpr, p_now, f_dialog, f_kpr, pl_workshop, pl_council, g_walk, g_call]
    assert len(visits) == VISITS
    raws = {vid: put("visit", vid, v, me, v.date) for vid, v in visits}
    out.first += [raw for vid, raw in raws.items() if vid != f_kpr[0]]

    # the KPR meeting in Freital, edited on both devices after the colleague's last import
    vid, v = f_kpr
    parent = raws[vid]
    out.first.append(parent)
    mine = v.model_copy(update={"notes": "Nachtrag: Termin mit dem Ordnungsamt zur Spielplatzkontrolle steht."})
    theirs = v.model_copy(update={
        "summary": v.summary + " Streetwork stellt das Nachtprojekt am Skaterpark vor.",
        "participants": (*v.participants, "Streetwork")})
    out.leaves[("visit", vid)] = [put("visit", vid, mine, me, end - timedelta(days=2), parent),
                                  put("visit", vid, theirs, colleague, end - timedelta(days=1), parent)]

    # -- strategies -----------------------------------------------------------------------------------
    def strategy(ags: str, first: int, last: int, **values: Any) -> StrategyData:
        return StrategyData(commune=ags, period_start=first, period_end=last, **values)

    def goal(gid: str, title: str, target_group: str, indicator: str, target_value: str) -> Goal:
        return Goal(id=gid, title=title, target_group=target_group, indicator=indicator, target_value=target_value)

    def measure(mid: str, title: str, fields: tuple[str, ...], goals: tuple[str, ...], lead: str, partners: str,
                begin: date, finish: date, cost: int, funding: FundingSource, own: int, state: MeasureState,
                description: str = "") -> Measure:
        return Measure(id=mid, title=title, problem_fields=fields, goals=goals, description=description, lead=lead,
                       partners=partners, start=begin, end=finish, cost_cents=_eur(cost), funding=funding,
                       own_share_cents=_eur(own), state=state)

    rl, municipal, third, other = (FundingSource.RL_KOMMPRAEV, FundingSource.MUNICIPAL, FundingSource.THIRD_PARTY,
                                   FundingSource.OTHER_PUBLIC)
    st = MeasureState

    # Pirna, in Umsetzung: three revisions (Entwurf, abgestimmt, in Umsetzung) for the history
    pirna_goals = (
        goal("g-graffiti", "Weniger Graffiti an der Bahnunterführung und an öffentlichen Gebäuden",
             "Jugendliche 14–21", "Anzeigen wegen Sachbeschädigung (PKS)", f"−30 % bis {y + 1}"),
        goal("g-markt", "Sauberer Marktplatz", "Anwohnende, Marktbesucher", "Beschwerden beim Ordnungsamt",
             "halbiert"),
        goal("g-sicher", "Sicherheitsgefühl in der Unterführung stärken", "Ältere Menschen",
             "Anteil „fühle mich sicher“ in der Bürgerbefragung", "von 41 % auf 60 %"),
    )
    pirna_measures = (
        measure("m-wand", "Legale Graffitifläche am Jugendhaus mit Workshops", ("graffiti",), ("g-graffiti",),
                "Stadt Pirna, Kinder- und Jugendbüro", "Jugendhaus, Polizeirevier Pirna, Schulsozialarbeit",
                date(y - 1, 4, 1), date(y, 10, 31), 18_500, rl, 1_850, st.RUNNING,
                "Eine Wand am Jugendhaus wird freigegeben; monatliche Workshops mit einem Sprayer-Kollektiv.\n"
                "Die Jugendlichen gestalten auch die Bahnunterführung neu."),
        measure("m-licht", "Beleuchtung und Spiegel in der Bahnunterführung", ("fear_spaces",), ("g-sicher",),
                "Bauamt", "Bahnhofsmanagement, Stadtwerke", date(y - 1, 5, 1), date(y - 1, 9, 30), 42_000,
                municipal, 42_000, st.DONE),
        measure("m-paten", "Marktplatz-Paten und zusätzliche Leerung der Papierkörbe", ("littering",), ("g-markt",),
                "Ordnungsamt", "Gewerbeverein, Stadtwerke", date(y - 1, 6, 1), date(y + 1, 12, 31), 6_000, third,
                1_500, st.RUNNING, "Finanziert zum größeren Teil von der Bürgerstiftung."),
        measure("m-koord", "Präventionskoordination für den KPR (halbe Stelle)", ("graffiti", "littering"),
                ("g-graffiti", "g-markt", "g-sicher"), "Stadt Pirna, Hauptamt", "Präventionsrat",
                date(y, 1, 1), date(y + 1, 12, 31), 52_000, rl, 3_900, st.APPLIED),
        measure("m-video", "Videoüberwachung am Marktplatz", ("littering",), ("g-markt",), "Ordnungsamt",
                "Polizeirevier Pirna", date(y - 1, 9, 1), date(y, 8, 31), 25_000, municipal, 25_000, st.DROPPED,
                "Nach Beratung im KPR verworfen: Datenschutz und Verdrängung in die Seitenstraßen."),
    )
    pirna = strategy(
        PIRNA, y - 1, y + 1, title="Sicher und sauber in Pirna", status=StrategyStatus.IN_PROGRESS,
        agreed_on=date(y - 1, 3, 20), agreed_with="Stadtrat Pirna",
        problem_description=(f"Die Sicherheitsanalyse {y - 2} zeigt: Graffiti an der Bahnunterführung und "
                             "Vermüllung am Marktplatz sind die größten Ärgernisse. Viele Ältere meiden die "
                             "Unterführung am Abend."),
        findings=refs(*p_analysis) + refs(*p_kpr),
        cause_analysis=("Kaum Treffpunkte für Jugendliche am Abend; die Unterführung ist dunkel und uneinsehbar; "
                        "zu wenige Papierkörbe am Markt, geleert wird nur montags."),
        goals=pirna_goals, measures=pirna_measures,
        implementation_notes=("Die Lenkungsgruppe des Präventionsrats trifft sich vierteljährlich; der Stadtrat "
                              "hört jeden Herbst den Sachstand."),
        evaluation="Vorher-Nachher-Vergleich mit der Sicherheitsanalyse; Zwischenbilanz nach einem Jahr.",
        evaluation_items=(
            EvaluationItem(id="e-pks", indicator="Anzeigen wegen Sachbeschädigung", method="PKS-Auszug Polizeirevier",
                           due=date(y, 3, 31)),
            EvaluationItem(id="e-befragung", indicator="Sicherheitsgefühl in der Unterführung",
                           method="Wiederholungsbefragung (Stichprobe)", due=date(y + 1, 10, 31)),
        ))
    sid = strategy_id(PIRNA, y - 1, y + 1)
    draft = pirna.model_copy(update={"status": StrategyStatus.DRAFT, "agreed_on": None, "agreed_with": "",
                                     "measures": pirna_measures[:2], "evaluation_items": ()})
    agreed = pirna.model_copy(update={"status": StrategyStatus.AGREED})
    v1 = put("strategy", sid, draft, me, date(y - 1, 1, 20))
    v2 = put("strategy", sid, agreed, colleague, date(y - 1, 3, 21), v1)
    out.first.append(v1)
    out.later += [[v2], [put("strategy", sid, pirna, me, date(y - 1, 4, 2), v2)]]

    # Pirna, the previous period: evaluiert
    out.first.append(put("strategy", strategy_id(PIRNA, y - 4, y - 2), strategy(
        PIRNA, y - 4, y - 2, title="Jugend und öffentlicher Raum", status=StrategyStatus.EVALUATED,
        agreed_on=date(y - 4, 2, 1), agreed_with="Stadtrat Pirna, Präventionsrat",
        problem_description="Sachbeschädigungen am Schulzentrum und Gruppen Jugendlicher am Busbahnhof.",
        findings=refs(*p_old),
        cause_analysis="Der Jugendclub war geschlossen; nach Schulschluss fehlten Angebote.",
        goals=(goal("g-jugend", "Jugendliche am Busbahnhof erreichen", "Jugendliche 12–18",
                    "Kontakte der Streetwork pro Monat", "mindestens 40"),
               goal("g-schule", "Weniger Schmierereien am Schulzentrum", "Schülerinnen und Schüler",
                    "Reinigungskosten der Stadt", "−50 %")),
        measures=(
            measure("m-street", "Streetwork am Busbahnhof", ("juvenile_delinquency",), ("g-jugend",),
                    "Jugendhilfe Landkreis", "Polizeirevier, Jugendclub", date(y - 4, 3, 1), date(y - 2, 12, 31),
                    24_000, rl, 2_400, st.DONE),
            measure("m-putz", "Graffiti-Entfernung mit Schulklassen", ("graffiti",), ("g-schule",), "Bauhof",
                    "Schulsozialarbeit", date(y - 4, 4, 15), date(y - 3, 7, 15), 8_000, municipal, 8_000, st.DONE),
        ),
        implementation_notes="Streetwork zwei Abende pro Woche; Putzaktionen zu Beginn jedes Schuljahres.",
        evaluation=("Die Anzeigen wegen Sachbeschädigung am Schulzentrum gingen von 112 auf 81 zurück (−28 %). "
                    "Die Streetwork wird aus Eigenmitteln fortgeführt."),
        evaluation_items=(EvaluationItem(id="e-bilanz", indicator="Anzeigen am Schulzentrum",
                                         method="PKS-Auszug", due=date(y - 2, 11, 30)),)),
        me, date(y - 2, 12, 10)))

    # Freital, Entwurf: the measure of the issue (12.500 € with 1.000 € own share), a goal without
    # indicator; in conflict: both consultants edited it from the same revision
    freital = strategy(
        FREITAL, y + 1, y + 2, title="Sauberes und ruhiges Deuben", status=StrategyStatus.DRAFT,
        problem_description="Im Bürgerdialog nannten die Anwohner Müll und Hundekot auf den Spielplätzen und "
                            "nächtlichen Lärm am Skaterpark.",
        findings=refs(*f_dialog),
        cause_analysis="Spielplätze ohne Abfallbehälter; der Skaterpark ist der einzige Treffpunkt am Abend.",
        goals=(goal("g-spiel", "Saubere Spielplätze in Deuben", "Familien mit kleinen Kindern",
                    "Meldungen im Mängelmelder", "−40 %"),
               goal("g-ruhe", "Ruhigere Nächte am Skaterpark", "Jugendliche, Anwohnende", "", "")),
        measures=(
            measure("m-kampagne", "Kampagne „Sauberes Deuben“ mit Kitas und Schulen", ("littering", "dog_mess"),
                    ("g-spiel",), "Stadt Freital, Ordnungsamt", "Kitas, Grundschule, Wohnungsgenossenschaft",
                    date(y + 1, 3, 1), date(y + 1, 11, 30), 12_500, rl, 1_000, st.PLANNED),
            measure("m-spender", "Hundekotbeutel-Spender und Kontrollen", ("dog_mess",), ("g-spiel",),
                    "Ordnungsamt", "Bauhof", date(y + 1, 4, 1), date(y + 2, 10, 31), 3_500, municipal, 3_500,
                    st.PLANNED),
            measure("m-nacht", "Nachtprojekt mit Streetwork am Skaterpark", ("noise",), ("g-ruhe",),
                    "Streetwork Freital", "Jugendclub, Polizeirevier", date(y + 1, 5, 1), date(y + 2, 9, 30), 9_000,
                    rl, 900, st.PLANNED),
        ),
        evaluation_items=(EvaluationItem(id="e-maengel", indicator="Meldungen im Mängelmelder",
                                         method="Auswertung Ordnungsamt", due=date(y + 2, 12, 15)),))
    freital_id = strategy_id(FREITAL, y + 1, y + 2)
    base = put("strategy", freital_id, freital, me, end - timedelta(days=20))
    out.first.append(base)
    goals = list(freital.goals)
    goals[1] = goals[1].model_copy(update={"indicator": "Lärmbeschwerden beim Ordnungsamt",
                                           "target_value": "halbiert"})
    mine_s = freital.model_copy(update={"goals": tuple(goals)})
    measures = list(freital.measures)
    measures[2] = measures[2].model_copy(update={"cost_cents": _eur(11_000), "own_share_cents": _eur(1_100),
                                                 "partners": "Jugendclub, Polizeirevier, Stadtwerke"})
    theirs_s = freital.model_copy(update={"measures": tuple(measures),
                                          "implementation_notes": "Start der Kampagne mit dem Frühjahrsputz."})
    out.leaves[("strategy", freital_id)] = [put("strategy", freital_id, mine_s, me, end - timedelta(days=2), base),
                                      put("strategy", freital_id, theirs_s, colleague, end - timedelta(days=1), base)]

    # Plauen, abgestimmt by the council: one RL measure with too little own share
    out.first.append(put("strategy", strategy_id(PLAUEN, y + 1, y + 3), strategy(
        PLAUEN, y + 1, y + 3, title="Sichere Innenstadt Plauen", status=StrategyStatus.AGREED,
        agreed_on=day(end - timedelta(days=25)), agreed_with="Stadtrat Plauen",
        problem_description="Alkohol- und Drogenkonsum am Busbahnhof, Angstraum Stadtpark.",
        findings=refs(*pl_workshop),
        cause_analysis="Der Busbahnhof ist Treffpunkt ohne Aufsicht; im Stadtpark fehlen Licht und Sichtachsen.",
        goals=(goal("g-bus", "Sicherer Busbahnhof", "Fahrgäste, Schülerinnen und Schüler",
                    "Einsätze von Polizei und Ordnungsamt", "−25 %"),
               goal("g-sucht", "Früh über Sucht aufklären", "Klassen 7 bis 9", "erreichte Klassen pro Schuljahr",
                    "alle Oberschulen"),
               goal("g-park", "Stadtpark ohne Angstraum", "Anwohnende, Ältere", "Sicherheitsgefühl (Befragung)",
                    "+15 Prozentpunkte")),
        measures=(
            measure("m-streife", "Gemeinsame Streife von Ordnungsamt und Polizei am Busbahnhof",
                    ("public_alcohol",), ("g-bus",), "Ordnungsamt", "Polizeirevier Plauen",
                    date(y + 1, 1, 15), date(y + 3, 12, 15), 60_000, municipal, 60_000, st.PLANNED),
            measure("m-klar", "Suchtprävention an Oberschulen „Klar bleiben“", ("drug_abuse",), ("g-sucht",),
                    "Suchtberatung", "Oberschulen, Schulsozialarbeit", date(y + 1, 2, 1), date(y + 2, 7, 15), 36_000,
                    rl, 2_500, st.PLANNED),
            measure("m-park", "Rückschnitt und Beleuchtung im Stadtpark", ("fear_spaces",), ("g-park",),
                    "Grünflächenamt", "Stadtwerke", date(y + 1, 10, 1), date(y + 2, 3, 31), 28_000, other, 9_300,
                    st.PLANNED, "Gefördert aus der Städtebauförderung; Eigenanteil aus dem Haushalt."),
        ),
        implementation_notes="Die Streife beginnt nach den Winterferien; der Präventionsrat berichtet halbjährlich.",
        evaluation="Einsatzzahlen und eine Kurzbefragung im Stadtpark vor und nach dem Umbau.",
        evaluation_items=(EvaluationItem(id="e-einsatz", indicator="Einsätze am Busbahnhof",
                                         method="Einsatzstatistik", due=date(y + 2, 1, 31)),
                          EvaluationItem(id="e-park", indicator="Sicherheitsgefühl Stadtpark",
                                         method="Kurzbefragung", due=date(y + 3, 6, 30)))),
        me, day(end - timedelta(days=24))))

    # Görlitz, in Umsetzung, but the date of the agreement was never entered (the check says so)
    out.first.append(put("strategy", strategy_id(GOERLITZ, y, y + 2), strategy(
        GOERLITZ, y, y + 2, title="Sicher leben in Görlitz", status=StrategyStatus.IN_PROGRESS,
        agreed_with="Stadtrat Görlitz",
        problem_description="Betrugsversuche an Seniorinnen und Senioren, Graffiti und Vandalismus in der "
                            "Innenstadt.",
        findings=refs(*g_walk),
        cause_analysis="Viele Ältere leben allein; Täter nutzen Telefonlisten. Leerstand zieht Schmierereien an.",
        goals=(goal("g-senior", "Ältere erkennen den Enkeltrick", "Seniorinnen und Senioren",
                    "vollendete Betrugsfälle (PKS)", "−50 %"),
               goal("g-city", "Gepflegte Innenstadt", "Anwohnende, Gewerbe", "gemeldete Schmierereien", "−30 %")),
        measures=(
            measure("m-tage", "Senioren-Sicherheitstage mit der Polizei", ("senior_fraud_cybercrime",),
                    ("g-senior",), "Seniorenbeirat", "Polizeidirektion Görlitz, Sparkasse",
                    date(y, 3, 1), date(y + 1, 11, 30), 15_000, rl, 1_500, st.RUNNING),
            measure("m-schnell", "Graffiti-Schnellentfernung Innenstadt", ("graffiti", "vandalism"), ("g-city",),
                    "Bauhof", "Wohnungsbaugesellschaft, Gewerbeverein", date(y, 4, 1), date(y + 2, 10, 31), 12_000,
                    third, 3_000, st.RUNNING),
        ),
        implementation_notes="Sicherheitstage zweimal im Jahr; Schnellentfernung binnen 48 Stunden nach Meldung.",
        evaluation_items=(EvaluationItem(id="e-betrug", indicator="Betrugsfälle an Älteren",
                                         method="PKS-Auszug Polizeidirektion", due=date(y + 2, 3, 31)),)),
        colleague, day(end - timedelta(days=60))))
    return out
