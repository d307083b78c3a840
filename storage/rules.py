"""The rules every stored record follows beyond its schema; ``check_store`` and the import share them.

- references resolve: a visit's or strategy's commune is one of the packaged communes, every
  problem field a finding or measure names is in the catalog (of the store, or of the same
  bundle), a measure's goals are goals of its strategy. The consultants a visit names are not
  checked: two laptops' files reach HQ in any order, and a visit that names a colleague may come
  before the colleague's own record (the app shows an unknown consultant by a short id);
- only the packaged list defines communes: a commune record is a revision of a packaged commune;
- names are not empty (communes: name and Kreis; consultants; problem fields);
- only HQ extends the problem-field catalog and sets the programme's budget (``new_problem_field``,
  import only).

Deleted records (tombstones) need not resolve anything: nothing shows or counts them. The rules
take raw dicts that already passed their schema (``records.parse_record`` or a bundle's strict
validation), so they only look at meaning, and cheaply: an import of 20,000 visits runs them all.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Collection

from . import messages as M
from .reference import commune_rows


@lru_cache(maxsize=1)
def packaged_communes() -> frozenset[str]:
    """AGS of every commune of the packaged municipality list: the only communes there are."""
    return frozenset(c.ags for c in commune_rows())


def _empty(value: Any) -> bool:
    return not isinstance(value, str) or not value.strip()


def _visit(data: dict[str, Any], codes: Collection[str]) -> list[str]:
    out = []
    if data["commune"] not in packaged_communes():
        out.append(M.RULE_UNKNOWN_COMMUNE.format(ags=data["commune"]))
    for finding in data.get("findings", ()):
        if finding["problem_field"] not in codes:
            out.append(M.RULE_UNKNOWN_PROBLEM_FIELD.format(code=finding["problem_field"]))
    return out


def _strategy(data: dict[str, Any], codes: Collection[str]) -> list[str]:
    out = []
    if data["commune"] not in packaged_communes():
        out.append(M.RULE_UNKNOWN_COMMUNE.format(ags=data["commune"]))
    for ref in data.get("findings", ()):
        if ref["problem_field"] not in codes:
            out.append(M.RULE_STRATEGY_FINDING.format(finding=ref["finding_id"], code=ref["problem_field"]))
    goals = {goal["id"] for goal in data.get("goals", ())}
    for measure in data.get("measures", ()):
        title = f"„{measure['title']}“"
        out += [M.RULE_MEASURE_FIELD.format(measure=title, code=code)
                for code in measure.get("problem_fields", ()) if code not in codes]
        out += [M.RULE_MEASURE_GOAL.format(measure=title, goal=goal)
                for goal in measure.get("goals", ()) if goal not in goals]
    return out


def _commune(raw: dict[str, Any]) -> list[str]:
    data = raw["data"]
    out = []
    if raw["id"] not in packaged_communes():
        out.append(M.RULE_COMMUNE_NOT_PACKAGED.format(ags=raw["id"]))
    if _empty(data.get("name")):
        out.append(M.RULE_EMPTY.format(field=M.FIELD_NAME))
    if _empty(data.get("kreis")):
        out.append(M.RULE_EMPTY.format(field=M.FIELD_KREIS))
    return out


def record_problems(raw: dict[str, Any], codes: Collection[str]) -> list[str]:
    """What is wrong with a (schema-valid) record beyond its schema, in German; empty if nothing.

    ``codes``: the problem-field codes that exist (the store's catalog, plus a bundle's own
    problem-field records).
    """
    if raw.get("deleted"):
        return []
    kind = raw["kind"]
    if kind == "visit":
        return _visit(raw["data"], codes)
    if kind == "strategy":
        return _strategy(raw["data"], codes)
    if kind == "commune":
        return _commune(raw)
    if kind in ("consultant", "problem_field") and _empty(raw["data"].get("name")):
        return [M.RULE_EMPTY.format(field=M.FIELD_NAME)]
    return []


def new_problem_field(raw: dict[str, Any], known: Collection[str], from_hq: bool) -> str | None:
    """The problem if ``raw`` would extend the catalog (a code not in ``known``) from a bundle not made by
    HQ, or change the programme's settings (only HQ sets the budget)."""
    if raw["kind"] == "programme" and not from_hq:
        return M.RULE_PROGRAMME_NOT_HQ
    if raw["kind"] != "problem_field" or from_hq or raw["id"] in known:
        return None
    return M.RULE_NEW_PROBLEM_FIELD.format(code=raw["id"])


__all__ = ["new_problem_field", "packaged_communes", "record_problems"]
