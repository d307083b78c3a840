"""Strategie (`s` in a dossier): a commune's prevention strategy along the Beccaria-Standards.

A new strategy starts with the findings of recent visits; goals and measures come from their dialogs;
the Beccaria-Check warns live; F6 writes HTML or Markdown; Esc asks before dropping changes; the open
strategy is autosaved as a draft; the history lists who changed which part.
"""

from __future__ import annotations

import html
from datetime import date

from asskomm_tui.dialogs.confirm import ChoiceDialog
from asskomm_tui.dialogs.drafts import DraftsDialog
from asskomm_tui.dialogs.strategies import StrategiesDialog
from asskomm_tui.dialogs.strategy_items import ExportDocumentDialog, GoalDialog, MeasureDialog, NewStrategyDialog
from asskomm_tui.screens.dossier import DossierScreen
from asskomm_tui.screens.strategy import TABS, StrategyScreen
from storage.records import FundingSource, Goal, Measure
from ui_helpers import (
    H,
    PIRNA,
    add_visit,
    demo_store,
    disk_records,
    drafts_of,
    edit_store,
    fast_autosave,  # noqa: F401  (fixture)
    my_id,
    pick,
    press,
    q,
    replace_input,
    rows,
    running,
    screen_text,
    settle,
    static_text,
    tab_to,
    type_text,
    wait_for_draft,
)

SID = f"{PIRNA}-2026-2028"
OWN_SHARE_LOW = ("Maßnahme „{title}“ (RL KommPräv): Der Eigenanteil von 1.000,00 € liegt unter 10 % der Kosten "
                 "von 12.500,00 €; nötig sind mindestens 1.250,00 €. Es fehlen 250,00 €: Die Förderung ist auf "
                 "90 % (11.250,00 €) gekappt, die Kommune trägt die 250,00 € zusätzlich.")
LITTERING_NOT_ADDRESSED = ("Problemfeld „Vermüllung öffentlicher Plätze“ wurde bei Besuchen festgestellt "
                           "(zuletzt am 04.05.2026), aber keine Maßnahme greift es auf.")
FINANCE = ("M1 {title} · RL KommPräv\n"
           "förderfähige Kosten: 12.500,00 € · Eigenanteil: 1.000,00 €\n"
           "Mindesteigenanteil (10 %): 1.250,00 € · Eigenanteil fehlt: 250,00 €\n"
           "Förderhöchstbetrag (90 %): 11.250,00 € · beantragte Förderung: 11.250,00 €\n"
           "Gekappt auf 90 % der förderfähigen Kosten (Kosten − Eigenanteil wären 11.500,00 €): Die Differenz "
           "von 250,00 € muss zusätzlich als Eigenanteil getragen werden (auch als Sachleistung).")


def pirna_with_findings(tmp_path):
    """A store whose Pirna visits found graffiti and litter this year and noise in 2023."""
    path = demo_store(tmp_path, visits=0)
    add_visit(path, PIRNA, date(2026, 5, 4), summary="Begehung",
              findings=({"problem_field": "graffiti", "severity": 3, "place": "Bahnhof", "evidence": "Fotos"},
                        {"problem_field": "littering", "severity": 2, "place": "Markt"}))
    add_visit(path, PIRNA, date(2023, 6, 1), summary="Erstgespräch",
              findings=({"problem_field": "noise", "severity": 1, "place": "Altstadt"},))
    return path


def prepared_strategy(tmp_path, title: str = "Graffiti-Mobil", goal: str = "Weniger Graffiti"):
    """Pirna's strategy 2026–2028 with one goal and one RL KommPräv measure (own share too low)."""
    path = pirna_with_findings(tmp_path)

    def make(repos):
        record = repos.create_strategy(PIRNA, 2026, 2028)
        data = record.data.model_copy(update={
            "goals": (Goal(id="g1", title=goal, target_group="Jugendliche", indicator="Anzeigen"),),
            "measures": (Measure(id="m1", title=title, problem_fields=("graffiti",), goals=("g1",),
                                 start=date(2026, 4, 1), end=date(2026, 12, 31), cost_cents=1_250_000,
                                 funding=FundingSource.RL_KOMMPRAEV, own_share_cents=100_000),),
        })
        return repos.save_strategy(data, record.rev)

    edit_store(path, make)
    return path


async def open_strategies(app, pilot) -> StrategiesDialog:
    app.open_dossier(PIRNA)
    await settle(pilot)
    assert isinstance(app.screen, DossierScreen)
    await press(pilot, "s")
    assert isinstance(app.screen, StrategiesDialog)
    return app.screen


async def open_strategy(app, pilot) -> StrategyScreen:
    await open_strategies(app, pilot)
    await press(pilot, "enter")
    assert isinstance(app.screen, StrategyScreen)
    return app.screen


async def to_tab(pilot, tab: str) -> None:
    """Show the tab ``tab`` (its pane id) with Ctrl+PgDn or Ctrl+PgUp, whichever is shorter."""
    tabs = pilot.app.screen.query_one("#strategy-tabs")
    ahead = (TABS.index(tab) - TABS.index(tabs.active)) % len(TABS)
    back = len(TABS) - ahead
    await press(pilot, *(["ctrl+pagedown"] * ahead if ahead <= back else ["ctrl+pageup"] * back))
    assert tabs.active == tab


def check_rows(app) -> list[str]:
    return [r[0] for r in rows(q(app, "#check"))]


# -- a new strategy, typed --------------------------------------------------------------------------
async def test_new_strategy_with_findings_goal_measure_and_status(tmp_path):
    path = pirna_with_findings(tmp_path)
    async with running(path) as (app, pilot):
        await open_strategies(app, pilot)
        assert "Strategien von Pirna" in screen_text(app)
        assert "Noch keine Strategie. Mit N eine anlegen." in screen_text(app)
        await press(pilot, "n")
        assert isinstance(app.screen, NewStrategyDialog)
        await replace_input(pilot, "2026")
        await press(pilot, "tab")
        await replace_input(pilot, "2028")
        await press(pilot, "enter")

        screen = app.screen
        assert isinstance(screen, StrategyScreen)
        assert "Strategie Pirna (LK Sächsische Schweiz-Osterzgebirge) 2026–2028" in screen_text(app)
        # the findings of the visits since 2024 are taken, the older one is offered
        findings = q(app, "#findings")
        assert [r[:5] for r in rows(findings)] == [
            ("✓", "04.05.2026", "Vermüllung öffentlicher Plätze", "mittel", "Markt"),
            ("✓", "04.05.2026", "Sachbeschädigung und Graffiti", "hoch", "Bahnhof"),
            ("", "01.06.2023", "Lärm und Ruhestörung", "gering", "Altstadt"),
        ]
        assert "✓   04.05.2026  Vermüllung öffentli…  mittel    Markt" in screen_text(app)  # every column at 80
        await press(pilot, "tab")
        assert screen.focused is findings
        await press(pilot, "space")  # the litter is not part of this strategy
        assert [r[:3] for r in rows(findings)] == [("✓", "04.05.2026", "Sachbeschädigung und Graffiti"),
                                                   ("", "04.05.2026", "Vermüllung öffentlicher Plätze"),
                                                   ("", "01.06.2023", "Lärm und Ruhestörung")]

        await to_tab(pilot, "s-goals")
        assert screen.focused is q(app, "#goals")
        await press(pilot, "a")
        assert isinstance(app.screen, GoalDialog)
        await type_text(pilot, "Weniger Graffiti")
        await press(pilot, "tab")
        await type_text(pilot, "Jugendliche")
        await press(pilot, "tab")
        await type_text(pilot, "Anzeigen wegen Graffiti")
        await press(pilot, "ctrl+s")
        assert rows(q(app, "#goals")) == [("Weniger Graffiti", "Jugendliche", "Anzeigen wegen Graffiti", "")]

        await to_tab(pilot, "s-measures")
        await press(pilot, "a")
        dialog = app.screen
        assert isinstance(dialog, MeasureDialog)
        await type_text(pilot, "Graffiti-Mobil")
        fields = await tab_to(pilot, "problem_fields")
        names = [str(fields.get_option_at_index(i).prompt) for i in range(fields.option_count)]
        await press(pilot, *["down"] * names.index("Sachbeschädigung und Graffiti"), "space")
        await tab_to(pilot, "goals")
        await press(pilot, "space")
        await tab_to(pilot, "start")
        await type_text(pilot, "01.04.2026")
        await press(pilot, "tab")
        await type_text(pilot, "31.12.2026")
        await press(pilot, "tab")
        await type_text(pilot, "12.500,00")
        assert str(dialog.query_one("#funding").value) == "rl_kommpraev"  # the default funding
        await tab_to(pilot, "own_share")
        await type_text(pilot, "1.000")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, StrategyScreen)
        assert rows(q(app, "#measures")) == [
            ("Graffiti-Mobil", "01.04.2026–31.12.2026", "12.500,00 €", "RL KommPräv", "geplant")]
        # the check follows every change: own share below 10 %, litter seen recently but not taken up
        assert static_text(q(app, "#check-summary")) == \
            "Beccaria-Check: 2 Hinweise · Kosten 12.500,00 € · Förderung 11.250,00 €"
        assert check_rows(app) == [LITTERING_NOT_ADDRESSED, OWN_SHARE_LOW.format(title="Graffiti-Mobil")]

        await to_tab(pilot, "s-status")
        await tab_to(pilot, "status")
        await pick(pilot, q(app, "#status"), "abgestimmt")
        await press(pilot, "tab")
        await type_text(pilot, "12.02.2026")
        await press(pilot, "tab")
        await type_text(pilot, "Stadtrat Pirna")
        assert "abgestimmt" in screen_text(app)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, StrategiesDialog)
        assert [r[:4] for r in rows(q(app, "#strategies"))] == [("2026–2028", "", "abgestimmt", "1")]
        assert ("Strategie gespeichert.", "information") in app.notes
    record = disk_records(path, "strategy")[SID]
    data = record["data"]
    visit = next(v for v in disk_records(path, "visit").values() if v["data"]["date"] == "2026-05-04")
    graffiti = next(f for f in visit["data"]["findings"] if f["problem_field"] == "graffiti")
    assert data["findings"] == [{"visit_id": visit["id"], "finding_id": graffiti["id"], "visit_date": "2026-05-04",
                                 "problem_field": "graffiti", "severity": 3, "place": "Bahnhof",
                                 "evidence": "Fotos"}]
    (goal,) = data["goals"]
    assert goal["title"] == "Weniger Graffiti" and goal["target_group"] == "Jugendliche"
    assert goal["indicator"] == "Anzeigen wegen Graffiti"
    (measure,) = data["measures"]
    assert {k: measure[k] for k in ("title", "problem_fields", "goals", "start", "end", "cost_cents", "funding",
                                    "own_share_cents", "state")} == {
        "title": "Graffiti-Mobil", "problem_fields": ["graffiti"], "goals": [goal["id"]], "start": "2026-04-01",
        "end": "2026-12-31", "cost_cents": 1_250_000, "funding": "rl_kommpraev", "own_share_cents": 100_000,
        "state": "planned"}
    assert data["status"] == "agreed" and data["agreed_on"] == "2026-02-12"
    assert data["agreed_with"] == "Stadtrat Pirna"
    assert (data["period_start"], data["period_end"], data["commune"]) == (2026, 2028, PIRNA)
    assert record["updated_by"] == my_id(path)


# -- check, timeline, documents, user text --------------------------------------------------------------
async def test_check_timeline_and_documents_show_user_text_literally(tmp_path):
    path = prepared_strategy(tmp_path, title=f"Mobil {H}", goal=H)
    stored = disk_records(path, "strategy")[SID]
    out = tmp_path / "Dokumente"
    async with running(path) as (app, pilot):
        await open_strategy(app, pilot)
        await to_tab(pilot, "s-goals")
        assert H in screen_text(app)  # the whole goal fits; read as markup, [b] would vanish
        await to_tab(pilot, "s-measures")
        assert rows(q(app, "#measures"))[0][0] == f"Mobil {H}"
        assert "Mobil [/x] [b]fett[/b] …  01.04.2026–31.12.2026" in screen_text(app)
        await to_tab(pilot, "s-timeline")
        chart = static_text(q(app, "#timeline")).splitlines()
        assert chart[0].split() == ["2026", "2027", "2028"]
        # April to December 2026: quarters 2–4 of the first year
        assert chart[1] == "Mobil [/x] [b]fett[/b]… " + "··" + "██" * 3 + "··" * 8
        assert chart[1] in screen_text(app)
        await to_tab(pilot, "s-check")
        assert [r[0] for r in rows(q(app, "#check-finance"))][0] == FINANCE.format(title=f"Mobil {H}")
        assert check_rows(app) == [LITTERING_NOT_ADDRESSED, OWN_SHARE_LOW.format(title=f"Mobil {H}")]
        text = screen_text(app)  # the figures and the hints wrap: every hint can be read to its end
        assert "Mindesteigenanteil (10 %): 1.250,00 € · Eigenanteil fehlt: 250,00 €" in text
        shown = " ".join(line.strip() for line in text.splitlines())
        assert f"M1 Mobil {H} · RL KommPräv" in shown
        assert LITTERING_NOT_ADDRESSED in shown
        assert OWN_SHARE_LOW.format(title=f"Mobil {H}") in shown

        await press(pilot, "f6")
        assert isinstance(app.screen, ExportDocumentDialog)
        await tab_to(pilot, "folder")
        await replace_input(pilot, str(out))
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, StrategyScreen)
        await press(pilot, "f6")
        await pick(pilot, q(app, "#format"), "Markdown (.md)")
        await tab_to(pilot, "folder")
        await replace_input(pilot, str(out))
        await press(pilot, "ctrl+s")
        written = sorted(p.name for p in out.iterdir())
        assert written == ["strategie-Pirna-2026-2028.html", "strategie-Pirna-2026-2028.md"]
        assert (f"Dokument geschrieben: {out / written[0]}", "information") in app.notes
        await press(pilot, "escape")  # nothing changed: leaves without asking
        assert isinstance(app.screen, StrategiesDialog)
    page = (out / "strategie-Pirna-2026-2028.html").read_text(encoding="utf-8")
    assert "Pirna" in page
    assert html.escape(f"Mobil {H}") in page and html.escape(H) in page
    assert "<script>alert(1)</script>" not in page and "[@click=app.quit]" in page
    markdown = (out / "strategie-Pirna-2026-2028.md").read_text(encoding="utf-8")
    assert "# Präventionsstrategie Pirna" in markdown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown and "<script>" not in markdown
    assert "Mobil" in markdown and "fett" in markdown
    assert disk_records(path, "strategy")[SID] == stored  # exporting changes nothing


# -- leaving, history, drafts ---------------------------------------------------------------------------
async def test_escape_asks_and_history_lists_two_saves(tmp_path):
    path = prepared_strategy(tmp_path)
    stored = disk_records(path, "strategy")[SID]
    async with running(path) as (app, pilot):
        screen = await open_strategy(app, pilot)
        await to_tab(pilot, "s-causes")
        await type_text(pilot, "Keine Angebote für Jugendliche")
        await press(pilot, "escape")
        assert isinstance(app.screen, ChoiceDialog)
        text = screen_text(app)
        assert "Diese Strategie hat Änderungen, die noch nicht gespeichert sind." in text
        for button in ("Speichern", "Verwerfen", "Weiter bearbeiten"):
            assert button in text
        await press(pilot, "tab", "tab", "enter")  # Weiter bearbeiten
        assert app.screen is screen and q(app, "#cause_analysis").text == "Keine Angebote für Jugendliche"
        await press(pilot, "escape", "tab", "enter")  # Verwerfen
        assert isinstance(app.screen, StrategiesDialog)
        assert disk_records(path, "strategy")[SID] == stored

        await press(pilot, "enter")
        await to_tab(pilot, "s-causes")
        await type_text(pilot, "Keine Angebote für Jugendliche")
        await press(pilot, "escape", "enter")  # Speichern
        assert isinstance(app.screen, StrategiesDialog)
        await press(pilot, "enter")
        await to_tab(pilot, "s-status")
        await type_text(pilot, "Sicheres Pirna")
        await press(pilot, "ctrl+s")
        await press(pilot, "enter")
        await to_tab(pilot, "s-history")
        history = rows(q(app, "#history"))
        assert [h[1:] for h in history] == [("SS", "Titel"), ("SS", "Ursachenanalyse"), ("SS", "Ziele, Maßnahmen"),
                                            ("SS", "angelegt")]
        assert "Ursachenanalyse" in screen_text(app)
    data = disk_records(path, "strategy")[SID]["data"]
    assert data["cause_analysis"] == "Keine Angebote für Jugendliche"
    assert data["title"] == "Sicheres Pirna"
    assert drafts_of(path) == []


async def test_strategy_draft_survives_a_crash(tmp_path, fast_autosave):
    path = prepared_strategy(tmp_path)
    stored = disk_records(path, "strategy")[SID]
    async with running(path) as (app, pilot):
        await open_strategy(app, pilot)
        await to_tab(pilot, "s-causes")
        await type_text(pilot, "Getippt vor dem Absturz")
        draft = await wait_for_draft(pilot, path)
        assert draft["payload"]["strategy_id"] == SID
        assert draft["payload"]["form"]["cause_analysis"] == "Getippt vor dem Absturz"
        app.exit()  # gone without saving
    assert disk_records(path, "strategy")[SID] == stored

    async with running(path) as (app, pilot):
        assert isinstance(app.screen, DraftsDialog)
        assert [r[0] for r in rows(q(app, "#draft-list"))] == ["Strategie Pirna 2026–2028"]
        await press(pilot, "enter")
        assert isinstance(app.screen, StrategyScreen)
        assert q(app, "#cause_analysis").text == "Getippt vor dem Absturz"
        assert ("Entwurf wiederhergestellt – bitte prüfen und speichern.", "information") in app.notes
        await press(pilot, "ctrl+s")
    record = disk_records(path, "strategy")[SID]
    assert record["data"]["cause_analysis"] == "Getippt vor dem Absturz"
    assert record["data"]["measures"] == stored["data"]["measures"]
    assert drafts_of(path) == []
