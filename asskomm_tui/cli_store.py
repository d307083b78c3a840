"""Which store a command works on, and the commands about the store itself: ``check`` and ``backup``.

``--db PATH`` may stand before the command, after it, or after the action (``asskomm --db P backup
list``, ``asskomm backup --db P list``, ``asskomm backup list --db P``); ``$ASSKOMM_DB`` is the
fallback and the platform's user data folder the default. ``store_path`` is the one place that
decides, for every command and for the app.

Readers never create or lock anything: a missing store is an error (exit 1), and they work while
the app has the store open (see ``storage/snapshot.py``).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from . import strings as S

ENV_DB = "ASSKOMM_DB"
# argparse parses a subcommand into a namespace of its own and copies every value it holds over the
# caller's; so each level keeps --db under its own name (absent unless given) and store_path joins them
DB_DESTS = ("db", "db_command", "db_action")


def default_db_path() -> Path:
    """``<user data dir>/asskomm/asskomm.json`` (the folder is not created)."""
    from platformdirs import user_data_path

    return user_data_path("asskomm", appauthor=False) / "asskomm.json"


def add_db_option(parser: argparse.ArgumentParser, level: int = 1, help: str | None = None) -> None:
    """Give ``parser`` (0: the program, 1: a command, 2: a command's action) its ``--db`` option."""
    parser.add_argument("--db", type=Path, metavar="PFAD", dest=DB_DESTS[level], default=argparse.SUPPRESS,
                        help=help or S.CLI_DB_HELP.format(env=ENV_DB, default=default_db_path()))


class DbConflict(ValueError):
    """``--db`` was given more than once with different files."""


def given_db_path(args: argparse.Namespace) -> Path | None:
    """The file named by ``--db`` (wherever it stood) or ``$ASSKOMM_DB``; None if neither names one."""
    given = [Path(value).expanduser() for dest in DB_DESTS if (value := getattr(args, dest, None)) is not None]
    distinct = list(dict.fromkeys(p.absolute() for p in given))
    if len(distinct) > 1:
        raise DbConflict(S.CLI_DB_TWICE.format(paths=", ".join(map(str, distinct))))
    if distinct:
        return distinct[0]
    env = os.environ.get(ENV_DB)
    return Path(env).expanduser().absolute() if env else None


def store_path(args: argparse.Namespace) -> Path:
    """The store every command (and the app) works on: ``--db``, else ``$ASSKOMM_DB``, else the default."""
    return given_db_path(args) or default_db_path()


def day_argument(template: str) -> Any:
    """An argparse type for a date (TT.MM.JJJJ, also ISO); ``template`` says what is wrong ({value})."""
    def parse(text: str) -> "date":
        from .formatting import parse_date

        try:
            value = parse_date(text)
        except ValueError:
            value = None
        if value is None:
            raise argparse.ArgumentTypeError(template.format(value=text))
        return value

    return parse


def err(message: str) -> None:
    """A German error line on stderr."""
    print(f"asskomm: {message}", file=sys.stderr)


ENV_PASSPHRASE = "ASSKOMM_PASSPHRASE"


def unlock_keys(store: Any) -> bool:
    """Open the device's private keys if a passphrase protects them: ``$ASSKOMM_PASSPHRASE``, else
    asked on the terminal. False (with the German reason on stderr) if that fails."""
    from storage.keys import KeyError_

    keys = store.keys
    if not keys.locked:
        return True
    passphrase = os.environ.get(ENV_PASSPHRASE)
    if passphrase is None and sys.stdin.isatty():
        import getpass

        passphrase = getpass.getpass(S.CLI_PASSPHRASE_PROMPT)
    try:
        keys.unlock(passphrase)
    except KeyError_ as exc:
        err(exc.message)
        return False
    return True


def warn_backup(store: object) -> None:
    """The daily backup failed when the store opened (a full disk): say so on stderr; the command goes on."""
    warning = getattr(store, "backup_warning", None)
    if warning:
        err(warning)


# -- parsers -----------------------------------------------------------------------------------------
def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Register ``check`` and ``backup list|create|restore``."""
    check = sub.add_parser("check", help=S.CLI_CHECK_HELP, description=S.CLI_CHECK_DESCRIPTION)
    add_db_option(check)

    backup = sub.add_parser("backup", help=S.CLI_BACKUP_HELP, description=S.CLI_BACKUP_DESCRIPTION)
    add_db_option(backup)
    actions = backup.add_subparsers(dest="action", title=S.CLI_ACTIONS, metavar="AKTION", required=True)
    add_db_option(actions.add_parser("list", help=S.CLI_BACKUP_LIST_HELP), 2)
    add_db_option(actions.add_parser("create", help=S.CLI_BACKUP_CREATE_HELP), 2)
    restore = actions.add_parser("restore", help=S.CLI_BACKUP_RESTORE_HELP)
    restore.add_argument("name", metavar="NAME", help=S.CLI_BACKUP_NAME_HELP)
    add_db_option(restore, 2)


# -- commands ----------------------------------------------------------------------------------------
def cmd_check(path: Path) -> int:
    """Verify the store file without opening it as a store (it may be damaged) and without a lock."""
    from storage import StoreNotFoundError
    from storage.check import check_store

    if not path.is_file():
        err(StoreNotFoundError(path).message)
        return 1
    report = check_store(path)
    if report.ok:
        print(f"{path}: {report.summary()}")
        return 0
    print(f"{path}: {report.summary()}", file=sys.stderr)
    for problem in report.problems:
        print(f"  - {problem}", file=sys.stderr)
    return 1


def cmd_backup(path: Path, action: str, name: str = "") -> int:
    """List, create or restore backups of the store at ``path``."""
    from storage import Store, StoreError, StoreNotFoundError
    from storage.backups import MANUAL, BackupManager
    from storage.errors import store_command

    from .formatting import fmt_datetime, fmt_size

    manager = BackupManager(path)
    exists = path.is_file()
    try:
        if action == "list":
            backups = manager.list()
            if not exists and not backups:
                raise StoreNotFoundError(path)
            if not exists:  # the file is gone, its backups are not: the way back
                print(S.CLI_BACKUPS_WITHOUT_STORE.format(
                    path=path, command=store_command(path, "backup", "restore", "NAME")))
            elif not backups:
                print(S.CLI_NO_BACKUPS.format(path=path))
            for b in backups:
                print(f"{b.name}  {fmt_datetime(b.created)}  {S.label(S.BACKUP_REASON, b.reason)}  {fmt_size(b.size)}")
            return 0
        if action == "create":
            if not exists:
                raise StoreNotFoundError(path)
            backup = manager.create(MANUAL)
            print(S.CLI_BACKUP_MADE.format(path=backup.path) if backup else S.CLI_BACKUP_NOTHING.format(path=path))
            return 0
        if not exists and not manager.list():
            raise StoreNotFoundError(path)  # before the lock, which would create the folder
        backup = Store.restore_closed(path, name)
        print(S.CLI_RESTORED.format(name=backup.name, folder=manager.folder))
        return 0
    except StoreError as exc:
        err(exc.message)
        return 1
