"""Packaged reference data: the 418 Saxon communes and the German problem-field catalog.

Reference rows get deterministic revisions (no device, no clock), so every fresh store holds
byte-identical reference records and they merge without conflicts.
"""

from __future__ import annotations

import csv
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from typing import Any

from .canonical import make_rev, rev_hash
from .records import CommuneData, ProblemFieldData, data_to_raw

REFERENCE_ORIGIN = "reference"
REFERENCE_AUTHOR = "reference"
# Gebietsstand of the packaged municipality list (see data/README.md).
REFERENCE_TIME = datetime(2025, 9, 30, tzinfo=timezone.utc)

PROBLEM_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("graffiti", "Sachbeschädigung und Graffiti",
     "Beschmierte Fassaden, Haltestellen und Denkmäler, beschädigtes Stadtmobiliar."),
    ("vandalism", "Vandalismus",
     "Mutwillige Zerstörung öffentlicher Einrichtungen, Spielplätze, Schulen."),
    ("littering", "Vermüllung öffentlicher Plätze",
     "Müll auf Plätzen und in Parks, illegale Müllablagerung."),
    ("dog_mess", "Hundekot", "Verschmutzung von Gehwegen, Grünanlagen und Spielplätzen."),
    ("public_violence", "Gewalt im öffentlichen Raum",
     "Körperverletzungen, Bedrohungen und Raub auf Straßen und Plätzen."),
    ("extremism", "Extremismus", "Politischer oder religiöser Extremismus und Radikalisierung."),
    ("drug_abuse", "Drogenmissbrauch", "Konsum und Handel illegaler Drogen, Crystal Meth."),
    ("public_alcohol", "Alkoholkonsum im öffentlichen Raum",
     "Trinkertreffs, alkoholbedingte Störungen auf öffentlichen Plätzen."),
    ("noise", "Lärm und Ruhestörung", "Nächtlicher Lärm, Treffpunkte, Veranstaltungen."),
    ("fear_spaces", "Angsträume und Sicherheitsgefühl",
     "Unbeleuchtete Wege, Unterführungen, Orte, die gemieden werden."),
    ("burglary", "Wohnungseinbruch", "Einbrüche in Wohnungen, Keller und Gartenlauben."),
    ("juvenile_delinquency", "Jugenddelinquenz", "Straftaten von Kindern und Jugendlichen."),
    ("domestic_violence", "Häusliche Gewalt", "Gewalt in Partnerschaft und Familie."),
    ("traffic_safety", "Verkehrssicherheit",
     "Gefährliche Stellen für Radfahrende, Kinder und Senioren."),
    ("senior_fraud_cybercrime", "Betrug an Senioren und Cybercrime",
     "Enkeltrick, Schockanrufe, falsche Polizeibeamte, Betrug im Internet."),
    ("school_absenteeism", "Schulabsentismus", "Häufiges unentschuldigtes Fehlen in der Schule."),
    ("bullying", "Mobbing", "Mobbing in Schule, Verein und im Netz."),
)


@lru_cache(maxsize=1)
def commune_rows() -> tuple[CommuneData, ...]:
    """The packaged municipality list as ``CommuneData`` (no ASSKomm status)."""
    text = resources.files("storage").joinpath("data/sachsen_gemeinden.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    return tuple(
        CommuneData(ags=row["ags"], name=row["name"], kreis=row["kreis"], population=int(row["population"]))
        for row in rows
    )


@lru_cache(maxsize=1)
def reference_ids() -> frozenset[tuple[str, str]]:
    """(kind, id) of every packaged reference record, without building the records (~10 ms with
    their revisions): a store that holds them all, as every store does after its first start,
    needs nothing more when it opens."""
    text = resources.files("storage").joinpath("data/sachsen_gemeinden.csv").read_text("utf-8")
    ids = {("commune", row["ags"]) for row in csv.DictReader(text.splitlines())}
    return frozenset(ids | {("problem_field", code) for code, _, _ in PROBLEM_FIELDS})


def reference_record(kind: str, record_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """A first revision with deterministic metadata."""
    rev = make_rev(None, False, data)
    return {
        "kind": kind,
        "id": record_id,
        "rev": rev,
        "revs": [rev_hash(rev)],
        "deleted": False,
        "updated_at": REFERENCE_TIME.isoformat().replace("+00:00", "Z"),
        "updated_by": REFERENCE_AUTHOR,
        "origin": REFERENCE_ORIGIN,
        "seq": 0,
        "data": data,
    }


def reference_records() -> list[dict[str, Any]]:
    """Every packaged reference record as a raw dict, communes first."""
    out = [reference_record("commune", c.ags, data_to_raw(c)) for c in commune_rows()]
    for code, name, description in PROBLEM_FIELDS:
        data = data_to_raw(ProblemFieldData(code=code, name=name, description=description))
        out.append(reference_record("problem_field", code, data))
    return out
