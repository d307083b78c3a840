"""The programme's history in the demo store: who was contacted when, and when KPRs, agreements,
coachings and Sicherheitsanalysen came, so that the demo's Bilanz replays what the programme
reported of itself:

- first programme year (06.02.2019–05.02.2020): 64 communes advised, a KPR constituted or
  reactivated in 16, the 8 model communes (Chemnitz, Freital, Görlitz, Leipzig, Pirna, Plauen,
  Wurzen, Zwickau);
- up to November 2021 (since the start): 126 communes contacted, KPRs in 26 places, 29 cooperation
  agreements, 32 communes with a coach, 12 Sicherheitsanalysen.

Afterwards the programme goes on growing. Coaching has no date of its own in the store: a coaching
starts with its first visit of kind "Coaching", which the plan sets (``coaching_start``). Everything
is drawn from the demo's seeded generator: the same seed and end date give the same history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .records import AgreementStatus, AnalysisStatus, CoachingStatus, KprStatus

START = date(2019, 2, 6)
YEAR_ONE_END = date(2020, 2, 5)
NOV_2021 = date(2021, 11, 30)
LATER = date(2021, 12, 1)

# what the programme reported (the test of the demo asserts these through the Bilanz)
YEAR_ONE_ADVISED = 64
YEAR_ONE_KPR = 16
NOV_2021_CONTACTED = 126
NOV_2021_KPR = 26
NOV_2021_AGREEMENTS = 29
NOV_2021_COACHED = 32
NOV_2021_ANALYSES = 12
# and how it went on (no report to match: plausible growth)
CONTACTED_LATER = 170
MEMBERS = 54


@dataclass
class History:
    """The plan the demo's communes and visits follow."""

    contact: dict[str, date] = field(default_factory=dict)  # AGS → the day of the first visit
    status: dict[str, dict[str, Any]] = field(default_factory=dict)  # AGS → CommuneData fields
    coaching_start: dict[str, date] = field(default_factory=dict)  # AGS → the first coaching visit


def possible(end: date, visits: int) -> bool:
    """Whether a demo ending on ``end`` with ``visits`` visits can hold the history (its first visits
    and coaching visits alone need about 400)."""
    return end >= date(2022, 6, 30) and visits >= 600


def plan(g: Any, communes: list[Any], model_names: tuple[str, ...]) -> History:
    """The history for the demo's generator ``g`` (``g.rng``, ``g.day_between``, ``g.end``)."""
    rng = g.rng
    end = g.end
    h = History()
    by_name = {c.name: c for c in communes}
    models = [by_name[n].ags for n in model_names]
    others = [c.ags for c in communes if c.name not in model_names]
    rng.shuffle(others)
    year_one = models + others[: YEAR_ONE_ADVISED - len(models)]
    rest = others[YEAR_ONE_ADVISED - len(models):]
    second = rest[: NOV_2021_CONTACTED - YEAR_ONE_ADVISED]
    later = rest[NOV_2021_CONTACTED - YEAR_ONE_ADVISED: NOV_2021_CONTACTED - YEAR_ONE_ADVISED + CONTACTED_LATER]
    for ags in models:
        h.contact[ags] = START
    for ags in year_one[len(models):]:
        h.contact[ags] = g.day_between(START + timedelta(days=14), YEAR_ONE_END - timedelta(days=30))
    for ags in second:
        h.contact[ags] = g.day_between(YEAR_ONE_END + timedelta(days=1), NOV_2021 - timedelta(days=30))
    for ags in later:
        h.contact[ags] = g.day_between(LATER, end - timedelta(days=30))

    def after(ags: str, first: date, last: date) -> date:
        """A day in [first, last] and not before the commune's first visit."""
        return g.day_between(max(first, h.contact[ags] + timedelta(days=7)), last)

    by_nov = year_one + second

    def pick(pool: list[str], n: int, taken: set[str]) -> list[str]:
        chosen = rng.sample([a for a in pool if a not in taken], n)
        taken.update(chosen)
        return chosen

    # members: the model communes from the start, 46 more after their first visit
    # in a fixed order: a set of strings iterates in another order in every process
    members = sorted(set(models) | set(rng.sample(by_nov + later, MEMBERS - len(models))))
    for ags in members:
        since = START if ags in models else after(ags, START, min(end, date(2025, 6, 30)))
        h.status.setdefault(ags, {})["member_since"] = since
    for ags in models:
        h.status[ags]["model_commune"] = True

    # KPR: 16 in the first year (in communes first seen early enough), 10 more by November 2021,
    # more afterwards; planned and dormant ones anywhere
    kpr: set[str] = set()
    early = [a for a in year_one if h.contact[a] <= YEAR_ONE_END - timedelta(days=14)]
    for ags in pick(early, YEAR_ONE_KPR, kpr):
        _kpr(h, ags, rng, after(ags, START, YEAR_ONE_END))
    for ags in pick(by_nov, NOV_2021_KPR - YEAR_ONE_KPR, kpr):
        _kpr(h, ags, rng, after(ags, YEAR_ONE_END + timedelta(days=1), NOV_2021))
    for ags in pick(by_nov + later, 18, kpr):
        _kpr(h, ags, rng, after(ags, LATER, end))
    for ags in pick(by_nov + later, 12, kpr):
        h.status.setdefault(ags, {}).update(kpr_status=KprStatus.PLANNED, kpr_date=after(ags, START, end))
    for ags in pick(by_nov, 5, kpr):
        h.status.setdefault(ags, {}).update(kpr_status=KprStatus.DORMANT, kpr_date=after(ags, START, end))

    # cooperation agreements: 29 signed by November 2021, more later, some in preparation
    signed: set[str] = set()
    for ags in pick(by_nov, NOV_2021_AGREEMENTS, signed):
        _set(h, ags, cooperation_agreement=AgreementStatus.SIGNED,
             cooperation_agreement_date=after(ags, START, NOV_2021))
    for ags in pick(by_nov + later, 20, signed):
        _set(h, ags, cooperation_agreement=AgreementStatus.SIGNED,
             cooperation_agreement_date=after(ags, LATER, end))
    for ags in pick(by_nov + later, 12, signed):
        _set(h, ags, cooperation_agreement=AgreementStatus.IN_PREPARATION,
             cooperation_agreement_date=after(ags, START, end))

    # coaching: 32 communes with a coach by November 2021 (some of them completed since), more later
    coached: set[str] = set()
    for ags in pick(by_nov, NOV_2021_COACHED, coached):
        start = after(ags, START, NOV_2021 - timedelta(days=10))
        h.coaching_start[ags] = start
        _set(h, ags, coaching=rng.choice([CoachingStatus.RUNNING, CoachingStatus.COMPLETED]),
             coaching_note="Coach aus dem LPR-Pool")
    for ags in pick(by_nov + later, 16, coached):
        h.coaching_start[ags] = after(ags, LATER, end - timedelta(days=10))
        _set(h, ags, coaching=CoachingStatus.RUNNING, coaching_note="Coach aus dem LPR-Pool")
    for ags in pick(by_nov + later, 8, coached):
        _set(h, ags, coaching=CoachingStatus.REQUESTED)

    # Sicherheitsanalysen: 12 completed by November 2021, more later, some planned or running
    analysed: set[str] = set()
    for ags in pick(by_nov, NOV_2021_ANALYSES, analysed):
        _set(h, ags, security_analysis=AnalysisStatus.COMPLETED, security_analysis_date=after(ags, START, NOV_2021))
    for ags in pick(by_nov + later, 14, analysed):
        _set(h, ags, security_analysis=AnalysisStatus.COMPLETED, security_analysis_date=after(ags, LATER, end))
    for ags in pick(by_nov + later, 10, analysed):
        _set(h, ags, security_analysis=rng.choice([AnalysisStatus.PLANNED, AnalysisStatus.RUNNING]),
             security_analysis_date=after(ags, START, end))
    return h


def _set(h: History, ags: str, **values: Any) -> None:
    h.status.setdefault(ags, {}).update(values)


def _kpr(h: History, ags: str, rng: Any, day: date) -> None:
    _set(h, ags, kpr_status=rng.choices([KprStatus.CONSTITUTED, KprStatus.REACTIVATED], [2, 1])[0], kpr_date=day)


# funded measures of the first years: (title, cost in euros) to draw from
_MEASURES = (("Legale Graffitifläche mit dem Jugendclub", 18_000), ("Beleuchtung der Unterführung", 64_000),
             ("Streetwork am Bahnhof", 85_000), ("Präventionstage an Schulen", 12_500),
             ("Seniorensicherheitsberatung", 9_800), ("Sauberkeitspaten im Quartier", 7_500),
             ("Mobile Jugendarbeit", 120_000), ("Sicherheitsbefragung und Auswertung", 22_000))
STRATEGIES = 14  # strategies of communes with a KPR before November 2021, funded under RL KommPräv


def strategies(g: Any, h: History) -> list[Any]:
    """Prevention strategies of 2020–2021 whose RL KommPräv measures start in those years: what the
    funding figures of the early Bilanz count (within the yearly budget)."""
    from .records import FundingSource, Measure, MeasureState, StrategyData, StrategyStatus

    rng = g.rng
    early = sorted(a for a, st in h.status.items() if st.get("kpr_status") in (KprStatus.CONSTITUTED, KprStatus.REACTIVATED)
                   and st["kpr_date"] <= NOV_2021 and not st.get("model_commune"))
    out = []
    for n, ags in enumerate(rng.sample(early, min(STRATEGIES, len(early)))):
        start_year = 2020 if n % 2 else 2021
        measures = []
        for i, (title, euros) in enumerate(rng.sample(_MEASURES, rng.randint(1, 3))):
            begin = g.day_between(max(date(start_year, 1, 1), h.contact[ags] + timedelta(days=30)),
                                  date(start_year, 11, 30))
            cost = euros * 100
            own = cost * rng.choice([10, 15, 20]) // 100
            measures.append(Measure(id=f"m{i + 1}", title=title, lead="Ordnungsamt", partners="Polizeirevier",
                                    start=begin, end=date(start_year + 1, 12, 31), cost_cents=cost,
                                    funding=FundingSource.RL_KOMMPRAEV, own_share_cents=own,
                                    state=MeasureState.DONE if start_year == 2020 else MeasureState.RUNNING))
        out.append(StrategyData(commune=ags, period_start=start_year, period_end=start_year + 1,
                                title="Kommunale Präventionsstrategie", status=StrategyStatus.IN_PROGRESS,
                                agreed_on=date(start_year, 1, 10), agreed_with="Stadtrat",
                                measures=tuple(measures)))
    return out
