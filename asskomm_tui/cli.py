"""Command line: ``asskomm`` (the app), ``demo``, ``check`` and ``backup`` (messages in German)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

from . import __version__

ENV_DB = "ASSKOMM_DB"

# argparse's own texts, in German (argparse looks them up through its module-level ``_``).
_ARGPARSE_DE = {
    "usage: ": "Aufruf: ",
    "positional arguments": "Argumente",
    "options": "Optionen",
    "optional arguments": "Optionen",
    "show this help message and exit": "diese Hilfe anzeigen und beenden",
    "show program's version number and exit": "Versionsnummer anzeigen und beenden",
    "the following arguments are required: %s": "diese Angaben fehlen: %s",
    "unrecognized arguments: %s": "unbekannte Angaben: %s",
    "argument %(argument_name)s: %(message)s": "Angabe %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ungültiger Wert: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "ungültige Wahl: %(value)r (möglich: %(choices)s)",
    "expected one argument": "erwartet einen Wert",
    "%(prog)s: error: %(message)s\n": "%(prog)s: Fehler: %(message)s\n",
    "subcommands": "Befehle",
}


def _german_argparse() -> None:
    argparse._ = lambda text: _ARGPARSE_DE.get(text, text)  # type: ignore[attr-defined]


def default_db_path() -> Path:
    """``$ASSKOMM_DB`` or ``<user data dir>/asskomm/asskomm.json``."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("asskomm", appauthor=False) / "asskomm.json"


def _visits(text: str) -> int:
    from storage.demo import MAX_VISITS

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"keine Zahl: {text!r}") from None
    if not 0 <= value <= MAX_VISITS:
        raise argparse.ArgumentTypeError(f"erlaubt sind 0 bis {MAX_VISITS} Besuche")
    return value


def _day(text: str) -> date:
    from .formatting import parse_date

    try:
        value = parse_date(text)
    except ValueError:
        value = None
    if value is None:
        raise argparse.ArgumentTypeError(f"kein gültiges Datum: {text!r} (z. B. 26.11.2026)")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The parser with German help texts."""
    _german_argparse()
    db_help = f"Speicherdatei (Standard: ${ENV_DB} oder {default_db_path()})"
    parser = argparse.ArgumentParser(
        prog="asskomm",
        description="asskomm – Besuche, Kommunen und Folgeaufgaben der Allianz Sichere Sächsische "
                    "Kommunen, offline im Terminal. Ohne Befehl startet die Anwendung.",
    )
    parser.add_argument("--version", action="version", version=f"asskomm {__version__}",
                        help="Versionsnummer anzeigen und beenden")
    parser.add_argument("--db", type=Path, metavar="PFAD", help=db_help)
    parser.add_argument("--demo", action="store_true",
                        help="mit einem frisch erzeugten Demo-Speicher in einem temporären Ordner starten "
                             "(der echte Speicher bleibt unberührt)")
    parser.add_argument("--visits", type=_visits, default=2000, metavar="ANZAHL", help="Besuche im Demo-Speicher (Standard 2000)")
    sub = parser.add_subparsers(dest="command", title="Befehle", metavar="BEFEHL")

    demo = sub.add_parser("demo", help="einen Demo-Speicher schreiben",
                          description="Schreibt einen realistischen, reproduzierbaren Demo-Speicher: alle "
                                      "418 Kommunen, ein Dutzend Beratende, Besuche über mehrere Jahre. "
                                      "Gleicher Seed und gleiches Enddatum ergeben den gleichen Inhalt.")
    demo.add_argument("--db", type=Path, required=True, metavar="PFAD", help="Zieldatei (darf noch nicht existieren)")
    demo.add_argument("--visits", type=_visits, default=2000, metavar="ANZAHL", help="Anzahl Besuche, 0 bis 20000 (Standard 2000)")
    demo.add_argument("--seed", type=int, default=1, metavar="ZAHL", help="Zufallsstartwert (Standard 1)")
    demo.add_argument("--bis", type=_day, default=None, dest="end", metavar="DATUM",
                      help="letzter Tag des Zeitraums, TT.MM.JJJJ (Standard: heute)")

    check = sub.add_parser("check", help="einen Speicher prüfen",
                           description="Prüft, ob der Speicher lesbar ist, jeder Datensatz gültig ist und "
                                       "jede Revision zu ihrem Inhalt passt. Ändert nichts. "
                                       "Exit-Code 0: in Ordnung, 1: Probleme gefunden.")
    check.add_argument("--db", type=Path, metavar="PFAD", help=db_help)

    backup = sub.add_parser("backup", help="Sicherungen anzeigen, anlegen, wiederherstellen",
                            description="Sicherungen liegen im Ordner 'backups' neben der Speicherdatei.")
    backup.add_argument("--db", type=Path, metavar="PFAD", help=db_help)
    actions = backup.add_subparsers(dest="action", title="Aktionen", metavar="AKTION", required=True)
    actions.add_parser("list", help="alle Sicherungen auflisten, neueste zuerst")
    actions.add_parser("create", help="jetzt eine Sicherung anlegen")
    restore = actions.add_parser("restore", help="den Speicher aus einer Sicherung wiederherstellen "
                                                  "(der jetzige Stand wird vorher gesichert)")
    restore.add_argument("name", metavar="NAME", help="Name der Sicherung (oder ein eindeutiger Anfang davon)")
    export = sub.add_parser("export", help="eine Exportdatei für die Zentrale (oder von der Zentrale) schreiben",
                            description="Beratung: alle Änderungen dieses Geräts, die die Zentrale noch nicht "
                                        "bestätigt hat (mit --full alles). Zentrale: immer alles, mit den "
                                        "Bestätigungen je Gerät. Die Datei wird atomar geschrieben.")
    export.add_argument("--full", action="store_true", help="alles exportieren, nicht nur die neuen Änderungen")
    export.add_argument("--out", type=Path, metavar="PFAD", default=Path("."),
                        help="Zielordner oder Dateiname (.json oder .json.gz); Standard: aktueller Ordner")
    export.add_argument("--gz", action="store_true", help="gzip-komprimiert schreiben (.json.gz)")
    export.add_argument("--db", type=Path, metavar="PFAD", help=db_help)

    imp = sub.add_parser("import", help="Exportdateien einlesen und zusammenführen",
                         description="Prüft jede Datei vollständig, zeigt was sich ändert, legt eine Sicherung an "
                                     "und übernimmt dann alles oder nichts. Exit-Code 0: übernommen (Konflikte "
                                     "werden gemeldet, sind aber kein Fehler), 2: mindestens eine Datei wurde "
                                     "abgelehnt (aus ihr wurde nichts übernommen).")
    imp.add_argument("files", nargs="+", type=Path, metavar="DATEI", help="Exportdatei(en), .json oder .json.gz")
    imp.add_argument("--dry-run", action="store_true", help="nur prüfen und anzeigen, nichts übernehmen")
    imp.add_argument("--json", action="store_true", help="den Bericht als JSON ausgeben")
    imp.add_argument("--db", type=Path, metavar="PFAD", help=db_help)

    from .cli_strategy import add_parser as add_strategy_parser

    add_strategy_parser(sub, db_help)
    return parser


def _err(message: str) -> None:
    print(f"asskomm: {message}", file=sys.stderr)


def cmd_demo(args: argparse.Namespace) -> int:
    from storage.demo import generate

    path: Path = args.db
    if path.exists() and path.stat().st_size:
        _err(f"Die Datei {path} existiert bereits; bitte einen neuen Pfad angeben.")
        return 1
    generate(path, visits=args.visits, seed=args.seed, end=args.end)
    print(f"Demo-Speicher geschrieben: {path} ({args.visits} Besuche, Seed {args.seed}).")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from storage.check import check_store

    path = args.db or default_db_path()
    report = check_store(path)
    if report.ok:
        names = {"commune": "Kommunen", "visit": "Besuche", "problem_field": "Problemfelder",
                 "consultant": "Beratende", "conflict": "Konfliktversionen"}
        counts = ", ".join(f"{n} {names.get(kind, kind)}" for kind, n in sorted(report.counts.items()))
        print(f"{path}: in Ordnung ({counts}).")
        return 0
    print(f"{path}: {len(report.problems)} Problem(e) gefunden:", file=sys.stderr)
    for problem in report.problems:
        print(f"  - {problem}", file=sys.stderr)
    return 1


def cmd_backup(args: argparse.Namespace) -> int:
    from storage import Store, StoreError
    from storage.backups import MANUAL, BackupManager

    from . import strings as S
    from .formatting import fmt_datetime, fmt_size

    path = args.db or default_db_path()
    manager = BackupManager(path)
    try:
        if args.action == "list":
            backups = manager.list()
            if not backups:
                print(f"Keine Sicherungen für {path}.")
            for b in backups:
                print(f"{b.name}  {fmt_datetime(b.created)}  {S.label(S.BACKUP_REASON, b.reason)}  {fmt_size(b.size)}")
            return 0
        if args.action == "create":
            if not path.exists():
                _err(f"Die Datei {path} existiert nicht.")
                return 1
            backup = manager.create(MANUAL)
            print(f"Sicherung angelegt: {backup.path if backup else '(Speicher ist leer)'}")
            return 0
        backup = Store.restore_closed(path, args.name)
        print(f"Wiederhergestellt aus {backup.name}. Der vorherige Stand liegt als Sicherung "
              f"'vor-wiederherstellung' in {manager.folder}.")
        return 0
    except StoreError as exc:
        _err(exc.message)
        return 1


def _open_store(path: Path):
    from storage import Store

    return Store.open(path)


def cmd_export(args: argparse.Namespace) -> int:
    from storage import Repositories, StoreError
    from storage.sync.exchange import export_bundle

    try:
        with _open_store(args.db or default_db_path()) as store:
            me = Repositories(store).me()
            result = export_bundle(store, args.out, full=args.full, compress=args.gz,
                                   initials=me.data.initials if me else "")
    except StoreError as exc:
        _err(exc.message)
        return 1
    kind = "vollständig" if result.scope == "full" else f"Änderungen {result.base_seq + 1}–{result.up_to_seq}"
    print(f"Exportiert: {result.path} ({result.records} Datensätze, {kind}).")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    import json

    from storage import StoreError
    from storage.sync.exchange import import_bundle

    from .services.sync_report import report_lines

    try:
        store = _open_store(args.db or default_db_path())
    except StoreError as exc:
        _err(exc.message)
        return 1
    reports = []
    with store:
        for path in args.files:
            try:
                reports.append(import_bundle(store, path, dry_run=args.dry_run))
            except StoreError as exc:  # e.g. the backup or the write failed: nothing was applied
                from storage.sync.exchange import ImportReport

                reports.append(ImportReport(file=str(path), error=exc.message))
    if args.json:
        print(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2))
    else:
        for report in reports:
            for line in report_lines(report, dry_run=args.dry_run):
                print(line, file=sys.stderr if report.error else sys.stdout)
    return 2 if any(r.error for r in reports) else 0


def run_app(path: Path) -> int:
    from .app import AsskommApp

    app = AsskommApp(path)
    app.run()
    return app.return_code or 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``asskomm`` command."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "demo":
            return cmd_demo(args)
        if args.command == "check":
            return cmd_check(args)
        if args.command == "backup":
            return cmd_backup(args)
        if args.command == "export":
            return cmd_export(args)
        if args.command == "import":
            return cmd_import(args)
        if args.command == "strategy":
            from .cli_strategy import run as run_strategy

            return run_strategy(args, default_db_path)
        if args.demo:
            from storage.demo import generate

            folder = Path(tempfile.mkdtemp(prefix="asskomm-demo-"))
            try:
                path = generate(folder / "demo.json", visits=args.visits)
                return run_app(path)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        return run_app(args.db or default_db_path())
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        _err(f"{exc.strerror or exc}: {exc.filename or ''}")
        return 1
