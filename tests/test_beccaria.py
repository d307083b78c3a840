"""Beccaria check: each rule warns when it should and stays quiet when it should; the money totals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from asskomm_tui.formatting import fmt_eur
from asskomm_tui.services.beccaria import (
    capped_note,
    check,
    finance_lines,
    fmt_share,
    measure_finance,
    requested_grant,
    totals,
    totals_lines,
)
from storage.records import (
    EvaluationItem,
    FundingSource,
    Goal,
    Measure,
    MeasureState,
    StrategyData,
    StrategyStatus,
)

PIRNA = "14628270"
NAMES = {"graffiti": "Sachbeschädigung und Graffiti", "dog_mess": "Hundekot", "noise": "Lärm und Ruhestörung"}
RECENT = {"graffiti": date(2025, 9, 12)}


def goal(gid: str = "g1", **kw) -> Goal:
    values = {"title": "Weniger Graffiti in der Altstadt", "target_group": "Jugendliche",
              "indicator": "Anzeigen wegen Sachbeschädigung", "target_value": "-30 %"} | kw
    return Goal(id=gid, **values)


def measure(mid: str = "m1", **kw) -> Measure:
    values = {"title": "Legale Graffitiwand am Jugendhaus", "problem_fields": ("graffiti",), "goals": ("g1",),
              "start": date(2026, 4, 1), "end": date(2028, 12, 31), "cost_cents": 1_000_000,
              "funding": FundingSource.RL_KOMMPRAEV, "own_share_cents": 100_000} | kw
    return Measure(id=mid, **values)


def strategy(**kw) -> StrategyData:
    values = {"commune": PIRNA, "period_start": 2026, "period_end": 2028, "goals": (goal(),),
              "measures": (measure(),),
              "evaluation_items": (EvaluationItem(id="e1", indicator="Anzeigen", due=date(2028, 12, 31)),)} | kw
    return StrategyData(**values)


def warnings(data: StrategyData, recent=RECENT):
    return check(data, recent, NAMES).warnings


def codes(data: StrategyData, recent=RECENT) -> list[str]:
    return [w.code.value for w in warnings(data, recent)]


def only(data: StrategyData, code: str, recent=RECENT):
    found = [w for w in warnings(data, recent) if w.code == code]
    assert len(found) == 1, codes(data, recent)
    return found[0]


def test_a_consistent_strategy_gets_no_warnings():
    result = check(strategy(), RECENT, NAMES)
    assert result.warnings == () and result.ok


# -- measures -----------------------------------------------------------------------------------------
def test_a_measure_without_problem_field_is_named():
    w = only(strategy(measures=(measure(problem_fields=()),)), "measure_no_problem_field")
    assert w.message == "Maßnahme „Legale Graffitiwand am Jugendhaus“ greift kein Problemfeld auf."
    assert w.ref == ("measure", "m1") and w.section == 4


def test_a_measure_serving_no_goal_is_named_also_when_its_goal_was_removed():
    assert only(strategy(measures=(measure(goals=()),), goals=()), "measure_no_goal").ref == ("measure", "m1")
    # the goal it referred to is gone: it serves nothing any more
    orphan = strategy(goals=(goal("g2"),), measures=(measure(goals=("g1",)), measure("m2", goals=("g2",))))
    assert only(orphan, "measure_no_goal").ref == ("measure", "m1")
    assert "measure_no_goal" not in codes(strategy())


def test_dropped_measures_are_not_checked():
    dropped = measure("m2", title="Alte Idee", problem_fields=(), goals=(), start=date(2020, 1, 1),
                      funding=FundingSource.RL_KOMMPRAEV, cost_cents=0, state=MeasureState.DROPPED)
    assert warnings(strategy(measures=(measure(), dropped))) == ()


# -- goals --------------------------------------------------------------------------------------------
def test_a_goal_without_indicator_is_named():
    w = only(strategy(goals=(goal(indicator="  "),)), "goal_no_indicator")
    assert "„Weniger Graffiti in der Altstadt“" in w.message and w.ref == ("goal", "g1") and w.section == 3
    assert "goal_no_indicator" not in codes(strategy())


def test_a_goal_served_only_by_a_dropped_measure_is_unserved():
    served_by_dropped = strategy(measures=(measure(state=MeasureState.DROPPED),), goals=(goal(),))
    w = only(served_by_dropped, "goal_unserved", recent={})
    assert w.message == "Ziel „Weniger Graffiti in der Altstadt“ wird von keiner Maßnahme verfolgt."
    assert "goal_unserved" not in codes(strategy(measures=(measure(state=MeasureState.DONE),)))


# -- funding ------------------------------------------------------------------------------------------
def test_rl_kommpraev_own_share_below_ten_percent_warns_with_the_minimum():
    w = only(strategy(measures=(measure(own_share_cents=99_999),)), "rl_own_share_low")
    assert "999,99 €" in w.message and "10.000,00 €" in w.message and "mindestens 1.000,00 €" in w.message
    assert "rl_own_share_low" not in codes(strategy(measures=(measure(own_share_cents=100_000),)))


def test_the_ten_percent_minimum_is_rounded_up_to_the_cent():
    odd = 1_000_001  # 10 % are 100.000,1 cents: 100.001 are needed
    assert "rl_own_share_low" in codes(strategy(measures=(measure(cost_cents=odd, own_share_cents=100_000),)))
    assert "rl_own_share_low" not in codes(strategy(measures=(measure(cost_cents=odd, own_share_cents=100_001),)))


def test_own_share_rule_applies_only_to_rl_kommpraev():
    municipal = measure(funding=FundingSource.MUNICIPAL, own_share_cents=0)
    assert warnings(strategy(measures=(municipal,))) == ()


def test_rl_kommpraev_without_cost_estimate_warns_once_and_not_about_the_share():
    assert codes(strategy(measures=(measure(cost_cents=0, own_share_cents=0),))) == ["rl_no_cost"]
    assert codes(strategy(measures=(measure(cost_cents=0, own_share_cents=0, funding=FundingSource.NONE),))) == []


def test_own_share_above_cost_warns():
    w = only(strategy(measures=(measure(cost_cents=50_000, own_share_cents=60_000),)), "own_share_over_cost")
    assert "600,00 €" in w.message and "500,00 €" in w.message


# -- problem fields of recent visits ------------------------------------------------------------------
def test_a_recent_problem_field_no_measure_addresses_is_named_with_its_last_date():
    recent = {"graffiti": date(2025, 9, 12), "dog_mess": date(2025, 11, 3)}
    w = only(strategy(), "field_not_addressed", recent=recent)
    assert w.message == ("Problemfeld „Hundekot“ wurde bei Besuchen festgestellt (zuletzt am 03.11.2025), "
                         "aber keine Maßnahme greift es auf.")
    assert w.ref == ("problem_field", "dog_mess")


def test_a_field_addressed_only_by_a_dropped_measure_counts_as_not_addressed():
    data = strategy(measures=(measure(), measure("m2", problem_fields=("dog_mess",), state=MeasureState.DROPPED)))
    assert codes(data, recent={"dog_mess": date(2025, 1, 1)}) == ["field_not_addressed"]
    data = strategy(measures=(measure(problem_fields=("graffiti", "dog_mess")),))
    assert codes(data, recent={"dog_mess": date(2025, 1, 1)}) == []


def test_an_unknown_field_code_is_shown_as_its_code():
    w = only(strategy(), "field_not_addressed", recent={"new_field": date(2025, 1, 1)})
    assert "„new_field“" in w.message


# -- dates --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("start,end,expected", [
    (date(2026, 1, 1), date(2028, 12, 31), []),
    (date(2025, 12, 31), date(2027, 1, 1), ["measure_start_outside_period"]),
    (date(2026, 1, 1), date(2029, 1, 1), ["measure_end_outside_period"]),
    (date(2027, 5, 1), date(2027, 4, 30), ["measure_end_before_start"]),
    (date(2024, 5, 1), date(2024, 4, 30),
     ["measure_start_outside_period", "measure_end_outside_period", "measure_end_before_start"]),
    (None, None, []),
])
def test_measure_dates_must_fit_the_period(start, end, expected):
    assert codes(strategy(measures=(measure(start=start, end=end),))) == expected


def test_date_warnings_name_the_day_and_the_period():
    w = only(strategy(measures=(measure(start=date(2025, 12, 31)),)), "measure_start_outside_period")
    assert w.message == ("Maßnahme „Legale Graffitiwand am Jugendhaus“ beginnt am 31.12.2025, außerhalb des "
                         "Zeitraums 2026–2028.")


def test_evaluation_dates_must_fit_the_period():
    late = (EvaluationItem(id="e9", indicator="Befragung", due=date(2029, 1, 1)),)
    w = only(strategy(evaluation_items=late), "evaluation_outside_period")
    assert w.ref == ("evaluation_item", "e9") and "01.01.2029" in w.message and w.section == 6
    on_time = (EvaluationItem(id="e9", indicator="Befragung", due=date(2026, 1, 1)),
               EvaluationItem(id="e8", indicator="ohne Termin"))
    assert codes(strategy(evaluation_items=on_time)) == []


# -- status -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [StrategyStatus.AGREED, StrategyStatus.IN_PROGRESS, StrategyStatus.EVALUATED])
def test_agreed_or_later_needs_the_agreement_date(status):
    w = only(strategy(status=status), "agreed_without_date")
    assert w.ref == ("strategy", "14628270-2026-2028")
    assert codes(strategy(status=status, agreed_on=date(2026, 2, 10))) == []


def test_a_draft_needs_no_agreement_date():
    assert codes(strategy(status=StrategyStatus.DRAFT)) == []


# -- totals -------------------------------------------------------------------------------------------
def test_totals_in_exact_cents():
    data = strategy(measures=(
        measure("a", cost_cents=1_250_000, own_share_cents=125_000),  # grant 11.250,00
        measure("b", cost_cents=1_000_001, own_share_cents=50_000),  # 5 % own: grant capped at 90 % = 9.000,00
        measure("c", cost_cents=300_000, own_share_cents=150_000),  # grant 1.500,00
        measure("d", cost_cents=400_000, own_share_cents=400_000, funding=FundingSource.MUNICIPAL),
        measure("e", cost_cents=9_999_900, own_share_cents=0, state=MeasureState.DROPPED),
    ))
    t = check(data, RECENT, NAMES).totals
    assert t.total_cents == 2_950_001
    assert t.rl_cost_cents == 2_550_001
    assert t.own_share_cents == 725_000
    assert t.rl_own_share_cents == 325_000
    assert t.requested_grant_cents == 1_125_000 + 900_000 + 150_000
    assert t.grant_percent == Decimal("85.3")
    assert t.measures == 4
    assert fmt_eur(t.requested_grant_cents) == "21.750,00 €" and fmt_share(t.grant_percent) == "85,3"


def test_requested_grant_per_measure():
    assert requested_grant(measure(cost_cents=1_000_000, own_share_cents=100_000)) == 900_000
    assert requested_grant(measure(cost_cents=1_000_000, own_share_cents=0)) == 900_000  # capped
    assert requested_grant(measure(cost_cents=999, own_share_cents=0)) == 899  # 90 % rounded down
    assert requested_grant(measure(cost_cents=100, own_share_cents=500)) == 0  # never negative
    assert requested_grant(measure(funding=FundingSource.THIRD_PARTY)) == 0


def test_totals_without_rl_measures_have_no_grant_share():
    t = totals(strategy(measures=(measure(funding=FundingSource.MUNICIPAL, own_share_cents=1_000_000),)))
    assert (t.total_cents, t.rl_cost_cents, t.requested_grant_cents, t.grant_percent) == (1_000_000, 0, 0, None)
    assert fmt_share(None) == "—"


def test_fmt_eur():
    assert fmt_eur(1_250_000) == "12.500,00 €"
    assert fmt_eur(5) == "0,05 €"
    assert fmt_eur(123_456_789_01) == "123.456.789,01 €"


# -- the money of one measure (issue 7, item 14) --------------------------------------------------------
EXAMPLE = {"cost_cents": 1_250_000, "own_share_cents": 100_000}  # 12.500 € with 1.000 € own share
CAPPED = ("Gekappt auf 90 % der förderfähigen Kosten (Kosten − Eigenanteil wären 11.500,00 €): Die Differenz "
          "von 250,00 € muss zusätzlich als Eigenanteil getragen werden (auch als Sachleistung).")


def test_the_missing_250_euro_are_explained():
    result = check(strategy(measures=(measure(**EXAMPLE),)), RECENT, NAMES)
    f = result.finance_of("m1")
    assert (f.cost_cents, f.own_share_cents, f.min_own_share_cents, f.gap_cents, f.cap_cents,
            f.requested_grant_cents) == (1_250_000, 100_000, 125_000, 25_000, 1_125_000, 1_125_000)
    assert f.capped and f.rl and f.active
    assert finance_lines(f) == [("förderfähige Kosten", "12.500,00 €"), ("Eigenanteil", "1.000,00 €"),
                                ("Mindesteigenanteil (10 %)", "1.250,00 €"), ("Eigenanteil fehlt", "250,00 €"),
                                ("Förderhöchstbetrag (90 %)", "11.250,00 €"),
                                ("beantragte Förderung", "11.250,00 €")]
    assert capped_note(f) == CAPPED
    (w,) = result.warnings
    assert w.message == ("Maßnahme „Legale Graffitiwand am Jugendhaus“ (RL KommPräv): Der Eigenanteil von "
                         "1.000,00 € liegt unter 10 % der Kosten von 12.500,00 €; nötig sind mindestens "
                         "1.250,00 €. Es fehlen 250,00 €: Die Förderung ist auf 90 % (11.250,00 €) gekappt, die "
                         "Kommune trägt die 250,00 € zusätzlich.")
    t = result.totals
    assert (t.rl_cost_cents, t.rl_own_share_cents, t.rl_min_own_share_cents, t.rl_gap_cents, t.rl_cap_cents,
            t.requested_grant_cents, t.capped_measures) == (1_250_000, 100_000, 125_000, 25_000, 1_125_000,
                                                            1_125_000, 1)
    assert t.grant_percent == Decimal("90.0")


@pytest.mark.parametrize("own,gap,grant", [
    (124_999, 1, 1_125_000),  # one cent below the minimum: capped, one cent missing
    (125_000, 0, 1_125_000),  # exactly 10 %: cost − own share is the cap itself
    (200_000, 0, 1_050_000),  # above: cost − own share, below the cap
])
def test_own_share_below_at_and_above_the_minimum(own, gap, grant):
    f = measure_finance(measure(cost_cents=1_250_000, own_share_cents=own))
    assert (f.gap_cents, f.requested_grant_cents, f.capped) == (gap, grant, bool(gap))
    labels = [label for label, _ in finance_lines(f)]
    assert ("Eigenanteil fehlt" in labels) == bool(gap)
    assert (capped_note(f) != "") == bool(gap)
    data = strategy(measures=(measure(cost_cents=1_250_000, own_share_cents=own),))
    assert ("rl_own_share_low" in codes(data)) == bool(gap)


def test_the_gap_always_equals_what_the_cap_withholds():
    # cost − own share − grant, for odd cents too: never a cent explained twice or not at all
    for cost in (1, 9, 999, 1_000_001, 1_250_000, 3_000_001):
        for own in (0, cost // 20, cost // 10, -(-cost // 10), cost // 2, cost):
            f = measure_finance(measure(cost_cents=cost, own_share_cents=own))
            assert f.gap_cents == cost - own - f.requested_grant_cents
            assert f.own_share_cents + f.gap_cents + f.requested_grant_cents == cost


@pytest.mark.parametrize("funding", [FundingSource.MUNICIPAL, FundingSource.THIRD_PARTY, FundingSource.NONE,
                                     FundingSource.OTHER_PUBLIC])
def test_other_funding_has_no_rl_figures(funding):
    f = measure_finance(measure(funding=funding, cost_cents=1_250_000, own_share_cents=0))
    assert not f.rl and not f.capped
    assert (f.min_own_share_cents, f.gap_cents, f.cap_cents, f.requested_grant_cents) == (0, 0, 0, 0)
    assert finance_lines(f) == [("Kosten", "12.500,00 €"), ("Eigenanteil", "0,00 €")]
    t = totals(strategy(measures=(measure(funding=funding, cost_cents=1_250_000, own_share_cents=0),)))
    assert (t.total_cents, t.rl_cost_cents, t.rl_gap_cents, t.rl_cap_cents) == (1_250_000, 0, 0, 0)
    assert [label for label, _ in totals_lines(t)] == [
        "Gesamtkosten", "davon über RL KommPräv (förderfähige Kosten)", "Eigenanteil gesamt",
        "Beantragte Förderung (RL KommPräv)"]


def test_dropped_measures_count_in_no_money_figure():
    dropped = measure("m2", cost_cents=5_000_000, own_share_cents=0, state=MeasureState.DROPPED)
    result = check(strategy(measures=(measure(**EXAMPLE), dropped)), RECENT, NAMES)
    assert not result.finance_of("m2").active and result.finance_of("m2").gap_cents == 500_000
    t = result.totals
    assert (t.total_cents, t.rl_cost_cents, t.rl_min_own_share_cents, t.rl_gap_cents, t.rl_cap_cents,
            t.requested_grant_cents, t.capped_measures, t.measures) == (
        1_250_000, 1_250_000, 125_000, 25_000, 1_125_000, 1_125_000, 1, 1)
    assert [f.measure_id for f in result.finance] == ["m1", "m2"]  # in the strategy's order


def test_one_measures_surplus_does_not_fill_anothers_gap():
    rich = measure("m2", cost_cents=1_000_000, own_share_cents=500_000)  # 4.000 € more than needed
    t = totals(strategy(measures=(measure(**EXAMPLE), rich)))
    assert t.rl_own_share_cents == 600_000 and t.rl_min_own_share_cents == 225_000
    assert t.rl_gap_cents == 25_000  # still missing for the first measure
    assert dict(totals_lines(t))["Eigenanteil fehlt"] == "250,00 €"
    assert t.rl_sum().gap_cents == 25_000 and t.rl_sum().requested_grant_cents == 1_125_000 + 500_000


# -- the same figures on the screen and in both documents -----------------------------------------------
FINANCE_ROW = ("M1 Graffiti-Mobil · RL KommPräv\n"
               "förderfähige Kosten: 12.500,00 € · Eigenanteil: 1.000,00 €\n"
               "Mindesteigenanteil (10 %): 1.250,00 € · Eigenanteil fehlt: 250,00 €\n"
               "Förderhöchstbetrag (90 %): 11.250,00 € · beantragte Förderung: 11.250,00 €\n" + CAPPED)


async def test_the_example_reads_the_same_on_the_screen_and_in_both_documents(tmp_path):
    from html.parser import HTMLParser

    from asskomm_tui.dialogs.strategy_items import ExportDocumentDialog
    from asskomm_tui.screens.strategy import TABS, StrategyScreen
    from ui_helpers import (PIRNA, add_visit, demo_store, edit_store, pick, press, q, replace_input, rows,
                            running, screen_text, settle, tab_to)

    path = demo_store(tmp_path, visits=0)
    add_visit(path, PIRNA, date(2026, 5, 4), summary="Begehung",
              findings=({"problem_field": "littering", "severity": 2, "place": "Markt"},))

    def make(repos):
        record = repos.create_strategy(PIRNA, 2026, 2028)
        data = record.data.model_copy(update={
            "goals": (goal(),), "measures": (measure(title="Graffiti-Mobil", **EXAMPLE),)})
        return repos.save_strategy(data, record.rev)

    edit_store(path, make)
    out = tmp_path / "Dokumente"
    async with running(path) as (app, pilot):
        app.open_dossier(PIRNA)
        await settle(pilot)
        await press(pilot, "s", "enter")
        assert isinstance(app.screen, StrategyScreen)
        for _ in range(TABS.index("s-check")):
            await press(pilot, "ctrl+pagedown")
        assert app.screen.query_one("#strategy-tabs").active == "s-check"
        finance = [r[0] for r in rows(q(app, "#check-finance"))]
        assert finance[0] == FINANCE_ROW
        assert finance[1] == ("Summe ohne verworfene Maßnahmen\n"
                              "Kosten: 12.500,00 € · Eigenanteil: 1.000,00 €\n"
                              "davon RL KommPräv:\n"
                              "förderfähige Kosten: 12.500,00 € · Eigenanteil: 1.000,00 €\n"
                              "Mindesteigenanteil (10 %): 1.250,00 € · Eigenanteil fehlt: 250,00 €\n"
                              "Förderhöchstbetrag (90 %): 11.250,00 € · beantragte Förderung: 11.250,00 € "
                              "(90,0 %)")
        # at 80x24 the measure's figures and the reason for the cap are on the screen
        text = screen_text(app)
        assert "Mindesteigenanteil (10 %): 1.250,00 € · Eigenanteil fehlt: 250,00 €" in text
        assert "Förderhöchstbetrag (90 %): 11.250,00 € · beantragte Förderung: 11.250,00 €" in text
        assert "Gekappt auf 90 % der förderfähigen Kosten (Kosten − Eigenanteil wären" in text
        assert "11.500,00 €): Die Differenz von 250,00 € muss zusätzlich als Eigenanteil" in text
        hints = [r[0] for r in rows(q(app, "#check"))]
        assert len(hints) == 2 and "Vermüllung öffentlicher Plätze" in hints[0] and "Es fehlen 250,00 €" in hints[1]

        for label in ("HTML-Seite zum Drucken (.html)", "Markdown (.md)"):
            await press(pilot, "f6")
            assert isinstance(app.screen, ExportDocumentDialog)
            await pick(pilot, q(app, "#format"), label)
            await tab_to(pilot, "folder")
            await replace_input(pilot, str(out))
            await press(pilot, "ctrl+s")
            assert isinstance(app.screen, StrategyScreen)

    md = (out / "strategie-Pirna-2026-2028.md").read_text("utf-8")
    assert ("| M1 Graffiti-Mobil | RL KommPräv | 12.500,00 € | 1.000,00 € | 1.250,00 € | 250,00 € | 11.250,00 € "
            "| 11.250,00 € |") in md
    assert f"- M1 Graffiti-Mobil: {CAPPED}" in md
    assert "- **Eigenanteil fehlt:** 250,00 €" in md and "- **Förderhöchstbetrag (90 %):** 11.250,00 €" in md
    checks = md.split("## Prüfhinweise (Beccaria-Check)\n")[1].split("\n---")[0]
    assert [line for line in checks.splitlines() if line.startswith("- ")] == [
        f"- **4 Maßnahmen:** {hint}" for hint in hints]  # the hints the screen showed, none else

    class Cells(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.rows, self.items, self.tag = [], [], ""

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self.rows.append([])
            if tag in ("td", "li"):
                (self.rows[-1] if tag == "td" else self.items).append("")
            self.tag = tag if tag in ("td", "li") else self.tag

        def handle_endtag(self, tag):
            if tag in ("td", "li"):
                self.tag = ""

        def handle_data(self, data):
            if self.tag == "td":
                self.rows[-1][-1] += data
            elif self.tag == "li" or (self.items and self.tag == "strong"):
                self.items[-1] += data

    page = Cells()
    page.feed((out / "strategie-Pirna-2026-2028.html").read_text("utf-8"))
    assert ["M1 Graffiti-Mobil", "RL KommPräv", "12.500,00 €", "1.000,00 €", "1.250,00 €", "250,00 €",
            "11.250,00 €", "11.250,00 €"] in page.rows
    assert f"M1 Graffiti-Mobil: {CAPPED}" in page.items
    assert [f"4 Maßnahmen: {hint}" for hint in hints] == [i for i in page.items if i.startswith("4 Maßnahmen")]
