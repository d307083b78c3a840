"""``asskomm visit export ID`` and ``asskomm commune export AGS``: a visit record and a commune report
as documents (``services/record_docs.py``). Read-only (a snapshot); exit 0 when written, 1 for an
unknown visit or commune or an unreadable store, 2 for a wrong call.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from . import strings as S
from .cli_store import add_db_option, err
from .cli_strategy import _SUFFIX_FORMAT


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Register ``visit export`` and ``commune export`` with German help texts."""
    for command, help_text, action_help, key, key_help in (
            ("visit", S.CLI_VISIT_HELP, S.CLI_VISIT_EXPORT_HELP, "id", S.CLI_VISIT_ID_HELP),
            ("commune", S.CLI_COMMUNE_HELP, S.CLI_COMMUNE_EXPORT_HELP, "ags", S.CLI_AGS_HELP)):
        parser = sub.add_parser(command, help=help_text, description=help_text)
        add_db_option(parser)
        actions = parser.add_subparsers(dest="action", title=S.CLI_ACTIONS, metavar="AKTION", required=True)
        export = actions.add_parser("export", help=action_help, description=action_help)
        export.add_argument(key, metavar=key.upper(), help=key_help)
        export.add_argument("--format", choices=("md", "html", "docx"), default=None, help=S.CLI_DOC_FORMAT_HELP)
        export.add_argument("--out", type=Path, metavar="PFAD", default=Path("."), help=S.CLI_DOC_OUT_HELP)
        add_db_option(export, 2)


def cmd_export(path: Path, args: argparse.Namespace, today: date | None = None) -> int:
    from storage import Repositories, Store, StoreError
    from storage.errors import RecordNotFoundError
    from storage.records import Kind

    from .services import record_docs as R

    fmt = args.format or _SUFFIX_FORMAT.get(Path(args.out).suffix.lower(), "html")
    today = today or date.today()
    try:
        with Store.snapshot(path) as store:
            repos = Repositories(store)
            if args.command == "visit":
                raw = store.raw(Kind.VISIT, args.id)
                if raw is None or raw["deleted"]:
                    err(S.CLI_UNKNOWN_VISIT.format(id=args.id))
                    return 1
                target = R.write_visit(repos, args.id, fmt, args.out, today)
            else:
                ags = args.ags.strip()
                raw = store.raw(Kind.COMMUNE, ags)
                if raw is None or raw["deleted"]:
                    err(S.CLI_UNKNOWN_AGS.format(ags=ags))
                    return 1
                target = R.write_commune(repos, ags, fmt, args.out, today)
    except RecordNotFoundError:
        err(S.CLI_UNKNOWN_VISIT.format(id=getattr(args, "id", "")))
        return 1
    except StoreError as exc:
        err(exc.message)
        return 1
    print(S.CLI_WRITTEN.format(path=target))
    return 0
