"""``asskomm export`` and ``asskomm import``: bundles for and from HQ, on the command line.

``import --dry-run`` only reads (a snapshot, no lock: it works while the app has the store open,
and it never creates a store); a real import is a writer and creates a store that does not exist
yet (a new laptop set up from HQ's bundle). ``export`` writes no file when there is nothing new.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import strings as S
from .cli_store import add_db_option, err, unlock_keys, warn_backup


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Register ``export`` and ``import``."""
    export = sub.add_parser("export", help=S.CLI_EXPORT_HELP, description=S.CLI_EXPORT_DESCRIPTION)
    export.add_argument("--full", action="store_true", help=S.CLI_FULL_HELP)
    export.add_argument("--out", type=Path, metavar="PFAD", default=Path("."), help=S.CLI_EXPORT_OUT_HELP)
    export.add_argument("--gz", action="store_true", help=S.CLI_GZ_HELP)
    add_db_option(export)

    imp = sub.add_parser("import", help=S.CLI_IMPORT_HELP, description=S.CLI_IMPORT_DESCRIPTION)
    imp.add_argument("files", nargs="+", type=Path, metavar="DATEI", help=S.CLI_FILES_HELP)
    imp.add_argument("--dry-run", action="store_true", help=S.CLI_DRY_RUN_HELP)
    imp.add_argument("--json", action="store_true", help=S.CLI_JSON_HELP)
    add_db_option(imp)


def cmd_export(path: Path, args: argparse.Namespace) -> int:
    """Write a bundle, or say that there is nothing new to send (exit 0, no file)."""
    from storage import Repositories, Store, StoreError, StoreNotFoundError
    from storage.sync.exchange import export_bundle, nothing_to_export

    if not path.is_file():  # an export of a store that does not exist would create one
        err(StoreNotFoundError(path).message)
        return 1
    try:
        with Store.open(path) as store:
            warn_backup(store)
            if not unlock_keys(store):
                return 1
            if nothing_to_export(store, args.full):
                print(S.CLI_NOTHING_TO_EXPORT)
                return 0
            me = Repositories(store).me()
            result = export_bundle(store, args.out, full=args.full, compress=args.gz,
                                   initials=me.data.initials if me else "")
    except StoreError as exc:
        err(exc.message)
        return 1
    records = S.CLI_RECORDS(result.records)
    if result.scope == "full":
        print(S.CLI_EXPORTED_FULL.format(path=result.path, records=records))
    else:
        print(S.CLI_EXPORTED.format(path=result.path, records=records, first=result.base_seq + 1,
                                    last=result.up_to_seq))
    return 0


def cmd_import(path: Path, args: argparse.Namespace) -> int:
    """Preview (``--dry-run``, read-only) or apply bundles; exit 2 if a file was rejected."""
    from storage import Store, StoreError
    from storage.sync.exchange import ImportReport, import_bundle

    from .services.sync_report import report_lines
    from .settings import load_settings

    created = not args.dry_run and not path.exists()
    try:
        store = Store.snapshot(path) if args.dry_run else Store.open(path)
    except StoreError as exc:
        err(exc.message)
        return 1
    warn_backup(store)
    if created:
        # before the report: with --json, stdout carries the JSON only
        print(S.CLI_STORE_CREATED.format(path=store.path), file=sys.stderr if args.json else sys.stdout)
    reports = []
    allow_plain = load_settings().settings.plain_bundles
    with store:
        if not unlock_keys(store):
            return 1
        for bundle in args.files:
            try:
                reports.append(import_bundle(store, bundle, dry_run=args.dry_run, allow_plain=allow_plain))
            except StoreError as exc:  # e.g. the backup or the write failed: nothing was applied
                reports.append(ImportReport(file=str(bundle), error=exc.message))
    if args.json:
        print(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2))
    else:
        for report in reports:
            for line in report_lines(report, dry_run=args.dry_run):
                print(line, file=sys.stderr if report.error else sys.stdout)
    return 2 if any(r.error for r in reports) else 0
