"""Beccaria check of a prevention strategy: hints that make the strategy consistent, and its money totals.

The check warns and never blocks: a draft is allowed to be incomplete. Every warning has a stable
English ``code`` (for tests and for jumping to the right place), a German ``message`` that names the
measure, goal or problem field concerned, the Beccaria ``section`` (1–6) where it is fixed, and a
``ref`` (kind, id) of the item: kinds are ``measure``, ``goal``, ``problem_field``, ``evaluation_item``
and ``strategy``.

Dropped measures (state ``dropped``) are not part of the plan: they are not checked, they serve no goal,
address no problem field and count in no total.

Messages quote user text (titles): render them as data (``Content(text)``), never as markup.
No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Mapping, NamedTuple

from storage.records import FundingSource, Measure, MeasureState, StrategyData, StrategyStatus, strategy_id

from .. import strings as S
from ..formatting import fmt_date, fmt_eur

# RL KommPräv: grant up to 90 %, own share at least 10 % of the cost.
MAX_GRANT_PERCENT = 90
MIN_OWN_SHARE_PERCENT = 10


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
class BeccariaTotals:
    """Money of the plan in integer cents; dropped measures excluded everywhere."""

    total_cents: int  # cost of all measures
    rl_cost_cents: int  # cost of the measures funded by RL KommPräv
    own_share_cents: int  # own shares of all measures
    rl_own_share_cents: int  # own shares of the RL KommPräv measures
    requested_grant_cents: int  # per RL measure cost − own share, at most 90 % of its cost
    grant_percent: Decimal | None  # requested grant / RL cost in %, one decimal (show with fmt_share);
    #                                None without RL cost
    measures: int  # measures counted (not dropped)


@dataclass(frozen=True)
class BeccariaResult:
    warnings: tuple[BeccariaWarning, ...]
    totals: BeccariaTotals

    @property
    def ok(self) -> bool:
        return not self.warnings

    def codes(self) -> list[str]:
        return [w.code.value for w in self.warnings]

    def about(self, kind: str, item_id: str) -> tuple[BeccariaWarning, ...]:
        """The warnings about one item (e.g. to mark a row of the measures table)."""
        return tuple(w for w in self.warnings if w.ref == (kind, item_id))


def is_active(measure: Measure) -> bool:
    """Part of the plan (not dropped)."""
    return measure.state != MeasureState.DROPPED


def requested_grant(measure: Measure) -> int:
    """The grant requested for one measure in cents: for RL KommPräv measures cost − own share,
    capped at 90 % of the cost (rounded down to the cent), never negative; 0 for any other funding."""
    if measure.funding != FundingSource.RL_KOMMPRAEV:
        return 0
    cap = measure.cost_cents * MAX_GRANT_PERCENT // 100
    return max(0, min(measure.cost_cents - measure.own_share_cents, cap))


def min_own_share(cost_cents: int) -> int:
    """10 % of the cost, rounded up to the cent."""
    return -(-cost_cents * MIN_OWN_SHARE_PERCENT // 100)


def totals(data: StrategyData) -> BeccariaTotals:
    """The money totals of the strategy's measures (dropped ones excluded)."""
    active = [m for m in data.measures if is_active(m)]
    rl = [m for m in active if m.funding == FundingSource.RL_KOMMPRAEV]
    rl_cost = sum(m.cost_cents for m in rl)
    grant = sum(requested_grant(m) for m in rl)
    share = None
    if rl_cost:
        share = (Decimal(grant) * 100 / Decimal(rl_cost)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return BeccariaTotals(
        total_cents=sum(m.cost_cents for m in active),
        rl_cost_cents=rl_cost,
        own_share_cents=sum(m.own_share_cents for m in active),
        rl_own_share_cents=sum(m.own_share_cents for m in rl),
        requested_grant_cents=grant,
        grant_percent=share,
        measures=len(active),
    )


def fmt_share(value: Decimal | None) -> str:
    """``87,5`` (German decimal comma, no sign); ``—`` when there is nothing to relate to."""
    return S.DOC_NONE if value is None else f"{value:.1f}".replace(".", ",")


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
    missing.sort(key=lambda code: (field_names.get(code, code).casefold(), code))
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
            if m.cost_cents == 0:
                warn(WarningCode.RL_NO_COST, 4, "measure", m.id, S.BEC_RL_NO_COST, measure=name)
            elif m.own_share_cents < min_own_share(m.cost_cents):
                warn(WarningCode.RL_OWN_SHARE_LOW, 4, "measure", m.id, S.BEC_RL_OWN_SHARE_LOW, measure=name,
                     own=fmt_eur(m.own_share_cents), cost=fmt_eur(m.cost_cents),
                     minimum=fmt_eur(min_own_share(m.cost_cents)))
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

    return BeccariaResult(tuple(out), totals(data))
