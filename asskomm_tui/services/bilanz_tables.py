"""The Bilanz as German tables: one list of ``Table`` that every format writes (CSV file by file,
XLSX sheet by sheet, and the tables of the Markdown, HTML and DOCX documents), so a figure cannot
differ between formats. Cells keep their type (``int``, ``Money``, ``str``); each format writes
numbers as numbers. User text (commune and consultant names, places) is data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Sequence

from .. import strings as S
from ..formatting import fmt_date, short_kreis
from .bilanz import DEFINITIONS, SCALARS, Bilanz, Names

MONTHS = ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez")


@dataclass(frozen=True)
class Money:
    """An amount in cents (written as euros with two decimals, a number in CSV and XLSX)."""

    cents: int


Cell = str | int | Money | None


@dataclass(frozen=True)
class Table:
    """One table: ``key`` names its CSV file and XLSX sheet, ``title`` is its German heading."""

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    chart: str = ""  # "bar": the first column labels bars of the second; "line": a monthly line

    def column(self, index: int) -> list[Cell]:
        return [row[index] for row in self.rows]


# the single-number figures in the order of the report, with their German names
FIGURE_LABELS: dict[str, str] = {
    "communes_advised": "Kommunen beraten",
    "communes_first_contact": "Kommunen erstmals kontaktiert",
    "members": "ASSKomm-Mitglieder (am Ende)",
    "members_new": "neue Mitglieder",
    "model_communes": "Modellkommunen",
    "kpr_constituted_or_reactivated": "KPR konstituiert oder reaktiviert",
    "kpr_active": "KPR aktiv (am Ende)",
    "cooperation_agreements": "Kooperationsvereinbarungen unterzeichnet",
    "coaching.started": "Coachings begonnen",
    "coaching.completed": "Coachings abgeschlossen",
    "coaching.active": "Kommunen mit Coaching (am Ende)",
    "security_analyses": "Sicherheitsanalysen abgeschlossen",
    "visits": "Besuche",
    "follow_ups.created": "Folgeaufgaben vereinbart",
    "follow_ups.done": "Folgeaufgaben erledigt",
    "follow_ups.overdue": "Folgeaufgaben überfällig (am Ende)",
    "funding.cost_cents": "RL KommPräv: Kosten",
    "funding.own_share_cents": "RL KommPräv: Eigenanteil",
    "funding.requested_cents": "RL KommPräv: beantragte Förderung",
}
assert set(FIGURE_LABELS) == set(SCALARS)


def definition(key: str) -> str:
    """The German definition of a figure (its dotted key or its group)."""
    group = key.split(".")[0]
    if key in DEFINITIONS:
        return DEFINITIONS[key]
    if group == "coaching":
        return DEFINITIONS["coaching_" + key.split(".")[1]]
    if group == "follow_ups":
        return DEFINITIONS["follow_ups_" + key.split(".")[1]]
    return DEFINITIONS.get(group, "")


def period_text(b: Bilanz) -> str:
    return f"{fmt_date(b.period.start)} – {fmt_date(b.period.end)}"


def month_label(key: str) -> str:
    """``2025-03`` → ``Mär 2025``."""
    year, month = key.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def _value(b: Bilanz, key: str) -> Cell:
    value = b.scalar(key)
    return Money(value) if key.endswith("_cents") else value


def tables(b: Bilanz) -> list[Table]:
    """Every table of the Bilanz, in the order of the report."""
    names = b.names or Names({}, {}, {}, {})
    f = b.figures
    before = b.previous
    figures = tuple(
        (FIGURE_LABELS[k], _value(b, k),
         _value(before, k) if before else None,
         (Money(b.scalar(k) - before.scalar(k)) if k.endswith("_cents") else b.scalar(k) - before.scalar(k))
         if before else None,
         definition(k))
        for k in FIGURE_LABELS)
    fields = sorted(f["problem_fields"].items(), key=lambda kv: (-kv[1]["findings"], kv[0]))
    field_codes = [code for code, _ in fields]
    out = [
        Table("kennzahlen", S.BILANZ_T_FIGURES, ("Kennzahl", "Wert", "Vorzeitraum", "Δ", "Definition"), figures),
        Table("besuche_nach_art", S.BILANZ_T_KINDS, ("Art", "Besuche"),
              tuple((S.label(S.VISIT_KIND, k), n) for k, n in sorted(f["visits_by_kind"].items(),
                                                                      key=lambda kv: (-kv[1], kv[0]))), "bar"),
        Table("besuche_nach_monat", S.BILANZ_T_MONTHS, ("Monat", "Besuche"),
              tuple((month_label(m), n) for m, n in f["visits_by_month"].items()), "line"),
        Table("besuche_nach_beratung", S.BILANZ_T_CONSULTANTS, ("Beraterin / Berater", "Besuche"),
              tuple((names.consultant(c), n) for c, n in sorted(f["visits_by_consultant"].items(),
                                                                key=lambda kv: (-kv[1], names.consultant(kv[0])))),
              "bar"),
        Table("problemfelder", S.BILANZ_T_FIELDS, ("Problemfeld", "Kommunen", "Feststellungen"),
              tuple((names.problem_fields.get(c, c), v["communes"], v["findings"]) for c, v in fields), "bar"),
        Table("kreise", S.BILANZ_T_KREISE,
              ("Kreis", "Kommunen beraten", "Besuche", *(names.problem_fields.get(c, c) for c in field_codes)),
              tuple((short_kreis(k["name"]) or key, k["communes_advised"], k["visits"],
                     *(k["problem_fields"].get(c, 0) for c in field_codes))
                    for key, k in f["by_kreis"].items())),
        Table("schweregrade", S.BILANZ_T_SEVERITIES, ("Schwere", "Datum", "Kommune", "Problemfeld", "Ort"),
              tuple((s["severity"], fmt_date(date.fromisoformat(s["date"])), names.communes.get(s["commune"], s["commune"]),
                     names.problem_fields.get(s["problem_field"], s["problem_field"]), s["place"])
                    for s in f["severities"])),
        Table("strategien", S.BILANZ_T_STRATEGIES, ("Status", "Strategien"),
              tuple((S.label(S.STRATEGY_STATUS, k), n) for k, n in f["strategies_by_status"].items())),
        Table("foerderung", S.BILANZ_T_FUNDING, ("Jahr", "Kosten", "Eigenanteil", "beantragt", "Budget"),
              tuple((year, Money(v["cost_cents"]), Money(v["own_share_cents"]), Money(v["requested_cents"]),
                     Money(v["budget_cents"])) for year, v in f["funding"]["by_year"].items())),
    ]
    return out


def plain(cell: Cell) -> str:
    """A cell as German text (``1.234``, ``9.000,00 €``, ``+3``/``−2`` for a Δ is the caller's)."""
    from ..formatting import fmt_eur, fmt_int

    if cell is None:
        return ""
    if isinstance(cell, Money):
        return fmt_eur(cell.cents)
    if isinstance(cell, int):
        return fmt_int(cell)
    return cell


def signed(cell: Cell) -> str:
    """A Δ with its sign: ``+3``, ``−2``, ``±0``."""
    if cell is None:
        return ""
    value = cell.cents if isinstance(cell, Money) else int(cell)  # type: ignore[arg-type]
    text = plain(Money(abs(value)) if isinstance(cell, Money) else abs(value))
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def table_strings(table: Table) -> list[list[str]]:
    """The rows as display strings (the Δ column signed)."""
    delta = table.header.index("Δ") if "Δ" in table.header else -1
    return [[signed(c) if i == delta else plain(c) for i, c in enumerate(row)] for row in table.rows]


def budget_text(funding: dict[str, Any]) -> str:
    """``60.300,00 € von 1.300.000,00 € beantragt (4,6 %)``: the grant requested against the budget."""
    from ..formatting import fmt_eur

    share = funding["requested_cents"] / funding["budget_cents"] * 100 if funding["budget_cents"] else 0.0
    return S.BILANZ_GAUGE_TEXT.format(requested=fmt_eur(funding["requested_cents"]),
                                      budget=fmt_eur(funding["budget_cents"]), share=f"{share:.1f}".replace(".", ","))


def scope_text(b: Bilanz) -> str:
    """``LK Görlitz · Anna Richter (AR)``, or ``ganz Sachsen``."""
    names = b.names or Names({}, {}, {}, {})
    parts = []
    if b.scope.kreis:
        parts.append(short_kreis(names.kreise.get(b.scope.kreis, b.scope.kreis)))
    if b.scope.consultant:
        parts.append(names.consultant(b.scope.consultant))
    return " · ".join(parts) or S.BILANZ_ALL


def headline(b: Bilanz) -> Sequence[tuple[str, Any]]:
    """The figures the programme reports itself by, for the top of every document."""
    return [(FIGURE_LABELS[k], plain(_value(b, k))) for k in
            ("communes_advised", "communes_first_contact", "kpr_constituted_or_reactivated", "kpr_active",
             "cooperation_agreements", "coaching.active", "security_analyses", "model_communes")]
