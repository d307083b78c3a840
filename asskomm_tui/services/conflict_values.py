"""How the conflict screen shows and merges field values (UI-free)."""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from .. import strings as S

LIST_FIELDS = frozenset({"consultants", "participants", "findings", "follow_ups", "contacts", "goals", "measures",
                         "evaluation_items"})
_ENUM_LABELS = {
    "kind": S.VISIT_KIND, "kpr_status": S.KPR_STATUS, "cooperation_agreement": S.AGREEMENT_STATUS,
    "coaching": S.COACHING_STATUS, "security_analysis": S.ANALYSIS_STATUS,
}


def describe(field: str, value: Any, names: Callable[[str, str], str]) -> str:
    """A one-line German rendering of a stored value; ``names(kind, id)`` names referenced records."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return S.YES if value else S.NO
    if field in _ENUM_LABELS:
        return S.label(_ENUM_LABELS[field], value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value).strftime("%d.%m.%Y")
        except ValueError:
            return value
    if field == "commune":
        return names("commune", value)
    if field == "consultants":
        return ", ".join(names("consultant", c) for c in value)
    if field == "findings":
        return f"{len(value)}: " + "; ".join(
            f"{names('problem_field', f['problem_field'])} ({S.label(S.SEVERITY, f.get('severity', 2))})"
            for f in value)
    if field == "follow_ups":
        return f"{len(value)}: " + "; ".join(f"{f['text']}{' ✓' if f.get('done') else ''}" for f in value)
    if field == "contacts":
        return f"{len(value)}: " + "; ".join(c["name"] for c in value)
    if field in ("goals", "measures"):
        return f"{len(value)}: " + "; ".join(item["title"] for item in value)
    if field == "evaluation_items":
        return f"{len(value)}: " + "; ".join(item["indicator"] for item in value)
    if field == "status":
        return S.label(S.STRATEGY_STATUS, value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value).replace("\n", " ⏎ ")


def union(values: list[list[Any]]) -> list[Any]:
    """All items of several versions of a list field, each once (items with an ``id`` matched by id,
    the first version's item winning), in first-seen order."""
    out: list[Any] = []
    seen: set[Any] = set()
    for items in values:
        for item in items:
            key = item.get("id") if isinstance(item, dict) else item
            if key not in seen:
                seen.add(key)
                out.append(item)
    return out


def differing_fields(datas: list[dict[str, Any]]) -> list[str]:
    """Fields whose value is not the same in every version, in the order of the first version."""
    fields = list(dict.fromkeys(k for d in datas for k in d))
    return [f for f in fields if any(d.get(f) != datas[0].get(f) for d in datas[1:])]
