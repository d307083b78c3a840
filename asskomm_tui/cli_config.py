"""``asskomm config``: where the settings file is, the settings in effect, and what is wrong in the file.

``asskomm config --keys`` lists every key binding id with its default and its effective key, so that
a user can write a ``[keymap]``. Exit codes: 0 the file is fine (or there is none), 1 it has problems
(printed on stderr; the app uses the defaults for what is wrong). Nothing is written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import strings as S
from .cli_store import err


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``config [--keys]`` with German help texts."""
    from .settings import ENV_CONFIG

    config = sub.add_parser("config", help=S.CLI_CONFIG_HELP,
                            description=S.CLI_CONFIG_DESCRIPTION.format(env=ENV_CONFIG))
    config.add_argument("--keys", action="store_true", help=S.CLI_CONFIG_KEYS_HELP)


def run(args: argparse.Namespace) -> int:
    """Print the settings (and with ``--keys`` every binding); 1 if the file has problems."""
    from .settings import binding_catalogue, load_settings, theme_names

    catalogue = binding_catalogue()
    loaded = load_settings(binding_ids=catalogue)
    settings = loaded.settings
    state = S.CLI_CONFIG_EXISTS if loaded.exists else S.CLI_CONFIG_MISSING
    print(f"{S.CLI_CONFIG_FILE.format(path=loaded.path)} ({state})")
    print(S.CLI_CONFIG_THEME.format(theme=settings.theme))
    print(S.CLI_CONFIG_THEMES.format(themes=", ".join(theme_names())))
    folder = settings.export_folder or S.CLI_CONFIG_FOLDER_NONE.format(home=Path.home())
    print(S.CLI_CONFIG_FOLDER.format(folder=folder))
    print(S.CLI_CONFIG_KEYMAP(len(settings.keymap)))
    for binding_id, keys in settings.keymap.items():
        print(f"  {binding_id} = {keys}")
    if args.keys:
        print()
        _print_keys(catalogue, settings.keymap)
    if loaded.problems:
        err(S.CLI_CONFIG_PROBLEMS(len(loaded.problems), path=loaded.path))
        for problem in loaded.problems:
            err(f"  {problem}")
        return 1
    return 0


def _print_keys(catalogue: dict, keymap: dict[str, str]) -> None:
    """A table of every binding id: default key(s), effective key(s), what it does."""
    rows = [S.CLI_CONFIG_KEYS_HEAD]
    rows += [(info.id, info.key, keymap.get(info.id, info.key), info.description)
             for info in catalogue.values()]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[3])
