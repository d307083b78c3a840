"""Beccaria check of a prevention strategy: hints that make the strategy consistent, and its money totals.

The check warns and never blocks: a draft is allowed to be incomplete. Every warning has a stable
English ``code`` (for tests and for jumping to the right place), a German ``message`` that names the
measure, goal or problem field concerned, the Beccaria ``section`` (1–6) where it is fixed, and a
``ref`` (kind, id) of the item: kinds are ``measure``, ``goal``, ``problem_field``, ``evaluation_item``
and ``strategy``.

Dropped measures (state ``dropped``) are not part of the plan: they are not checked, they serve no goal,
address no problem field and count in no total.

Money follows the RL KommPräv: the grant is at most 90 % of the eligible cost, the own share at
least 10 % (it may be given in kind). ``MeasureFinance`` holds every figure of one measure and
``BeccariaTotals`` the sums; the screen and the documents read them (and the wording of
``finance_lines``/``capped_note``) from the one ``BeccariaResult``, so a figure cannot differ
between screen and file.

Messages quote user text (titles): render them as data (``Content(text)``), never as markup.
No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Mapping, NamedTuple

from storage.collation import sort_key
from storage.records import FundingSource, Measure, MeasureState, StrategyData, StrategyStatus, strategy_id

from .. import strings as S
from ..formatting import fmt_date, fmt_eur

# RL KommPräv: grant up to 90 %, own share at least 10 % of the cost.
MAX_GRANT_PERCENT = 90
MIN_OWN_SHARE_PERCENT = 10
RECENT_DAYS = 730  # problem fields found in the last two years should be addressed


def recent_since(today: date) -> date:
    """The first day whose findings the check asks the strategy to take up (screen and documents)."""
    return today - timedelta(days=RECENT_DAYS)


class WarningCode(StrEnum):
    MEASURE_NO_PROBLEM_FIELD = "measure_no_problem_field"
    MEASURE_NO_GOAL = "measure_no_goal"
    GOAL_NO_INDICATOR = "goal_no_indicator"
    GOAL_UNSERVED = "goal_unserved"
    RL_OWN_SHARE_LOW = "rl_own_share_low"
    RL_NO_COST = "rl_no_cost"
    OWN_SHARE_OVER_COST = "own_share_over_cost"
    FIELD_NOT_ADDRESSED = "field_not_addressed"
    MEASURE_START_OUTSIDE_PERIOD = "measure_start_outside_period"
    MEASURE_END_OUTSIDE_PERIOD = "measure_end_outside_period"
    MEASURE_END_BEFORE_START = "measure_end_before_start"
    EVALUATION_OUTSIDE_PERIOD = "evaluation_outside_period"
    AGREED_WITHOUT_DATE = "agreed_without_date"


class Ref(NamedTuple):
    """The item a warning is about: ``("measure", measure.id)``, ``("problem_field", code)`` …"""

    kind: str
    id: str


@dataclass(frozen=True)
class BeccariaWarning:
    code: WarningCode
    message: str
    ref: Ref
    section: int  # Beccaria section (1–6) where the user fixes it; 0 for the strategy's status


@dataclass(frozen=True)
class MeasureFinance:
    """The money of one measure in integer cents.

    For RL KommPräv the measure's cost estimate counts as its eligible cost (förderfähige Kosten;
    investments are not eligible and belong elsewhere). When the own share is below 10 %, cost − own
    share exceeds the 90 % cap: the grant is the cap, and the difference (``gap_cents``, always the
    same amount as the missing own share) must be borne on top of the own share entered. Other
    funding sources get no grant and no RL figures (all 0).
    """

    measure_id: str
    funding: FundingSource
    active: bool  # not dropped: only active measures count in the totals
    cost_cents: int
    own_share_cents: int
    min_own_share_cents: int  # RL: 10 % of the cost, rounded up to the cent
    gap_cents: int  # RL: what the own share lacks to the minimum
    cap_cents: int  # RL: 90 % of the cost, rounded down to the cent
    requested_grant_cents: int  # RL: min(cost − own share, cap), never negative

    @property
    def rl(self) -> bool:
        return self.funding == FundingSource.RL_KOMMPRAEV

    @property
    def capped(self) -> bool:
        """The grant is the 90 % cap, less than cost − own share."""
        return self.gap_cents > 0


@dataclass(frozen=True)
class BeccariaTotals:
    """Money of the plan in integer cents; dropped measures excluded everywhere."""

    total_cents: int  # cost of all measures
    rl_cost_cents: int  # cost of the measures funded by RL KommPräv (their eligible cost)
    own_share_cents: int  # own shares of all measures
    rl_own_share_cents: int  # own shares of the RL KommPräv measures
    requested_grant_cents: int  # per RL measure cost − own share, at most 90 % of its cost
    grant_percent: Decimal | None  # requested grant / RL cost in %, one decimal (show with fmt_share);
    #                                None without RL cost
    measures: int  # measures counted (not dropped)
    rl_min_own_share_cents: int  # sum of the RL measures' 10 % minimums
    rl_gap_cents: int  # sum of the RL measures' gaps (a surplus in one does not fill another's gap)
    rl_cap_cents: int  # sum of the RL measures' 90 % caps
    capped_measures: int  # RL measures whose grant is cut to the cap

    def rl_sum(self) -> MeasureFinance:
        """The RL KommPräv measures' sums in the shape of one measure (for ``finance_lines``)."""
        return MeasureFinance("", FundingSource.RL_KOMMPRAEV, True, self.rl_cost_cents, self.rl_own_share_cents,
                              self.rl_min_own_share_cents, self.rl_gap_cents, self.rl_cap_cents,
                              self.requested_grant_cents)


@dataclass(frozen=True)
class BeccariaResult:
    warnings: tuple[BeccariaWarning, ...]
    totals: BeccariaTotals
    finance: tuple[MeasureFinance, ...]  # every measure of the strategy, in its order (dropped too)

    @property
    def ok(self) -> bool:
        return not self.warnings

    def codes(self) -> list[str]:
        return [w.code.value for w in self.warnings]

    def about(self, kind: str, item_id: str) -> tuple[BeccariaWarning, ...]:
        """The warnings about one item (e.g. to mark a row of the measures table)."""
        return tuple(w for w in self.warnings if w.ref == (kind, item_id))

    def finance_of(self, measure_id: str) -> MeasureFinance:
        """The money of one measure (KeyError if the strategy has no such measure)."""
        for f in self.finance:
            if f.measure_id == measure_id:
                return f
        raise KeyError(measure_id)


def is_active(measure: Measure) -> bool:
    """Part of the plan (not dropped)."""
    return measure.state != MeasureState.DROPPED


def min_own_share(cost_cents: int) -> int:
    """10 % of the cost, rounded up to the cent."""
    return -(-cost_cents * MIN_OWN_SHARE_PERCENT // 100)


def grant_cap(cost_cents: int) -> int:
    """90 % of the cost, rounded down to the cent."""
    return cost_cents * MAX_GRANT_PERCENT // 100


def measure_finance(measure: Measure) -> MeasureFinance:
    """Every money figure of one measure (see ``MeasureFinance``)."""
    cost, own = measure.cost_cents, measure.own_share_cents
    if measure.funding != FundingSource.RL_KOMMPRAEV:
        return MeasureFinance(measure.id, measure.funding, is_active(measure), cost, own, 0, 0, 0, 0)
    minimum, cap = min_own_share(cost), grant_cap(cost)
    return MeasureFinance(measure.id, measure.funding, is_active(measure), cost, own, minimum,
                          max(0, minimum - own), cap, max(0, min(cost - own, cap)))


def requested_grant(measure: Measure) -> int:
    """The grant requested for one measure in cents: for RL KommPräv measures cost − own share,
    capped at 90 % of the cost (rounded down to the cent), never negative; 0 for any other funding."""
    return measure_finance(measure).requested_grant_cents


def _totals(finance: tuple[MeasureFinance, ...]) -> BeccariaTotals:
    active = [f for f in finance if f.active]
    rl = [f for f in active if f.rl]
    rl_cost = sum(f.cost_cents for f in rl)
    grant = sum(f.requested_grant_cents for f in rl)
    share = None
    if rl_cost:
        share = (Decimal(grant) * 100 / Decimal(rl_cost)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return BeccariaTotals(
        total_cents=sum(f.cost_cents for f in active),
        rl_cost_cents=rl_cost,
        own_share_cents=sum(f.own_share_cents for f in active),
        rl_own_share_cents=sum(f.own_share_cents for f in rl),
        requested_grant_cents=grant,
        grant_percent=share,
        measures=len(active),
        rl_min_own_share_cents=sum(f.min_own_share_cents for f in rl),
        rl_gap_cents=sum(f.gap_cents for f in rl),
        rl_cap_cents=sum(f.cap_cents for f in rl),
        capped_measures=sum(1 for f in rl if f.capped),
    )


def totals(data: StrategyData) -> BeccariaTotals:
    """The money totals of the strategy's measures (dropped ones excluded)."""
    return _totals(tuple(measure_finance(m) for m in data.measures))


def fmt_share(value: Decimal | None) -> str:
    """``87,5`` (German decimal comma, no sign); ``—`` when there is nothing to relate to."""
    return S.DOC_NONE if value is None else f"{value:.1f}".replace(".", ",")


def finance_lines(f: MeasureFinance) -> list[tuple[str, str]]:
    """The figures of one measure as (German label, amount), in the order the screen and the
    documents show them: for RL KommPräv eligible cost, own share, minimum own share, the gap (only
    when there is one), the 90 % cap and the requested grant; otherwise cost and own share (there
    is no RL grant: ``S.FIN_NOT_RL``)."""
    if not f.rl:
        return [(S.FIN_COST, fmt_eur(f.cost_cents)), (S.FIN_OWN, fmt_eur(f.own_share_cents))]
    lines = [(S.FIN_ELIGIBLE, fmt_eur(f.cost_cents)), (S.FIN_OWN, fmt_eur(f.own_share_cents)),
             (S.FIN_MIN_OWN, fmt_eur(f.min_own_share_cents))]
    if f.gap_cents:
        lines.append((S.FIN_GAP, fmt_eur(f.gap_cents)))
    return lines + [(S.FIN_CAP, fmt_eur(f.cap_cents)), (S.FIN_GRANT, fmt_eur(f.requested_grant_cents))]


def totals_lines(t: BeccariaTotals) -> list[tuple[str, str]]:
    """The totals as (German label, amount) for the screen and the documents; the RL KommPräv
    figures only when a measure is funded by it, the gap only when there is one."""
    grant = fmt_eur(t.requested_grant_cents)
    if t.grant_percent is not None:
        grant += f" ({S.DOC_GRANT_SHARE.format(share=fmt_share(t.grant_percent))})"
    lines = [(S.DOC_TOTAL_COST, fmt_eur(t.total_cents)), (S.DOC_TOTAL_RL, fmt_eur(t.rl_cost_cents)),
             (S.DOC_TOTAL_OWN, fmt_eur(t.own_share_cents))]
    if t.rl_cost_cents:
        lines += [(S.DOC_TOTAL_RL_OWN, fmt_eur(t.rl_own_share_cents)),
                  (S.DOC_TOTAL_MIN_OWN, fmt_eur(t.rl_min_own_share_cents))]
        if t.rl_gap_cents:
            lines.append((S.DOC_TOTAL_GAP, fmt_eur(t.rl_gap_cents)))
        lines.append((S.DOC_TOTAL_CAP, fmt_eur(t.rl_cap_cents)))
    return lines + [(S.DOC_TOTAL_GRANT, grant)]


def capped_note(f: MeasureFinance) -> str:
    """Why the grant is less than cost − own share (empty when it is not): the 90 % cap, and that the
    difference has to be borne as own share on top."""
    if not f.capped:
        return ""
    return S.FIN_CAPPED.format(rest=fmt_eur(f.cost_cents - f.own_share_cents), gap=fmt_eur(f.gap_cents))


def section_label(section: int) -> str:
    """``4 Maßnahmen`` for a warning's Beccaria section; ``Status`` for 0."""
    return S.BEC_SECTION.get(section, str(section))


def check(data: StrategyData, recent_fields: Mapping[str, date],
          field_names: Mapping[str, str]) -> BeccariaResult:
    """Check a strategy along the Beccaria-Standards.

    ``recent_fields``: problem-field codes found in the commune's recent visits with the last date
    seen (``Repositories.recent_problem_fields(ags, since)``, e.g. the last 24 months).
    ``field_names``: German names of problem-field codes (unknown codes are shown as the code).
    """
    out: list[BeccariaWarning] = []

    def warn(code: WarningCode, section: int, kind: str, item_id: str, template: str, **values: str) -> None:
        out.append(BeccariaWarning(code, template.format(**values), Ref(kind, item_id), section))

    finance = tuple(measure_finance(m) for m in data.measures)
    money = {f.measure_id: f for f in finance}
    period = data.period
    first, last = date(data.period_start, 1, 1), date(data.period_end, 12, 31)
    active = [m for m in data.measures if is_active(m)]
    goal_ids = {g.id for g in data.goals}

    # the status
    if data.status != StrategyStatus.DRAFT and data.agreed_on is None:
        warn(WarningCode.AGREED_WITHOUT_DATE, 0, "strategy",
             strategy_id(data.commune, data.period_start, data.period_end),
             S.BEC_AGREED_WITHOUT_DATE, status=S.label(S.STRATEGY_STATUS, data.status))

    # 1 / 4: problem fields found recently that no measure takes up
    addressed = {code for m in active for code in m.problem_fields}
    missing = [code for code in recent_fields if code not in addressed]
    missing.sort(key=lambda code: (sort_key(field_names.get(code, code)), code))
    for code in missing:
        warn(WarningCode.FIELD_NOT_ADDRESSED, 4, "problem_field", code, S.BEC_FIELD_NOT_ADDRESSED,
             field=field_names.get(code, code), seen=fmt_date(recent_fields[code]))

    # 3: goals
    served = {goal for m in active for goal in m.goals}
    for goal in data.goals:
        if not goal.indicator.strip():
            warn(WarningCode.GOAL_NO_INDICATOR, 3, "goal", goal.id, S.BEC_GOAL_NO_INDICATOR, goal=goal.title)
        if goal.id not in served:
            warn(WarningCode.GOAL_UNSERVED, 3, "goal", goal.id, S.BEC_GOAL_UNSERVED, goal=goal.title)

    # 4 / 5: measures
    for m in active:
        name = m.title
        if not m.problem_fields:
            warn(WarningCode.MEASURE_NO_PROBLEM_FIELD, 4, "measure", m.id, S.BEC_MEASURE_NO_FIELD, measure=name)
        if not any(goal in goal_ids for goal in m.goals):
            warn(WarningCode.MEASURE_NO_GOAL, 4, "measure", m.id, S.BEC_MEASURE_NO_GOAL, measure=name)
        if m.own_share_cents > m.cost_cents:
            warn(WarningCode.OWN_SHARE_OVER_COST, 4, "measure", m.id, S.BEC_OWN_SHARE_OVER_COST, measure=name,
                 own=fmt_eur(m.own_share_cents), cost=fmt_eur(m.cost_cents))
        if m.funding == FundingSource.RL_KOMMPRAEV:
            f = money[m.id]
            if m.cost_cents == 0:
                warn(WarningCode.RL_NO_COST, 4, "measure", m.id, S.BEC_RL_NO_COST, measure=name)
            elif f.gap_cents:
                warn(WarningCode.RL_OWN_SHARE_LOW, 4, "measure", m.id, S.BEC_RL_OWN_SHARE_LOW, measure=name,
                     own=fmt_eur(m.own_share_cents), cost=fmt_eur(m.cost_cents),
                     minimum=fmt_eur(f.min_own_share_cents), gap=fmt_eur(f.gap_cents),
                     cap=fmt_eur(f.cap_cents))
        if m.start is not None and not first <= m.start <= last:
            warn(WarningCode.MEASURE_START_OUTSIDE_PERIOD, 5, "measure", m.id, S.BEC_MEASURE_START_OUTSIDE,
                 measure=name, day=fmt_date(m.start), period=period)
        if m.end is not None and not first <= m.end <= last:
            warn(WarningCode.MEASURE_END_OUTSIDE_PERIOD, 5, "measure", m.id, S.BEC_MEASURE_END_OUTSIDE,
                 measure=name, day=fmt_date(m.end), period=period)
        if m.start is not None and m.end is not None and m.end < m.start:
            warn(WarningCode.MEASURE_END_BEFORE_START, 5, "measure", m.id, S.BEC_MEASURE_END_BEFORE_START,
                 measure=name, start=fmt_date(m.start), end=fmt_date(m.end))

    # 6: evaluation
    for item in data.evaluation_items:
        if item.due is not None and not first <= item.due <= last:
            warn(WarningCode.EVALUATION_OUTSIDE_PERIOD, 6, "evaluation_item", item.id, S.BEC_EVALUATION_OUTSIDE,
                 indicator=item.indicator, day=fmt_date(item.due), period=period)

    return BeccariaResult(tuple(out), _totals(finance), finance)
