"""``asskomm --demo`` shows every part of the app: its showcase store in the running app at 80x24."""

from __future__ import annotations

from asskomm_tui.dialogs.strategies import StrategiesDialog
from asskomm_tui.screens.conflicts import ConflictsScreen
from asskomm_tui.screens.overview import OverviewScreen
from asskomm_tui.screens.strategy import TABS, StrategyScreen
from ui_helpers import PIRNA, demo_store, press, q, rows, running, screen_text, settle

FREITAL = "14628110"


async def test_the_demo_has_due_work_conflicts_and_strategies(tmp_path):
    path = demo_store(tmp_path, showcase=True)  # ends on 26.11.2026
    async with running(path) as (app, pilot):
        assert isinstance(app.screen, OverviewScreen)
        due = {r[2]: r[0] for r in rows(q(app, "#due"))}
        assert due["Stellungnahme des Polizeireviers einholen"] == "27.11.2026"
        assert due["Antragsunterlagen RL KommPräv mit der Kämmerei abstimmen"] == "30.11.2026"
        assert due["Kostenschätzung Beleuchtung vom Bauamt anfordern"] == "20.11.2026 überfällig"

        await press(pilot, "f7")
        assert isinstance(app.screen, ConflictsScreen)
        assert sorted(r[:3] for r in rows(q(app, "#conflict-list"))) == [
            ("Besuch", "Besuch in Freital am 23.11.2026", "2"), ("Strategie", "Strategie Freital 2027–2028", "2")]
        assert "Strategie Freital 2027–2028" in screen_text(app)

        app.open_dossier(PIRNA)
        await settle(pilot)
        await press(pilot, "s")
        assert isinstance(app.screen, StrategiesDialog)
        assert [r[:3] for r in rows(q(app, "#strategies"))] == [
            ("2025–2027", "Sicher und sauber in Pirna", "in Umsetzung"),
            ("2022–2024", "Jugend und öffentlicher Raum", "evaluiert")]
        await press(pilot, "enter")
        assert isinstance(app.screen, StrategyScreen)
        for _ in range(TABS.index("s-check")):
            await press(pilot, "ctrl+pagedown")
        finance = [r[0] for r in rows(q(app, "#check-finance"))]
        # the coordination post asks for 52.000 € with 3.900 € own share: 1.300 € are missing
        koord = next(f for f in finance if "Präventionskoordination" in f)
        assert "Eigenanteil fehlt: 1.300,00 €" in koord and "Gekappt auf 90 %" in koord
        assert any("Videoüberwachung" in f and "verworfen" in f for f in finance)
        hints = [r[0] for r in rows(q(app, "#check"))]
        assert any("Präventionskoordination" in h and "Es fehlen 1.300,00 €" in h for h in hints)
        await press(pilot, "escape")
