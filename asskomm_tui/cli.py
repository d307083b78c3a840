"""Command line: ``asskomm`` (the app) and its commands (messages in German).

The commands live beside this module: ``cli_store`` (which store, ``check``, ``backup``),
``cli_sync`` (``export``, ``import``), ``cli_strategy`` (``strategy export``) and ``cli_config``
(``config``). Textual is imported only to run the app (and by ``config``, for the key names).
"""

from __future__ import annotations

import argparse
import gc
import shutil
import tempfile
from datetime import date
from pathlib import Path

from . import __version__
from . import strings as S
from .cli_store import ENV_DB, DbConflict, add_db_option, day_argument, default_db_path, err, given_db_path, store_path

__all__ = ["ENV_DB", "build_parser", "default_db_path", "main", "store_path"]


def _german_argparse() -> None:
    argparse._ = lambda text: S.ARGPARSE.get(text, text)  # type: ignore[attr-defined]


def _visits(text: str) -> int:
    from storage.demo import MAX_VISITS

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(S.CLI_NOT_A_NUMBER.format(value=text)) from None
    if not 0 <= value <= MAX_VISITS:
        raise argparse.ArgumentTypeError(S.CLI_VISITS_RANGE.format(max=MAX_VISITS))
    return value


_day = day_argument(S.CLI_BAD_DATE)


def build_parser() -> argparse.ArgumentParser:
    """The parser with German help texts."""
    from storage.demo import MAX_VISITS

    from . import cli_bilanz, cli_config, cli_documents, cli_keys, cli_search, cli_store, cli_strategy, cli_sync

    _german_argparse()
    parser = argparse.ArgumentParser(prog="asskomm", description=S.CLI_DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"asskomm {__version__}", help=S.CLI_VERSION_HELP)
    add_db_option(parser, 0)
    parser.add_argument("--demo", action="store_true", help=S.CLI_DEMO_FLAG_HELP)
    parser.add_argument("--lesen", action="store_true", dest="read_only", help=S.CLI_READ_ONLY_HELP)
    visits_help = S.CLI_VISITS_HELP.format(max=MAX_VISITS)
    parser.add_argument("--visits", type=_visits, default=2000, metavar="ANZAHL", help=visits_help)
    sub = parser.add_subparsers(dest="command", title=S.CLI_COMMANDS, metavar="BEFEHL")

    demo = sub.add_parser("demo", help=S.CLI_DEMO_HELP, description=S.CLI_DEMO_DESCRIPTION)
    add_db_option(demo, help=S.CLI_DEMO_DB_HELP)
    # absent unless given here, so that 'asskomm --visits 50 demo' means the same as 'demo --visits 50'
    demo.add_argument("--visits", type=_visits, default=argparse.SUPPRESS, metavar="ANZAHL", help=visits_help)
    demo.add_argument("--seed", type=int, default=1, metavar="ZAHL", help=S.CLI_SEED_HELP)
    demo.add_argument("--bis", type=_day, default=None, dest="end", metavar="DATUM", help=S.CLI_END_HELP)

    cli_store.add_parsers(sub)
    cli_sync.add_parsers(sub)
    cli_strategy.add_parser(sub)
    cli_search.add_parser(sub)
    cli_bilanz.add_parser(sub)
    from . import cli_datenschutz

    cli_datenschutz.add_parser(sub)
    cli_documents.add_parsers(sub)
    cli_keys.add_parser(sub)
    cli_config.add_parser(sub)
    return parser


def cmd_demo(path: Path, args: argparse.Namespace) -> int:
    """Write a demo store to a new file."""
    from storage.demo import generate

    if path.exists() and path.stat().st_size:
        err(S.CLI_DEMO_EXISTS.format(path=path))
        return 1
    generate(path, visits=args.visits, seed=args.seed, end=args.end, showcase=True)
    print(S.CLI_DEMO_WRITTEN(args.visits, path=path, seed=args.seed))
    return 0


def load_app() -> type:
    """Import the app (Textual, the first screen) with the garbage collector paused.

    The start creates a few hundred thousand objects (modules, the store's documents, widgets)
    that all live as long as the app: the collector's passes over them cost about a tenth of the
    start. The app freezes them and turns the collector back on once its first screen is being
    filled (``AsskommApp.open_store``).
    """
    gc.disable()
    from .app import AsskommApp

    return AsskommApp


def run_app(path: Path, read_only: bool = False) -> int:
    """Run the Textual app on the store at ``path`` (``read_only``: ``--lesen``); its exit code."""
    try:
        app = load_app()(path, read_only=read_only)
        app.run()
    finally:
        gc.enable()
    return app.return_code or 0


def run_demo_app(visits: int) -> int:
    """The app on a fresh demo store in a temporary folder, removed afterwards."""
    from storage.demo import generate

    folder = Path(tempfile.mkdtemp(prefix="asskomm-demo-"))
    try:
        return run_app(generate(folder / "demo.json", visits=visits, showcase=True))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    try:
        if args.command == "demo":
            # a demo never lands in the default store: the user names the file (or $ASSKOMM_DB)
            path = given_db_path(args)
            if path is None:
                parser.error(S.CLI_DEMO_NEEDS_DB)
        else:
            path = store_path(args)
    except DbConflict as exc:
        parser.error(str(exc))
    if args.read_only and (args.command or args.demo):
        parser.error(S.CLI_READ_ONLY_ALONE)
    if args.command == "demo":
        return cmd_demo(path, args)
    if args.command == "config":
        from .cli_config import run as run_config

        return run_config(args)
    if args.command == "check":
        from .cli_store import cmd_check

        return cmd_check(path)
    if args.command == "backup":
        from .cli_store import cmd_backup

        return cmd_backup(path, args.action, getattr(args, "name", ""))
    if args.command == "export":
        from .cli_sync import cmd_export

        return cmd_export(path, args)
    if args.command == "import":
        from .cli_sync import cmd_import

        return cmd_import(path, args)
    if args.command == "keys":
        from .cli_keys import run as run_keys

        return run_keys(path, args)
    if args.command == "search":
        from .cli_search import cmd_search

        return cmd_search(path, args)
    if args.command in ("visit", "commune"):
        from .cli_documents import cmd_export

        return cmd_export(path, args)
    if args.command == "datenschutz":
        from .cli_datenschutz import run as run_datenschutz

        return run_datenschutz(path, args)
    if args.command == "bilanz":
        from .cli_bilanz import cmd_bilanz

        return cmd_bilanz(path, args)
    if args.command == "strategy":
        from .cli_strategy import run as run_strategy

        return run_strategy(args, path)
    if args.demo:
        return run_demo_app(args.visits)
    if args.read_only:
        return run_read_only(path)
    return run_app(path)


def run_read_only(path: Path) -> int:
    """``asskomm --lesen``: the app on a snapshot of an existing store (it never creates one)."""
    from storage import StoreNotFoundError

    if not path.is_file() or not path.stat().st_size:
        message = StoreNotFoundError(path, empty=path.is_file()).message
        err(S.CLI_READ_ONLY_MISSING.format(message=message))
        return 1
    return run_app(path, read_only=True)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``asskomm`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(parser, args)
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        from .errors import describe_error

        err(describe_error(exc))
        return 1
    except Exception as exc:  # a StoreError no command caught (``demo`` on a full disk): a message, no traceback
        from storage import StoreError

        if not isinstance(exc, StoreError):
            raise
        err(exc.message)
        return 1
