"""``asskomm search QUERY... [--json] [--limit N] [--db PATH]``: one search over everything.

Read-only: a snapshot of the store (``Store.snapshot``), so it works while the app has the store
open and never creates or locks one. No Textual is imported. Exit 0 (also with no hits), 1 when
the store cannot be read, 2 for a wrong call.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from . import strings as S
from .cli_store import add_db_option, err
from .formatting import fmt_date


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``search`` with German help texts."""
    search = sub.add_parser("search", help=S.CLI_SEARCH_HELP, description=S.CLI_SEARCH_DESCRIPTION)
    search.add_argument("query", nargs="+", metavar="WORT", help=S.CLI_SEARCH_QUERY_HELP)
    search.add_argument("--json", action="store_true", help=S.CLI_SEARCH_JSON_HELP)
    search.add_argument("--limit", type=_limit, default=50, metavar="N", help=S.CLI_SEARCH_LIMIT_HELP)
    add_db_option(search)


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(S.CLI_SEARCH_LIMIT_BAD.format(value=text)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(S.CLI_SEARCH_LIMIT_BAD.format(value=text))
    return value


def cmd_search(path: Path, args: argparse.Namespace) -> int:
    """Print the hits as lines (date, what, commune, snippet) or as a JSON array."""
    from storage import Store, StoreError
    from storage.finder import build_finder

    query = " ".join(args.query)
    try:
        with Store.snapshot(path) as store:
            finder = build_finder(store)
    except StoreError as exc:
        err(exc.message)
        return 1
    hits = finder.search(query, limit=args.limit or None)
    if args.json:
        print(json.dumps([h.as_json() for h in hits], ensure_ascii=False, indent=1))
        return 0
    if not hits:
        print(S.CLI_SEARCH_NONE.format(query=query))
        return 0
    for hit in hits:
        e = hit.entry
        name, kreis = finder.communes.get(e.commune, (e.commune, ""))
        where = f"{name} ({kreis})"
        day = fmt_date(date.fromisoformat(e.date)) if e.date else "—"
        mark = S.CONFLICT_MARK if hit.conflict else ""
        print(f"{day:10}  {mark}{S.SEARCH_KIND[e.kind]:12}  {where}  {hit.snippet}")
    return 0
