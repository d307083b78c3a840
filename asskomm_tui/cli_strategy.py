"""``asskomm strategy export AGS``: a commune's prevention strategy as a Markdown or HTML document.

Exit codes: 0 written; 1 store, commune or strategy not found (or the store cannot be opened);
2 wrong call (argparse). It only reads: a snapshot of the store,
without its lock, so it works while the app has the store open.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from . import strings as S
from .cli_store import add_db_option

_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-–—]\s*(\d{4}))?\s*$")
_SUFFIX_FORMAT = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx"}


def parse_period(text: str) -> tuple[int, int]:
    """``2026-2028``, ``2026–2028`` or ``2026`` → (start, end)."""
    m = _PERIOD.match(text)
    if not m:
        raise argparse.ArgumentTypeError(S.CLI_BAD_PERIOD.format(value=text))
    start = int(m[1])
    end = int(m[2]) if m[2] else start
    if end < start or not 2000 <= start <= 2100 or not 2000 <= end <= 2100:
        raise argparse.ArgumentTypeError(S.CLI_BAD_PERIOD.format(value=text))
    return start, end


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``strategy export`` with German help texts."""
    strategy = sub.add_parser("strategy", help=S.CLI_STRATEGY_HELP, description=S.CLI_STRATEGY_HELP)
    add_db_option(strategy)
    actions = strategy.add_subparsers(dest="action", title=S.CLI_ACTIONS, metavar="AKTION", required=True)
    export = actions.add_parser("export", help=S.CLI_STRATEGY_EXPORT_HELP,
                                description=S.CLI_STRATEGY_EXPORT_DESCRIPTION)
    export.add_argument("ags", metavar="AGS", help=S.CLI_AGS_HELP)
    export.add_argument("--period", type=parse_period, metavar="ZEITRAUM", help=S.CLI_PERIOD_HELP)
    export.add_argument("--format", choices=("md", "html", "docx"), default=None, help=S.CLI_FORMAT_HELP)
    export.add_argument("--out", type=Path, metavar="PFAD", default=Path("."), help=S.CLI_OUT_HELP)
    add_db_option(export, 2)


def _err(message: str) -> None:
    print(f"asskomm: {message}", file=sys.stderr)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    return _SUFFIX_FORMAT.get(Path(args.out).suffix.lower(), "md")


def run(args: argparse.Namespace, path: Path) -> int:
    """Export one strategy; messages in German, errors on stderr."""
    from storage import Repositories, Store, StoreError
    from storage.records import Kind, period_label

    from .services.documents import build_document, write_document

    fmt = _format(args)
    ags = args.ags.strip()
    try:
        with Store.snapshot(path) as store:
            repos = Repositories(store)
            raw = store.raw(Kind.COMMUNE, ags)
            if raw is None or raw["deleted"]:
                _err(S.CLI_UNKNOWN_AGS.format(ags=ags))
                return 1
            name = raw["data"]["name"]
            rows = repos.strategies(ags)
            periods = ", ".join(sorted(r.period for r in rows))
            if not rows:
                _err(S.CLI_NO_STRATEGY.format(name=name, ags=ags))
                return 1
            if args.period is not None:
                wanted = period_label(*args.period)
                rows = [r for r in rows if r.period == wanted]
                if not rows:
                    _err(S.CLI_NO_STRATEGY_FOR_PERIOD.format(name=name, ags=ags, period=wanted, periods=periods))
                    return 1
            elif len(rows) > 1:
                _err(S.CLI_AMBIGUOUS_PERIOD.format(name=name, ags=ags, periods=periods))
                return 1
            doc = build_document(repos, repos.strategy(rows[0].id).data, date.today())
    except StoreError as exc:
        _err(exc.message)
        return 1
    target = write_document(doc, fmt, Path(args.out))
    print(S.CLI_WRITTEN.format(path=target))
    return 0
