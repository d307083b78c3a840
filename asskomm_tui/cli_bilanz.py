"""``asskomm bilanz [--von TT.MM.JJJJ] [--bis TT.MM.JJJJ] [--programmjahr N | --seit-beginn]
[--kreis NAME|SCHLÜSSEL] [--berater KÜRZEL] [--format json|csv|md|html|xlsx|docx] [--out PATH] [--db PATH]``.

Read-only: a snapshot of the store (``Store.snapshot``), so it works while the app has the store
open and never creates or locks one. Exit 0 when written, 1 when the store cannot be read or the
file not written, 2 for a wrong call (a wrong date, an unknown Kreis or consultant).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import strings as S
from .cli_store import add_db_option, day_argument, err
from .formatting import fmt_date


_day = day_argument(S.CLI_BILANZ_BAD_DATE)


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(S.CLI_BILANZ_BAD_YEAR.format(value=text))
    return value


# the formats of services/bilanz_export.py (not imported here: the parser is built at every start)
FORMATS = ("json", "csv", "md", "html", "xlsx", "docx")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``bilanz`` with German help texts."""
    p = sub.add_parser("bilanz", help=S.CLI_BILANZ_HELP, description=S.CLI_BILANZ_DESCRIPTION)
    p.add_argument("--von", type=_day, metavar="TT.MM.JJJJ", help=S.CLI_BILANZ_FROM_HELP)
    p.add_argument("--bis", type=_day, metavar="TT.MM.JJJJ", help=S.CLI_BILANZ_TO_HELP)
    p.add_argument("--programmjahr", type=_year, metavar="N", help=S.CLI_BILANZ_YEAR_HELP)
    p.add_argument("--seit-beginn", action="store_true", dest="since_start", help=S.CLI_BILANZ_SINCE_HELP)
    p.add_argument("--kreis", metavar="NAME|SCHLÜSSEL", help=S.CLI_BILANZ_KREIS_HELP)
    p.add_argument("--berater", metavar="KÜRZEL", help=S.CLI_BILANZ_CONSULTANT_HELP)
    p.add_argument("--format", choices=FORMATS, default="json", help=S.CLI_BILANZ_FORMAT_HELP)
    p.add_argument("--out", type=Path, metavar="PATH", help=S.CLI_BILANZ_OUT_HELP)
    add_db_option(p)


def period_of(args: argparse.Namespace, today: date):  # type: ignore[no-untyped-def]
    """The period the options name (ValueError with a German message when they contradict)."""
    from .services.bilanz import Period

    if args.programmjahr and (args.since_start or args.von):
        raise ValueError(S.CLI_BILANZ_BOTH)
    if args.since_start and args.von:
        raise ValueError(S.CLI_BILANZ_BOTH)
    if args.programmjahr:
        return Period.programme_year(args.programmjahr)
    if args.since_start:
        return Period.since_start(args.bis or today)
    start = args.von or date(today.year, 1, 1)
    end = args.bis or date(start.year, 12, 31)
    if end < start:
        raise ValueError(S.CLI_BILANZ_BAD_RANGE.format(start=fmt_date(start), end=fmt_date(end)))
    return Period(start, end)


def cmd_bilanz(path: Path, args: argparse.Namespace, today: date | None = None) -> int:
    """Compute the Bilanz on a snapshot and write it (json and md to standard output without --out)."""
    from storage import Store, StoreError

    from .services import bilanz_export as E
    from .services.bilanz import Scope, compute, find_consultant, find_kreis

    today = today or date.today()
    try:
        period = period_of(args, today)
    except ValueError as exc:
        err(str(exc))
        return 2
    try:
        with Store.snapshot(path) as store:
            kreis = consultant = None
            if args.kreis:
                kreis = find_kreis(store, args.kreis)
                if kreis is None:
                    names = sorted({r["data"]["kreis"] for r in store.raws("commune") if not r["deleted"]})
                    err(S.CLI_BILANZ_NO_KREIS.format(value=args.kreis, kreise=", ".join(names)))
                    return 2
            if args.berater:
                consultant = find_consultant(store, args.berater)
                if consultant is None:
                    known = sorted(str(r["data"].get("initials", "")) for r in store.raws("consultant")
                                   if not r["deleted"])
                    err(S.CLI_BILANZ_NO_CONSULTANT.format(value=args.berater, known=", ".join(known)))
                    return 2
            bilanz = compute(store, period, Scope(kreis, consultant), made_on=today)
    except StoreError as exc:
        err(exc.message)
        return 1
    if args.out is None and args.format in ("json", "md"):
        sys.stdout.buffer.write(E.render(bilanz, args.format))
        sys.stdout.flush()
        return 0
    try:
        written = E.write(bilanz, args.format, args.out or Path.cwd())
    except StoreError as exc:  # the atomic write's German message (disk full, no permission)
        err(exc.message)
        return 1
    print(S.CLI_BILANZ_WRITTEN.format(period=f"{fmt_date(period.start)} – {fmt_date(period.end)}", path=written))
    return 0
