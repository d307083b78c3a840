"""Every German text of the ``storage`` package, in one place, with plural forms.

``storage`` never imports the UI, so its messages (errors, check reports, import reports, record
labels) live here; the UI's texts live in ``asskomm_tui/strings.py``, which reuses ``Plural``.
A translation adds a sibling module and switches the import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def fmt_int(value: int) -> str:
    """``40.039`` (German thousands separator)."""
    return f"{value:,}".replace(",", ".")


@dataclass(frozen=True)
class Plural:
    """A text about a count, in its German singular and plural form.

    ``HINTS = Plural("{n} Hinweis", "{n} Hinweise")``; ``HINTS(1)`` → ``"1 Hinweis"``,
    ``HINTS(1200)`` → ``"1.200 Hinweise"``. Further ``{placeholders}`` are filled from keywords.
    """

    one: str
    other: str

    def __call__(self, n: int, **values: Any) -> str:
        template = self.one if n == 1 else self.other
        return template.format(n=fmt_int(n), **values)


# -- pydantic's error types, in German (``errors.validation_detail``) --------------------------------
VALIDATION = {
    "missing": "fehlt",
    "extra_forbidden": "unbekanntes Feld",
    "string_too_long": "höchstens {max_length} Zeichen erlaubt",
    "string_too_short": "darf nicht leer sein",
    "string_pattern_mismatch": "hat nicht die erwartete Form",
    "string_type": "muss ein Text sein",
    "string_unicode": "ist kein gültiger Text",
    "int_type": "muss eine ganze Zahl sein",
    "int_parsing": "muss eine ganze Zahl sein",
    "int_from_float": "muss eine ganze Zahl sein",
    "float_type": "muss eine Zahl sein",
    "bool_type": "muss wahr oder falsch sein",
    "bool_parsing": "muss wahr oder falsch sein",
    "greater_than_equal": "muss mindestens {ge} sein",
    "greater_than": "muss größer als {gt} sein",
    "less_than_equal": "darf höchstens {le} sein",
    "less_than": "muss kleiner als {lt} sein",
    "date_type": "muss ein Datum sein",
    "date_parsing": "ist kein gültiges Datum",
    "date_from_datetime_parsing": "ist kein gültiges Datum",
    "date_from_datetime_inexact": "ist kein gültiges Datum",
    "datetime_type": "muss ein Zeitpunkt sein",
    "datetime_parsing": "ist kein gültiger Zeitpunkt",
    "datetime_from_date_parsing": "ist kein gültiger Zeitpunkt",
    "timezone_aware": "braucht eine Zeitzone",
    "uuid_type": "ist keine gültige UUID",
    "uuid_parsing": "ist keine gültige UUID",
    "literal_error": "hat einen unbekannten Wert (erwartet: {expected})",
    "enum": "hat einen unbekannten Wert (erwartet: {expected})",
    "list_type": "muss eine Liste sein",
    "tuple_type": "muss eine Liste sein",
    "dict_type": "muss ein Objekt sein",
    "model_type": "muss ein Objekt sein",
    "model_attributes_type": "muss ein Objekt sein",
    "too_long": "hat zu viele Einträge (höchstens {max_length})",
    "too_short": "hat zu wenige Einträge (mindestens {min_length})",
    "union_tag_invalid": "hat eine unbekannte Art {tag}",
    "union_tag_not_found": "nennt keine Art (kind)",
    "json_invalid": "ist kein gültiges JSON",
    "frozen_instance": "darf nicht geändert werden",
}
VALIDATION_OTHER = "ist ungültig"
