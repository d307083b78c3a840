"""German formatting and parsing of dates, numbers and sizes for the screens."""

from __future__ import annotations

import re
from datetime import date, datetime

from storage.messages import fmt_int, fmt_size  # noqa: F401  (the one German number and size format)

_DATE_DE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\s*$")
_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def fmt_date(value: date | None) -> str:
    """``14.03.2026``; empty for None."""
    return value.strftime("%d.%m.%Y") if value else ""


def fmt_datetime(value: datetime | None) -> str:
    """``14.03.2026 09:05``; empty for None."""
    return value.strftime("%d.%m.%Y %H:%M") if value else ""


def parse_date(text: str) -> date | None:
    """Parse ``14.03.2026``, ``14.3.26`` or ``2026-03-14``; None for empty text.

    Raises ValueError for anything else (including impossible dates like 31.02.2026).
    """
    if not text.strip():
        return None
    if m := _DATE_DE.match(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if len(m[3]) == 2:
            year += 2000
        return date(year, month, day)
    if m := _DATE_ISO.match(text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    raise ValueError(text)


def short_kreis(kreis: str) -> str:
    """``Landkreis Görlitz`` → ``LK Görlitz``, ``Kreisfreie Stadt Leipzig`` → ``Leipzig (kreisfrei)``."""
    if kreis.startswith("Landkreis "):
        return "LK " + kreis[len("Landkreis "):]
    if kreis.startswith("Kreisfreie Stadt "):
        return kreis[len("Kreisfreie Stadt "):] + " (kreisfrei)"
    return kreis


def initials_of(name: str) -> str:
    """Suggested initials: first letters of the first and last word (``Anna Richter`` → ``AR``)."""
    words = [w for w in re.split(r"[\s-]+", name.strip()) if w and w[0].isalpha()]
    if not words:
        return ""
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[-1][0]).upper()


def fmt_eur(cents: int, symbol: bool = True) -> str:
    """``1250000`` → ``12.500,00 €`` (``12.500,00`` without the symbol)."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    text = f"{sign}{fmt_int(euros)},{rest:02d}"
    return f"{text} €" if symbol else text


def parse_eur(text: str) -> int:
    """Euro amount typed by a user → cents: ``12.500,00``, ``12500``, ``12500,5``, ``1.250 €``.

    Raises ValueError for anything else (also for negative amounts and more than two decimals).
    """
    cleaned = text.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return 0
    if not re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d{1,2})?|\d+(,\d{1,2})?", cleaned):
        raise ValueError(text)
    euros, _, cents = cleaned.replace(".", "").partition(",")
    return int(euros) * 100 + int((cents + "00")[:2])
