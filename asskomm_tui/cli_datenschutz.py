"""``asskomm datenschutz suchen|auskunft|löschen NAME``: a person's data on the command line (issue 10).

``suchen`` lists every place the name occurs (``--json``: as data), ``auskunft`` writes the
Auskunft under DSGVO Art. 15 (JSON, Markdown, HTML or DOCX by the file's ending); both read a
snapshot (no lock: they work while the app has the store open). ``löschen`` erases the person
(Art. 17) and stores the erasure order that the next export carries to every device; it asks
first unless ``--ja``. Exit 0 when done, 1 when the store cannot be used or the answer was no,
2 for a wrong call. No Textual is imported.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from . import strings as S
from .cli_store import add_db_option, err, warn_backup

SUFFIX_FORMAT = {".json": "json", ".md": "md", ".html": "html", ".htm": "html", ".docx": "docx"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``datenschutz`` and its actions with German help texts."""
    parser = sub.add_parser("datenschutz", help=S.CLI_DS_HELP, description=S.CLI_DS_HELP)
    add_db_option(parser)
    actions = parser.add_subparsers(dest="action", title=S.CLI_ACTIONS, metavar="AKTION", required=True)
    search = actions.add_parser("suchen", help=S.CLI_DS_SEARCH_HELP, description=S.CLI_DS_SEARCH_HELP)
    search.add_argument("--json", action="store_true", help=S.CLI_DS_JSON_HELP)
    access = actions.add_parser("auskunft", help=S.CLI_DS_ACCESS_HELP, description=S.CLI_DS_ACCESS_HELP)
    access.add_argument("--out", type=Path, metavar="PFAD", default=Path("."), help=S.CLI_DS_OUT_HELP)
    erase = actions.add_parser("löschen", aliases=["loeschen"], help=S.CLI_DS_ERASE_HELP,
                               description=S.CLI_DS_ERASE_HELP)
    erase.add_argument("--aktenzeichen", default="", metavar="TEXT", help=S.CLI_DS_REFERENCE_HELP)
    erase.add_argument("--ja", "--yes", action="store_true", dest="yes", help=S.CLI_DS_YES_HELP)
    for action in (search, access, erase):
        action.add_argument("name", nargs="+", metavar="NAME", help=S.CLI_DS_NAME_HELP)
        add_db_option(action, 2)


def run(path: Path, args: argparse.Namespace, today: date | None = None) -> int:
    from storage import Store, StoreError
    from storage.erasure import check_name

    name = " ".join(args.name)
    try:
        check_name(name)
        if args.action == "suchen":
            with Store.snapshot(path) as store:
                return _search(store, name, args.json)
        if args.action == "auskunft":
            return _access(path, name, args.out, today or date.today())
        return _erase(path, name, args.aktenzeichen, args.yes)
    except StoreError as exc:
        err(exc.message)
        return 1


def _search(store: object, name: str, as_json: bool) -> int:
    from datetime import datetime

    from .services import datenschutz as DS

    result = DS.findings(store, name)
    if as_json:
        body = DS.access_json(store, result, datetime.now().astimezone().replace(microsecond=0))
        print(json.dumps(body["hits"], ensure_ascii=False, indent=1))
        return 0
    if not result.found:
        print(S.DS_NONE.format(name=name))
        return 0
    print(S.DS_COUNT(len(result.found), name=name, records=S.DS_RECORDS(result.records)))
    for f in result.found:
        line, _ = DS.snippet(f.hit.text, f.hit.spans, 60)
        print(f"{f.day or '—':10}  {f.where}  {f.field}  ({f.state}): {line}")
    return 0


def _access(path: Path, name: str, out: Path, today: date) -> int:
    from storage import Store

    from .services.datenschutz import write_access

    fmt = SUFFIX_FORMAT.get(Path(out).suffix.lower(), "json")
    with Store.snapshot(path) as store:
        target = write_access(store, name, fmt, out, today)
    print(S.CLI_DS_WRITTEN.format(path=target))
    return 0


def _erase(path: Path, name: str, reference: str, yes: bool) -> int:
    from storage import Store, StoreNotFoundError
    from storage.erasure import erase_person

    from .services import datenschutz as DS

    if not path.is_file():  # an erasure in a store that does not exist would create one
        err(StoreNotFoundError(path).message)
        return 1
    with Store.open(path) as store:
        warn_backup(store)
        result = DS.findings(store, name)
        what = (S.DS_ERASE_WHAT.format(name=name, count=S.DS_PLACES(len(result.found)),
                                       records=S.DS_RECORDS(result.records), kinds=result.kinds())
                if result.found else S.DS_ERASE_NOTHING.format(name=name))
        if not yes:
            if not sys.stdin.isatty():
                err(S.CLI_DS_NEEDS_YES)
                return 1
            print(what)
            print(S.DS_ERASE_TRAVEL)
            if input(S.CLI_DS_CONFIRM).strip().lower() not in ("j", "ja", "y", "yes"):
                print(S.CLI_DS_NOT_DONE)
                return 1
        report = erase_person(store, name, reference)
        print(S.DS_ERASED.format(name=name))
        for line in DS.report_lines(store, report):
            print(line)
    return 0
